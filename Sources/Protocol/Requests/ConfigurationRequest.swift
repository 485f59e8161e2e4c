/// Server to client: fetches configuration sections.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct ConfigurationRequest: LSPRequest {
    /// `workspace/configuration`
    public static let method = "workspace/configuration"
    /// The parameters.
    public typealias Params = ConfigurationParams
    /// The result.
    public typealias Response = [LSPAny]
}
