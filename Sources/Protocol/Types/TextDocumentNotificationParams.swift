/// Parameters of `initialized` (an empty object).
public struct InitializedParams: Codable, Sendable, Hashable {

    /// Creates a `InitializedParams`.
    public init() {
    }
}

/// Parameters of `textDocument/didOpen`.
public struct DidOpenTextDocumentParams: Codable, Sendable, Hashable {
    /// The opened document.
    public var textDocument: TextDocumentItem

    /// Creates a `DidOpenTextDocumentParams`.
    public init(textDocument: TextDocumentItem) {
        self.textDocument = textDocument
    }
}

/// Parameters of `textDocument/didChange`.
public struct DidChangeTextDocumentParams: Codable, Sendable, Hashable {
    /// The document and its new version.
    public var textDocument: VersionedTextDocumentIdentifier
    /// The changes, applied in order.
    public var contentChanges: [TextDocumentContentChangeEvent]

    /// Creates a `DidChangeTextDocumentParams`.
    public init(textDocument: VersionedTextDocumentIdentifier, contentChanges: [TextDocumentContentChangeEvent]) {
        self.textDocument = textDocument
        self.contentChanges = contentChanges
    }
}

/// Parameters of `textDocument/didClose`.
public struct DidCloseTextDocumentParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The closed document.
    public var textDocument: TextDocumentIdentifier

    /// Creates a `DidCloseTextDocumentParams`.
    public init(textDocument: TextDocumentIdentifier) {
        self.textDocument = textDocument
    }
}

/// Parameters of `textDocument/didSave`.
public struct DidSaveTextDocumentParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The saved document.
    public var textDocument: TextDocumentIdentifier
    /// The text, when requested.
    public var text: String?

    /// Creates a `DidSaveTextDocumentParams`.
    public init(textDocument: TextDocumentIdentifier, text: String? = nil) {
        self.textDocument = textDocument
        self.text = text
    }
}
