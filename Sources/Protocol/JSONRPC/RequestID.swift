/// The `id` of a JSON-RPC request: an integer or a string.
public enum RequestID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A numeric id.
    case integer(Int64)
    /// A string id.
    case string(String)

    /// The id as a JSON value.
    public var jsonValue: JSONValue {
        switch self {
        case .integer(let integer): return .integer(integer)
        case .string(let string): return .string(string)
        }
    }

    /// Reads an id from a JSON value; `nil` for anything but an integer or a string.
    public init?(_ value: JSONValue) {
        switch value {
        case .integer(let integer): self = .integer(integer)
        case .string(let string): self = .string(string)
        case .double(let double):
            guard let integer = Int64(exactly: double) else { return nil }
            self = .integer(integer)
        default: return nil
        }
    }

    /// Decodes an integer or string id.
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard let id = RequestID(value) else {
            throw DecodingError.typeMismatch(
                RequestID.self,
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected an integer or a string, found \(value.kindName)"))
        }
        self = id
    }

    /// Encodes the id as a number or string.
    public func encode(to encoder: any Encoder) throws {
        try jsonValue.encode(to: encoder)
    }

    /// The id as written in JSON: `7` or `"abc"`.
    public var description: String { jsonValue.encodedString() }
}
