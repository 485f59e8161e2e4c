/// Translates Spark/Java date patterns (`yyyy-MM-dd HH:mm:ss`) into the pattern languages of
/// the databases (`strftime` for SQLite, `to_char` for PostgreSQL), so `date_format` means the same everywhere.
public enum DateFormat {
    /// One piece of a pattern.
    enum Piece: Equatable {
        case year4, year2, month, day, hour24, minute, second, dayOfYear
        /// `M`, `d`, `H`, `h`, `m`, `s`: without a leading zero.
        case monthUnpadded, dayUnpadded, hour24Unpadded, hour12Unpadded, minuteUnpadded, secondUnpadded
        /// `hh`: 01–12.
        case hour12
        /// `MMM` (`Jan`), `MMMM` (`January`), `EEE` (`Mon`), `EEEE` (`Monday`), `a` (`AM`/`PM`), in English.
        case monthNameShort, monthNameLong, dayNameShort, dayNameLong, amPm
        case literal(String)

        /// Whether SQLite's `strftime` writes it (the others need ``SQLiteFunctions``' `moltres_date_format`).
        var hasStrftime: Bool {
            switch self {
            // SQLite's strftime has no %y before 3.44.
            case .year4, .month, .day, .hour24, .minute, .second, .dayOfYear, .literal: return true
            default: return false
            }
        }
    }

    /// The pattern letters known, longest first.
    private static let table: [(String, Piece)] = [
        ("yyyy", .year4), ("yy", .year2), ("MMMM", .monthNameLong), ("MMM", .monthNameShort), ("MM", .month),
        ("M", .monthUnpadded), ("dd", .day), ("d", .dayUnpadded), ("DDD", .dayOfYear), ("HH", .hour24),
        ("H", .hour24Unpadded), ("hh", .hour12), ("h", .hour12Unpadded), ("mm", .minute), ("m", .minuteUnpadded),
        ("ss", .second), ("s", .secondUnpadded), ("EEEE", .dayNameLong), ("EEE", .dayNameShort),
        ("E", .dayNameShort), ("a", .amPm),
    ]

    /// Splits a Java pattern into pieces; throws `MOL3007` for a letter pattern it does not know.
    static func pieces(of pattern: String) throws -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(pattern)
        outer: while let first = rest.first {
            if first == "'" {
                // A quoted literal, as in Java patterns: 'T'; a doubled quote is a quote, inside ('o''clock') or
                // alone ('').
                var text = ""
                var body = rest.dropFirst()
                var closed = false
                while let character = body.first {
                    body = body.dropFirst()
                    if character == "'" {
                        if body.first == "'" {
                            text.append("'")
                            body = body.dropFirst()
                            continue
                        }
                        closed = true
                        break
                    }
                    text.append(character)
                }
                guard closed else {
                    throw PlanError.invalidUse("date_format(): unterminated quote in pattern '\(pattern)'")
                }
                pieces.append(.literal(text.isEmpty ? "'" : text))
                rest = body
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
                        + "use yyyy, yy, MMMM, MMM, MM, M, dd, d, DDD, HH, H, hh, h, mm, m, ss, s, EEEE, EEE, a "
                        + "and quoted literals")
            }
            pieces.append(.literal(String(first)))
            rest = rest.dropFirst()
        }
        return pieces
    }

    /// The `strftime` pattern for a Java pattern, or `nil` when `strftime` cannot write one of its pieces (month
    /// and day names, the 12-hour clock, fields without leading zeros).
    public static func strftimePattern(for pattern: String) throws -> String? {
        let pieces = try pieces(of: pattern)
        guard pieces.allSatisfy(\.hasStrftime) else { return nil }
        return pieces.map { piece -> String in
            switch piece {
            case .year4: return "%Y"
            case .month: return "%m"
            case .day: return "%d"
            case .hour24: return "%H"
            case .minute: return "%M"
            case .second: return "%S"
            case .dayOfYear: return "%j"
            case .literal(let text): return text.replacingOccurrences(of: "%", with: "%%")
            default: return ""
            }
        }.joined()
    }

    /// The PostgreSQL `to_char` pattern for a Java pattern (`FM` drops the padding, names are English).
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
            case .monthUnpadded: return "FMMM"
            case .dayUnpadded: return "FMDD"
            case .hour24Unpadded: return "FMHH24"
            case .hour12Unpadded: return "FMHH12"
            case .minuteUnpadded: return "FMMI"
            case .secondUnpadded: return "FMSS"
            case .hour12: return "HH12"
            case .monthNameShort: return "Mon"
            case .monthNameLong: return "FMMonth"
            case .dayNameShort: return "Dy"
            case .dayNameLong: return "FMDay"
            case .amPm: return "AM"
            case .literal(let text):
                return text.allSatisfy({ !$0.isLetter && !$0.isNumber && $0 != "\"" && $0 != "\\" })
                    ? text : "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
        }.joined()
    }

    /// Formats an ISO date or timestamp text (`2024-01-05`, `2024-01-05 10:11:12`, `2024-01-05T10:11`) with a Java
    /// pattern, as PostgreSQL's `to_char` with the pattern ``toCharPattern(for:)`` gives does; `nil` for text that
    /// is not such a date. (SQLite's `moltres_date_format`.)
    public static func format(_ text: String, pattern: String) throws -> String? {
        let pieces = try pieces(of: pattern)
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
            let month = number(5, 2), let day = number(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        if bytes.count > 10 {
            guard bytes[10] == 0x20 || bytes[10] == 0x54, let h = number(11, 2), bytes.count > 13, bytes[13] == 0x3A,
                let m = number(14, 2)
            else { return nil }
            hour = h
            minute = m
            if bytes.count > 16 {
                guard bytes[16] == 0x3A, let s = number(17, 2) else { return nil }
                second = s
            }
        }
        // Days since 1970-01-01 (Howard Hinnant's days_from_civil), for the day of the week and of the year.
        func days(_ year: Int, _ month: Int, _ day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }
        let weekday = ((days(year, month, day) % 7) + 11) % 7  // 0 = Sunday
        let dayOfYear = days(year, month, day) - days(year, 1, 1) + 1
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let hour12 = hour % 12 == 0 ? 12 : hour % 12
        return pieces.map { piece -> String in
            switch piece {
            case .year4: return padded(year, 4)
            case .year2: return padded(year % 100, 2)
            case .month: return padded(month, 2)
            case .day: return padded(day, 2)
            case .hour24: return padded(hour, 2)
            case .minute: return padded(minute, 2)
            case .second: return padded(second, 2)
            case .dayOfYear: return padded(dayOfYear, 3)
            case .monthUnpadded: return String(month)
            case .dayUnpadded: return String(day)
            case .hour24Unpadded: return String(hour)
            case .hour12Unpadded: return String(hour12)
            case .minuteUnpadded: return String(minute)
            case .secondUnpadded: return String(second)
            case .hour12: return padded(hour12, 2)
            case .monthNameShort: return String(months[month - 1].prefix(3))
            case .monthNameLong: return months[month - 1]
            case .dayNameShort: return String(weekdays[weekday].prefix(3))
            case .dayNameLong: return weekdays[weekday]
            case .amPm: return hour < 12 ? "AM" : "PM"
            case .literal(let text): return text
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
        // PostgreSQL keeps an interval's months and days in 32 bits; larger amounts are its "interval out of range".
        guard amount.magnitude <= Int32.max.magnitude else {
            throw PlanError.invalidUse("the interval '\(text)' is out of range")
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
