/// Eight bytes of source read as one word and tested together (SWAR), for the scans over names and strings.
///
/// Each test sets the high bit of the bytes it finds. The lowest flagged byte is always exact; a byte above a real
/// match may be flagged too (the borrow of the subtraction runs upwards), so callers use a result only as "some byte
/// matches" or through its lowest set bit.
enum ByteWord {
    /// 0x01 in every byte.
    @inline(__always) static var ones: UInt64 { 0x0101_0101_0101_0101 }
    /// 0x80 in every byte.
    @inline(__always) static var highBits: UInt64 { 0x8080_8080_8080_8080 }

    /// The eight bytes at `pointer`, the first in the lowest bits.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The bytes of `word` equal to `byte`.
    @inline(__always)
    static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & highBits
    }

    /// The bytes of `word` below `bound` (at most 0x80).
    @inline(__always)
    static func below(_ word: UInt64, _ bound: UInt8) -> UInt64 {
        (word &- ones &* UInt64(bound)) & ~word & highBits
    }

    /// The bytes of `word` that are not ASCII.
    @inline(__always)
    static func nonASCII(_ word: UInt64) -> UInt64 { word & highBits }
}
