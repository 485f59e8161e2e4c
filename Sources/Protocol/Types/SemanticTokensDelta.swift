/// Parameters of `textDocument/semanticTokens/range`.
public struct SemanticTokensRangeParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The range whose tokens are wanted.
    public var range: LSPRange

    /// Creates a `SemanticTokensRangeParams`.
    public init(textDocument: TextDocumentIdentifier, range: LSPRange) {
        self.textDocument = textDocument
        self.range = range
    }
}

/// Parameters of `textDocument/semanticTokens/full/delta`.
public struct SemanticTokensDeltaParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The `resultId` of the tokens the client holds.
    public var previousResultId: String

    /// Creates a `SemanticTokensDeltaParams`.
    public init(textDocument: TextDocumentIdentifier, previousResultId: String) {
        self.textDocument = textDocument
        self.previousResultId = previousResultId
    }
}

/// One edit of a token array: replace `deleteCount` integers at `start` with `data`.
public struct SemanticTokensEdit: Codable, Sendable, Hashable {
    /// The index of the first integer replaced.
    public var start: Int
    /// How many integers are removed.
    public var deleteCount: Int
    /// The integers inserted.
    public var data: [UInt32]?

    /// Creates a `SemanticTokensEdit`.
    public init(start: Int, deleteCount: Int, data: [UInt32]? = nil) {
        self.start = start
        self.deleteCount = deleteCount
        self.data = data
    }
}

/// The edits that turn the previous result into the current one.
public struct SemanticTokensDelta: Codable, Sendable, Hashable {
    /// An id for the next delta request.
    public var resultId: String?
    /// The edits, in order.
    public var edits: [SemanticTokensEdit]

    /// Creates a `SemanticTokensDelta`.
    public init(resultId: String? = nil, edits: [SemanticTokensEdit]) {
        self.resultId = resultId
        self.edits = edits
    }
}

/// The result of a delta request: the edits, or all tokens when the previous result is not known.
public enum SemanticTokensDeltaResult: Codable, Sendable, Hashable {
    /// All tokens.
    case full(SemanticTokens)
    /// The edits.
    case delta(SemanticTokensDelta)

    private enum CodingKeys: String, CodingKey { case edits }

    /// Decodes `{edits}` as a delta, anything else as tokens.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.edits) {
            self = .delta(try SemanticTokensDelta(from: decoder))
        } else {
            self = .full(try SemanticTokens(from: decoder))
        }
    }

    /// Encodes the tokens or the delta.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .full(let tokens): try tokens.encode(to: encoder)
        case .delta(let delta): try delta.encode(to: encoder)
        }
    }
}
