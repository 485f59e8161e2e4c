import Foundation
import Testing

@testable import Moltres

extension SQLiteTests {
    @Suite struct Cancellation {
        /// A query that never ends on its own.
        static let endlessQuery =
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"

        /// When the other thread called `cancel()`, in monotonic nanoseconds.
        final class Stamp: @unchecked Sendable {
            private let lock = NSLock()
            private var nanoseconds: UInt64?
            func set() { lock.withLock { nanoseconds = DispatchTime.now().uptimeNanoseconds } }
            var value: UInt64? { lock.withLock { nanoseconds } }
        }

        @Test func cancelFromAnotherThreadStopsAnEndlessQuery() throws {
            let connection = try openMemoryDatabase()
            let canceller = connection.makeCanceller()
            let stamp = Stamp()
            let thread = Thread {
                Thread.sleep(forTimeInterval: 0.2)
                stamp.set()
                canceller.cancel()
            }
            thread.start()
            let error = databaseError { _ = try connection.collect(Self.endlessQuery) }
            let stopped = DispatchTime.now().uptimeNanoseconds
            #expect(error?.kind == .cancelled)
            #expect(error?.sqliteCode == 9)  // SQLITE_INTERRUPT
            let cancelledAt = try #require(stamp.value)
            // The query never ends on its own, so stopping at all shows the cancel worked; how soon is measured by
            // the benchmarks, not here (a loaded CI machine may not run this thread for a while).
            #expect(stopped >= cancelledAt)
            // The connection is usable afterwards.
            #expect(try scalar(connection, "SELECT 1") == .integer(1))
        }

        @Test func cancelWithNothingRunningDoesNotAffectTheNextStatement() throws {
            let connection = try openMemoryDatabase()
            connection.makeCanceller().cancel()
            #expect(try scalar(connection, "SELECT 7") == .integer(7))
        }

        @Test func cancellerOutlivesTheConnection() throws {
            var connection: SQLiteConnection? = try openMemoryDatabase()
            weak let weakConnection = connection
            let canceller = try #require(connection).makeCanceller()
            connection = nil
            #expect(weakConnection == nil)
            canceller.cancel()  // Must do nothing rather than touch a closed handle.
        }

        @Test func statementTimeoutGivesTimeout() throws {
            let connection = try openMemoryDatabase()
            connection.statementTimeout = .milliseconds(100)
            let start = ContinuousClock.now
            let error = databaseError { _ = try connection.collect(Self.endlessQuery) }
            let elapsed = ContinuousClock.now - start
            #expect(error?.kind == .timeout)
            #expect(error?.message.contains("statement timeout") == true)
            #expect(elapsed >= .milliseconds(100))
            #expect(elapsed < .seconds(10))
            // Short statements still run under the timeout, and without it long ones are not cut.
            #expect(try scalar(connection, "SELECT 2") == .integer(2))
            connection.statementTimeout = nil
            let count = try scalar(
                connection,
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) SELECT count(*) FROM c"
            )
            #expect(count == .integer(200_000))
        }
    }
}
