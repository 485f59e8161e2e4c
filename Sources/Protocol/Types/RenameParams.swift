/// Parameters of `textDocument/rename`.
public struct RenameParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The position.
    public var position: Position
    /// The new name.
    public var newName: String

    /// Creates a `RenameParams`.
    public init(textDocument: TextDocumentIdentifier, position: Position, newName: String) {
        self.textDocument = textDocument
        self.position = position
        self.newName = newName
    }
}

/// Parameters of `textDocument/prepareRename`.
public struct PrepareRenameParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The position.
    public var position: Position

    /// Creates a `PrepareRenameParams`.
    public init(textDocument: TextDocumentIdentifier, position: Position) {
        self.textDocument = textDocument
        self.position = position
    }
}

/// The result of `textDocument/prepareRename` in its `{ range, placeholder }` form.
public struct PrepareRenameResult: Codable, Sendable, Hashable {
    /// The range to rename.
    public var range: LSPRange
    /// The text offered for editing.
    public var placeholder: String

    /// Creates a `PrepareRenameResult`.
    public init(range: LSPRange, placeholder: String) {
        self.range = range
        self.placeholder = placeholder
    }
}
