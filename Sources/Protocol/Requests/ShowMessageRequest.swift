/// Server to client: asks the user a question with buttons.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct ShowMessageRequest: LSPRequest {
    /// `window/showMessageRequest`
    public static let method = "window/showMessageRequest"
    /// The parameters.
    public typealias Params = ShowMessageRequestParams
    /// The result.
    public typealias Response = MessageActionItem?
}
