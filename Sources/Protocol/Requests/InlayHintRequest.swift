/// Inlay hints for a range.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct InlayHintRequest: TextDocumentRequest {
    /// `textDocument/inlayHint`
    public static let method = "textDocument/inlayHint"
    /// The parameters.
    public typealias Params = InlayHintParams
    /// The result.
    public typealias Response = [InlayHint]?
}
