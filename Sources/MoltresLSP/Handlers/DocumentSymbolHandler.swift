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

    /// A statement on one line for the outline: its tokens (no comments) with the spaces it has within a line; a
    /// line break becomes nothing, or a space after a comma; the parentheses around a whole statement are dropped.
    func summary(of node: SyntaxNode) -> String {
        var tokens = node.tokens.filter { token in
            token.kind != .newline && token.kind != .dedent && token.kind != .indent && token.kind != .endOfFile
        }
        if tokens.count > 2, tokens.first?.kind == .leftParenthesis, tokens.last?.kind == .rightParenthesis {
            // Only when the first parenthesis closes at the last token: `(a).b(c)` keeps them.
            var depth = 0
            var enclosesAll = true
            for token in tokens.dropLast() {
                if token.kind == .leftParenthesis { depth += 1 }
                if token.kind == .rightParenthesis { depth -= 1 }
                if depth == 0 {
                    enclosesAll = false
                    break
                }
            }
            if enclosesAll {
                tokens.removeFirst()
                tokens.removeLast()
            }
        }
        var text = ""
        var previous: SyntaxToken?
        for token in tokens {
            if let previous, previous.range.end < token.range.start {
                let gap = node.tree.source.text(in: ByteRange(start: previous.range.end, end: token.range.start))
                if !gap.contains("\n") || previous.kind == .comma { text += " " }
            }
            // A trailing comma before a closing bracket on the next line reads better without it.
            if previous?.kind == .comma,
                [.rightParenthesis, .rightBracket, .rightBrace].contains(token.kind)
            {
                text.removeLast(text.hasSuffix(" ") ? 2 : 1)
            }
            text += token.text
            previous = token
            if text.utf8.count > 200 { break }
        }
        return text
    }

    /// `textDocument/documentSymbol`: bindings, queries, mutations and `with` blocks (with their statements).
    func handleDocumentSymbol(_ params: DocumentSymbolParams) throws -> [DocumentSymbol]? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        func symbol(_ statement: ClassifiedStatement) -> DocumentSymbol? {
            let range = converter.range(of: contentRange(of: statement.node))
            let oneLine = summary(of: statement.node)
            let summary = oneLine.count > 60 ? String(oneLine.prefix(57)) + "…" : oneLine
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
