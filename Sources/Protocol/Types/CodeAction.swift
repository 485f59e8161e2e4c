/// Parameters of `textDocument/codeAction`.
public struct CodeActionParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The selected range.
    public var range: LSPRange
    /// Diagnostics and filters.
    public var context: CodeActionContext

    /// Creates a `CodeActionParams`.
    public init(textDocument: TextDocumentIdentifier, range: LSPRange, context: CodeActionContext) {
        self.textDocument = textDocument
        self.range = range
        self.context = context
    }
}

/// The diagnostics and kinds a code action request is about.
public struct CodeActionContext: Codable, Sendable, Hashable {
    /// Diagnostics overlapping the range.
    public var diagnostics: [Diagnostic]
    /// Requested kinds.
    public var only: [CodeActionKind]?
    /// How it was triggered.
    public var triggerKind: CodeActionTriggerKind?

    /// Creates a `CodeActionContext`.
    public init(diagnostics: [Diagnostic], only: [CodeActionKind]? = nil, triggerKind: CodeActionTriggerKind? = nil) {
        self.diagnostics = diagnostics
        self.only = only
        self.triggerKind = triggerKind
    }
}

/// The kind of a code action; hierarchical with dots.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct CodeActionKind: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: String

    /// Wraps a raw value.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// No kind.
    public static let empty = CodeActionKind(rawValue: "")

    /// A quick fix.
    public static let quickFix = CodeActionKind(rawValue: "quickfix")

    /// A refactoring.
    public static let refactor = CodeActionKind(rawValue: "refactor")

    /// Extract.
    public static let refactorExtract = CodeActionKind(rawValue: "refactor.extract")

    /// Inline.
    public static let refactorInline = CodeActionKind(rawValue: "refactor.inline")

    /// Rewrite.
    public static let refactorRewrite = CodeActionKind(rawValue: "refactor.rewrite")

    /// A whole-file action.
    public static let source = CodeActionKind(rawValue: "source")

    /// Organize imports.
    public static let sourceOrganizeImports = CodeActionKind(rawValue: "source.organizeImports")

    /// Fix all.
    public static let sourceFixAll = CodeActionKind(rawValue: "source.fixAll")
}

/// How code actions were requested.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct CodeActionTriggerKind: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Explicitly.
    public static let invoked = CodeActionTriggerKind(rawValue: 1)

    /// Automatically.
    public static let automatic = CodeActionTriggerKind(rawValue: 2)
}

/// A change offered for a range, such as a quick fix.
public struct CodeAction: Codable, Sendable, Hashable {
    /// The title.
    public var title: String
    /// The kind.
    public var kind: CodeActionKind?
    /// The diagnostics it fixes.
    public var diagnostics: [Diagnostic]?
    /// Whether it is the preferred fix.
    public var isPreferred: Bool?
    /// The edit.
    public var edit: WorkspaceEdit?
    /// A command to run after the edit.
    public var command: Command?
    /// Data kept until resolve.
    public var data: LSPAny?

    /// Creates a `CodeAction`.
    public init(
        title: String, kind: CodeActionKind? = nil, diagnostics: [Diagnostic]? = nil, isPreferred: Bool? = nil,
        edit: WorkspaceEdit? = nil, command: Command? = nil, data: LSPAny? = nil
    ) {
        self.title = title
        self.kind = kind
        self.diagnostics = diagnostics
        self.isPreferred = isPreferred
        self.edit = edit
        self.command = command
        self.data = data
    }
}
