import CPostgres
import CSQLite
import Foundation
import Moltres

/// How soon a running statement stops after another thread cancels it, from the `cancel()` call to the moment
/// the query call returns with its error:
/// (a) SQLite: an endless recursive query, `makeCanceller().cancel()` against a raw `sqlite3_interrupt` on a
/// raw `sqlite3_step` loop; (b) PostgreSQL: `pg_sleep(10)`, the driver's canceller against a raw `PQcancel` while a
/// raw `PQexec` waits. Each repetition cancels one query; the row's times are medians of those latencies.
func runCancelBenchmarks(repetitions: Int, postgresURL: String?) throws -> [BenchmarkResult] {
    var results: [BenchmarkResult] = []
    let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"

    let sqlite = try SQLiteConnection(url: ConnectionURL("sqlite:///:memory:"))
    let sqliteCanceller = sqlite.makeCanceller()
    var rawSQLite: OpaquePointer?
    guard sqlite3_open(":memory:", &rawSQLite) == SQLITE_OK, let rawSQLite else {
        throw BenchmarkError("sqlite3_open failed")
    }
    defer { sqlite3_close(rawSQLite) }
    let rawHandle = SendableHandle(rawSQLite)
    let sqliteLatency = try measureCancelPair(
        repetitions: repetitions,
        moltres: {
            try cancelAfterStart {
                sqliteCanceller.cancel()
            } run: {
                _ = try? sqlite.collect(endless)
            }
        },
        baseline: {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(rawSQLite, endless, -1, &statement, nil) == SQLITE_OK else {
                throw BenchmarkError("sqlite3_prepare_v2 failed")
            }
            defer { sqlite3_finalize(statement) }
            return try cancelAfterStart {
                sqlite3_interrupt(rawHandle.pointer)
            } run: {
                while sqlite3_step(statement) == SQLITE_ROW {}
            }
        })
    results.append(
        BenchmarkResult(
            name: "sqlite cancel → statement returns", moltresNanoseconds: sqliteLatency.moltres,
            baselineNanoseconds: sqliteLatency.baseline, baselineName: "raw sqlite3_interrupt",
            note: "from cancel() on another thread"))

    guard let postgresURL else { return results }
    let postgres = try PostgresConnection(url: ConnectionURL(postgresURL))
    let postgresCanceller = postgres.makeCanceller()
    let rawPostgres = try rawPostgresConnect(url: postgresURL)
    defer { PQfinish(rawPostgres) }
    guard let rawCancel = PQgetCancel(rawPostgres) else { throw BenchmarkError("PQgetCancel returned NULL") }
    defer { PQfreeCancel(rawCancel) }
    let rawCancelHandle = SendableHandle(rawCancel)
    let postgresLatency = try measureCancelPair(
        repetitions: repetitions,
        moltres: {
            try cancelAfterStart {
                postgresCanceller.cancel()
            } run: {
                _ = try? postgres.execute("SELECT pg_sleep(10)")
            }
        },
        baseline: {
            try cancelAfterStart {
                var errorBuffer = [CChar](repeating: 0, count: 256)
                _ = PQcancel(rawCancelHandle.pointer, &errorBuffer, 256)
            } run: {
                PQclear(PQexec(rawPostgres, "SELECT pg_sleep(10)"))
            }
        })
    results.append(
        BenchmarkResult(
            name: "postgres cancel → statement returns", moltresNanoseconds: postgresLatency.moltres,
            baselineNanoseconds: postgresLatency.baseline, baselineName: "raw PQcancel",
            note: "pg_sleep(10) cancelled from another thread"))
    return results
}

/// A C handle handed to the cancelling thread (the C functions used there are documented as thread-safe).
private struct SendableHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}

/// Runs `run` on this thread while another thread calls `cancel` 20 ms after `run` starts; returns the
/// nanoseconds from that call to `run`'s return.
private func cancelAfterStart(cancel: @escaping @Sendable () -> Void, run: () throws -> Void) throws -> Double {
    let stamp = CancelStamp()
    let thread = Thread {
        Thread.sleep(forTimeInterval: 0.02)
        stamp.set(DispatchTime.now().uptimeNanoseconds)
        cancel()
    }
    thread.start()
    try run()
    let returned = DispatchTime.now().uptimeNanoseconds
    guard let cancelled = stamp.value, returned >= cancelled else {
        throw BenchmarkError("the statement returned before it was cancelled")
    }
    return Double(returned - cancelled)
}

/// Medians of the cancel latency through Moltres and through the raw baseline, alternating A, B, A, B, ….
private func measureCancelPair(
    repetitions: Int, moltres: () throws -> Double, baseline: () throws -> Double
) throws -> (moltres: Double, baseline: Double) {
    var moltresSamples: [Double] = []
    var baselineSamples: [Double] = []
    for _ in 0..<max(1, repetitions) {
        moltresSamples.append(try moltres())
        baselineSamples.append(try baseline())
    }
    return (median(moltresSamples), median(baselineSamples))
}

/// When the cancelling thread called `cancel`, in monotonic nanoseconds.
private final class CancelStamp: @unchecked Sendable {
    private let lock = NSLock()
    private var nanoseconds: UInt64?
    func set(_ value: UInt64) { lock.withLock { nanoseconds = value } }
    var value: UInt64? { lock.withLock { nanoseconds } }
}
