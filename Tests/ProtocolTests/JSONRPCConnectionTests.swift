import Dispatch
import Foundation
import Testing

@testable import MoltresProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// A server-side `JSONRPCConnection` wired to a test client through two pipes.
///
/// The client writes frames with a `MessageWriter` and a reader thread collects everything the server sends.
private final class Harness: Sendable {
    let connection: JSONRPCConnection
    let clientWriter: MessageWriter
    private let clientInput: Int32
    private let serverOutputWrite: Int32
    private let received = Locked<[Message]>([])
    private let arrived = DispatchSemaphore(value: 0)
    private let readerDone = DispatchSemaphore(value: 0)
    let serverClosed = DispatchSemaphore(value: 0)
    let logLines = Locked<[String]>([])

    /// Creates the pipes and the client reader; `respond` answers requests from the server, if given.
    init(respond: (@Sendable (String, JSONValue?) -> Result<JSONValue, ResponseError>)? = nil) {
        var toServer: [Int32] = [0, 0]
        var fromServer: [Int32] = [0, 0]
        precondition(pipe(&toServer) == 0 && pipe(&fromServer) == 0)
        clientWriter = MessageWriter(fileDescriptor: toServer[1])
        clientInput = fromServer[0]
        serverOutputWrite = fromServer[1]
        let logLines = self.logLines
        connection = JSONRPCConnection(input: toServer[0], output: fromServer[1]) { line in
            logLines.withLock { $0.append(line) }
        }
        let clientInput = self.clientInput
        let received = self.received
        let arrived = self.arrived
        let readerDone = self.readerDone
        let clientWriter = self.clientWriter
        let thread = Thread {
            var reader = MessageReader(source: FileDescriptorByteSource(fileDescriptor: clientInput))
            while case .message(let body) = try? reader.next() {
                guard case .success(let message) = Message.parse(body) else { continue }
                received.withLock { $0.append(message) }
                if case .request(let id, let method, let params) = message, let respond {
                    try? clientWriter.write(.response(id: id, result: respond(method, params)))
                }
                arrived.signal()
            }
            readerDone.signal()
        }
        thread.start()
    }

    func start() {
        let serverClosed = self.serverClosed
        connection.start { serverClosed.signal() }
    }

    func send(_ message: Message) throws { try clientWriter.write(message) }

    func sendRaw(_ text: String) throws { try clientWriter.writeRaw(Array(text.utf8)) }

    /// Waits until `count` messages have arrived in total (at most 10 s) and returns them all.
    func waitForMessages(_ count: Int) -> [Message] {
        while received.withLock({ $0.count }) < count {
            if arrived.wait(timeout: .now() + 10) == .timedOut { break }
        }
        return received.withLock { $0 }
    }

    /// Closes the client's end; the server sees end of stream, and then the client sees it too.
    func close() {
        Glibc.close(clientWriter.fileDescriptor)
        _ = serverClosed.wait(timeout: .now() + 10)
        Glibc.close(serverOutputWrite)
        _ = readerDone.wait(timeout: .now() + 10)
        Glibc.close(clientInput)
    }
}

private let hoverParams: JSONValue = [
    "textDocument": ["uri": "file:///a.moltres"], "position": ["line": 1, "character": 2],
]

private func response(_ messages: [Message], id: RequestID) -> Result<JSONValue, ResponseError>? {
    for case .response(id, let result) in messages { return result }
    return nil
}

private func makeHoverServer() -> Harness {
    let harness = Harness()
    harness.connection.on(HoverRequest.self) { params, context in
        context.reply(
            Hover(
                contents: MarkupContent(kind: .plaintext, value: "line \(params.position.line)"),
                range: nil))
    }
    return harness
}

@Test func requestGetsResponse() throws {
    let harness = makeHoverServer()
    harness.start()
    harness.start()  // A second start is ignored rather than starting a second read loop.
    try harness.send(.request(id: .integer(1), method: "textDocument/hover", params: hoverParams))
    let messages = harness.waitForMessages(1)
    #expect(response(messages, id: .integer(1)) == .success(["contents": ["kind": "plaintext", "value": "line 1"]]))
    harness.close()
}

@Test func unknownMethodAndBadParams() throws {
    let harness = makeHoverServer()
    harness.start()
    try harness.send(.request(id: .integer(1), method: "textDocument/nope", params: nil))
    try harness.send(.request(id: .string("b"), method: "textDocument/hover", params: ["textDocument": ["uri": 3]]))
    try harness.send(.notification(method: "textDocument/unknown", params: nil))
    try harness.send(.notification(method: "$/unknown", params: nil))
    try harness.send(.request(id: .integer(3), method: "textDocument/hover", params: hoverParams))
    let messages = harness.waitForMessages(3)
    #expect(messages.count == 3)
    guard case .failure(let notFound)? = response(messages, id: .integer(1)) else {
        Issue.record("no MethodNotFound")
        return
    }
    #expect(notFound.code == ResponseError.methodNotFound)
    guard case .failure(let invalid)? = response(messages, id: .string("b")) else {
        Issue.record("no InvalidParams")
        return
    }
    #expect(invalid.code == ResponseError.invalidParams)
    #expect(invalid.message.contains("textDocument.uri"))
    #expect(response(messages, id: .integer(3)) != nil)
    harness.close()
    let log = harness.logLines.withLock { $0 }
    #expect(log.contains { $0.contains("textDocument/unknown") })
    #expect(!log.contains { $0.contains("$/unknown") })
}

@Test func hostileInputGetsErrorsAndServingContinues() throws {
    let harness = makeHoverServer()
    harness.start()
    try harness.sendRaw("Content-Length: 5\r\n\r\n{oops")
    try harness.sendRaw("Content-Length: 2\r\n\r\n[]")
    try harness.sendRaw("Content-Length: nope\r\n\r\n{}")
    let noVersion = #"{"id":9,"method":"initialize"}"#
    try harness.sendRaw("Content-Length: \(noVersion.utf8.count)\r\n\r\n\(noVersion)")
    try harness.send(.request(id: .integer(10), method: "textDocument/hover", params: hoverParams))
    let messages = harness.waitForMessages(5)
    let codes = messages.compactMap { message -> Int? in
        if case .response(_, .failure(let error)) = message { return error.code }
        return nil
    }
    #expect(
        codes == [
            ResponseError.parseError, ResponseError.invalidRequest, ResponseError.parseError,
            ResponseError.invalidRequest,
        ])
    #expect(response(messages, id: .integer(9)) != nil)
    guard case .success? = response(messages, id: .integer(10)) else {
        Issue.record("the good request after the bad ones was not answered")
        return
    }
    harness.close()
}

@Test func cancelRequestSetsTheToken() throws {
    let harness = Harness()
    let started = DispatchSemaphore(value: 0)
    harness.connection.on(HoverRequest.self) { _, context in
        // Reply only when cancelled, from the cancelling thread.
        context.cancellationToken.onCancel { context.reply(error: .cancelled) }
        started.signal()
    }
    harness.start()
    try harness.send(.request(id: .integer(5), method: "textDocument/hover", params: hoverParams))
    #expect(started.wait(timeout: .now() + 10) == .success)
    try harness.send(.notification(method: "$/cancelRequest", params: ["id": 5]))
    let messages = harness.waitForMessages(1)
    guard case .failure(let error)? = response(messages, id: .integer(5)) else {
        Issue.record("no cancellation reply")
        return
    }
    #expect(error.code == ResponseError.requestCancelled)
    harness.close()
}

@Test func asynchronousRepliesFromAWorkerQueue() throws {
    let harness = Harness()
    let queue = DispatchQueue(label: "worker", attributes: .concurrent)
    harness.connection.on(HoverRequest.self) { params, context in
        queue.asyncAfter(deadline: .now() + .milliseconds(params.position.line == 1 ? 50 : 0)) {
            context.reply(Hover(contents: MarkupContent(kind: .plaintext, value: "\(context.id)")))
        }
    }
    harness.start()
    try harness.send(.request(id: .integer(1), method: "textDocument/hover", params: hoverParams))
    try harness.send(
        .request(
            id: .integer(2), method: "textDocument/hover",
            params: ["textDocument": ["uri": "u"], "position": ["line": 0, "character": 0]]))
    let messages = harness.waitForMessages(2)
    #expect(messages.count == 2)
    // The slow first request is answered after the fast second one.
    if case .response(let id, _) = messages.first { #expect(id == .integer(2)) }
    harness.close()
}

@Test func tenThousandRequestsWithoutReadingAreAllAnswered() throws {
    let harness = makeHoverServer()
    harness.start()
    let count = 10_000
    let writer = harness.clientWriter
    let writerDone = DispatchSemaphore(value: 0)
    // The client floods from its own thread and does not wait for responses; the harness reader drains them.
    Thread {
        for index in 0..<count {
            try? writer.write(.request(id: .integer(Int64(index)), method: "textDocument/hover", params: hoverParams))
        }
        writerDone.signal()
    }.start()
    #expect(writerDone.wait(timeout: .now() + 60) == .success)
    let messages = harness.waitForMessages(count)
    #expect(messages.count == count)
    var ids = Set<RequestID>()
    for case .response(let id?, .success) in messages { ids.insert(id) }
    #expect(ids.count == count)
    harness.close()
}

@Test func serverToClientRequestRoundTrip() async throws {
    let harness = Harness { method, params in
        switch method {
        case "workspace/configuration":
            return params == ["items": [["section": "moltres"]]] ? .success([["rowLimit": 7]]) : .success(nil)
        default:
            return .failure(ResponseError(code: -32800, message: "dismissed"))
        }
    }
    harness.start()
    let result = try await harness.connection.send(
        request: ConfigurationRequest.self, params: ConfigurationParams(items: [ConfigurationItem(section: "moltres")]))
    #expect(result == [["rowLimit": 7]])

    // An error response reaches the caller as a thrown ResponseError.
    await #expect(throws: ResponseError.self) {
        try await harness.connection.send(
            request: ShowMessageRequest.self, params: ShowMessageRequestParams(type: .info, message: "?"))
    }

    // Completion-handler form.
    let done = DispatchSemaphore(value: 0)
    let outcome = Locked<Result<LSPNull, ResponseError>?>(nil)
    harness.connection.send(
        request: WorkDoneProgressCreateRequest.self, params: WorkDoneProgressCreateParams(token: 1)
    ) { result in
        outcome.withLock { $0 = result }
        done.signal()
    }
    _ = done.wait(timeout: .now() + 10)
    #expect(outcome.withLock { $0 } != nil)

    // Notifications go out without an id; absent parameters are left out.
    harness.connection.send(
        notification: LogMessageNotification.self, params: LogMessageParams(type: .log, message: "x"))
    harness.connection.send(notification: ExitNotification.self, params: LSPNull())
    let messages = harness.waitForMessages(5)
    #expect(messages.count == 5)
    if case .request(_, "workspace/configuration", let params) = messages.first {
        #expect(params == ["items": [["section": "moltres"]]])
    } else {
        Issue.record("first message is not the configuration request")
    }
    #expect(
        messages.dropLast().last == .notification(method: "window/logMessage", params: ["type": 4, "message": "x"]))
    #expect(messages.last == .notification(method: "exit", params: nil))
    harness.close()
}

@Test func pendingRequestsFailWhenTheConnectionCloses() throws {
    let harness = Harness()
    harness.start()
    let done = DispatchSemaphore(value: 0)
    let outcome = Locked<Result<LSPNull, ResponseError>?>(nil)
    harness.connection.send(
        request: WorkDoneProgressCreateRequest.self, params: WorkDoneProgressCreateParams(token: "t")
    ) { result in
        outcome.withLock { $0 = result }
        done.signal()
    }
    _ = harness.waitForMessages(1)
    harness.close()
    #expect(done.wait(timeout: .now() + 10) == .success)
    guard case .failure(let error)? = outcome.withLock({ $0 }) else {
        Issue.record("pending request did not fail")
        return
    }
    #expect(error.code == ResponseError.requestFailed)
}

@Test func gatesAnswerRequestsBeforeInitialize() throws {
    let harness = makeHoverServer()
    let initialized = Locked(false)
    let opened = Locked(0)
    harness.connection.on(InitializeRequest.self) { _, context in
        initialized.withLock { $0 = true }
        context.reply(InitializeResult(capabilities: ServerCapabilities(hoverProvider: true)))
    }
    harness.connection.on(DidOpenTextDocumentNotification.self) { _ in opened.withLock { $0 += 1 } }
    harness.connection.setRequestGate { method in
        method == InitializeRequest.method || initialized.withLock({ $0 })
            ? nil : ResponseError(code: ResponseError.serverNotInitialized, message: "not initialized")
    }
    harness.connection.setNotificationGate { method in method == "exit" || initialized.withLock { $0 } }
    harness.start()
    let open: JSONValue = ["textDocument": ["uri": "u", "languageId": "moltres", "version": 1, "text": ""]]
    try harness.send(.notification(method: "textDocument/didOpen", params: open))
    try harness.send(.request(id: .integer(1), method: "textDocument/hover", params: hoverParams))
    try harness.send(.request(id: .integer(2), method: "nope", params: nil))
    try harness.send(.request(id: .integer(3), method: "initialize", params: ["processId": nil, "capabilities": [:]]))
    try harness.send(.notification(method: "textDocument/didOpen", params: open))
    try harness.send(.request(id: .integer(4), method: "textDocument/hover", params: hoverParams))
    let messages = harness.waitForMessages(4)
    if case .failure(let error)? = response(messages, id: .integer(1)) {
        #expect(error.code == ResponseError.serverNotInitialized)
    } else {
        Issue.record("hover before initialize was not refused")
    }
    if case .failure(let error)? = response(messages, id: .integer(2)) {
        #expect(error.code == ResponseError.serverNotInitialized)
    } else {
        Issue.record("unknown method before initialize was not refused")
    }
    #expect(response(messages, id: .integer(3))?.map { $0["capabilities"]?["hoverProvider"] } == .success(true))
    if case .success? = response(messages, id: .integer(4)) {} else { Issue.record("hover after initialize failed") }
    harness.close()
    #expect(opened.withLock { $0 } == 1)
}

@Test func largeResponsesArriveWhole() throws {
    let harness = Harness()
    let text = String(repeating: "SELECT \"é\" FROM t;\n", count: 200_000)
    harness.connection.on(HoverRequest.self) { _, context in
        context.reply(Hover(contents: MarkupContent(kind: .plaintext, value: text)))
    }
    harness.start()
    // Large in both directions: a 4 MB request and a 4 MB response, written while the other side reads.
    let params: JSONValue = [
        "textDocument": ["uri": .string(String(repeating: "u", count: 4 << 20))],
        "position": ["line": 0, "character": 0],
    ]
    try harness.send(.request(id: .integer(1), method: "textDocument/hover", params: params))
    let messages = harness.waitForMessages(1)
    #expect(response(messages, id: .integer(1))?.map { $0["contents"]?["value"]?.stringValue } == .success(text))
    harness.close()
}

@Test func standardIOMovesStdoutToStderr() {
    var before = stat()
    fstat(STDOUT_FILENO, &before)
    let connection = JSONRPCConnection.standardIO()
    let output = connection.writer.fileDescriptor
    var protocolOutput = stat()
    var standardOutput = stat()
    var standardError = stat()
    fstat(output, &protocolOutput)
    fstat(STDOUT_FILENO, &standardOutput)
    fstat(STDERR_FILENO, &standardError)
    // Restore the test process's stdout before checking.
    dup2(output, STDOUT_FILENO)
    close(output)
    #expect(output != STDOUT_FILENO)
    #expect(protocolOutput.st_ino == before.st_ino && protocolOutput.st_dev == before.st_dev)
    #expect(standardOutput.st_ino == standardError.st_ino && standardOutput.st_dev == standardError.st_dev)
}

/// A peer that writes thousands of requests before reading any answer: a handler that replies on the read
/// thread must not make the read thread wait for the peer (which waits for the read thread), so answers the
/// pipe has no room for go out from the connection's deferred-write queue.
@Test func repliesOnTheReadThreadNeverBlockIt() throws {
    var toServer: [Int32] = [0, 0]
    var fromServer: [Int32] = [0, 0]
    precondition(pipe(&toServer) == 0 && pipe(&fromServer) == 0)
    let server = JSONRPCConnection(input: toServer[0], output: fromServer[1])
    let text = String(repeating: "x", count: 400)
    server.on(HoverRequest.self) { _, context in
        context.reply(Hover(contents: MarkupContent(kind: .plaintext, value: text)))  // on the read thread
    }
    server.start()
    let count = 3_000
    let body = Array(
        #"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a"},"position":{"line":0,"character":0}}}"#
            .utf8)
    let frames = (0..<count).flatMap { _ in MessageWriter.frame(body) }  // ~0.5 MB of requests, ~1.5 MB of answers
    let written = DispatchSemaphore(value: 0)
    let writerFD = toServer[1]
    Thread {
        _ = try? MessageWriter(fileDescriptor: writerFD).writeRaw(frames)
        written.signal()
    }.start()
    let finished = written.wait(timeout: .now() + 20) == .success
    #expect(finished, "the server stopped reading while the client was still writing")
    if !finished {
        close(fromServer[0])  // the server's writes fail now, which unblocks everything
        return
    }
    var reader = MessageReader(source: FileDescriptorByteSource(fileDescriptor: fromServer[0]))
    var answers = 0
    while answers < count, case .message(let message) = try reader.next() {
        if case .success(.response(_, .success(let result))) = Message.parse(message) {
            #expect(result["contents"]?["value"]?.stringValue == text)
            answers += 1
        }
    }
    #expect(answers == count)
    close(toServer[1])
    server.waitUntilClosed()
    close(fromServer[0])
}
