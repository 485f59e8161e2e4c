import Foundation
import Moltres
import MoltresProtocol
import Testing

@testable import MoltresLSP

/// Hover and completion: answered on the read thread once the document's analysis is warm, cached per document
/// version, and never answered from an older version's cache.
@Suite struct PositionRequestTests {
    /// Waits until the current version's analysis is warm (the server builds it after publishing diagnostics).
    private func waitUntilWarm(_ test: TestServer, version: Int) async throws -> Bool {
        for _ in 0..<1_000 {
            if let snapshot = test.server.documents.snapshot(test.uri()), snapshot.version == version,
                test.server.currentAnalysis(of: snapshot)?.isWarm == true
            {
                return true
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    private func hover(_ test: TestServer, _ position: Position) async throws -> String {
        let hover = try await test.client.send(
            request: HoverRequest.self,
            params: HoverParams(textDocument: TextDocumentIdentifier(uri: test.uri()), position: position))
        return hover?.contents.value ?? ""
    }

    private func completionLabels(_ test: TestServer, _ position: Position) async throws -> Set<String> {
        let list = try await test.client.send(
            request: CompletionRequest.self,
            params: CompletionParams(textDocument: TextDocumentIdentifier(uri: test.uri()), position: position))
        return Set(list?.items.map(\.label) ?? [])
    }

    private func replaceText(_ test: TestServer, version: Int, with text: String) {
        test.client.send(
            notification: DidChangeTextDocumentNotification.self,
            params: DidChangeTextDocumentParams(
                textDocument: VersionedTextDocumentIdentifier(uri: test.uri(), version: version),
                contentChanges: [TextDocumentContentChangeEvent(text: text)]))
    }

    @Test func cachedAnswersFollowEdits() async throws {
        let test = try await TestServer()
        // Two texts of the same layout: the markers are at the same positions in both versions.
        let marked = "x = db.table(  \"orders\").select().wh1️⃣ere(col(\"id\") > 1)\nx.select(col(\"2️⃣\"))\n"
        let (_, markers) = extractMarkers(marked)
        test.open(marked)
        let step = try #require(markers["1️⃣"])
        let column = try #require(markers["2️⃣"])
        #expect(try await waitUntilWarm(test, version: 1))

        let first = try await hover(test, step)
        #expect(first.contains("\"orders\"") && first.contains("WHERE"))
        #expect(try await hover(test, step) == first)  // from the cache: the same text
        let analysis = try #require(test.server.documents.snapshot(test.uri()).flatMap(test.server.currentAnalysis))
        let configuration = test.server.state.withLock { $0.configurationGeneration }
        let key = AnalysisCache.Key(
            method: HoverRequest.method, line: step.line, character: step.character, configuration: configuration)
        #expect(analysis.cache.response(key) != nil)
        let orderColumns = try await completionLabels(test, column)
        #expect(orderColumns.contains("status") && !orderColumns.contains("email"))
        #expect(try await completionLabels(test, column) == orderColumns)

        // The same positions in a new version: another table, so other answers.
        let (productsText, productMarkers) = extractMarkers(
            "x = db.table(\"products\").select().wh1️⃣ere(col(\"id\") > 1)\nx.select(col(\"2️⃣\"))\n")
        #expect(productMarkers == markers)
        replaceText(test, version: 2, with: productsText)
        // Asked at once (the new version may not be analysed yet) and again once warm: never the old answer.
        let early = try await hover(test, step)
        #expect(!early.contains("\"orders\"") && early.contains("\"products\""), "\(early)")
        #expect(try await waitUntilWarm(test, version: 2))
        let second = try await hover(test, step)
        #expect(second.contains("\"products\"") && !second.contains("\"orders\""))
        let productColumns = try await completionLabels(test, column)
        #expect(productColumns.contains("price") && !productColumns.contains("status"))
    }

    @Test func warmRequestsAreAnsweredWithoutTheRequestQueue() async throws {
        let test = try await TestServer()
        let markers = test.open("x = db.table(\"orders\").select().wh1️⃣ere(col(\"id\") > 1)\nx.select(col(\"2️⃣\"))\n")
        #expect(try await waitUntilWarm(test, version: 1))
        // Hold the request queue: a warm hover and completion are still answered (on the read thread).
        let release = DispatchSemaphore(value: 0)
        test.server.requestQueue.async { release.wait() }
        defer { release.signal() }
        let text = try await hover(test, try #require(markers["1️⃣"]))
        #expect(text.contains("SQL up to this step"))
        #expect(try await completionLabels(test, try #require(markers["2️⃣"])).contains("customer_id"))
    }

    @Test func coldRequestsWaitForTheRequestQueue() async throws {
        let test = try await TestServer()
        let markers = test.open("x = db.table(\"orders\").select().wh1️⃣ere(col(\"id\") > 1)\n")
        #expect(try await waitUntilWarm(test, version: 1))
        // A new version not analysed yet (the analysis queue, which would analyse and warm it, is held too): the
        // hover must go through the (held) request queue.
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        for queue in [test.server.requestQueue, test.server.analysisQueue] {
            queue.async {
                started.signal()
                release.wait()
            }
        }
        started.wait()
        started.wait()
        replaceText(test, version: 2, with: "y = db.table(\"orders\").select().where(col(\"id\") > 1)\n")
        let answered = Protected(false)
        let position = try #require(markers["1️⃣"])
        let task = Task {
            let text = try await hover(test, position)
            answered.withLock { $0 = true }
            return text
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(answered.withLock { $0 } == false)
        release.signal()
        release.signal()
        let text = try await task.value
        #expect(text.contains("SQL up to this step"), "\(text)")
    }
}
