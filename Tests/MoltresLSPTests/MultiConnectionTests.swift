import Foundation
import Moltres
import MoltresProtocol
import Testing

@testable import MoltresLSP

/// A file that connects to two databases: the demo shop (`shop.db`) and `other.db`, which has a `gadgets` table and
/// its own, different `orders`. Whatever the editor does at a statement — complete, hover, show SQL, run — it does
/// against the database of the `connect(...)` before it, as `moltres run` does. (Before, every statement ran on the
/// first database: running the second region's `delete` deleted rows of the shop's `orders`.)
@Suite struct MultiConnectionTests {
    /// A server with `other.db` beside the shop: `gadgets(id, label)` with two rows, `orders(id, note)` with one.
    private func server() async throws -> (TestServer, any DatabaseConnection) {
        let test = try await TestServer()
        let other = try Database.open("sqlite:///" + test.workspace.appendingPathComponent("other.db").path)
        try other.execute("CREATE TABLE gadgets (id INTEGER PRIMARY KEY, label TEXT NOT NULL)")
        try other.execute("INSERT INTO gadgets VALUES (1, 'bolt'), (2, 'nut')")
        try other.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, note TEXT)")
        try other.execute("INSERT INTO orders VALUES (1, 'the only one')")
        return (test, other)
    }

    private let file = """
        db = connect("sqlite:///shop.db")
        1️⃣db.table("orders").select("id", "amount")
        db = connect("sqlite:///other.db")
        2️⃣db.table("gadgets").order_by(col("id")).select("label")
        db.table("orders").select("id", "n3️⃣ote")
        db.table("4️⃣")

        """

    private func argument(_ test: TestServer, _ position: Position, _ extra: [String: LSPAny] = [:]) -> LSPAny {
        argument(test, at: position, extra)
    }

    private func argument(_ test: TestServer, at position: Position?, _ extra: [String: LSPAny] = [:]) -> LSPAny {
        var object: [String: LSPAny] = ["uri": .string(test.uri())]
        if let position {
            object["position"] = [
                "line": .integer(Int64(position.line)), "character": .integer(Int64(position.character)),
            ]
        }
        for (key, value) in extra { object[key] = value }
        return .object(JSONObject(object.map { JSONObject.Entry(key: $0.key, value: $0.value) }))
    }

    /// Asks until `condition` holds or five seconds pass: the second database's schema loads in the background.
    private func eventually<Value>(
        _ ask: () async throws -> Value, until condition: (Value) -> Bool
    ) async throws -> Value {
        var value = try await ask()
        for _ in 0..<500 where !condition(value) {
            try await Task.sleep(for: .milliseconds(10))
            value = try await ask()
        }
        return value
    }

    private func shopOrderCount(_ test: TestServer) throws -> Int64? {
        let shop = try Database.open("sqlite:///" + test.workspace.appendingPathComponent("shop.db").path)
        guard case .integer(let count)? = try shop.collect("SELECT count(*) FROM orders").rows.first?.first else {
            return nil
        }
        return count
    }

    @Test func runQueryRunsOnTheDatabaseOfItsRegion() async throws {
        let (test, _) = try await server()
        let markers = test.open(file)
        let gadgets = try await test.command("moltres.runQuery", argument(test, try #require(markers["2️⃣"])))
        #expect(gadgets?["rows"] == [["bolt"], ["nut"]])
        let shop = try await test.command("moltres.runQuery", argument(test, try #require(markers["1️⃣"])))
        #expect(shop?["columns"]?[1]?["name"] == "amount")
        #expect((shop?["rowCount"]?.integerValue ?? 0) > 1)
    }

    @Test func aMutationInTheSecondRegionChangesOnlyTheSecondDatabase() async throws {
        let (test, other) = try await server()
        let before = try shopOrderCount(test)
        let markers = test.open(
            """
            db = connect("sqlite:///shop.db")
            db.table("orders").select("id")
            db = connect("sqlite:///other.db")
            1️⃣db.delete("orders", where=col("id") == 1)

            """)
        let done = try await test.command(
            "moltres.runQuery", argument(test, try #require(markers["1️⃣"]), ["confirmed": true]))
        #expect(done?["rowCount"] == 1)
        #expect(try other.collect("SELECT count(*) FROM orders").rows.first?.first == .integer(0))
        #expect(try shopOrderCount(test) == before)
    }

    @Test func runFileSwitchesDatabasesAtEachConnect() async throws {
        let (test, other) = try await server()
        let before = try shopOrderCount(test)
        test.open(
            """
            db = connect("sqlite:///shop.db")
            db.table("orders").select("id").limit(3)
            db = connect("sqlite:///other.db")
            db.insert("gadgets", [{"id": 3, "label": "washer"}])
            db.table("gadgets").order_by(col("id")).select("label")
            db.table("orders").select("note")

            """)
        let result = try await test.command("moltres.runFile", argument(test, at: nil, ["confirmed": true]))
        let statements = try #require(result?["statements"]?.arrayValue)
        #expect(statements.map { $0["line"]?.integerValue } == [2, 4, 5, 6])
        #expect(statements[0]["rowCount"] == 3)
        #expect(statements[2]["rows"] == [["bolt"], ["nut"], ["washer"]])
        #expect(statements[3]["rows"] == [["the only one"]])
        #expect(try other.collect("SELECT count(*) FROM gadgets").rows.first?.first == .integer(3))
        #expect(try shopOrderCount(test) == before)
    }

    @Test func completionAndHoverReadTheSchemaOfTheRegion() async throws {
        let (test, _) = try await server()
        let markers = test.open(file)
        let document = TextDocumentIdentifier(uri: test.uri())
        let labels = try await eventually(
            {
                try await test.client.send(
                    request: CompletionRequest.self,
                    params: CompletionParams(textDocument: document, position: try #require(markers["4️⃣"]))
                )?.items.map(\.label) ?? []
            }, until: { $0.contains("gadgets") })
        #expect(Set(labels) == ["gadgets", "orders"])
        let hover = try await eventually(
            {
                try await test.client.send(
                    request: HoverRequest.self,
                    params: HoverParams(textDocument: document, position: try #require(markers["3️⃣"]))
                )?.contents.value ?? ""
            }, until: { $0.contains("note") })
        #expect(hover.contains("column `note`"), "\(hover)")
        // The statement compiles against other.db's `orders`, which has `note`: no unknown-column diagnostic.
        let diagnostics = try await test.waitForDiagnostics(test.uri()) {
            !$0.contains { $0.code == .string("MOL2003") }
        }
        #expect(!diagnostics.contains { $0.code == .string("MOL2003") }, "\(diagnostics)")
    }

    @Test func semanticTokensClassifyEachRegionAgainstItsSchema() async throws {
        let (test, _) = try await server()
        let markers = test.open(
            """
            db = connect("sqlite:///shop.db")
            db.table("1️⃣orders").select("2️⃣amount")
            db = connect("sqlite:///other.db")
            db.table("3️⃣gadgets").select("4️⃣label")

            """)
        let document = TextDocumentIdentifier(uri: test.uri())
        func token(_ marker: String, _ tokens: [SemanticTokensTests.Token]) throws -> SemanticTokensTests.Token? {
            let position = try #require(markers[marker])
            return tokens.first { $0.line == position.line && $0.character == position.character }
        }
        // other.db's schema loads in the background: ask until its table is classified.
        let tokens = try await eventually(
            {
                SemanticTokensTests.decode(
                    try await test.client.send(
                        request: SemanticTokensFullRequest.self, params: SemanticTokensParams(textDocument: document)
                    )?.data ?? [])
            }, until: { tokens in tokens.contains { $0.line == 3 && $0.type == "type" } })
        #expect(try token("1️⃣", tokens)?.type == "type")
        #expect(try token("2️⃣", tokens)?.type == "property")
        #expect(try token("3️⃣", tokens)?.type == "type")
        #expect(try token("4️⃣", tokens)?.type == "property")
        for (left, right) in zip(tokens, tokens.dropFirst()) {
            #expect(left.line < right.line || left.character + left.length <= right.character)
        }
        let range = try await test.client.send(
            request: SemanticTokensRangeRequest.self,
            params: SemanticTokensRangeParams(
                textDocument: document,
                range: LSPRange(start: Position(line: 3, character: 0), end: Position(line: 4, character: 0))))
        let inRange = SemanticTokensTests.decode(range?.data ?? [])
        #expect(inRange.contains { $0.line == 3 && $0.character == 10 && $0.type == "type" }, "\(inRange)")
    }

    /// Each region's queries are prepared on its own database: a table dropped from other.db behind the server's
    /// back (still in its cached schema) is MOL6001 on the second region's statement; the first region's are fine.
    @Test func eachRegionsQueriesArePreparedOnItsOwnDatabase() async throws {
        let (test, other) = try await server()
        try other.execute("CREATE TABLE vanished (id INTEGER)")
        // Load other.db's schema (with `vanished`) through a file that connects to it.
        test.open("db = connect(\"sqlite:///other.db\")\ndb.table(\"1️⃣\")\n", name: "loader.moltres")
        let loader = TextDocumentIdentifier(uri: test.uri("loader.moltres"))
        _ = try await eventually(
            {
                try await test.client.send(
                    request: CompletionRequest.self,
                    params: CompletionParams(textDocument: loader, position: Position(line: 1, character: 10))
                )?.items.map(\.label) ?? []
            }, until: { $0.contains("vanished") })
        try other.execute("DROP TABLE vanished")
        test.open(
            """
            db = connect("sqlite:///shop.db")
            db.table("orders").select("id")
            db = connect("sqlite:///other.db")
            db.table("gadgets").select("label")
            db.table("vanished").select("id")

            """)
        let diagnostics = try await test.waitForDiagnostics(test.uri()) {
            $0.contains { $0.code == .string("MOL6001") }
        }
        #expect(diagnostics.map(\.range.start.line) == [4], "\(diagnostics)")
        #expect(diagnostics.first?.message.contains("vanished") == true)
    }

    @Test func showSQLOfTheFileNamesEachStatementsDialect() async throws {
        let (test, _) = try await server()
        let markers = test.open(file)
        let one = try await test.command("moltres.showSQL", argument(test, try #require(markers["2️⃣"])))
        #expect(one?["sql"]?.stringValue?.contains("\"gadgets\"") == true)
        let whole = try await test.command("moltres.showSQL", ["uri": .string(test.uri()), "scope": "file"])
        let statements = try #require(whole?["statements"]?.arrayValue)
        #expect(statements.map { $0["line"]?.integerValue } == [1, 3, 4])  // zero-based, as the editor lists them
        #expect(statements.allSatisfy { $0["dialect"] == "sqlite" })
    }
}
