/// Cancels a request (either direction).
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct CancelRequestNotification: LSPNotification {
    /// `$/cancelRequest`
    public static let method = "$/cancelRequest"
    /// The parameters.
    public typealias Params = CancelParams
}
