/// The symbols of a document.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct DocumentSymbolRequest: TextDocumentRequest {
    /// `textDocument/documentSymbol`
    public static let method = "textDocument/documentSymbol"
    /// The parameters.
    public typealias Params = DocumentSymbolParams
    /// The result.
    public typealias Response = [DocumentSymbol]?
}
