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
}
