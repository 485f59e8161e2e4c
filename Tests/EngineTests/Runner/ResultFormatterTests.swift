import Foundation
import Testing

@testable import Moltres

@Suite struct ResultFormatterTests {
    let result = StatementResult(
        statementNumber: 2, line: 7, kind: .query, sql: "SELECT \"id\", \"name\" FROM \"t\"",
        columns: [.init(name: "id", typeName: "integer"), .init(name: "name", typeName: "text")],
        rows: [[1, "Ada, \"the\" first"], [2, .null], [3, "line\nbreak"]], rowCount: 3,
        elapsed: .microseconds(1260))

    func check(_ format: ResultFormat, _ result: StatementResult, _ expected: String) {
        #expect(ResultFormatter(format: format).render(result) == expected)
    }

    @Test func table() {
        check(
            .table, result,
            """
             id | name
            ----+------------------
              1 | Ada, "the" first
              2 | NULL
              3 | line↵break
            (3 rows, 1.3 ms)

            """)
    }

    @Test func csvQuotesAndLeavesNullEmpty() {
        check(.csv, result, "id,name\r\n1,\"Ada, \"\"the\"\" first\"\r\n2,\r\n3,\"line\nbreak\"\r\n")
    }

    @Test func csvKeepsNullAndTheEmptyStringDistinct() {
        let values = StatementResult(
            statementNumber: 1, line: 1, kind: .query, sql: "SELECT",
            columns: [.init(name: "a", typeName: "text"), .init(name: "b", typeName: "text")],
            rows: [[.null, ""], ["", .null]], rowCount: 2, elapsed: .microseconds(10))
        check(.csv, values, "a,b\r\n,\"\"\r\n\"\",\r\n")
    }

    @Test func jsonRowsAreObjects() {
        check(
            .json, result,
            """
            [
              {"id": 1, "name": "Ada, \\"the\\" first"},
              {"id": 2, "name": null},
              {"id": 3, "name": "line\\nbreak"}
            ]

            """)
    }

    @Test func jsonLineHasTheDocumentedFields() {
        let line = ResultFormatter(format: .jsonl).render(result)
        #expect(line.hasSuffix("}\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(line.hasPrefix("{\"statement\": 2, \"line\": 7, \"kind\": \"query\", \"sql\": \"SELECT \\\"id\\\""))
        #expect(
            line.contains(
                "\"columns\": [{\"name\": \"id\", \"type\": \"integer\"}, {\"name\": \"name\", \"type\": \"text\"}]"))
        #expect(line.contains("\"rows\": [[1, \"Ada, \\\"the\\\" first\"], [2, null], [3, \"line\\nbreak\"]]"))
        #expect(line.contains("\"rowCount\": 3"))
    }

    @Test func mutations() {
        let mutation = StatementResult(
            statementNumber: 1, line: 1, kind: .mutation, sql: "DELETE FROM \"t\"", columns: [], rows: [],
            rowCount: 1, elapsed: .milliseconds(2))
        check(.table, mutation, "(1 row affected, 2.0 ms)\n")
        check(.json, mutation, "{\"rowCount\": 1}\n")
        check(.csv, mutation, "")
    }

    @Test func jsonEscapesControlCharactersAndKeepsUnicode() {
        #expect(JSONText.string("a\u{0}b\u{1F}é😀\\") == "\"a\\u0000b\\u001fé😀\\\\\"")
        #expect(JSONText.string("\u{7F}\u{85}\u{9B}31m\u{A0}") == "\"\\u007f\\u0085\\u009b31m\u{A0}\"")
        #expect(JSONText.value(.real(2)) == "2.0")
        #expect(JSONText.value(.real(2.5)) == "2.5")
        // Whole reals keep `.0`, as `%.1f` writes them, up to 1e15.
        for number in [0.0, -0.0, -3.0, 1e14, -999_999_999_999_999.0, 123_456_789.0] {
            #expect(JSONText.value(.real(number)) == String(format: "%.1f", number), "\(number)")
        }
        #expect(JSONText.value(.real(1e16)) == "1e+16")
        // Plain text takes the fast path; every escape still applies, alone or among plain bytes.
        #expect(JSONText.string("plain ascii, and ünïcode") == "\"plain ascii, and ünïcode\"")
        for (raw, escaped) in [
            ("\"", "\\\""), ("\\", "\\\\"), ("\n", "\\n"), ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029"),
            ("\u{85}", "\\u0085"), ("\u{7F}", "\\u007f"), ("\u{2027}", "\u{2027}"), ("\u{B5}", "\u{B5}"),
        ] {
            #expect(JSONText.string("a" + raw + "b") == "\"a" + escaped + "b\"", "\(raw.unicodeScalars.map(\.value))")
        }
        #expect(JSONText.value(.real(.nan)) == "\"nan\"")
        #expect(JSONText.value(.boolean(true)) == "true")
        #expect(JSONText.value(.blob([0xAB, 0x01])) == "\"x'ab01'\"")
    }

    /// PostgreSQL's jsonb text loses the spaces between tokens, and nothing inside strings.
    @Test func jsonIsCompacted() {
        #expect(JSONText.compacted("[1, 30, 7]") == "[1,30,7]")
        #expect(
            JSONText.compacted("{\"a b\": [1, \"x, y\"], \"c\": {\"d\": \"\\\" ]\"}}")
                == "{\"a b\":[1,\"x, y\"],\"c\":{\"d\":\"\\\" ]\"}}")
        #expect(JSONText.compacted("[1,2]") == nil)  // already compact
        for notJSON in ["hello world", "[1, 2] [3]", "[1, 2", "{\"a\": \"b}", "", " [1, 2]"] {
            #expect(JSONText.compacted(notJSON) == nil, "\(notJSON)")
        }
    }

    /// PostgreSQL's NUMERIC arrives as text: a decimal column prints it as the number it is, as SQLite's real.
    @Test func decimalTextIsANumberInJSON() {
        #expect(JSONText.cell(.text("12.50"), decimal: true) == "12.50")
        #expect(JSONText.cell(.text("-0.5e-3"), decimal: true) == "-0.5e-3")
        #expect(
            JSONText.cell(.text("12345678901234567890.123456789"), decimal: true) == "12345678901234567890.123456789")
        for notNumber in ["NaN", "Infinity", "", "-", "1.", ".5", "01", "1e", "12 ", "0x1F", "1,5"] {
            #expect(JSONText.cell(.text(notNumber), decimal: true) == JSONText.string(notNumber), "\(notNumber)")
        }
        #expect(JSONText.cell(.text("12.50"), decimal: false) == "\"12.50\"")
        #expect(JSONText.cell(.real(12.5), decimal: true) == "12.5")
    }

    /// PostgreSQL's NUMERIC text is right-aligned in a decimal column, as SQLite's reals are; other text is not.
    @Test func decimalTextIsRightAlignedInTables() {
        let result = StatementResult(
            statementNumber: 1, line: 1, kind: .query, sql: "",
            columns: [.init(name: "amount", typeName: "decimal"), .init(name: "code", typeName: "text")],
            rows: [[.text("1.01"), .text("7")], [.text("1234.50"), .text("x")], [.null, .text("12")]], rowCount: 3)
        let text = ResultFormatter(format: .table).render(result)
        #expect(
            text.hasPrefix(
                """
                 amount  | code
                ---------+------
                    1.01 | 7
                 1234.50 | x
                 NULL    | 12

                """))
    }

    @Test func truncatedFooter() {
        var limited = result
        limited.truncated = true
        #expect(ResultFormatter(format: .table).render(limited).hasSuffix("(3 rows, more not shown, 1.3 ms)\n"))
    }
}
