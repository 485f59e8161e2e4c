import Foundation
import Testing

@testable import Moltres

@Suite struct CompiledScriptTests {
    let source = SourceText(
        """
        from moltres import col
        db = connect("sqlite:///:memory:")
        big = db.table("t").where(col("id") > 1)
        big
        with db.transaction() as txn:
            db.delete("t", where=col("id") == 1)
            txn.rollback()
        big.tail(2)

        """)

    func describe(_ steps: [ScriptStep]) -> [String] {
        steps.map { step in
            switch step.action {
            case .connect(let target): "\(step.line) connect \(target)"
            case .query(_, let mode): "\(step.line) query \(mode)"
            case .mutation(let mutations): "\(step.line) mutation \(mutations.count)"
            case .transaction(let children, let readOnly):
                "\(step.line) transaction readOnly=\(readOnly) [\(describe(children).joined(separator: ", "))]"
            case .transactionControl(let action): "\(step.line) control \(action)"
            }
        }
    }

    @Test func stepsFollowTheFile() {
        let compilation = compile(source)
        #expect(!compilation.hasErrors)
        #expect(
            describe(ScriptStep.steps(of: compilation.statements, source: source)) == [
                "2 connect sqlite:///:memory:", "4 query rows",
                "5 transaction readOnly=false [6 mutation 1, 7 control rollback]", "8 query lastRows(2)",
            ])
        #expect(
            describe(ScriptStep.steps(of: compilation.statements, source: source, includeConnects: false)).first
                == "4 query rows")
    }

    @Test func listingHasLineHeadersAndParameters() throws {
        let compilation = compile(source)
        let listing = SQLListing(source: source, catalog: .empty, dialect: .postgresql, pretty: false)
        let text = try listing.render(compilation.statements).get()
        #expect(text.contains("-- line 4\nWITH \"big\" AS (SELECT"))
        #expect(text.contains("$1"))
        #expect(text.contains("-- parameters: [1]"))
        #expect(text.contains("-- line 5: transaction\nBEGIN;"))
        #expect(text.contains("-- line 7: txn.rollback()"))
        #expect(text.contains("COMMIT;"))
    }

    @Test func runningACompiledFile() throws {
        let session = try Session.connect("sqlite:///:memory:")
        try session.connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        try session.connection.execute("INSERT INTO t VALUES (1), (2), (3), (4)")
        let compilation = compile(source.text, catalog: try session.catalog(), dialect: .sqlite)
        let steps = ScriptStep.steps(of: compilation.statements, source: source, includeConnects: false)
        let results = try ScriptRunner(session: session).run(steps)
        #expect(results.map(\.rows) == [[[2], [3], [4]], [], [[3], [4]]])
        #expect(try session.connection.collect("SELECT count(*) FROM t").rows == [[4]])
    }
}

@Suite struct CompiledRunTests {
    @Test func aCompilationWithErrorsRunsNothing() throws {
        let session = try Session.connect("sqlite:///:memory:")
        try session.connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        let compilation = compile("db.delete(\"t\", where=col(\"id\") > 0)\nx = (\n", catalog: try session.catalog())
        var results: [StatementResult] = []
        let error = #expect(throws: ScriptError.self) {
            try ScriptRunner(session: session).run(compilation) { results.append($0) }
        }
        #expect(error?.line == 2)
        #expect(results.isEmpty)
    }

    @Test func oneStatement() throws {
        let session = try Session.connect("sqlite:///:memory:")
        try session.connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
        try session.connection.execute("INSERT INTO t VALUES (1), (2)")
        let compilation = compile(
            "db.table(\"t\").count()\ndb.table(\"t\").where(col(\"id\") == 2)\n", catalog: try session.catalog())
        var results: [StatementResult] = []
        try ScriptRunner(session: session).run(compilation.statements[1], of: compilation) { results.append($0) }
        #expect(results.map(\.rows) == [[[2]]])
        #expect(results.first?.line == 2)
    }
}
