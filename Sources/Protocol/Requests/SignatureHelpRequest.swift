/// Signatures of the call at a position.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/)
public struct SignatureHelpRequest: TextDocumentRequest {
    /// `textDocument/signatureHelp`
    public static let method = "textDocument/signatureHelp"
    /// The parameters.
    public typealias Params = SignatureHelpParams
    /// The result.
    public typealias Response = SignatureHelp?
}
