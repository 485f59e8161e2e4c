import Foundation
import Testing

@testable import Moltres

/// The exact fast path for float8 text gives the double `strtod` gives, or leaves the text to `strtod`.
@Suite struct PostgresFloatParsingTests {
    /// What the driver decodes `text` to: the fast path when it applies, else strtod.
    func decode(_ text: String) -> (fast: Double?, strtod: Double) {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            let fast = parseShortDecimalDouble(buffer.baseAddress!, length: buffer.count - 1)
            let reference = buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                strtod($0, nil)
            }
            return (fast, reference)
        }
    }

    func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let (fast, reference) = decode(text)
        if let fast {
            #expect(
                fast.bitPattern == reference.bitPattern, "\(text): \(fast) vs strtod \(reference)",
                sourceLocation: sourceLocation)
        }
    }

    @Test func shortDecimalsTakeTheFastPath() {
        for text in [
            "0", "-0", "0.25", "-12.5", "123456.789", "1e+20", "1.5e-07", "9007199254740991", ".5", "5.", "1E3",
        ] {
            #expect(decode(text).fast != nil, "\(text) should take the fast path")
            expectSame(text)
        }
        #expect(decode("-0").fast?.sign == .minus)
    }

    @Test func everythingElseIsLeftToStrtod() {
        for text in [
            "NaN", "Infinity", "-Infinity", "", "-", ".", "e5", "1e", "1e+", "1x", "1.2.3", "9007199254740993",
            "123456789012345678901", "1e23", "1e-23", "0.00000000000000000000001", "1e+308", "4.9e-324", " 1", "1 ",
        ] {
            #expect(decode(text).fast == nil, "\(text) should be left to strtod")
        }
    }

    @Test func agreesWithStrtodOnRandomDoubles() {
        var generator = SystemRandomNumberGenerator()
        var fastCount = 0
        for trial in 0..<200_000 {
            let value: Double
            switch trial % 4 {
            case 0: value = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            case 1: value = Double(Int64.random(in: -1_000_000_000...1_000_000_000, using: &generator)) / 100
            case 2: value = Double.random(in: -1e6...1e6, using: &generator)
            default: value = Double(Int.random(in: 0...99_999, using: &generator)) * 0.25
            }
            guard value.isFinite else { continue }
            // Swift's shortest round-trip text, and PostgreSQL-like spellings of the exponent.
            for text in [value.description, value.description.replacingOccurrences(of: "e-", with: "e-0")] {
                let (fast, reference) = decode(text)
                if let fast {
                    fastCount += 1
                    #expect(fast.bitPattern == reference.bitPattern, "\(text): \(fast) vs strtod \(reference)")
                }
            }
        }
        #expect(fastCount > 100_000)
    }

    @Test func agreesWithStrtodOnRandomDecimalText() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let digits = String(
                (0..<Int.random(in: 1...17, using: &generator)).map { _ in
                    Character(String(Int.random(in: 0...9, using: &generator)))
                })
            let point = Int.random(in: 0...digits.count, using: &generator)
            var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if Bool.random(using: &generator) { text += "e\(Int.random(in: -30...30, using: &generator))" }
            if Bool.random(using: &generator) { text = "-" + text }
            expectSame(text)
        }
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun)) func serverFloatsDecodeExactly() throws {
        let connection = try PostgresTestServer.connect()
        let result = try connection.collect(
            "SELECT x::float8, x::float8::text FROM (VALUES (0.1), (-2.5), (123456.789), (1e-7), (1e20), (1e300), "
                + "(3.141592653589793), (0)) AS v(x)")
        #expect(result.rows.count == 8)
        for row in result.rows {
            guard case .real(let value) = row[0], case .text(let text) = row[1] else {
                Issue.record("unexpected row \(row)")
                continue
            }
            #expect(value.bitPattern == decode(text).strtod.bitPattern, "\(text)")
        }
    }
}
