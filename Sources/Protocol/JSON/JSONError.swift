/// Why JSON text could not be decoded, and where.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad reason.
    public enum Kind: Sendable, Hashable {
        /// The input ended before the value was complete (includes empty input).
        case unexpectedEndOfInput
        /// The input is not JSON at the offset (json-c's description is in ``JSONError/message``).
        case syntax
        /// Nesting is deeper than the limit.
        case tooDeep
        /// A string is not valid UTF-8.
        case invalidUTF8
        /// A complete value is followed by more than whitespace.
        case trailingCharacters
        /// The input is larger than json-c accepts (2 GiB).
        case tooLarge
    }

    /// The broad reason.
    public var kind: Kind
    /// A readable message, from json-c where it gave one.
    public var message: String
    /// The zero-based byte offset in the input where decoding stopped.
    public var byteOffset: Int

    /// Creates an error.
    public init(kind: Kind, message: String, byteOffset: Int) {
        self.kind = kind
        self.message = message
        self.byteOffset = byteOffset
    }

    /// "invalid JSON at byte N: message".
    public var description: String { "invalid JSON at byte \(byteOffset): \(message)" }
}
