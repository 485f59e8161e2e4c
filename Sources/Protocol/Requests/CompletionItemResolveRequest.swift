/// Fills in a completion item's details.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct CompletionItemResolveRequest: LSPRequest {
    /// `completionItem/resolve`
    public static let method = "completionItem/resolve"
    /// The parameters.
    public typealias Params = CompletionItem
    /// The result.
    public typealias Response = CompletionItem
}
