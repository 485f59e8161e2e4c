/// A request type: its method name, parameter type and response type.
///
/// Request types are empty structs that only name these three things, one per file in `Requests/`:
///
/// ```swift
/// public struct HoverRequest: TextDocumentRequest {
///     public static let method = "textDocument/hover"
///     public typealias Params = HoverParams
///     public typealias Response = Hover?
/// }
/// ```
public protocol LSPRequest: Sendable {
    /// The parameters; ``LSPNull`` when the request has none.
    associatedtype Params: Codable & Sendable
    /// The result; an optional when the specification allows `null`.
    associatedtype Response: Codable & Sendable
    /// The JSON-RPC method name, exactly as in the specification.
    static var method: String { get }
}

/// A request whose parameters name a text document.
public protocol TextDocumentRequest: LSPRequest where Params: TextDocumentParams {}

/// Parameters that name a text document.
public protocol TextDocumentParams: Sendable {
    /// The document.
    var textDocument: TextDocumentIdentifier { get }
}

/// A notification type: its method name and parameter type (one per file in `Notifications/`).
public protocol LSPNotification: Sendable {
    /// The parameters; ``LSPNull`` when the notification has none.
    associatedtype Params: Codable & Sendable
    /// The JSON-RPC method name, exactly as in the specification.
    static var method: String { get }
}

/// The absent parameters of `shutdown`, `exit` and friends, and the `null` result of `shutdown`.
///
/// Encodes as JSON `null`; as parameters it is left out of the message. Decodes from anything.
public struct LSPNull: Codable, Sendable, Hashable {
    /// Creates the value.
    public init() {}

    /// Accepts any value (or none).
    public init(from decoder: any Decoder) throws {}

    /// Writes `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}
