import Moltres
import MoltresProtocol

extension LanguageServer {
    /// `textDocument/foldingRange`: multi-line statements (method chains), brackets, `with` blocks and runs of
    /// comment lines.
    func handleFoldingRange(_ params: FoldingRangeParams) throws -> [FoldingRange]? {
        let snapshot = try snapshot(params.textDocument.uri)
        let source = snapshot.source
        var ranges: [Int: FoldingRange] = [:]
        func add(_ startLine: Int, _ endLine: Int, kind: FoldingRangeKind? = nil) {
            guard endLine > startLine else { return }
            if let existing = ranges[startLine], existing.endLine >= endLine { return }
            ranges[startLine] = FoldingRange(startLine: startLine, endLine: endLine, kind: kind)
        }
        func visit(_ node: SyntaxNode) {
            let startLine = source.line(containing: node.range.start)
            let endLine = source.line(containing: max(node.range.start, node.range.end - 1))
            switch node.kind {
            case .bindingStatement, .expressionStatement, .withStatement:
                add(startLine, endLine)
            case .argumentList, .listExpression, .dictExpression, .tupleExpression, .parenthesizedExpression:
                // Keep the closing bracket visible when it sits on its own line.
                let closingOwnLine =
                    node.lastToken.map { token in
                        token.kind.isClosingBracket
                            && source.text(
                                in: ByteRange(start: source.contentRange(ofLine: endLine).start, end: token.range.start)
                            )
                            .allSatisfy(\.isWhitespace)
                    } ?? false
                add(startLine, closingOwnLine ? endLine - 1 : endLine)
            default:
                break
            }
            for child in node.childNodes { visit(child) }
        }
        visit(snapshot.tree.rootNode)
        // Runs of two or more whole-line comments.
        var commentLines: [Int] = []
        for index in snapshot.tree.tokens.indices {
            for piece in snapshot.tree.token(index).leadingTrivia where piece.kind == .comment {
                let line = source.line(containing: piece.range.start)
                let before = source.text(
                    in: ByteRange(start: source.contentRange(ofLine: line).start, end: piece.range.start))
                if before.allSatisfy(\.isWhitespace) { commentLines.append(line) }
            }
        }
        var runStart: Int?
        for (position, line) in commentLines.enumerated() {
            if runStart == nil { runStart = line }
            let next = position + 1 < commentLines.count ? commentLines[position + 1] : nil
            if next != line + 1, let start = runStart {
                if line > start { ranges[start] = FoldingRange(startLine: start, endLine: line, kind: .comment) }
                runStart = nil
            }
        }
        return ranges.values.sorted { $0.startLine < $1.startLine }
    }
}
