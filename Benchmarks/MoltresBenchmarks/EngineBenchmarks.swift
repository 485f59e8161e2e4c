import CPostgres
import CSQLite
import Foundation
import Moltres

/// Engine-level benchmarks (issue #4): DataFrame pipelines run through `Session`, against raw C calls on the
/// same SQL text the engine generated, in the same process.
///
/// (a) A point query by primary key, `db.table(t).where(col("id") == X).select(5 columns)`, compiled once with
/// `prepare()` and run 10,000 times with a new key through `PreparedQuery.collect(_:)`, against one prepared
/// statement driven by `sqlite3_bind_int64`/`sqlite3_step`/`sqlite3_column_*` (or `PQexecPrepared` with a
/// binary int8 parameter). Targets: ≤ 1.10× on SQLite, ≤ 1.15× on PostgreSQL.
/// (b) 1,000,000 rows × 5 columns (int, real, text, int, text) through `DataFrame.stream` and
/// `DataFrame.collect`. `stream` runs against raw stepping that reads every value in place (text as pointer and
/// length); `collect`, which keeps every row, against what a C client that keeps every row does (SQLite: rows
/// copied into malloc'd structs; PostgreSQL: one `PGresult` from `PQexecParams`).
/// Target ≥ 0.8× throughput; `stream` peak RSS ≤ 64 MiB (measured first, before `collect` grows the heap).
func runEngineBenchmarks(repetitions: Int, postgresURL: String?) throws -> [BenchmarkResult] {
    var results = try runEngineSQLiteBenchmarks(repetitions: repetitions)
    if let postgresURL {
        results += try runEnginePostgresBenchmarks(url: postgresURL, repetitions: repetitions)
    } else {
        FileHandle.standardError.write(Data("engine: skipping PostgreSQL (no MOLTRES_TEST_POSTGRES_URL)\n".utf8))
    }
    return results
}

private let pointOperations = 10_000
/// The rows of the fetch benchmarks: 1,000,000, or `MOLTRES_BENCH_ROWS` (fewer rows for a run under callgrind).
private let fetchRows = benchmarkRowCount(default: 1_000_000)

/// Pseudo-random keys in 1...100,000, the same for both sides.
private func pointKeys() -> [Int64] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    return (0..<pointOperations).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int64(state >> 33) % 100_000 + 1
    }
}

private func check(_ name: String, _ moltres: Int, _ raw: Int) throws {
    guard moltres == raw else { throw BenchmarkError("\(name): checksums differ: \(moltres) vs \(raw)") }
}

// MARK: - SQLite

private func runEngineSQLiteBenchmarks(repetitions: Int) throws -> [BenchmarkResult] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("moltres-engine-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("engine.db").path
    let pointOnly = ProcessInfo.processInfo.environment["MOLTRES_BENCH_ENGINE"] == "point"
    let db = try Database.connect("sqlite:///" + path)
    try db.connection.execute(
        """
        PRAGMA journal_mode = WAL;
        CREATE TABLE point(id INTEGER PRIMARY KEY, price REAL, name TEXT, quantity INTEGER, note TEXT);
        CREATE TABLE big(id INTEGER PRIMARY KEY, price REAL, name TEXT, quantity INTEGER, note TEXT);
        BEGIN;
        WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000)
        INSERT INTO point SELECT x, x * 0.25, 'name-' || x, x % 97, printf('row %d: a short note', x) FROM c;
        WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < \(pointOnly ? 1 : fetchRows))
        INSERT INTO big SELECT x, x * 0.25, 'name-' || x, x % 97, printf('row %d: a short note', x) FROM c;
        COMMIT;
        """)
    var raw: OpaquePointer?
    guard sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let raw else {
        throw BenchmarkError("raw sqlite3_open_v2 failed")
    }
    defer { sqlite3_close_v2(raw) }
    func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(raw, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw BenchmarkError(String(cString: sqlite3_errmsg(raw)))
        }
        return statement
    }
    func rawRow(_ statement: OpaquePointer) -> Int {
        var sum = Int(truncatingIfNeeded: sqlite3_column_int64(statement, 0))
        sum &+= Int(sqlite3_column_double(statement, 1))
        if sqlite3_column_text(statement, 2) != nil { sum &+= Int(sqlite3_column_bytes(statement, 2)) }
        sum &+= Int(truncatingIfNeeded: sqlite3_column_int64(statement, 3))
        if sqlite3_column_text(statement, 4) != nil { sum &+= Int(sqlite3_column_bytes(statement, 4)) }
        return sum
    }

    // (a) Point query through a prepared pipeline.
    let byID = try db.table("point").where(col("id") == 0).select("id", "price", "name", "quantity", "note").prepare()
    let keys = pointKeys()
    let rawPoint = try prepare(byID.statement.text)
    defer { sqlite3_finalize(rawPoint) }
    var moltresSum = 0
    var rawSum = 0
    let point = try measurePair(
        repetitions: repetitions,
        moltres: {
            for key in keys {
                for row in try byID.collect([.integer(key)]).rows {
                    for value in row { moltresSum &+= valueChecksum(value) }
                }
            }
        },
        baseline: {
            for key in keys {
                sqlite3_bind_int64(rawPoint, 1, key)
                while sqlite3_step(rawPoint) == SQLITE_ROW { rawSum &+= rawRow(rawPoint) }
                sqlite3_reset(rawPoint)
            }
        })
    try check("engine sqlite point query", moltresSum, rawSum)
    var results = [
        BenchmarkResult(
            name: "engine sqlite point query (prepared DataFrame)",
            moltresNanoseconds: point.moltres / Double(pointOperations),
            baselineNanoseconds: point.baseline / Double(pointOperations), baselineName: "raw libsqlite3",
            note: "PreparedQuery.collect, \(pointOperations) keys per repetition; target ≤ 1.10×")
    ]

    // (b) A million rows through stream() and collect(); MOLTRES_BENCH_ENGINE=point skips it (for profiling).
    if pointOnly { return results }
    let frame = db.table("big").select("id", "price", "name", "quantity", "note")
    let rawFetch = try prepare(try frame.sql(dialect: db.dialect).text)
    defer { sqlite3_finalize(rawFetch) }
    let rawBody = {
        var sum = 0
        var rows = 0
        while sqlite3_step(rawFetch) == SQLITE_ROW {
            sum &+= rawRow(rawFetch)
            rows += 1
        }
        sqlite3_reset(rawFetch)
        rawSum = sum
        guard rows == fetchRows else { throw BenchmarkError("raw fetch returned \(rows) rows") }
    }
    // What a C client that collects does: each row into a struct, text copied out with malloc + memcpy, rows in
    // an array grown by doubling; read back and freed at the end.
    let rawCollectBody = {
        var rows = RawOwnedRows()
        while sqlite3_step(rawFetch) == SQLITE_ROW {
            rows.append(
                RawOwnedRow(
                    id: sqlite3_column_int64(rawFetch, 0), price: sqlite3_column_double(rawFetch, 1),
                    name: RawOwnedText(rawFetch, 2), quantity: sqlite3_column_int64(rawFetch, 3),
                    note: RawOwnedText(rawFetch, 4)))
        }
        sqlite3_reset(rawFetch)
        rawSum = rows.checksumAndFree()
        guard rawSum != 0 else { throw BenchmarkError("raw collect read nothing") }
    }
    results += try measureFetch(
        database: "sqlite", frame: frame, repetitions: repetitions, baselineName: "raw libsqlite3",
        collectBaselineName: "raw libsqlite3 rows copied into malloc'd structs", rawSum: { rawSum }, raw: rawBody,
        rawCollect: rawCollectBody)
    return results
}

/// Measures `frame.stream` and `frame.collect` against `raw`, checking both read the same values.
/// The stream's peak RSS is measured in a run of its own before `collect` has grown the heap.
private func measureFetch(
    database: String, frame: DataFrame, repetitions: Int, baselineName: String, collectBaselineName: String,
    rawSum: () -> Int, raw: () throws -> Void, rawCollect: () throws -> Void
) throws -> [BenchmarkResult] {
    let fetchRepetitions = max(5, repetitions / 2)
    var moltresSum = 0
    let streamBody = {
        var sum = 0
        var rows = 0
        try frame.stream { row in
            for value in row { sum &+= valueChecksum(value) }
            rows += 1
        }
        moltresSum = sum
        guard rows == fetchRows else { throw BenchmarkError("stream returned \(rows) rows") }
    }
    try raw()
    resetPeakResidentSize()
    try streamBody()
    let streamPeak = peakResidentBytes()
    let stream = try measurePair(repetitions: fetchRepetitions, warmup: 1, moltres: streamBody, baseline: raw)
    try check("engine \(database) stream", moltresSum, rawSum())
    // The same rows read in place (`forEachRow`, a `DatabaseValueRef` per value): no String per text cell.
    let inPlace = try measurePair(
        repetitions: fetchRepetitions, warmup: 1,
        moltres: {
            var sum = 0
            var rows = 0
            try frame.forEachRow { row in
                for index in 0..<5 { sum &+= referenceChecksum(row.reference(at: index)) }
                rows += 1
            }
            moltresSum = sum
            guard rows == fetchRows else { throw BenchmarkError("forEachRow returned \(rows) rows") }
        }, baseline: raw)
    try check("engine \(database) forEachRow", moltresSum, rawSum())
    let collect = try measurePair(
        repetitions: fetchRepetitions, warmup: 1,
        moltres: {
            let result = try frame.collect()
            var sum = 0
            for row in result.rows {
                for value in row { sum &+= valueChecksum(value) }
            }
            moltresSum = sum
            guard result.rows.count == fetchRows else { throw BenchmarkError("collect returned \(result.rows.count)") }
        }, baseline: rawCollect)
    try check("engine \(database) collect", moltresSum, rawSum())
    return [
        BenchmarkResult(
            name: "engine \(database) DataFrame.stream 1M rows × 5 columns", moltresNanoseconds: stream.moltres,
            baselineNanoseconds: stream.baseline, baselineName: baselineName, operationsPerRepetition: fetchRows,
            peakResidentBytes: streamPeak,
            note: String(
                format: "throughput %.2f× raw (target ≥ 0.8×); peak RSS target ≤ 64 MiB",
                stream.baseline / stream.moltres
            )),
        BenchmarkResult(
            name: "engine \(database) DataFrame.forEachRow 1M rows × 5 columns, read in place",
            moltresNanoseconds: inPlace.moltres, baselineNanoseconds: inPlace.baseline, baselineName: baselineName,
            operationsPerRepetition: fetchRows,
            note: String(format: "throughput %.2f× raw (target ≥ 0.8×)", inPlace.baseline / inPlace.moltres)),
        BenchmarkResult(
            name: "engine \(database) DataFrame.collect 1M rows × 5 columns", moltresNanoseconds: collect.moltres,
            baselineNanoseconds: collect.baseline, baselineName: collectBaselineName,
            operationsPerRepetition: fetchRows,
            note: String(
                format: "throughput %.2f× a raw C collect (target ≥ 0.8×); holds all rows",
                collect.baseline / collect.moltres)),
    ]
}

// MARK: - PostgreSQL

private func runEnginePostgresBenchmarks(url: String, repetitions: Int) throws -> [BenchmarkResult] {
    let db = try Session(connection: PostgresConnection(url: ConnectionURL(url)))
    try db.connection.execute(
        """
        DROP TABLE IF EXISTS engine_point;
        DROP TABLE IF EXISTS engine_big;
        CREATE TABLE engine_point (id int8 PRIMARY KEY, price float8, name text, quantity int8, note text);
        CREATE TABLE engine_big (id int8 PRIMARY KEY, price float8, name text, quantity int8, note text);
        INSERT INTO engine_point
            SELECT i, i * 0.25, 'name-' || i, i % 97, 'row ' || i || ': a short note' FROM generate_series(1, 100000) AS s(i);
        INSERT INTO engine_big
            SELECT i, i * 0.25, 'name-' || i, i % 97, 'row ' || i || ': a short note'
            FROM generate_series(1, \(fetchRows)) AS s(i);
        ANALYZE engine_point;
        ANALYZE engine_big;
        """)
    defer { _ = try? db.connection.execute("DROP TABLE IF EXISTS engine_point; DROP TABLE IF EXISTS engine_big") }
    let raw = try RawPostgres(url: url)

    // (a) Point query.
    let byID = try db.table("engine_point").where(col("id") == 0)
        .select("id", "price", "name", "quantity", "note").prepare()
    try raw.prepare(name: "engine_point_raw", sql: byID.statement.text)
    let keys = pointKeys()
    var moltresSum = 0
    var rawSum = 0
    let point = try measurePair(
        repetitions: repetitions,
        moltres: {
            for key in keys {
                for row in try byID.collect([.integer(key)]).rows {
                    for value in row { moltresSum &+= valueChecksum(value) }
                }
            }
        },
        baseline: {
            for key in keys { rawSum &+= try raw.pointQuery(name: "engine_point_raw", id: key) }
        })
    try check("engine postgres point query", moltresSum, rawSum)
    var results = [
        BenchmarkResult(
            name: "engine postgres point query (prepared DataFrame)",
            moltresNanoseconds: point.moltres / Double(pointOperations),
            baselineNanoseconds: point.baseline / Double(pointOperations), baselineName: "raw libpq PQexecPrepared",
            note: "PreparedQuery.collect, \(pointOperations) keys per repetition; target ≤ 1.15×")
    ]

    // (b) A million rows.
    let frame = db.table("engine_big").select("id", "price", "name", "quantity", "note")
    let fetchSQL = try frame.sql(dialect: db.dialect).text
    var fetchSum = 0
    results += try measureFetch(
        database: "postgres", frame: frame, repetitions: max(3, repetitions / 4),
        baselineName: "raw libpq single-row mode", collectBaselineName: "raw libpq PQexecParams (one PGresult)",
        rawSum: { fetchSum },
        raw: { fetchSum = try raw.stream(sql: fetchSQL) },
        rawCollect: { fetchSum = try raw.collect(sql: fetchSQL) })
    return results
}

// MARK: - A C client's collected rows

/// A text value copied out of the statement with `malloc` + `memcpy`, as a C client keeps one.
private struct RawOwnedText {
    let bytes: UnsafeMutablePointer<UInt8>?
    let count: Int

    init(_ statement: OpaquePointer, _ column: Int32) {
        guard let text = sqlite3_column_text(statement, column) else {
            bytes = nil
            count = 0
            return
        }
        count = Int(sqlite3_column_bytes(statement, column))
        let copy = malloc(count + 1)!.assumingMemoryBound(to: UInt8.self)
        memcpy(copy, text, count + 1)
        bytes = copy
    }
}

private struct RawOwnedRow {
    let id: Int64
    let price: Double
    let name: RawOwnedText
    let quantity: Int64
    let note: RawOwnedText
}

/// Rows in one manually managed buffer grown by doubling, like a C `realloc` array.
private struct RawOwnedRows {
    private var storage = UnsafeMutablePointer<RawOwnedRow>.allocate(capacity: 1024)
    private var capacity = 1024
    private var count = 0

    mutating func append(_ row: RawOwnedRow) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<RawOwnedRow>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = bigger
            capacity *= 2
        }
        (storage + count).initialize(to: row)
        count += 1
    }

    /// The checksum of every row (the raw fetch's), freeing the copies and the buffer.
    mutating func checksumAndFree() -> Int {
        var sum = 0
        for index in 0..<count {
            let row = storage[index]
            sum &+=
                Int(truncatingIfNeeded: row.id) &+ Int(row.price) &+ row.name.count
                &+ Int(truncatingIfNeeded: row.quantity) &+ row.note.count
            free(row.name.bytes)
            free(row.note.bytes)
        }
        storage.deinitialize(count: count)
        storage.deallocate()
        count = 0
        return sum
    }
}
