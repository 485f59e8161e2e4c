/// The kinds of values the registry's functions take, checked before any SQL runs: PostgreSQL refuses
/// `sqrt(text)`, `upper(integer)` or `year(integer)` only when the query runs, and SQLite computes something.
extension BuiltinFunction {
    /// What a parameter takes.
    public enum ArgumentKind: Sendable, Hashable {
        /// A number: integer, real or decimal.
        case number
        /// Text (JSON text too).
        case text
        /// A date, time or timestamp, or ISO text of one.
        case time

        /// Whether a value of `type` fits (an unknown type always does).
        public func accepts(_ type: SQLType) -> Bool {
            switch (self, type) {
            case (_, .unknown): return true
            case (.number, .integer), (.number, .real), (.number, .decimal): return true
            case (.text, .text), (.text, .json): return true
            case (.time, .date), (.time, .time), (.time, .timestamp), (.time, .text): return true
            default: return false
            }
        }

        var noun: String {
            switch self {
            case .number: "a number"
            case .text: "text"
            case .time: "a date or timestamp"
            }
        }
    }

    /// The kind of value the argument at `index` must be, when the function restricts it.
    public func argumentKind(at index: Int) -> ArgumentKind? {
        guard index < parameters.count || maximumArguments == nil else { return nil }
        let parameter = index < parameters.count ? parameters[index] : parameters.last ?? ""
        switch name {
        case "sum", "avg", "stddev", "variance", "corr", "covar": return .number
        case "percentile_cont", "percentile_disc", "from_unixtime": return index == 0 ? .number : nil
        case "unix_timestamp", "to_date", "to_timestamp": return index == 0 ? .time : nil
        case "concat", "split": return nil
        default: break
        }
        switch category {
        case .math: return .number
        case .string: return parameter == "col" ? .text : nil
        case .datetime: return ["col", "end", "start", "date1", "date2"].contains(parameter) ? .time : nil
        default: return nil
        }
    }

    /// Why a value of `type` does not fit the argument at `index` (with what to write instead), or `nil`.
    public func argumentMismatch(at index: Int, type: SQLType) -> String? {
        guard let kind = argumentKind(at: index), !kind.accepts(type) else { return nil }
        let fix: String
        switch kind {
        case .number:
            switch type {
            case .text: fix = "; convert it with .cast(\"double\")"
            case .boolean: fix = "; count the true ones with .cast(\"int\")"
            default: fix = ""
            }
        case .text:
            fix =
                [.date, .time, .timestamp].contains(type)
                ? "; format it with F.date_format(…) or .cast(\"string\")" : "; convert it with .cast(\"string\")"
        case .time: fix = type.isNumeric ? "; seconds since 1970 become a timestamp with F.from_unixtime(…)" : ""
        }
        return "\(name)() takes \(kind.noun), got \(type.rawValue)\(fix)"
    }
}
