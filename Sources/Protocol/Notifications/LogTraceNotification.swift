/// Server to client: a trace line.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct LogTraceNotification: LSPNotification {
    /// `$/logTrace`
    public static let method = "$/logTrace"
    /// The parameters.
    public typealias Params = LogTraceParams
}
