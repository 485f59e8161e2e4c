import Moltres
import MoltresProtocol

extension LanguageServer {
    /// `textDocument/codeLens`: "Run", "SQL" and "Explain" above every runnable statement (queries and
    /// mutations, also inside `with` blocks), each with the argument `{uri, position}`.
    func handleCodeLens(_ params: CodeLensParams) throws -> [CodeLens]? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        var lenses: [CodeLens] = []
        func visit(_ statement: ClassifiedStatement) {
            statement.children.forEach(visit)
            guard statement.kind == .query || statement.kind == .mutation else { return }
            let start = converter.position(of: statement.node.range.start)
            let range = LSPRange(start: start, end: start)
            let argument: LSPAny = [
                "uri": .string(snapshot.uri),
                "position": ["line": .integer(Int64(start.line)), "character": .integer(Int64(start.character))],
            ]
            let run = statement.kind == .mutation ? "▶ Run (writes)" : "▶ Run"
            lenses.append(
                CodeLens(range: range, command: Command(title: run, command: "moltres.runQuery", arguments: [argument]))
            )
            lenses.append(
                CodeLens(
                    range: range, command: Command(title: "SQL", command: "moltres.showSQL", arguments: [argument])))
            if statement.kind == .query {
                lenses.append(
                    CodeLens(
                        range: range,
                        command: Command(title: "Explain", command: "moltres.explain", arguments: [argument])))
            }
        }
        // The compiler knows which statements can run; bindings of DataFrames get a preview lens too.
        let compilation = analysis(of: snapshot).compilation
        func visitCompiled(_ statement: CompiledStatement) {
            statement.children.forEach(visitCompiled)
            if statement.kind == .transaction {
                // The whole block, as one transaction.
                let start = converter.position(of: statement.range.start)
                let argument: LSPAny = [
                    "uri": .string(snapshot.uri),
                    "position": ["line": .integer(Int64(start.line)), "character": .integer(Int64(start.character))],
                ]
                let writes = statement.children.contains { $0.kind == .mutation }
                lenses.append(
                    CodeLens(
                        range: LSPRange(start: start, end: start),
                        command: Command(
                            title: writes ? "▶ Run block (writes)" : "▶ Run block", command: "moltres.runQuery",
                            arguments: [argument])))
                return
            }
            guard statement.isPreviewable else { return }
            let node = snapshot.tree.statement(containing: statement.range.start) ?? snapshot.tree.rootNode
            visit(
                ClassifiedStatement(
                    node: node, kind: statement.kind == .mutation ? .mutation : .query, name: statement.bindingName,
                    children: []))
        }
        if compilation.statements.isEmpty {
            StatementClassifier.classify(snapshot.tree.root.statements).forEach(visit)
        } else {
            compilation.statements.forEach(visitCompiled)
        }
        return lenses
    }
}
