import Foundation
import Testing

@testable import MoltresProtocol

/// A struct that exercises every container and number type of the typed coders.
private struct Sample: Codable, Equatable {
    var int8: Int8
    var int16: Int16
    var int32: Int32
    var int64: Int64
    var uint: UInt
    var uint8: UInt8
    var uint16: UInt16
    var uint32: UInt32
    var uint64: UInt64
    var float: Float
    var double: Double
    var bool: Bool
    var string: String
    var missing: String?
    var matrix: [[Int]]
    var dictionary: [String: Double]
    var any: LSPAny
    var object: JSONObject
    var flags: [Bool]
    var words: [String]
    var numbers: [Int64]
    var ratios: [Double]
}

@Test func typedCodersCoverEveryContainer() throws {
    let sample = Sample(
        int8: -8, int16: -16, int32: -32, int64: .min, uint: 1, uint8: 8, uint16: 16, uint32: 32, uint64: 64,
        float: 1.5, double: -0.125, bool: true, string: "s", missing: nil, matrix: [[1, 2], [], [3]],
        dictionary: ["k": 2.5], any: ["nested": [1, "two", nil]], object: JSONObject(["b": 1, "a": 2]),
        flags: [true, false], words: ["a"], numbers: [1, -1], ratios: [0.5])
    let value = try JSONValueEncoder().encode(sample)
    #expect(value["missing"] == nil)
    #expect(value["object"]?.objectValue?.keys == ["b", "a"])
    #expect(value["int64"] == .integer(.min))
    let decoded = try JSONValueDecoder().decode(Sample.self, from: value)
    #expect(decoded == sample)
    // Also through text, and through Foundation's coders (JSONValue's generic Codable path).
    #expect(try JSONValueDecoder().decode(Sample.self, from: JSONValue(parsing: value.encodedBytes())) == sample)
    let foundation = try JSONDecoder().decode(Sample.self, from: JSONEncoder().encode(sample))
    #expect(foundation == sample)
}

@Test func numberConversionsAreChecked() throws {
    struct Small: Codable { var value: UInt8 }
    #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Small.self, from: ["value": 300]) }
    #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Small.self, from: ["value": -1]) }
    #expect(try JSONValueDecoder().decode(Small.self, from: ["value": 2.0]).value == 2)
    #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Small.self, from: ["value": 2.5]) }
    #expect(throws: DecodingError.self) { try JSONValueDecoder().decode([Int].self, from: [1, "x"]) }
    #expect(try JSONValueDecoder().decode(Double.self, from: 3) == 3)
    #expect(try JSONValueDecoder().decode(Int?.self, from: .null) == nil)
    #expect(try JSONValueEncoder().encode(Int?.none) == .null)
    #expect(try JSONValueEncoder().encode(UInt64.max) == .double(Double(UInt64.max)))
    #expect(try JSONValueEncoder().encode(Double.nan).encodedString() == "null")
}

@Test func jsonValueThroughFoundationCoders() throws {
    let value: JSONValue = ["a": [1, 2.5, "x", nil, true], "b": ["c": [:]]]
    let data = try JSONEncoder().encode(value)
    #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
    #expect(try JSONDecoder().decode(JSONObject.self, from: data) == value.objectValue)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(JSONObject.self, from: Data("[1]".utf8)) }
}

@Test func jsonValueAccessors() {
    let value: JSONValue = ["s": "x", "i": 3, "d": 2.0, "b": false, "a": [1], "o": [:], "n": nil]
    #expect(value["s"]?.stringValue == "x")
    #expect(value["i"]?.integerValue == 3)
    #expect(value["d"]?.integerValue == 2)
    #expect(JSONValue.double(2.5).integerValue == nil)
    #expect(value["i"]?.doubleValue == 3)
    #expect(value["b"]?.boolValue == false)
    #expect(value["a"]?[0] == 1)
    #expect(value["a"]?[5] == nil)
    #expect(value["o"]?.objectValue?.isEmpty == true)
    #expect(value["n"]?.isNull == true)
    #expect(value["a"]?.arrayValue?.count == 1)
    #expect(value["zzz"] == nil)
    #expect(JSONValue.string("x")["k"] == nil)
    #expect(value.description.hasPrefix(#"{"s":"x""#))
    #expect(
        ["null", "bool", "number", "string", "array", "object"]
            == [nil, true, 1, "", [], [:]].map { (v: JSONValue) in v.kindName })
    var set = Set<JSONValue>()
    set.insert(["a": 1, "b": 2])
    set.insert(["b": 2, "a": 1])
    #expect(set.count == 1)
    #expect(JSONObject(["a": 1, "a": 2])["a"] == 2)
}

@Test func requestIDsAndContexts() throws {
    #expect(RequestID(.double(3)) == .integer(3))
    #expect(RequestID(.double(3.5)) == nil)
    #expect(RequestID(.bool(true)) == nil)
    #expect(RequestID.string("a").description == #""a""#)
    #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(RequestID.self, from: [1]) }

    let sent = Locked<[ReplyBody]>([])
    let context = RequestContext<Int>(id: .integer(1), method: "m", cancellationToken: CancellationToken()) { result in
        sent.withLock { $0.append(result) }
    }
    #expect(!context.hasReplied)
    context.reply(with: { throw ResponseError.cancelled })
    context.reply(7)  // ignored: only the first reply counts
    #expect(context.hasReplied)
    #expect(sent.withLock { $0 } == [.error(.cancelled)])

    let other = RequestContext<Int>(id: .integer(2), method: "m", cancellationToken: CancellationToken()) { result in
        sent.withLock { $0.append(result) }
    }
    struct Failure: Error {}
    other.reply(with: { throw Failure() })
    #expect(
        sent.withLock { sent in
            if case .error = sent.last { return true }
            return false
        })

    let token = CancellationToken()
    token.cancel()
    let ran = Locked(false)
    token.onCancel { ran.withLock { $0 = true } }
    #expect(ran.withLock { $0 })
    #expect(token.isCancelled)
}
