import Foundation
import Testing

@testable import Moltres

extension SQLiteTests {
    @Suite struct Values {
        /// One case per value: what is bound, and what must come back from an untyped column and from `SELECT ?`.
        static let roundTrips: [(name: String, value: DatabaseValue, expected: DatabaseValue)] = [
            ("null", .null, .null),
            ("zero", .integer(0), .integer(0)),
            ("Int64.min", .integer(.min), .integer(.min)),
            ("Int64.max", .integer(.max), .integer(.max)),
            ("real", .real(3.25), .real(3.25)),
            ("tiny real", .real(.leastNonzeroMagnitude), .real(.leastNonzeroMagnitude)),
            ("+inf", .real(.infinity), .real(.infinity)),
            ("-inf", .real(-.infinity), .real(-.infinity)),
            // SQLite has no NaN: it stores a NaN as NULL.
            ("NaN", .real(.nan), .null),
            ("empty text", .text(""), .text("")),
            ("ascii", .text("hello"), .text("hello")),
            ("emoji", .text("👋🏽 family 👨‍👩‍👧"), .text("👋🏽 family 👨‍👩‍👧")),
            ("combining marks", .text("e\u{301}a\u{308}"), .text("e\u{301}a\u{308}")),
            ("precomposed", .text("\u{e9}"), .text("\u{e9}")),
            ("NUL inside text", .text("a\u{0}b\u{0}"), .text("a\u{0}b\u{0}")),
            ("empty blob", .blob([]), .blob([])),
            ("blob", .blob([0, 1, 2, 255, 0]), .blob([0, 1, 2, 255, 0])),
            ("true in untyped column", .boolean(true), .integer(1)),
            ("false in untyped column", .boolean(false), .integer(0)),
        ]

        /// Binds `value`, reads it back through a table column and through `SELECT ?`, and compares exactly
        /// (text by its UTF-8 bytes, since Swift's `==` treats canonically equivalent strings as equal).
        func check(
            _ value: DatabaseValue, _ expected: DatabaseValue, sourceLocation: SourceLocation = #_sourceLocation
        )
            throws
        {
            let connection = try openMemoryDatabase()
            try connection.execute("CREATE TABLE t(v)")
            #expect(try connection.execute("INSERT INTO t(v) VALUES (?)", parameters: [value]) == 1)
            let fromTable = try scalar(connection, "SELECT v FROM t")
            let fromSelect = try scalar(connection, "SELECT ?", [value])
            for actual in [fromTable, fromSelect] {
                #expect(actual == expected, sourceLocation: sourceLocation)
                if case .text(let actualText) = actual, case .text(let expectedText) = expected {
                    #expect(Array(actualText.utf8) == Array(expectedText.utf8), sourceLocation: sourceLocation)
                }
            }
            // Read in place: the same value, and text and blobs as the very bytes stored.
            let cursor = try connection.query("SELECT v FROM t", parameters: [])
            #expect(try cursor.next())
            #expect(cursor.reference(at: 0).value == expected, sourceLocation: sourceLocation)
            let bytes: [UInt8]? =
                switch cursor.reference(at: 0) {
                case .text(let bytes): Array(bytes)
                case .blob(let bytes): Array(bytes)
                default: nil
                }
            switch expected {
            case .text(let text): #expect(bytes == Array(text.utf8), sourceLocation: sourceLocation)
            case .blob(let blob): #expect(bytes == blob, sourceLocation: sourceLocation)
            default: #expect(bytes == nil, sourceLocation: sourceLocation)
            }
            #expect(try !cursor.next())
            #expect(cursor.reference(at: 0).value == .null, sourceLocation: sourceLocation)
        }

        @Test(arguments: roundTrips.map(\.name))
        func roundTrip(name: String) throws {
            let entry = Self.roundTrips.first { $0.name == name }!
            try check(entry.value, entry.expected)
        }

        @Test func storageClassesAreKept() throws {
            let connection = try openMemoryDatabase()
            let row = try connection.collect(
                "SELECT typeof(?), typeof(?), typeof(?), typeof(?), typeof(?)",
                parameters: [.blob([]), .text(""), .null, .real(1), .integer(1)]
            ).rows[0]
            #expect(row == [.text("blob"), .text("text"), .text("null"), .text("real"), .text("integer")])
        }

        @Test func booleanColumnsDecodeAsBooleans() throws {
            let connection = try openMemoryDatabase()
            try connection.execute("CREATE TABLE flags(a BOOLEAN, b BOOL, c INTEGER)")
            try connection.execute(
                "INSERT INTO flags VALUES (?, ?, ?)", parameters: [.boolean(true), .boolean(false), .boolean(true)])
            let result = try connection.collect("SELECT a, b, c FROM flags")
            #expect(result.rows == [[.boolean(true), .boolean(false), .integer(1)]])
            #expect(result.columns.map(\.type) == [.boolean, .boolean, .integer])
            #expect(result.columns.map(\.declaredType) == ["BOOLEAN", "BOOL", "INTEGER"])
        }

        @Test func booleanColumnsBeyondTheSixtyFourthDecode() throws {
            let connection = try openMemoryDatabase()
            let columns = (0..<70).map { "c\($0) \($0 == 2 || $0 == 68 ? "BOOLEAN" : "INTEGER")" }
            try connection.execute("CREATE TABLE wide(\(columns.joined(separator: ", ")))")
            let placeholders = Array(repeating: "?", count: 70).joined(separator: ", ")
            try connection.execute(
                "INSERT INTO wide VALUES (\(placeholders))",
                parameters: (0..<70).map { DatabaseValue.integer(Int64($0 % 2)) })
            let row = try connection.collect("SELECT * FROM wide").rows[0]
            #expect(row.count == 70)
            #expect(row[1] == .integer(1))
            #expect(row[2] == .boolean(false))
            #expect(row[67] == .integer(1))
            #expect(row[68] == .boolean(false))
            #expect(row[69] == .integer(1))
        }

        @Test func nanFromAnExpressionIsNull() throws {
            let connection = try openMemoryDatabase()
            // Division by zero gives NULL in SQLite; an overflowing literal gives infinity.
            #expect(try scalar(connection, "SELECT 0.0 / 0.0") == .null)
            #expect(try scalar(connection, "SELECT 1e999") == .real(.infinity))
            #expect(try scalar(connection, "SELECT -1e999") == .real(-.infinity))
        }

        @Test func tenMegabyteTextAndBlobRoundTrip() throws {
            let connection = try openMemoryDatabase()
            let size = 10 * 1024 * 1024
            var bytes = [UInt8](repeating: 0, count: size)
            for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 8) }
            let text = String(repeating: "0123456789abcdé\u{0}", count: size / 17)
            try connection.execute("CREATE TABLE big(t TEXT, b BLOB)")
            try connection.execute("INSERT INTO big VALUES (?, ?)", parameters: [.text(text), .blob(bytes)])
            let row = try connection.collect("SELECT t, b, length(b) FROM big").rows[0]
            #expect(row[0] == .text(text))
            #expect(row[1] == .blob(bytes))
            #expect(row[2] == .integer(Int64(size)))
        }

        @Test func parameterCountMismatchIsMisuse() throws {
            let connection = try openMemoryDatabase()
            let error = databaseError { _ = try connection.collect("SELECT ?, ?", parameters: [1]) }
            #expect(error?.kind == .misuse)
            #expect(error?.sql == "SELECT ?, ?")
            // The statement is given back to the cache, so the right count works afterwards.
            #expect(try connection.collect("SELECT ?, ?", parameters: [1, 2]).rows == [[1, 2]])
        }
    }
}
