import Moltres
import MoltresProtocol

extension LanguageServer {
    /// `textDocument/formatting`: the `moltres fmt` layout as one edit; no edits when the file has syntax errors
    /// (formatting broken code would move the user's text around unpredictably).
    func handleFormatting(_ params: DocumentFormattingParams) throws -> [MoltresProtocol.TextEdit]? {
        let snapshot = try snapshot(params.textDocument.uri)
        switch SourceFormatter.format(snapshot.tree) {
        case .success(let formatted):
            guard formatted != snapshot.text else { return [] }
            let whole = converter(snapshot).range(of: ByteRange(start: 0, end: snapshot.source.bytes.count))
            return [MoltresProtocol.TextEdit(range: whole, newText: formatted)]
        case .failure(let refusal):
            log("not formatting \(snapshot.uri): \(refusal)")
            return []
        }
    }
}
