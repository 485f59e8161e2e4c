import Foundation
import Moltres
import MoltresProtocol
import Testing

@testable import MoltresLSP

/// Semantic tokens come from the checker's results: each marker sits at the start of a token whose type and
/// modifiers are checked.
@Suite struct SemanticTokensTests {
    struct Token: Equatable, CustomStringConvertible {
        var line: Int
        var character: Int
        var length: Int
        var type: String
        var modifiers: Set<String>
        var description: String { "\(line):\(character)+\(length) \(type) \(modifiers.sorted())" }
    }

    /// Decodes the relative encoding into absolute tokens.
    static func decode(_ data: [UInt32]) -> [Token] {
        var tokens: [Token] = []
        var line = 0
        var character = 0
        for index in stride(from: 0, to: data.count, by: 5) {
            let deltaLine = Int(data[index])
            line += deltaLine
            character = deltaLine == 0 ? character + Int(data[index + 1]) : Int(data[index + 1])
            let modifiers = Set(
                SemanticTokenClassifier.tokenModifiers.enumerated().filter { data[index + 4] & (1 << $0.offset) != 0 }
                    .map(\.element))
            tokens.append(
                Token(
                    line: line, character: character, length: Int(data[index + 2]),
                    type: SemanticTokenClassifier.tokenTypes[Int(data[index + 3])], modifiers: modifiers))
        }
        return tokens
    }

    private func tokens(_ test: TestServer) async throws -> (SemanticTokens, [Token]) {
        let result = try await test.client.send(
            request: SemanticTokensFullRequest.self,
            params: SemanticTokensParams(textDocument: TextDocumentIdentifier(uri: test.uri())))
        let tokens = try #require(result)
        return (tokens, Self.decode(tokens.data))
    }

    private func token(at position: Position?, in tokens: [Token]) throws -> Token? {
        let position = try #require(position)
        return tokens.first { $0.line == position.line && $0.character == position.character }
    }

    @Test func namesAreColouredByWhatTheCheckerResolved() async throws {
        let test = try await TestServer()
        let markers = test.open(
            """
            1️⃣paid = db.table("2️⃣orders").where(col("3️⃣amount") > 100)
            4️⃣big = col("amount") * 2
            5️⃣paid.6️⃣select("id", 7️⃣big).join(db.table("customers"), 8️⃣how="left")
            db.table(9️⃣"nosuch").select("amout")
            🔟ghost.limit(1)

            """)
        _ = try await test.waitForDiagnostics(test.uri()) { !$0.isEmpty }
        let (_, tokens) = try await tokens(test)
        #expect(try token(at: markers["1️⃣"], in: tokens)?.type == "variable")
        #expect(try token(at: markers["1️⃣"], in: tokens)?.modifiers == ["declaration", "dataFrame"])
        #expect(
            try token(at: markers["2️⃣"], in: tokens)
                == Token(line: 0, character: 17, length: 6, type: "type", modifiers: []))
        #expect(try token(at: markers["3️⃣"], in: tokens)?.type == "property")
        #expect(try token(at: markers["3️⃣"], in: tokens)?.modifiers == ["readonly"])
        #expect(try token(at: markers["4️⃣"], in: tokens)?.modifiers == ["declaration", "column"])
        #expect(try token(at: markers["5️⃣"], in: tokens)?.modifiers == ["dataFrame"])
        #expect(try token(at: markers["6️⃣"], in: tokens)?.type == "method")
        #expect(try token(at: markers["6️⃣"], in: tokens)?.modifiers == ["defaultLibrary"])
        #expect(try token(at: markers["7️⃣"], in: tokens)?.modifiers == ["column"])
        #expect(try token(at: markers["8️⃣"], in: tokens)?.type == "parameter")
        // An unknown table stays a plain string; an unknown name gets no token at all.
        #expect(try token(at: markers["9️⃣"], in: tokens)?.type == "string")
        #expect(try token(at: markers["9️⃣"], in: tokens)?.length == 8)
        #expect(try token(at: markers["🔟"], in: tokens) == nil)
        // The quotes around a known table stay strings.
        #expect(tokens.contains { $0.line == 0 && $0.character == 16 && $0.type == "string" && $0.length == 1 })
        // Tokens never overlap and are in order.
        for (left, right) in zip(tokens, tokens.dropFirst()) {
            #expect(left.line < right.line || left.character + left.length <= right.character)
        }
    }

    @Test func libraryFunctionsAndPredefinedNames() async throws {
        let test = try await TestServer()
        let markers = test.open(
            """
            1️⃣db.table("orders").group_by("status").agg(2️⃣F.3️⃣sum("amount").alias("total"))
            F.4️⃣nosuch("amount")
            5️⃣col("id")

            """)
        _ = try await test.waitForDiagnostics(test.uri()) { !$0.isEmpty }
        let (_, tokens) = try await tokens(test)
        #expect(try token(at: markers["1️⃣"], in: tokens)?.modifiers == ["defaultLibrary", "readonly"])
        #expect(try token(at: markers["2️⃣"], in: tokens)?.type == "namespace")
        #expect(try token(at: markers["3️⃣"], in: tokens)?.type == "function")
        #expect(try token(at: markers["3️⃣"], in: tokens)?.modifiers == ["defaultLibrary"])
        #expect(try token(at: markers["4️⃣"], in: tokens) == nil)
        #expect(try token(at: markers["5️⃣"], in: tokens)?.type == "function")
    }

    @Test func rangeAndDeltaRequests() async throws {
        let test = try await TestServer()
        test.open(
            """
            a = db.table("orders")
            b = db.table("customers")
            c = db.table("products")

            """)
        let (full, all) = try await tokens(test)
        let resultId = try #require(full.resultId)
        let range = try await test.client.send(
            request: SemanticTokensRangeRequest.self,
            params: SemanticTokensRangeParams(
                textDocument: TextDocumentIdentifier(uri: test.uri()),
                range: LSPRange(start: Position(line: 1, character: 0), end: Position(line: 2, character: 0))))
        let inRange = Self.decode(try #require(range).data)
        #expect(!inRange.isEmpty)
        #expect(inRange.allSatisfy { $0.line == 1 })
        #expect(inRange == all.filter { $0.line == 1 })

        // Rename `b` to `bee` on line 2: one edit replacing line 2's first token.
        test.client.send(
            notification: DidChangeTextDocumentNotification.self,
            params: DidChangeTextDocumentParams(
                textDocument: VersionedTextDocumentIdentifier(uri: test.uri(), version: 2),
                contentChanges: [
                    TextDocumentContentChangeEvent(
                        range: LSPRange(start: Position(line: 1, character: 0), end: Position(line: 1, character: 1)),
                        text: "bee")
                ]))
        let delta = try await test.client.send(
            request: SemanticTokensDeltaRequest.self,
            params: SemanticTokensDeltaParams(
                textDocument: TextDocumentIdentifier(uri: test.uri()), previousResultId: resultId))
        guard case .delta(let edits) = try #require(delta) else {
            Issue.record("expected a delta")
            return
        }
        #expect(edits.resultId != nil && edits.resultId != resultId)
        #expect(edits.edits.count == 1)
        var patched = full.data
        for edit in edits.edits.reversed() {
            patched.replaceSubrange(edit.start..<(edit.start + edit.deleteCount), with: edit.data ?? [])
        }
        let (fresh, _) = try await tokens(test)
        #expect(patched == fresh.data)
        #expect(edits.edits[0].deleteCount < full.data.count)
        // An unknown previous result gets every token.
        let unknown = try await test.client.send(
            request: SemanticTokensDeltaRequest.self,
            params: SemanticTokensDeltaParams(
                textDocument: TextDocumentIdentifier(uri: test.uri()), previousResultId: "stale"))
        guard case .full(let tokens) = try #require(unknown) else {
            Issue.record("expected full tokens")
            return
        }
        #expect(tokens.data == fresh.data)
    }

    /// The hover's binary-searched symbol index answers exactly what the compiler's linear scan answers.
    @Test func symbolIndexAgreesWithTheCompiler() async throws {
        let test = try await TestServer()
        test.open(
            """
            paid = db.table("orders").where(col("amount") > 100).select("id", "amount", "status")
            big = col("amount") * 2
            paid.select("id", big).join(db.table("customers"), how="left")
            db.table("orders").group_by("status").agg(F.sum("amount").alias("total")).order_by("total")
            with db.transaction() as txn:
                db.update("orders", where=col("id") == 1, set={"status": "paid"})
                txn.rollback()

            """)
        _ = try await test.waitForDiagnostics(test.uri())  // the didOpen notification has been applied
        let snapshot = try #require(test.server.documents.snapshot(test.uri()))
        let analysis = test.server.analysis(of: snapshot)
        var found = 0
        for offset in 0...snapshot.source.bytes.count {
            let expected = analysis.compilation.symbol(at: offset)
            let actual = analysis.symbol(at: offset)
            #expect(expected?.range == actual?.range, "offset \(offset)")
            #expect(String(describing: expected) == String(describing: actual), "offset \(offset)")
            if actual != nil { found += 1 }
        }
        #expect(found > 100)
    }
}
