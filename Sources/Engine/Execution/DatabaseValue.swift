/// A value that travels to or from a database: a bound parameter or a result cell.
///
/// Values are copied out of C memory into this enum before the next step of a statement,
/// so a `DatabaseValue` never points into memory owned by SQLite or libpq.
/// Dates, times and timestamps travel as ISO-8601 text, and decimals as their exact text,
/// so no precision is lost on the way through Swift.
public enum DatabaseValue: Sendable, Hashable {
    /// SQL `NULL`.
    case null
    /// A 64-bit signed integer.
    case integer(Int64)
    /// A double-precision float; NaN and infinities are kept as they are where the database allows them.
    case real(Double)
    /// UTF-8 text (also dates, times, timestamps, decimals and JSON).
    case text(String)
    /// Raw bytes.
    case blob([UInt8])
    /// A boolean; SQLite stores it as the integer 0 or 1.
    case boolean(Bool)
}

extension String {
    /// A string of `count` UTF-8 bytes copied from `bytes`; invalid sequences are repaired with U+FFFD, as
    /// `String(decoding:as:)` does.
    ///
    /// Every text cell of every row passes through here. Up to 15 bytes (a small string, stored inline) it fills
    /// the string in place with `init(unsafeUninitializedCapacity:initializingUTF8With:)`, about a quarter
    /// cheaper than `String(decoding:as:)` there; longer text takes `String(decoding:as:)`, which is the cheaper
    /// of the two once the string needs heap storage.
    @inline(__always)
    init(databaseText bytes: UnsafePointer<UInt8>, count: Int) {
        if count <= 15 {
            guard count > 0 else {
                self = ""
                return
            }
            self.init(unsafeUninitializedCapacity: count) { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                base.update(from: bytes, count: count)
                return count
            }
        } else {
            self.init(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
    }
}

extension DatabaseValue {
    /// Whether this is SQL `NULL`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension DatabaseValue: CustomStringConvertible {
    /// A readable rendering: `NULL`, numbers as written, text as is, blobs as `x'…'` hex.
    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .text(let value): return value
        case .blob(let bytes):
            let hexDigits: [Character] = Array("0123456789abcdef")
            var text = "x'"
            for byte in bytes {
                text.append(hexDigits[Int(byte >> 4)])
                text.append(hexDigits[Int(byte & 0x0F)])
            }
            return text + "'"
        case .boolean(let value): return value ? "true" : "false"
        }
    }
}

extension DatabaseValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByStringLiteral, ExpressibleByBooleanLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
}
