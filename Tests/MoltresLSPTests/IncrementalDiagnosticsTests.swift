import Foundation
import Moltres
import MoltresProtocol
import Testing

@testable import MoltresLSP

/// The server reuses the SQL check of unchanged statements from one version to the next (`SQLCheckMemo`): after
/// every incremental edit and a schema refresh, what it publishes is what a full compile of the text gives.
@Suite struct IncrementalDiagnosticsTests {
    static let text = """
        base = db.table("orders").select("id", "status")
        base.where(col("id") > 10).limit(5).show()
        db.table("orders").select(F.rand(42)).show()
        db.table("audit").count()
        with db.transaction() as txn:
            db.create_table("notes", [column("id", "INTEGER", primary_key=True), column("body", "TEXT")])
            db.insert("notes", [{"id": 1, "body": "x"}])
        db.table("notes").select("id", "body").show()
        db.table("customers").select("id").limit(3).show()

        """

    /// An edit that inserts `text` at the first occurrence of `anchor` (after it), or replaces `anchor` by `text`.
    static func edit(
        _ source: String, _ anchor: String, with text: String, replacing: Bool = false
    ) -> (
        TextDocumentContentChangeEvent, String
    ) {
        let range = source.range(of: anchor)!
        let lines = source[..<range.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.count - 1
        let column = lines.last!.utf16.count
        let start = Position(line: line, character: replacing ? column : column + anchor.utf16.count)
        let end = Position(line: line, character: column + anchor.utf16.count)
        var changed = source
        changed.replaceSubrange(replacing ? range : range.upperBound..<range.upperBound, with: text)
        return (TextDocumentContentChangeEvent(range: LSPRange(start: start, end: end), text: text), changed)
    }

    /// What a full compile of `text` gives, converted as the server converts.
    func expected(_ test: TestServer, _ text: String, version: Int) -> [MoltresProtocol.Diagnostic] {
        let snapshot = DocumentSnapshot(uri: test.uri(), version: version, source: SourceText(text))
        let catalog = test.server.catalog(for: snapshot)
        return compile(text, catalog: catalog, dialect: .sqlite).diagnostics.map {
            test.server.lspDiagnostic($0, converter: test.server.converter(snapshot), uri: test.uri())
        }
    }

    @Test func everyEditAndARefreshPublishWhatAFullCompileGives() async throws {
        let test = try await TestServer()
        test.open(Self.text)
        var text = Self.text
        _ = try await test.waitForDiagnostics(test.uri()) { _ in
            test.publishedVersions.withLock { $0[test.uri()]?.contains(1) ?? false }
        }
        #expect(test.diagnostics.withLock { $0[test.uri()] } == expected(test, text, version: 1))

        let edits: [(name: String, make: (String) -> (TextDocumentContentChangeEvent, String))] = [
            ("a number in one statement", { Self.edit($0, ".limit(", with: "1") }),
            (
                "a line above everything",
                { text in
                    let start = Position(line: 0, character: 0)
                    let line = "# every statement moves\n"
                    return (
                        TextDocumentContentChangeEvent(range: LSPRange(start: start, end: start), text: line),
                        line + text
                    )
                }
            ),
            (
                "a binding used later now fails",
                { Self.edit($0, "\"id\", \"status\")", with: "\"id\", F.rand(1).alias(\"r\"))", replacing: true) }
            ),
            ("the binding back", { Self.edit($0, "F.rand(1).alias(\"r\"))", with: "\"status\")", replacing: true) }),
            (
                "a created table loses a column",
                { Self.edit($0, ", column(\"body\", \"TEXT\")", with: "", replacing: true) }
            ),
        ]
        var version = 1
        for (name, make) in edits {
            let (change, changed) = make(text)
            version += 1
            text = changed
            test.client.send(
                notification: DidChangeTextDocumentNotification.self,
                params: DidChangeTextDocumentParams(
                    textDocument: VersionedTextDocumentIdentifier(uri: test.uri(), version: version),
                    contentChanges: [change]))
            let published = version
            _ = try await test.waitForDiagnostics(test.uri()) { _ in
                test.publishedVersions.withLock { $0[test.uri()]?.contains(published) ?? false }
            }
            #expect(test.server.documents.snapshot(test.uri())?.text == text)
            #expect(
                test.diagnostics.withLock { $0[test.uri()] } == expected(test, text, version: version),
                "\(name)")
        }
        let unknownAudit = expected(test, text, version: version)
        #expect(unknownAudit.contains { $0.code == .string("MOL2002") })

        // A schema refresh that adds `audit`: the statements are checked against the new schema.
        let database = try Database.open("sqlite:///" + test.workspace.appendingPathComponent("shop.db").path)
        try database.execute("CREATE TABLE audit (id INTEGER)")
        _ = try await test.command("moltres.refreshSchema", [:])
        let refreshed = try await test.waitForDiagnostics(test.uri()) { $0 != unknownAudit }
        #expect(refreshed == expected(test, text, version: version))
        #expect(!refreshed.contains { $0.code == .string("MOL2002") })
    }
}
