/// One JSON-RPC 2.0 message: a request, a notification, or a response.
///
/// LSP uses JSON-RPC without batches, so a top-level array is an invalid request.
public enum Message: Sendable, Hashable {
    /// A request, which the receiver must answer with a response carrying the same id.
    case request(id: RequestID, method: String, params: JSONValue?)
    /// A notification, which gets no response.
    case notification(method: String, params: JSONValue?)
    /// A response to a request: a result or an error. The id is `nil` (JSON `null`) only for errors about messages
    /// whose id could not be read.
    case response(id: RequestID?, result: Result<JSONValue, ResponseError>)

    /// The message as a JSON object with `"jsonrpc":"2.0"` first.
    public var jsonValue: JSONValue {
        var object = JSONObject()
        object["jsonrpc"] = "2.0"
        switch self {
        case .request(let id, let method, let params):
            object["id"] = id.jsonValue
            object["method"] = .string(method)
            if let params { object["params"] = params }
        case .notification(let method, let params):
            object["method"] = .string(method)
            if let params { object["params"] = params }
        case .response(let id, let result):
            object["id"] = id?.jsonValue ?? .null
            switch result {
            case .success(let value):
                object["result"] = value
            case .failure(let error):
                var errorObject = JSONObject()
                errorObject["code"] = .integer(Int64(error.code))
                errorObject["message"] = .string(error.message)
                if let data = error.data { errorObject["data"] = data }
                object["error"] = .object(errorObject)
            }
        }
        return .object(object)
    }

    /// The message as compact JSON bytes (the body of a frame).
    public func encodedBytes() -> [UInt8] { jsonValue.encodedBytes() }

    /// Parses and classifies a message body.
    ///
    /// - Invalid JSON gives a ParseError with a `nil` id.
    /// - Valid JSON that is not a JSON-RPC 2.0 object (missing `"jsonrpc":"2.0"`, an id that is neither integer nor
    ///   string, a method that is not a string, a batch array, a response with neither or both of result and error)
    ///   gives an InvalidRequest, with the id when it could be read.
    public static func parse(_ body: UnsafeRawBufferPointer) -> Result<Message, MessageParseError> {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: body)
        } catch {
            return .failure(MessageParseError(id: nil, error: .parseError("parse error: \(error)")))
        }
        return classify(value)
    }

    /// Parses and classifies a message body with a reusable parser. See ``parse(_:)-(UnsafeRawBufferPointer)``.
    public static func parse(
        _ body: UnsafeRawBufferPointer, using parser: JSONParser
    ) -> Result<Message, MessageParseError> {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: body, using: parser)
        } catch {
            return .failure(MessageParseError(id: nil, error: .parseError("parse error: \(error)")))
        }
        return classify(value)
    }

    /// Parses and classifies a message body held in an array. See ``parse(_:)-(UnsafeRawBufferPointer)``.
    public static func parse(_ body: [UInt8]) -> Result<Message, MessageParseError> {
        body.withUnsafeBytes { parse($0) }
    }

    /// Classifies an already decoded JSON value. See ``parse(_:)-(UnsafeRawBufferPointer)``.
    public static func classify(_ value: JSONValue) -> Result<Message, MessageParseError> {
        func invalid(_ message: String, id: RequestID? = nil) -> Result<Message, MessageParseError> {
            .failure(MessageParseError(id: id, error: .invalidRequest(message)))
        }
        guard case .object(let object) = value else {
            if case .array = value { return invalid("batch requests are not supported") }
            return invalid("a message must be a JSON object, found \(value.kindName)")
        }
        var id: RequestID?
        if let idValue = object["id"], !idValue.isNull {
            guard let parsed = RequestID(idValue) else {
                return invalid("id must be an integer or a string, found \(idValue.kindName)")
            }
            id = parsed
        }
        guard object["jsonrpc"] == "2.0" else { return invalid("missing \"jsonrpc\": \"2.0\"", id: id) }
        let params = object["params"]
        if let params, !(params.objectValue != nil || params.arrayValue != nil || params.isNull) {
            return invalid("params must be an object or an array", id: id)
        }
        if let methodValue = object["method"] {
            guard case .string(let method) = methodValue else {
                return invalid("method must be a string, found \(methodValue.kindName)", id: id)
            }
            if let id { return .success(.request(id: id, method: method, params: params)) }
            if let idValue = object["id"], idValue.isNull {
                return invalid("a request id must not be null")
            }
            return .success(.notification(method: method, params: params))
        }
        let result = object["result"]
        let error = object["error"]
        guard object["id"] != nil else { return invalid("a message needs a method or an id") }
        switch (result, error) {
        case (let result?, nil):
            return .success(.response(id: id, result: .success(result)))
        case (nil, let errorValue?):
            do {
                let responseError = try JSONValueDecoder().decode(ResponseError.self, from: errorValue)
                return .success(.response(id: id, result: .failure(responseError)))
            } catch {
                return invalid("invalid error object: \(describeDecodingError(error))", id: id)
            }
        default:
            return invalid("a response needs exactly one of result and error", id: id)
        }
    }
}

/// Why a message body could not be used, with the response to send back.
public struct MessageParseError: Error, Sendable, Hashable {
    /// The id of the offending message when it could be read; the error response carries it (else `null`).
    public var id: RequestID?
    /// ParseError or InvalidRequest.
    public var error: ResponseError

    /// Creates a parse error.
    public init(id: RequestID?, error: ResponseError) {
        self.id = id
        self.error = error
    }

    /// The error response to send back.
    public var response: Message { .response(id: id, result: .failure(error)) }
}
