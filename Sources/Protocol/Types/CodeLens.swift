/// Parameters of `textDocument/codeLens`.
public struct CodeLensParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier

    /// Creates a `CodeLensParams`.
    public init(textDocument: TextDocumentIdentifier) {
        self.textDocument = textDocument
    }
}

/// A command shown above source text.
public struct CodeLens: Codable, Sendable, Hashable {
    /// The range it belongs to.
    public var range: LSPRange
    /// The command; resolved later when absent.
    public var command: Command?
    /// Data kept until resolve.
    public var data: LSPAny?

    /// Creates a `CodeLens`.
    public init(range: LSPRange, command: Command? = nil, data: LSPAny? = nil) {
        self.range = range
        self.command = command
        self.data = data
    }
}
