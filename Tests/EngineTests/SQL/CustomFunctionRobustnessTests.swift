import Foundation
import Testing

@testable import Moltres

/// Every function registered on SQLite connections takes any values without stopping the process: it returns a
/// value or throws (SQLite reports the error as the statement's). A trap here would take the CLI or the language
/// server down with it; `lpad(x, 2^63 - 1)` did, allocating 34 GB.
@Suite struct CustomFunctionRobustnessTests {
    /// Values of every kind and awkward shape: NULL, extremes, NaN, empty and long text, JSON of each kind, dates,
    /// invalid patterns, blobs.
    static let values: [DatabaseValue] = [
        .null, .integer(0), .integer(-1), .integer(7), .integer(.max), .integer(.min), .real(0.5), .real(-2.5),
        .real(.nan), .real(.infinity), .real(1e308), .boolean(true), .text(""), .text("a"), .text("héllo wörld ß"),
        .text(String(repeating: "long text 🙂 ", count: 40)), .text("[1, 2, \"x\", null, [3]]"), .text("{\"a\": 1}"),
        .text("[]"), .text("[1e400]"), .text("2024-02-29 23:59:59.999999"), .text("2024-13-45"), .text("(["),
        .text("%Y-%m-%d"), .text("yyyy-MM-dd HH:mm:ss EEEE a"), .text("'"), .text("\\"), .text("0.5"),
        .blob([]), .blob([0, 255, 16, 0x80]), .text("0000-01-15"), .text("0001-01-01 00:00:00"), .text("9999-12-31"),
        .text("-0001-03-01"), .text("2024-01-31T10:00:00+05:30"), .integer(-13), .integer(12),
        .integer(Int64(Int32.max) + 1), .real(-1e308), .text("99999999999999999999-01-01"), .text("1e3"),
    ]

    @Test func everyFunctionTakesAnyValues() {
        var calls = 0
        for function in SQLiteFunctions.all {
            let counts = function.argumentCount >= 0 ? [function.argumentCount] : [0, 1, 2, 3]
            for count in counts {
                for arguments in Self.argumentLists(count: count) {
                    // A reported error is fine; only a trap is not.
                    _ = try? function.implementation(arguments)
                    calls += 1
                }
            }
        }
        #expect(calls > 3_000)
    }

    /// Every pair of values for functions of one or two arguments (`add_months("0000-01-15", -2)` trapped, and
    /// neither value alone with a fixed companion did); for more, each pair of positions takes every pair of values
    /// with fixed companions in the others; plus a few mixed lists.
    static func argumentLists(count: Int) -> [[DatabaseValue]] {
        guard count > 0 else { return [[]] }
        if count <= 2 {
            return count == 1 ? values.map { [$0] } : values.flatMap { first in values.map { [first, $0] } }
        }
        var lists: [[DatabaseValue]] = []
        let companions: [DatabaseValue] = [.text("[1, 2, 3]"), .integer(2), .text("x")]
        for first in 0..<count {
            for second in (first + 1)..<count {
                for a in values {
                    for b in values {
                        var list = (0..<count).map { companions[$0 % companions.count] }
                        list[first] = a
                        list[second] = b
                        lists.append(list)
                    }
                }
            }
        }
        for offset in 0..<values.count {
            lists.append((0..<count).map { values[(offset + $0 * 7) % values.count] })
        }
        return lists
    }
}
