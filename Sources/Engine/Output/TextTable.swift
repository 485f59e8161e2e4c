/// Renders rows as an aligned text table, the way database shells print results.
///
/// ```
///  id | name          | email
/// ----+---------------+---------------------
///   1 | Ada Lovelace  | ada.1@example.com
///   2 | Grace Hopper  | NULL
/// ```
/// Numbers are right-aligned, other values left-aligned; values wider than `maximumWidth`
/// are cut with `…`; `NULL` marks SQL NULL, and a text value that reads `NULL` is shown quoted (`"NULL"`) so the
/// two stay distinct; newlines and tabs inside values are shown as `↵` and `⇥`, other control characters as their
/// control pictures (`␀`, `␛`), so no value can send escape sequences to the terminal.
public struct TextTable {
    /// The column headings.
    public var headings: [String]
    /// The cells, one array per row, already rendered.
    public var rows: [[Cell]]
    /// The widest a column may be, in terminal cells.
    public var maximumWidth: Int

    /// A rendered cell.
    public struct Cell: Sendable, Hashable {
        /// The text to show.
        public var text: String
        /// Whether to right-align it (numbers).
        public var alignRight: Bool

        /// Creates a cell.
        public init(text: String, alignRight: Bool = false) {
            self.text = text
            self.alignRight = alignRight
        }

        /// The cell for a database value: numbers right-aligned, `NULL` for null.
        public init(_ value: DatabaseValue) {
            switch value {
            case .null: self.init(text: "NULL")
            case .integer, .real: self.init(text: value.description, alignRight: true)
            case .text(let text) where text == "NULL": self.init(text: "\"NULL\"")
            case .boolean, .text, .blob: self.init(text: value.description)
            }
        }
    }

    /// Creates a table.
    public init(headings: [String], rows: [[Cell]], maximumWidth: Int = 40) {
        self.headings = headings
        self.rows = rows
        self.maximumWidth = max(4, maximumWidth)
    }

    /// Creates a table of database values.
    public init(headings: [String], values: [[DatabaseValue]], maximumWidth: Int = 40) {
        self.init(headings: headings, rows: values.map { $0.map(Cell.init) }, maximumWidth: maximumWidth)
    }

    /// The table as text, one line per row, ending with a newline.
    public func render() -> String {
        let shownHeadings = headings.map { clip(Self.printable($0)) }
        let shownRows = rows.map { row in
            row.map { Cell(text: clip(Self.printable($0.text)), alignRight: $0.alignRight) }
        }
        var widths = shownHeadings.map(displayWidth)
        for row in shownRows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell.text))
            }
        }
        var lines: [String] = []
        lines.append(
            shownHeadings.enumerated().map { " " + padded($1, to: widths[$0], right: false) + " " }.joined(
                separator: "|"))
        lines.append(widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+"))
        for row in shownRows {
            var parts: [String] = []
            for index in widths.indices {
                let cell = index < row.count ? row[index] : Cell(text: "")
                parts.append(" " + padded(cell.text, to: widths[index], right: cell.alignRight) + " ")
            }
            lines.append(parts.joined(separator: "|"))
        }
        return lines.map { trimTrailingSpaces($0) }.joined(separator: "\n") + "\n"
    }

    /// `text` with every control character shown: newlines and tabs as `↵` and `⇥`, other C0 controls and DEL as
    /// their control pictures (`␀`, `␛`, `␡`), C1 controls as `�`. Written as they are, a value holding an escape
    /// sequence would drive the user's terminal (recolour, move the cursor, retitle the window).
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: Self.isControl) else { return text }
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar.value {
            case 0x0D:
                result.append("↵")
                if pending == "\n" { pending = scalars.next() }
            case 0x0A: result.append("↵")
            case 0x09: result.append("⇥")
            case 0x00..<0x20: result.append(Unicode.Scalar(0x2400 + scalar.value) ?? "�")
            case 0x7F: result.append("␡")
            case 0x80..<0xA0: result.append("�")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }

    private func clip(_ text: String) -> String {
        guard displayWidth(text) > maximumWidth else { return text }
        var result = ""
        var width = 0
        for character in text {
            let characterWidth = Self.width(of: character)
            if width + characterWidth > maximumWidth - 1 { break }
            result.append(character)
            width += characterWidth
        }
        return result + "…"
    }

    private func padded(_ text: String, to width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(0, width - displayWidth(text)))
        return right ? padding + text : text + padding
    }

    private func trimTrailingSpaces(_ line: String) -> String {
        var result = Substring(line)
        while result.last == " " { result = result.dropLast() }
        return String(result)
    }

    private func displayWidth(_ text: String) -> Int {
        // Printable ASCII (nearly every cell) takes one cell a byte, without breaking the text into characters.
        var printableASCII = true
        for byte in text.utf8 where byte < 0x20 || byte >= 0x7F {
            printableASCII = false
            break
        }
        if printableASCII { return text.utf8.count }
        return text.reduce(0) { $0 + Self.width(of: $1) }
    }

    /// Terminal cells a character takes: 2 for East Asian wide characters and emoji, 0 for controls, else 1.
    static func width(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
