/// Decodes `Decodable` values from ``JSONValue``.
///
/// Errors are Swift `DecodingError`s carrying the coding path; ``describeDecodingError(_:)`` turns one into the
/// message sent back with an InvalidParams response, e.g. `textDocument.uri: expected a string, found number`.
/// Unknown object members are ignored, as the specification requires of both ends.
public struct JSONValueDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes a `T` from `value`.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        if T.self == JSONValue.self { return unsafeBitCast(value, to: T.self) }
        return try T(from: ValueDecoder(value: value, codingPath: []))
    }
}

/// A one-line description of a decoding failure naming the coding path, for InvalidParams messages.
///
/// ```swift
/// describeDecodingError(error)  // "position.line: expected an integer, found string"
/// ```
public func describeDecodingError(_ error: any Error) -> String {
    func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue, key is IndexKey {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "(top level)" : text
    }
    switch error {
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
        DecodingError.dataCorrupted(let context):
        return "\(path(context.codingPath)): \(context.debugDescription)"
    case DecodingError.keyNotFound(let key, let context):
        return "\(path(context.codingPath + [key])): required field is missing"
    default:
        return "\(error)"
    }
}

private func mismatch(
    _ expected: String, _ value: JSONValue, _ path: [any CodingKey], _ type: Any.Type
) -> DecodingError {
    .typeMismatch(
        type, DecodingError.Context(codingPath: path, debugDescription: "expected \(expected), found \(value.kindName)")
    )
}

private func decodeInteger<T: FixedWidthInteger>(_ value: JSONValue, _ path: [any CodingKey]) throws -> T {
    switch value {
    case .integer(let integer):
        if let result = T(exactly: integer) { return result }
    case .double(let double):
        if let result = T(exactly: double) { return result }
    default:
        throw mismatch("an integer", value, path, T.self)
    }
    throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: path, debugDescription: "number \(value) does not fit in \(T.self)"))
}

private func decodeDouble(_ value: JSONValue, _ path: [any CodingKey]) throws -> Double {
    switch value {
    case .integer(let integer): return Double(integer)
    case .double(let double): return double
    default: throw mismatch("a number", value, path, Double.self)
    }
}

private func decodeBool(_ value: JSONValue, _ path: [any CodingKey]) throws -> Bool {
    guard case .bool(let bool) = value else { throw mismatch("a boolean", value, path, Bool.self) }
    return bool
}

private func decodeString(_ value: JSONValue, _ path: [any CodingKey]) throws -> String {
    guard case .string(let string) = value else { throw mismatch("a string", value, path, String.self) }
    return string
}

private func decodeValue<T: Decodable>(_ value: JSONValue, _ path: [any CodingKey]) throws -> T {
    // A metatype comparison, not `value as? T`: the cast costs a conformance-cache lookup on every member.
    if T.self == JSONValue.self { return unsafeBitCast(value, to: T.self) }
    return try T(from: ValueDecoder(value: value, codingPath: path))
}

struct ValueDecoder: Decoder {
    let value: JSONValue
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else {
            throw mismatch("an object", value, codingPath, [String: Any].self)
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let array) = value else { throw mismatch("an array", value, codingPath, [Any].self) }
        return UnkeyedContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(value: value, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    var codingPath: [any CodingKey]

    var allKeys: [Key] { object.entries.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { object.position(of: key.stringValue) != nil }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = object[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, DecodingError.Context(codingPath: codingPath, debugDescription: "required field is missing"))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key).isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try decodeBool(try member(key), codingPath + [key])
    }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try decodeString(try member(key), codingPath + [key])
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try decodeDouble(try member(key), codingPath + [key])
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        Float(try decodeDouble(try member(key), codingPath + [key]))
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try decodeInteger(try member(key), codingPath + [key])
    }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
        try decodeInteger(try member(key), codingPath + [key])
    }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try decodeInteger(try member(key), codingPath + [key])
    }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try decodeInteger(try member(key), codingPath + [key])
    }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try decodeInteger(try member(key), codingPath + [key])
    }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
        try decodeInteger(try member(key), codingPath + [key])
    }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try decodeInteger(try member(key), codingPath + [key])
    }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try decodeInteger(try member(key), codingPath + [key])
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try decodeInteger(try member(key), codingPath + [key])
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try decodeInteger(try member(key), codingPath + [key])
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeValue(try member(key), codingPath + [key])
    }
    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: try member(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: try member(key), codingPath: codingPath + [key]).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: object["super"] ?? .null, codingPath: codingPath)
    }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: object[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let array: [JSONValue]
    var codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    init(array: [JSONValue], codingPath: [any CodingKey]) {
        self.array = array
        self.codingPath = codingPath
    }

    private mutating func next<T>(_ type: T.Type) throws -> (JSONValue, [any CodingKey]) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type,
                DecodingError.Context(
                    codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "array has too few elements"))
        }
        defer { currentIndex += 1 }
        return (array[currentIndex], codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, array[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let (value, path) = try next(type)
        return try decodeBool(value, path)
    }
    mutating func decode(_ type: String.Type) throws -> String {
        let (value, path) = try next(type)
        return try decodeString(value, path)
    }
    mutating func decode(_ type: Double.Type) throws -> Double {
        let (value, path) = try next(type)
        return try decodeDouble(value, path)
    }
    mutating func decode(_ type: Int.Type) throws -> Int {
        let (value, path) = try next(type)
        return try decodeInteger(value, path)
    }
    mutating func decode(_ type: Int64.Type) throws -> Int64 {
        let (value, path) = try next(type)
        return try decodeInteger(value, path)
    }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 {
        let (value, path) = try next(type)
        return try decodeInteger(value, path)
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path) = try next(type)
        return try decodeValue(value, path)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let (value, path) = try next([String: Any].self)
        return try ValueDecoder(value: value, codingPath: path).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path) = try next([Any].self)
        return try ValueDecoder(value: value, codingPath: path).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder {
        let (value, path) = try next(Any.self)
        return ValueDecoder(value: value, codingPath: path)
    }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let value: JSONValue
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try decodeBool(value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try decodeString(value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try decodeDouble(value, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try decodeDouble(value, codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try decodeInteger(value, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(value, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(value, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(value, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(value, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(value, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(value, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(value, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(value, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(value, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(value, codingPath) }
}
