/// Asks the server to exit.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct ExitNotification: LSPNotification {
    /// `exit`
    public static let method = "exit"
    /// The parameters.
    public typealias Params = LSPNull
}
