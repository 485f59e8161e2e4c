import Foundation
import Moltres
import Testing

/// The SQL check reuses what it found for statements an edit did not change (`SQLCheckMemo`, one per document in the
/// server): over a sequence of edits its diagnostics are exactly those of compiling each version from scratch.
@Suite struct SQLCheckMemoTests {
    static let original = """
        from moltres import col, lit, connect
        from moltres.expressions import functions as F

        db = connect("sqlite:///shop.db")

        base = db.table("orders").select("id", "amount")
        base.where(col("id") > 10).limit(5).show()
        db.table("orders").select(F.rand(42)).show()
        db.table("orders").select(F.rand(42)).show()
        with db.transaction() as txn:
            db.create_table("notes", [column("id", "INTEGER", primary_key=True), column("body", "TEXT")])
            db.insert("notes", [{"id": 1, "body": "x"}])
            db.table("orders").select(F.rand(7)).show()
        db.table("notes").select("id", "body").show()
        db.update("notes", where=col("id") == 1, set={"body": "y"})
        db.drop_table("notes")
        db.table("customers").select("id").limit(3).show()
        db.table("notes").count()

        """

    /// One step: the text, the catalog and the dialect it is compiled with.
    struct Step {
        var name: String
        var text: String
        var catalog: Catalog
        var dialect: DatabaseKind = .sqlite
    }

    static func steps() -> [Step] {
        let catalog = DiagnosticCatalog.exampleCatalog
        // A schema refresh: `customers` is gone.
        var refreshed = catalog
        refreshed.applySchemaChange(compile("db.drop_table(\"customers\")\n").statements[0].mutations[0])
        let text = original
        func replacing(_ text: String, _ old: String, _ new: String) -> String {
            precondition(text.contains(old), old)
            return text.replacingOccurrences(of: old, with: new)
        }
        let limit = replacing(text, ".limit(5)", ".limit(15)")
        let shifted = "# a comment that moves every statement\n" + limit
        let bindingFails = replacing(shifted, "select(\"id\", \"amount\")", "select(\"id\", F.rand(1).alias(\"r\"))")
        let bindingBack = replacing(
            bindingFails, "select(\"id\", F.rand(1).alias(\"r\"))", "select(\"id\", \"amount\")")
        let noBody = replacing(bindingBack, ", column(\"body\", \"TEXT\")", "")
        let noDrop = replacing(noBody, "db.drop_table(\"notes\")\n", "")
        let syntaxError = replacing(noDrop, "db.table(\"customers\")", "db.table(\"customers\"")
        return [
            Step(name: "open", text: text, catalog: catalog),
            Step(name: "a number in one statement", text: limit, catalog: catalog),
            Step(name: "a line above everything", text: shifted, catalog: catalog),
            Step(name: "a binding used later now fails", text: bindingFails, catalog: catalog),
            Step(name: "the binding back", text: bindingBack, catalog: catalog),
            Step(name: "a created table loses a column", text: noBody, catalog: catalog),
            Step(name: "no drop", text: noDrop, catalog: catalog),
            Step(name: "a syntax error", text: syntaxError, catalog: catalog),
            Step(name: "schema refresh", text: noDrop, catalog: refreshed),
            Step(name: "PostgreSQL", text: noDrop, catalog: refreshed, dialect: .postgresql),
            Step(name: "SQLite again", text: noDrop, catalog: refreshed),
            Step(name: "the old schema", text: original, catalog: catalog),
            Step(name: "the old schema again", text: original, catalog: catalog),
        ]
    }

    @Test func incrementalDiagnosticsEqualAFullCompileAfterEveryEdit() {
        let memo = SQLCheckMemo()
        var reusedAny = false
        for step in Self.steps() {
            let full = compile(step.text, catalog: step.catalog, dialect: step.dialect)
            let tree = parse(SourceText(step.text)).tree
            let incremental = compile(tree, catalog: step.catalog, dialect: step.dialect, memo: memo)
            #expect(incremental.diagnostics == full.diagnostics, "\(step.name)")
            #expect(
                incremental.statements.map(\.isRunnable) == full.statements.map(\.isRunnable), "\(step.name)")
            reusedAny = reusedAny || memo.lastCheck.reused > 0
        }
        #expect(reusedAny)
    }

    /// The memo is used where it can be and not where it cannot: an edit of one statement checks that statement
    /// again and reuses the rest; a binding that changed checks the statements that read it again.
    @Test func anEditChecksAgainOnlyWhatItChanged() {
        let memo = SQLCheckMemo()
        let steps = Self.steps()
        func run(_ step: Step) -> Compilation {
            compile(parse(SourceText(step.text)).tree, catalog: step.catalog, dialect: step.dialect, memo: memo)
        }
        let opened = run(steps[0])
        let everything = memo.lastCheck
        #expect(everything.reused == 1)  // the second of two identical statements
        #expect(everything.checked > 5)
        #expect(opened.diagnostics.filter { $0.code.rawValue == "MOL4001" }.count == 3)

        _ = run(steps[1])  // `.limit(5)` → `.limit(15)`: that statement only.
        #expect(memo.lastCheck.checked == 1)
        #expect(memo.lastCheck.reused == everything.checked + everything.reused - 1)

        // Every statement moved, none changed: all reused, and the reused errors are where the statements are now.
        let shifted = run(steps[2])
        #expect(memo.lastCheck.checked == 0)
        let rand = shifted.diagnostics.filter { $0.code.rawValue == "MOL4001" }
        let bytes = Array(steps[2].text.utf8)
        #expect(rand.count == 3)
        for diagnostic in rand {
            #expect(Array(bytes[diagnostic.range.start..<diagnostic.range.start + 4]) == Array("rand".utf8))
        }

        // `base` now selects F.rand(1): the statement that uses it has the same text but another plan.
        let failing = run(steps[3])
        #expect(memo.lastCheck.checked == 1)
        #expect(failing.diagnostics.filter { $0.code.rawValue == "MOL4001" }.count == 4)

        // A new catalog or dialect checks everything again.
        _ = run(steps[8])
        #expect(memo.lastCheck.reused <= 1)
        _ = run(steps[9])
        #expect(memo.lastCheck.reused <= 1)
    }
}
