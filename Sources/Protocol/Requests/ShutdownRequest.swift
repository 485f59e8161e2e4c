/// Asks the server to shut down (answered with `null`); `exit` follows.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct ShutdownRequest: LSPRequest {
    /// `shutdown`
    public static let method = "shutdown"
    /// The parameters.
    public typealias Params = LSPNull
    /// The result.
    public typealias Response = LSPNull
}
