import Foundation
import Testing

@testable import MoltresProtocol

/// Decodes `input`, compares it with `expected`, and checks that encoding gives `encoded` (default: `input`).
private func check(_ input: String, _ expected: JSONValue, encoded: String? = nil) throws {
    let value = try JSONValue(parsing: input)
    #expect(value == expected)
    #expect(value.encodedString() == (encoded ?? input))
    #expect(try JSONValue(parsing: value.encodedBytes()) == expected)
    #expect(try JSONValue(parsing: value.encodedBytesUsingJSONC()) == expected)
}

/// Expects decoding `input` to fail with `kind` at `offset`.
private func checkFailure(_ input: [UInt8], _ kind: JSONError.Kind, at offset: Int? = nil) {
    do {
        let value = try JSONValue(parsing: input)
        Issue.record("expected \(kind), decoded \(value)")
    } catch let error as JSONError {
        #expect(error.kind == kind, "\(error)")
        if let offset { #expect(error.byteOffset == offset, "\(error)") }
    } catch {
        Issue.record("unexpected error \(error)")
    }
}

private func checkFailure(_ input: String, _ kind: JSONError.Kind, at offset: Int? = nil) {
    checkFailure(Array(input.utf8), kind, at: offset)
}

@Test func decodesScalars() throws {
    try check("null", .null)
    try check("true", .bool(true))
    try check("false", .bool(false))
    try check("0", .integer(0))
    try check("-17", .integer(-17))
    try check("1.5", .double(1.5))
    try check("-0.25", .double(-0.25))
    try check("1e3", .double(1000), encoded: "1000.0")
    try check("\"\"", .string(""))
    try check("  42 \n", .integer(42), encoded: "42")
}

@Test func decodesContainersKeepingKeyOrder() throws {
    try check("[]", .array([]))
    try check("{}", .object(JSONObject()))
    try check(#"[1,"a",null,[true]]"#, [1, "a", nil, [true]])
    let value = try JSONValue(parsing: #"{"z":1,"a":{"y":[],"b":2},"m":null}"#)
    #expect(value.objectValue?.keys == ["z", "a", "m"])
    #expect(value["a"]?.objectValue?.keys == ["y", "b"])
    #expect(value.encodedString() == #"{"z":1,"a":{"y":[],"b":2},"m":null}"#)
    // Equality ignores order; encoding does not.
    #expect(try JSONValue(parsing: #"{"a":1,"b":2}"#) == JSONValue(parsing: #"{"b":2,"a":1}"#))
}

@Test func largeObjectsUseTheIndex() throws {
    var object = JSONObject()
    for index in 0..<100 { object["k\(index)"] = .integer(Int64(index)) }
    object["k5"] = "five"
    object["k7"] = nil
    #expect(object.count == 99)
    #expect(object["k5"] == "five")
    #expect(object["k99"] == 99)
    #expect(object["k7"] == nil)
    let decoded = try JSONValue(parsing: JSONValue.object(object).encodedBytes())
    #expect(decoded.objectValue?.keys == object.keys)
}

@Test func stringsAndEscapes() throws {
    try check(#""a\"b\\c\/d\n\r\t\b\f""#, .string("a\"b\\c/d\n\r\t\u{8}\u{c}"), encoded: #""a\"b\\c/d\n\r\t\b\f""#)
    try check(#""\u0001\u001f""#, .string("\u{1}\u{1f}"))
    try check(#""\u00e9\u4e2d""#, .string("é中"), encoded: "\"é中\"")
    try check("\"é中🎉\"", .string("é中🎉"))
    // A surrogate pair escape decodes to one scalar.
    try check(#""\ud83c\udf89""#, .string("🎉"), encoded: "\"🎉\"")
    // An escaped NUL stays inside the string.
    try check(#""a\u0000b""#, .string("a\u{0}b"))
    // A lone surrogate does not crash; json-c substitutes a replacement.
    let lone = try JSONValue(parsing: #""x\ud800y""#)
    #expect(lone.stringValue?.hasPrefix("x") == true)
}

@Test func bigNumbersRoundTrip() throws {
    try check("9223372036854775807", .integer(.max))
    try check("-9223372036854775808", .integer(.min))
    // Beyond Int64 the nearest Double is kept and re-encodes to a number that decodes the same.
    let big = try JSONValue(parsing: "18446744073709551616")
    #expect(big == .double(18_446_744_073_709_551_616))
    #expect(try JSONValue(parsing: big.encodedBytes()) == big)
    let huge = try JSONValue(
        parsing: #"[1, "9999999999999999999999", -99999999999999999999999, {"n":123456789012345678901234567890}]"#)
    #expect(huge[0] == 1)
    #expect(huge[1] == "9999999999999999999999")
    #expect(huge[2] == .double(Double("-99999999999999999999999")!))
    #expect(huge[3]?["n"] == .double(Double("123456789012345678901234567890")!))
    #expect(try JSONValue(parsing: huge.encodedBytes()) == huge)
    for double in [0.1, 1e-300, Double.leastNonzeroMagnitude, 1.7976931348623157e308, -2.5e-8, 123456.789] {
        #expect(try JSONValue(parsing: JSONValue.double(double).encodedBytes()) == .double(double))
    }
    #expect(try JSONValue(parsing: "[1e400,-1e400,1e-400]") == [.double(.infinity), .double(-.infinity), 0.0])
    #expect(JSONValue.double(.nan).encodedString() == "null")
    #expect(JSONValue.double(.infinity).encodedString() == "null")
    #expect(JSONValue.array([.double(-.infinity)]).encodedBytesUsingJSONC() == Array("[null]".utf8))
}

@Test func nestingLimit() throws {
    let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    _ = try JSONValue(parsing: ok)
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    checkFailure(deep, .tooDeep)
    #expect(throws: JSONError.self) { try JSONValue(parsing: "[[[1]]]", maximumDepth: 2) }
}

@Test func invalidJSONReportsOffsets() {
    checkFailure("", .unexpectedEndOfInput, at: 0)
    checkFailure("   ", .unexpectedEndOfInput)
    checkFailure("{", .unexpectedEndOfInput)
    checkFailure(#"{"a":1"#, .unexpectedEndOfInput)
    checkFailure(#"{"a" 1}"#, .syntax, at: 5)
    checkFailure("[1,]", .syntax, at: 3)
    checkFailure("tru", .syntax)
    checkFailure("[1 /* comment */]", .syntax)
    checkFailure("[Infinity]", .syntax)
    checkFailure("nul x", .syntax)
    checkFailure("{'a':1}", .syntax, at: 1)
    checkFailure("01", .syntax)
    checkFailure("1 2", .trailingCharacters, at: 2)
    checkFailure("{} x", .trailingCharacters, at: 3)
    checkFailure("[1] [2]", .trailingCharacters, at: 4)
    checkFailure([UInt8(ascii: "["), 0, UInt8(ascii: "]")], .syntax)
    checkFailure([UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\"")], .invalidUTF8)
    checkFailure([UInt8(ascii: "\""), 0xC3, UInt8(ascii: "\"")], .invalidUTF8)
    checkFailure(#""abc"#, .unexpectedEndOfInput)
    checkFailure("\"a\nb\"", .syntax)
    checkFailure("NaN", .syntax)
}
