/// PostgreSQL (13 or later): overrides only what differs from standard SQL.
///
/// Results are shaped like SQLite's where the two would differ: integer sums stay integers, averages are
/// doubles, dates and timestamps computed by functions are ISO text, arrays are JSON text.
public struct PostgresDialect: Dialect {
    /// Creates the dialect.
    public init() {}

    /// `postgresql`.
    public var name: String { "postgresql" }
    /// `NAMEDATALEN - 1`.
    public var maximumIdentifierLength: Int? { 63 }
    /// `$1`, `$2`, …
    public var parameterStyle: ParameterStyle { .numbered(prefix: "$") }
    /// PostgreSQL sorts `NULL` as the largest value.
    public var defaultNullsPlacement: DefaultNullsPlacement { .largest }
    /// `ILIKE` exists.
    public var supportsILike: Bool { true }
    /// `CAST(2.5 AS INTEGER)` is 3 on PostgreSQL.
    public var castToIntegerRounds: Bool { true }
    /// PostgreSQL casts only `integer` (not `bigint` or `double precision`) to and from `boolean`: a number is true
    /// when it is not 0, and a boolean goes through `integer`.
    public func castOverride(_ value: SQLExpression, from source: SQLType, to target: SQLType) -> SQLExpression? {
        switch (source, target) {
        case (.integer, .boolean), (.real, .boolean), (.decimal, .boolean): return .op(value, "<>", .token("0"))
        case (.boolean, .integer): return .cast(.cast(value, "INTEGER"), "BIGINT")
        case (.boolean, .real): return .cast(.cast(value, "INTEGER"), "DOUBLE PRECISION")
        case (.boolean, .decimal): return .cast(.cast(value, "INTEGER"), "NUMERIC")
        default: return nil
        }
    }
    /// Integers are bound as `int8`.
    public var integerArgumentsNeedCast: Bool { true }
    /// Well below the protocol's 65535: libpq treats a ParameterDescription message longer than 30,000 bytes
    /// (4 bytes per parameter) as lost synchronization (`VALID_LONG_MESSAGE_TYPE` in `fe-protocol3.c` omits `t`),
    /// so a prepared statement with more than about 7,500 parameters breaks the connection.
    public var maximumParameters: Int { 7000 }
    /// PostgreSQL's type names.
    public var typeNames: [SQLType: String] { Self.typeNameTable }

    private static let typeNameTable: [SQLType: String] = [
        .integer: "BIGINT", .real: "DOUBLE PRECISION", .decimal: "NUMERIC", .text: "TEXT", .boolean: "BOOLEAN",
        .date: "DATE", .time: "TIME", .timestamp: "TIMESTAMP", .blob: "BYTEA", .json: "JSONB", .unknown: "TEXT",
    ]

    /// How `explode` reads array elements.
    public var explodeSyntax: ExplodeSyntax { .lateralJSONArrayElements }
    /// PostgreSQL's overrides; see the type's documentation.
    public var functionRenderings: [String: FunctionRendering] { Self.renderings }

    private static func timestamp(_ value: SQLExpression) -> SQLExpression { .cast(value, "TIMESTAMP") }

    private static func extract(_ field: String, _ value: SQLExpression) -> SQLExpression {
        .cast(.function("EXTRACT", [.sequence([.token(field), .token("FROM"), timestamp(value)])]), "INTEGER")
    }

    private static func datePart(_ field: String) -> FunctionRendering {
        .build { arguments in extract(field, arguments.required(0)) }
    }

    private static func toChar(_ value: SQLExpression, _ pattern: String) -> SQLExpression {
        .function("to_char", [value, .text(pattern)])
    }

    private static let timestampPattern = "YYYY-MM-DD HH24:MI:SS"

    private static func utf8(_ value: SQLExpression) -> SQLExpression {
        .function("convert_to", [.cast(value, "TEXT"), .text("UTF8")])
    }

    /// An argument's bytes for hashing or encoding: a `bytea` as it is, anything else as its text in UTF-8.
    private static func bytes(_ arguments: FunctionArguments, _ index: Int) -> SQLExpression {
        arguments.type(index) == .blob ? arguments.required(index) : utf8(arguments.required(index))
    }

    private static func jsonText(_ value: SQLExpression) -> SQLExpression { .cast(value, "TEXT") }

    /// A jsonb value as compact JSON text (``compactJSON(_:)``), as SQLite writes JSON: the same text from both
    /// databases, in the Swift API as in `moltres run`.
    private static func jsonbText(_ value: SQLExpression) -> SQLExpression { compactJSON(value) }

    /// A jsonb value as JSON text without the spaces PostgreSQL writes after `,` and `:` (`[1,"a b"]`, not
    /// `[1, "a b"]`): the regular expression keeps each string whole and drops the spaces between tokens.
    private static func compactJSON(_ value: SQLExpression) -> SQLExpression {
        .function(
            "regexp_replace",
            [.cast(value, "TEXT"), .token(#"'("(?:[^"\\]|\\.)*")| +'"#), .token(#"'\1'"#), .token("'g'")])
    }

    /// CRC-32 (IEEE, as zlib and Spark compute it) of `bytes`, one bit per step of a recursive query: PostgreSQL has
    /// no such function. NULL for NULL.
    private static func crc32(_ bytes: SQLExpression) -> SQLExpression {
        let mixed = "(CASE WHEN i % 8 = 0 THEN crc # get_byte(b, i / 8) ELSE crc END)"
        return .sequence([
            .token("(WITH RECURSIVE crc32_steps (i, crc, b) AS (SELECT 0, CAST(4294967295 AS BIGINT),"), bytes,
            .token(
                "UNION ALL SELECT i + 1, (\(mixed) >> 1) # (CASE WHEN \(mixed) & 1 = 1 THEN 3988292384 ELSE 0 END), b "
                    + "FROM crc32_steps WHERE i < 8 * length(b)) "
                    + "SELECT crc # 4294967295 FROM crc32_steps WHERE i = 8 * length(b))"),
        ])
    }

    /// SHA-1 of `bytes` as lowercase hex, computed by a recursive query, one round a step (PostgreSQL's own needs
    /// the pgcrypto extension): the message padded as FIPS 180-4 says, the 80-word schedule kept in an array per
    /// block, 32-bit words in `bigint` masked to 32 bits. NULL for NULL.
    private static func sha1(_ bytes: SQLExpression) -> SQLExpression {
        let mask = "4294967295"
        // PostgreSQL's bit operators share one precedence level below `+`: every operation is parenthesized.
        func rotate(_ word: String, _ bits: Int) -> String {
            "(((\(word) << \(bits)) | (\(word) >> \(32 - bits))) & \(mask))"
        }
        func byte(_ offset: Int) -> String { "CAST(get_byte(i.p, s.blk * 64 + 4 * s.t + \(offset)) AS BIGINT)" }
        let scheduled = "(s.w[s.t - 2] # s.w[s.t - 7] # s.w[s.t - 13] # s.w[s.t - 15])"
        let word =
            "CASE WHEN s.t < 16 THEN ((\(byte(0)) << 24) | (\(byte(1)) << 16) | (\(byte(2)) << 8) | \(byte(3))) "
            + "ELSE \(rotate(scheduled, 1)) END"
        let mixing =
            "CASE WHEN s.t < 20 THEN (((s.b & s.c) | ((s.b # \(mask)) & s.d)) + 1518500249) "
            + "WHEN s.t < 40 THEN ((s.b # s.c # s.d) + 1859775393) "
            + "WHEN s.t < 60 THEN (((s.b & s.c) | (s.b & s.d) | (s.c & s.d)) + 2400959708) "
            + "ELSE ((s.b # s.c # s.d) + 3395469782) END"
        let initial = ["1732584193", "4023233417", "2562383102", "271733878", "3285377520"].map {
            "CAST(\($0) AS BIGINT)"
        }
        // After round 79 the block's result is added into h0…h4 and the next block starts from it.
        let next = ["r.temp", "s.a", "r.rb", "s.c", "s.d"]
        let last = "s.t = 79"
        let hashes = (0..<5).map { "CASE WHEN \(last) THEN (s.h\($0) + \(next[$0])) & \(mask) ELSE s.h\($0) END" }
        let registers = (0..<5).map {
            "CASE WHEN \(last) THEN (s.h\($0) + \(next[$0])) & \(mask) ELSE \(next[$0]) END"
        }
        let hex = (0..<5).map { "lpad(to_hex(h\($0)), 8, '0')" }.joined(separator: " || ")
        return .sequence([
            .token("(WITH RECURSIVE sha1_input (p) AS (SELECT m || '\\x80'::bytea || "),
            .token(
                "decode(repeat('00', ((55 - length(m)) % 64 + 64) % 64), 'hex') || int8send(8 * CAST(length(m) AS BIGINT))"
            ),
            .token("FROM (SELECT"), bytes, .token("AS m) AS sha1_message), "),
            .token(
                "sha1_steps (blk, t, h0, h1, h2, h3, h4, a, b, c, d, e, w) AS (SELECT 0, 0, "
                    + (initial + initial).joined(separator: ", ") + ", CAST(ARRAY[] AS BIGINT[]) FROM sha1_input "
                    + "UNION ALL SELECT CASE WHEN \(last) THEN s.blk + 1 ELSE s.blk END, "
                    + "CASE WHEN \(last) THEN 0 ELSE s.t + 1 END, " + hashes.joined(separator: ", ") + ", "
                    + registers.joined(separator: ", ")
                    + ", CASE WHEN \(last) THEN CAST(ARRAY[] AS BIGINT[]) ELSE s.w || q.wt END "
                    + "FROM sha1_steps AS s CROSS JOIN sha1_input AS i "
                    + "CROSS JOIN LATERAL (SELECT \(word) AS wt, \(rotate("s.b", 30)) AS rb) AS q "
                    + "CROSS JOIN LATERAL (SELECT (\(rotate("s.a", 5)) + (\(mixing)) + s.e + q.wt) & \(mask) AS temp, "
                    + "q.rb AS rb) AS r WHERE s.blk < length(i.p) / 64) "
                    + "SELECT \(hex) FROM sha1_steps CROSS JOIN sha1_input WHERE blk = length(p) / 64)"),
        ])
    }

    /// American Soundex as the SQLite dialect's `moltres_soundex` computes it: the first ASCII letter, then the
    /// codes of the following letters (H and W let equal codes on both sides merge, vowels separate them), three
    /// digits padded with 0; `''` without a letter. PostgreSQL's own needs the fuzzystrmatch extension.
    private static func soundex(_ value: SQLExpression) -> SQLExpression {
        let letters = "'AEIOUYHWBFPVCGJKQSXZDTLMNR'"
        let codes =
            "translate(left(u, 1), \(letters), '00000000111122222222334556') "
            + "|| translate(substr(u, 2), \(letters), '00000099111122222222334556')"
        let digits = "replace(substr(regexp_replace(replace(\(codes), '9', ''), '(.)\\1+', '\\1', 'g'), 2), '0', '')"
        return .sequence([
            .token(
                "(SELECT CASE WHEN u = '' THEN '' ELSE left(u, 1) || rpad(left(\(digits), 3), 3, '0') END "
                    + "FROM (SELECT regexp_replace(upper("),
            .cast(value, "TEXT"), .token("), '[^A-Z]', '', 'g') AS u) AS soundex_input)"),
        ])
    }

    /// `collect_list` / `collect_set`: the non-NULL values as a JSON array, `[]` for none.
    private static func collected(_ arguments: FunctionArguments, distinct: Bool) -> SQLExpression {
        let aggregated = SQLExpression.call(
            SQLFunctionCall(
                name: "array_agg", arguments: arguments.values, distinct: distinct,
                filter: .postfix(arguments.required(0), "IS NOT NULL")))
        return .function("coalesce", [jsonText(.function("array_to_json", [aggregated])), .text("[]")])
    }

    /// `CASE WHEN outside THEN NULL ELSE value END`.
    private static func outsideDomainIsNull(_ outside: SQLExpression, _ value: SQLExpression) -> SQLExpression {
        .caseWhen(operand: nil, [(outside, .token("NULL"))], else: value)
    }

    /// `power(base, exponent)` that answers zero to a negative power with infinity and a negative base to a
    /// fractional power with NULL, where PostgreSQL fails the statement (see `exp`).
    private static func power(_ base: SQLExpression, _ exponent: SQLExpression) -> SQLExpression {
        .caseWhen(
            operand: nil,
            [
                (.op(.op(base, "=", .number(0)), "AND", .op(exponent, "<", .number(0))), .parameter(.real(.infinity))),
                (
                    .op(.op(base, "<", .number(0)), "AND", .op(exponent, "<>", .function("floor", [exponent]))),
                    .token("NULL")
                ),
            ], else: .function("power", [base, exponent]))
    }

    /// `x < -1 OR x > 1`.
    private static func unitRangeMiss(_ value: SQLExpression) -> SQLExpression {
        .op(.op(value, "<", .number(-1)), "OR", .op(value, ">", .number(1)))
    }

    private static let renderings: [String: FunctionRendering] = [
        "sum": .build { arguments in
            let sum = SQLExpression.function("sum", arguments.values)
            return arguments.type(0) == .integer ? .cast(sum, "BIGINT") : sum
        },
        "avg": .build { arguments in
            let average = SQLExpression.function("avg", arguments.values)
            return arguments.type(0) == .decimal ? average : .cast(average, "DOUBLE PRECISION")
        },
        // Of integers or numerics these are numeric (read back as exact text); their type is real, as on SQLite.
        "stddev": .build { arguments in
            let deviation = SQLExpression.function("stddev_samp", arguments.values)
            return arguments.type(0) == .real ? deviation : .cast(deviation, "DOUBLE PRECISION")
        },
        "variance": .build { arguments in
            let variance = SQLExpression.function("var_samp", arguments.values)
            return arguments.type(0) == .real ? variance : .cast(variance, "DOUBLE PRECISION")
        },
        // NULLs are left out, as PySpark's collect_list/collect_set leave them out; an all-NULL group is [] (array_agg
        // of no rows is NULL).
        "collect_list": .build { arguments in collected(arguments, distinct: false) },
        "collect_set": .build { arguments in collected(arguments, distinct: true) },
        "count_distinct": .build { arguments in
            guard arguments.values.count > 1 else {
                return .call(SQLFunctionCall(name: "count", arguments: arguments.values, distinct: true))
            }
            // A row value with a NULL field is still a value to count(), so rows with any NULL are made NULL
            // first: like Spark's countDistinct and the SQLite rendering, they are not counted.
            let anyNull = arguments.values.dropFirst().reduce(SQLExpression.postfix(arguments.values[0], "IS NULL")) {
                .op($0, "OR", .postfix($1, "IS NULL"))
            }
            let row = SQLExpression.caseWhen(
                operand: nil, [(anyNull, .token("NULL"))], else: .function("ROW", arguments.values))
            return .call(SQLFunctionCall(name: "count", arguments: [row], distinct: true))
        },
        // A negative position counts from the end, as in Spark and on SQLite: PostgreSQL's substr starts before the
        // string instead, so it is moved to length + position + 1 (positions below 1 shorten the result there
        // exactly as Spark clamps them).
        "substring": .build { arguments in
            let text = arguments.required(0)
            let position: SQLExpression
            switch arguments.literal(1) {
            case .integer(0)?: position = .number(1)
            case .integer(let value)? where value < 0:
                position = .op(.op(.function("length", [text]), "+", .number(Int(value))), "+", .number(1))
            case .integer?: position = arguments.integer(arguments.required(1))
            default:
                let given = arguments.integer(arguments.required(1))
                position = .caseWhen(
                    operand: nil,
                    [
                        (.op(given, "=", .number(0)), .number(1)),
                        (
                            .op(given, "<", .number(0)),
                            .op(.op(.function("length", [text]), "+", given), "+", .number(1))
                        ),
                    ],
                    else: given)
            }
            var values = [text, position]
            if let length = arguments[2] { values.append(arguments.integer(length)) }
            return .function("substr", values)
        },
        "instr": .renamed("strpos"),
        "lpad": .build { arguments in
            .function(
                "lpad",
                [.cast(arguments.required(0), "TEXT"), arguments.integer(arguments.required(1))]
                    + (arguments[2].map { [$0] } ?? []))
        },
        "rpad": .build { arguments in
            .function(
                "rpad",
                [.cast(arguments.required(0), "TEXT"), arguments.integer(arguments.required(1))]
                    + (arguments[2].map { [$0] } ?? []))
        },
        "regexp_replace": .build { arguments in
            .function("regexp_replace", arguments.values + [.text("g")])
        },
        "regexp_extract": .build { arguments in
            // Wrapping the pattern in a group makes group 0 (the whole match) index 1.
            let wrapped = SQLExpression.op(.op(.text("("), "||", arguments.required(1)), "||", .text(")"))
            let index = arguments[2].map { SQLExpression.op(arguments.integer($0), "+", .number(1)) } ?? .number(1)
            // A literal subject is typed: PostgreSQL cannot infer the type of `$1 IS NULL`.
            let subject =
                arguments.required(0).isParameter ? arguments.cast(arguments.required(0), .text) : arguments.required(0)
            // No match is '' (as in Spark); a NULL input stays NULL, as on SQLite.
            return outsideDomainIsNull(
                .postfix(subject, "IS NULL"),
                .function(
                    "coalesce",
                    [
                        .sequence([
                            .parenthesized(.function("regexp_match", [subject, wrapped])), .token("["),
                            index, .token("]"),
                        ]), .text(""),
                    ]))
        },
        "split": .build { arguments in
            jsonText(.function("array_to_json", [.function("string_to_array", arguments.values)]))
        },
        "round": .build { arguments in
            let scale = arguments[1].map { arguments.integer($0) } ?? .number(0)
            switch arguments.type(0) {
            case .integer:
                return arguments.values.count > 1
                    ? .cast(.function("round", [arguments.required(0), scale]), "BIGINT") : arguments.required(0)
            case .decimal: return .function("round", [arguments.required(0), scale])
            default:
                // round(double precision, integer) does not exist, and round(double) rounds half to even;
                // NUMERIC rounds half away from zero, as SQLite does.
                return .cast(.function("round", [.cast(arguments.required(0), "NUMERIC"), scale]), "DOUBLE PRECISION")
            }
        },
        "log2": .build { arguments in
            outsideDomainIsNull(
                .op(arguments.required(0), "<=", .number(0)),
                .cast(.function("log", [.token("2.0"), .cast(arguments.required(0), "NUMERIC")]), "DOUBLE PRECISION"))
        },
        // Outside their domain SQLite answers NULL where PostgreSQL fails the whole statement; NULL on both.
        "sqrt": .build { arguments in
            outsideDomainIsNull(.op(arguments.required(0), "<", .number(0)), .function("sqrt", arguments.values))
        },
        "log": .build { arguments in
            outsideDomainIsNull(.op(arguments.required(0), "<=", .number(0)), .function("ln", arguments.values))
        },
        "log10": .build { arguments in
            outsideDomainIsNull(.op(arguments.required(0), "<=", .number(0)), .function("log10", arguments.values))
        },
        // Where the result rounds to infinity or to zero PostgreSQL fails the statement ("value out of range"), and
        // 0 ** -1 and (-8) ** 0.5 fail it too; SQLite answers inf, 0 and NULL (its NaN), as Spark answers
        // Infinity, 0 and NaN. The same answers here. 709.782712893384 is the largest double whose exp is finite;
        // below -745.1332191019411 (-1075 ln 2) exp rounds to 0.
        "exp": .build { arguments in
            let exponent = arguments.required(0)
            return .caseWhen(
                operand: nil,
                [
                    (.op(exponent, ">", .token("709.782712893384")), .parameter(.real(.infinity))),
                    (.op(exponent, "<", .token("-745.1332191019411")), .token("0.0")),
                ], else: .function("exp", [exponent]))
        },
        "power": .build { arguments in power(arguments.required(0), arguments.required(1)) },
        "pow": .build { arguments in power(arguments.required(0), arguments.required(1)) },
        "asin": .build { arguments in
            outsideDomainIsNull(unitRangeMiss(arguments.required(0)), .function("asin", arguments.values))
        },
        "acos": .build { arguments in
            outsideDomainIsNull(unitRangeMiss(arguments.required(0)), .function("acos", arguments.values))
        },
        "year": datePart("YEAR"),
        "month": datePart("MONTH"),
        "day": datePart("DAY"),
        "hour": datePart("HOUR"),
        "minute": datePart("MINUTE"),
        "second": .build { arguments in
            .cast(
                .function(
                    "floor",
                    [
                        .function(
                            "EXTRACT",
                            [.sequence([.token("SECOND"), .token("FROM"), timestamp(arguments.required(0))])])
                    ]), "INTEGER")
        },
        "dayofweek": .build { arguments in .op(extract("DOW", arguments.required(0)), "+", .number(1)) },
        "dayofyear": datePart("DOY"),
        "quarter": datePart("QUARTER"),
        "weekofyear": datePart("WEEK"),
        "date_trunc": .build { arguments in
            toChar(
                .function("date_trunc", [arguments.required(0), timestamp(arguments.required(1))]), timestampPattern)
        },
        "date_add": .build { arguments in
            let (amount, unit) = try DateFormat.interval(try arguments.literalText(1, what: "the interval"))
            return toChar(
                .op(timestamp(arguments.required(0)), "+", .cast(.parameter(.text("\(amount) \(unit)s")), "INTERVAL")),
                timestampPattern)
        },
        "date_sub": .build { arguments in
            let (amount, unit) = try DateFormat.interval(try arguments.literalText(1, what: "the interval"))
            return toChar(
                .op(timestamp(arguments.required(0)), "-", .cast(.parameter(.text("\(amount) \(unit)s")), "INTERVAL")),
                timestampPattern)
        },
        "datediff": .build { arguments in
            .cast(.op(.cast(arguments.required(0), "DATE"), "-", .cast(arguments.required(1), "DATE")), "BIGINT")
        },
        "last_day": .build { arguments in
            toChar(
                .op(
                    .op(
                        .function("date_trunc", [.text("month"), timestamp(arguments.required(0))]), "+",
                        .token("INTERVAL '1 month'")), "-",
                    .token("INTERVAL '1 day'")), "YYYY-MM-DD")
        },
        "unix_timestamp": .build { arguments in
            if arguments.values.count > 1 {
                throw PlanError.unsupportedFunction("unix_timestamp with a format", dialect: "postgresql")
            }
            let value = arguments[0].map { timestamp($0) } ?? .token("now()")
            // Whole seconds, rounded down as Spark and SQLite count them (the cast alone rounded to nearest).
            return .cast(
                .function("floor", [.function("EXTRACT", [.sequence([.token("EPOCH"), .token("FROM"), value])])]),
                "BIGINT")
        },
        "from_unixtime": .build { arguments in
            let pattern =
                try arguments.values.count > 1
                ? DateFormat.toCharPattern(for: try arguments.literalText(1, what: "the format")) : timestampPattern
            return .function(
                "to_char",
                [
                    .sequence([.function("to_timestamp", [arguments.required(0)]), .token("AT TIME ZONE 'UTC'")]),
                    .parameter(.text(pattern)),
                ])
        },
        "current_date": .build { _ in toChar(.token("(now() AT TIME ZONE 'UTC')"), "YYYY-MM-DD") },
        "current_timestamp": .build { _ in toChar(.token("(now() AT TIME ZONE 'UTC')"), timestampPattern) },
        "date_format": .build { arguments in
            let pattern = try DateFormat.toCharPattern(for: try arguments.literalText(1, what: "the format"))
            return .function("to_char", [timestamp(arguments.required(0)), .parameter(.text(pattern))])
        },
        "to_date": .build { arguments in
            if arguments.values.count > 1 {
                let pattern = try DateFormat.toCharPattern(for: try arguments.literalText(1, what: "the format"))
                return toChar(.function("to_date", [arguments.required(0), .parameter(.text(pattern))]), "YYYY-MM-DD")
            }
            return toChar(.cast(arguments.required(0), "DATE"), "YYYY-MM-DD")
        },
        "to_timestamp": .build { arguments in
            if arguments.values.count > 1 {
                let pattern = try DateFormat.toCharPattern(for: try arguments.literalText(1, what: "the format"))
                return toChar(
                    .function("to_timestamp", [arguments.required(0), .parameter(.text(pattern))]), timestampPattern)
            }
            return toChar(timestamp(arguments.required(0)), timestampPattern)
        },
        "add_months": .build { arguments in
            toChar(
                .op(
                    .cast(arguments.required(0), "DATE"), "+",
                    .function(
                        "make_interval", [.sequence([.token("months =>"), .cast(arguments.required(1), "INTEGER")])])),
                "YYYY-MM-DD")
        },
        "ntile": .build { arguments in .function("ntile", [arguments.integer(arguments.required(0))]) },
        "lag": .build { arguments in .function("lag", offsetArguments(arguments)) },
        "lead": .build { arguments in .function("lead", offsetArguments(arguments)) },
        "nth_value": .build { arguments in
            .function("nth_value", [arguments.required(0), arguments.integer(arguments.required(1))])
        },
        "array": .build { arguments in
            jsonText(
                .function(
                    "array_to_json",
                    [
                        .sequence([
                            .token("ARRAY"),
                            .list(arguments.arrayElements(), brackets: true),
                        ])
                    ]))
        },
        "array_length": .build { arguments in arrayLength(arguments.required(0)) },
        "array_contains": arrayFunction { arguments in
            .op(
                .cast(arguments.required(0), "JSONB"), "@>", .function("jsonb_build_array", [arguments.required(1)]))
        },
        // A strict path, as SQLite and Spark read one: `$[0]` of an object and `$.a` of an array are NULL (lax mode
        // wraps the object in an array and looks into each element), and `silent` makes a path that does not
        // match NULL instead of an error.
        "json_extract": .build { arguments in
            let path: SQLExpression
            if case .text(let text)? = arguments.literal(1) {
                let lowered = text.lowercased()
                let moded = lowered.hasPrefix("strict ") || lowered.hasPrefix("lax ")
                path = .parameter(.text(moded ? text : "strict " + text))
            } else {
                path = .op(.text("strict "), "||", arguments.required(1))
            }
            let found = SQLExpression.function(
                "jsonb_path_query_first",
                [.cast(arguments.required(0), "JSONB"), .cast(path, "JSONPATH"), .token("'{}'"), .token("true")])
            // An object or array as compact JSON text, as SQLite and Spark write it; a scalar as its text.
            return .caseWhen(
                operand: nil,
                [
                    (
                        .op(.function("jsonb_typeof", [found]), "IN", .token("('object', 'array')")),
                        compactJSON(found)
                    )
                ], else: .sequence([.parenthesized(found), .token("#>> '{}'")]))
        },
        "json_array_length": .build { arguments in arrayLength(arguments.required(0)) },
        "json_tuple": .build { arguments in
            // The fields' values as one JSON array, as on SQLite (`json_array(json_extract(x, '$.f'), …)`).
            let document = SQLExpression.cast(arguments.required(0), "JSONB")
            return jsonbText(
                .function(
                    "jsonb_build_array",
                    arguments.values.dropFirst().map { .op(document, "->", .cast($0, "TEXT")) }))
        },
        "from_json": .build { arguments in jsonbText(.cast(arguments.required(0), "JSONB")) },
        // JSON already (an array, from_json) stays what it is, as SQLite's json_quote leaves JSON alone; other
        // values become JSON values (text a JSON string).
        "to_json": .build { arguments in
            jsonbText(
                arguments.type(0) == .json
                    ? .cast(arguments.required(0), "JSONB") : .function("to_jsonb", [arguments.required(0)]))
        },
        "rand": .build { arguments in
            if !arguments.values.isEmpty {
                throw PlanError.unsupportedFunction(use: "rand with a seed", dialect: "postgresql")
            }
            return .function("random", [])
        },
        "isnan": .build { arguments in
            .op(
                .postfix(arguments.required(0), "IS NOT NULL"), "AND",
                .op(.cast(arguments.required(0), "DOUBLE PRECISION"), "=", .token("'NaN'")))
        },
        "hash": .build { arguments in
            .function(
                "hashtextextended",
                [
                    .function(
                        "concat_ws", [.function("chr", [.number(31)])] + arguments.values.map { .cast($0, "TEXT") }),
                    .number(0),
                ])
        },
        "md5": .build { arguments in
            .function(
                "md5", [arguments.type(0) == .blob ? arguments.required(0) : .cast(arguments.required(0), "TEXT")])
        },
        "sha1": .build { arguments in sha1(bytes(arguments, 0)) },
        "sha2": .build { arguments in
            let bits = arguments.literal(1)
            let name: String
            switch bits {
            case nil, .integer(256)?, .integer(0)?: name = "sha256"
            case .integer(224)?: name = "sha224"
            case .integer(384)?: name = "sha384"
            case .integer(512)?: name = "sha512"
            default: throw PlanError.invalidUse("sha2(): bits must be a literal 224, 256, 384 or 512")
            }
            return .function("encode", [.function(name, [bytes(arguments, 0)]), .text("hex")])
        },
        "base64": .build { arguments in
            .function(
                "translate",
                [
                    .function("encode", [bytes(arguments, 0), .text("base64")]),
                    .function("chr", [.number(10)]), .text(""),
                ])
        },
        "crc32": .build { arguments in crc32(bytes(arguments, 0)) },
        "soundex": .build { arguments in soundex(arguments.required(0)) },
        "array_max": arrayFunction { arguments in extreme(arguments.required(0), descending: true) },
        "array_min": arrayFunction { arguments in extreme(arguments.required(0), descending: false) },
        // The numbers of the array; other elements are left out, as on SQLite.
        "array_sum": arrayFunction { arguments in
            .subquery(
                elementQuery(
                    arguments.required(0),
                    select: .function(
                        "sum", [.cast(.sequence([.token("e.value"), .token("#>> '{}'")]), "DOUBLE PRECISION")]),
                    tail: [.token("WHERE jsonb_typeof(e.value) = 'number'")]))
        },
        "array_position": arrayFunction { arguments in
            .function(
                "coalesce",
                [
                    .subquery(
                        elementQuery(
                            arguments.required(0), select: .token("e.ordinality"),
                            tail: [
                                .token("WHERE e.value ="), .function("to_jsonb", [arguments.required(1)]),
                                .token("ORDER BY e.ordinality LIMIT 1"),
                            ])), .number(0),
                ])
        },
        "array_append": arrayFunction { arguments in
            jsonbText(
                .op(
                    .cast(arguments.required(0), "JSONB"), "||", .function("jsonb_build_array", [arguments.required(1)])
                ))
        },
        "array_prepend": arrayFunction { arguments in
            jsonbText(
                .op(
                    .function("jsonb_build_array", [arguments.required(1)]), "||", .cast(arguments.required(0), "JSONB")
                ))
        },
        "array_remove": arrayFunction { arguments in
            aggregated(
                arguments.required(0), order: "e.ordinality",
                tail: [.token("WHERE e.value <>"), .function("to_jsonb", [arguments.required(1)])])
        },
        // Nulls last, as Spark's array_sort (jsonb orders null first).
        "array_sort": arrayFunction { arguments in
            aggregated(arguments.required(0), order: "e.value = 'null', e.value", tail: [])
        },
        "array_distinct": arrayFunction { arguments in
            // The first occurrence of each element, in array order.
            let firsts = SQLExpression.sequence([
                .token("(SELECT DISTINCT ON (e.value) e.value, e.ordinality FROM jsonb_array_elements("),
                .cast(arguments.required(0), "JSONB"),
                .token(") WITH ORDINALITY AS e (value, ordinality) ORDER BY e.value, e.ordinality) AS e"),
            ])
            return jsonbText(
                .subquery(
                    .spelled(
                        .sequence([
                            .token("SELECT coalesce(jsonb_agg(e.value ORDER BY e.ordinality), '[]') FROM"), firsts,
                        ]))))
        },
    ]

    /// A function of a JSON array that answers NULL when its first argument is not one (NULL, a scalar, an object),
    /// as on SQLite; PostgreSQL failed the statement ("cannot extract elements from an object"), or answered `[]`,
    /// `0` or a concatenation. An array the query builds itself skips the test.
    private static func arrayFunction(
        _ build: @escaping @Sendable (FunctionArguments) throws -> SQLExpression
    )
        -> FunctionRendering
    {
        .build { arguments in
            let value = try build(arguments)
            let array = arguments.required(0)
            if array.buildsJSONArray { return value }
            return .caseWhen(
                operand: .function("jsonb_typeof", [.cast(array, "JSONB")]), [(.token("'array'"), value)], else: nil)
        }
    }

    /// `SELECT <select> FROM jsonb_array_elements(CAST(x AS JSONB)) WITH ORDINALITY AS e (value, ordinality) <tail>`.
    private static func elementQuery(_ array: SQLExpression, select: SQLExpression, tail: [SQLExpression]) -> SQLQuery {
        SQLQuery.spelled(
            .sequence(
                [
                    .token("SELECT"), select, .token("FROM jsonb_array_elements("), .cast(array, "JSONB"),
                    .token(") WITH ORDINALITY AS e (value, ordinality)"),
                ] + tail))
    }

    /// The elements of `array` that pass `tail`, as a JSON array text ordered by `order`.
    private static func aggregated(_ array: SQLExpression, order: String, tail: [SQLExpression]) -> SQLExpression {
        jsonbText(
            .subquery(
                elementQuery(array, select: .token("coalesce(jsonb_agg(e.value ORDER BY \(order)), '[]')"), tail: tail))
        )
    }

    /// The largest or smallest element other than null (JSONB order: numbers numerically), as text.
    private static func extreme(_ array: SQLExpression, descending: Bool) -> SQLExpression {
        .subquery(
            elementQuery(
                array, select: .token("e.value #>> '{}'"),
                tail: [.token("WHERE e.value <> 'null' ORDER BY e.value \(descending ? "DESC" : "ASC") LIMIT 1")]))
    }

    private static func offsetArguments(_ arguments: FunctionArguments) -> [SQLExpression] {
        var values = [arguments.required(0)]
        if let offset = arguments[1] { values.append(arguments.integer(offset)) }
        if let fallback = arguments[2] { values.append(fallback) }
        return values
    }
}

/// `json_array_length(x)` when `x` is a JSON array, else NULL (PostgreSQL raises an error, SQLite gives 0;
/// Spark's json_array_length is NULL).
private func arrayLength(_ value: SQLExpression) -> SQLExpression {
    let json = SQLExpression.cast(value, "JSON")
    if value.buildsJSONArray { return .function("json_array_length", [json]) }
    return .caseWhen(
        operand: .function("json_typeof", [json]), [(.token("'array'"), .function("json_array_length", [json]))],
        else: nil)
}
