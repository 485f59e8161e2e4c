import Testing

@testable import Moltres

@Suite struct SourceTextTests {
    /// (text, byte offset, line, UTF-8 column, UTF-16 column, UTF-32 column)
    static let cases: [(String, Int, Int, Int, Int, Int)] = [
        ("abc", 0, 0, 0, 0, 0),
        ("abc", 3, 0, 3, 3, 3),
        ("a\nbc", 2, 1, 0, 0, 0),
        ("a\r\nbc", 4, 1, 1, 1, 1),
        ("a\rbc", 2, 1, 0, 0, 0),
        ("x = \"😀\"\n", 9, 0, 9, 7, 6),  // after the emoji: 4 bytes, 2 UTF-16 units, 1 scalar
        ("é = 1", 2, 0, 2, 1, 1),  // precomposed é: 2 bytes
        ("e\u{301} = 1", 3, 0, 3, 2, 2),  // e + combining acute: 2 scalars
        ("x = \"😀\"", 6, 0, 6, 5, 5),  // inside the emoji: UTF-16/32 round down to its start
        ("ab\ncd", 99, 1, 2, 2, 2),  // past the end clamps
        ("ab\ncd", -5, 0, 0, 0, 0),
    ]

    @Test(arguments: cases)
    func offsetToPosition(text: String, offset: Int, line: Int, utf8: Int, utf16: Int, utf32: Int) {
        let source = SourceText(text)
        #expect(source.position(of: offset, encoding: .utf8) == SourcePosition(zeroBasedLine: line, column: utf8))
        #expect(source.position(of: offset, encoding: .utf16) == SourcePosition(zeroBasedLine: line, column: utf16))
        #expect(source.position(of: offset, encoding: .utf32) == SourcePosition(zeroBasedLine: line, column: utf32))
    }

    @Test func positionToOffsetRoundTripsAtEveryCharacterBoundary() {
        let text = "from x import y\nz = \"😀 e\u{301} 日本\"  # ü\r\n\tw = 1\rlast"
        let source = SourceText(text)
        var offsets: [Int] = []
        var offset = 0
        for scalar in text.unicodeScalars {
            offsets.append(offset)
            offset += String(scalar).utf8.count
        }
        offsets.append(offset)
        for offset in offsets {
            for encoding in [ColumnEncoding.utf8, .utf16, .utf32] {
                let position = source.position(of: offset, encoding: encoding)
                let back = source.byteOffset(of: position, encoding: encoding)
                // Offsets inside a CRLF pair map to the end of the line's content.
                let lineEnd = source.contentRange(ofLine: position.zeroBasedLine).end
                #expect(back == min(offset, max(lineEnd, back)), "\(offset) \(encoding) \(position)")
            }
        }
    }

    @Test func columnsPastTheLineEndClampToTheLineEnd() {
        let source = SourceText("ab\ncd\n")
        #expect(source.byteOffset(of: SourcePosition(zeroBasedLine: 0, column: 50)) == 2)
        #expect(source.byteOffset(of: SourcePosition(zeroBasedLine: 7, column: 0)) == 6)
        #expect(source.byteOffset(of: SourcePosition(zeroBasedLine: -1, column: 3)) == 0)
        // A UTF-16 column in the middle of a surrogate pair rounds down to the emoji's start.
        let emoji = SourceText("😀x")
        #expect(emoji.byteOffset(of: SourcePosition(zeroBasedLine: 0, column: 1), encoding: .utf16) == 0)
        #expect(emoji.byteOffset(of: SourcePosition(zeroBasedLine: 0, column: 2), encoding: .utf16) == 4)
    }

    @Test func invalidUTF8CountsOneColumnPerByte() {
        let source = SourceText(bytes: [0x61, 0xFF, 0xFE, 0x62, 0x0A, 0x63])
        #expect(source.position(of: 3, encoding: .utf16) == SourcePosition(zeroBasedLine: 0, column: 3))
        #expect(source.position(of: 3, encoding: .utf32) == SourcePosition(zeroBasedLine: 0, column: 3))
        #expect(source.byteOffset(of: SourcePosition(zeroBasedLine: 0, column: 2), encoding: .utf16) == 2)
        #expect(source.lineCount == 2)
        #expect(source.text(in: ByteRange(start: 0, end: 4)) == "a\u{FFFD}\u{FFFD}b")
    }

    @Test func rangesConvertBothWays() {
        let source = SourceText("a = 1\nb = \"😀\"\n")
        let range = ByteRange(start: 10, end: 16)
        let lineColumn = source.range(of: range, encoding: .utf16)
        #expect(lineColumn.start == SourcePosition(zeroBasedLine: 1, column: 4))
        #expect(lineColumn.end == SourcePosition(zeroBasedLine: 1, column: 8))
        #expect(source.byteRange(of: lineColumn, encoding: .utf16) == range)
    }

    @Test func byteRangeHelpers() {
        let range = ByteRange(start: 5, end: 2)
        #expect(range.isEmpty && range.start == 5)
        let other = ByteRange(start: 1, end: 3)
        #expect(other.union(ByteRange(start: 7, end: 9)) == ByteRange(start: 1, end: 9))
        #expect(other.touches(3) && !other.contains(3) && other.contains(1))
    }

    /// The line table (found with `memchr` when the text has no `\r`) is the one a byte-by-byte scan gives.
    @Test(arguments: [
        "", "a", "\n", "a\n", "a\nb", "\n\n\n", "a = 1\nb = 2\n", "x\r\ny\rz\n", "\r", "\r\n", "é\n😀\nz",
        String(repeating: "db.table(\"orders\")\n", count: 200),
    ])
    func lineStartsMatchAByteScan(text: String) {
        let bytes = Array(text.utf8)
        var expected = [0]
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                expected.append(index + 1)
            } else if bytes[index] == 0x0D {
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                expected.append(index + 1)
            }
            index += 1
        }
        #expect(SourceText(text).lineStarts == expected)
    }
}
