/// Folding ranges of a document.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct FoldingRangeRequest: TextDocumentRequest {
    /// `textDocument/foldingRange`
    public static let method = "textDocument/foldingRange"
    /// The parameters.
    public typealias Params = FoldingRangeParams
    /// The result.
    public typealias Response = [FoldingRange]?
}
