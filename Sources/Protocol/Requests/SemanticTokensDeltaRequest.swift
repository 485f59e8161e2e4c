/// The change of a document's semantic tokens since an earlier result.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct SemanticTokensDeltaRequest: TextDocumentRequest {
    /// `textDocument/semanticTokens/full/delta`
    public static let method = "textDocument/semanticTokens/full/delta"
    /// The parameters.
    public typealias Params = SemanticTokensDeltaParams
    /// The result.
    public typealias Response = SemanticTokensDeltaResult?
}
