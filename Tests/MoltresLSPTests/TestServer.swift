import Foundation
import Moltres
import MoltresProtocol
import Testing

@testable import MoltresLSP

#if canImport(Glibc)
    import Glibc
#endif

/// An in-process server wired to a test client through two pipes, with a workspace holding the demo shop
/// database and a `moltres.toml` that points at it.
final class TestServer: Sendable {
    let client: JSONRPCConnection
    let server: LanguageServer
    let workspace: URL
    let exitCodes = Protected<[Int32]>([])
    let diagnostics = Protected<[String: [MoltresProtocol.Diagnostic]]>([:])
    let notifications = Protected<[String]>([])
    /// The versions of the diagnostics published per document, in order.
    let publishedVersions = Protected<[String: [Int?]]>([:])

    /// Starts a server, initializes it (offering `encodings`) and loads the demo shop's schema.
    init(
        toml: String? = nil, encodings: [PositionEncodingKind] = [], initialize: Bool = true,
        diagnosticsDelay: DispatchTimeInterval = .milliseconds(20), hoverMarkdown: Bool = true
    ) async throws {
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("moltres-lsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        let database = try Database.open("sqlite:///" + workspace.appendingPathComponent("shop.db").path)
        _ = try DemoShop.create(on: database)
        let configuration = toml ?? "default_connection = \"shop\"\n[connections.shop]\nurl = \"sqlite:///shop.db\"\n"
        try configuration.write(to: workspace.appendingPathComponent("moltres.toml"), atomically: true, encoding: .utf8)

        var toServer: [Int32] = [0, 0]
        var fromServer: [Int32] = [0, 0]
        precondition(pipe(&toServer) == 0 && pipe(&fromServer) == 0)
        let serverConnection = JSONRPCConnection(input: toServer[0], output: fromServer[1])
        client = JSONRPCConnection(input: fromServer[0], output: toServer[1])
        let exitCodes = exitCodes
        server = LanguageServer(
            connection: serverConnection, diagnosticsDelay: diagnosticsDelay,
            exitHandler: { code in exitCodes.withLock { $0.append(code) } })
        let diagnostics = diagnostics
        let notifications = notifications
        let publishedVersions = publishedVersions
        client.on(PublishDiagnosticsNotification.self) { params in
            diagnostics.withLock { $0[params.uri] = params.diagnostics }
            publishedVersions.withLock { $0[params.uri, default: []].append(params.version) }
        }
        client.on(LogMessageNotification.self) { params in notifications.withLock { $0.append(params.message) } }
        client.on(ShowMessageNotification.self) { params in notifications.withLock { $0.append(params.message) } }
        server.start()
        client.start()
        if initialize {
            _ = try await self.initialize(encodings: encodings, hoverMarkdown: hoverMarkdown)
            _ = try await command("moltres.refreshSchema", [:])
        }
    }

    /// Sends `initialize` (offering markdown hovers, as editors do, unless told not to) and `initialized`.
    func initialize(
        encodings: [PositionEncodingKind] = [], hoverMarkdown: Bool = true
    ) async throws
        -> InitializeResult
    {
        let hover = HoverClientCapabilities(contentFormat: hoverMarkdown ? [.markdown, .plaintext] : [.plaintext])
        let result = try await client.send(
            request: InitializeRequest.self,
            params: InitializeParams(
                rootUri: workspace.absoluteString,
                capabilities: ClientCapabilities(
                    textDocument: TextDocumentClientCapabilities(hover: hover),
                    general: GeneralClientCapabilities(positionEncodings: encodings))))
        client.send(notification: InitializedNotification.self, params: InitializedParams())
        return result
    }

    /// The URI of a document in the workspace.
    func uri(_ name: String = "test.moltres") -> DocumentUri { workspace.appendingPathComponent(name).absoluteString }

    /// Opens a document whose text may contain markers (`1️⃣`…); returns the marker positions (UTF-16).
    @discardableResult
    func open(_ markedText: String, name: String = "test.moltres") -> [String: Position] {
        let (text, markers) = extractMarkers(markedText)
        client.send(
            notification: DidOpenTextDocumentNotification.self,
            params: DidOpenTextDocumentParams(
                textDocument: TextDocumentItem(uri: uri(name), languageId: "moltres", version: 1, text: text)))
        return markers
    }

    /// Runs a command.
    func command(_ name: String, _ argument: LSPAny) async throws -> LSPAny? {
        try await client.send(
            request: ExecuteCommandRequest.self, params: ExecuteCommandParams(command: name, arguments: [argument]))
    }

    /// A server whose cached schema has the table `dropped` (and `kept`) while the database no longer has
    /// `dropped`: created, the schema loaded, then dropped behind the server's back, so a query of it passes the
    /// checker and fails only when the database prepares it (MOL6001).
    static func withTableDroppedBehindItsBack(
        _ dropped: String, keeping kept: [String] = []
    ) async throws
        -> TestServer
    {
        let test = try await TestServer()
        let database = try Database.open("sqlite:///" + test.workspace.appendingPathComponent("shop.db").path)
        for table in [dropped] + kept { try database.execute("CREATE TABLE \(table) (id INTEGER)") }
        _ = try await test.command("moltres.refreshSchema", [:])
        try database.execute("DROP TABLE \(dropped)")
        return test
    }

    /// Waits until diagnostics for `uri` arrive (or five seconds pass: CI machines can be slow).
    func waitForDiagnostics(
        _ uri: DocumentUri, where condition: ([MoltresProtocol.Diagnostic]) -> Bool = { _ in true }
    )
        async throws -> [MoltresProtocol.Diagnostic]
    {
        for _ in 0..<500 {
            if let found = diagnostics.withLock({ $0[uri] }), condition(found) { return found }
            try await Task.sleep(for: .milliseconds(10))
        }
        return diagnostics.withLock { $0[uri] } ?? []
    }
}

/// The markers tests put in source text.
let markerNames = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟"]

/// Removes the markers from `text` and returns their UTF-16 positions.
func extractMarkers(_ markedText: String) -> (String, [String: Position]) {
    var text = ""
    var markers: [String: Position] = [:]
    var line = 0
    var character = 0
    var remaining = Substring(markedText)
    outer: while let first = remaining.first {
        for marker in markerNames where remaining.hasPrefix(marker) {
            markers[marker] = Position(line: line, character: character)
            remaining = remaining.dropFirst(marker.count)
            continue outer
        }
        text.append(first)
        if first == "\n" {
            line += 1
            character = 0
        } else {
            character += first.utf16.count
        }
        remaining = remaining.dropFirst()
    }
    return (text, markers)
}
