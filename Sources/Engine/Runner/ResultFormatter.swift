import Foundation

/// How `moltres run` (and anything else that prints results) writes a statement's result.
public enum ResultFormat: String, Sendable, Hashable, CaseIterable {
    /// An aligned text table like a database shell, with a `(N rows, 1.2 ms)` footer.
    case table
    /// RFC 4180 CSV: a header line, then one line per row, `\r\n` line ends.
    case csv
    /// One JSON array of row objects per statement.
    case json
    /// One JSON object per executed statement, one per line.
    case jsonl
}

/// Renders ``StatementResult`` values as text in one of the ``ResultFormat``s.
///
/// Each call returns the text for one statement, ending with a newline, so output can be streamed
/// statement by statement.
public struct ResultFormatter: Sendable {
    /// The format.
    public var format: ResultFormat
    /// The widest a table cell may be before it is cut with `…`.
    public var maximumCellWidth: Int

    /// Creates a formatter.
    public init(format: ResultFormat, maximumCellWidth: Int = 40) {
        self.format = format
        self.maximumCellWidth = maximumCellWidth
    }

    /// The text for one executed statement.
    public func render(_ result: StatementResult) -> String {
        if format == .table { return renderTable(result) }
        var text = beginning(of: result)
        for (index, row) in result.rows.enumerated() { text += self.row(row, at: index, of: result) }
        return text + end(of: result)
    }

    /// Whether the format can be written row by row as a query reads them (``beginning(of:)``,
    /// ``row(_:at:of:)``, ``end(of:)``); the table cannot, since its column widths depend on every row.
    public var streamsRows: Bool { format != .table }

    /// The text before a statement's first row; `result` needs its columns, not its rows.
    public func beginning(of result: StatementResult) -> String {
        switch format {
        case .table: return ""
        case .csv:
            guard result.kind == .query else { return "" }
            return result.columns.map { Self.csvField($0.name) }.joined(separator: ",") + "\r\n"
        case .json: return ""
        case .jsonl:
            let columns = result.columns.map {
                "{\"name\": \(JSONText.string($0.name)), \"type\": \(JSONText.string($0.typeName))}"
            }
            let fields = [
                "\"statement\": \(result.statementNumber)",
                "\"line\": \(result.line)",
                "\"kind\": \(JSONText.string(result.kind.rawValue))",
                "\"sql\": \(JSONText.string(result.sql))",
                "\"columns\": [" + columns.joined(separator: ", ") + "]",
            ]
            return "{" + fields.joined(separator: ", ") + ", \"rows\": ["
        }
    }

    /// The text of the row at `index` (0-based) of a statement's rows.
    public func row(_ row: [DatabaseValue], at index: Int, of result: StatementResult) -> String {
        switch format {
        case .table: return ""
        case .csv: return row.map(Self.csvField).joined(separator: ",") + "\r\n"
        case .json:
            let cells = row.indices.map { column in
                let name = column < result.columns.count ? result.columns[column].name : "_c\(column)"
                let decimal = column < result.columns.count && result.columns[column].typeName == "decimal"
                return "\(JSONText.string(name)): \(JSONText.cell(row[column], decimal: decimal))"
            }
            return (index == 0 ? "[\n  {" : ",\n  {") + cells.joined(separator: ", ") + "}"
        case .jsonl:
            let cells = row.indices.map { column in
                JSONText.cell(
                    row[column], decimal: column < result.columns.count && result.columns[column].typeName == "decimal")
            }
            return (index == 0 ? "[" : ", [") + cells.joined(separator: ", ") + "]"
        }
    }

    /// The text after a statement's last row; `result` has its final ``StatementResult/rowCount``.
    public func end(of result: StatementResult) -> String {
        switch format {
        case .table, .csv: return ""
        case .json:
            if result.kind == .mutation { return "{\"rowCount\": \(result.rowCount)}\n" }
            return result.rowCount == 0 ? "[]\n" : "\n]\n"
        case .jsonl:
            let fields = [
                "\"rowCount\": \(result.rowCount)",
                "\"truncated\": \(result.truncated)",
                "\"elapsedMs\": " + String(format: "%.3f", Self.milliseconds(result.elapsed)),
            ]
            return "], " + fields.joined(separator: ", ") + "}\n"
        }
    }

    // MARK: - Table

    private func renderTable(_ result: StatementResult) -> String {
        let elapsed = Self.formatMilliseconds(result.elapsed)
        switch result.kind {
        case .mutation:
            let noun = result.rowCount == 1 ? "row" : "rows"
            return "(\(result.rowCount) \(noun) affected, \(elapsed))\n"
        case .query where result.isSQLPreview:
            var text = result.sql + ";\n"
            if !result.parameters.isEmpty {
                text +=
                    "-- parameters: [" + result.parameters.map(JSONText.value).joined(separator: ", ") + "]\n"
            }
            return text
        case .query:
            // PostgreSQL's NUMERIC arrives as text (every digit kept): in a decimal column it is a number and is
            // right-aligned, as SQLite's reals are.
            let decimals = result.columns.map { $0.typeName == "decimal" }
            let rows = result.rows.map { row in
                row.indices.map { column -> TextTable.Cell in
                    if column < decimals.count, decimals[column], case .text(let text) = row[column],
                        JSONText.isNumber(text)
                    {
                        return TextTable.Cell(text: text, alignRight: true)
                    }
                    return TextTable.Cell(row[column])
                }
            }
            let table = TextTable(headings: result.columns.map(\.name), rows: rows, maximumWidth: maximumCellWidth)
            let noun = result.rowCount == 1 ? "row" : "rows"
            let more = result.truncated ? ", more not shown" : ""
            return table.render() + "(\(result.rowCount) \(noun)\(more), \(elapsed))\n"
        }
    }

    /// A duration as milliseconds with one decimal (`1.2 ms`).
    static func formatMilliseconds(_ duration: Duration) -> String {
        let milliseconds =
            Double(duration.components.seconds) * 1000
            + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.1f ms", milliseconds)
    }

    // MARK: - CSV

    /// A CSV field: quoted when it holds a comma, a quote, a line break or surrounding spaces; NULL is an empty
    /// field and the empty string a quoted one (`""`), so the two stay distinct (as PostgreSQL's `COPY … CSV`).
    static func csvField(_ value: DatabaseValue) -> String {
        switch value {
        case .null: ""
        case .text(let text): text.isEmpty ? "\"\"" : csvField(text)
        case .integer, .real, .boolean, .blob: csvField(value.description)
        }
    }

    static func csvField(_ text: String) -> String {
        let needsQuotes =
            text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - JSON

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}

/// Minimal JSON text for result values; the engine does not depend on the protocol module's codec.
enum JSONText {
    /// A JSON string literal, escaping quotes, backslashes and control characters (NUL, DEL and C1 included).
    static func string(_ text: String) -> String {
        // Most text needs no escape: one pass over the bytes finds out. Lead bytes 0xC2 (U+0080–U+00BF: the C1
        // controls) and 0xE2 (U+2000–U+2FFF: U+2028, U+2029) send the text to the scalar loop below.
        var plain = true
        for byte in text.utf8
        where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2 {
            plain = false
            break
        }
        if plain { return "\"" + text + "\"" }
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                // C1 controls (U+0080–U+009F, U+009B is a terminal's CSI) and DEL escaped too: JSON allows them
                // raw, but this text is read in terminals.
                if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) {
                    output += String(format: "\\u%04x", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    /// A result cell as JSON: ``value(_:)``, except that in a `decimal` column text that is a number
    /// (PostgreSQL's `NUMERIC`, read as text to keep every digit) is written as that number, so the same query
    /// prints the same JSON on every database.
    static func cell(_ value: DatabaseValue, decimal: Bool) -> String {
        if decimal, case .text(let text) = value, isNumber(text) { return text }
        return Self.value(value)
    }

    /// A database value as JSON: numbers as numbers (non-finite reals as strings), blobs as hex text.
    static func value(_ value: DatabaseValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let number): return String(number)
        case .real(let number):
            guard number.isFinite else { return string(String(number)) }
            // A whole number keeps its `.0` (`2.0`, not `2`), so it still reads as a real.
            if number == number.rounded(), abs(number) < 1e15 {
                return number == 0 && number.sign == .minus ? "-0.0" : String(Int64(number)) + ".0"
            }
            return "\(number)"
        case .text(let text): return string(text)
        case .blob: return string(value.description)
        case .boolean(let flag): return flag ? "true" : "false"
        }
    }

    /// JSON text without the white space between tokens (`[1, {"a": 2}]` → `[1,{"a":2}]`), or `nil` when `text`
    /// is not an array or object whose brackets balance outside strings, or has no such white space.
    static func compacted(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first == UInt8(ascii: "[") || first == UInt8(ascii: "{") else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var depth = 0
        var inString = false
        var escaped = false
        for (offset, byte) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                output.append(byte)
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                // The outermost bracket closes only at the end.
                guard depth > 0 || offset == bytes.count - 1 else { return nil }
            default: break
            }
            output.append(byte)
        }
        guard depth == 0, !inString, output.count < bytes.count else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `text` is a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let leadingZero = bytes.first == UInt8(ascii: "0")
        let integerDigits = digits()
        guard integerDigits > 0, !leadingZero || integerDigits == 1 else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
