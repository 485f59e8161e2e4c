/// Server to client: a log line.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct LogMessageNotification: LSPNotification {
    /// `window/logMessage`
    public static let method = "window/logMessage"
    /// The parameters.
    public typealias Params = LogMessageParams
}
