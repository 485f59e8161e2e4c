/// Parameters of `textDocument/definition`.
public struct DefinitionParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The position.
    public var position: Position

    /// Creates a `DefinitionParams`.
    public init(textDocument: TextDocumentIdentifier, position: Position) {
        self.textDocument = textDocument
        self.position = position
    }
}
