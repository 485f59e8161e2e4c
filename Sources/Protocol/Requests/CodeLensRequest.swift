/// Code lenses of a document.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct CodeLensRequest: TextDocumentRequest {
    /// `textDocument/codeLens`
    public static let method = "textDocument/codeLens"
    /// The parameters.
    public typealias Params = CodeLensParams
    /// The result.
    public typealias Response = [CodeLens]?
}
