import Foundation
import Testing

@testable import Moltres

/// `parseDecimalInteger` reads PostgreSQL's integer text: up to 18 digits without overflow checks, longer text with
/// them, and anything malformed or out of range as `nil`.
@Suite struct PostgresIntegerParsingTests {
    func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8) + [0]
        return bytes.withUnsafeBufferPointer { parseDecimalInteger($0.baseAddress!, length: $0.count - 1) }
    }

    @Test func everyLengthAcrossTheUncheckedLimit() {
        var magnitude: Int64 = 1
        for digits in 1...18 {
            magnitude *= 10
            let nines = magnitude - 1
            #expect(String(nines).utf8.count == digits)
            #expect(parse(String(nines)) == nines)
            #expect(parse("-" + String(nines)) == -nines)
            #expect(parse("+" + String(nines)) == nines)
            #expect(parse(String(magnitude)) == magnitude)
            #expect(parse("-" + String(magnitude)) == -magnitude)
        }
        #expect(parse("9223372036854775807") == Int64.max)
        #expect(parse("-9223372036854775808") == Int64.min)
        #expect(parse("0009223372036854775807") == Int64.max)
        #expect(parse("9223372036854775808") == nil)
        #expect(parse("-9223372036854775809") == nil)
        #expect(parse("99999999999999999999") == nil)
        #expect(parse("-0") == 0)
        #expect(parse("0") == 0)
    }

    @Test func malformedTextIsNil() {
        for text in [
            "", "-", "+", "12a", "1 2", "a12", "--1", "1.5", "1e3", "١٢", String(repeating: "9", count: 17) + "/",
        ] {
            #expect(parse(text) == nil, "\(text)")
        }
    }
}
