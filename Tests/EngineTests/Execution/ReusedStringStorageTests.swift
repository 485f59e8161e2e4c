import Foundation
import Testing

@testable import Moltres

/// Long text cells written into the storage of the string a reused row slot held (`ReusedStringStorage`): only
/// when nothing but the slot references it, and always reading back exactly as a fresh string would.
@Suite struct ReusedStringStorageTests {
    /// A string of `text`'s bytes made the way the drivers make one (heap storage for more than 15 bytes).
    static func fresh(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// Overwrites `string` with `text`'s bytes.
    static func overwrite(_ string: inout String, with text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer {
            ReusedStringStorage.overwrite(&string, with: $0.baseAddress!, count: $0.count)
        }
    }

    @Test func theLayoutIsRecognizedOnThisPlatform() {
        // Linux on a 64-bit processor, as the engine ships: the check must pass, or the stream path is slow.
        #expect(ReusedStringStorage.layoutProblem == nil)
        #expect(ReusedStringStorage.isUsable)
    }

    @Test func aUniqueStringIsWrittenInPlaceAndReadsAsAFreshOne() throws {
        try #require(ReusedStringStorage.isUsable)
        var string = Self.fresh("row 1: a short note, and more")
        let storage = string.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
        for text in [
            "row 22: a short note", "row 333: a short note!", "sixteen bytes 16", "row 1: a short note, and more",
        ] {
            #expect(Self.overwrite(&string, with: text))
            #expect(string == text)
            #expect(string.utf8.count == text.utf8.count)
            #expect(string.count == text.count)
            #expect(Array(string.utf8) == Array(text.utf8))
            #expect(string.hashValue == text.hashValue)
            #expect(string.withCString { strlen($0) } == text.utf8.count)
            #expect(string + "." == text + ".")
            #expect(string.uppercased() == text.uppercased())
            #expect(string.utf8.withContiguousStorageIfAvailable { $0.baseAddress } == storage)
        }
        // Appending afterwards grows the string as usual.
        string.append(" appended")
        #expect(string == "row 1: a short note, and more appended")
    }

    @Test func aStringSomeoneElseHoldsIsNeverWritten() throws {
        try #require(ReusedStringStorage.isUsable)
        var string = Self.fresh("row 1: a short note, and more")
        let kept = string
        #expect(!Self.overwrite(&string, with: "row 22: a short note"))
        #expect(string == "row 1: a short note, and more")
        #expect(kept == "row 1: a short note, and more")
        // Held by an array, a dictionary, a DatabaseValue.
        let inArray = [string]
        let inValue = DatabaseValue.text(string)
        _ = kept
        #expect(!Self.overwrite(&string, with: "row 22: a short note"))
        #expect(inArray == ["row 1: a short note, and more"])
        #expect(inValue == .text("row 1: a short note, and more"))
    }

    @Test func whatCannotBeWrittenIsRefused() throws {
        try #require(ReusedStringStorage.isUsable)
        // Literals are immortal (in read-only memory); small strings have no storage; non-ASCII text on either side.
        var literal = "a string literal longer than fifteen bytes"
        #expect(!Self.overwrite(&literal, with: "row 22: a short note"))
        #expect(literal == "a string literal longer than fifteen bytes")
        var small = Self.fresh("short")
        #expect(!Self.overwrite(&small, with: "row 22: a short note"))
        #expect(small == "short")
        var ascii = Self.fresh("row 1: a short note, and more")
        #expect(!Self.overwrite(&ascii, with: "café crème, brûlée and more"))
        #expect(ascii == "row 1: a short note, and more")
        var accented = Self.fresh("café crème, brûlée and more")
        #expect(!Self.overwrite(&accented, with: "row 22: a short note"))
        #expect(accented == "café crème, brûlée and more")
        // Fifteen bytes or fewer would be a small string; more than the storage holds needs a new one.
        var string = Self.fresh("row 1: a short note")
        #expect(!Self.overwrite(&string, with: "fifteen bytes!!"))
        #expect(!Self.overwrite(&string, with: String(repeating: "x", count: 200)))
        #expect(string == "row 1: a short note")
    }

    @Test func aSlotTakesTheNewValueWhateverItHeld() throws {
        let long = Array("a note longer than fifteen bytes".utf8)
        let short = Array("tiny".utf8)
        let previous: [DatabaseValue] = [
            .null, .integer(1), .real(2), .boolean(true), .blob([1, 2]), .text("x"),
            .text(Self.fresh("another long note of thirty bytes")), .text("an immortal literal of some length"),
        ]
        for old in previous {
            for bytes in [long, short] {
                var slot = old
                bytes.withUnsafeBufferPointer { buffer in
                    slot.assign(.text(buffer), smallASCII: SmallASCIIString.isUsable, reuseStrings: true)
                }
                #expect(slot == .text(String(decoding: bytes, as: UTF8.self)))
            }
            var slot = old
            slot.assign(.integer(7), smallASCII: true, reuseStrings: true)
            #expect(slot == .integer(7))
        }
    }

    /// A stream body that keeps rows or values sees them unchanged after later rows are read into the same array.
    @Test func streamedRowsAndValuesKeptByTheCallerStayUnchanged() throws {
        try Self.checkStreamedRowsKept(try Database.connect("sqlite:///:memory:"))
    }

    /// The same on PostgreSQL, whose cursor reuses text storage the same way.
    @Test(.enabled(if: PlanPostgres.shouldRun)) func streamedRowsKeptByTheCallerStayUnchangedOnPostgres() throws {
        let (db, cleanup) = try ExecutionTests.postgresSession()
        defer { cleanup() }
        try Self.checkStreamedRowsKept(db)
    }

    static func checkStreamedRowsKept(_ db: Session) throws {
        try db.connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, note TEXT, other TEXT)")
        try db.connection.execute(
            """
            INSERT INTO t WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300)
            SELECT x, 'row ' || x || ': a short note',
                CASE WHEN x % 7 = 0 THEN 'crème brûlée number ' || x WHEN x % 5 = 0 THEN NULL
                     ELSE 'other text of row ' || x END FROM c
            """)
        func expected(_ id: Int) -> [DatabaseValue] {
            let other: DatabaseValue =
                id % 7 == 0
                ? .text("crème brûlée number \(id)") : id % 5 == 0 ? .null : .text("other text of row \(id)")
            return [.integer(Int64(id)), .text("row \(id): a short note"), other]
        }
        let frame = db.table("t").select("id", "note", "other").orderBy("id")
        var keptRows: [[DatabaseValue]] = []
        var keptNotes: [DatabaseValue] = []
        var keptStrings: [String] = []
        var seen = 0
        try frame.stream { row in
            seen += 1
            #expect(row == expected(seen))
            if seen % 3 == 0 { keptRows.append(row) }
            if seen % 4 == 0 { keptNotes.append(row[1]) }
            if seen % 5 == 0, case .text(let other) = row[2] { keptStrings.append(other) }
            if seen % 5 == 1, case .text(let note) = row[1] { keptStrings.append(note) }
        }
        #expect(seen == 300)
        #expect(keptRows == stride(from: 3, through: 300, by: 3).map(expected))
        #expect(keptNotes == stride(from: 4, through: 300, by: 4).map { expected($0)[1] })
        var expectedStrings: [String] = []
        for id in 1...300 {
            if id % 5 == 0, case .text(let other) = expected(id)[2] { expectedStrings.append(other) }
            if id % 5 == 1 { expectedStrings.append("row \(id): a short note") }
        }
        #expect(keptStrings == expectedStrings)
    }

    /// The same through the cursor: a row array copied by the caller keeps its values.
    @Test func aCopiedRowKeepsItsValues() throws {
        let connection = try openMemoryDatabase()
        try connection.execute(
            """
            CREATE TABLE t(note TEXT);
            INSERT INTO t VALUES ('the first note, long enough'), ('the second note, long enough'),
                ('a third, longer note than the others');
            """)
        let cursor = try connection.cursor("SELECT note FROM t ORDER BY rowid")
        var row: [DatabaseValue] = []
        var copies: [[DatabaseValue]] = []
        while try cursor.next() {
            cursor.readRow(into: &row)
            copies.append(row)
        }
        #expect(
            copies == [
                [.text("the first note, long enough")], [.text("the second note, long enough")],
                [.text("a third, longer note than the others")],
            ])
        #expect(row == [.text("a third, longer note than the others")])
    }

    /// A prepared point query writes its row over the result it returned last time only when the caller let go
    /// of it: results, rows and values the caller kept stay as they were, whatever runs after them.
    @Test func pointQueryResultsKeptByTheCallerStayUnchanged() throws {
        let db = try Database.connect("sqlite:///:memory:")
        try db.connection.execute(
            """
            CREATE TABLE t(id INTEGER PRIMARY KEY, price REAL, name TEXT, note TEXT, data BLOB);
            WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50)
            INSERT INTO t SELECT x, x * 0.25, 'name-' || x,
                CASE WHEN x % 6 = 0 THEN NULL WHEN x % 7 = 0 THEN 'crème brûlée ' || x
                     WHEN x % 11 = 0 THEN 'short' || x ELSE printf('row %d: a short note', x) END,
                CASE WHEN x % 9 = 0 THEN x'0102' ELSE NULL END FROM c;
            """)
        func expected(_ id: Int) -> [DatabaseValue] {
            let note: DatabaseValue =
                id % 6 == 0
                ? .null
                : id % 7 == 0
                    ? .text("crème brûlée \(id)")
                    : id % 11 == 0 ? .text("short\(id)") : .text("row \(id): a short note")
            return [
                .integer(Int64(id)), .real(Double(id) * 0.25), .text("name-\(id)"), note,
                id % 9 == 0 ? .blob([1, 2]) : .null,
            ]
        }
        let byID = try db.table("t").where(col("id") == 0).select("id", "price", "name", "note", "data").prepare()
        var keptResults: [QueryResult] = []
        var keptRows: [QueryRow] = []
        var keptValues: [DatabaseValue] = []
        var keptStrings: [String] = []
        for id in [1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 40, 41, 42, 43] {
            let result = try byID.collect([.integer(Int64(id))])
            #expect(result.rows.arrays == [expected(id)])
            switch id % 4 {
            case 0: keptResults.append(result)
            case 1: keptRows.append(result.rows[0])
            case 2: keptValues.append(result.rows[0][3])
            default: if case .text(let note) = result.rows[0][3] { keptStrings.append(note) }
            }
        }
        // Missing keys and a query with several rows in between.
        #expect(try byID.collect([.integer(999)]).rows.isEmpty)
        #expect(try db.table("t").where(col("id") <= 3).select("id").collect().rows.count == 3)
        for result in keptResults {
            guard case .integer(let id) = result.rows[0][0] else {
                Issue.record("no id")
                continue
            }
            #expect(result.rows.arrays == [expected(Int(id))])
        }
        for row in keptRows {
            guard case .integer(let id) = row[0] else {
                Issue.record("no id")
                continue
            }
            #expect(Array(row) == expected(Int(id)))
        }
        #expect(keptValues == [2, 6, 10, 14, 18, 22, 42].map { expected($0)[3] })
        #expect(
            keptStrings == [
                "row 3: a short note", "row 3: a short note", "crème brûlée 7", "short11", "row 15: a short note",
                "row 19: a short note", "row 43: a short note",
            ])
    }
}
