import Testing

@testable import Moltres

@Suite struct TextTableTests {
    func check(_ table: TextTable, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(table.render() == expected, sourceLocation: sourceLocation)
    }

    @Test func alignsNumbersRightAndTextLeft() {
        check(
            TextTable(
                headings: ["id", "name", "amount"],
                values: [[1, "Ada", 12.5], [20, "Grace Hopper", .null]]),
            """
             id | name         | amount
            ----+--------------+--------
              1 | Ada          |   12.5
             20 | Grace Hopper | NULL

            """)
    }

    @Test func nullAndTheTextNULLAreDistinct() {
        check(
            TextTable(headings: ["a", "b", "c"], values: [[.null, "NULL", ""]]),
            """
             a    | b      | c
            ------+--------+---
             NULL | "NULL" |

            """)
    }

    @Test func clipsLongValuesAndShowsControlCharacters() {
        check(
            TextTable(headings: ["note"], values: [["line one\nline two\tend"]], maximumWidth: 10),
            """
             note
            ------------
             line one↵…

            """)
        check(
            TextTable(headings: ["t"], values: [["a\tb\nc"]]),
            """
             t
            -------
             a⇥b↵c

            """)
    }

    @Test func countsWideCharactersAsTwoCells() {
        check(
            TextTable(headings: ["name", "x"], values: [["日本", 1], ["ab", 2]]),
            """
             name | x
            ------+---
             日本 | 1
             ab   | 2

            """)
    }

    @Test func blobsRenderAsHex() {
        check(
            TextTable(headings: ["b"], values: [[.blob([0x00, 0xAB, 0xFF])]]),
            """
             b
            -----------
             x'00abff'

            """)
    }
}
