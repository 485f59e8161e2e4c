import Moltres
import MoltresProtocol

extension LanguageServer {
    /// A statement's range without its trailing line break and dedents, so a symbol ends where its text does.
    func contentRange(of node: SyntaxNode) -> ByteRange {
        let last = node.tokens.last { token in
            token.kind != .newline && token.kind != .dedent && token.kind != .indent && token.kind != .endOfFile
        }
        return ByteRange(start: node.range.start, end: max(node.range.start, last?.range.end ?? node.range.end))
    }

    /// `textDocument/documentSymbol`: bindings, queries, mutations and `with` blocks (with their statements).
    func handleDocumentSymbol(_ params: DocumentSymbolParams) throws -> [DocumentSymbol]? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        func symbol(_ statement: ClassifiedStatement) -> DocumentSymbol? {
            let range = converter.range(of: contentRange(of: statement.node))
            let firstLine = statement.node.text.split(separator: "\n").first.map(String.init) ?? ""
            let summary = firstLine.count > 60 ? String(firstLine.prefix(57)) + "…" : firstLine
            switch statement.kind {
            case .binding, .query, .mutation:
                let nameToken = BindingStatement(statement.node)?.nameToken
                let selection = nameToken.map { converter.range(of: $0.range) } ?? range
                let kind: SymbolKind =
                    statement.kind == .mutation ? .event : statement.name != nil ? .variable : .function
                return DocumentSymbol(
                    name: statement.name ?? summary, detail: statement.kind.rawValue, kind: kind, range: range,
                    selectionRange: selection)
            case .transaction:
                let alias = WithStatement(statement.node)?.aliasToken
                return DocumentSymbol(
                    name: "with " + (statement.name ?? "transaction"), detail: "transaction", kind: .namespace,
                    range: range, selectionRange: alias.map { converter.range(of: $0.range) } ?? range,
                    children: statement.children.compactMap(symbol))
            case .other:
                return nil
            }
        }
        return StatementClassifier.classify(snapshot.tree.root.statements).compactMap(symbol)
    }
}
