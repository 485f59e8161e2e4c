/// Translates Spark/Java date patterns (`yyyy-MM-dd HH:mm:ss`) into the pattern languages of
/// the databases (`strftime` for SQLite, `to_char` for PostgreSQL), so `date_format` means the same everywhere.
public enum DateFormat {
    /// One piece of a pattern.
    enum Piece: Equatable {
        case year4, year2, month, day, hour24, minute, second, dayOfYear
        case literal(String)
    }

    /// Splits a Java pattern into pieces; throws `MOL3002` for a letter pattern it does not know.
    static func pieces(of pattern: String) throws -> [Piece] {
        let table: [(String, Piece)] = [
            ("yyyy", .year4), ("yy", .year2), ("MM", .month), ("dd", .day), ("HH", .hour24), ("mm", .minute),
            ("ss", .second), ("DDD", .dayOfYear),
        ]
        var pieces: [Piece] = []
        var rest = Substring(pattern)
        outer: while let first = rest.first {
            if first == "'" {
                // A quoted literal, as in Java patterns: 'T'.
                let body = rest.dropFirst()
                guard let end = body.firstIndex(of: "'") else {
                    throw PlanError.invalidUse("date_format(): unterminated quote in pattern '\(pattern)'")
                }
                pieces.append(.literal(String(body[..<end])))
                rest = body[body.index(after: end)...]
                continue
            }
            for (token, piece) in table where rest.hasPrefix(token) {
                pieces.append(piece)
                rest = rest.dropFirst(token.count)
                continue outer
            }
            if first.isLetter {
                throw PlanError.invalidUse(
                    "date_format(): pattern letter '\(first)' in '\(pattern)' is not supported; "
                        + "use yyyy, yy, MM, dd, DDD, HH, mm, ss and quoted literals")
            }
            pieces.append(.literal(String(first)))
            rest = rest.dropFirst()
        }
        return pieces
    }

    /// The `strftime` pattern for a Java pattern.
    public static func strftimePattern(for pattern: String) throws -> String {
        try pieces(of: pattern).map { piece -> String in
            switch piece {
            case .year4: return "%Y"
            case .year2: return "%y"
            case .month: return "%m"
            case .day: return "%d"
            case .hour24: return "%H"
            case .minute: return "%M"
            case .second: return "%S"
            case .dayOfYear: return "%j"
            case .literal(let text): return text.replacingOccurrences(of: "%", with: "%%")
            }
        }.joined()
    }

    /// The PostgreSQL `to_char` pattern for a Java pattern.
    public static func toCharPattern(for pattern: String) throws -> String {
        try pieces(of: pattern).map { piece -> String in
            switch piece {
            case .year4: return "YYYY"
            case .year2: return "YY"
            case .month: return "MM"
            case .day: return "DD"
            case .hour24: return "HH24"
            case .minute: return "MI"
            case .second: return "SS"
            case .dayOfYear: return "DDD"
            case .literal(let text):
                return text.allSatisfy({ !$0.isLetter && !$0.isNumber && $0 != "\"" && $0 != "\\" })
                    ? text : "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
        }.joined()
    }

    /// Parses an interval of the API (`"3 days"`, `"1 month"`, `"INTERVAL 2 HOUR"`, `"-1 week"`) into an
    /// amount and a unit among `second`, `minute`, `hour`, `day`, `month`, `year` (weeks become days).
    public static func interval(_ text: String) throws -> (amount: Int, unit: String) {
        var words = text.split(separator: " ").map { $0.lowercased() }
        if words.first == "interval" { words.removeFirst() }
        guard words.count == 2, let amount = Int(words[0].trimmingCharacters(in: ["'"])) else {
            throw PlanError.invalidUse("'\(text)' is not an interval such as '3 days' or '1 month'")
        }
        var unit = words[1].trimmingCharacters(in: ["'"])
        if unit.hasSuffix("s") { unit.removeLast() }
        switch unit {
        case "second", "minute", "hour", "day", "month", "year": return (amount, unit)
        case "week": return (amount * 7, "day")
        default: throw PlanError.invalidUse("unknown interval unit '\(words[1])' in '\(text)'")
        }
    }
}
