import Foundation
import Testing

@testable import Moltres

/// Values travel to PostgreSQL and back unchanged, and result types decode as documented.
@Suite(.enabled(if: PostgresTestServer.shouldRun)) struct PostgresValueTests {
    /// Round-trips `value` through `SELECT $1` and through a table column of `columnType`.
    private func check(
        _ value: DatabaseValue, columnType: String, sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        let connection = try PostgresTestServer.connect()
        let selected = try connection.collect("SELECT $1", parameters: [value])
        #expect(selected.rows == [[value]], sourceLocation: sourceLocation)
        let table = "roundtrip_\(UInt32.random(in: 0...UInt32.max))"
        try connection.execute("CREATE TEMP TABLE \(table) (v \(columnType))")
        #expect(try connection.execute("INSERT INTO \(table) VALUES ($1)", parameters: [value]) == 1)
        let stored = try connection.collect("SELECT v FROM \(table)")
        #expect(stored.rows == [[value]], sourceLocation: sourceLocation)
        // Read in place: the same value, text as the very bytes stored.
        let cursor = try connection.query("SELECT v FROM \(table)", parameters: [])
        #expect(try cursor.next())
        #expect(cursor.reference(at: 0).value == value, sourceLocation: sourceLocation)
        if case .text(let text) = value {
            guard case .text(let bytes) = cursor.reference(at: 0) else {
                Issue.record("text read in place is not text", sourceLocation: sourceLocation)
                return
            }
            #expect(Array(bytes) == Array(text.utf8), sourceLocation: sourceLocation)
        }
        if case .blob(let blob) = value {
            // bytea is decoded into a buffer the cursor keeps for the row: two reads, two live buffers.
            guard case .blob(let first) = cursor.reference(at: 0), case .blob(let second) = cursor.reference(at: 0)
            else {
                Issue.record("bytea read in place is not a blob", sourceLocation: sourceLocation)
                return
            }
            #expect(Array(first) == blob && Array(second) == blob, sourceLocation: sourceLocation)
        }
        #expect(try !cursor.next())
        #expect(cursor.reference(at: 0).value == .null, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        (DatabaseValue.null, "text"),
        (.text(""), "text"),
        (.text("plain ASCII"), "text"),
        (.text("emoji 🦀👩‍👩‍👧‍👦 and combining e\u{0301} a\u{0308}\u{0323}"), "text"),
        (.text("quotes ' \" and backslash \\ and $1"), "text"),
        (.integer(0), "bigint"),
        (.integer(Int64.max), "bigint"),
        (.integer(Int64.min), "bigint"),
        (.integer(-1), "bigint"),
        (.real(0.1), "double precision"),
        (.real(-1.5e300), "double precision"),
        (.real(.infinity), "double precision"),
        (.real(-.infinity), "double precision"),
        (.real(Double.leastNonzeroMagnitude), "double precision"),
        (.boolean(true), "boolean"),
        (.boolean(false), "boolean"),
        (.blob([]), "bytea"),
        (.blob([0, 1, 2, 0xFF, 0x5C, 0x78]), "bytea"),
        (.null, "bigint"),
    ])
    func valueRoundTrips(value: DatabaseValue, columnType: String) throws {
        try check(value, columnType: columnType)
    }

    @Test func nanRoundTrips() throws {
        let connection = try PostgresTestServer.connect()
        let result = try connection.collect(
            "SELECT $1::float8, 'NaN'::float8, 'Infinity'::float4", parameters: [.real(.nan)])
        guard case .real(let first) = result.rows[0][0], case .real(let second) = result.rows[0][1] else {
            Issue.record("expected reals, got \(result.rows)")
            return
        }
        #expect(first.isNaN)
        #expect(second.isNaN)
        #expect(result.rows[0][2] == .real(.infinity))
    }

    @Test func textWithNulIsRejectedClearly() throws {
        let connection = try PostgresTestServer.connect()
        let error = #expect(throws: DatabaseError.self) {
            try connection.collect("SELECT $1", parameters: [.text("before\u{0}after")])
        }
        #expect(error?.kind == .sql)
        #expect(error?.sqlState == "22021")
        #expect(error?.message.contains("NUL") == true)
        // The connection is still usable.
        #expect(try connection.collect("SELECT 1").rows == [[.integer(1)]])
        let sqlError = #expect(throws: DatabaseError.self) { try connection.execute("SELECT '\u{0}'") }
        #expect(sqlError?.message.contains("NUL") == true)
    }

    @Test func resultTypesDecodeAsDocumented() throws {
        let connection = try PostgresTestServer.connect()
        try connection.execute("SET TimeZone = 'UTC'")
        let result = try connection.collect(
            """
            SELECT 12345678901234567890.123456789::numeric AS n, DATE '2024-02-29' AS d,
                   TIMESTAMP '2024-02-29 13:45:01.123456' AS ts, TIMESTAMPTZ '2024-02-29 13:45:01+02' AS tstz,
                   TIME '23:59:59.5' AS t, '{"a": [1, 2.50]}'::json AS j, '{"b": 1}'::jsonb AS jb,
                   'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS u, INTERVAL '1 day 2 hours' AS i,
                   ARRAY[1, 2, 3] AS a, 7::int2 AS small, 8::int4 AS regular, 1.5::float4 AS f4,
                   'x'::varchar(5) AS vc, 'NaN'::numeric AS nn, true AS b, '\\x00ff'::bytea AS by,
                   4294967295::oid AS o
            """)
        let expected: [DatabaseValue] = [
            .text("12345678901234567890.123456789"), .text("2024-02-29"), .text("2024-02-29 13:45:01.123456"),
            .text("2024-02-29 11:45:01+00"), .text("23:59:59.5"), .text("{\"a\": [1, 2.50]}"), .text("{\"b\": 1}"),
            .text("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), .text("1 day 02:00:00"), .text("{1,2,3}"), .integer(7),
            .integer(8), .real(1.5), .text("x"), .text("NaN"), .boolean(true), .blob([0, 255]), .integer(4_294_967_295),
        ]
        #expect(result.rows == [expected])
        let declared = result.columns.map { $0.declaredType ?? "?" }
        #expect(
            declared == [
                "numeric", "date", "timestamp without time zone", "timestamp with time zone", "time without time zone",
                "json", "jsonb", "uuid", "interval", "integer[]", "smallint", "integer", "real", "character varying",
                "numeric", "boolean", "bytea", "oid",
            ])
        #expect(result.columns.map(\.type).prefix(4) == [.decimal, .date, .timestamp, .timestamp])
        #expect(result.columns[9].type == .text)
        #expect(result.columns.map(\.name).prefix(3) == ["n", "d", "ts"])
    }

    @Test func textParametersTakeTheirTypeFromContext() throws {
        let connection = try PostgresTestServer.connect()
        let result = try connection.collect(
            "SELECT $1::date + 1, $2 = 1.50::numeric, $3::jsonb ->> 'k'",
            parameters: [.text("2024-02-28"), .text("1.5"), .text("{\"k\": \"v\"}")])
        #expect(result.rows == [[.text("2024-02-29"), .boolean(true), .text("v")]])
    }

    @Test func unknownTypesAreLookedUpByName() throws {
        let connection = try PostgresTestServer.connect()
        let typeName = "mood_\(UInt32.random(in: 0...UInt32.max))"
        try connection.execute("CREATE TYPE \(typeName) AS ENUM ('happy', 'sad')")
        defer { _ = try? connection.execute("DROP TYPE \(typeName)") }
        let result = try connection.collect("SELECT 'sad'::\(typeName) AS m")
        #expect(result.rows == [[.text("sad")]])
        #expect(result.columns[0].declaredType == typeName)
        #expect(result.columns[0].type == .text)
    }

    @Test func executeReturnsAffectedRowCounts() throws {
        let connection = try PostgresTestServer.connect()
        try connection.execute("CREATE TEMP TABLE counted (id int)")
        #expect(try connection.execute("INSERT INTO counted SELECT generate_series(1, 5)") == 5)
        #expect(try connection.execute("UPDATE counted SET id = id + 1 WHERE id > $1", parameters: [3]) == 2)
        #expect(try connection.execute("DELETE FROM counted") == 5)
        #expect(try connection.execute("CREATE TEMP TABLE other_counted (id int)") == 0)
    }

    @Test func describeReportsColumnsWithoutRunning() throws {
        let connection = try PostgresTestServer.connect()
        try connection.execute("CREATE TEMP TABLE described (id bigint, name text)")
        let columns = try connection.describe("SELECT id, name, 1.5::float8 AS f FROM described WHERE id = $1")
        #expect(columns.map(\.name) == ["id", "name", "f"])
        #expect(columns.map(\.declaredType) == ["bigint", "text", "double precision"])
        #expect(columns.map(\.type) == [.integer, .text, .real])
        // Describing a DELETE does not run it.
        try connection.execute("INSERT INTO described VALUES (1, 'a')")
        _ = try connection.describe("DELETE FROM described")
        #expect(try connection.collect("SELECT count(*) FROM described").rows == [[.integer(1)]])
        let error = #expect(throws: DatabaseError.self) { try connection.describe("SELECT nope FROM described") }
        #expect(error?.kind == .sql)
        #expect(error?.sqlState == "42703")
        #expect(error?.position == 8)
        #expect(error?.sql == "SELECT nope FROM described")
    }

    @Test func errorsCarrySQLStateAndPosition() throws {
        let connection = try PostgresTestServer.connect()
        let syntax = #expect(throws: DatabaseError.self) { try connection.collect("SELECT 1 FROMM x") }
        #expect(syntax?.kind == .sql)
        #expect(syntax?.sqlState == "42601")
        #expect(syntax?.position == 16)
        try connection.execute("CREATE TEMP TABLE uniques (id int PRIMARY KEY, v int CHECK (v > 0))")
        try connection.execute("INSERT INTO uniques VALUES (1, 1)")
        let duplicate = #expect(throws: DatabaseError.self) {
            try connection.execute("INSERT INTO uniques VALUES ($1, 1)", parameters: [1])
        }
        #expect(duplicate?.kind == .constraint)
        #expect(duplicate?.sqlState == "23505")
        #expect(duplicate?.message.contains("detail: Key (id)=(1) already exists") == true)
        let division = #expect(throws: DatabaseError.self) { try connection.collect("SELECT 1 / 0") }
        #expect(division?.kind == .sql)
        #expect(division?.sqlState == "22012")
        #expect(division?.description.contains("[SQLSTATE 22012] in: SELECT 1 / 0") == true)
    }

    @Test func noticesAreKeptNotPrinted() throws {
        let connection = try PostgresTestServer.connect()
        try connection.execute("DO $$ BEGIN RAISE NOTICE 'hello from plpgsql'; END $$")
        #expect(connection.notices.last?.contains("hello from plpgsql") == true)
    }
}
