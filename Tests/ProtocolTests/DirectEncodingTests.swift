import Foundation
import Testing

@testable import MoltresProtocol

/// The hand-written encoders write exactly what the `Codable` encoder writes.
@Suite struct DirectEncodingTests {
    private func expectSameAsCodable<Value: JSONDirectEncodable>(_ value: Value) throws {
        let codable = try JSONValueEncoder().encode(value).encodedBytes()
        let direct = value.directlyEncodedBytes()
        #expect(String(decoding: direct, as: UTF8.self) == String(decoding: codable, as: UTF8.self))
        #expect(try encodeJSONBytes(value) == codable)
    }

    @Test func hoverAndMarkup() throws {
        let range = LSPRange(start: Position(line: 3, character: 0), end: Position(line: 12, character: 345))
        try expectSameAsCodable(Hover(contents: MarkupContent(kind: .markdown, value: "**x** `y`\n\"q\" \\ é 😀\t")))
        try expectSameAsCodable(Hover(contents: MarkupContent(kind: .plaintext, value: ""), range: range))
        try expectSameAsCodable(range)
        try expectSameAsCodable(StringOrMarkupContent.string("a\u{1}b"))
        try expectSameAsCodable(StringOrMarkupContent.markupContent(MarkupContent(kind: .markdown, value: "m")))
    }

    @Test func completionLists() throws {
        let items = [
            CompletionItem(label: "id"),
            CompletionItem(
                label: "orders.id", kind: .field, detail: "integer · orders",
                documentation: .string("integer, not null"),
                sortText: "1orders.id"),
            CompletionItem(
                label: "where",
                labelDetails: CompletionItemLabelDetails(detail: "(condition)", description: "DataFrame"),
                kind: .method, detail: "DataFrame.where(condition)",
                documentation: .markupContent(MarkupContent(kind: .markdown, value: "Filters rows.")), preselect: true,
                filterText: "where", insertText: "where(${1:condition})", insertTextFormat: .snippet),
            CompletionItem(label: "only detail", labelDetails: CompletionItemLabelDetails(detail: "d")),
            // Fields the direct encoder hands to the Codable one.
            CompletionItem(
                label: "edit", tags: [.deprecated],
                textEdit: TextEdit(
                    range: LSPRange(start: Position(line: 0, character: 1), end: Position(line: 0, character: 2)),
                    newText: "x"),
                commitCharacters: ["."], command: Command(title: "t", command: "c", arguments: [1, "a"]),
                data: ["k": true]),
        ]
        try expectSameAsCodable(CompletionList(isIncomplete: false, items: items))
        try expectSameAsCodable(CompletionList(isIncomplete: true, items: []))
        for item in items { try expectSameAsCodable(item) }
    }

    @Test func optionalsAndOtherValues() throws {
        let none: Hover? = nil
        #expect(try encodeJSONBytes(none) == Array("null".utf8))
        let some: Hover? = Hover(contents: MarkupContent(kind: .markdown, value: "v"))
        #expect(try encodeJSONBytes(some) == Array(#"{"contents":{"kind":"markdown","value":"v"}}"#.utf8))
        #expect(try encodeJSONBytes([1, 2]) == Array("[1,2]".utf8))
    }

    @Test func encodedRepliesAreWholeResponses() throws {
        let sent = Locked<[ReplyBody]>([])
        let context = RequestContext<Hover?>(id: .integer(9), method: "m", cancellationToken: CancellationToken()) {
            body in sent.withLock { $0.append(body) }
        }
        context.reply(Hover(contents: MarkupContent(kind: .plaintext, value: "p")))
        context.reply(encodedResult: Array("null".utf8))  // ignored: only the first reply counts
        #expect(
            sent.withLock { $0 } == [.encoded(Array(#"{"contents":{"kind":"plaintext","value":"p"}}"#.utf8))])
    }
}
