/// Server to client: the diagnostics of a document.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct PublishDiagnosticsNotification: LSPNotification {
    /// `textDocument/publishDiagnostics`
    public static let method = "textDocument/publishDiagnostics"
    /// The parameters.
    public typealias Params = PublishDiagnosticsParams
}
