/// Checks that a rename is possible at a position.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct PrepareRenameRequest: TextDocumentRequest {
    /// `textDocument/prepareRename`
    public static let method = "textDocument/prepareRename"
    /// The parameters.
    public typealias Params = PrepareRenameParams
    /// The result.
    public typealias Response = PrepareRenameResult?
}
