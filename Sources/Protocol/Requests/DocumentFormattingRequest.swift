/// Formats a whole document.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct DocumentFormattingRequest: TextDocumentRequest {
    /// `textDocument/formatting`
    public static let method = "textDocument/formatting"
    /// The parameters.
    public typealias Params = DocumentFormattingParams
    /// The result.
    public typealias Response = [TextEdit]?
}
