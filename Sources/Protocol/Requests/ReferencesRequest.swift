/// Where the symbol at a position is used.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct ReferencesRequest: TextDocumentRequest {
    /// `textDocument/references`
    public static let method = "textDocument/references"
    /// The parameters.
    public typealias Params = ReferenceParams
    /// The result.
    public typealias Response = [Location]?
}
