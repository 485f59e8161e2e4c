/// Hover information at a position.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct HoverRequest: TextDocumentRequest {
    /// `textDocument/hover`
    public static let method = "textDocument/hover"
    /// The parameters.
    public typealias Params = HoverParams
    /// The result.
    public typealias Response = Hover?
}
