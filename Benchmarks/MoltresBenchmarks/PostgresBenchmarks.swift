import CPostgres
import Foundation
import Moltres

#if canImport(Glibc)
    import Glibc
#endif

/// PostgreSQL benchmarks: each measures the driver against raw libpq calls doing the same work in the same process.
///
/// (a) a point query by primary key returning one row of five columns from a 100,000-row table;
/// (b) streaming 1,000,000 rows of five columns in single-row mode, reading every value.
/// Run it through `scripts/bench-postgres.sh`, which pins the server and this process to different CPUs.
func runPostgresBenchmarks(url: String, repetitions: Int) throws -> [BenchmarkResult] {
    let connection = try PostgresConnection(url: ConnectionURL(url))
    try connection.execute(
        """
        DROP TABLE IF EXISTS bench_points;
        CREATE TABLE bench_points (id int PRIMARY KEY, score float8, name text, quantity int, label text);
        INSERT INTO bench_points
            SELECT i, i * 0.25, 'name ' || i, i % 1000, 'label-' || md5(i::text) FROM generate_series(1, 100000) AS s(i);
        ANALYZE bench_points;
        """)
    defer { _ = try? connection.execute("DROP TABLE IF EXISTS bench_points") }

    let raw = try RawPostgres(url: url)
    try raw.prepare(name: "raw_point", sql: "SELECT id, score, name, quantity, label FROM bench_points WHERE id = $1")
    var results: [BenchmarkResult] = []

    // (a) Point query.
    let pointSQL = "SELECT id, score, name, quantity, label FROM bench_points WHERE id = $1"
    let operations = 2_000
    var key: Int64 = 0
    var checksum = 0
    let point = try measurePair(
        repetitions: repetitions,
        moltres: {
            for _ in 0..<operations {
                key = key % 100_000 + 1
                let cursor = try connection.startQuery(pointSQL, parameters: [.integer(key)])
                while try cursor.next() {
                    if case .integer(let id) = cursor.value(at: 0) { checksum &+= Int(id) }
                    if case .real(let score) = cursor.value(at: 1) { checksum &+= Int(score) }
                    if case .text(let name) = cursor.value(at: 2) { checksum &+= name.utf8.count }
                    if case .integer(let quantity) = cursor.value(at: 3) { checksum &+= Int(quantity) }
                    if case .text(let label) = cursor.value(at: 4) { checksum &+= label.utf8.count }
                }
            }
        },
        baseline: {
            for _ in 0..<operations {
                key = key % 100_000 + 1
                checksum &+= try raw.pointQuery(name: "raw_point", id: key)
            }
        })
    results.append(
        BenchmarkResult(
            name: "postgres point query (1 row × 5 cols)", moltresNanoseconds: point.moltres / Double(operations),
            baselineNanoseconds: point.baseline / Double(operations), baselineName: "raw libpq PQexecPrepared",
            note: "target ≤ 1.15×"))

    // (b) Streaming one million rows.
    let fetchSQL =
        "SELECT i, i * 0.5::float8, 'row number ' || i, -i, 'some text value ' || (i % 997) FROM generate_series(1, 1000000) AS s(i)"
    var peak = 0
    let fetchRepetitions = max(3, repetitions / 4)
    let fetch = try measurePair(
        repetitions: fetchRepetitions, warmup: 1,
        moltres: {
            resetPeakResidentSize()
            let cursor = try connection.startQuery(fetchSQL)
            var sum = 0
            while try cursor.next() {
                for column in 0..<5 {
                    switch cursor.value(at: column) {
                    case .integer(let value): sum &+= Int(value)
                    case .real(let value): sum &+= Int(value)
                    case .text(let value): sum &+= value.utf8.count
                    default: break
                    }
                }
            }
            checksum &+= sum
            peak = max(peak, peakResidentBytes())
        },
        baseline: {
            checksum &+= try raw.stream(sql: fetchSQL)
        })
    results.append(
        BenchmarkResult(
            name: "postgres fetch 1M rows × 5 cols", moltresNanoseconds: fetch.moltres,
            baselineNanoseconds: fetch.baseline,
            baselineName: "raw libpq single-row mode", operationsPerRepetition: 1_000_000, peakResidentBytes: peak,
            note: "target ≥ 0.8× throughput (ratio ≤ 1.25), RSS ≤ 64 MiB"))
    // For the single-row versus server-side-cursor decision: the same rows through DECLARE … FETCH 10000.
    let cursorFetch = try measurePair(
        repetitions: fetchRepetitions, warmup: 1,
        moltres: {
            let cursor = try connection.startQuery(fetchSQL)
            var sum = 0
            while try cursor.next() {
                for column in 0..<5 {
                    if case .integer(let value) = cursor.value(at: column) { sum &+= Int(value) }
                }
            }
            checksum &+= sum
        },
        baseline: {
            checksum &+= try raw.streamWithServerCursor(sql: fetchSQL, batch: 10_000)
        })
    results.append(
        BenchmarkResult(
            name: "postgres fetch 1M rows, cursor comparison", moltresNanoseconds: cursorFetch.moltres,
            baselineNanoseconds: cursorFetch.baseline, baselineName: "raw libpq DECLARE CURSOR + FETCH 10000",
            operationsPerRepetition: 1_000_000, note: "informs single-row vs server-side cursor"))
    if checksum == 42 { print("") }  // Keeps the reads from being optimised away.
    return results
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
