import Foundation

/// A reader for the small part of TOML that `moltres.toml` uses.
///
/// Supported: `# comments`, `[table]` and `[dotted.table]` headers, `key = value` with bare or quoted keys, and
/// values that are basic strings (`"…"` with `\"`, `\\`, `\n`, `\t` escapes), literal strings (`'…'`), integers,
/// floats and booleans. Anything else is reported with its line number.
enum TOMLSubset {
    /// A parsed value.
    enum Value: Sendable, Hashable {
        case string(String)
        case integer(Int)
        case double(Double)
        case bool(Bool)
    }

    /// A problem in the file, with its one-based line.
    struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The one-based line number.
        var line: Int
        /// What is wrong.
        var message: String
        var description: String { "moltres.toml:\(line): \(message)" }
    }

    /// The keys of a file: each is the table path plus the key, joined by dots (`connections.local.url`).
    static func parse(_ text: String) throws(ParseError) -> [String: Value] {
        var result: [String: Value] = [:]
        var table: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), !line.hasPrefix("[[") else {
                    throw ParseError(line: lineNumber, message: "expected a table header such as [connections.local]")
                }
                table = try splitKey(String(line.dropFirst().dropLast()), line: lineNumber)
                continue
            }
            guard let equal = line.firstIndex(of: "=") else {
                throw ParseError(line: lineNumber, message: "expected key = value")
            }
            let key = try splitKey(String(line[..<equal]), line: lineNumber)
            let value = try parseValue(
                String(line[line.index(after: equal)...]).trimmingCharacters(in: .whitespaces), line: lineNumber)
            result[(table + key).joined(separator: ".")] = value
        }
        return result
    }

    private static func stripComment(_ line: String) -> String {
        var quote: Character?
        var escaped = false
        for (offset, character) in line.enumerated() {
            if escaped {
                escaped = false
                continue
            }
            if let open = quote {
                if character == "\\" && open == "\"" { escaped = true } else if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                return String(line.prefix(offset))
            }
        }
        return line
    }

    private static func splitKey(_ text: String, line: Int) throws(ParseError) -> [String] {
        var parts: [String] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var key = part.trimmingCharacters(in: .whitespaces)
            if key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first {
                key = String(key.dropFirst().dropLast())
            } else if key.isEmpty || !key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
                throw ParseError(line: line, message: "invalid key '\(text.trimmingCharacters(in: .whitespaces))'")
            }
            parts.append(key)
        }
        return parts
    }

    private static func parseValue(_ text: String, line: Int) throws(ParseError) -> Value {
        if text.hasPrefix("\"") {
            var result = ""
            var escaped = false
            var closed = false
            for character in text.dropFirst() {
                if closed {
                    throw ParseError(line: line, message: "unexpected text after the string")
                }
                if escaped {
                    switch character {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "\"", "\\": result.append(character)
                    default: throw ParseError(line: line, message: "unsupported escape \\\(character)")
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    closed = true
                } else {
                    result.append(character)
                }
            }
            guard closed else { throw ParseError(line: line, message: "unterminated string") }
            return .string(result)
        }
        if text.hasPrefix("'") {
            guard text.count >= 2, text.hasSuffix("'") else {
                throw ParseError(line: line, message: "unterminated string")
            }
            return .string(String(text.dropFirst().dropLast()))
        }
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        let digits = text.replacingOccurrences(of: "_", with: "")
        if let integer = Int(digits) { return .integer(integer) }
        if let double = Double(digits) { return .double(double) }
        throw ParseError(line: line, message: "unsupported value '\(text)' (use a string, number or boolean)")
    }
}
