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
        .blob([]), .blob([0, 255, 16, 0x80]),
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

    /// Each value in each position with fixed companions in the others, plus a few mixed lists.
    static func argumentLists(count: Int) -> [[DatabaseValue]] {
        guard count > 0 else { return [[]] }
        var lists: [[DatabaseValue]] = []
        let companions: [DatabaseValue] = [.text("[1, 2, 3]"), .integer(2), .text("x")]
        for position in 0..<count {
            for value in values {
                var list = (0..<count).map { companions[$0 % companions.count] }
                list[position] = value
                lists.append(list)
            }
        }
        for offset in 0..<values.count {
            lists.append((0..<count).map { values[(offset + $0 * 7) % values.count] })
        }
        return lists
    }
}
