import Moltres
import MoltresProtocol

extension LanguageServer {
    /// `textDocument/codeAction`: the quick fixes of the diagnostics that touch the requested range.
    func handleCodeAction(_ params: CodeActionParams) throws -> [CommandOrCodeAction]? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        let requested = converter.byteRange(of: params.range)
        var actions: [CommandOrCodeAction] = []
        for diagnostic in analysis(of: snapshot).diagnostics {
            let touches = diagnostic.range.start <= requested.end && requested.start <= diagnostic.range.end
            guard touches else { continue }
            let fixes = diagnostic.fixes.isEmpty ? equalityFix(diagnostic, tree: snapshot.tree) : diagnostic.fixes
            guard !fixes.isEmpty else { continue }
            let lsp = lspDiagnostic(diagnostic, converter: converter, uri: snapshot.uri)
            for (index, fix) in fixes.enumerated() {
                let edits = fix.edits.map { edit in
                    MoltresProtocol.TextEdit(range: converter.range(of: edit.range), newText: edit.newText)
                }
                actions.append(
                    .codeAction(
                        CodeAction(
                            title: fix.title, kind: .quickFix, diagnostics: [lsp], isPreferred: index == 0,
                            edit: WorkspaceEdit(changes: [snapshot.uri: edits]))))
            }
        }
        return actions
    }

    /// `=` where a comparison was meant (`where(col("amount") = 5)`), a syntax error: the fix writes `==`. Only
    /// when the `=` follows the end of an operand (`)`, `]`, a literal), never a keyword argument's `name=`.
    func equalityFix(_ diagnostic: Moltres.Diagnostic, tree: SyntaxTree) -> [Moltres.Fix] {
        guard diagnostic.severity == .error, diagnostic.code.rawValue.hasPrefix("MOL1") else { return [] }
        let token = tree.token(at: diagnostic.range.start)
        guard token.kind == .equal, token.range.start == diagnostic.range.start, let previous = token.previous,
            [.rightParenthesis, .rightBracket, .string, .integer, .float].contains(previous.kind)
        else { return [] }
        return [
            Moltres.Fix(title: "Replace '=' with '=='", edits: [Moltres.TextEdit(range: token.range, newText: "==")])
        ]
    }
}
