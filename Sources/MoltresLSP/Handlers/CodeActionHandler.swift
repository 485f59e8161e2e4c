import Moltres
import MoltresProtocol

extension LanguageServer {
    /// `textDocument/codeAction`: the quick fixes of the diagnostics that touch the requested range.
    func handleCodeAction(_ params: CodeActionParams) throws -> [CommandOrCodeAction]? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        let requested = converter.byteRange(of: params.range)
        var actions: [CommandOrCodeAction] = []
        for diagnostic in analysis(of: snapshot).diagnostics where !diagnostic.fixes.isEmpty {
            let touches = diagnostic.range.start <= requested.end && requested.start <= diagnostic.range.end
            guard touches else { continue }
            let lsp = lspDiagnostic(diagnostic, converter: converter, uri: snapshot.uri)
            for (index, fix) in diagnostic.fixes.enumerated() {
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
}
