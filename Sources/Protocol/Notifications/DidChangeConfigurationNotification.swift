/// The client's settings changed.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct DidChangeConfigurationNotification: LSPNotification {
    /// `workspace/didChangeConfiguration`
    public static let method = "workspace/didChangeConfiguration"
    /// The parameters.
    public typealias Params = DidChangeConfigurationParams
}
