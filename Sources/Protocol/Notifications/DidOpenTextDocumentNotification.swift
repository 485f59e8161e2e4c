/// A document was opened.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct DidOpenTextDocumentNotification: LSPNotification {
    /// `textDocument/didOpen`
    public static let method = "textDocument/didOpen"
    /// The parameters.
    public typealias Params = DidOpenTextDocumentParams
}
