/// The `error` member of a JSON-RPC response.
///
/// The standard codes are static constants (``parseError``, ``methodNotFound``, …); build an error with one of them:
/// `ResponseError(code: ResponseError.invalidParams, message: "…")` or a helper such as
/// ``invalidParams(_:)``.
public struct ResponseError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Invalid JSON was received.
    public static let parseError = -32700
    /// The JSON sent is not a valid request object.
    public static let invalidRequest = -32600
    /// The method does not exist or is not available.
    public static let methodNotFound = -32601
    /// Invalid method parameters.
    public static let invalidParams = -32602
    /// Internal JSON-RPC error.
    public static let internalError = -32603
    /// A request arrived before the `initialize` request (LSP).
    public static let serverNotInitialized = -32002
    /// An error code not otherwise classified (LSP).
    public static let unknownErrorCode = -32001
    /// A request failed although its parameters were valid (LSP).
    public static let requestFailed = -32803
    /// The server cancelled the request (LSP).
    public static let serverCancelled = -32802
    /// The document changed in a way that invalidates the result (LSP).
    public static let contentModified = -32801
    /// The client cancelled the request (LSP).
    public static let requestCancelled = -32800

    /// The error code.
    public var code: Int
    /// A short description.
    public var message: String
    /// Extra information, if any.
    public var data: LSPAny?

    /// Creates an error.
    public init(code: Int, message: String, data: LSPAny? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// A ParseError for invalid JSON.
    public static func parseError(_ message: String) -> ResponseError {
        ResponseError(code: parseError, message: message)
    }

    /// An InvalidRequest error.
    public static func invalidRequest(_ message: String) -> ResponseError {
        ResponseError(code: invalidRequest, message: message)
    }

    /// A MethodNotFound error naming the method.
    public static func methodNotFound(_ method: String) -> ResponseError {
        ResponseError(code: methodNotFound, message: "method not found: \(method)")
    }

    /// An InvalidParams error whose message names the coding path of a decoding failure.
    public static func invalidParams(_ error: any Error) -> ResponseError {
        ResponseError(code: invalidParams, message: "invalid params: \(describeDecodingError(error))")
    }

    /// An InternalError.
    public static func internalError(_ message: String) -> ResponseError {
        ResponseError(code: internalError, message: message)
    }

    /// A RequestCancelled error.
    public static let cancelled = ResponseError(code: requestCancelled, message: "request cancelled")

    /// "code: message".
    public var description: String { "\(code): \(message)" }
}
