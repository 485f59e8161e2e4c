/// Renames the symbol at a position.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct RenameRequest: TextDocumentRequest {
    /// `textDocument/rename`
    public static let method = "textDocument/rename"
    /// The parameters.
    public typealias Params = RenameParams
    /// The result.
    public typealias Response = WorkspaceEdit?
}
