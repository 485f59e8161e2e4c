/// Parameters of `textDocument/semanticTokens/full`.
public struct SemanticTokensParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier

    /// Creates a `SemanticTokensParams`.
    public init(textDocument: TextDocumentIdentifier) {
        self.textDocument = textDocument
    }
}

/// Semantic tokens in the relative five-integer encoding.
public struct SemanticTokens: Codable, Sendable, Hashable {
    /// An id for delta requests.
    public var resultId: String?
    /// Per token: delta line, delta start, length, type index, modifier bits.
    public var data: [UInt32]

    /// Creates a `SemanticTokens`.
    public init(resultId: String? = nil, data: [UInt32]) {
        self.resultId = resultId
        self.data = data
    }
}

/// The token type and modifier names the indexes in ``SemanticTokens/data`` refer to.
public struct SemanticTokensLegend: Codable, Sendable, Hashable {
    /// Token types.
    public var tokenTypes: [String]
    /// Token modifiers.
    public var tokenModifiers: [String]

    /// Creates a `SemanticTokensLegend`.
    public init(tokenTypes: [String], tokenModifiers: [String]) {
        self.tokenTypes = tokenTypes
        self.tokenModifiers = tokenModifiers
    }
}

/// The server's semantic tokens support.
public struct SemanticTokensOptions: Codable, Sendable, Hashable {
    /// The legend.
    public var legend: SemanticTokensLegend
    /// Whether ranges are supported.
    public var range: Bool?
    /// Whether whole documents (and deltas) are supported.
    public var full: SemanticTokensFullOptions?

    /// Creates a `SemanticTokensOptions`.
    public init(legend: SemanticTokensLegend, range: Bool? = nil, full: SemanticTokensFullOptions? = nil) {
        self.legend = legend
        self.range = range
        self.full = full
    }
}

/// `full` of ``SemanticTokensOptions``: `true`/`false`, or `{"delta": true}` when deltas are supported too.
public enum SemanticTokensFullOptions: Codable, Sendable, Hashable, ExpressibleByBooleanLiteral {
    /// Whole documents supported (`true`) or not (`false`).
    case supported(Bool)
    /// Whole documents and deltas: `{"delta": Bool}`.
    case delta(Bool)

    private enum CodingKeys: String, CodingKey { case delta }

    /// Creates `.supported`.
    public init(booleanLiteral value: Bool) { self = .supported(value) }

    /// Decodes a Boolean or `{delta}`.
    public init(from decoder: any Decoder) throws {
        if let value = try? decoder.singleValueContainer().decode(Bool.self) {
            self = .supported(value)
        } else {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self = .delta(try container.decodeIfPresent(Bool.self, forKey: .delta) ?? false)
        }
    }

    /// Encodes `true`/`false` or `{"delta": …}`.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .supported(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .delta(let value):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(value, forKey: .delta)
        }
    }
}
