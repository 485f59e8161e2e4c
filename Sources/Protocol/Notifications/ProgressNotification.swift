/// Server to client: work-done progress.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct ProgressNotification: LSPNotification {
    /// `$/progress`
    public static let method = "$/progress"
    /// The parameters.
    public typealias Params = ProgressParams
}
