/// Server to client: a message to show.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct ShowMessageNotification: LSPNotification {
    /// `window/showMessage`
    public static let method = "window/showMessage"
    /// The parameters.
    public typealias Params = ShowMessageParams
}
