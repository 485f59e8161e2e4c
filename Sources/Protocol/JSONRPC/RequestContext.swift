/// What a request handler gets besides the parameters: the id, the cancellation token, and the way to reply.
///
/// Reply exactly once, from any thread, now or later (for instance from a worker queue). Later replies are ignored.
/// A handler that notices ``isCancelled`` should reply ``ResponseError/cancelled``.
public final class RequestContext<Response: Encodable & Sendable>: Sendable {
    /// The id of the request being answered.
    public let id: RequestID
    /// The method of the request being answered.
    public let method: String
    /// Set when the client sends `$/cancelRequest` for this id.
    public let cancellationToken: CancellationToken
    private let send: @Sendable (ReplyBody) -> Void
    private let replied = Locked(false)

    init(
        id: RequestID, method: String, cancellationToken: CancellationToken,
        send: @escaping @Sendable (ReplyBody) -> Void
    ) {
        self.id = id
        self.method = method
        self.cancellationToken = cancellationToken
        self.send = send
    }

    /// Whether the client cancelled the request.
    public var isCancelled: Bool { cancellationToken.isCancelled }

    /// Whether a reply was already sent.
    public var hasReplied: Bool { replied.withLock { $0 } }

    /// Sends the result or error. An encoding failure becomes an InternalError response.
    ///
    /// A result that is ``JSONDirectEncodable`` writes its own JSON text; others go through ``JSONValueEncoder``.
    public func reply(_ result: Result<Response, ResponseError>) {
        guard claimReply() else { return }
        switch result {
        case .success(let response):
            if let direct = response as? any JSONDirectEncodable {
                send(.encoded(direct.directlyEncodedBytes()))
                return
            }
            do {
                send(.value(try JSONValueEncoder().encode(response)))
            } catch {
                send(.error(.internalError("could not encode the result: \(error)")))
            }
        case .failure(let error):
            send(.error(error))
        }
    }

    /// Sends a result that is already JSON text (for instance a cached answer): `bytes` becomes the `result`
    /// member as it is, so it must be one valid JSON value of the response type.
    public func reply(encodedResult bytes: [UInt8]) {
        guard claimReply() else { return }
        send(.encoded(bytes))
    }

    private func claimReply() -> Bool {
        replied.withLock { replied in
            defer { replied = true }
            return !replied
        }
    }

    /// Sends a successful result.
    public func reply(_ response: Response) { reply(.success(response)) }

    /// Sends an error.
    public func reply(error: ResponseError) { reply(.failure(error)) }

    /// Runs `body` and replies with its result; a thrown ``ResponseError`` is sent as is, any other error as
    /// RequestFailed.
    public func reply(with body: () throws -> Response) {
        do {
            reply(.success(try body()))
        } catch let error as ResponseError {
            reply(.failure(error))
        } catch {
            reply(.failure(ResponseError(code: ResponseError.requestFailed, message: "\(error)")))
        }
    }
}

/// What a ``RequestContext`` hands to the connection: a result as a value or as JSON text, or an error.
enum ReplyBody: Sendable, Hashable {
    case value(JSONValue)
    case encoded([UInt8])
    case error(ResponseError)
}
