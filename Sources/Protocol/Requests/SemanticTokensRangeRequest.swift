/// Semantic tokens of a range of a document.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct SemanticTokensRangeRequest: TextDocumentRequest {
    /// `textDocument/semanticTokens/range`
    public static let method = "textDocument/semanticTokens/range"
    /// The parameters.
    public typealias Params = SemanticTokensRangeParams
    /// The result.
    public typealias Response = SemanticTokens?
}
