/// Encodes `Encodable` values to ``JSONValue`` so LSP types can be plain `Codable` structs.
///
/// Optional properties that are `nil` are left out of the object (the specification's "absent" fields), because
/// synthesized `Codable` calls `encodeIfPresent` for them. Object keys follow the struct's declaration order.
///
/// ```swift
/// let value = try JSONValueEncoder().encode(Position(line: 1, character: 4))
/// value.encodedString()  // {"line":1,"character":4}
/// ```
public struct JSONValueEncoder: Sendable {
    /// Creates an encoder.
    public init() {}

    /// Encodes `value` to a JSON value.
    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        if let json = primitiveJSONValue(value) { return json }
        let encoder = ValueEncoder(node: EncodingNode(), codingPath: [])
        try value.encode(to: encoder)
        return encoder.node.finish()
    }
}

/// The result of encoding one value: a finished value, or a container still being filled.
enum EncodingSlot {
    case value(JSONValue)
    case node(EncodingNode)

    func finish() -> JSONValue {
        switch self {
        case .value(let value): return value
        case .node(let node): return node.finish()
        }
    }
}

/// A mutable container the coding containers write into; finished into a `JSONValue` at the end.
final class EncodingNode {
    enum Content {
        case unset
        case single(EncodingSlot)
        case object(keys: [String], slots: [EncodingSlot])
        case array([EncodingSlot])
    }
    var content: Content = .unset

    func finish() -> JSONValue {
        switch content {
        case .unset: return .object(JSONObject())
        case .single(let slot): return slot.finish()
        case .object(let keys, let slots):
            var entries: [JSONObject.Entry] = []
            entries.reserveCapacity(keys.count)
            for (key, slot) in zip(keys, slots) { entries.append(JSONObject.Entry(key: key, value: slot.finish())) }
            return .object(JSONObject(uniqueEntries: entries))
        case .array(let slots):
            return .array(slots.map { $0.finish() })
        }
    }

    func setObjectSlot(_ slot: EncodingSlot, forKey key: String) {
        guard case .object(var keys, var slots) = content else {
            content = .object(keys: [key], slots: [slot])
            return
        }
        content = .unset
        if let position = keys.lastIndex(of: key) {
            slots[position] = slot
        } else {
            keys.append(key)
            slots.append(slot)
        }
        content = .object(keys: keys, slots: slots)
    }

    func appendArraySlot(_ slot: EncodingSlot) {
        guard case .array(var slots) = content else {
            content = .array([slot])
            return
        }
        content = .unset
        slots.append(slot)
        content = .array(slots)
    }

    var arrayCount: Int {
        if case .array(let slots) = content { return slots.count }
        return 0
    }
}

/// Encodes one value into a slot: primitives directly, everything else through a nested encoder.
private func encodeSlot<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> EncodingSlot {
    if let json = primitiveJSONValue(value) { return .value(json) }
    let node = EncodingNode()
    try value.encode(to: ValueEncoder(node: node, codingPath: codingPath))
    return .node(node)
}

struct ValueEncoder: Encoder {
    let node: EncodingNode
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object(keys: [], slots: []) }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.setObjectSlot(.value(.null), forKey: key.stringValue) }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        node.setObjectSlot(.value(.bool(value)), forKey: key.stringValue)
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        node.setObjectSlot(.value(.string(value)), forKey: key.stringValue)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        node.setObjectSlot(.value(.double(value)), forKey: key.stringValue)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        node.setObjectSlot(.value(.integer(Int64(value))), forKey: key.stringValue)
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
        node.setObjectSlot(.value(.integer(value)), forKey: key.stringValue)
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
        node.setObjectSlot(.value(.integer(Int64(value))), forKey: key.stringValue)
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
        node.setObjectSlot(.value(.integer(Int64(value))), forKey: key.stringValue)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.setObjectSlot(try encodeSlot(value, codingPath: codingPath + [key]), forKey: key.stringValue)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodingNode()
        node.setObjectSlot(.node(child), forKey: key.stringValue)
        return ValueEncoder(node: child, codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = EncodingNode()
        node.setObjectSlot(.node(child), forKey: key.stringValue)
        return ValueEncoder(node: child, codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = EncodingNode()
        node.setObjectSlot(.node(child), forKey: key.stringValue)
        return ValueEncoder(node: child, codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    var codingPath: [any CodingKey]
    var count: Int { node.arrayCount }

    mutating func encodeNil() throws { node.appendArraySlot(.value(.null)) }
    mutating func encode(_ value: Bool) throws { node.appendArraySlot(.value(.bool(value))) }
    mutating func encode(_ value: String) throws { node.appendArraySlot(.value(.string(value))) }
    mutating func encode(_ value: Double) throws { node.appendArraySlot(.value(.double(value))) }
    mutating func encode(_ value: Int) throws { node.appendArraySlot(.value(.integer(Int64(value)))) }
    mutating func encode(_ value: Int64) throws { node.appendArraySlot(.value(.integer(value))) }
    mutating func encode(_ value: UInt32) throws { node.appendArraySlot(.value(.integer(Int64(value)))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        node.appendArraySlot(try encodeSlot(value, codingPath: codingPath + [IndexKey(count)]))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = EncodingNode()
        let path = codingPath + [IndexKey(count)]
        node.appendArraySlot(.node(child))
        return ValueEncoder(node: child, codingPath: path).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = EncodingNode()
        let path = codingPath + [IndexKey(count)]
        node.appendArraySlot(.node(child))
        return ValueEncoder(node: child, codingPath: path).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder {
        let child = EncodingNode()
        let path = codingPath + [IndexKey(count)]
        node.appendArraySlot(.node(child))
        return ValueEncoder(node: child, codingPath: path)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .single(.value(.null)) }
    mutating func encode(_ value: Bool) throws { node.content = .single(.value(.bool(value))) }
    mutating func encode(_ value: String) throws { node.content = .single(.value(.string(value))) }
    mutating func encode(_ value: Double) throws { node.content = .single(.value(.double(value))) }
    mutating func encode(_ value: Float) throws { node.content = .single(.value(.double(Double(value)))) }
    mutating func encode(_ value: Int) throws { node.content = .single(.value(.integer(Int64(value)))) }
    mutating func encode(_ value: Int64) throws { node.content = .single(.value(.integer(value))) }
    mutating func encode(_ value: Int32) throws { node.content = .single(.value(.integer(Int64(value)))) }
    mutating func encode(_ value: UInt32) throws { node.content = .single(.value(.integer(Int64(value)))) }
    mutating func encode(_ value: UInt64) throws {
        node.content = .single(.value(value <= UInt64(Int64.max) ? .integer(Int64(value)) : .double(Double(value))))
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        node.content = .single(try encodeSlot(value, codingPath: codingPath))
    }
}

/// The JSON value of a standard-library scalar (or a `JSONValue`), or `nil` for anything else.
///
/// Handling every scalar here matters: the containers' default methods for, say, `Int8` forward to the generic
/// `encode`, and without this check that would call `Int8.encode(to:)`, which asks a single-value container to
/// encode an `Int8` again, recursing without end.
/// Comparing metatypes is a pointer comparison each; a dynamic cast (`as?`) costs a conformance-cache lookup per
/// call and showed up as a third of typed encoding time in `moltres-bench json`.
private func primitiveJSONValue<T>(_ value: T) -> JSONValue? {
    let type = ObjectIdentifier(T.self)
    if type == ObjectIdentifier(String.self) { return .string(unsafeBitCast(value, to: String.self)) }
    if type == ObjectIdentifier(Int.self) { return .integer(Int64(unsafeBitCast(value, to: Int.self))) }
    if type == ObjectIdentifier(JSONValue.self) { return unsafeBitCast(value, to: JSONValue.self) }
    if type == ObjectIdentifier(Bool.self) { return .bool(unsafeBitCast(value, to: Bool.self)) }
    if type == ObjectIdentifier(Double.self) { return .double(unsafeBitCast(value, to: Double.self)) }
    if type == ObjectIdentifier(Int64.self) { return .integer(unsafeBitCast(value, to: Int64.self)) }
    if type == ObjectIdentifier(UInt32.self) { return .integer(Int64(unsafeBitCast(value, to: UInt32.self))) }
    if type == ObjectIdentifier(Int32.self) { return .integer(Int64(unsafeBitCast(value, to: Int32.self))) }
    if type == ObjectIdentifier(Int16.self) { return .integer(Int64(unsafeBitCast(value, to: Int16.self))) }
    if type == ObjectIdentifier(Int8.self) { return .integer(Int64(unsafeBitCast(value, to: Int8.self))) }
    if type == ObjectIdentifier(UInt16.self) { return .integer(Int64(unsafeBitCast(value, to: UInt16.self))) }
    if type == ObjectIdentifier(UInt8.self) { return .integer(Int64(unsafeBitCast(value, to: UInt8.self))) }
    if type == ObjectIdentifier(Float.self) { return .double(Double(unsafeBitCast(value, to: Float.self))) }
    if type == ObjectIdentifier(UInt64.self) { return unsignedValue(unsafeBitCast(value, to: UInt64.self)) }
    if type == ObjectIdentifier(UInt.self) { return unsignedValue(UInt64(unsafeBitCast(value, to: UInt.self))) }
    return nil
}

private func unsignedValue(_ value: UInt64) -> JSONValue {
    value <= UInt64(Int64.max) ? .integer(Int64(value)) : .double(Double(value))
}

/// A coding key for an array position.
struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
