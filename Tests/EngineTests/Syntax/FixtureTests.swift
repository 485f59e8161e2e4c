import Foundation
import Testing

@testable import Moltres

/// Each `Fixtures/<name>.moltres` has its expected tree and diagnostics in `<name>.tree` and, when it has no syntax
/// errors, its canonical layout in `<name>.formatted`. Run with `MOLTRES_UPDATE_FIXTURES=1` to rewrite them.
@Suite struct FixtureTests {
    @Test(arguments: SyntaxTestSupport.fixtureNames())
    func treeAndDiagnostics(name: String) throws {
        let source = SourceText(bytes: SyntaxTestSupport.fixtureBytes(name))
        let (tree, _) = parse(source)
        SyntaxTestSupport.checkInvariants(source, tree)
        try compare(SyntaxTestSupport.describe(tree), with: name + ".tree")
    }

    @Test(arguments: SyntaxTestSupport.fixtureNames())
    func formatting(name: String) throws {
        let source = SourceText(bytes: SyntaxTestSupport.fixtureBytes(name))
        let (tree, _) = parse(source)
        switch SourceFormatter.format(tree) {
        case .success(let formatted):
            try compare(formatted, with: name + ".formatted")
            #expect(format(parse(formatted).tree) == formatted, "idempotent")
            #expect(parse(formatted).diagnostics.isEmpty)
            #expect(comments(of: tree) == comments(of: parse(formatted).tree), "every comment kept")
        case .failure(let reason):
            #expect(tree.hasErrors, "refused without errors: \(reason)")
        }
    }

    private func compare(_ actual: String, with file: String) throws {
        let url = SyntaxTestSupport.fixturesDirectory.appendingPathComponent(file)
        if SyntaxTestSupport.updateFixtures {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected =
            (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing \(file); run with MOLTRES_UPDATE_FIXTURES=1>"
        #expect(actual == expected, "\(file) differs; run with MOLTRES_UPDATE_FIXTURES=1 and review the diff")
    }
}

/// The texts of all comments in `tree`, in order.
func comments(of tree: SyntaxTree) -> [String] {
    tree.tokens.indices.flatMap { index in
        tree.token(index).leadingTrivia.filter { $0.kind == .comment }.map {
            tree.source.text(in: $0.range).trimmingCharacters(in: .whitespaces)
        }
    }
}
