import Foundation
import Testing

@testable import Moltres

/// Streaming and large values; serialized so the peak-memory measurement sees only its own allocations.
@Suite(.serialized, .enabled(if: PostgresTestServer.shouldRun)) struct PostgresStreamingTests {
    @Test func millionRowsStreamWithBoundedMemory() throws {
        let connection = try PostgresTestServer.connect()
        // Warm up the statement cache and the allocator before measuring.
        _ = try connection.collect("SELECT 1")
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        let before = Self.peakResidentBytes()
        let cursor = try connection.query(
            "SELECT i, i * 0.5::float8, 'row number ' || i, -i, md5(i::text) FROM generate_series(1, 1000000) AS s(i)",
            parameters: [])
        var count: Int64 = 0
        var sum: Int64 = 0
        var textBytes = 0
        while try cursor.next() {
            count += 1
            if case .integer(let value) = cursor.value(at: 0) { sum += value }
            if case .real(let half) = cursor.value(at: 1), count == 3 { #expect(half == 1.5) }
            if case .text(let text) = cursor.value(at: 2) { textBytes += text.utf8.count }
            if case .integer(let negative) = cursor.value(at: 3), count == 1 { #expect(negative == -1) }
            if case .text(let hash) = cursor.value(at: 4) { textBytes += hash.utf8.count }
        }
        let growth = Self.peakResidentBytes() - before
        #expect(count == 1_000_000)
        #expect(sum == 500_000_500_000)
        #expect(textBytes > 40_000_000)
        #expect(growth < 64 * 1_048_576, "peak RSS grew by \(growth / 1_048_576) MiB")
    }

    @Test func largeTextAndBlobRoundTrip() throws {
        let connection = try PostgresTestServer.connect()
        let text = String(repeating: "ab🦀c\u{0301}", count: 10 * 1_048_576 / 8)
        var blob = [UInt8](repeating: 0, count: 10 * 1_048_576)
        for index in blob.indices { blob[index] = UInt8(truncatingIfNeeded: index &* 31 &+ 7) }
        let result = try connection.collect(
            "SELECT $1, length($1), $2, length($2)", parameters: [.text(text), .blob(blob)])
        #expect(result.rows[0][0] == .text(text))
        #expect(result.rows[0][1] == .integer(Int64(text.unicodeScalars.count)))
        #expect(result.rows[0][2] == .blob(blob))
        #expect(result.rows[0][3] == .integer(Int64(blob.count)))
    }

    @Test func closingACursorEarlyLeavesTheConnectionUsable() throws {
        let connection = try PostgresTestServer.connect()
        let cursor = try connection.query("SELECT i FROM generate_series(1, 10000000) AS s(i)", parameters: [])
        #expect(try cursor.next())
        #expect(cursor.value(at: 0) == .integer(1))
        let start = ContinuousClock.now
        cursor.close()
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(try cursor.next() == false)
        #expect(try connection.collect("SELECT 2").rows == [[.integer(2)]])

        // Dropping an unfinished cursor does the same.
        do {
            let dropped = try connection.query("SELECT i FROM generate_series(1, 10000000) AS s(i)", parameters: [])
            #expect(try dropped.next())
        }
        #expect(try connection.collect("SELECT 3").rows == [[.integer(3)]])

        // Inside a transaction the rest is read, not cancelled, so the transaction survives.
        try connection.transaction {
            let inner = try connection.query("SELECT i FROM generate_series(1, 1000) AS s(i)", parameters: [])
            #expect(try inner.next())
            inner.close()
            #expect(try connection.collect("SELECT 4").rows == [[.integer(4)]])
        }
        #expect(!connection.isInTransaction)
    }

    @Test func startingAnotherStatementClosesTheOpenCursor() throws {
        let connection = try PostgresTestServer.connect()
        let cursor = try connection.query("SELECT i FROM generate_series(1, 100000) AS s(i)", parameters: [])
        #expect(try cursor.next())
        #expect(try connection.collect("SELECT 5").rows == [[.integer(5)]])
        let error = #expect(throws: DatabaseError.self) { try cursor.next() }
        #expect(error?.kind == .misuse)
    }

    @Test func errorsWhileStreamingAreThrownFromNext() throws {
        let connection = try PostgresTestServer.connect()
        let cursor = try connection.query(
            "SELECT 10 / (3 - i) FROM generate_series(1, 5) AS s(i)", parameters: [])
        #expect(try cursor.next())
        #expect(try cursor.next())
        let error = #expect(throws: DatabaseError.self) { try cursor.next() }
        #expect(error?.sqlState == "22012")
        #expect(try connection.collect("SELECT 6").rows == [[.integer(6)]])
    }

    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").dropFirst().first { Int($0) != nil }
            return (digits.flatMap { Int($0) } ?? 0) * 1024
        }
        return 0
    }
}
