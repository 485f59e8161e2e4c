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

    /// A value (or a column name) holding an escape sequence, a NUL or a C1 control reaches the terminal as visible
    /// characters, never as the control itself, and the columns stay aligned.
    @Test func controlCharactersCannotReachTheTerminal() {
        let hostile = "\u{1B}[2J\u{1B}]0;owned\u{07}x\u{0}y\u{7F}\u{9B}31m\r\nz"
        let rendered = TextTable(headings: ["a\u{1B}[1m", "b"], values: [[.text(hostile), 1]]).render()
        #expect(!rendered.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!rendered.unicodeScalars.contains { (0x7F..<0xA0).contains($0.value) })
        #expect(rendered.contains("␛[2J␛]0;owned␇x␀y␡�31m↵z"))
        #expect(rendered.hasPrefix(" a␛[1m "))
        let lines = rendered.split(separator: "\n")
        #expect(lines.count == 3)
        // The heading's and the row's `|` are at the same column (every character shown takes one cell).
        let bars = [lines[0], lines[2]].map { line in
            line.firstIndex(of: "|").map { line.distance(from: line.startIndex, to: $0) }
        }
        #expect(bars[0] != nil && bars[0] == bars[1])
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
