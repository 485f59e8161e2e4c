import Foundation

/// Diagnostics of one file, located in lines and character columns, as `moltres check` prints them.
///
/// Text: `path:line:col: severity: message [CODE]`, 1-based, columns counted in characters, sorted by position.
/// JSON: objects with `file`, `line`, `column`, `endLine`, `endColumn`, `severity`, `code`, `message`, `fixes`.
public struct DiagnosticReport: Sendable {
    /// One located diagnostic.
    public struct Entry: Sendable, Hashable {
        /// The file's path as given.
        public var file: String
        /// 1-based start line.
        public var line: Int
        /// 1-based start column, in characters.
        public var column: Int
        /// 1-based end line.
        public var endLine: Int
        /// 1-based end column (exclusive), in characters.
        public var endColumn: Int
        /// The diagnostic.
        public var diagnostic: Diagnostic
    }

    /// The entries, sorted by line, column, then severity.
    public var entries: [Entry]

    /// Locates `diagnostics` of `source`, read from `path`.
    public init(path: String, source: SourceText, diagnostics: [Diagnostic]) {
        entries = diagnostics.map { diagnostic in
            let range = source.range(of: source.clamp(diagnostic.range), encoding: .utf32)
            return Entry(
                file: path, line: range.start.zeroBasedLine + 1, column: range.start.column + 1,
                endLine: range.end.zeroBasedLine + 1, endColumn: range.end.column + 1, diagnostic: diagnostic)
        }.sorted { left, right in
            (left.line, left.column, left.diagnostic.severity.rawValue, left.diagnostic.code.rawValue)
                < (right.line, right.column, right.diagnostic.severity.rawValue, right.diagnostic.code.rawValue)
        }
    }

    /// Whether any entry is an error.
    public var hasErrors: Bool { entries.contains { $0.diagnostic.severity == .error } }

    /// One `path:line:col: severity: message [CODE]` line per entry, each ending with a newline.
    public var text: String {
        entries.map { Self.line(for: $0) + "\n" }.joined()
    }

    /// `path:line:col: severity: message [CODE]`.
    public static func line(for entry: Entry) -> String {
        let message = entry.diagnostic.message.replacingOccurrences(of: "\n", with: " ")
        return "\(entry.file):\(entry.line):\(entry.column): \(entry.diagnostic.severity): \(message) "
            + "[\(entry.diagnostic.code)]"
    }

    /// The entries as JSON objects (without the surrounding array brackets), for joining across files.
    public var jsonObjects: [String] {
        entries.map { entry in
            let fixes = entry.diagnostic.fixes.map { fix in
                let edits = fix.edits.map {
                    "{\"start\": \($0.range.start), \"end\": \($0.range.end), "
                        + "\"newText\": \(JSONText.string($0.newText))}"
                }
                return "{\"title\": \(JSONText.string(fix.title)), \"edits\": [\(edits.joined(separator: ", "))]}"
            }
            let fields = [
                "\"file\": \(JSONText.string(entry.file))",
                "\"line\": \(entry.line)",
                "\"column\": \(entry.column)",
                "\"endLine\": \(entry.endLine)",
                "\"endColumn\": \(entry.endColumn)",
                "\"severity\": \(JSONText.string(entry.diagnostic.severity.description))",
                "\"code\": \(JSONText.string(entry.diagnostic.code.rawValue))",
                "\"message\": \(JSONText.string(entry.diagnostic.message))",
                "\"fixes\": [\(fixes.joined(separator: ", "))]",
            ]
            return "{" + fields.joined(separator: ", ") + "}"
        }
    }

    /// A JSON array of the objects of several reports.
    public static func jsonArray(_ reports: [DiagnosticReport]) -> String {
        let objects = reports.flatMap(\.jsonObjects)
        if objects.isEmpty { return "[]\n" }
        return "[\n" + objects.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n"
    }
}
