import Foundation
import Moltres
import MoltresProtocol
import Testing

@testable import MoltresLSP

/// The diagnostics debounce has a leading edge: an edit after a quiet spell is checked at once; a burst of edits
/// is checked once, after the delay.
@Suite struct DiagnosticsDebounceTests {
    private func change(_ test: TestServer, version: Int, text: String) {
        test.client.send(
            notification: DidChangeTextDocumentNotification.self,
            params: DidChangeTextDocumentParams(
                textDocument: VersionedTextDocumentIdentifier(uri: test.uri(), version: version),
                contentChanges: [TextDocumentContentChangeEvent(text: text)]))
    }

    private func published(_ test: TestServer) -> [Int?] {
        test.publishedVersions.withLock { $0[test.uri()] ?? [] }
    }

    @Test func anIsolatedEditIsCheckedAtOnceAndABurstAfterTheDelay() async throws {
        let test = try await TestServer(diagnosticsDelay: .seconds(4))
        test.open("db.table(\"orders\").select(\"id\")\n")
        _ = try await test.waitForDiagnostics(test.uri())
        #expect(published(test).last == 1)
        try await Task.sleep(for: .milliseconds(4_100))

        // After a quiet spell: published before the delay. (A trailing-edge publish cannot come sooner than the delay
        // after `start`, so the bound tells the two edges apart with the whole delay as margin for a slow machine.)
        let start = ContinuousClock.now
        change(test, version: 2, text: "db.table(\"orders\").select(\"idd\")\n")
        let afterEdit = try await test.waitForDiagnostics(test.uri()) { $0.contains { $0.code == "MOL2001" } }
        #expect(afterEdit.contains { $0.code == "MOL2001" })
        #expect(ContinuousClock.now - start < .seconds(4))
        #expect(published(test).last == 2)

        // A burst right after: nothing until the delay has passed since the last edit, then only the last version.
        let burst = ContinuousClock.now
        change(test, version: 3, text: "db.table(\"orders\").select(\"i\")\n")
        change(test, version: 4, text: "db.table(\"orders\").select(\"id\")\n")
        try await Task.sleep(for: .milliseconds(500))
        // Still inside the delay (a loaded machine may sleep much longer than asked): nothing published yet.
        if ContinuousClock.now - burst < .seconds(4) { #expect(published(test).last == 2) }
        for _ in 0..<1_000 where published(test).last != 4 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(published(test).last == 4)
        #expect(!published(test).contains(3))
    }
}
