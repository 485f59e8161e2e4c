/// A document was saved.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct DidSaveTextDocumentNotification: LSPNotification {
    /// `textDocument/didSave`
    public static let method = "textDocument/didSave"
    /// The parameters.
    public typealias Params = DidSaveTextDocumentParams
}
