/// Parameters of `textDocument/references`.
public struct ReferenceParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The position.
    public var position: Position
    /// Options.
    public var context: ReferenceContext

    /// Creates a `ReferenceParams`.
    public init(textDocument: TextDocumentIdentifier, position: Position, context: ReferenceContext) {
        self.textDocument = textDocument
        self.position = position
        self.context = context
    }
}

/// Options of a references request.
public struct ReferenceContext: Codable, Sendable, Hashable {
    /// Whether to include the declaration.
    public var includeDeclaration: Bool

    /// Creates a `ReferenceContext`.
    public init(includeDeclaration: Bool) {
        self.includeDeclaration = includeDeclaration
    }
}
