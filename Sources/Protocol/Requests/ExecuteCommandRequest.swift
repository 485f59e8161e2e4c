/// Runs a server command such as `moltres.runQuery`.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct ExecuteCommandRequest: LSPRequest {
    /// `workspace/executeCommand`
    public static let method = "workspace/executeCommand"
    /// The parameters.
    public typealias Params = ExecuteCommandParams
    /// The result.
    public typealias Response = LSPAny?
}
