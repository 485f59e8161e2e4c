import Foundation
import Testing

@testable import Moltres

/// `readRow(into:)` on a PostgreSQL cursor decodes the same values as `value(at:)`, NULLs included.
@Suite(.enabled(if: PostgresTestServer.shouldRun)) struct PostgresReadRowTests {
    @Test func readRowMatchesValueAt() throws {
        let connection = try PostgresTestServer.connect()
        let sql =
            "SELECT g, g * 0.5::float8, 'row ' || g, CASE WHEN g % 2 = 0 THEN NULL ELSE g END, g > 1"
            + " FROM generate_series(1, 3) AS g"
        var expected: [[DatabaseValue]] = []
        let byValue = try connection.query(sql, parameters: [])
        while try byValue.next() { expected.append((0..<5).map { byValue.value(at: $0) }) }
        let cursor = try connection.query(sql, parameters: [])
        var row: [DatabaseValue] = [.text("stale")]
        var rows: [[DatabaseValue]] = []
        while try cursor.next() {
            cursor.readRow(into: &row)
            rows.append(row)
        }
        #expect(rows == expected)
        #expect(rows[1] == [.integer(2), .real(1.0), .text("row 2"), .null, .boolean(true)])
    }

    /// Text of every length across the 15-byte small-string boundary, ASCII and not, arrives the same through
    /// `readRow` (a reused row; rows kept past the next read keep their values), `appendRow` (collect), `value(at:)`
    /// and a read in place.
    @Test func textOfEveryLengthReadsAlikeOnEveryPath() throws {
        let connection = try PostgresTestServer.connect()
        var texts: [String] = []
        for length in 0...40 {
            texts.append(String(repeating: "x", count: length))
            if length > 0 { texts.append(String(repeating: "y", count: length - 1) + "é") }
        }
        let literals = texts.map { "('" + $0 + "')" }.joined(separator: ", ")
        let sql = "SELECT t FROM (VALUES \(literals)) AS v(t) ORDER BY length(t), t"
        // The server orders them by its collation; compare as sets against the texts sent.
        let expected = texts.map { DatabaseValue.text($0) }
        let collected = try connection.collect(sql).rows.map { $0[0] }
        var streamed: [[DatabaseValue]] = []
        var byValue: [DatabaseValue] = []
        var inPlace: [DatabaseValue] = []
        let cursor = try connection.query(sql, parameters: [])
        var row: [DatabaseValue] = []
        while try cursor.next() {
            cursor.readRow(into: &row)
            streamed.append(row)
            byValue.append(cursor.value(at: 0))
            inPlace.append(cursor.reference(at: 0).value)
        }
        #expect(Set(expected) == Set(collected))
        #expect(collected.count == texts.count)
        #expect(streamed.map { $0[0] } == collected)
        #expect(byValue == collected)
        #expect(inPlace == collected)
    }

    /// An empty value and a NULL are told apart on every path (the length is read before asking libpq about NULL,
    /// and only an empty value is asked): text, bytea and the typed NULLs.
    @Test func emptyValuesAndNullsAreToldApartOnEveryPath() throws {
        let connection = try PostgresTestServer.connect()
        let sql =
            "SELECT ''::text, NULL::text, ''::bytea, NULL::bytea, NULL::int8, NULL::float8, NULL::bool, 'x'::text, 0::int8"
        let expected: [DatabaseValue] = [
            .text(""), .null, .blob([]), .null, .null, .null, .null, .text("x"), .integer(0),
        ]
        #expect(try connection.collect(sql).rows.arrays == [expected])
        let cursor = try connection.query(sql, parameters: [])
        var row: [DatabaseValue] = []
        #expect(try cursor.next())
        cursor.readRow(into: &row)
        #expect(row == expected)
        #expect((0..<expected.count).map { cursor.value(at: $0) } == expected)
        #expect((0..<expected.count).map { cursor.reference(at: $0).value } == expected)
        #expect(try !cursor.next())
    }

    /// Integers of every length up to 19 digits, both signs, decode alike on every path.
    @Test func integersOfEveryLengthReadAlikeOnEveryPath() throws {
        let connection = try PostgresTestServer.connect()
        var values: [Int64] = [0, -1, 1, Int64.max, Int64.min, Int64.max - 1, Int64.min + 1]
        var magnitude: Int64 = 1
        for _ in 1...18 {
            magnitude *= 10
            values += [magnitude - 1, magnitude, -(magnitude - 1), -magnitude]
        }
        let list = values.map(String.init).joined(separator: ", ")
        let sql = "SELECT v FROM unnest(ARRAY[\(list)]::int8[]) WITH ORDINALITY AS t(v, n) ORDER BY n"
        let expected = values.map { DatabaseValue.integer($0) }
        #expect(try connection.collect(sql).rows.map { $0[0] } == expected)
        let cursor = try connection.query(sql, parameters: [])
        var row: [DatabaseValue] = []
        var streamed: [DatabaseValue] = []
        var byValue: [DatabaseValue] = []
        var inPlace: [DatabaseValue] = []
        while try cursor.next() {
            cursor.readRow(into: &row)
            streamed.append(row[0])
            byValue.append(cursor.value(at: 0))
            inPlace.append(cursor.reference(at: 0).value)
        }
        #expect(streamed == expected)
        #expect(byValue == expected)
        #expect(inPlace == expected)
    }
}
