/// Server to client: registers capabilities dynamically (the server uses it to have the client watch files).
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#client_registerCapability)
public struct RegistrationRequest: LSPRequest {
    /// `client/registerCapability`
    public static let method = "client/registerCapability"
    /// The parameters.
    public typealias Params = RegistrationParams
    /// The result.
    public typealias Response = LSPNull
}
