/// A document changed.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct DidChangeTextDocumentNotification: LSPNotification {
    /// `textDocument/didChange`
    public static let method = "textDocument/didChange"
    /// The parameters.
    public typealias Params = DidChangeTextDocumentParams
}
