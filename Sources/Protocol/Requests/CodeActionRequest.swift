/// Code actions for a range.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct CodeActionRequest: TextDocumentRequest {
    /// `textDocument/codeAction`
    public static let method = "textDocument/codeAction"
    /// The parameters.
    public typealias Params = CodeActionParams
    /// The result.
    public typealias Response = [CommandOrCodeAction]?
}
