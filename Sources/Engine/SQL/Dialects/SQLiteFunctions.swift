import Foundation

/// The functions SQLite lacks, implemented in Swift; the executor registers ``all`` on each SQLite
/// connection (`SQLiteConnection.registerFunction`). Each follows the PostgreSQL function it stands for,
/// so both databases give the same results. `NULL` in gives `NULL` out.
public enum SQLiteFunctions {
    /// Text read as a date or timestamp and written back as PostgreSQL writes it (``DateTimeText``).
    private static func dateTime(_ value: DatabaseValue, as kind: DateTimeText.Kind) throws -> DatabaseValue {
        switch value {
        case .null: return .null
        case .text(let text): return .text(try DateTimeText.parse(text, as: kind).text(as: kind))
        case .integer, .real, .boolean, .blob:
            // Only text is a date: PostgreSQL refuses the cast of anything else.
            let source: String
            switch value {
            case .integer: source = "bigint"
            case .real: source = "double precision"
            case .boolean: source = "boolean"
            default: source = "bytea"
            }
            let target = kind == .date ? "date" : "timestamp without time zone"
            throw DatabaseError(kind: .sql, message: "cannot cast type \(source) to \(target)")
        }
    }

    /// Every custom function of the SQLite dialect.
    public static let all: [CustomFunction] = [
        CustomFunction(name: "moltres_percentile_cont", argumentCount: 2) { arguments in
            // PostgreSQL's percentile_cont: linear interpolation between the values around fraction × (n − 1).
            guard let values = sortedNumbers(arguments[0]), !values.isEmpty, let fraction = try fraction(arguments[1])
            else { return .null }
            let position = fraction * Double(values.count - 1)
            let lower = Int(position.rounded(.down))
            let upper = Int(position.rounded(.up))
            return .real(values[lower] + (values[upper] - values[lower]) * (position - Double(lower)))
        },
        CustomFunction(name: "moltres_percentile_disc", argumentCount: 2) { arguments in
            // PostgreSQL's percentile_disc: the first value whose cumulative share reaches the fraction.
            guard let values = sortedNumbers(arguments[0]), !values.isEmpty, let fraction = try fraction(arguments[1])
            else { return .null }
            let index = max(0, Int((fraction * Double(values.count)).rounded(.up)) - 1)
            let value = values[min(index, values.count - 1)]
            return value == value.rounded() && abs(value) < 9e15 ? .integer(Int64(value)) : .real(value)
        },
        // Casts of text as PostgreSQL reads it (see SQLiteDialect.castOverride): surrounding whitespace is allowed,
        // anything else that is not the type's text is an error with PostgreSQL's message; other values convert.
        CustomFunction(name: "moltres_to_integer", argumentCount: 1) { arguments in
            switch arguments[0] {
            case .null, .integer: return arguments[0]
            case .boolean(let value): return .integer(value ? 1 : 0)
            case .real(let value):
                guard value.isFinite, abs(value) < 9.223_372_036_854_775e18 else {
                    throw DatabaseError(kind: .sql, message: "bigint out of range")
                }
                return .integer(Int64(value))
            case .text, .blob:
                let text = arguments[0].textValue ?? ""
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                let digits = trimmed.first == "+" || trimmed.first == "-" ? trimmed.dropFirst() : Substring(trimmed)
                guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    throw DatabaseError(kind: .sql, message: "invalid input syntax for type bigint: \"\(text)\"")
                }
                guard let number = Int64(trimmed.first == "+" ? String(trimmed.dropFirst()) : trimmed) else {
                    throw DatabaseError(kind: .sql, message: "value \"\(text)\" is out of range for type bigint")
                }
                return .integer(number)
            }
        },
        CustomFunction(name: "moltres_to_real", argumentCount: 1) { arguments in
            switch arguments[0] {
            case .null, .real: return arguments[0]
            case .integer(let value): return .real(Double(value))
            case .boolean(let value): return .real(value ? 1 : 0)
            case .text, .blob:
                let text = arguments[0].textValue ?? ""
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                let lowered = trimmed.lowercased()
                // What PostgreSQL's float8in (strtod) reads, hexadecimal included, and its special values.
                let special: [String: Double] = [
                    "nan": .nan, "infinity": .infinity, "+infinity": .infinity, "-infinity": -.infinity,
                    "inf": .infinity, "+inf": .infinity, "-inf": -.infinity,
                ]
                if let value = special[lowered] { return .real(value) }
                if !lowered.contains("n"), let value = Double(trimmed), value.isInfinite {
                    throw DatabaseError(kind: .sql, message: "\"\(text)\" is out of range for type double precision")
                }
                guard !lowered.contains("n"), let value = Double(trimmed), value.isFinite else {
                    throw DatabaseError(
                        kind: .sql, message: "invalid input syntax for type double precision: \"\(text)\"")
                }
                return .real(value)
            }
        },
        CustomFunction(name: "moltres_to_boolean", argumentCount: 1) { arguments in
            switch arguments[0] {
            case .null: return .null
            case .boolean(let value): return .integer(value ? 1 : 0)
            case .integer(let value): return .integer(value != 0 ? 1 : 0)
            case .real(let value): return .integer(value != 0 ? 1 : 0)
            case .text, .blob:
                // PostgreSQL's boolin: true/false, yes/no, on/off, 1/0 and unambiguous prefixes, any case.
                let text = arguments[0].textValue ?? ""
                let word = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                func isPrefix(of full: String, minimum: Int = 1) -> Bool {
                    word.count >= minimum && full.hasPrefix(word)
                }
                if isPrefix(of: "true") || isPrefix(of: "yes") || isPrefix(of: "on", minimum: 2) || word == "1" {
                    return .integer(1)
                }
                if isPrefix(of: "false") || isPrefix(of: "no") || isPrefix(of: "off", minimum: 2) || word == "0" {
                    return .integer(0)
                }
                throw DatabaseError(kind: .sql, message: "invalid input syntax for type boolean: \"\(text)\"")
            }
        },
        CustomFunction(name: "moltres_to_date", argumentCount: 1) { arguments in
            try dateTime(arguments[0], as: .date)
        },
        CustomFunction(name: "moltres_to_timestamp", argumentCount: 1) { arguments in
            try dateTime(arguments[0], as: .timestamp)
        },
        CustomFunction(name: "moltres_real_text", argumentCount: 1) { arguments in
            guard case .real = arguments[0] else {
                return arguments[0] == .null ? .null : .text(arguments[0].description)
            }
            return .text(postgresText(arguments[0]))
        },
        // Fails the statement with its argument as the message (a scalar subquery that returned several rows).
        CustomFunction(name: "moltres_raise", argumentCount: 1, deterministic: false) { arguments in
            throw DatabaseError(kind: .sql, message: arguments[0].textValue ?? "error")
        },
        CustomFunction(name: "moltres_upper", argumentCount: 1) { arguments in
            guard let text = arguments[0].textValue else { return .null }
            return .text(changingCase(text, upper: true))
        },
        CustomFunction(name: "moltres_lower", argumentCount: 1) { arguments in
            guard let text = arguments[0].textValue else { return .null }
            return .text(changingCase(text, upper: false))
        },
        CustomFunction(name: "moltres_lpad", argumentCount: -1) { arguments in
            try pad(arguments, left: true)
        },
        CustomFunction(name: "moltres_rpad", argumentCount: -1) { arguments in
            try pad(arguments, left: false)
        },
        CustomFunction(name: "moltres_initcap", argumentCount: 1) { arguments in
            guard let text = arguments[0].textValue else { return .null }
            var result = ""
            var startOfWord = true
            for character in text {
                result += changingCase(String(character), upper: startOfWord)
                startOfWord = !(character.isLetter || character.isNumber)
            }
            return .text(result)
        },
        CustomFunction(name: "moltres_regexp_replace", argumentCount: 3) { arguments in
            guard let text = arguments[0].textValue, let pattern = arguments[1].textValue,
                let replacement = arguments[2].textValue
            else { return .null }
            let expression = try NSRegularExpression(pattern: pattern)
            // PostgreSQL writes group references as \1; NSRegularExpression wants $1.
            let template = replacement.replacingOccurrences(of: "$", with: "\\$").replacingOccurrences(
                of: #"\\(\d)"#, with: "\\$$1", options: .regularExpression)
            let range = NSRange(text.startIndex..., in: text)
            return .text(expression.stringByReplacingMatches(in: text, range: range, withTemplate: template))
        },
        CustomFunction(name: "moltres_regexp_extract", argumentCount: -1) { arguments in
            guard arguments.count >= 2, let text = arguments[0].textValue, let pattern = arguments[1].textValue
            else { return .null }
            let group = arguments.count > 2 ? Int(arguments[2].integerValue ?? 0) : 0
            guard group >= 0 else {
                throw DatabaseError(kind: .sql, message: "regexp_extract group \(group) is negative")
            }
            let expression = try NSRegularExpression(pattern: pattern)
            guard let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                group <= match.numberOfRanges - 1, let range = Range(match.range(at: group), in: text)
            else { return .text("") }
            return .text(String(text[range]))
        },
        CustomFunction(name: "moltres_split", argumentCount: 2) { arguments in
            guard let text = arguments[0].textValue, let delimiter = arguments[1].textValue else { return .null }
            let parts = delimiter.isEmpty ? [text] : text.components(separatedBy: delimiter)
            return .text(jsonText(parts.map { $0 as Any }))
        },
        CustomFunction(name: "moltres_translate", argumentCount: 3) { arguments in
            guard let text = arguments[0].textValue, let from = arguments[1].textValue,
                let to = arguments[2].textValue
            else { return .null }
            let fromCharacters = Array(from)
            let toCharacters = Array(to)
            var result = ""
            for character in text {
                if let index = fromCharacters.firstIndex(of: character) {
                    if index < toCharacters.count { result.append(toCharacters[index]) }
                } else {
                    result.append(character)
                }
            }
            return .text(result)
        },
        CustomFunction(name: "moltres_md5", argumentCount: 1) { arguments in
            guard let bytes = arguments[0].bytesValue else { return .null }
            return .text(hex(Digest.md5(bytes)))
        },
        CustomFunction(name: "moltres_sha1", argumentCount: 1) { arguments in
            guard let bytes = arguments[0].bytesValue else { return .null }
            return .text(hex(Digest.sha1(bytes)))
        },
        CustomFunction(name: "moltres_sha2", argumentCount: -1) { arguments in
            guard let bytes = arguments.first?.bytesValue else { return .null }
            let bits = arguments.count > 1 ? arguments[1].integerValue ?? 256 : 256
            guard bits == 256 || bits == 0 else {
                throw PlanError.unsupportedFunction("sha2 with \(bits) bits", dialect: "sqlite")
            }
            return .text(hex(Digest.sha256(bytes)))
        },
        CustomFunction(name: "moltres_base64", argumentCount: 1) { arguments in
            guard let bytes = arguments[0].bytesValue else { return .null }
            return .text(Data(bytes).base64EncodedString())
        },
        CustomFunction(name: "moltres_crc32", argumentCount: 1) { arguments in
            guard let bytes = arguments[0].bytesValue else { return .null }
            return .integer(Int64(Digest.crc32(bytes)))
        },
        CustomFunction(name: "moltres_soundex", argumentCount: 1) { arguments in
            guard let text = arguments[0].textValue else { return .null }
            return .text(soundex(text))
        },
        CustomFunction(name: "moltres_hash", argumentCount: -1) { arguments in
            // PostgreSQL's `hashtextextended(concat_ws(chr(31), CAST(x AS TEXT), …), 0)`, so both databases give the
            // same number: the non-NULL values' text joined by U+001F, hashed as PostgreSQL hashes text.
            var bytes: [UInt8] = []
            var first = true
            for value in arguments where value != .null {
                if !first { bytes.append(0x1F) }
                first = false
                bytes += Array(postgresText(value).utf8)
            }
            return .integer(Int64(bitPattern: PostgresHash.bytesExtended(bytes, seed: 0)))
        },
        CustomFunction(name: "moltres_date_format", argumentCount: 2) { arguments in
            guard let text = arguments[0].textValue, let pattern = arguments[1].textValue else { return .null }
            return try DateFormat.format(text, pattern: pattern).map(DatabaseValue.text) ?? .null
        },
        CustomFunction(name: "moltres_to_timestamp", argumentCount: 3) { arguments in
            guard let text = arguments[0].textValue, let pattern = arguments[1].textValue,
                let output = arguments[2].textValue
            else { return .null }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = pattern
            guard let date = formatter.date(from: text) else { return .null }
            formatter.dateFormat = output == "%Y-%m-%d" ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss"
            return .text(formatter.string(from: date))
        },
        CustomFunction(name: "moltres_add_months", argumentCount: 2) { arguments in
            // PostgreSQL's rule: the day is clamped to the length of the target month. A result outside years
            // 1–9999 is an error, as SQLite's dates have no other years (PostgreSQL's error for its own limits).
            guard let text = arguments[0].textValue, let months = arguments[1].integerValue else { return .null }
            let parts = text.prefix(10).split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2],
                (1...12).contains(month), (1...31).contains(day), (0...9999).contains(year)
            else { return .null }
            let (total, overflow) = (year * 12 + month - 1).addingReportingOverflow(Int(months))
            guard !overflow, (12...(9999 * 12 + 11)).contains(total) else {
                throw DatabaseError(kind: .sql, message: "date out of range")
            }
            return .text(addedMonths(year: total / 12, month: total % 12 + 1, day: day))
        },
        CustomFunction(name: "moltres_varchar", argumentCount: 2) { arguments in
            // PostgreSQL's rule for a value stored in varchar(n): more than n characters is an error, unless what
            // is past n is spaces, which are cut.
            guard case .text(let text) = arguments[0], let limit = arguments[1].integerValue, limit >= 0 else {
                return arguments[0]
            }
            let scalars = text.unicodeScalars
            guard let cut = scalars.index(scalars.startIndex, offsetBy: Int(limit), limitedBy: scalars.endIndex),
                cut != scalars.endIndex
            else { return arguments[0] }
            guard scalars[cut...].allSatisfy({ $0 == " " }) else {
                throw DatabaseError(kind: .sql, message: "value too long for type character varying(\(limit))")
            }
            return .text(String(scalars[..<cut]))
        },
        CustomFunction(name: "moltres_like", argumentCount: 2) { arguments in
            guard let text = arguments[0].textValue, let pattern = arguments[1].textValue else { return .null }
            return .integer(like(Array(text), Array(pattern)) ? 1 : 0)
        },
        CustomFunction(name: "moltres_json_contains", argumentCount: 2) { arguments in
            guard let array = jsonArray(arguments[0]) else { return .null }
            return .integer(array.contains { jsonEqual($0, arguments[1]) } ? 1 : 0)
        },
        CustomFunction(name: "moltres_array_position", argumentCount: 2) { arguments in
            guard let array = jsonArray(arguments[0]) else { return .null }
            return .integer(Int64((array.firstIndex { jsonEqual($0, arguments[1]) } ?? -1) + 1))
        },
        CustomFunction(name: "moltres_array_max", argumentCount: 1) { arguments in
            // Nulls are left out, as Spark's array_max leaves them out.
            guard let top = jsonArray(arguments[0])?.filter({ !($0 is NSNull) }).max(by: jsonbLess) else {
                return .null
            }
            return jsonElementValue(top)
        },
        CustomFunction(name: "moltres_array_min", argumentCount: 1) { arguments in
            guard let bottom = jsonArray(arguments[0])?.filter({ !($0 is NSNull) }).min(by: jsonbLess) else {
                return .null
            }
            return jsonElementValue(bottom)
        },
        CustomFunction(name: "moltres_array_sum", argumentCount: 1) { arguments in
            guard let numbers = jsonArray(arguments[0])?.compactMap({ $0 as? NSNumber }), !numbers.isEmpty else {
                return .null
            }
            if numbers.allSatisfy({ Double($0.int64Value) == $0.doubleValue }) {
                return .integer(numbers.reduce(0) { $0 + $1.int64Value })
            }
            return .real(numbers.reduce(0) { $0 + $1.doubleValue })
        },
        CustomFunction(name: "moltres_array_prepend", argumentCount: 2) { arguments in
            guard let array = jsonArray(arguments[0]) else { return .null }
            return .text(jsonText([jsonValue(arguments[1])] + array))
        },
        CustomFunction(name: "moltres_array_remove", argumentCount: 2) { arguments in
            guard let array = jsonArray(arguments[0]) else { return .null }
            return .text(jsonText(array.filter { !jsonEqual($0, arguments[1]) }))
        },
        CustomFunction(name: "moltres_array_distinct", argumentCount: 1) { arguments in
            guard let array = jsonArray(arguments[0]) else { return .null }
            var seen: [Any] = []
            for element in array where !seen.contains(where: { jsonText([$0]) == jsonText([element]) }) {
                seen.append(element)
            }
            return .text(jsonText(seen))
        },
        CustomFunction(name: "moltres_array_sort", argumentCount: 1) { arguments in
            // Ascending in PostgreSQL's jsonb order, nulls last (as Spark's array_sort).
            guard let array = jsonArray(arguments[0]) else { return .null }
            let sorted = array.filter { !($0 is NSNull) }.sorted(by: jsonbLess) + array.filter { $0 is NSNull }
            return .text(jsonText(sorted))
        },
    ]

    /// A value as PostgreSQL's `CAST(x AS TEXT)` writes it, where the two differ from SQLite: a real with an integral
    /// value below 10^15 without `.0`; a blob as `\\x` and hex digits.
    static func postgresText(_ value: DatabaseValue) -> String {
        switch value {
        case .real(let real) where real.rounded() == real && abs(real) < 1e15:
            return real == 0 ? "0" : String(Int64(real))
        case .real(let real) where real.isNaN: return "NaN"
        case .real(let real) where real.isInfinite: return real > 0 ? "Infinity" : "-Infinity"
        case .blob(let bytes): return "\\x" + hex(bytes)
        default: return value.description
        }
    }

    /// `text` in upper or lower case one code point at a time, as PostgreSQL's `upper`, `lower` and `initcap` change
    /// it: a code point whose full case mapping is several (`ß` → `SS`, `ŉ` → `ʼN`) stays as it is, except `İ`,
    /// whose lowercase is `i`. (Swift's `uppercased()` writes `STRASSE` where PostgreSQL writes `STRAßE`.)
    static func changingCase(_ text: String, upper: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                let shifted =
                    upper
                    ? (value >= 0x61 && value <= 0x7A ? value - 32 : value)
                    : (value >= 0x41 && value <= 0x5A ? value + 32 : value)
                scalars.append(Unicode.Scalar(UInt8(shifted)))
                continue
            }
            if !upper && scalar == "\u{130}" {
                scalars.append("i")
                continue
            }
            let mapping = upper ? scalar.properties.uppercaseMapping : scalar.properties.lowercaseMapping
            let mapped = mapping.unicodeScalars
            if mapped.count == 1, let single = mapped.first {
                scalars.append(single)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// PostgreSQL's order of `jsonb` values: null < string < number < boolean < array < object; strings by their
    /// code points (the C collation), numbers by value.
    private static func jsonbLess(_ left: Any, _ right: Any) -> Bool {
        func rank(_ value: Any) -> Int {
            switch value {
            case is NSNull: return 0
            case is String: return 1
            case let number as NSNumber: return isBoolean(number) ? 3 : 2
            case is [Any]: return 4
            default: return 5
            }
        }
        let (leftRank, rightRank) = (rank(left), rank(right))
        guard leftRank == rightRank else { return leftRank < rightRank }
        switch (left, right) {
        case (let left as String, let right as String):
            return Array(left.unicodeScalars.map(\.value)).lexicographicallyPrecedes(right.unicodeScalars.map(\.value))
        case (let left as NSNumber, let right as NSNumber): return left.doubleValue < right.doubleValue
        default: return false
        }
    }

    /// Whether JSONSerialization read the number from `true` or `false` (a boolean's type is `c`, a JSON number's
    /// `q` or `d`).
    private static func isBoolean(_ number: NSNumber) -> Bool { number.objCType.pointee == CChar(UInt8(ascii: "c")) }

    /// An array element as PostgreSQL's `value #>> '{}'` gives it: a string's text, a number, `true`/`false`,
    /// NULL for JSON null, an array or object as JSON text.
    private static func jsonElementValue(_ element: Any) -> DatabaseValue {
        switch element {
        case is NSNull: return .null
        case let text as String: return .text(text)
        case let number as NSNumber:
            if isBoolean(number) { return .text(number.boolValue ? "true" : "false") }
            return Self.number(number)
        default:
            guard let data = try? JSONSerialization.data(withJSONObject: element, options: [.fragmentsAllowed]) else {
                return .null
            }
            return .text(String(decoding: data, as: UTF8.self))
        }
    }

    private static func sortedNumbers(_ value: DatabaseValue) -> [Double]? {
        jsonArray(value)?.compactMap { ($0 as? NSNumber)?.doubleValue }.sorted()
    }

    private static func fraction(_ value: DatabaseValue) throws -> Double? {
        let fraction: Double
        switch value {
        case .real(let real): fraction = real
        case .integer(let integer): fraction = Double(integer)
        default: return nil
        }
        guard (0...1).contains(fraction) else {
            throw PlanError.invalidUse("percentile fraction \(fraction) is not between 0 and 1")
        }
        return fraction
    }

    /// `year-month-day` with the day clamped to the month's length, as `YYYY-MM-DD` (year 1 to 9999).
    static func addedMonths(year: Int, month: Int, day: Int) -> String {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let clamped = min(day, lengths[month - 1])
        func pad(_ value: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(clamped, 2))"
    }

    private static func pad(_ arguments: [DatabaseValue], left: Bool) throws -> DatabaseValue {
        guard arguments.count >= 2, let text = arguments[0].textValue, let length = arguments[1].integerValue else {
            return .null
        }
        let filler = arguments.count > 2 ? arguments[2].textValue ?? " " : " "
        let characters = Array(text)
        let target = max(0, Int(length))
        // PostgreSQL's limit (1 GB of UTF-8 at 4 bytes a character), before anything is allocated.
        guard target <= 268_435_455 else { throw DatabaseError(kind: .sql, message: "requested length too large") }
        if characters.count >= target { return .text(String(characters.prefix(target))) }
        if filler.isEmpty { return .text(text) }
        var padding: [Character] = []
        let fillerCharacters = Array(filler)
        while padding.count < target - characters.count {
            padding.append(fillerCharacters[padding.count % fillerCharacters.count])
        }
        return .text(left ? String(padding + characters) : String(characters + padding))
    }

    private static func like(_ text: [Character], _ pattern: [Character]) -> Bool {
        // Iterative matching of `%` and `_`, case-sensitive, with backtracking over the last `%`.
        var textIndex = 0
        var patternIndex = 0
        var starPattern = -1
        var starText = 0
        while textIndex < text.count {
            if patternIndex < pattern.count
                && (pattern[patternIndex] == "_" || pattern[patternIndex] == text[textIndex])
            {
                textIndex += 1
                patternIndex += 1
            } else if patternIndex < pattern.count && pattern[patternIndex] == "%" {
                starPattern = patternIndex
                starText = textIndex
                patternIndex += 1
            } else if starPattern >= 0 {
                patternIndex = starPattern + 1
                starText += 1
                textIndex = starText
            } else {
                return false
            }
        }
        while patternIndex < pattern.count && pattern[patternIndex] == "%" { patternIndex += 1 }
        return patternIndex == pattern.count
    }

    private static func soundex(_ text: String) -> String {
        let codes: [Character: Character] = [
            "B": "1", "F": "1", "P": "1", "V": "1", "C": "2", "G": "2", "J": "2", "K": "2", "Q": "2", "S": "2",
            "X": "2", "Z": "2", "D": "3", "T": "3", "L": "4", "M": "5", "N": "5", "R": "6",
        ]
        let letters = text.uppercased().filter { $0.isASCII && $0.isLetter }
        guard let first = letters.first else { return "" }
        var result = String(first)
        var previous = codes[first]
        for letter in letters.dropFirst() {
            let code = codes[letter]
            if let code, code != previous { result.append(code) }
            if letter != "H" && letter != "W" { previous = code }
            if result.count == 4 { break }
        }
        return result.padding(toLength: 4, withPad: "0", startingAt: 0)
    }

    private static func jsonArray(_ value: DatabaseValue) -> [Any]? {
        guard let text = value.textValue, let data = text.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [Any]
    }

    private static func jsonValue(_ value: DatabaseValue) -> Any {
        switch value {
        case .null: return NSNull()
        case .integer(let integer): return integer
        case .real(let real): return real
        case .text(let text): return text
        case .blob(let bytes): return hex(bytes)
        case .boolean(let boolean): return boolean
        }
    }

    private static func jsonEqual(_ element: Any, _ value: DatabaseValue) -> Bool {
        jsonText([element]) == jsonText([jsonValue(value)])
    }

    private static func jsonText(_ array: [Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: array, options: [.withoutEscapingSlashes]) else {
            return "[]"
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func number(_ value: NSNumber) -> DatabaseValue {
        Double(value.int64Value) == value.doubleValue ? .integer(value.int64Value) : .real(value.doubleValue)
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
    }
}

extension DatabaseValue {
    /// The value as text, the way SQLite converts it; `nil` for `NULL`.
    var textValue: String? {
        switch self {
        case .null: return nil
        case .text(let text): return text
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .integer, .real, .boolean: return description
        }
    }

    /// The value as an integer, when it is a number.
    var integerValue: Int64? {
        switch self {
        case .integer(let integer): return integer
        case .real(let real): return Int64(exactly: real.rounded(.towardZero))
        case .boolean(let boolean): return boolean ? 1 : 0
        case .text(let text): return Int64(text)
        case .null, .blob: return nil
        }
    }

    /// The bytes hashed or encoded: blobs as they are, other values as PostgreSQL's text of them in UTF-8.
    var bytesValue: [UInt8]? {
        switch self {
        case .null: return nil
        case .blob(let bytes): return bytes
        default: return Array(SQLiteFunctions.postgresText(self).utf8)
        }
    }
}

/// PostgreSQL's `hash_bytes_extended` (src/common/hashfn.c, Bob Jenkins' lookup3 as PostgreSQL has it), which
/// `hashtextextended` applies to a text's bytes under a deterministic collation.
enum PostgresHash {
    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value << count) | (value >> (32 - count))
    }

    private static func mix(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32) {
        a &-= c; a ^= rotate(c, 4); c &+= b
        b &-= a; b ^= rotate(a, 6); a &+= c
        c &-= b; c ^= rotate(b, 8); b &+= a
        a &-= c; a ^= rotate(c, 16); c &+= b
        b &-= a; b ^= rotate(a, 19); a &+= c
        c &-= b; c ^= rotate(b, 4); b &+= a
    }

    private static func final(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32) {
        c ^= b; c &-= rotate(b, 14)
        a ^= c; a &-= rotate(c, 11)
        b ^= a; b &-= rotate(a, 25)
        c ^= b; c &-= rotate(b, 16)
        a ^= c; a &-= rotate(c, 4)
        b ^= a; b &-= rotate(a, 14)
        c ^= b; c &-= rotate(b, 24)
    }

    /// The 64-bit hash of `bytes` with `seed`.
    static func bytesExtended(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
        var a: UInt32 = 0x9e37_79b9 &+ UInt32(truncatingIfNeeded: bytes.count) &+ 3_923_095
        var b = a
        var c = a
        if seed != 0 {
            a &+= UInt32(truncatingIfNeeded: seed >> 32)
            b &+= UInt32(truncatingIfNeeded: seed)
            mix(&a, &b, &c)
        }
        func word(_ offset: Int, _ count: Int) -> UInt32 {
            var value: UInt32 = 0
            for index in 0..<count { value |= UInt32(bytes[offset + index]) << (8 * UInt32(index)) }
            return value
        }
        var offset = 0
        var remaining = bytes.count
        while remaining >= 12 {
            a &+= word(offset, 4)
            b &+= word(offset + 4, 4)
            c &+= word(offset + 8, 4)
            mix(&a, &b, &c)
            offset += 12
            remaining -= 12
        }
        // The last 11 bytes; the lowest byte of c is left for the length.
        if remaining > 8 { c &+= word(offset + 8, remaining - 8) << 8 }
        if remaining > 4 { b &+= word(offset + 4, min(remaining - 4, 4)) }
        if remaining > 0 { a &+= word(offset, min(remaining, 4)) }
        final(&a, &b, &c)
        return (UInt64(b) << 32) | UInt64(c)
    }
}
