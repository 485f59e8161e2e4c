import Foundation
import Testing

@testable import Moltres

extension SQLiteTests {
    /// `readRow(into:)` (the stream path, with its loop for results without boolean columns), `value(at:)` and
    /// `collect` (which writes its first row straight into a new buffer) read the same rows.
    @Suite struct ReadRow {
        /// Every row of `sql` through a reused row, through `value(at:)`, and through `collect`.
        func rowsOnEveryPath(
            _ connection: SQLiteConnection, _ sql: String
        ) throws -> (
            streamed: [[DatabaseValue]], byValue: [[DatabaseValue]], collected: [[DatabaseValue]]
        ) {
            let cursor = try connection.cursor(sql)
            var row: [DatabaseValue] = [.text("stale")]
            var streamed: [[DatabaseValue]] = []
            var byValue: [[DatabaseValue]] = []
            while try cursor.next() {
                cursor.readRow(into: &row)
                streamed.append(row)
                byValue.append((0..<row.count).map { cursor.value(at: $0) })
            }
            return (streamed, byValue, try connection.collect(sql).rows.arrays)
        }

        /// Row `id` of the test table: an integer, a boolean or NULL, a short and a long text (or NULL), a real.
        static func row(_ id: Int) -> [DatabaseValue] {
            let flag: DatabaseValue = id % 3 == 0 ? .null : .boolean(id % 2 == 0)
            let note: DatabaseValue = id % 4 == 1 ? .null : .text("a note longer than fifteen bytes, row \(id)")
            return [.integer(Int64(id)), flag, .text("n\(id)"), note, .real(Double(id) / 4)]
        }

        /// Rows are read by stepping from the first column's `sqlite3_value` (`SQLiteStatement.resultValueStride`):
        /// the stride is known on this SQLite, and every storage class, constants (SQLite's static values) and
        /// expressions read back as `sqlite3_column_value` gives them, on every path.
        @Test func valuesSteppedFromTheFirstColumnReadRight() throws {
            #expect(SQLiteStatement.resultValueStride > 0)
            let connection = try openMemoryDatabase()
            try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, note TEXT, data BLOB)")
            for id in 1...5 {
                try connection.execute(
                    "INSERT INTO t VALUES (?, ?, ?)",
                    parameters: [
                        .integer(Int64(id)), .text("a note of row \(id), long enough"), .blob([UInt8(id), 0]),
                    ])
            }
            let sql = """
                SELECT 'a constant text longer than fifteen', id, NULL, note, data, id * 0.5, upper(note), 'x', -id,
                    zeroblob(2), id % 2 = 0 FROM t ORDER BY id
                """
            let expected = (1...5).map { id -> [DatabaseValue] in
                [
                    .text("a constant text longer than fifteen"), .integer(Int64(id)), .null,
                    .text("a note of row \(id), long enough"), .blob([UInt8(id), 0]), .real(Double(id) / 2),
                    .text("A NOTE OF ROW \(id), LONG ENOUGH"), .text("x"), .integer(Int64(-id)), .blob([0, 0]),
                    .integer(id % 2 == 0 ? 1 : 0),
                ]
            }
            let paths = try rowsOnEveryPath(connection, sql)
            #expect(paths.streamed == expected)
            #expect(paths.byValue == expected)
            #expect(paths.collected == expected)
            // The prepared statement again, as a point query run repeatedly runs it (its recycled row written over).
            for _ in 0..<3 {
                #expect(try connection.collect(sql + " LIMIT 1").rows.arrays == [expected[0]])
            }
        }

        @Test(arguments: [0, 1, 2, 3, 17])
        func rowCountsWithAndWithoutBooleans(rows: Int) throws {
            let connection = try openMemoryDatabase()
            try connection.execute("CREATE TABLE t(id INTEGER, flag BOOLEAN, name TEXT, note TEXT, price REAL)")
            let expected = (0..<rows).map(Self.row)
            for row in expected {
                try connection.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", parameters: row)
            }
            let withBooleans = try rowsOnEveryPath(connection, "SELECT id, flag, name, note, price FROM t ORDER BY id")
            #expect(withBooleans.streamed == expected)
            #expect(withBooleans.byValue == expected)
            #expect(withBooleans.collected == expected)
            // Without the boolean column the flag reads as the integer SQLite stored.
            let plain = try rowsOnEveryPath(connection, "SELECT id, flag + 0, name, note, price FROM t ORDER BY id")
            var plainExpected = expected
            for index in plainExpected.indices {
                if case .boolean(let flag) = plainExpected[index][1] {
                    plainExpected[index][1] = .integer(flag ? 1 : 0)
                }
            }
            #expect(plain.streamed == plainExpected)
            #expect(plain.byValue == plainExpected)
            #expect(plain.collected == plainExpected)
        }

        /// Rows wider than the 64-column mask, with and without boolean columns past it.
        @Test(arguments: [false, true])
        func wideRows(withBooleans: Bool) throws {
            let connection = try openMemoryDatabase()
            var columns: [String] = []
            for index in 0..<70 {
                let type = withBooleans && (index == 2 || index == 68) ? "BOOLEAN" : "INTEGER"
                columns.append("c\(index) \(type)")
            }
            try connection.execute("CREATE TABLE wide(\(columns.joined(separator: ", ")))")
            let placeholders = Array(repeating: "?", count: 70).joined(separator: ", ")
            for _ in 0..<2 {
                try connection.execute(
                    "INSERT INTO wide VALUES (\(placeholders))",
                    parameters: (0..<70).map { DatabaseValue.integer(Int64($0 % 2)) })
            }
            var expectedRow: [DatabaseValue] = []
            for index in 0..<70 {
                let bit = Int64(index % 2)
                let isBoolean = withBooleans && (index == 2 || index == 68)
                expectedRow.append(isBoolean ? .boolean(bit == 1) : .integer(bit))
            }
            let rows = try rowsOnEveryPath(connection, "SELECT * FROM wide")
            #expect(rows.streamed == [expectedRow, expectedRow])
            #expect(rows.byValue == [expectedRow, expectedRow])
            #expect(rows.collected == [expectedRow, expectedRow])
        }
    }
}
