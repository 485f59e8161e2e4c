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
    /// Every text cell of every row passes through here. ASCII text up to 15 bytes becomes a small string (stored
    /// inline, no heap storage) from its bytes directly (``SmallASCIIString``: two loads, one ASCII test, no
    /// validation pass and no closure); other text up to 15 bytes is filled in place with
    /// `init(unsafeUninitializedCapacity:initializingUTF8With:)`, about a quarter cheaper than
    /// `String(decoding:as:)` there; longer text takes `String(decoding:as:)`, which is the cheaper of the two once
    /// the string needs heap storage.
    @inlinable
    init(databaseText bytes: UnsafePointer<UInt8>, count: Int) {
        self.init(databaseText: bytes, count: count, smallASCII: count <= 15 && SmallASCIIString.isUsable)
    }

    /// ``init(databaseText:count:)`` with ``SmallASCIIString/isUsable`` read by the caller once (a statement reads
    /// it when prepared), not once per cell: reading a lazily initialized global is a call to `swift_once`.
    @inlinable
    init(databaseText bytes: UnsafePointer<UInt8>, count: Int, smallASCII: Bool) {
        if count <= 15 {
            guard count > 0 else {
                self = ""
                return
            }
            if smallASCII, let small = SmallASCIIString.make(bytes, count: count) {
                self = small
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

/// Makes small ASCII strings (1 to 15 bytes) from their bytes without the standard library's validation pass.
///
/// A small string is 16 bytes in place: the code units in order, the last byte holding a discriminator (small,
/// immortal, ASCII) and the count. `String(unsafeUninitializedCapacity:…)` costs about 110 instructions for a
/// 10-byte name (a closure call, then UTF-8 validation); reading the bytes as two words, testing them for ASCII
/// and setting that last byte costs about 15. The layout is not public API, so it is never assumed: ``isUsable``
/// builds every length from 1 to 15 with `String(decoding:as:)` once and requires our bits to equal the standard
/// library's, bit for bit; on any other layout (another platform, another runtime) `make` answers `nil` and the
/// caller takes the validated path.
@usableFromInline
enum SmallASCIIString {
    /// The discriminator of a small ASCII string of length 0 (immortal, small, ASCII), in the top byte of the
    /// second word; a constant, so reading it costs nothing, and checked against `""` by ``isUsable``.
    @inlinable static var discriminator: UInt64 { 0xE000_0000_0000_0000 }

    /// Whether strings made here are bit for bit the standard library's own (checked once per process).
    @usableFromInline static let isUsable: Bool = {
        guard MemoryLayout<String>.size == 16, MemoryLayout<(UInt64, UInt64)>.size == 16,
            unsafeBitCast("", to: (UInt64, UInt64).self) == (0, discriminator)
        else { return false }
        let sample: [UInt8] = Array("0123456789abcde".utf8)
        return sample.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            for count in 1...15 {
                let expected = String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
                let words = words(base, count: count)
                guard words.isASCII,
                    unsafeBitCast(expected, to: (UInt64, UInt64).self) == bits(words, count: count),
                    make(base, count: count) == expected
                else { return false }
            }
            return true
        }
    }()

    /// The bytes of `count` (1 to 15) code units as two little-endian words, without reading past `count`.
    @inlinable
    static func words(_ bytes: UnsafePointer<UInt8>, count: Int) -> (low: UInt64, high: UInt64, isASCII: Bool) {
        let raw = UnsafeRawPointer(bytes)
        var low: UInt64
        var high: UInt64 = 0
        if count >= 8 {
            low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            if count > 8 {
                // The 8 bytes ending at `count`, shifted down so byte 8 comes first.
                let tail = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
                high = tail &>> UInt64(8 * (16 - count))
            }
        } else if count >= 4 {
            let head = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let tail = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            low = head | (tail &<< UInt64(8 * (count - 4)))
        } else {
            low = UInt64(bytes[0])
            if count > 1 { low |= UInt64(bytes[1]) &<< 8 }
            if count > 2 { low |= UInt64(bytes[2]) &<< 16 }
        }
        return (low, high, (low | high) & 0x8080_8080_8080_8080 == 0)
    }

    /// The raw representation of the small ASCII string holding `words` (`count` from 1 to 15).
    @inlinable
    static func bits(_ words: (low: UInt64, high: UInt64, isASCII: Bool), count: Int) -> (UInt64, UInt64) {
        (words.low, words.high | discriminator | (UInt64(count) &<< 56))
    }

    /// The string of `count` (1 to 15) bytes at `bytes` when they are all ASCII; `nil` otherwise.
    ///
    /// - Precondition: ``isUsable`` (the caller checks it once, not per string).
    @inlinable
    static func make(_ bytes: UnsafePointer<UInt8>, count: Int) -> String? {
        let words = words(bytes, count: count)
        guard words.isASCII else { return nil }
        // Moved out of the bits, not copied (`unsafeBitCast` would copy: a `swift_bridgeObjectRetain` call, which
        // for a small string does nothing but costs the call).
        var bits = bits(words, count: count)
        return withUnsafeMutablePointer(to: &bits) { pointer in
            pointer.withMemoryRebound(to: String.self, capacity: 1) { $0.move() }
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
