/// Dates and timestamps read from text as PostgreSQL reads them in ISO form, and written as PostgreSQL writes them:
/// what SQLite's `CAST(x AS DATE)` / `TIMESTAMP` stand-ins (`moltres_to_date`, `moltres_to_timestamp`) compute.
///
/// Accepted: `YYYY-MM-DD`, then optionally a space or `T` and `HH:MM[:SS[.fraction]]`, then optionally a zone
/// (`Z`, `UTC`, `+HH`, `+HH:MM`, `-HHMM`), which a timestamp without time zone ignores, as PostgreSQL does;
/// white space around it. Fields out of range (`2024-02-30`, `25:00`) and anything else are errors with
/// PostgreSQL's messages. A timestamp is written `YYYY-MM-DD HH:MM:SS` with the fraction (rounded to
/// microseconds, trailing zeros dropped) when it is not zero; a date `YYYY-MM-DD`.
struct DateTimeText {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second = 0
    var microsecond = 0

    enum Kind: String {
        case date
        case timestamp
    }

    /// Reads `text` or throws PostgreSQL's error for `kind`.
    static func parse(_ text: String, as kind: Kind) throws -> DateTimeText {
        var reader = Reader(bytes: Array(text.utf8))
        let invalid = DatabaseError(kind: .sql, message: "invalid input syntax for type \(kind.rawValue): \"\(text)\"")
        let outOfRange = DatabaseError(kind: .sql, message: "date/time field value out of range: \"\(text)\"")
        reader.skipSpaces()
        guard let year = reader.number(digits: 4...4), reader.take("-"), let month = reader.number(digits: 1...2),
            reader.take("-"), let day = reader.number(digits: 1...2)
        else { throw invalid }
        var value = DateTimeText(year: year, month: month, day: day)
        if reader.take("T") || (reader.peek(" ") && reader.peekDigit(at: 1)) {
            if reader.peek(" ") { reader.index += 1 }
            guard let hour = reader.number(digits: 1...2), reader.take(":"), let minute = reader.number(digits: 2...2)
            else { throw invalid }
            value.hour = hour
            value.minute = minute
            if reader.take(":") {
                guard let second = reader.number(digits: 2...2) else { throw invalid }
                value.second = second
                if reader.take(".") {
                    let start = reader.index
                    while reader.peekDigit(at: 0) { reader.index += 1 }
                    guard reader.index > start else { throw invalid }
                    value.microsecond = roundedMicroseconds(reader.bytes[start..<reader.index])
                }
            }
        }
        reader.skipSpaces()
        if !reader.atEnd {
            // A zone: ignored by a timestamp without time zone and by a date.
            if reader.take("Z") || reader.takeWord("UTC") {
            } else if reader.peek("+") || reader.peek("-") {
                reader.index += 1
                guard let zoneHours = reader.number(digits: 1...2), zoneHours <= 15 else { throw invalid }
                if reader.take(":") {
                    guard reader.number(digits: 2...2) != nil else { throw invalid }
                } else {
                    _ = reader.number(digits: 2...2)
                }
            } else {
                throw invalid
            }
            reader.skipSpaces()
            guard reader.atEnd else { throw invalid }
        }
        guard (1...12).contains(value.month), value.day >= 1, value.day <= daysIn(month: value.month, year: value.year),
            value.hour <= 23, value.minute <= 59, value.second <= 59
        else { throw outOfRange }
        if value.microsecond == 1_000_000 {
            // .9999995 rounds up into the next second; carry it as far as it goes.
            value.microsecond = 0
            value.addSecond()
        }
        return value
    }

    /// PostgreSQL's text of the value as `kind`.
    func text(as kind: Kind) -> String {
        var text = Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
        guard kind == .timestamp else { return text }
        text += " " + Self.padded(hour, 2) + ":" + Self.padded(minute, 2) + ":" + Self.padded(second, 2)
        if microsecond != 0 {
            var fraction = Self.padded(microsecond, 6)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }

    private mutating func addSecond() {
        second += 1
        guard second == 60 else { return }
        second = 0
        minute += 1
        guard minute == 60 else { return }
        minute = 0
        hour += 1
        guard hour == 24 else { return }
        hour = 0
        day += 1
        guard day > Self.daysIn(month: month, year: year) else { return }
        day = 1
        month += 1
        guard month == 13 else { return }
        month = 1
        year += 1
    }

    private static func roundedMicroseconds(_ digits: ArraySlice<UInt8>) -> Int {
        var value = 0
        for (offset, digit) in digits.prefix(6).enumerated() {
            value += Int(digit - UInt8(ascii: "0")) * [100_000, 10_000, 1_000, 100, 10, 1][offset]
        }
        if digits.count > 6, digits[digits.startIndex + 6] >= UInt8(ascii: "5") { value += 1 }
        return value
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        func peek(_ character: Unicode.Scalar) -> Bool {
            index < bytes.count && bytes[index] == UInt8(ascii: character)
        }

        func peekDigit(at offset: Int) -> Bool {
            index + offset < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + offset])
        }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard peek(character) else { return false }
            index += 1
            return true
        }

        mutating func takeWord(_ word: String) -> Bool {
            let letters = Array(word.utf8)
            guard index + letters.count <= bytes.count,
                zip(bytes[index..<index + letters.count], letters).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
            else { return false }
            index += letters.count
            return true
        }

        mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == 0x20 || (0x09...0x0D).contains(bytes[index]) { index += 1 }
        }

        /// A run of digits whose length is in `digits`, or `nil` (and nothing read).
        mutating func number(digits: ClosedRange<Int>) -> Int? {
            var end = index
            while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            guard digits.contains(end - index) else { return nil }
            let value = bytes[index..<end].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            index = end
            return value
        }
    }
}
