#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A table of names found by their UTF-8 bytes: a name written in the source is looked up straight from the
/// source buffer, without making a `String` of it and without hashing it with `Hasher` (SipHash), which made
/// every name in a file cost two hashed dictionary lookups (the file's bindings, then the predefined names).
///
/// Open addressing with linear probing over a power-of-two slot array. A name of at most 16 bytes (nearly every
/// name) is its key: its bytes as two words, zero-padded, hashed with two multiplications and compared as two
/// words; a small ASCII `String` holds those words already (its bits less the discriminator byte), so looking one
/// up reads no bytes. Longer names are hashed with FNV-1a and compared with `memcmp`. Names are never removed (a
/// rebinding replaces the entry in place).
struct NameTable<Entry> {
    fileprivate struct Record {
        var name: String
        /// The name's UTF-8 bytes, compared with `memcmp` on a hash match for names longer than 16 bytes.
        var bytes: [UInt8]
        var hash: UInt64
        /// A short name's bytes as two zero-padded words (both 0 for a longer name, told apart by ``length``).
        var low: UInt64
        var high: UInt64
        var length: Int
        var entry: Entry
    }

    /// The names with their hashes and entries, in the order they were first added.
    fileprivate var records: [Record] = []
    /// Positions in ``records`` plus one; 0 for an empty slot.
    private var slots: [Int32] = []
    /// Whether a small ASCII string's bits can be read as its key (``SmallASCIIString/isUsable``, read once here).
    private let readsSmallStrings = SmallASCIIString.isUsable

    /// Whether the table is empty.
    var isEmpty: Bool { records.isEmpty }
    /// How many names it holds.
    var count: Int { records.count }
    /// The names, in the order they were first added.
    var names: [String] { records.map(\.name) }

    /// FNV-1a over the bytes (names longer than 16 bytes).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The hash of a name of at most 16 bytes from its key words.
    @inline(__always)
    static func hash(low: UInt64, high: UInt64, length: Int) -> UInt64 {
        var hash = (low ^ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15
        hash ^= high &* 0xC2B2_AE3D_27D4_EB4F
        return hash ^ (hash &>> 29)
    }

    /// The key words of at most 16 bytes: the bytes in order, little-endian, zero-padded; no byte past the end is
    /// read.
    @inline(__always)
    static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (low: UInt64, high: UInt64) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return (0, 0) }
        if bytes.count == 16 {
            let raw = UnsafeRawPointer(base)
            return (
                UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)),
                UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            )
        }
        let words = SmallASCIIString.words(base, count: bytes.count)
        return (words.low, words.high)
    }

    /// The position of the name spelled by `bytes`, if it is in the table.
    @inline(__always)
    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !records.isEmpty else { return nil }
        if bytes.count <= 16 {
            let (low, high) = Self.words(bytes)
            return index(low: low, high: high, length: bytes.count)
        }
        let hash = Self.hash(bytes)
        return slots.withUnsafeBufferPointer { slots in
            records.withUnsafeBufferPointer { records in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let stored = Int(slots[slot])
                    if stored == 0 { return nil }
                    if records[stored - 1].hash == hash && Self.equal(records[stored - 1].bytes, bytes) {
                        return stored - 1
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// The position of the name of `length` (at most 16) bytes whose key words are `low` and `high`.
    @inline(__always)
    private func index(low: UInt64, high: UInt64, length: Int) -> Int? {
        let hash = Self.hash(low: low, high: high, length: length)
        return slots.withUnsafeBufferPointer { slots in
            records.withUnsafeBufferPointer { records in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let stored = Int(slots[slot])
                    if stored == 0 { return nil }
                    let record = records.baseAddress! + (stored - 1)
                    if record.pointee.low == low && record.pointee.high == high && record.pointee.length == length {
                        return stored - 1
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// The position of `name`, if it is in the table: a small ASCII string by its bits, any other through its
    /// bytes.
    func index(of name: String) -> Int? {
        if readsSmallStrings {
            let (low, high) = withUnsafeBytes(of: name) { $0.load(as: (UInt64, UInt64).self) }
            if high & 0xF000_0000_0000_0000 == SmallASCIIString.discriminator {
                guard !records.isEmpty else { return nil }
                // The top byte is the discriminator and the count; the bytes are the 15 below it.
                return index(
                    low: low, high: high & 0x00FF_FFFF_FFFF_FFFF, length: Int(truncatingIfNeeded: (high &>> 56) & 0xF))
            }
        }
        var name = name
        return name.withUTF8 { index(of: $0) }
    }

    /// The entry at a position (from ``index(of:)-(UnsafeBufferPointer<UInt8>)``).
    @inline(__always)
    subscript(index: Int) -> Entry { records[index].entry }

    /// The entry for `name`, if any; setting adds or replaces it (setting `nil` is not supported).
    subscript(name: String) -> Entry? {
        get {
            guard let index = index(of: name) else { return nil }
            return records[index].entry
        }
        set {
            guard let newValue else { preconditionFailure("a NameTable never removes a name") }
            set(name, newValue)
        }
    }

    /// Adds `name`, with `entry`, or replaces the entry of a name already there.
    mutating func set(_ name: String, _ entry: Entry) {
        var name = name
        let (position, key) = name.withUTF8 { bytes in
            let words = bytes.count <= 16 ? Self.words(bytes) : (low: 0, high: 0)
            let hash =
                bytes.count <= 16 ? Self.hash(low: words.low, high: words.high, length: bytes.count) : Self.hash(bytes)
            return (index(of: bytes), (words: words, hash: hash, length: bytes.count))
        }
        if let position {
            records[position].entry = entry
            return
        }
        if (records.count + 1) * 2 > slots.count { grow() }
        records.append(
            Record(
                name: name, bytes: key.length <= 16 ? [] : Array(name.utf8), hash: key.hash, low: key.words.low,
                high: key.words.high, length: key.length, entry: entry))
        insertSlot(hash: key.hash, position: records.count - 1)
    }

    private mutating func grow() {
        // Filled in a loop: `Array(repeating:count:)` allocates through the standard library's unspecialized
        // buffer allocation, which looks up the storage type's metadata at run time (about 450 instructions more).
        let count = max(16, slots.count * 2)
        var grown: [Int32] = []
        grown.reserveCapacity(count)
        for _ in 0..<count { grown.append(0) }
        slots = grown
        for position in records.indices { insertSlot(hash: records[position].hash, position: position) }
    }

    private mutating func insertSlot(hash: UInt64, position: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(position + 1)
    }

    @inline(__always)
    private static func equal(_ key: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count == bytes.count else { return false }
        guard !key.isEmpty, let base = bytes.baseAddress else { return true }
        return key.withUnsafeBufferPointer { key in memcmp(key.baseAddress!, base, key.count) == 0 }
    }
}

extension NameTable: Sendable where Entry: Sendable {}
extension NameTable.Record: Sendable where Entry: Sendable {}

extension NameTable {
    /// A table of the usual spellings of names (as given, and their camelCase forms) to what `resolve` answers for
    /// each, so that looking one up gives what `resolve` would, without snake-casing and hashing the name; names
    /// for which `resolve` answers `nil` are left out (a miss falls back to `resolve`).
    static func spellings(of names: [String], _ resolve: (String) -> Entry?) -> NameTable {
        var table = NameTable()
        for name in names {
            for spelling in [name, camelCase(name)] where table.index(of: spelling) == nil {
                if let entry = resolve(spelling) { table.set(spelling, entry) }
            }
        }
        return table
    }
}
