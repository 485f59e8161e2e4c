import Foundation
import Testing

@testable import Moltres

@Suite struct ScriptRunnerTests {
    func makeSession() throws -> Session {
        let session = try Session.connect("sqlite:///:memory:")
        try session.connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        try session.connection.execute("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")
        return session
    }

    func step(_ action: ScriptStep.Action, line: Int) -> ScriptStep {
        ScriptStep(action: action, range: ByteRange(start: 0, end: 1), line: line, column: 1)
    }

    func names(_ session: Session) throws -> [DatabaseValue] {
        try session.connection.collect("SELECT name FROM t ORDER BY id").rows.map { $0[0] }
    }

    @Test func runsQueriesAndMutationsInOrder() throws {
        let session = try makeSession()
        let steps = [
            step(
                .mutation([.delete(table: TableReference(parsing: "t"), where: (col("id") == 3).expression)]), line: 1),
            step(.query(session.table("t").orderBy("id").plan), line: 2),
        ]
        let results = try ScriptRunner(session: session).run(steps)
        #expect(results.map(\.kind) == [.mutation, .query])
        #expect(results.map(\.statementNumber) == [1, 2])
        #expect(results[0].rowCount == 1)
        #expect(results[1].rows == [[1, "a"], [2, "b"]])
        #expect(results[1].columns.map(\.name) == ["id", "name"])
        #expect(results[1].columns[0].typeName == "integer")
        #expect(results[1].sql.contains("SELECT"))
    }

    @Test func rowLimitStopsFetchingAndMarksTruncation() throws {
        let session = try makeSession()
        let runner = ScriptRunner(session: session, options: ScriptRunOptions(rowLimit: 2))
        let results = try runner.run([step(.query(session.table("t").orderBy("id").plan), line: 1)])
        #expect(results[0].rows.count == 2)
        #expect(results[0].truncated)
        let exact = try ScriptRunner(session: session, options: ScriptRunOptions(rowLimit: 3)).run([
            step(.query(session.table("t").plan), line: 1)
        ])
        #expect(!exact[0].truncated)
    }

    /// With a row stream, a query's rows go to it one by one, in order, before its result (which then has no rows
    /// and says how many there were); the row limit holds; queries inside a transaction block and `.tail(n)` are
    /// still collected.
    @Test func rowsStreamOutsideTransactionBlocks() throws {
        let session = try makeSession()
        var events: [String] = []
        let stream = ScriptRowStream(
            begin: { events.append("begin \($0.statementNumber) \($0.columns.map(\.name))") },
            row: { events.append("row \($0)") })
        let plan = session.table("t").orderBy("id").plan
        let steps = [
            step(.query(plan), line: 1),
            step(.transaction([step(.query(plan), line: 3)], readOnly: false), line: 2),
            step(.query(plan, mode: .lastRows(1)), line: 4),
        ]
        let runner = ScriptRunner(session: session, options: ScriptRunOptions(rowLimit: 2))
        try runner.run(steps, rowStream: stream) { result in
            events.append(
                "result \(result.statementNumber) streamed=\(result.rowsWereStreamed) rows=\(result.rows.count) "
                    + "count=\(result.rowCount) truncated=\(result.truncated)")
        }
        #expect(
            events == [
                "begin 1 [\"id\", \"name\"]", "row [1, a]", "row [2, b]",
                "result 1 streamed=true rows=0 count=2 truncated=true",
                "result 2 streamed=false rows=2 count=2 truncated=true",
                "result 3 streamed=false rows=1 count=1 truncated=false",
            ])
    }

    /// `.tail(n)` keeps the last n rows of any length of result (rows are dropped in batches as they are read).
    @Test func lastRowsOfALongResult() throws {
        let session = try makeSession()
        try session.connection.execute(
            "CREATE TABLE big AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000) "
                + "SELECT x AS id FROM c")
        let plan = session.table("big").orderBy("id").plan
        for keep in [1, 3, 64, 500, 999, 1000, 2000] {
            let result = try ScriptRunner(session: session).run([step(.query(plan, mode: .lastRows(keep)), line: 1)])
            let expected = (max(1, 1001 - keep)...1000).map { [DatabaseValue.integer(Int64($0))] }
            #expect(result[0].rows == expected, "tail(\(keep))")
            #expect(result[0].rowCount == expected.count)
        }
    }

    @Test func aFailingTransactionBlockIsRolledBackAndReportsNothing() throws {
        let session = try makeSession()
        let table = TableReference(parsing: "t")
        let block = step(
            .transaction(
                [
                    step(.mutation([.delete(table: table, where: (col("id") == 1).expression)]), line: 2),
                    step(
                        .mutation([
                            .insert(table: table, columns: ["id", "name"], rows: [[.literal(2), .literal("x")]])
                        ]),
                        line: 3),
                ], readOnly: false), line: 1)
        var reported: [StatementResult] = []
        let error = #expect(throws: ScriptError.self) {
            try ScriptRunner(session: session).run([block]) { reported.append($0) }
        }
        #expect(error?.line == 3)
        #expect(error?.code == "MOL6001")
        #expect(reported.isEmpty)
        #expect(try names(session) == ["a", "b", "c"])
        #expect(!session.connection.isInTransaction)
    }

    @Test func readOnlyRefusesMutations() throws {
        let session = try makeSession()
        let runner = ScriptRunner(session: session, options: ScriptRunOptions(readOnly: true))
        let error = #expect(throws: ScriptError.self) {
            try runner.run([step(.mutation([.delete(table: TableReference(parsing: "t"), where: nil)]), line: 4)])
        }
        #expect(error?.code == "MOL5002")
        #expect(try names(session).count == 3)
    }

    @Test func connectSwitchesTheSession() throws {
        let first = try makeSession()
        let second = try makeSession()
        try second.connection.execute("DELETE FROM t WHERE id > 1")
        var targets: [String] = []
        let runner = ScriptRunner(session: first) { target in
            targets.append(target)
            return second
        }
        let results = try runner.run([
            step(.connect("sqlite:///other.db"), line: 1), step(.query(first.table("t").plan), line: 2),
        ])
        #expect(targets == ["sqlite:///other.db"])
        #expect(results[0].rows.count == 1)
    }

    @Test func databaseErrorsAreLocated() throws {
        let session = try makeSession()
        let error = #expect(throws: ScriptError.self) {
            try ScriptRunner(session: session).run([step(.query(session.table("missing").plan), line: 9)])
        }
        #expect(error?.line == 9)
    }
}
