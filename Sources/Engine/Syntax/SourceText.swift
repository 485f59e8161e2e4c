import Foundation

/// A half-open range of UTF-8 byte offsets into a source text: `start..<end`.
///
/// Every node, token and diagnostic carries one. Convert it to lines and columns with ``SourceText``.
public struct ByteRange: Hashable, Sendable, CustomStringConvertible {
    /// The offset of the first byte.
    public var start: Int
    /// The offset just past the last byte.
    public var end: Int

    /// Creates a range; an `end` before `start` is clamped to `start`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// A zero-width range at `offset`, as used for insertion points and missing nodes.
    public static func empty(at offset: Int) -> ByteRange { ByteRange(start: offset, end: offset) }

    /// The number of bytes in the range.
    public var length: Int { end - start }

    /// Whether the range covers no bytes.
    public var isEmpty: Bool { start == end }

    /// Whether `offset` lies inside the range (`start <= offset < end`).
    public func contains(_ offset: Int) -> Bool { start <= offset && offset < end }

    /// Whether `offset` lies inside the range or on either edge (`start <= offset <= end`), as a cursor would.
    public func touches(_ offset: Int) -> Bool { start <= offset && offset <= end }

    /// Whether `other` lies entirely inside this range.
    public func contains(_ other: ByteRange) -> Bool { start <= other.start && other.end <= end }

    /// The smallest range covering both ranges.
    public func union(_ other: ByteRange) -> ByteRange {
        ByteRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// `start..<end`.
    public var description: String { "\(start)..<\(end)" }
}

/// The unit in which a column is counted.
///
/// LSP clients use UTF-16 unless they negotiate otherwise; terminals and `moltres check` use characters.
public enum ColumnEncoding: Sendable, Hashable {
    /// Columns count UTF-8 bytes.
    case utf8
    /// Columns count UTF-16 code units (an emoji outside the BMP counts 2).
    case utf16
    /// Columns count Unicode scalars (code points).
    case utf32
}

/// A zero-based line and column; the column's unit is given by the ``ColumnEncoding`` used to compute it.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The zero-based line number.
    public var zeroBasedLine: Int
    /// The zero-based column, in the unit of the encoding it was computed with.
    public var column: Int

    /// Creates a position.
    public init(zeroBasedLine: Int, column: Int) {
        self.zeroBasedLine = zeroBasedLine
        self.column = column
    }

    /// Orders positions by line, then column.
    public static func < (left: SourcePosition, right: SourcePosition) -> Bool {
        (left.zeroBasedLine, left.column) < (right.zeroBasedLine, right.column)
    }

    /// `line:column`, both zero-based.
    public var description: String { "\(zeroBasedLine):\(column)" }
}

/// A range of line/column positions, as the editor sees it.
public struct SourceRange: Hashable, Sendable {
    /// The first position.
    public var start: SourcePosition
    /// The position just past the end.
    public var end: SourcePosition

    /// Creates a range.
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }
}

/// The bytes of one source file and its line table.
///
/// Every conversion clamps: offsets past the end map to the end, lines past the last map to the end of the text,
/// columns past a line's end map to the end of the line (before its terminator). Invalid UTF-8 counts as one
/// column per bad byte in every encoding, as a decoder that substitutes U+FFFD would see it.
///
/// ```swift
/// let source = SourceText("a = 1\nb = \"😀\"\n")
/// source.position(of: 11, encoding: .utf16)  // 1:7 (after the emoji, which is 2 UTF-16 units)
/// ```
public struct SourceText: Sendable, Hashable {
    /// The UTF-8 bytes, exactly as given.
    public let bytes: [UInt8]
    /// The byte offset at which each line starts; the first is always 0. Lines end at `\n`, `\r\n` or `\r`.
    public let lineStarts: [Int]
    /// ``SmallASCIIString/isUsable``, read once per text: short names made from the source (`text(in:)`, the
    /// binder's column names) skip the standard library's validation pass.
    let smallASCII: Bool

    /// Creates a source text from a string.
    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Creates a source text from raw bytes, which need not be valid UTF-8.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        let count = bytes.count
        // One allocation for most files (lines of 32 bytes on average or longer); `[0]` then grew on the first line
        // break of every file.
        var starts: [Int] = []
        starts.reserveCapacity(count / 32 + 2)
        starts.append(0)
        var index = 0
        bytes.withUnsafeBufferPointer { buffer in
            // Files without `\r` (nearly all): the line starts come from `memchr`, which scans many bytes at a time.
            if let base = buffer.baseAddress, memchr(base, 0x0D, count) == nil {
                while index < count, let found = memchr(base + index, 0x0A, count - index) {
                    index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                    starts.append(index)
                }
                return
            }
            while index < count {
                let byte = buffer[index]
                if byte == 0x0A {
                    starts.append(index + 1)
                } else if byte == 0x0D {
                    if index + 1 < count && buffer[index + 1] == 0x0A { index += 1 }
                    starts.append(index + 1)
                }
                index += 1
            }
        }
        self.lineStarts = starts
        self.smallASCII = SmallASCIIString.isUsable
    }

    /// The text decoded as UTF-8, with invalid bytes replaced by U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The number of lines (a text ending in a newline has an empty last line).
    public var lineCount: Int { lineStarts.count }

    /// The bytes in `range` decoded lossily; the range is clamped to the text.
    public func text(in range: ByteRange) -> String {
        let clamped = clamp(range)
        let count = clamped.end - clamped.start
        guard count > 0 else { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            // The same string as `String(decoding:as:)` (invalid bytes repaired alike), built straight from the
            // bytes when short (names, keywords, operators).
            String(databaseText: buffer.baseAddress! + clamped.start, count: count, smallASCII: smallASCII)
        }
    }

    /// `range` clamped to `0...bytes.count`.
    public func clamp(_ range: ByteRange) -> ByteRange {
        ByteRange(start: clamp(range.start), end: clamp(range.end))
    }

    /// `offset` clamped to `0...bytes.count`.
    public func clamp(_ offset: Int) -> Int { min(max(offset, 0), bytes.count) }

    /// The zero-based line containing `byteOffset` (clamped to the text).
    public func line(containing byteOffset: Int) -> Int {
        let offset = clamp(byteOffset)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The byte range of line `zeroBasedLine` without its terminator; lines past the end give an empty range at the end.
    public func contentRange(ofLine zeroBasedLine: Int) -> ByteRange {
        guard zeroBasedLine >= 0 else { return .empty(at: 0) }
        guard zeroBasedLine < lineStarts.count else { return .empty(at: bytes.count) }
        let start = lineStarts[zeroBasedLine]
        var end = zeroBasedLine + 1 < lineStarts.count ? lineStarts[zeroBasedLine + 1] : bytes.count
        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return ByteRange(start: start, end: end)
    }

    /// The line and column of `byteOffset`; an offset inside a multi-byte character counts up to that character.
    public func position(of byteOffset: Int, encoding: ColumnEncoding = .utf16) -> SourcePosition {
        let offset = clamp(byteOffset)
        let line = line(containing: offset)
        let lineRange = contentRange(ofLine: line)
        let end = min(offset, lineRange.end)
        if encoding == .utf8 { return SourcePosition(zeroBasedLine: line, column: end - lineRange.start) }
        var column = 0
        var index = lineRange.start
        while index < end {
            let (length, units) = Self.decodeWidth(bytes, at: index, limit: lineRange.end)
            if index + length > end { break }
            column += encoding == .utf16 ? units : 1
            index += length
        }
        return SourcePosition(zeroBasedLine: line, column: column)
    }

    /// The byte offset of `position`; a column inside a character (half a surrogate pair) rounds down to its start.
    public func byteOffset(of position: SourcePosition, encoding: ColumnEncoding = .utf16) -> Int {
        if position.zeroBasedLine < 0 { return 0 }
        if position.zeroBasedLine >= lineStarts.count { return bytes.count }
        let lineRange = contentRange(ofLine: position.zeroBasedLine)
        if position.column <= 0 { return lineRange.start }
        if encoding == .utf8 { return min(lineRange.start + position.column, lineRange.end) }
        var column = 0
        var index = lineRange.start
        while index < lineRange.end {
            let (length, units) = Self.decodeWidth(bytes, at: index, limit: lineRange.end)
            let width = encoding == .utf16 ? units : 1
            if column + width > position.column { return index }
            column += width
            index += length
        }
        return lineRange.end
    }

    /// The line/column range of `range`.
    public func range(of range: ByteRange, encoding: ColumnEncoding = .utf16) -> SourceRange {
        SourceRange(
            start: position(of: range.start, encoding: encoding), end: position(of: range.end, encoding: encoding))
    }

    /// The byte range of a line/column range.
    public func byteRange(of range: SourceRange, encoding: ColumnEncoding = .utf16) -> ByteRange {
        ByteRange(
            start: byteOffset(of: range.start, encoding: encoding), end: byteOffset(of: range.end, encoding: encoding))
    }

    /// The length in bytes of the UTF-8 sequence at `index` and its UTF-16 width; an invalid byte is `(1, 1)`.
    static func decodeWidth(_ bytes: [UInt8], at index: Int, limit: Int) -> (length: Int, utf16Units: Int) {
        let length = validUTF8Length(bytes, at: index, limit: limit)
        if length == 0 { return (1, 1) }
        return (length, length == 4 ? 2 : 1)
    }
}

/// The length of the valid UTF-8 sequence starting at `index` (1 to 4), or 0 when the bytes there are not valid UTF-8.
///
/// Follows the well-formed byte sequences of the Unicode standard (table 3-7): no overlong forms, no surrogates,
/// nothing above U+10FFFF.
func validUTF8Length<C: RandomAccessCollection>(_ bytes: C, at index: Int, limit: Int) -> Int
where C.Element == UInt8, C.Index == Int {
    let first = bytes[index]
    if first < 0x80 { return 1 }
    func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
        index + offset < limit && bytes[index + offset] >= low && bytes[index + offset] <= high
    }
    switch first {
    case 0xC2...0xDF: return continuation(1) ? 2 : 0
    case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
    case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
    case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
    default: return 0
    }
}

/// Decodes the scalar of a valid UTF-8 sequence of `length` bytes at `index`.
func decodeScalar<C: RandomAccessCollection>(_ bytes: C, at index: Int, length: Int) -> Unicode.Scalar?
where C.Element == UInt8, C.Index == Int {
    var value: UInt32
    switch length {
    case 1: return Unicode.Scalar(bytes[index])
    case 2: value = UInt32(bytes[index] & 0x1F)
    case 3: value = UInt32(bytes[index] & 0x0F)
    default: value = UInt32(bytes[index] & 0x07)
    }
    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
    return Unicode.Scalar(value)
}
