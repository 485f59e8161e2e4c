import Foundation
import Moltres
import MoltresProtocol
import Testing

@testable import MoltresLSP

@Suite struct LifecycleTests {
    @Test func requestsBeforeInitializeGetServerNotInitialized() async throws {
        let test = try await TestServer(initialize: false)
        await #expect {
            _ = try await test.client.send(
                request: HoverRequest.self,
                params: HoverParams(
                    textDocument: TextDocumentIdentifier(uri: test.uri()), position: Position(line: 0, character: 0)))
        } throws: { error in
            (error as? ResponseError)?.code == ResponseError.serverNotInitialized
        }
    }

    @Test func initializeAdvertisesFeaturesAndNegotiatesUTF16ByDefault() async throws {
        let test = try await TestServer(initialize: false)
        let result = try await test.initialize()
        #expect(result.capabilities.positionEncoding == .utf16)
        #expect(result.capabilities.textDocumentSync?.change == .incremental)
        #expect(result.capabilities.hoverProvider == true)
        #expect(result.capabilities.executeCommandProvider?.commands.contains("moltres.runQuery") == true)
        #expect(result.serverInfo?.name == "moltres")
    }

    @Test func utf8IsChosenWhenOffered() async throws {
        let test = try await TestServer(initialize: false)
        let result = try await test.initialize(encodings: [.utf8, .utf16])
        #expect(result.capabilities.positionEncoding == .utf8)
    }

    @Test func secondInitializeAndRequestsAfterShutdownAreInvalid() async throws {
        let test = try await TestServer()
        await #expect(throws: ResponseError.self) { _ = try await test.initialize() }
        _ = try await test.client.send(request: ShutdownRequest.self, params: LSPNull())
        await #expect {
            _ = try await test.command("moltres.refreshSchema", [:])
        } throws: { error in
            (error as? ResponseError)?.code == ResponseError.invalidRequest
        }
        test.client.send(notification: ExitNotification.self, params: LSPNull())
        for _ in 0..<500 where test.exitCodes.current.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(test.exitCodes.current.first == 0)
    }

    @Test func exitWithoutShutdownExitsWithOne() async throws {
        let test = try await TestServer()
        test.client.send(notification: ExitNotification.self, params: LSPNull())
        for _ in 0..<500 where test.exitCodes.current.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(test.exitCodes.current.first == 1)
    }

    @Test func unknownCommandIsInvalidParams() async throws {
        let test = try await TestServer()
        await #expect {
            _ = try await test.command("moltres.nope", [:])
        } throws: { error in
            (error as? ResponseError)?.code == ResponseError.invalidParams
        }
    }
}

@Suite struct DocumentTests {
    @Test func diagnosticsArePublishedWithCodesAndRelatedInformation() async throws {
        let test = try await TestServer()
        test.open("x = db.table(\"orders\").select(\n")
        let diagnostics = try await test.waitForDiagnostics(test.uri()) { !$0.isEmpty }
        let first = try #require(diagnostics.first)
        #expect(first.code == .string("MOL1002"))
        #expect(first.source == "moltres")
        #expect(first.relatedInformation?.isEmpty == false)
    }

    @Test func incrementalChangesApplyInUTF16() async throws {
        let test = try await TestServer()
        let uri = test.uri()
        test.open("# 😀 comment\nx = db.table(\"orders\").select(\n")
        _ = try await test.waitForDiagnostics(uri) { !$0.isEmpty }
        // Insert the missing ")" after "select(" on line 1; the emoji on line 0 must not shift anything.
        let end = Position(line: 1, character: 30)
        test.client.send(
            notification: DidChangeTextDocumentNotification.self,
            params: DidChangeTextDocumentParams(
                textDocument: VersionedTextDocumentIdentifier(uri: uri, version: 2),
                contentChanges: [TextDocumentContentChangeEvent(range: LSPRange(start: end, end: end), text: ")")]))
        let diagnostics = try await test.waitForDiagnostics(uri) { $0.isEmpty }
        #expect(diagnostics.isEmpty)
        #expect(test.server.documents.snapshot(uri)?.text == "# 😀 comment\nx = db.table(\"orders\").select()\n")
    }

    @Test func fullChangeReplacesTheText() async throws {
        let test = try await TestServer()
        let uri = test.uri()
        test.open("x = 1\n")
        test.client.send(
            notification: DidChangeTextDocumentNotification.self,
            params: DidChangeTextDocumentParams(
                textDocument: VersionedTextDocumentIdentifier(uri: uri, version: 2),
                contentChanges: [TextDocumentContentChangeEvent(text: "y = (\n")]))
        let diagnostics = try await test.waitForDiagnostics(uri) { !$0.isEmpty }
        #expect(!diagnostics.isEmpty)
        #expect(test.server.documents.version(uri) == 2)
    }
}

@Suite struct ConfigurationTests {
    @Test func tomlSubsetReadsTablesAndValues() throws {
        let values = try TOMLSubset.parse(
            """
            # comment
            default_connection = "local"  # trailing
            preview_row_limit = 1_000
            allow_writes = true
            [connections.local]
            url = 'sqlite:///shop.db'
            password_env = "PGPASS"
            """)
        #expect(values["default_connection"] == .string("local"))
        #expect(values["preview_row_limit"] == .integer(1000))
        #expect(values["allow_writes"] == .bool(true))
        #expect(values["connections.local.url"] == .string("sqlite:///shop.db"))
        #expect(throws: TOMLSubset.ParseError.self) { try TOMLSubset.parse("x = [1, 2]") }
    }

    @Test func passwordComesFromTheEnvironmentOnly() {
        let connection = ConnectionSettings(
            name: "pg", url: "postgresql://app@db.example/shop", dialect: .postgresql, passwordEnvironmentVariable: "PW"
        )
        let url = ServerConfiguration.resolvedURL(for: connection, root: nil, environment: ["PW": "s3cr:t"])
        #expect(url == "postgresql://app:s3cr%3At@db.example/shop")
        #expect(!ServerConfiguration.redacted(url).contains("s3cr"))
        let queryURL = ServerConfiguration.resolvedURL(
            for: ConnectionSettings(name: "q", url: "postgresql:///shop?host=/tmp", passwordEnvironmentVariable: "PW"),
            root: nil, environment: ["PW": "pw"])
        #expect(queryURL == "postgresql:///shop?host=/tmp&password=pw")
        #expect(ServerConfiguration.redacted(queryURL) == "postgresql:///shop?host=/tmp&password=***")
    }

    @Test func clientSettingsOverrideToml() {
        var configuration = ServerConfiguration()
        configuration.apply(toml: "preview_row_limit = 10\n[connections.a]\nurl = \"sqlite:///a.db\"\n")
        configuration.apply(clientSettings: ["moltres": ["preview": ["rowLimit": 3], "allowWrites": true]])
        #expect(configuration.rowLimit == 3)
        #expect(configuration.allowWrites)
        #expect(configuration.currentConnection?.name == "a")
    }

    @Test func selectConnectionRedactsThePassword() async throws {
        let test = try await TestServer(
            toml:
                "[connections.pg]\nurl = \"postgresql://u:hunter2@127.0.0.1:1/x\"\n[connections.shop]\nurl = \"sqlite:///shop.db\"\n"
        )
        let result = try await test.command("moltres.selectConnection", ["connection": "shop"])
        #expect(result?["connection"] == "shop")
        let pg = try await test.command("moltres.selectConnection", ["connection": "pg"])
        #expect(pg?["url"]?.stringValue?.contains("hunter2") == false)
    }
}

@Suite struct WorkspaceConfigurationTests {
    @Test func offlineSchemaFileServesCompletionWithoutADatabase() async throws {
        let test = try await TestServer(toml: "schema = \"schema.json\"\n")
        let catalog = Catalog(
            kind: .sqlite,
            tables: [
                TableInfo(
                    name: "offline_orders", kind: .table,
                    columns: [ColumnInfo(name: "total", declaredType: "REAL", type: .real, isNullable: true)])
            ])
        try catalog.jsonData().write(to: test.workspace.appendingPathComponent("schema.json"))
        _ = try await test.command("moltres.refreshSchema", [:])
        let markers = test.open("db.table(\"1️⃣\")\n")
        let list = try await test.client.send(
            request: CompletionRequest.self,
            params: CompletionParams(
                textDocument: TextDocumentIdentifier(uri: test.uri()), position: try #require(markers["1️⃣"])))
        #expect(list?.items.map(\.label) == ["offline_orders"])
    }

    @Test func changedTomlSwitchesTheConnection() async throws {
        let test = try await TestServer(toml: "")
        let other = test.workspace.appendingPathComponent("other.db")
        let database = try Database.open("sqlite:///" + other.path)
        try database.execute("CREATE TABLE gadgets (id INTEGER)")
        try "[connections.other]\nurl = \"sqlite:///other.db\"\n".write(
            to: test.workspace.appendingPathComponent("moltres.toml"), atomically: true, encoding: .utf8)
        test.client.send(
            notification: DidChangeWatchedFilesNotification.self,
            params: DidChangeWatchedFilesParams(changes: [
                FileEvent(uri: test.workspace.appendingPathComponent("moltres.toml").absoluteString, type: .changed)
            ]))
        try await Task.sleep(for: .milliseconds(100))
        let result = try await test.command("moltres.refreshSchema", [:])
        #expect(result?["tableNames"] == ["gadgets"])
        #expect(result?["tables"] == 1)
    }

    @Test func connectInTheFilePicksItsDatabase() async throws {
        let test = try await TestServer()
        let other = test.workspace.appendingPathComponent("third.db")
        let database = try Database.open("sqlite:///" + other.path)
        try database.execute("CREATE TABLE widgets (id INTEGER, label TEXT)")
        let markers = test.open("db = connect(\"sqlite:///third.db\")\ndb.table(\"1️⃣\")\n")
        let list = try await test.client.send(
            request: CompletionRequest.self,
            params: CompletionParams(
                textDocument: TextDocumentIdentifier(uri: test.uri()), position: try #require(markers["1️⃣"])))
        #expect(list?.items.map(\.label) == ["widgets"])
    }

    @Test func eachConnectChecksTheStatementsAfterItAgainstItsOwnDatabase() async throws {
        let test = try await TestServer.withTableDroppedBehindItsBack("vanished")  // line 2 fails on the database
        let other = try Database.open("sqlite:///" + test.workspace.appendingPathComponent("other.db").path)
        try other.execute("CREATE TABLE gadgets (id INTEGER, label TEXT)")
        test.open(
            """
            db = connect("sqlite:///shop.db")
            db.table("orders").select("id")
            db.table("vanished").select()
            db = connect("sqlite:///other.db")
            db.table("gadgets").select("label")
            db.table("orders").select("id")

            """)
        // Line 5 names a table of shop.db after the connect to other.db; other.db's schema arrives in the background.
        let diagnostics = try await test.waitForDiagnostics(test.uri()) { found in
            found.contains { $0.code == .string("MOL2002") } && found.contains { $0.code == .string("MOL6001") }
        }
        let lines = diagnostics.map { "\($0.range.start.line) \($0.code.map { "\($0)" } ?? "")" }
        #expect(diagnostics.map(\.range.start.line).sorted() == [2, 5], "\(lines)")
        #expect(diagnostics.first { $0.range.start.line == 5 }?.code == .string("MOL2002"))
        #expect(diagnostics.first { $0.range.start.line == 2 }?.code == .string("MOL6001"))
    }
}
