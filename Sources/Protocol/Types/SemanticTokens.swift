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
    /// Whether whole documents are supported.
    public var full: Bool?

    /// Creates a `SemanticTokensOptions`.
    public init(legend: SemanticTokensLegend, range: Bool? = nil, full: Bool? = nil) {
        self.legend = legend
        self.range = range
        self.full = full
    }
}
