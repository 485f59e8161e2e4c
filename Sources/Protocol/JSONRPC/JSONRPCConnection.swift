import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A JSON-RPC 2.0 connection over two file descriptors, with a typed handler table.
///
/// Register handlers, then ``start(onClose:)``; a dedicated thread reads frames and dispatches them in arrival order.
///
/// ```swift
/// let connection = JSONRPCConnection(input: STDIN_FILENO, output: serverStdout)
/// connection.on(HoverRequest.self) { params, context in
///     queue.async { context.reply(computeHover(params)) }
/// }
/// connection.on(DidOpenTextDocumentNotification.self) { params in … }
/// connection.start()
/// connection.send(notification: LogMessageNotification.self, params: LogMessageParams(type: .info, message: "hi"))
/// let items = try await connection.send(request: ConfigurationRequest.self, params: configurationParams)
/// ```
///
/// Incoming messages:
/// - a request with no handler gets MethodNotFound; parameters that do not decode get InvalidParams naming the path;
/// - invalid JSON gets ParseError (id `null`); a non-JSON-RPC object gets InvalidRequest; a bad frame gets ParseError
///   (id `null`) and reading resumes at the next frame;
/// - `$/cancelRequest` sets the matching request's ``RequestContext/cancellationToken`` (and reaches a registered
///   handler too); other unknown notifications are ignored, those starting with `$/` silently;
/// - responses are matched by id to requests sent with ``send(request:params:completion:)``.
///
/// - Important: Handlers run on the read thread, one at a time, in arrival order, so notifications such as
///   `didChange` are seen in order. A handler that takes long must hand its work to another queue and reply from
///   there. The class is `@unchecked Sendable`: every mutable table lives in a ``Locked`` (an `NSLock`), user code is
///   never called with a lock held, and writes go through ``MessageWriter``'s lock.
///   ``start(onClose:)`` makes the process ignore `SIGPIPE` so a vanished client surfaces as a write error.
public final class JSONRPCConnection: @unchecked Sendable {
    private typealias RequestHandler = @Sendable (JSONValue?, RequestID, CancellationToken) -> Void
    private typealias NotificationHandler = @Sendable (JSONValue?) -> Void
    private typealias ResponseHandler = @Sendable (Result<JSONValue, ResponseError>) -> Void

    private let inputFileDescriptor: Int32
    private let maximumContentLength: Int
    private let log: @Sendable (String) -> Void
    /// The writer for outgoing frames; thread-safe.
    public let writer: MessageWriter

    private let requestHandlers = Locked<[String: RequestHandler]>([:])
    private let notificationHandlers = Locked<[String: NotificationHandler]>([:])
    private let pendingResponses = Locked<(closed: Bool, handlers: [RequestID: ResponseHandler])>((false, [:]))
    private let incomingRequests = Locked<[RequestID: CancellationToken]>([:])
    // The gates are boxed in structs: a function value stored directly as a generic `Locked` value is
    // reabstracted on every `withLock` (inout) access, wrapping it in one more pair of thunks each time, so a
    // long session made every request slower (and the call deeper) than the one before.
    private let requestGate = Locked<RequestGate?>(nil)
    private let notificationGate = Locked<NotificationGate?>(nil)

    private struct RequestGate {
        let check: @Sendable (String) -> ResponseError?
    }

    private struct NotificationGate {
        let check: @Sendable (String) -> Bool
    }
    private let nextRequestNumber = Locked<Int64>(1)
    private let closed = DispatchGroup()
    /// The read thread, once started.
    private let readThread = Locked<pthread_t?>(nil)
    /// Writes the read thread could not make without blocking.
    private let deferredWrites = DispatchQueue(label: "JSONRPCConnection.write")
    private let started = Locked(false)

    /// Creates a connection reading frames from `input` and writing frames to `output`.
    ///
    /// - Parameters:
    ///   - maximumContentLength: larger frames are rejected (see ``MessageReader``).
    ///   - log: receives one line per protocol problem (bad frames, unhandled notifications, write failures).
    public init(
        input: Int32, output: Int32, maximumContentLength: Int = 64 << 20,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.inputFileDescriptor = input
        self.maximumContentLength = maximumContentLength
        self.log = log
        self.writer = MessageWriter(fileDescriptor: output)
    }

    /// A connection over the process's standard input and output that keeps stray writes off the protocol stream.
    ///
    /// Standard output is duplicated for the connection, then file descriptor 1 is pointed at standard error, so a
    /// stray `print` lands in the log instead of corrupting a frame.
    ///
    /// - Important: Call before any other thread writes to standard output.
    public static func standardIO(
        maximumContentLength: Int = 64 << 20, log: @escaping @Sendable (String) -> Void = { _ in }
    ) -> JSONRPCConnection {
        fflush(nil)
        let protocolOutput = dup(STDOUT_FILENO)
        precondition(protocolOutput >= 0, "dup(stdout) failed: errno \(errno)")
        dup2(STDERR_FILENO, STDOUT_FILENO)
        return JSONRPCConnection(
            input: STDIN_FILENO, output: protocolOutput, maximumContentLength: maximumContentLength, log: log)
    }

    // MARK: Handler table

    /// Registers the handler for a request type, replacing any earlier one.
    ///
    /// The handler gets decoded parameters and a ``RequestContext`` to reply through (now or later, any thread).
    @discardableResult
    public func on<Request: LSPRequest>(
        _ request: Request.Type,
        _ handler: @escaping @Sendable (Request.Params, RequestContext<Request.Response>) -> Void
    ) -> Self {
        let entry: RequestHandler = { [unowned self] params, id, token in
            let context = RequestContext<Request.Response>(
                id: id, method: Request.method, cancellationToken: token
            ) { [weak self] body in
                self?.finishIncomingRequest(id: id, body: body)
            }
            let decoded: Request.Params
            do {
                // Hover and completion parameters read themselves by hand (the Codable decoder was a sixth of a
                // hover's time on the server); anything unusual still goes through the decoder.
                if let direct = Request.Params.self as? any JSONDirectDecodable.Type,
                    let value = direct.init(directlyFrom: params ?? .null) as? Request.Params
                {
                    decoded = value
                } else {
                    decoded = try JSONValueDecoder().decode(Request.Params.self, from: params ?? .null)
                }
            } catch {
                context.reply(error: .invalidParams(error))
                return
            }
            handler(decoded, context)
        }
        requestHandlers.withLock { $0[Request.method] = entry }
        return self
    }

    /// Registers the handler for a notification type, replacing any earlier one.
    ///
    /// Parameters that do not decode are logged and dropped (a notification cannot be answered).
    @discardableResult
    public func on<Notification: LSPNotification>(
        _ notification: Notification.Type, _ handler: @escaping @Sendable (Notification.Params) -> Void
    ) -> Self {
        let log = self.log
        let entry: NotificationHandler = { params in
            do {
                handler(try JSONValueDecoder().decode(Notification.Params.self, from: params ?? .null))
            } catch {
                log("\(Notification.method): invalid params: \(describeDecodingError(error))")
            }
        }
        notificationHandlers.withLock { $0[Notification.method] = entry }
        return self
    }

    /// Installs a check that runs on the read thread before every incoming request, whatever its method.
    ///
    /// Return an error to answer the request with it instead of dispatching; for instance ServerNotInitialized
    /// before `initialize`, or InvalidRequest after `shutdown`. The gate runs before the MethodNotFound check.
    public func setRequestGate(_ gate: @escaping @Sendable (_ method: String) -> ResponseError?) {
        requestGate.withLock { $0 = RequestGate(check: gate) }
    }

    /// Installs a check that runs before every incoming notification; return false to drop it (for instance
    /// everything but `exit` before `initialize`). `$/cancelRequest` still cancels even when dropped.
    public func setNotificationGate(_ gate: @escaping @Sendable (_ method: String) -> Bool) {
        notificationGate.withLock { $0 = NotificationGate(check: gate) }
    }

    // MARK: Running

    /// Starts the read thread. `onClose` runs on that thread after the input ends or fails, once pending outgoing
    /// requests have been failed. Call it once; later calls do nothing.
    public func start(onClose: @escaping @Sendable () -> Void = {}) {
        let first = started.withLock { started in
            defer { started = true }
            return !started
        }
        guard first else { return }
        signal(SIGPIPE, SIG_IGN)
        closed.enter()
        let thread = Thread { [self] in
            readLoop()
            let pending = pendingResponses.withLock { state in
                defer { state = (true, [:]) }
                return state.handlers
            }
            for handler in pending.values {
                handler(.failure(ResponseError(code: ResponseError.requestFailed, message: "connection closed")))
            }
            waitForDeferredWrites(until: .now() + 2)
            onClose()
            closed.leave()
        }
        thread.name = "JSONRPCConnection.read"
        // Decoding recurses once per nesting level; give deep (but allowed) messages room.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Blocks until the read thread has finished (the input reached end of stream).
    public func waitUntilClosed() {
        closed.wait()
    }

    private func readLoop() {
        readThread.withLock { $0 = pthread_self() }
        var reader = MessageReader(
            source: FileDescriptorByteSource(fileDescriptor: inputFileDescriptor),
            maximumContentLength: maximumContentLength)
        let parser = JSONParser()
        while true {
            let result: MessageReader<FileDescriptorByteSource>.ReadResult
            do {
                result = try reader.next()
            } catch {
                log("read failed: \(error)")
                return
            }
            switch result {
            case .endOfStream:
                return
            case .framingError(let error):
                log("framing error: \(error)")
                if case .unexpectedEndOfStream = error { return }
                write(.response(id: nil, result: .failure(.parseError("framing error: \(error)"))))
            case .message(let body):
                switch body.withUnsafeBytes({ Message.parse($0, using: parser) }) {
                case .success(let message): dispatch(message)
                case .failure(let error):
                    log("rejected message: \(error.error.message)")
                    write(error.response)
                }
            }
        }
    }

    private func dispatch(_ message: Message) {
        switch message {
        case .request(let id, let method, let params):
            if let gate = requestGate.withLock({ $0 }), let error = gate.check(method) {
                write(.response(id: id, result: .failure(error)))
                return
            }
            guard let handler = requestHandlers.withLock({ $0[method] }) else {
                write(.response(id: id, result: .failure(.methodNotFound(method))))
                return
            }
            let token = CancellationToken()
            incomingRequests.withLock { $0[id] = token }
            handler(params, id, token)
        case .notification(let method, let params):
            if method == CancelRequestNotification.method, let idValue = params?["id"], let id = RequestID(idValue) {
                incomingRequests.withLock { $0[id] }?.cancel()
            }
            if let gate = notificationGate.withLock({ $0 }), !gate.check(method) { return }
            if let handler = notificationHandlers.withLock({ $0[method] }) {
                handler(params)
            } else if !method.hasPrefix("$/") {
                log("ignored notification \(method)")
            }
        case .response(let id, let result):
            guard let id, let handler = pendingResponses.withLock({ $0.handlers.removeValue(forKey: id) }) else {
                log("response for unknown request id \(id.map(\.description) ?? "null")")
                return
            }
            handler(result)
        }
    }

    private func finishIncomingRequest(id: RequestID, body: ReplyBody) {
        incomingRequests.withLock { _ = $0.removeValue(forKey: id) }
        let bytes: [UInt8]
        switch body {
        case .value(let value): bytes = Message.response(id: id, result: .success(value)).encodedBytes()
        case .error(let error): bytes = Message.response(id: id, result: .failure(error)).encodedBytes()
        case .encoded(let result):
            // The frame of `{"jsonrpc":"2.0","id":…,"result":…}`, the layout `Message.jsonValue` gives, written
            // around the result's bytes without building a value.
            var json = JSONWriter(capacity: result.count + 48)
            json.beginObject()
            json.member("jsonrpc")
            json.value("2.0")
            json.member("id")
            json.value(id.jsonValue)
            json.member("result")
            json.value(encoded: result)
            json.endObject()
            bytes = json.bytes
        }
        do {
            // The read thread never blocks on the peer: it writes only when the pipe has room, else the response
            // goes out from the deferred-write queue (responses may arrive in any order).
            if isReadThread {
                if try writer.writeIfRoom(body: bytes) { return }
                deferredWrites.async { [self] in
                    do {
                        try writer.write(body: bytes)
                    } catch {
                        log("write failed: \(error)")
                    }
                }
                return
            }
            try writer.write(body: bytes)
        } catch {
            log("write failed: \(error)")
        }
    }

    /// Waits (until `deadline` at most) for the responses the read thread handed to the deferred-write queue.
    public func waitForDeferredWrites(until deadline: DispatchTime) {
        let done = DispatchSemaphore(value: 0)
        deferredWrites.async { done.signal() }
        _ = done.wait(timeout: deadline)
    }

    /// Whether the caller runs on the read thread.
    private var isReadThread: Bool {
        readThread.withLock { $0 }.map { pthread_equal($0, pthread_self()) != 0 } ?? false
    }

    private func write(_ message: Message) {
        do {
            try writer.write(message)
        } catch {
            log("write failed: \(error)")
        }
    }

    // MARK: Outgoing

    /// Sends a notification.
    public func send<Notification: LSPNotification>(notification: Notification.Type, params: Notification.Params) {
        do {
            let value = try JSONValueEncoder().encode(params)
            // `LSPNull` parameters are left out; `.none` (not `nil`, which JSONValue would read as `.null`) says so.
            let params: JSONValue? = Notification.Params.self == LSPNull.self ? .none : value
            write(.notification(method: Notification.method, params: params))
        } catch {
            log("\(Notification.method): could not encode params: \(error)")
        }
    }

    /// Sends a request and calls `completion` (on the read thread) with the decoded response or error.
    ///
    /// Requests still waiting when the connection closes complete with RequestFailed.
    @discardableResult
    public func send<Request: LSPRequest>(
        request: Request.Type, params: Request.Params,
        completion: @escaping @Sendable (Result<Request.Response, ResponseError>) -> Void
    ) -> RequestID {
        let id = RequestID.integer(
            nextRequestNumber.withLock { number in
                defer { number += 1 }
                return number
            })
        let value: JSONValue
        do {
            value = try JSONValueEncoder().encode(params)
        } catch {
            completion(.failure(.internalError("could not encode params: \(error)")))
            return id
        }
        let handler: ResponseHandler = { result in
            switch result {
            case .success(let value):
                do {
                    completion(.success(try JSONValueDecoder().decode(Request.Response.self, from: value)))
                } catch {
                    completion(.failure(.internalError("invalid response: \(describeDecodingError(error))")))
                }
            case .failure(let error):
                completion(.failure(error))
            }
        }
        let registered = pendingResponses.withLock { state in
            if state.closed { return false }
            state.handlers[id] = handler
            return true
        }
        if !registered {
            completion(.failure(ResponseError(code: ResponseError.requestFailed, message: "connection closed")))
            return id
        }
        let params: JSONValue? = Request.Params.self == LSPNull.self ? .none : value
        write(.request(id: id, method: Request.method, params: params))
        return id
    }

    /// Sends a request and waits for the response.
    ///
    /// - Throws: the ``ResponseError`` the peer answered with, or RequestFailed when the connection closed.
    public func send<Request: LSPRequest>(
        request: Request.Type, params: Request.Params
    ) async throws -> Request.Response {
        try await withCheckedThrowingContinuation { continuation in
            send(request: request, params: params) { result in continuation.resume(with: result) }
        }
    }
}
