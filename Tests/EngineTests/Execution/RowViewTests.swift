import Foundation
import Testing

@testable import Moltres

/// `forEachRow` hands each row read in place; every value must equal what `collect()` returns, on both databases.
@Suite struct RowViewTests {
    static let payloads: [DatabaseValue] = [
        .null, .integer(-5), .real(2.5), .text(""), .text("short"), .text("fifteen bytes!!"),
        .text("a longer note of thirty bytes"), .text("é"), .text("naïve café, long enough 👋🏽"),
    ]

    /// Fills `v(id, flag, payload)` with `payloads` and checks `forEachRow` against `collect()`, owned and
    /// borrowed reads alike.
    private func check(_ db: Session, payloadType: String, payloads: [DatabaseValue]) throws {
        try db.connection.execute("CREATE TABLE v (id INTEGER PRIMARY KEY, flag BOOLEAN, payload \(payloadType))")
        let placeholders = db.connection.kind == .sqlite ? "?, ?, ?" : "$1, $2, $3"
        for (index, payload) in payloads.enumerated() {
            try db.connection.execute(
                "INSERT INTO v VALUES (\(placeholders))",
                parameters: [.integer(Int64(index)), .boolean(index % 2 == 0), payload])
        }
        // A boolean expression too: SQLite returns it as 0/1 and the view must read it as a boolean.
        let frame = db.table("v").select(col("id"), col("flag"), col("payload"), (col("id") > 3).alias("big"))
            .orderBy("id")
        let collected = try frame.collect().rows.arrays
        var owned: [[DatabaseValue]] = []
        var borrowed: [[DatabaseValue]] = []
        var textBytes: [[UInt8]] = []
        try frame.forEachRow { row in
            #expect(row.count == 4)
            owned.append((0..<row.count).map { row[$0] })
            borrowed.append((0..<row.count).map { index in row.reference(at: index).value })
            if case .text(let bytes) = row.reference(at: 2) { textBytes.append(Array(bytes)) }
            #expect(row[4] == .null)
        }
        #expect(owned == collected)
        #expect(borrowed == collected)
        #expect(collected.map { $0[3] } == collected.indices.map { .boolean($0 > 3) })
        #expect(textBytes == collected.compactMap { if case .text(let text) = $0[2] { Array(text.utf8) } else { nil } })
        #expect(!textBytes.isEmpty)
    }

    /// A session on the test PostgreSQL server whose `search_path` is a fresh schema, and what drops it.
    private static func sessionInFreshSchema(_ name: String) throws -> (Session, cleanup: () -> Void) {
        let (connection, schema) = try PostgresTestServer.connectInFreshSchema(name)
        let db = try Database.connect(try PostgresTestServer.requireURL())
        try db.connection.execute("SET search_path TO \(schema)")
        return (db, { PostgresTestServer.dropSchema(schema, on: connection) })
    }

    @Test func sqliteRowsReadInPlaceAreWhatCollectReturns() throws {
        try check(
            try Database.connect("sqlite:///:memory:"), payloadType: "", payloads: Self.payloads + [.blob([0, 1, 255])])
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun))
    func postgresRowsReadInPlaceAreWhatCollectReturns() throws {
        let (db, cleanup) = try Self.sessionInFreshSchema("rowview")
        defer { cleanup() }
        try check(db, payloadType: "TEXT", payloads: Self.payloads.filter { $0 == .null || $0.isText })
    }

    /// Every decoder of the PostgreSQL reader (integers, floats with NaN and infinities, booleans, bytea, text,
    /// numeric kept as text, NULL in each), read through a view, a prepared view with new parameters, `stream`
    /// and `collect`: the same values, and a row kept past its `stream` callback keeps its values.
    @Test(.enabled(if: PostgresTestServer.shouldRun))
    func postgresViewReadsEveryKindOfValueAsCollectDoes() throws {
        let (db, cleanup) = try Self.sessionInFreshSchema("rowkinds")
        defer { cleanup() }
        try db.connection.execute(
            """
            CREATE TABLE k (id int8 PRIMARY KEY, n int4, r float8, b boolean, bytes bytea, t text, d numeric);
            INSERT INTO k VALUES
                (1, -2147483648, 'NaN', true, '\\x00ff10', 'a text longer than fifteen bytes', 12.50),
                (2, 7, 'Infinity', false, '\\x', '', -0.001),
                (3, NULL, '-Infinity', NULL, NULL, NULL, NULL),
                (4, 0, 0.1, true, '\\x41', 'é', 1e20),
                (5, 42, 1e300, false, '\\xdeadbeef', 'fifteen bytes!!', 0)
            """)
        let frame = db.table("k").orderBy("id")
        let collected = try frame.collect().rows.arrays
        #expect(collected.count == 5)
        #expect(collected[0][4] == .blob([0, 255, 16]))
        #expect(collected[1][4] == .blob([]))
        #expect(collected[2][1] == .null && collected[2][3...].allSatisfy { $0 == .null })
        #expect(collected[1][2] == .real(.infinity) && collected[2][2] == .real(-.infinity))
        #expect(collected[0][6] == .text("12.50"))
        var viewed: [[DatabaseValue]] = []
        var reals: [Double] = []
        try frame.forEachRow { row in
            viewed.append((0..<row.count).map { row.reference(at: $0).value })
            if case .real(let real) = row.reference(at: 2) { reals.append(real) }
        }
        // NaN is not equal to itself: compare it apart.
        #expect(reals.count == 5 && reals[0].isNaN && reals.dropFirst() == [.infinity, -.infinity, 0.1, 1e300])
        #expect(viewed.map { Array($0[3...]) } == collected.map { Array($0[3...]) })
        #expect(viewed.map { Array($0[0...1]) } == collected.map { Array($0[0...1]) })
        var streamed: [[DatabaseValue]] = []
        try frame.stream { row in streamed.append(row) }
        #expect(streamed.map { Array($0[3...]) } == collected.map { Array($0[3...]) })
        #expect(streamed[0][5] == .text("a text longer than fifteen bytes"))
        let byID = try db.table("k").where(col("id") == 0).select("id", "bytes", "t").prepare()
        var prepared: [[DatabaseValue]] = []
        for id in [Int64(4), 1, 99] {
            try byID.forEachRow([.integer(id)]) { row in prepared.append((0..<row.count).map { row[$0] }) }
        }
        #expect(prepared == [[4, .blob([0x41]), "é"], [1, .blob([0, 255, 16]), "a text longer than fifteen bytes"]])
    }

    @Test func preparedQueryReadsInPlaceWithNewParameters() throws {
        let db = try Database.connect("sqlite:///:memory:")
        try db.connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
        for id in 1...5 {
            try db.connection.execute(
                "INSERT INTO t VALUES (?, ?)", parameters: [.integer(Int64(id)), .text("name number \(id) long")])
        }
        let below = try db.table("t").where(col("id") < 2).select("name").prepare()
        var names: [String] = []
        try below.forEachRow([.integer(4)]) { row in
            if case .text(let bytes) = row.reference(at: 0) { names.append(String(decoding: bytes, as: UTF8.self)) }
        }
        #expect(names == (1...3).map { "name number \($0) long" })
    }
}

extension DatabaseValue {
    fileprivate var isText: Bool { if case .text = self { true } else { false } }
}
