import Testing

@testable import MoltresProtocol

/// What a reader reports, written compactly: a body as its text, a framing error, or "end".
private enum Event: Equatable, CustomStringConvertible {
    case body(String)
    case error(FramingError)
    case end

    var description: String {
        switch self {
        case .body(let text): return "body(\(text))"
        case .error(let error): return "error(\(error))"
        case .end: return "end"
        }
    }
}

/// Reads `chunks` to the end and returns what the reader reported.
private func read(_ chunks: [[UInt8]], limit: Int = 1 << 20) throws -> [Event] {
    var reader = MessageReader(source: ChunkedByteSource(chunks: chunks), maximumContentLength: limit)
    var events: [Event] = []
    for _ in 0..<1000 {
        switch try reader.next() {
        case .message(let body): events.append(.body(String(decoding: body, as: UTF8.self)))
        case .framingError(let error): events.append(.error(error))
        case .endOfStream:
            events.append(.end)
            return events
        }
    }
    Issue.record("reader did not reach the end")
    return events
}

/// Checks `input`, fed in one read, then split at every byte, then one byte per read.
private func check(_ input: String, _ expected: [Event], limit: Int = 1 << 20) throws {
    let bytes = Array(input.utf8)
    let whole = try read([bytes], limit: limit)
    #expect(whole == expected)
    for split in 0...bytes.count {
        let events = try read([Array(bytes[..<split]), Array(bytes[split...])], limit: limit)
        #expect(events == expected, "split at \(split)")
        if events != expected { break }
    }
    let bytewise = try read(bytes.map { [$0] }, limit: limit)
    #expect(bytewise == expected)
}

private func frame(_ body: String) -> String { "Content-Length: \(body.utf8.count)\r\n\r\n\(body)" }

@Test func readsOneMessage() throws {
    try check(frame(#"{"a":1}"#), [.body(#"{"a":1}"#), .end])
    try check("", [.end])
    try check(frame(""), [.body(""), .end])
}

@Test func readsSeveralMessagesInOneRead() throws {
    let bodies = [#"{"id":1}"#, #"{"id":2,"text":"é中"}"#, "[]"]
    try check(bodies.map(frame).joined(), bodies.map { .body($0) } + [.end])
}

@Test func headerVariants() throws {
    try check("content-length: 2\r\n\r\n{}", [.body("{}"), .end])
    try check("CONTENT-LENGTH:2\r\n\r\n{}", [.body("{}"), .end])
    try check(
        "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", [.body("{}"), .end])
    try check("Content-Type: x\r\nContent-Length: 2\r\n\r\n{}", [.body("{}"), .end])
    try check("Content-Length: 2\n\n{}Content-Length: 3\n\n[1]", [.body("{}"), .body("[1]"), .end])
    try check("Content-Length:  2  \r\n\r\n{}\r\n", [.body("{}"), .end])
}

@Test func resynchronisesAfterBadHeaders() throws {
    let good = frame(#"{"ok":true}"#)
    try check("Content-Type: x\r\n\r\n{}" + good, [.error(.missingContentLength), .body(#"{"ok":true}"#), .end])
    try check(
        "Content-Length: abc\r\n\r\n{}" + good, [.error(.invalidContentLength("abc")), .body(#"{"ok":true}"#), .end])
    try check(
        "Content-Length: -5\r\n\r\nhello" + good, [.error(.invalidContentLength("-5")), .body(#"{"ok":true}"#), .end])
    try check(
        "Content-Length: 99999999\r\n\r\n{\"big\":1}" + good,
        [.error(.contentLengthTooLarge(99_999_999, limit: 1000)), .body(#"{"ok":true}"#), .end], limit: 1000)
    try check(
        "Content-Length: 99999999999999999999999\r\n\r\n" + good,
        [.error(.invalidContentLength("99999999999999999999999")), .body(#"{"ok":true}"#), .end])
    try check("garbage line\r\n\r\n" + good, [.error(.malformedHeader("garbage line")), .body(#"{"ok":true}"#), .end])
}

@Test func headerTooLongIsAnError() throws {
    let junk = String(repeating: "x", count: 20_000)
    let events = try read([Array((junk + frame("{}")).utf8)])
    #expect(events == [.error(.headerTooLong), .body("{}"), .end])
}

@Test func endOfStreamMidMessage() throws {
    try check(
        "Content-Length: 10\r\n\r\n{\"a\":", [.error(.unexpectedEndOfStream(bytesMissing: 5, bytesReceived: 5)), .end])
    try check("Content-Len", [.error(.unexpectedEndOfStream(bytesMissing: nil, bytesReceived: 11)), .end])
    try check(
        frame("{}") + "Content-Length: 4\r\n",
        [.body("{}"), .error(.unexpectedEndOfStream(bytesMissing: nil, bytesReceived: 19)), .end])
}

@Test func largeBodyAcrossManyReads() throws {
    let body = "[" + String(repeating: "\"abcdefghij\",", count: 50_000) + "0]"
    let bytes = Array(frame(body).utf8)
    let chunks = stride(from: 0, to: bytes.count, by: 1000).map { Array(bytes[$0..<min($0 + 1000, bytes.count)]) }
    #expect(try read(chunks, limit: 64 << 20) == [.body(body), .end])
}
