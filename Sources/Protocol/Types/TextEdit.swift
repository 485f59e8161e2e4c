/// Replaces a range with new text.
public struct TextEdit: Codable, Sendable, Hashable {
    /// The range to replace (empty to insert).
    public var range: LSPRange
    /// The replacement.
    public var newText: String

    /// Creates a `TextEdit`.
    public init(range: LSPRange, newText: String) {
        self.range = range
        self.newText = newText
    }
}

/// Edits to one version of a document.
public struct TextDocumentEdit: Codable, Sendable, Hashable {
    /// The document and version the edits apply to.
    public var textDocument: OptionalVersionedTextDocumentIdentifier
    /// The edits.
    public var edits: [TextEdit]

    /// Creates a `TextDocumentEdit`.
    public init(textDocument: OptionalVersionedTextDocumentIdentifier, edits: [TextEdit]) {
        self.textDocument = textDocument
        self.edits = edits
    }
}

/// Changes to several documents.
public struct WorkspaceEdit: Codable, Sendable, Hashable {
    /// Edits by document URI.
    public var changes: [DocumentUri: [TextEdit]]?
    /// Versioned edits, preferred when the client supports them.
    public var documentChanges: [TextDocumentEdit]?

    /// Creates a `WorkspaceEdit`.
    public init(changes: [DocumentUri: [TextEdit]]? = nil, documentChanges: [TextDocumentEdit]? = nil) {
        self.changes = changes
        self.documentChanges = documentChanges
    }
}
