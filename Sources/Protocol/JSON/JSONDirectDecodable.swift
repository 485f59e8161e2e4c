/// A type that reads itself from a ``JSONValue`` by hand for the common, well-formed case: the same value
/// ``JSONValueDecoder`` gives, without the `Codable` machinery.
///
/// `init?(directlyFrom:)` returns `nil` for anything it does not handle (a missing member, a different type, a
/// non-integral number); the caller then decodes with ``JSONValueDecoder``, which gives the value or the precise
/// error with its path. ``JSONRPCConnection`` uses it for the parameters of hover and completion.
/// `Tests/ProtocolTests/DirectEncodingTests.swift` checks each conformance against ``JSONValueDecoder``.
public protocol JSONDirectDecodable: Decodable {
    /// The value, or `nil` to let ``JSONValueDecoder`` decide.
    init?(directlyFrom value: JSONValue)
}

extension JSONDirectDecodable {
    /// Decodes `value` directly when possible, else with ``JSONValueDecoder``.
    public static func decode(from value: JSONValue) throws -> Self {
        if let direct = Self(directlyFrom: value) { return direct }
        return try JSONValueDecoder().decode(Self.self, from: value)
    }
}

extension Int {
    /// An integer member as ``JSONValueDecoder`` reads it in the common case (a JSON integer in range).
    fileprivate init?(directlyFrom value: JSONValue?) {
        guard case .integer(let integer)? = value, let exact = Int(exactly: integer) else { return nil }
        self = exact
    }
}

extension Position: JSONDirectDecodable {
    public init?(directlyFrom value: JSONValue) {
        guard case .object(let object) = value, let line = Int(directlyFrom: object["line"]),
            let character = Int(directlyFrom: object["character"])
        else { return nil }
        self.init(line: line, character: character)
    }
}

extension TextDocumentIdentifier: JSONDirectDecodable {
    public init?(directlyFrom value: JSONValue) {
        guard case .string(let uri)? = value["uri"] else { return nil }
        self.init(uri: uri)
    }
}

extension HoverParams: JSONDirectDecodable {
    public init?(directlyFrom value: JSONValue) {
        guard case .object(let object) = value,
            let textDocument = object["textDocument"].flatMap(TextDocumentIdentifier.init(directlyFrom:)),
            let position = object["position"].flatMap(Position.init(directlyFrom:))
        else { return nil }
        self.init(textDocument: textDocument, position: position)
    }
}

extension CompletionContext: JSONDirectDecodable {
    public init?(directlyFrom value: JSONValue) {
        guard case .object(let object) = value, let kind = Int(directlyFrom: object["triggerKind"]) else {
            return nil
        }
        switch object["triggerCharacter"] {
        case nil, .null?: self.init(triggerKind: CompletionTriggerKind(rawValue: kind))
        case .string(let character)?:
            self.init(triggerKind: CompletionTriggerKind(rawValue: kind), triggerCharacter: character)
        default: return nil
        }
    }
}

extension CompletionParams: JSONDirectDecodable {
    public init?(directlyFrom value: JSONValue) {
        guard case .object(let object) = value,
            let textDocument = object["textDocument"].flatMap(TextDocumentIdentifier.init(directlyFrom:)),
            let position = object["position"].flatMap(Position.init(directlyFrom:))
        else { return nil }
        switch object["context"] {
        case nil, .null?: self.init(textDocument: textDocument, position: position)
        case let context?:
            guard let context = CompletionContext(directlyFrom: context) else { return nil }
            self.init(textDocument: textDocument, position: position, context: context)
        }
    }
}
