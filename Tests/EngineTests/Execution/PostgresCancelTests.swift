import Foundation
import Testing

@testable import Moltres

/// Cancelling from another thread and the statement timeout.
@Suite(.enabled(if: PostgresTestServer.shouldRun)) struct PostgresCancelTests {
    @Test func cancelFromAnotherThreadStopsASleepQuickly() throws {
        let connection = try PostgresTestServer.connect()
        let canceller = connection.makeCanceller()
        let cancelledAt = CancelTime()
        let thread = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            cancelledAt.set(ContinuousClock.now)
            canceller.cancel()
        }
        let start = ContinuousClock.now
        thread.start()
        let error = #expect(throws: DatabaseError.self) { try connection.execute("SELECT pg_sleep(10)") }
        let end = ContinuousClock.now
        #expect(error?.kind == .cancelled)
        #expect(error?.sqlState == "57014")
        #expect(end - start < .seconds(5))
        // pg_sleep(10) ended well before its time, so the cancel stopped it (how soon: the benchmarks, not here).
        #expect(cancelledAt.get().map { $0 <= end } == true)
        // The connection is usable afterwards.
        #expect(try connection.collect("SELECT 1").rows == [[1]])
    }

    @Test func cancelStopsAStreamingQuery() throws {
        let connection = try PostgresTestServer.connect()
        let canceller = connection.makeCanceller()
        let thread = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            canceller.cancel()
        }
        thread.start()
        // The first row takes ten seconds, so the cancel lands while the query starts or streams.
        let error = #expect(throws: DatabaseError.self) {
            let cursor = try connection.query(
                "SELECT 1 UNION ALL SELECT 2 FROM pg_sleep(10)", parameters: [])
            while try cursor.next() {}
        }
        #expect(error?.kind == .cancelled)
        #expect(try connection.collect("SELECT 2").rows == [[2]])
    }

    @Test func cancelWhenIdleDoesNothing() throws {
        let connection = try PostgresTestServer.connect()
        connection.makeCanceller().cancel()
        #expect(try connection.collect("SELECT 3").rows == [[3]])
    }

    @Test func statementTimeoutFailsWithTimeout() throws {
        let connection = try PostgresTestServer.connect()
        connection.statementTimeout = .milliseconds(100)
        let start = ContinuousClock.now
        let error = #expect(throws: DatabaseError.self) { try connection.execute("SELECT pg_sleep(5)") }
        #expect(error?.kind == .timeout)
        #expect(ContinuousClock.now - start < .seconds(3))
        #expect(try connection.collect("SHOW statement_timeout").rows == [["100ms"]])
        connection.statementTimeout = nil
        #expect(try connection.collect("SHOW statement_timeout").rows == [["0"]])
    }

    @Test func statementTimeoutSurvivesARolledBackTransaction() throws {
        let connection = try PostgresTestServer.connect()
        try connection.beginTransaction(readOnly: false)
        connection.statementTimeout = .seconds(2)
        try connection.rollback()
        #expect(try connection.collect("SHOW statement_timeout").rows == [["2s"]])
    }

    @Test func cancellerOutlivingItsConnectionDoesNothing() throws {
        var connection: PostgresConnection? = try PostgresTestServer.connect()
        let canceller = connection!.makeCanceller()
        connection = nil
        canceller.cancel()
        #expect(connection == nil)
    }
}

/// A time set on one thread and read on another.
private final class CancelTime: @unchecked Sendable {
    private let lock = NSLock()
    private var value: ContinuousClock.Instant?

    func set(_ instant: ContinuousClock.Instant) {
        lock.lock()
        value = instant
        lock.unlock()
    }

    func get() -> ContinuousClock.Instant? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
