/// Changes the trace setting.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct SetTraceNotification: LSPNotification {
    /// `$/setTrace`
    public static let method = "$/setTrace"
    /// The parameters.
    public typealias Params = SetTraceParams
}
