/// SQLite (3.39 or later, with the math functions): overrides only what differs from standard SQL.
///
/// Functions SQLite lacks are emulated in SQL (variance, covariance, correlation, dates, `greatest`) or
/// implemented in Swift as ``customFunctions`` the executor registers on each connection
/// (`moltres_lpad`, `moltres_regexp_replace`, `moltres_md5`, …).
public struct SQLiteDialect: Dialect {
    /// Creates the dialect.
    public init() {}

    /// `sqlite`.
    public var name: String { "sqlite" }
    /// `LIMIT -1 OFFSET m`: SQLite needs a limit before an offset.
    public var unlimitedRowCount: String? { "-1" }
    /// SQLite's `LIKE` ignores ASCII case.
    public var caseSensitiveLike: CaseSensitiveLike { .globRewrite }
    /// `SQLITE_MAX_VARIABLE_NUMBER` since 3.32.
    public var maximumParameters: Int { 32766 }
    /// SQLite's storage-class names.
    public var typeNames: [SQLType: String] { Self.typeNameTable }

    private static let typeNameTable: [SQLType: String] = [
        .integer: "INTEGER", .real: "REAL", .decimal: "NUMERIC", .text: "TEXT", .boolean: "BOOLEAN",
        .date: "DATE", .time: "TIME", .timestamp: "TIMESTAMP", .blob: "BLOB", .json: "TEXT", .unknown: "TEXT",
    ]
    /// `EXPLAIN QUERY PLAN`: the readable plan.
    public var explainPrefix: String { "EXPLAIN QUERY PLAN" }
    /// How `explode` reads array elements.
    public var explodeSyntax: ExplodeSyntax { .jsonEach }
    /// `NUMERIC(10, 2)` is only an affinity: the generator rounds.
    public var decimalCastRounds: Bool { false }

    /// SQLite has no `LATERAL`.
    public var supportsLateralJoin: Bool { false }

    /// SQLite has no row locks: `select_for_update()` is a no-op there (API.md), its options are `MOL4002`.
    public var rowLockSyntax: RowLockSyntax { .none }
    /// The functions of ``SQLiteFunctions``.
    public var customFunctions: [CustomFunction] { SQLiteFunctions.all }
    /// SQLite's `CAST` follows type affinity: `CAST('2024-01-05' AS DATE)` is 2024, `CAST('abc' AS INTEGER)` is 0,
    /// `CAST('true' AS BOOLEAN)` is 0. These casts are written with SQLite's date functions and registered
    /// functions that read text as PostgreSQL does.
    public func castOverride(_ value: SQLExpression, from source: SQLType, to target: SQLType) -> SQLExpression? {
        let textual: Bool
        switch source {
        case .text, .date, .time, .timestamp, .json, .unknown: textual = true
        default: textual = false
        }
        switch target {
        case .date where textual: return .function("moltres_to_date", [value])
        case .timestamp where textual: return .function("moltres_to_timestamp", [value])
        case .time where textual: return .function("time", [value])
        case .integer where source == .text || source == .unknown: return .function("moltres_to_integer", [value])
        case .real where source == .text || source == .unknown: return .function("moltres_to_real", [value])
        case .boolean where source == .text || source == .unknown: return .function("moltres_to_boolean", [value])
        case .boolean where source == .integer || source == .real || source == .decimal:
            return .op(value, "<>", .token("0"))
        case .text where source == .boolean:
            return .caseWhen(
                operand: nil, [(value, .text("true")), (.prefix("NOT", value, precedence: 3), .text("false"))],
                else: nil)
        case .text where source == .real: return .function("moltres_real_text", [value])
        default: return nil
        }
    }
    /// SQLite stores what it is given (type affinity): values are converted on assignment.
    public var convertsOnAssignment: Bool { true }
    /// Text stored into a date, timestamp, number or boolean column is read as PostgreSQL reads it (an error when
    /// it is not one: SQLite's affinity would keep `'abc'` in an INTEGER column and `'2024-02-03'` unnormalized in
    /// a TIMESTAMP one), and a value stored into `DECIMAL(p, s)` is rounded to `s` decimals.
    public func assignmentOverride(
        _ value: SQLExpression, from source: SQLType, to target: CastTarget
    )
        -> SQLExpression?
    {
        guard source == .text || source == .unknown || target.type == .decimal else { return nil }
        switch target.type {
        case .date, .timestamp, .integer, .real, .boolean:
            return castOverride(value, from: source, to: target.type)
        case .decimal:
            let number = source == .text || source == .unknown ? castOverride(value, from: source, to: .real) : nil
            guard let scale = target.scale else { return number }
            return .function("round", [number ?? value, .token(String(scale))])
        case .text:
            guard let length = target.precision else { return nil }
            return .function("moltres_varchar", [value, .token(String(length))])
        default: return nil
        }
    }

    /// SQLite takes a scalar subquery's first row; the generator checks the count (`moltres_raise`).
    public var scalarSubqueriesCheckRowCount: Bool { false }

    /// SQLite's overrides; see the type's documentation.
    public var functionRenderings: [String: FunctionRendering] { Self.renderings }

    private static func strftime(_ format: String, _ value: SQLExpression) -> SQLExpression {
        .function("strftime", [.text(format), value])
    }

    /// `value` moved by `amount` units, as a timestamp. Months and years go through `moltres_add_months`, which
    /// clamps the day to the target month as PostgreSQL and Spark do (`2024-01-31` + 1 month is `2024-02-29`);
    /// SQLite's `+1 month` modifier overflows into the next month (`2024-03-02`).
    private static func shifted(_ value: SQLExpression, by amount: Int, _ unit: String) -> SQLExpression {
        guard unit == "month" || unit == "year" else {
            return .function("datetime", [value, .parameter(.text("\(amount >= 0 ? "+" : "")\(amount) \(unit)s"))])
        }
        let months = unit == "year" ? amount * 12 : amount  // |amount| < 2^31 (`DateFormat.interval`)
        return .op(
            .op(.function("moltres_add_months", [value, .parameter(.integer(Int64(months)))]), "||", .text(" ")), "||",
            .function("time", [value]))
    }

    private static func datePart(_ format: String) -> FunctionRendering {
        .build { arguments in .cast(strftime(format, arguments.required(0)), "INTEGER") }
    }

    /// `strftime` where it can write the Java pattern; otherwise the registered `moltres_date_format`, which writes
    /// month and day names, the 12-hour clock and fields without leading zeros as PostgreSQL's `to_char` does.
    private static func dateFormat(_ value: SQLExpression, pattern: String) throws -> SQLExpression {
        if let strftime = try DateFormat.strftimePattern(for: pattern) {
            return .function("strftime", [.parameter(.text(strftime)), value])
        }
        return .function("moltres_date_format", [value, .parameter(.text(pattern))])
    }

    private static func custom(_ name: String) -> FunctionRendering {
        .build { arguments in .function(name, arguments.values) }
    }

    /// A registered function that hashes or encodes its arguments' text, given booleans as PostgreSQL writes them
    /// (`'true'`/`'false'`; SQLite stores 1/0), so both databases hash the same bytes.
    private static func hashing(_ name: String) -> FunctionRendering {
        .build { arguments in
            .function(
                name,
                arguments.values.indices.map {
                    arguments.type($0) == .boolean ? arguments.text($0) : arguments.values[$0]
                })
        }
    }

    /// A registered statistic: the aggregate, or over a window its window form.
    private static func statistic(_ statistic: SQLiteStatistic) -> FunctionRendering {
        .build { arguments in
            .function(arguments.isWindowed ? statistic.windowName : statistic.name, arguments.values)
        }
    }

    private static let renderings: [String: FunctionRendering] = [
        // Registered on the connection (`SQLiteStatistic`): as aggregates, Welford's updates; over a window, sums
        // anchored near the frame's values. Both stay exact where the sum-of-squares formula cancels.
        "stddev": statistic(.sampleStandardDeviation),
        "variance": statistic(.sampleVariance),
        "covar": statistic(.sampleCovariance),
        "corr": statistic(.correlation),
        // SQLite has no ordered-set aggregates: the group's values are collected as a JSON array by
        // json_group_array (an aggregate, so GROUP BY and OVER work) and a Swift function picks the percentile.
        "percentile_cont": .build { arguments in
            .function(
                "moltres_percentile_cont",
                [.function("json_group_array", [arguments.required(0)]), try arguments.fraction(1)])
        },
        "percentile_disc": .build { arguments in
            .function(
                "moltres_percentile_disc",
                [.function("json_group_array", [arguments.required(0)]), try arguments.fraction(1)])
        },
        // SQLite's round treats a negative scale as 0; Spark and PostgreSQL round to tens, hundreds…
        // (round(1250, -2) = 1300): divide, round, multiply back (half away from zero, as SQLite rounds).
        "round": .build { arguments in
            guard let scale = arguments[1] else { return .function("round", arguments.values) }
            let value = arguments.required(0)
            func tens(_ factor: SQLExpression) -> SQLExpression {
                let rounded = SQLExpression.op(.function("round", [.op(value, "/", factor)]), "*", factor)
                return arguments.type(0) == .integer ? .cast(rounded, "INTEGER") : rounded
            }
            switch arguments.literal(1) {
            case .integer(let digits)? where digits < 0:
                return tens(.token("1e\(-digits)"))
            case .integer?:
                return .function("round", arguments.values)
            default:
                return .caseWhen(
                    operand: nil,
                    [
                        (
                            .op(scale, "<", .number(0)),
                            tens(.function("power", [.token("10.0"), .prefix("-", scale, precedence: 8)]))
                        )
                    ],
                    else: .function("round", arguments.values))
            }
        },
        // NULLs are left out, as PySpark's collect_list/collect_set leave them out (an all-NULL group is []).
        "collect_list": .build { arguments in
            .call(
                SQLFunctionCall(
                    name: "json_group_array", arguments: arguments.values,
                    filter: .postfix(arguments.required(0), "IS NOT NULL")))
        },
        "collect_set": .build { arguments in
            .call(
                SQLFunctionCall(
                    name: "json_group_array", arguments: arguments.values, distinct: true,
                    filter: .postfix(arguments.required(0), "IS NOT NULL")))
        },
        // SQLite's upper() and lower() change ASCII letters only.
        "upper": custom("moltres_upper"),
        "lower": custom("moltres_lower"),
        "lpad": custom("moltres_lpad"),
        "rpad": custom("moltres_rpad"),
        "initcap": custom("moltres_initcap"),
        "regexp_replace": custom("moltres_regexp_replace"),
        "regexp_extract": custom("moltres_regexp_extract"),
        "split": custom("moltres_split"),
        "translate": custom("moltres_translate"),
        "md5": hashing("moltres_md5"),
        "sha1": hashing("moltres_sha1"),
        "sha2": hashing("moltres_sha2"),
        "base64": hashing("moltres_base64"),
        "crc32": hashing("moltres_crc32"),
        "soundex": custom("moltres_soundex"),
        "hash": hashing("moltres_hash"),
        "year": datePart("%Y"),
        "month": datePart("%m"),
        "day": datePart("%d"),
        "hour": datePart("%H"),
        "minute": datePart("%M"),
        "second": datePart("%S"),
        "dayofyear": datePart("%j"),
        "dayofweek": .build { arguments in
            .op(.cast(strftime("%w", arguments.required(0)), "INTEGER"), "+", .number(1))
        },
        "weekofyear": .build { arguments in
            // ISO week: the day of year of this week's Thursday, in weeks.
            let thursday = SQLExpression.function(
                "strftime", [.text("%j"), arguments.required(0), .text("-3 days"), .text("weekday 4")])
            return .op(
                .op(.parenthesized(.op(.cast(thursday, "INTEGER"), "-", .number(1))), "/", .number(7)), "+", .number(1))
        },
        "date_trunc": .build { arguments in
            let unit = try arguments.literalText(0, what: "the unit").lowercased()
            let value = arguments.required(1)
            switch unit {
            case "year": return strftime("%Y-01-01 00:00:00", value)
            case "month": return strftime("%Y-%m-01 00:00:00", value)
            case "day": return strftime("%Y-%m-%d 00:00:00", value)
            case "hour": return strftime("%Y-%m-%d %H:00:00", value)
            case "minute": return strftime("%Y-%m-%d %H:%M:00", value)
            case "second": return strftime("%Y-%m-%d %H:%M:%S", value)
            case "week":
                return .function(
                    "strftime", [.text("%Y-%m-%d 00:00:00"), value, .text("-6 days"), .text("weekday 1")])
            case "quarter":
                let month = SQLExpression.cast(strftime("%m", value), "INTEGER")
                let first = SQLExpression.op(
                    .op(
                        .parenthesized(.op(.parenthesized(.op(month, "-", .number(1))), "/", .number(3))), "*",
                        .number(3)),
                    "+", .number(1))
                return .op(
                    .op(strftime("%Y-", value), "||", .function("printf", [.text("%02d"), first])), "||",
                    .text("-01 00:00:00"))
            default:
                throw PlanError.invalidUse("date_trunc(): unknown unit '\(unit)'")
            }
        },
        "date_add": .build { arguments in
            let (amount, unit) = try DateFormat.interval(try arguments.literalText(1, what: "the interval"))
            return shifted(arguments.required(0), by: amount, unit)
        },
        "date_sub": .build { arguments in
            let (amount, unit) = try DateFormat.interval(try arguments.literalText(1, what: "the interval"))
            return shifted(arguments.required(0), by: -amount, unit)
        },
        "datediff": .build { arguments in
            .cast(
                .op(
                    .function("julianday", [.function("date", [arguments.required(0)])]), "-",
                    .function("julianday", [.function("date", [arguments.required(1)])])), "INTEGER")
        },
        "last_day": .build { arguments in
            .function("date", [arguments.required(0), .text("start of month"), .text("+1 month"), .text("-1 day")])
        },
        "unix_timestamp": .build { arguments in
            if arguments.values.count > 1 {
                throw PlanError.unsupportedFunction("unix_timestamp with a format", dialect: "sqlite")
            }
            return .cast(strftime("%s", arguments[0] ?? .text("now")), "INTEGER")
        },
        "from_unixtime": .build { arguments in
            let time = SQLExpression.function("datetime", [arguments.required(0), .text("unixepoch")])
            guard arguments.values.count > 1 else { return time }
            return try dateFormat(time, pattern: try arguments.literalText(1, what: "the format"))
        },
        "current_date": .build { _ in .function("date", [.text("now")]) },
        "current_timestamp": .build { _ in .function("datetime", [.text("now")]) },
        "date_format": .build { arguments in
            try dateFormat(arguments.required(0), pattern: try arguments.literalText(1, what: "the format"))
        },
        "to_date": .build { arguments in
            if arguments.values.count > 1 {
                return .function(
                    "moltres_to_timestamp", [arguments.required(0), arguments.required(1), .text("%Y-%m-%d")])
            }
            return .function("date", [arguments.required(0)])
        },
        "to_timestamp": .build { arguments in
            if arguments.values.count > 1 {
                return .function(
                    "moltres_to_timestamp", [arguments.required(0), arguments.required(1), .text("%Y-%m-%d %H:%M:%S")])
            }
            return .function("datetime", [arguments.required(0)])
        },
        "add_months": custom("moltres_add_months"),
        "greatest": .build { arguments in nullSkipping("max", arguments.values) },
        "least": .build { arguments in nullSkipping("min", arguments.values) },
        "rand": .build { arguments in
            if !arguments.values.isEmpty {
                throw PlanError.unsupportedFunction(use: "rand with a seed", dialect: "sqlite")
            }
            return .parenthesized(
                .op(.op(.function("random", []), "/", .token("18446744073709551616.0")), "+", .token("0.5")))
        },
        "array": .build { arguments in .function("json_array", arguments.arrayElements()) },
        // The length of a JSON array; NULL for other JSON, as Spark's json_array_length (SQLite gives 0).
        "array_length": .build { arguments in arrayLength(arguments.required(0)) },
        "json_array_length": .build { arguments in arrayLength(arguments.required(0)) },
        "array_contains": .build { arguments in
            .function("moltres_json_contains", [arguments.required(0), arguments.required(1)])
        },
        // The extremes as text and the sum as a real, as on PostgreSQL (the elements' type is not known).
        "array_max": .build { arguments in
            .function("moltres_real_text", [.function("moltres_array_max", arguments.values)])
        },
        "array_min": .build { arguments in
            .function("moltres_real_text", [.function("moltres_array_min", arguments.values)])
        },
        "array_sum": .build { arguments in .cast(.function("moltres_array_sum", arguments.values), "REAL") },
        "array_position": custom("moltres_array_position"),
        // NULL unless the first argument is an array (json_insert gave an object or a scalar back unchanged), as the
        // registered array functions and PostgreSQL answer.
        "array_append": .build { arguments in
            let appended = SQLExpression.function(
                "json_insert", [arguments.required(0), .text("$[#]"), arguments.required(1)])
            if arguments.required(0).buildsJSONArray { return appended }
            return .caseWhen(
                operand: .function("json_type", [arguments.required(0)]), [(.text("array"), appended)], else: nil)
        },
        "array_prepend": custom("moltres_array_prepend"),
        "array_remove": custom("moltres_array_remove"),
        "array_distinct": custom("moltres_array_distinct"),
        "array_sort": custom("moltres_array_sort"),
        // The value as text, as PostgreSQL's `#>> '{}'` gives it (json_extract alone gives SQLite's native value:
        // an integer 3, or 1 for JSON `true`).
        "json_extract": .build { arguments in
            let document = arguments.required(0)
            let path = arguments.required(1)
            return .caseWhen(
                operand: .function("json_type", [document, path]),
                [(.text("true"), .text("true")), (.text("false"), .text("false"))],
                else: .cast(.function("json_extract", [document, path]), "TEXT"))
        },
        "json_tuple": .build { arguments in
            let paths = arguments.values.dropFirst().map { path -> SQLExpression in
                .function("json_extract", [arguments.required(0), .op(.text("$."), "||", path)])
            }
            return .function("json_array", paths)
        },
        "from_json": .renamed("json"),
        // json_quote(NULL) is the text 'null'; NULL stays NULL, as on PostgreSQL.
        "to_json": .build { arguments in
            .caseWhen(
                operand: nil, [(.postfix(arguments.required(0), "IS NULL"), .token("NULL"))],
                else: .function("json_quote", arguments.values))
        },
    ]

    /// `max(coalesce(a, b, c), coalesce(b, a, c), …)`: SQLite's scalar `max` returns NULL when any argument
    /// is NULL, while `greatest` skips NULLs.
    private static func nullSkipping(_ name: String, _ values: [SQLExpression]) -> SQLExpression {
        guard values.count > 1 else { return values[0] }
        let rotated = values.indices.map { index in
            SQLExpression.function(
                "coalesce", [values[index]] + values.enumerated().filter { $0.offset != index }.map(\.element))
        }
        return .function(name, rotated)
    }
}

/// `json_array_length(x)` when `x` is a JSON array, else NULL.
private func arrayLength(_ value: SQLExpression) -> SQLExpression {
    if value.buildsJSONArray { return .function("json_array_length", [value]) }
    return .caseWhen(
        operand: .function("json_type", [value]), [(.token("'array'"), .function("json_array_length", [value]))],
        else: nil)
}
