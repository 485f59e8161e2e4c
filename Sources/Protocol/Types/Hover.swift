/// Parameters of `textDocument/hover`.
public struct HoverParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The hovered position.
    public var position: Position

    /// Creates a `HoverParams`.
    public init(textDocument: TextDocumentIdentifier, position: Position) {
        self.textDocument = textDocument
        self.position = position
    }
}

/// The result of a hover.
public struct Hover: Codable, Sendable, Hashable {
    /// What to show.
    public var contents: MarkupContent
    /// The range hovered, for highlighting.
    public var range: LSPRange?

    /// Creates a `Hover`.
    public init(contents: MarkupContent, range: LSPRange? = nil) {
        self.contents = contents
        self.range = range
    }
}
