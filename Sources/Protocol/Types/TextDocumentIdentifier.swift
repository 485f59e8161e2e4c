/// Names a text document by URI.
public struct TextDocumentIdentifier: Codable, Sendable, Hashable {
    /// The document.
    public var uri: DocumentUri

    /// Creates a `TextDocumentIdentifier`.
    public init(uri: DocumentUri) {
        self.uri = uri
    }
}

/// Names a version of a text document.
public struct VersionedTextDocumentIdentifier: Codable, Sendable, Hashable {
    /// The document.
    public var uri: DocumentUri
    /// The version after the change.
    public var version: Int

    /// Creates a `VersionedTextDocumentIdentifier`.
    public init(uri: DocumentUri, version: Int) {
        self.uri = uri
        self.version = version
    }
}

/// Names a text document and, when known, its version; the version is written as `null` when unknown.
public struct OptionalVersionedTextDocumentIdentifier: Codable, Sendable, Hashable {
    /// The document.
    public var uri: DocumentUri
    /// The version, or `nil` for the file on disk.
    public var version: Int?

    /// Creates a `OptionalVersionedTextDocumentIdentifier`.
    public init(uri: DocumentUri, version: Int? = nil) {
        self.uri = uri
        self.version = version
    }

    private enum CodingKeys: String, CodingKey { case uri, version }

    /// Encodes `version` as `null` when `nil`, as the specification requires.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uri, forKey: .uri)
        try container.encode(version, forKey: .version)
    }
}

/// A text document with its content, sent by `didOpen`.
public struct TextDocumentItem: Codable, Sendable, Hashable {
    /// The document.
    public var uri: DocumentUri
    /// The language, e.g. `moltres`.
    public var languageId: String
    /// The version, increasing with each change.
    public var version: Int
    /// The content.
    public var text: String

    /// Creates a `TextDocumentItem`.
    public init(uri: DocumentUri, languageId: String, version: Int, text: String) {
        self.uri = uri
        self.languageId = languageId
        self.version = version
        self.text = text
    }
}

/// A position in a text document.
public struct TextDocumentPositionParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The position.
    public var position: Position

    /// Creates a `TextDocumentPositionParams`.
    public init(textDocument: TextDocumentIdentifier, position: Position) {
        self.textDocument = textDocument
        self.position = position
    }
}
