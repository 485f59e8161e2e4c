import CSQLite
import Foundation
import Moltres

/// SQLite driver against raw libsqlite3 calls on the same file, in the same process.
///
/// (a) A point query by primary key returning one row of 5 columns (int, real, text, int, text) from a
/// 100,000-row table: `SQLiteConnection.query` with a new parameter each time, against one prepared
/// statement driven by `sqlite3_bind_int64`/`sqlite3_step`/`sqlite3_column_*`/`sqlite3_reset`.
/// (b) Streaming 1,000,000 rows × the same 5 columns, reading every value, against raw `sqlite3_step` and
/// `sqlite3_column_*` reads (text as pointer and byte count, no Swift `String`), with the peak RSS of the driver run.
func runSQLiteBenchmarks(repetitions: Int) throws -> [BenchmarkResult] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("moltres-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("bench.db").path

    // MOLTRES_BENCH_SQLITE=fetch or =point measures one half only (for profiling); the other runs once.
    let only = ProcessInfo.processInfo.environment["MOLTRES_BENCH_SQLITE"]
    let bigRows = only == "point" ? 1_000_000 / 100 : benchmarkRowCount(default: 1_000_000)
    let connection = try SQLiteConnection(url: ConnectionURL("sqlite:///" + path))
    try connection.executeScript(
        """
        PRAGMA journal_mode = WAL;
        CREATE TABLE point(id INTEGER PRIMARY KEY, price REAL, name TEXT, quantity INTEGER, note TEXT);
        CREATE TABLE big(id INTEGER PRIMARY KEY, price REAL, name TEXT, quantity INTEGER, note TEXT);
        BEGIN;
        WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000)
        INSERT INTO point SELECT x, x * 0.25, 'name-' || x, x % 97, printf('row %d: a short note', x) FROM c;
        WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < \(bigRows))
        INSERT INTO big SELECT x, x * 0.25, 'name-' || x, x % 97, printf('row %d: a short note', x) FROM c;
        COMMIT;
        """)
    let raw = try RawSQLite(path: path)

    // (a) Point queries: the same pseudo-random keys for both sides.
    let pointSQL = "SELECT id, price, name, quantity, note FROM point WHERE id = ?"
    let operations = 10_000
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let keys: [Int64] = (0..<operations).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int64(state >> 33) % 100_000 + 1
    }
    let rawPoint = try raw.prepare(pointSQL)
    var driverChecksum = 0
    var rawChecksum = 0
    let point = try measurePair(
        repetitions: only == "fetch" ? 1 : repetitions, warmup: only == "fetch" ? 0 : 3,
        moltres: {
            for key in keys {
                let cursor = try connection.query(pointSQL, parameters: [.integer(key)])
                if try cursor.next() {
                    for column in 0..<5 { driverChecksum &+= valueChecksum(cursor.value(at: column)) }
                }
                cursor.close()
            }
        },
        baseline: {
            for key in keys {
                sqlite3_bind_int64(rawPoint, 1, key)
                if sqlite3_step(rawPoint) == SQLITE_ROW { rawChecksum &+= rawRowChecksum(rawPoint) }
                sqlite3_reset(rawPoint)
            }
        })
    guard driverChecksum == rawChecksum else {
        throw DatabaseError(kind: .other, message: "point query checksums differ: \(driverChecksum) vs \(rawChecksum)")
    }

    sqlite3_finalize(rawPoint)

    // (b) Streaming a million rows. The main line reads a 26-byte note, which becomes a heap-allocated Swift
    // String; the second reads the 10-byte name twice, which fits Swift's inline small strings.
    let fetchRepetitions = only == "point" ? 1 : max(5, repetitions / 2)
    var results = [
        BenchmarkResult(
            name: "sqlite point query (5 columns)", moltresNanoseconds: point.moltres / Double(operations),
            baselineNanoseconds: point.baseline / Double(operations), baselineName: "raw libsqlite3",
            note: "per query, \(operations) keys per repetition; target ≤ 1.10×")
    ]
    // Each query is read twice through the driver: as owned values (`value(at:)`, a `DatabaseValue` per cell)
    // and borrowed (`reference(at:)`, a `DatabaseValueRef` pointing into SQLite's buffer), each against raw C.
    for (name, sql) in [
        ("sqlite fetch 1M rows × 5 columns", "SELECT id, price, name, quantity, note FROM big"),
        ("sqlite fetch 1M rows × 5 columns, short text", "SELECT id, price, name, quantity, name FROM big"),
    ] {
        let rawFetch = try raw.prepare(sql)
        defer { sqlite3_finalize(rawFetch) }
        for borrowed in [false, true] {
            var driverRows = 0
            var rawRows = 0
            let streamDriver = {
                let cursor = try connection.query(sql, parameters: [])
                var sum = 0
                var rows = 0
                while try cursor.next() {
                    if borrowed {
                        for column in 0..<5 { sum &+= referenceChecksum(cursor.reference(at: column)) }
                    } else {
                        for column in 0..<5 { sum &+= valueChecksum(cursor.value(at: column)) }
                    }
                    rows += 1
                }
                driverChecksum = sum
                driverRows = rows
            }
            let fetch = try measurePair(
                repetitions: fetchRepetitions, warmup: only == "point" ? 0 : 1, moltres: streamDriver,
                baseline: {
                    var sum = 0
                    var rows = 0
                    while sqlite3_step(rawFetch) == SQLITE_ROW {
                        sum &+= rawRowChecksum(rawFetch)
                        rows += 1
                    }
                    sqlite3_reset(rawFetch)
                    rawChecksum = sum
                    rawRows = rows
                })
            guard driverChecksum == rawChecksum, driverRows == rawRows, driverRows == bigRows else {
                throw DatabaseError(
                    kind: .other, message: "fetch results differ: \(driverChecksum) vs \(rawChecksum)")
            }
            resetPeakResidentSize()
            try streamDriver()
            let peak = peakResidentBytes()
            results.append(
                BenchmarkResult(
                    name: name + (borrowed ? ", borrowed (reference(at:))" : ""), moltresNanoseconds: fetch.moltres,
                    baselineNanoseconds: fetch.baseline, baselineName: "raw libsqlite3",
                    operationsPerRepetition: 1_000_000, peakResidentBytes: peak,
                    note: String(
                        format: "throughput %.2f× raw (target ≥ 0.8×); peak RSS target ≤ 64 MiB",
                        fetch.baseline / fetch.moltres)))
        }
    }
    return results
}

/// The raw side of ``valueChecksum(_:)`` for one row of (int, real, text, int, text).
@inline(__always)
private func rawRowChecksum(_ statement: OpaquePointer) -> Int {
    var sum = Int(truncatingIfNeeded: sqlite3_column_int64(statement, 0))
    sum &+= Int(sqlite3_column_double(statement, 1))
    if sqlite3_column_text(statement, 2) != nil { sum &+= Int(sqlite3_column_bytes(statement, 2)) }
    sum &+= Int(truncatingIfNeeded: sqlite3_column_int64(statement, 3))
    if sqlite3_column_text(statement, 4) != nil { sum &+= Int(sqlite3_column_bytes(statement, 4)) }
    return sum
}

/// A raw libsqlite3 connection opened with the same flags as the driver's.
private final class RawSQLite {
    let handle: OpaquePointer

    init(path: String) throws {
        var database: OpaquePointer?
        let code = sqlite3_open_v2(path, &database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let database else {
            sqlite3_close_v2(database)
            throw DatabaseError(kind: .connection, message: "raw open failed with \(code)")
        }
        handle = database
    }

    func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(kind: .sql, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
        return statement
    }

    deinit {
        sqlite3_close_v2(handle)
    }
}
