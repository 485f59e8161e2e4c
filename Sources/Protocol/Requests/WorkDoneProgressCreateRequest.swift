/// Server to client: creates a progress token.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct WorkDoneProgressCreateRequest: LSPRequest {
    /// `window/workDoneProgress/create`
    public static let method = "window/workDoneProgress/create"
    /// The parameters.
    public typealias Params = WorkDoneProgressCreateParams
    /// The result.
    public typealias Response = LSPNull
}
