import Foundation
import Testing

@testable import Moltres

extension SQLiteTests {
    @Suite struct Streaming {
        /// Resets the kernel's peak-RSS counter (`VmHWM`) to the current RSS.
        func resetPeakResidentSize() throws {
            try Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
        }

        /// A field of `/proc/self/status` in bytes.
        func statusBytes(_ field: String) throws -> Int {
            let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
            let line = try #require(status.split(separator: "\n").first { $0.hasPrefix(field + ":") })
            let kilobytes = try #require(line.split(separator: " ").compactMap { Int($0) }.first)
            return kilobytes * 1024
        }

        @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/clear_refs")))
        func millionRowsStreamInBoundedMemory() throws {
            let connection = try openMemoryDatabase()
            let sql = """
                WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000)
                SELECT x, x * 0.5, 'row number ' || x, x % 7, printf('%08d', x) FROM c
                """
            try resetPeakResidentSize()
            let baseline = try statusBytes("VmRSS")
            let cursor = try connection.query(sql, parameters: [])
            var rows = 0
            var sum: Int64 = 0
            var textBytes = 0
            while try cursor.next() {
                rows += 1
                if case .integer(let x) = cursor.value(at: 0) { sum += x }
                if case .text(let label) = cursor.value(at: 2) { textBytes += label.utf8.count }
                _ = cursor.value(at: 1)
                _ = cursor.value(at: 3)
                if case .text(let padded) = cursor.value(at: 4), rows == 1 { #expect(padded == "00000001") }
            }
            let growth = try statusBytes("VmHWM") - baseline
            #expect(rows == 1_000_000)
            #expect(sum == 500_000_500_000)
            #expect(textBytes > 12_000_000)
            #expect(growth < 64 * 1024 * 1024, "peak RSS grew by \(growth / 1_048_576) MiB")
        }
    }
}
