/// Completion proposals at a position.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct CompletionRequest: TextDocumentRequest {
    /// `textDocument/completion`
    public static let method = "textDocument/completion"
    /// The parameters.
    public typealias Params = CompletionParams
    /// The result.
    public typealias Response = CompletionList?
}
