/// A JSON object that keeps its keys in insertion order and offers lookup by key.
///
/// Small objects (the common case in LSP) are searched linearly; larger ones carry a key index.
/// Equality and hashing ignore key order, as JSON does; encoding preserves it.
/// Setting an existing key replaces its value in place.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// One key and its value.
    public struct Entry: Sendable, Hashable {
        /// The member name.
        public var key: String
        /// The member value.
        public var value: JSONValue

        /// Creates an entry.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The entries in order.
    public private(set) var entries: [Entry]
    private var index: [String: Int]?

    /// Objects with more entries than this get a key index.
    private static let indexThreshold = 12

    /// Creates an empty object.
    public init() {
        entries = []
    }

    /// Creates an object from entries in order; a repeated key keeps its first position and its last value.
    public init(_ entries: [Entry]) {
        self.entries = []
        self.entries.reserveCapacity(entries.count)
        if entries.count > Self.indexThreshold { index = [:] }
        for entry in entries { self[entry.key] = entry.value }
    }

    /// Creates an object from key-value pairs in order.
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.init(pairs.map { Entry(key: $0.key, value: $0.value) })
    }

    /// Creates an object from entries known to have distinct keys, skipping the duplicate check.
    init(uniqueEntries entries: [Entry]) {
        self.entries = entries
        if entries.count > Self.indexThreshold {
            var index: [String: Int] = [:]
            index.reserveCapacity(entries.count)
            for (position, entry) in entries.enumerated() { index[entry.key] = position }
            self.index = index
        }
    }

    /// The number of members.
    public var count: Int { entries.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { entries.isEmpty }

    /// The keys in order.
    public var keys: [String] { entries.map(\.key) }

    /// The position of `key` in ``entries``, or `nil`.
    func position(of key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    /// The value for `key`; setting `nil` removes the member, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { entries[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    entries[position].value = newValue
                } else {
                    entries.remove(at: position)
                    rebuildIndex()
                }
            } else if let newValue {
                entries.append(Entry(key: key, value: newValue))
                if index != nil {
                    index![key] = entries.count - 1
                } else if entries.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    private mutating func rebuildIndex() {
        guard entries.count > Self.indexThreshold else {
            index = nil
            return
        }
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() { index[entry.key] = position }
        self.index = index
    }

    /// Iterates the entries in order.
    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

    /// Equal when both have the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.entries.count == rhs.entries.count else { return false }
        for entry in lhs.entries where rhs[entry.key] != entry.value { return false }
        return true
    }

    /// Hashes the members independently of their order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries.count)
        var sum = 0
        for entry in entries { sum &+= entry.hashValue }
        hasher.combine(sum)
    }
}
