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

    @Test func sqliteRowsReadInPlaceAreWhatCollectReturns() throws {
        try check(
            try Database.connect("sqlite:///:memory:"), payloadType: "", payloads: Self.payloads + [.blob([0, 1, 255])])
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun))
    func postgresRowsReadInPlaceAreWhatCollectReturns() throws {
        let (connection, schema) = try PostgresTestServer.connectInFreshSchema("rowview")
        defer { PostgresTestServer.dropSchema(schema, on: connection) }
        let db = try Database.connect(try PostgresTestServer.requireURL())
        try db.connection.execute("SET search_path TO \(schema)")
        try check(db, payloadType: "TEXT", payloads: Self.payloads.filter { $0 == .null || $0.isText })
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
