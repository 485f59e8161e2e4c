/// The client received the `initialize` result.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct InitializedNotification: LSPNotification {
    /// `initialized`
    public static let method = "initialized"
    /// The parameters.
    public typealias Params = InitializedParams
}
