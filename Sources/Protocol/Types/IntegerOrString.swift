/// `integer | string`, as used by diagnostic codes and progress tokens.
public enum IntegerOrString: Codable, Sendable, Hashable {
    /// A number.
    case integer(Int)
    /// A string.
    case string(String)

    /// Decodes a number or a string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int.self) {
            self = .integer(integer)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// Encodes the number or string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let integer): try container.encode(integer)
        case .string(let string): try container.encode(string)
        }
    }
}

extension IntegerOrString: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// Creates `.string`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// Creates `.integer`.
    public init(integerLiteral value: Int) { self = .integer(value) }
}
