#if canImport(Glibc)
    import Glibc
#endif

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

/// Writes a text cell into the heap storage of the `String` a reused row slot already holds, instead of allocating
/// a new string and freeing the old one.
///
/// A text cell longer than 15 bytes needs heap storage: making it (`String(decoding:as:)`, an allocation, a copy
/// and a validation pass) and freeing the previous row's (a release, the deinit, `free`) cost about 560
/// instructions a cell, more than a third of what stepping SQLite to the row costs. When the slot's string is
/// native, held by nothing but the slot (`isKnownUniquelyReferenced`: a caller that kept the row or the value holds
/// a reference, so its copy is never touched), ASCII, and its storage has room, the new ASCII bytes are copied over
/// the old ones and the count updated: about 60 instructions.
///
/// No public `String` API writes bytes into existing storage, so this relies on the standard library's 64-bit
/// layout (a native string is its count-and-flags word and its storage object; the storage holds its capacity,
/// which the standard library sizes from the allocation and which counts the NUL terminator, the same
/// count-and-flags word and then the NUL-terminated code units). That layout is never assumed: ``isUsable`` checks
/// every part of it, read-only, on strings made by `String(decoding:as:)` and one that reserved 500 bytes, then
/// overwrites sample strings and requires them to equal fresh ones in every way a reader can see (bytes, count,
/// equality, hash, C string, appending). On any other
/// layout it answers `false` once and every cell takes the allocating path.
@usableFromInline
enum ReusedStringStorage {
    /// The count-and-flags word's flags for a native, tail-allocated ASCII (hence NFC) string, in its top 16 bits.
    @inlinable static var nativeASCIIFlags: UInt64 { 0xF000_0000_0000_0000 }
    /// Where the code units start in a native string's storage object.
    @inlinable static var codeUnitOffset: Int { 32 }

    /// Whether the standard library's layout is the one this type writes (checked once per process).
    @usableFromInline static let isUsable: Bool = layoutProblem == nil

    /// Copies the `count` bytes at `bytes` into `string`'s storage when they are ASCII, `count` is above 15 and
    /// `string` is a native ASCII string whose storage only `string` references and has room; returns `false`
    /// (with `string` unchanged) otherwise.
    ///
    /// - Precondition: ``isUsable`` (the caller reads it once, not per cell).
    @inlinable @inline(__always)
    static func overwrite(_ string: inout String, with bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        guard count > 15, isASCII(bytes, count: count) else { return false }
        return withUnsafeMutableBytes(of: &string) { words -> Bool in
            guard words.load(as: UInt64.self) &>> 48 == nativeASCIIFlags &>> 48 else { return false }
            let object = words.load(fromByteOffset: 8, as: UInt.self)
            // Native and mortal: the top four bits (the discriminator) are clear.
            guard object &>> 60 == 0, let storage = UnsafeMutableRawPointer(bitPattern: object) else { return false }
            // The real capacity counts the NUL terminator; a set flag (breadcrumbs) makes the word too large.
            guard storage.load(fromByteOffset: 16, as: UInt64.self) > UInt64(count) else { return false }
            // The storage reference read in place as a native Swift object (no retain): only its reference
            // count is looked at.
            let unique = words.baseAddress.unsafelyUnwrapped.advanced(by: 8).withMemoryRebound(
                to: NativeObject.self, capacity: 1
            ) { isKnownUniquelyReferenced(&$0.pointee) }
            guard unique else { return false }
            let codeUnits = storage + codeUnitOffset
            codeUnits.copyMemory(from: bytes, byteCount: count)
            codeUnits.storeBytes(of: 0, toByteOffset: count, as: UInt8.self)
            let countAndFlags = nativeASCIIFlags | UInt64(count)
            storage.storeBytes(of: countAndFlags, toByteOffset: 24, as: UInt64.self)
            words.storeBytes(of: countAndFlags, as: UInt64.self)
            return true
        }
    }

    /// The static type a string's storage reference is read as for `isKnownUniquelyReferenced` (any native Swift
    /// class would do: the check reads the object's reference count, never its type).
    @usableFromInline final class NativeObject {}

    /// Whether the `count` bytes at `bytes` are all ASCII, read a word at a time (`count` at least 8).
    @inlinable
    static func isASCII(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(bytes)
        var bits: UInt64 = 0
        var offset = 0
        while offset + 8 <= count {
            bits |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        if offset < count { bits |= raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// What of the layout did not match (`nil` when it all did): the tests show it when ``isUsable`` is `false`.
    static let layoutProblem: String? = {
        #if canImport(Glibc)
            return layoutMismatch()
        #else
            return "not a Glibc platform"
        #endif
    }()

    #if canImport(Glibc)
        /// Reads, without writing anything, whether `string` (made from `count` ASCII bytes by `String(decoding:as:)`)
        /// is laid out as ``overwrite(_:with:count:)`` expects, its capacity inside the allocation.
        private static func hasExpectedLayout(_ string: String, count: Int) -> Bool {
            let (countAndFlags, object) = unsafeBitCast(string, to: (UInt64, UInt).self)
            guard countAndFlags == nativeASCIIFlags | UInt64(count), object &>> 60 == 0,
                let storage = UnsafeMutableRawPointer(bitPattern: object)
            else { return false }
            let start = string.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
            let capacity = storage.load(fromByteOffset: 16, as: UInt64.self)
            return start == UnsafeRawPointer(storage + codeUnitOffset)
                && storage.load(fromByteOffset: 24, as: UInt64.self) == countAndFlags
                && capacity &>> 48 == 0 && capacity > UInt64(count) && capacity <= UInt64(count + 48)
                && storage.load(fromByteOffset: codeUnitOffset + count, as: UInt8.self) == 0
        }

        private static func layoutMismatch() -> String? {
            guard MemoryLayout<String>.size == 16, MemoryLayout<NativeObject>.size == 8 else { return "word sizes" }
            let sample: [UInt8] = Array("The quick brown fox jumps over the lazy dog, 0123456789".utf8)
            return sample.withUnsafeBufferPointer { buffer -> String? in
                guard let base = buffer.baseAddress else { return "no sample" }
                func fresh(_ offset: Int, _ count: Int) -> String {
                    String(decoding: UnsafeBufferPointer(start: base + offset, count: count), as: UTF8.self)
                }
                for count in [16, 24, 31, 40, 55] where !hasExpectedLayout(fresh(0, count), count: count) {
                    return "the layout of a \(count)-byte string"
                }
                // The capacity word is the capacity (the standard library sizes it from the allocation): a string
                // that reserved 500 bytes has a little more than 500.
                var reserved = fresh(0, 40)
                reserved.reserveCapacity(500)
                let reservedCapacity = withUnsafeBytes(of: &reserved) { words in
                    UnsafeRawPointer(bitPattern: words.load(fromByteOffset: 8, as: UInt.self))?.load(
                        fromByteOffset: 16, as: UInt64.self) ?? 0
                }
                guard (501...600).contains(reservedCapacity & 0xFFFF_FFFF_FFFF) else {
                    return "the capacity of a string that reserved 500 bytes: \(reservedCapacity)"
                }
                var string = fresh(0, 40)
                // Shorter, longer (within the capacity) and equal lengths, each read back as a fresh string would be.
                for (offset, count) in [(3, 24), (9, 16), (1, 31), (2, 40), (0, 40)] {
                    let expected = fresh(offset, count)
                    guard overwrite(&string, with: base + offset, count: count), string == expected,
                        string.utf8.count == count, string.count == expected.count,
                        string.utf8.elementsEqual(expected.utf8), string.hashValue == expected.hashValue,
                        string.withCString({ strlen($0) }) == count, hasExpectedLayout(string, count: count),
                        string + "!" == expected + "!"
                    else { return "\(count) bytes written at \(offset)" }
                }
                // A copy held elsewhere is never written.
                let kept = string
                guard !overwrite(&string, with: base + 5, count: 20), kept == fresh(0, 40), string == kept else {
                    return "a string held twice"
                }
                // Too long for the storage (the real capacity counts the NUL), and non-ASCII bytes: refused.
                var short = fresh(0, 16)
                let realCapacity = withUnsafeBytes(of: &short) { words in
                    UnsafeRawPointer(bitPattern: words.load(fromByteOffset: 8, as: UInt.self))?.load(
                        fromByteOffset: 16, as: UInt64.self) ?? 0
                }
                if realCapacity <= UInt64(sample.count) {
                    guard !overwrite(&short, with: base, count: Int(realCapacity)), short == fresh(0, 16) else {
                        return "a text as long as the capacity"
                    }
                }
                let accented: [UInt8] = Array("café, crème brûlée and more".utf8)
                let refused = accented.withUnsafeBufferPointer {
                    overwrite(&short, with: $0.baseAddress!, count: $0.count)
                }
                return !refused && short == fresh(0, 16) ? nil : "non-ASCII text"
            }
        }
    #endif
}

extension DatabaseValue {
    /// Sets `slot` (of a row being reused) to `reference`'s owned value; a text cell longer than 15 ASCII bytes is
    /// written into the storage of the string the slot held when ``ReusedStringStorage`` can (`reuseStrings`: its
    /// `isUsable`, read once by the caller), so the previous row's string is neither freed nor a new one allocated.
    /// A string anyone else still references is left alone and a new one made.
    ///
    /// The slot's old value is moved out, not copied, so the string is not retained and released on the way (a
    /// copy would also make it look shared while the check runs).
    @inlinable @inline(__always)
    static func assign(
        _ reference: DatabaseValueRef, to slot: UnsafeMutablePointer<DatabaseValue>, smallASCII: Bool,
        reuseStrings: Bool
    ) {
        if reuseStrings, case .text(let bytes) = reference, bytes.count > 15, let base = bytes.baseAddress {
            let old = slot.move()
            if case .text(var string) = consume old {
                if ReusedStringStorage.overwrite(&string, with: base, count: bytes.count) {
                    slot.initialize(to: .text(string))
                    return
                }
            }
            slot.initialize(to: reference.owned(smallASCII: smallASCII))
            return
        }
        slot.pointee = reference.owned(smallASCII: smallASCII)
    }

    /// ``assign(_:to:smallASCII:reuseStrings:)`` on this value.
    @inlinable
    mutating func assign(_ reference: DatabaseValueRef, smallASCII: Bool, reuseStrings: Bool) {
        withUnsafeMutablePointer(to: &self) { slot in
            Self.assign(reference, to: slot, smallASCII: smallASCII, reuseStrings: reuseStrings)
        }
    }
}

extension Array where Element == DatabaseValue {
    /// Whether this array's buffer is referenced by this array alone (an empty array's shared buffer is not), read
    /// in place as ``ReusedStringStorage`` reads a string's: a native Swift object's reference count.
    @inlinable
    mutating func isUniquelyReferenced() -> Bool {
        #if _runtime(_ObjC)
            return false
        #else
            guard MemoryLayout<[DatabaseValue]>.size == MemoryLayout<ReusedStringStorage.NativeObject>.size,
                capacity > 0
            else { return false }
            return withUnsafeMutablePointer(to: &self) { array in
                UnsafeMutableRawPointer(array).withMemoryRebound(
                    to: ReusedStringStorage.NativeObject.self, capacity: 1
                ) { isKnownUniquelyReferenced(&$0.pointee) }
            }
        #endif
    }
}
