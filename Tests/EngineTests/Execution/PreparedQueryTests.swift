import Foundation
import Testing

@testable import Moltres

/// A DataFrame compiled once with `prepare()` and run with new parameter values.
@Suite struct PreparedQueryTests {
    private func session() throws -> Session {
        let db = try Database.connect("sqlite:///:memory:")
        try db.connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, price REAL)")
        for id in 1...20 {
            try db.connection.execute(
                "INSERT INTO t VALUES (?, ?, ?)",
                parameters: [.integer(Int64(id)), .text("n\(id)"), .real(Double(id) / 4)])
        }
        return db
    }

    @Test func runsWithNewParametersWithoutRecompiling() throws {
        let db = try session()
        let byID = try db.table("t").where(col("id") == 1).select("id", "name").prepare()
        #expect(byID.parameters == [.integer(1)])
        #expect(try byID.collect().rows == [[.integer(1), .text("n1")]])
        for id in [Int64(7), 20, 3] {
            #expect(try byID.collect([.integer(id)]).rows == [[.integer(id), .text("n\(id)")]])
        }
        #expect(try byID.collect([.integer(99)]).rows.isEmpty)
        // A read runs as one statement: no transaction is left open around it.
        #expect(db.connection.isInTransaction == false)
    }

    @Test func streamsWithNewParameters() throws {
        let db = try session()
        let cheap = try db.table("t").where(col("price") < 1.0).select("id").prepare()
        var ids: [DatabaseValue] = []
        try cheap.stream([.real(2.0)]) { row in ids.append(row[0]) }
        #expect(ids == (1...7).map { .integer(Int64($0)) })
    }

    @Test func streamAndCollectReadEveryKindOfValueAlike() throws {
        // Session reads SQLite through the driver directly; every storage class, booleans, short and long,
        // ASCII and non-ASCII text must arrive as collect() returns them, and a row kept past its callback keeps
        // its values while the next rows are read into the reused array.
        let db = try Database.connect("sqlite:///:memory:")
        try db.connection.execute("CREATE TABLE v (id INTEGER PRIMARY KEY, flag BOOLEAN, payload)")
        let payloads: [DatabaseValue] = [
            .null, .integer(-5), .real(.infinity), .text(""), .text("short"), .text("fifteen bytes!!"),
            .text("a longer note of thirty bytes"), .text("é"), .text("naïve café, long enough"), .blob([0, 1, 255]),
            .blob([]),
        ]
        for (index, payload) in payloads.enumerated() {
            try db.connection.execute(
                "INSERT INTO v VALUES (?, ?, ?)",
                parameters: [.integer(Int64(index)), .boolean(index % 2 == 0), payload])
        }
        let frame = db.table("v").orderBy("id")
        var streamed: [[DatabaseValue]] = []
        try frame.stream { row in streamed.append(row) }
        #expect(streamed == (try frame.collect().rows.arrays))
        #expect(streamed.map { $0[2] } == payloads)
        #expect(streamed.map { $0[1] } == payloads.indices.map { .boolean($0 % 2 == 0) })
    }

    /// `collect(_:)` lends its parameters to the driver as a buffer: every kind of value binds through it (text
    /// across the small-string boundary, blobs, NULL), on SQLite and PostgreSQL, and a column the plan types as
    /// boolean still reads as a boolean.
    @Test func collectBindsEveryKindOfParameterThroughItsBuffer() throws {
        let db = try Database.connect("sqlite:///:memory:")
        try checkParameters(db)
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun))
    func collectBindsEveryKindOfParameterThroughItsBufferOnPostgres() throws {
        let (connection, schema) = try PostgresTestServer.connectInFreshSchema("prepared")
        defer { PostgresTestServer.dropSchema(schema, on: connection) }
        let db = try Database.connect(try PostgresTestServer.requireURL())
        try db.connection.execute("SET search_path TO \(schema)")
        try checkParameters(db)
    }

    private func checkParameters(_ db: Session) throws {
        try db.connection.execute("CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT)")
        let names = ["", "short", "fifteen bytes!!", "a name longer than fifteen bytes", "naïve café, long enough"]
        // No quote in any name; literal rows, since SQLite and PostgreSQL spell placeholders differently.
        let rows = names.enumerated().map { "(\($0.offset + 1), '\($0.element)')" }.joined(separator: ", ")
        try db.connection.execute("INSERT INTO p VALUES \(rows)")
        let byName = try db.table("p").where(col("name") == "x")
            .select(col("id"), (col("id") > 2).alias("late")).prepare()
        for (index, name) in names.enumerated() {
            let id = Int64(index + 1)
            // The parameters in placeholder order: the 2 of `id > 2`, then the name.
            #expect(try byName.collect([.integer(2), .text(name)]).rows == [[.integer(id), .boolean(id > 2)]])
        }
        #expect(try byName.collect([.integer(2), .null]).rows.isEmpty)
        let byIDs = try db.table("p").where(col("id").isin([0, 1])).select("name").orderBy("name").prepare()
        #expect(byIDs.parameters.count == 2)
        #expect(try byIDs.collect([.integer(2), .integer(4)]).rows == [[.text(names[3])], [.text(names[1])]])
    }

    @Test func wrongParameterCountIsAMisuseError() throws {
        let db = try session()
        let byID = try db.table("t").where(col("id") == 1).prepare()
        let error = try #require(throws: DatabaseError.self) { try byID.collect([.integer(1), .integer(2)]) }
        #expect(error.kind == .misuse)
    }

    @Test func dataFrameWithoutSessionCannotBePrepared() {
        #expect(throws: PlanError.self) { try DataFrame.table("t").prepare() }
    }
}
