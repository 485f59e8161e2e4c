/// Watched files changed.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct DidChangeWatchedFilesNotification: LSPNotification {
    /// `workspace/didChangeWatchedFiles`
    public static let method = "workspace/didChangeWatchedFiles"
    /// The parameters.
    public typealias Params = DidChangeWatchedFilesParams
}
