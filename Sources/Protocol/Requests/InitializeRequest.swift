/// The first request: the client's capabilities in, the server's out.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct InitializeRequest: LSPRequest {
    /// `initialize`
    public static let method = "initialize"
    /// The parameters.
    public typealias Params = InitializeParams
    /// The result.
    public typealias Response = InitializeResult
}
