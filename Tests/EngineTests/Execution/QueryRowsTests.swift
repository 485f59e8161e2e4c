import Foundation
import Testing

@testable import Moltres

/// ``QueryRows``: a collected result stored flat, read like an array of rows.
@Suite struct QueryRowsTests {
    @Test func readsLikeAnArrayOfRows() {
        let rows: QueryRows = [[1, "a", nil], [2, "b", true]]
        #expect(rows.count == 2)
        #expect(rows.columnCount == 3)
        #expect(rows[0][1] == "a")
        #expect(rows[1][2] == .boolean(true))
        #expect(rows.first?.first == .integer(1))
        #expect(rows.map { $0.count } == [3, 3])
        #expect(rows.arrays == [[1, "a", nil], [2, "b", true]])
        #expect(rows[1] == [2, "b", true])
        #expect(Array(rows[0]) == [1, "a", .null])
        var seen: [DatabaseValue] = []
        for row in rows { seen.append(contentsOf: row) }
        #expect(seen == rows.values)
        #expect(rows.description == "[[1, a, NULL], [2, b, true]]")
    }

    /// `for row in rows` and `for value in row` (their own iterators, which skip the per-index checks) visit what
    /// indexing reads, rows of zero columns and rows made from an array included.
    @Test func iterationVisitsWhatIndexingReads() {
        let rows: QueryRows = [[1, "a", nil], [2, "a longer text than fifteen", 2.5], [3, .blob([1]), true]]
        var visited: [[DatabaseValue]] = []
        for row in rows {
            var values: [DatabaseValue] = []
            for value in row { values.append(value) }
            visited.append(values)
        }
        #expect(visited == (0..<rows.count).map { index in (0..<3).map { rows[index][$0] } })
        #expect(visited == rows.arrays)
        var middle = rows[1].makeIterator()
        #expect(middle.next() == 2)
        #expect(middle.next() == "a longer text than fifteen")
        #expect(middle.next() == 2.5)
        #expect(middle.next() == nil)
        #expect(middle.next() == nil)
        let empty = QueryRows(values: [], columnCount: 0, rowCount: 4)
        var emptyRows = 0
        for row in empty {
            #expect(row.isEmpty)
            for _ in row { Issue.record("a row without columns has no values") }
            emptyRows += 1
        }
        #expect(emptyRows == 4)
        #expect(Array(QueryRow([7, "x"])) == [7, "x"])
    }

    @Test func equalityAndHashingFollowTheValues() {
        let flat = QueryRows(values: [1, 2, 3, 4], columnCount: 2)
        let literal: QueryRows = [[1, 2], [3, 4]]
        #expect(flat == literal)
        #expect(flat.hashValue == literal.hashValue)
        // The same values cut into other rows are another result.
        #expect(QueryRows(values: [1, 2, 3, 4], columnCount: 4) != literal)
        #expect(QueryRows(values: [1, 2, 3, 4], columnCount: 1) != literal)
        // Empty results are equal whatever their column count.
        #expect(QueryRows(values: [], columnCount: 3) == QueryRows())
        #expect(QueryRows(values: [], columnCount: 3).hashValue == QueryRows().hashValue)
        let nested: [[DatabaseValue]] = [[1, 2]]
        #expect(
            QueryResult(columns: [], rows: nested)
                == QueryResult(columns: [], rows: QueryRows(values: [1, 2], columnCount: 2)))
    }

    @Test func rowsWithoutColumnsStillCount() {
        var rows = QueryRows(values: [], columnCount: 0, rowCount: 3)
        #expect(rows.count == 3)
        #expect(rows[2].isEmpty)
        rows.append([DatabaseValue]())
        #expect(rows.count == 4)
        #expect(rows != QueryRows(values: [], columnCount: 0, rowCount: 2))
    }

    @Test func appendingKeepsRowsApart() {
        var rows = QueryRows(values: [], columnCount: 2)
        rows.append([1, "x"])
        rows.append(["y", 2] as [DatabaseValue])
        #expect(rows == [[1, "x"], ["y", 2]])
        // A row read before an append keeps its values (rows share storage copy-on-write).
        let first = rows[0]
        rows.append([3, "z"])
        #expect(first == [1, "x"])
        #expect(rows.count == 3)
    }

    @Test func sqliteCollectFillsTheFlatStore() throws {
        let connection = try openMemoryDatabase()
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, flag BOOLEAN)")
        try connection.execute("INSERT INTO t VALUES (1, 'one', 1), (2, NULL, 0), (3, 'three', NULL)")
        let result = try connection.collect("SELECT id, name, flag FROM t ORDER BY id")
        #expect(result.rows.columnCount == 3)
        #expect(result.rows.values.count == 9)
        #expect(result.rows == [[1, "one", true], [2, nil, false], [3, "three", nil]])
        // The cursor's flat append decodes the same values as collect.
        let cursor = try connection.query("SELECT id, name, flag FROM t ORDER BY id", parameters: [])
        var values: [DatabaseValue] = []
        while try cursor.next() { cursor.appendRow(to: &values) }
        #expect(values == result.rows.values)
        // No rows: no values, and the columns still described.
        let empty = try connection.collect("SELECT id, name FROM t WHERE id > 99")
        #expect(empty.rows.isEmpty)
        #expect(empty.columns.map(\.name) == ["id", "name"])
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun)) func postgresCollectFillsTheFlatStore() throws {
        let connection = try PostgresTestServer.connect()
        let result = try connection.collect(
            "SELECT g, 'row ' || g, CASE WHEN g % 2 = 0 THEN NULL ELSE g > 1 END FROM generate_series(1, 4) AS g")
        #expect(result.rows.columnCount == 3)
        #expect(result.rows == [[1, "row 1", false], [2, "row 2", nil], [3, "row 3", true], [4, "row 4", nil]])
    }
}

/// Text cells are copied into Swift strings exactly, on both sides of the 15-byte small-string limit.
@Suite struct DatabaseTextTests {
    static let texts: [String] = [
        "", "a", "fifteen bytes!!", "sixteen bytes!!!", "a\u{0}b", "é", "12345678901234é", "1234567890123é",
        "👋🏽 family 👨‍👩‍👧", String(repeating: "x", count: 1000),
    ]

    @Test(arguments: texts) func sqliteTextRoundTrips(_ text: String) throws {
        let connection = try openMemoryDatabase()
        let result = try connection.collect("SELECT ?", parameters: [.text(text)])
        guard case .text(let read)? = result.rows.first?.first else {
            Issue.record("expected text, got \(result.rows)")
            return
        }
        #expect(Array(read.utf8) == Array(text.utf8))
    }

    @Test func invalidUTF8IsRepairedAtEveryLength() throws {
        let connection = try openMemoryDatabase()
        // A lone continuation byte inside short and long text becomes U+FFFD, as String(decoding:as:) does.
        for (hex, expected) in [
            ("61806263", "a\u{FFFD}bc"),
            ("6180" + String(repeating: "62", count: 20), "a\u{FFFD}" + String(repeating: "b", count: 20)),
        ] {
            let result = try connection.collect("SELECT CAST(x'\(hex)' AS TEXT)")
            #expect(result.rows[0][0] == .text(expected))
        }
    }

    @Test func smallASCIIStringsAreTheStandardLibrarysOwn() {
        // The fast path must be on where the benchmarks run (64-bit Linux and macOS).
        #expect(SmallASCIIString.isUsable)
        let alphabet = Array("\u{0}\u{1}az09 ~\u{7F}AZ!\"#\t\n".utf8)
        for count in 1...15 {
            for shift in 0..<alphabet.count {
                let bytes = (0..<count).map { alphabet[($0 + shift) % alphabet.count] }
                let expected = String(decoding: bytes, as: UTF8.self)
                let made = bytes.withUnsafeBufferPointer { SmallASCIIString.make($0.baseAddress!, count: count) }
                #expect(made == expected)
                #expect(made.map { Array($0.utf8) } == bytes)
                #expect(made?.count == expected.count)
                #expect(made?.hashValue == expected.hashValue)
                // A string made here behaves as any other when it grows past the small size.
                var grown = made ?? ""
                grown += String(repeating: "é", count: 20)
                #expect(grown == expected + String(repeating: "é", count: 20))
            }
        }
        // Non-ASCII bytes at any position take the validated path (nil here).
        for count in 1...15 {
            for position in 0..<count {
                var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: count)
                bytes[position] = 0xC3
                let made = bytes.withUnsafeBufferPointer { SmallASCIIString.make($0.baseAddress!, count: count) }
                #expect(made == nil)
            }
        }
    }

    @Test func databaseTextWithAndWithoutTheSmallASCIIPath() {
        // With the fast path off (a runtime whose layout check failed) every text takes the validated path;
        // both give String(decoding:as:)'s string, invalid UTF-8 repaired alike.
        let samples: [[UInt8]] = [
            Array("a".utf8), Array("name-12345".utf8), Array("fifteen bytes!!".utf8), Array("sixteen bytes!!!".utf8),
            Array("é".utf8), [0x61, 0x80, 0x62], [0x00, 0x7F], Array(repeating: 0x41, count: 40),
        ]
        for bytes in samples {
            let expected = String(decoding: bytes, as: UTF8.self)
            for smallASCII in [true, false] {
                let made = bytes.withUnsafeBufferPointer {
                    String(databaseText: $0.baseAddress!, count: $0.count, smallASCII: smallASCII)
                }
                #expect(made == expected)
                #expect(Array(made.utf8) == Array(expected.utf8))
            }
        }
    }

    @Test func databaseTextAtEveryShortLength() throws {
        let connection = try openMemoryDatabase()
        for count in 0...17 {
            for text in [String(repeating: "k", count: count), String(repeating: "é", count: count / 2)] {
                let result = try connection.collect("SELECT ?", parameters: [.text(text)])
                #expect(result.rows[0][0] == .text(text))
            }
        }
    }

    @Test(.enabled(if: PostgresTestServer.shouldRun), arguments: texts.filter { !$0.contains("\u{0}") })
    func postgresTextRoundTrips(_ text: String) throws {
        let connection = try PostgresTestServer.connect()
        let result = try connection.collect("SELECT $1::text", parameters: [.text(text)])
        guard case .text(let read)? = result.rows.first?.first else {
            Issue.record("expected text, got \(result.rows)")
            return
        }
        #expect(Array(read.utf8) == Array(text.utf8))
    }
}
