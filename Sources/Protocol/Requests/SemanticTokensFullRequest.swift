/// Semantic tokens of a whole document.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct SemanticTokensFullRequest: TextDocumentRequest {
    /// `textDocument/semanticTokens/full`
    public static let method = "textDocument/semanticTokens/full"
    /// The parameters.
    public typealias Params = SemanticTokensParams
    /// The result.
    public typealias Response = SemanticTokens?
}
