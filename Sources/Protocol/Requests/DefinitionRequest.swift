/// Where the symbol at a position is defined.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct DefinitionRequest: TextDocumentRequest {
    /// `textDocument/definition`
    public static let method = "textDocument/definition"
    /// The parameters.
    public typealias Params = DefinitionParams
    /// The result.
    public typealias Response = [Location]?
}
