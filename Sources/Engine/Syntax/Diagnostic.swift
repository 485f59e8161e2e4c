/// How serious a diagnostic is; the raw values are those of the LSP `DiagnosticSeverity`.
public enum DiagnosticSeverity: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file cannot be compiled or run.
    case error = 1
    /// The file compiles, but something is probably wrong.
    case warning = 2
    /// Something worth knowing.
    case information = 3
    /// A suggestion, usually shown faintly.
    case hint = 4

    /// Orders by seriousness: `error` is the smallest.
    public static func < (left: DiagnosticSeverity, right: DiagnosticSeverity) -> Bool {
        left.rawValue < right.rawValue
    }

    /// `error`, `warning`, `information` or `hint`, as `moltres check` prints it.
    public var description: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .information: "information"
        case .hint: "hint"
        }
    }
}

/// A stable diagnostic code such as `MOL1001`.
///
/// Codes never change meaning once released. The families are `MOL1xxx` syntax, `MOL2xxx` names and types,
/// `MOL3xxx` API misuse, `MOL4xxx` dialect support, `MOL5xxx` safety, `MOL6xxx` database errors, `MOL7xxx`
/// performance hints. Each stage declares its codes as static members in an extension.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The code's text, e.g. `MOL1001`.
    public let rawValue: String

    /// Creates a code from its text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a code from its text.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Orders codes by their text.
    public static func < (left: DiagnosticCode, right: DiagnosticCode) -> Bool { left.rawValue < right.rawValue }

    /// The code's text.
    public var description: String { rawValue }
}

/// One replacement of a byte range by new text; an empty range inserts.
public struct TextEdit: Hashable, Sendable {
    /// The bytes to replace.
    public var range: ByteRange
    /// The text that replaces them.
    public var newText: String

    /// Creates an edit.
    public init(range: ByteRange, newText: String) {
        self.range = range
        self.newText = newText
    }
}

/// A named set of edits that resolves a diagnostic, shown as a quick fix.
public struct Fix: Hashable, Sendable {
    /// What the fix does, e.g. "Replace `and` with `&`".
    public var title: String
    /// The edits, with non-overlapping ranges in the original text.
    public var edits: [TextEdit]

    /// Creates a fix.
    public init(title: String, edits: [TextEdit]) {
        self.title = title
        self.edits = edits
    }
}

/// Another place in the file that explains a diagnostic, e.g. the `(` that a missing `)` should close.
public struct RelatedInformation: Hashable, Sendable {
    /// The related bytes.
    public var range: ByteRange
    /// What is there.
    public var message: String

    /// Creates related information.
    public init(range: ByteRange, message: String) {
        self.range = range
        self.message = message
    }
}

/// A problem found in a source file, by any stage.
///
/// Ranges are UTF-8 byte ranges of the file; convert them with ``SourceText/range(of:encoding:)``.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The stable code.
    public var code: DiagnosticCode
    /// How serious it is.
    public var severity: DiagnosticSeverity
    /// Where it is; may be empty (an insertion point).
    public var range: ByteRange
    /// The message for the user, saying what is wrong and what to write instead.
    public var message: String
    /// Other places that explain it.
    public var related: [RelatedInformation]
    /// Quick fixes.
    public var fixes: [Fix]

    /// Creates a diagnostic.
    public init(
        code: DiagnosticCode, severity: DiagnosticSeverity = .error, range: ByteRange, message: String,
        related: [RelatedInformation] = [], fixes: [Fix] = []
    ) {
        self.code = code
        self.severity = severity
        self.range = range
        self.message = message
        self.related = related
        self.fixes = fixes
    }

    /// `start..<end: severity: message [CODE]`.
    public var description: String { "\(range): \(severity): \(message) [\(code)]" }
}
