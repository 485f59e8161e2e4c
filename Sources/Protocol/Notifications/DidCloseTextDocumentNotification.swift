/// A document was closed.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct DidCloseTextDocumentNotification: LSPNotification {
    /// `textDocument/didClose`
    public static let method = "textDocument/didClose"
    /// The parameters.
    public typealias Params = DidCloseTextDocumentParams
}
