import Foundation
import Moltres
import MoltresProtocol
import Testing

@testable import MoltresLSP

/// The `moltres.*` commands against the demo shop database.
@Suite struct CommandTests {
    private func argument(_ test: TestServer, _ position: Position, _ extra: [String: LSPAny] = [:]) -> LSPAny {
        var object: [String: LSPAny] = [
            "uri": .string(test.uri()),
            "position": ["line": .integer(Int64(position.line)), "character": .integer(Int64(position.character))],
        ]
        for (key, value) in extra { object[key] = value }
        return .object(JSONObject(object.map { JSONObject.Entry(key: $0.key, value: $0.value) }))
    }

    @Test func showSQLInBothDialectsAndForTheFile() async throws {
        let test = try await TestServer()
        let markers = test.open("1️⃣db.table(\"orders\").select().where(col(\"amount\") > 100).limit(5)\n")
        let position = try #require(markers["1️⃣"])
        let sqlite = try await test.command("moltres.showSQL", argument(test, position))
        #expect(sqlite?["dialect"] == "sqlite")
        #expect(sqlite?["sql"]?.stringValue?.contains("\"orders\"") == true)
        #expect(sqlite?["parameters"]?.arrayValue?.count == 2)
        let postgres = try await test.command("moltres.showSQL", argument(test, position, ["dialect": "postgresql"]))
        #expect(postgres?["dialect"] == "postgresql")
        let file = try await test.command("moltres.showSQL", ["uri": .string(test.uri()), "scope": "file"])
        #expect(file?["statements"]?.arrayValue?.count == 1)
    }

    @Test func runQueryAppliesTheRowLimit() async throws {
        let test = try await TestServer()
        let markers = test.open("1️⃣db.table(\"orders\").select()\n")
        let result = try await test.command(
            "moltres.runQuery", argument(test, try #require(markers["1️⃣"]), ["limit": 3]))
        #expect(result?["rowCount"] == 3)
        #expect(result?["truncated"] == true)
        #expect(result?["columns"]?[0]?["name"] == "id")
        #expect(result?["rows"]?.arrayValue?.count == 3)
        #expect(result?["sql"]?.stringValue?.isEmpty == false)
    }

    @Test func writesNeedConfirmation() async throws {
        let test = try await TestServer()
        let markers = test.open("1️⃣db.update(\"orders\", where=col(\"id\") == 1, set={\"status\": \"checked\"})\n")
        let position = try #require(markers["1️⃣"])
        let refused = try await test.command("moltres.runQuery", argument(test, position))
        #expect(refused?["needsConfirmation"] == true)
        let done = try await test.command("moltres.runQuery", argument(test, position, ["confirmed": true]))
        #expect(done?["kind"] == "mutation")
        #expect(done?["rowCount"] == 1)
    }

    @Test func runFileAndExplain() async throws {
        let test = try await TestServer()
        let markers = test.open("1️⃣db.table(\"customers\").select().limit(2)\ndb.table(\"orders\").select().count()\n")
        let file = try await test.command("moltres.runFile", ["uri": .string(test.uri())])
        let statements = try #require(file?["statements"]?.arrayValue)
        #expect(statements.count == 2)
        #expect(statements.first?["line"] == 1)
        let explain = try await test.command("moltres.explain", argument(test, try #require(markers["1️⃣"])))
        #expect(explain?["plan"]?.stringValue?.isEmpty == false)
    }

    @Test func databaseErrorsBecomeDiagnostics() async throws {
        let test = try await TestServer.withTableDroppedBehindItsBack("scratch")
        let markers = test.open("1️⃣db.table(\"scratch\").select()\n")
        await #expect(throws: ResponseError.self) {
            _ = try await test.command("moltres.runQuery", argument(test, try #require(markers["1️⃣"])))
        }
        let diagnostics = try await test.waitForDiagnostics(test.uri()) {
            $0.contains { $0.code == .string("MOL6001") }
        }
        #expect(diagnostics.contains { $0.code == .string("MOL6001") })
    }

    @Test func functionsMoltresRegistersOnSQLiteArePreparedAndExplained() async throws {
        let test = try await TestServer.withTableDroppedBehindItsBack("vanished")
        // Line 0 uses functions SQLite has only through Moltres (moltres_upper, moltres_md5, moltres_lpad): they
        // prepare on the validation connection; line 1 fails on the database, so validation ran.
        let markers = test.open(
            """
            1️⃣db.table("orders").select(F.upper(col("status")).alias("u"), F.md5(col("status")).alias("h"), F.lpad(col("status"), 12).alias("p"))
            db.table("vanished").select()

            """)
        let diagnostics = try await test.waitForDiagnostics(test.uri()) {
            $0.contains { $0.code == .string("MOL6001") }
        }
        #expect(diagnostics.map(\.range.start.line) == [1], "\(diagnostics.map(\.message))")
        let explain = try await test.command("moltres.explain", argument(test, try #require(markers["1️⃣"])))
        #expect(explain?["plan"]?.stringValue?.contains("orders") == true)
    }

    @Test func queriesAfterTheFileChangesTheSchemaAreNotPreparedOnTheDatabase() async throws {
        let test = try await TestServer.withTableDroppedBehindItsBack("vanished", keeping: ["scratch"])
        // Line 0 fails on the database (so validation ran); line 3 reads a table the file creates, which the
        // database does not have until the file runs: no MOL6001 there.
        test.open(
            """
            db.table("vanished").select()
            db.drop_table("scratch")
            db.create_table("notes", [column("id", "INTEGER"), column("body", "TEXT")])
            db.sql("SELECT body FROM notes").show()

            """)
        let diagnostics = try await test.waitForDiagnostics(test.uri()) {
            $0.contains { $0.code == .string("MOL6001") }
        }
        #expect(diagnostics.filter { $0.code == .string("MOL6001") }.map(\.range.start.line) == [0])
        #expect(diagnostics.count == 1, "\(diagnostics)")
    }
}

@Suite struct TransactionCommandTests {
    /// A server whose workspace database has an empty `ledger` table, with the schema loaded.
    func serverWithLedger() async throws -> (TestServer, any DatabaseConnection) {
        let test = try await TestServer()
        let database = try Database.open("sqlite:///" + test.workspace.appendingPathComponent("shop.db").path)
        try database.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, note TEXT NOT NULL)")
        _ = try await test.command("moltres.refreshSchema", [:])
        return (test, database)
    }

    /// A `with db.transaction()` block had no lens and "Run" on its header answered "it is not a query or a write
    /// statement": the block could only run statement by statement, each outside the transaction. Its header has
    /// "▶ Run block" now, which runs the block as one transaction (all or nothing).
    @Test func runQueryOnAWithHeaderRunsTheBlockAsOneTransaction() async throws {
        let (test, database) = try await serverWithLedger()
        test.open(
            """
            with db.transaction() as txn:
                db.insert("ledger", [{"id": 1, "note": "first"}])
                db.insert("ledger", [{"id": 2, "note": "second"}])
            with db.transaction() as txn:
                db.insert("ledger", [{"id": 3, "note": "third"}])
                db.insert("ledger", [{"id": 1, "note": "duplicate key"}])

            """)
        let lenses = try await test.client.send(
            request: CodeLensRequest.self, params: CodeLensParams(textDocument: TextDocumentIdentifier(uri: test.uri()))
        )
        let blockLenses = (lenses ?? []).filter { $0.command?.title.hasPrefix("▶ Run block") == true }
        #expect(blockLenses.map(\.range.start.line) == [0, 3], "\(String(describing: lenses))")
        func run(_ line: Int) async throws -> LSPAny? {
            try await test.command(
                "moltres.runQuery",
                [
                    "uri": .string(test.uri()), "position": ["line": .integer(Int64(line)), "character": 0],
                    "confirmed": true,
                ])
        }
        let result = try await run(0)
        #expect(result?["statements"]?.arrayValue?.count == 2, "\(String(describing: result))")
        #expect(try database.collect("SELECT count(*) FROM ledger").rows.first?.first == .integer(2))
        // The second block fails on its second insert: its first insert is rolled back with it.
        await #expect(throws: ResponseError.self) { _ = try await run(3) }
        #expect(try database.collect("SELECT count(*) FROM ledger").rows.first?.first == .integer(2))
    }

    @Test func runFileRollsBackAWithBlockWhenAStatementFails() async throws {
        let (test, database) = try await serverWithLedger()
        test.open(
            """
            with db.transaction() as txn:
                db.insert("ledger", [{"id": 1, "note": "first"}])
                db.insert("ledger", [{"id": 1, "note": "duplicate key"}])

            """)
        await #expect(throws: ResponseError.self) {
            _ = try await test.command("moltres.runFile", ["uri": .string(test.uri()), "confirmed": true])
        }
        let count = try database.collect("SELECT count(*) FROM ledger").rows.first?.first
        #expect(count == .integer(0))
    }
    /// `txn.rollback()`, `txn.commit()` and savepoints run as in `moltres run` (the shared ScriptRunner).
    @Test func runFileHonoursTransactionControlLikeTheCLI() async throws {
        let test = try await TestServer()
        let path = test.workspace.appendingPathComponent("shop.db").path
        let database = try Database.open("sqlite:///" + path)
        func stock(_ id: Int) throws -> DatabaseValue? {
            try database.collect("SELECT stock FROM products WHERE id = \(id)").rows.first?.first
        }
        let before2 = try stock(2)
        let before4 = try stock(4)
        test.open(
            """
            with db.transaction() as txn:
                db.update("products", where=col("id") == 1, set={"stock": 111})
                txn.savepoint("a")
                db.update("products", where=col("id") == 2, set={"stock": 222})
                txn.rollback_to_savepoint("a")
                db.update("products", where=col("id") == 3, set={"stock": 333})
            with db.transaction() as txn:
                db.update("products", where=col("id") == 4, set={"stock": 444})
                txn.rollback()
            db.table("products").where(col("id") == 4).select("stock")

            """)
        let file = try await test.command("moltres.runFile", ["uri": .string(test.uri()), "confirmed": true])
        let statements = try #require(file?["statements"]?.arrayValue)
        #expect(statements.map { $0["line"] } == [2, 4, 6, 8, 10])
        #expect(statements.map { $0["kind"] } == ["mutation", "mutation", "mutation", "mutation", "query"])
        #expect(try stock(1) == .integer(111))
        #expect(try stock(2) == before2)
        #expect(try stock(3) == .integer(333))
        #expect(try stock(4) == before4)
        #expect(before4 != .integer(444))
        // The query after the rolled-back block sees the old value.
        if case .integer(let old) = before4 { #expect(statements.last?["rows"]?[0]?[0] == .integer(old)) }
    }

    @Test func runFileCommitsWorkBeforeACommitAndRollsBackTheRest() async throws {
        let (test, database) = try await serverWithLedger()
        test.open(
            """
            with db.transaction() as txn:
                db.insert("ledger", [{"id": 1, "note": "kept"}])
                txn.commit()
                db.insert("ledger", [{"id": 2, "note": "undone"}])
                db.insert("ledger", [{"id": 2, "note": "duplicate key"}])

            """)
        let error = await #expect(throws: ResponseError.self) {
            _ = try await test.command("moltres.runFile", ["uri": .string(test.uri()), "confirmed": true])
        }
        #expect(error?.message.contains("line 5") == true)
        let ids = try database.collect("SELECT id FROM ledger ORDER BY id").rows.map { $0.first }
        #expect(ids == [.integer(1)])
    }

    @Test func runFileWithoutConfirmationRunsNothingAndReadOnlyBlocksRefuseWrites() async throws {
        let test = try await TestServer()
        let database = try Database.open("sqlite:///" + test.workspace.appendingPathComponent("shop.db").path)
        test.open(
            """
            with db.transaction() as txn:
                db.update("products", where=col("id") == 1, set={"stock": 999})

            """)
        let refused = try await test.command("moltres.runFile", ["uri": .string(test.uri())])
        #expect(refused?["needsConfirmation"] == true)
        #expect(try database.collect("SELECT stock FROM products WHERE id = 1").rows.first?.first != .integer(999))
        test.open(
            """
            with db.transaction(readonly=True) as txn:
                db.update("products", where=col("id") == 1, set={"stock": 999})

            """, name: "readonly.moltres")
        await #expect(throws: ResponseError.self) {
            _ = try await test.command(
                "moltres.runFile", ["uri": .string(test.uri("readonly.moltres")), "confirmed": true])
        }
        #expect(try database.collect("SELECT stock FROM products WHERE id = 1").rows.first?.first != .integer(999))
    }
}

@Suite struct DatabaseValidationTests {
    /// A refresh while the database is unreachable fails and keeps the schema the editor had: completion still
    /// offers the tables and a known table is not reported unknown (the refresh used to empty the cache first).
    @Test func aFailedRefreshKeepsTheCachedSchema() async throws {
        let test = try await TestServer()
        try FileManager.default.removeItem(at: test.workspace.appendingPathComponent("shop.db"))
        await #expect(throws: ResponseError.self) { _ = try await test.command("moltres.refreshSchema", [:]) }
        let markers = test.open("db.table(\"orders\").select(col(\"1️⃣\"))\n")
        let list = try await test.client.send(
            request: CompletionRequest.self,
            params: CompletionParams(
                textDocument: TextDocumentIdentifier(uri: test.uri()), position: try #require(markers["1️⃣"])))
        let labels = list?.items.map(\.label) ?? []
        #expect(labels.contains("status") && labels.contains("amount"))
        #expect(FileManager.default.fileExists(atPath: test.workspace.appendingPathComponent("shop.db").path) == false)
    }

    @Test func queriesArePreparedOnTheDatabaseWithoutRunning() async throws {
        let test = try await TestServer()
        let database = try Database.open("sqlite:///" + test.workspace.appendingPathComponent("shop.db").path)
        try database.execute("CREATE TABLE vanishing (id INTEGER)")
        _ = try await test.command("moltres.refreshSchema", [:])
        try database.execute("DROP TABLE vanishing")
        test.open("db.table(\"vanishing\").select()\ndb.table(\"orders\").select()\n")
        let diagnostics = try await test.waitForDiagnostics(test.uri()) {
            $0.contains { $0.code == .string("MOL6001") }
        }
        let fromDatabase = diagnostics.filter { $0.code == .string("MOL6001") }
        #expect(fromDatabase.count == 1)
        #expect(fromDatabase.first?.range.start.line == 0)
        #expect(fromDatabase.first?.message.contains("vanishing") == true)
    }
}

/// A file whose `connect(...)` cannot be reached showed no sign of it in the editor (only a log line), while its
/// tables and columns went unchecked; the connect argument now carries a MOL6002 warning with the reason.
@Suite struct UnreachableConnectionTests {
    @Test func anUnreachableConnectIsAWarningOnItsArgument() async throws {
        let test = try await TestServer()
        test.open("db = connect(\"sqlite:////no/such/directory/shop.db\")\ndb.table(\"orderz\").select(\"id\")\n")
        let diagnostics = try await test.waitForDiagnostics(test.uri()) {
            $0.contains { $0.code == .string("MOL6002") }
        }
        let warning = try #require(diagnostics.first { $0.code == .string("MOL6002") }, "\(diagnostics)")
        #expect(warning.severity == .warning)
        #expect(warning.range.start == Position(line: 0, character: 13))
        #expect(warning.message.contains("cannot connect") && warning.message.contains("/no/such/directory/shop.db"))
        // Fixed, the warning goes.
        test.client.send(
            notification: DidChangeTextDocumentNotification.self,
            params: DidChangeTextDocumentParams(
                textDocument: VersionedTextDocumentIdentifier(uri: test.uri(), version: 2),
                contentChanges: [TextDocumentContentChangeEvent(text: "db.table(\"orders\").select(\"id\")\n")]))
        let after = try await test.waitForDiagnostics(test.uri()) { !$0.contains { $0.code == .string("MOL6002") } }
        #expect(!after.contains { $0.code == .string("MOL6002") })
    }
}
