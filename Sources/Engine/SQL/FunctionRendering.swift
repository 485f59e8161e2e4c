import Foundation

/// How one ``BuiltinFunction`` is written in SQL: an entry of the generic table
/// (``FunctionRendering/generic``) or of a dialect's ``Dialect/functionRenderings`` override table.
///
/// A function found in neither table is written as `name(arguments)` with its registry name.
public enum FunctionRendering: Sendable {
    /// The same arguments under another name (`instr` → `strpos`).
    case renamed(String)
    /// A tree built from the rendered arguments.
    case build(@Sendable (FunctionArguments) throws -> SQLExpression)
    /// The dialect cannot express the function: the generator reports `MOL4001` with this reason.
    case unsupported(String)
}

/// What a ``FunctionRendering/build(_:)`` closure receives.
public struct FunctionArguments {
    /// The function being written.
    public let function: BuiltinFunction
    /// The arguments, already in SQL.
    public let values: [SQLExpression]
    /// The arguments' checker types (`unknown` where not known).
    public let types: [SQLType]
    /// `DISTINCT` was asked for (`count_distinct`, `collect_set`).
    public let distinct: Bool
    /// The dialect written for.
    public let dialect: any Dialect
    /// The call takes `OVER (…)` (a window function, or an aggregate used as one).
    public let isWindowed: Bool
    let renderFunction: (String, [SQLExpression], [SQLType]) throws -> SQLExpression

    /// The argument at `index`, or `nil` when not given.
    public subscript(_ index: Int) -> SQLExpression? {
        index < values.count ? values[index] : nil
    }

    /// The argument at `index`, which the arity check guarantees.
    public func required(_ index: Int) -> SQLExpression { values[index] }

    /// The type of the argument at `index`.
    public func type(_ index: Int) -> SQLType { index < types.count ? types[index] : .unknown }

    /// The compile-time value of an argument given as a literal, or `nil`.
    public func literal(_ index: Int) -> DatabaseValue? {
        guard index < values.count, case .parameter(let value) = values[index] else { return nil }
        return value
    }

    /// A percentile's fraction: a literal number from 0 to 1 (PostgreSQL takes one value per group, and a column
    /// failed only when the query ran), else a `MOL3007` error.
    public func fraction(_ index: Int) throws -> SQLExpression {
        let number: Double?
        switch literal(index) {
        case .integer(let value)?: number = Double(value)
        case .real(let value)?: number = value
        default: number = nil
        }
        guard let number, (0...1).contains(number) else {
            throw PlanError.invalidUse("\(function.name)(): the fraction must be a literal number from 0 to 1")
        }
        return values[index]
    }

    /// The argument's literal text, or a `MOL3002` error saying it must be a literal.
    public func literalText(_ index: Int, what: String) throws -> String {
        guard case .text(let text)? = literal(index) else {
            throw PlanError.invalidUse("\(function.name)(): \(what) must be a literal string")
        }
        return text
    }

    /// The arguments as elements of one array: when text is mixed with other values, every element as text (as
    /// Spark finds the common type; PostgreSQL refuses `ARRAY[1, 'a']`), cast as the dialect casts to text.
    public func arrayElements() -> [SQLExpression] {
        let known = types.filter { $0 != .unknown }
        guard known.contains(.text), known.contains(where: { $0 != .text }) else { return values }
        return values.indices.map { index in type(index) == .text ? values[index] : text(index) }
    }

    /// The argument at `index` cast to text as the dialect casts (``Dialect/castOverride(_:from:to:)``): booleans
    /// as `true`/`false`, reals as PostgreSQL writes them.
    public func text(_ index: Int) -> SQLExpression {
        dialect.castOverride(values[index], from: type(index), to: .text) ?? cast(values[index], .text)
    }

    /// An argument used where the database wants a 32-bit integer, cast when the dialect needs it: a parameter
    /// (bound as a 64-bit integer) and any expression (a `BIGINT` column, `id % 3`) but a number written in the SQL.
    public func integer(_ expression: SQLExpression) -> SQLExpression {
        guard dialect.integerArgumentsNeedCast else { return expression }
        if case .token = expression { return expression }
        return .cast(expression, "INTEGER")
    }

    /// Another built-in function written for the same dialect (for emulations built from others).
    public func call(_ name: String, _ arguments: [SQLExpression], types: [SQLType] = []) throws -> SQLExpression {
        try renderFunction(name, arguments, types)
    }

    /// `CAST(x AS <type>)` with the dialect's type name.
    public func cast(_ expression: SQLExpression, _ type: SQLType) -> SQLExpression {
        .cast(expression, dialect.typeNames[type] ?? "TEXT")
    }
}

// Small constructors that keep the tables below readable.
extension SQLExpression {
    static func op(_ left: SQLExpression, _ symbol: String, _ right: SQLExpression) -> SQLExpression {
        let precedence: Int
        switch symbol {
        case "OR": precedence = 1
        case "AND": precedence = 2
        case "=", "!=", "<>", "<", "<=", ">", ">=", "LIKE", "GLOB", "ILIKE", "IS", "IS NOT": precedence = 4
        case "||": precedence = 5
        case "+", "-": precedence = 6
        default: precedence = 7
        }
        return .binary(left, symbol, right, precedence: precedence)
    }

    static func text(_ constant: String) -> SQLExpression {
        .token("'" + constant.replacingOccurrences(of: "'", with: "''") + "'")
    }

    static func number(_ constant: Int) -> SQLExpression { .token(String(constant)) }
}

extension FunctionRendering {
    /// The generic (standard SQL) rendering of functions whose plain `name(args)` form is not right.
    public static let generic: [String: FunctionRendering] = [
        "count": .build { arguments in
            if arguments.values.isEmpty { return .function("count", [.token("*")]) }
            return .call(SQLFunctionCall(name: "count", arguments: arguments.values, distinct: arguments.distinct))
        },
        "count_distinct": .build { arguments in
            if arguments.values.count > 1 && !arguments.dialect.supportsDistinctOnSeveralArguments {
                // A row value keeps NULL handling equal to several arguments: a row with a NULL is not counted.
                return .call(
                    SQLFunctionCall(
                        name: "count",
                        arguments: [
                            .caseWhen(
                                operand: nil,
                                [
                                    (
                                        arguments.values.map { .postfix($0, "IS NULL") }.dropFirst().reduce(
                                            .postfix(arguments.values[0], "IS NULL")
                                        ) { .op($0, "OR", $1) }, .token("NULL")
                                    )
                                ],
                                else: try arguments.call("array", arguments.values, types: arguments.types))
                        ], distinct: true))
            }
            return .call(SQLFunctionCall(name: "count", arguments: arguments.values, distinct: true))
        },
        "stddev": .renamed("stddev_samp"),
        "variance": .renamed("var_samp"),
        "covar": .renamed("covar_samp"),
        "percentile_cont": .build { arguments in
            .call(
                SQLFunctionCall(
                    name: "percentile_cont", arguments: [try arguments.fraction(1)],
                    withinGroup: [SQLOrderItem(expression: arguments.required(0), descending: false, nulls: nil)]))
        },
        "percentile_disc": .build { arguments in
            .call(
                SQLFunctionCall(
                    name: "percentile_disc", arguments: [try arguments.fraction(1)],
                    withinGroup: [SQLOrderItem(expression: arguments.required(0), descending: false, nulls: nil)]))
        },
        // Spark's positions: 1 and 0 are the first character, a negative one counts from the end (SQLite's substr
        // counts so too; position 0 took one character less on both databases).
        "substring": .build { arguments in
            let position: SQLExpression
            switch arguments.literal(1) {
            case .integer(0)?: position = .number(1)
            case .integer?: position = arguments.integer(arguments.required(1))
            default:
                let given = arguments.integer(arguments.required(1))
                position = .caseWhen(operand: nil, [(.op(given, "=", .number(0)), .number(1))], else: given)
            }
            var values = [arguments.required(0), position]
            if let length = arguments[2] { values.append(arguments.integer(length)) }
            return .function("substr", values)
        },
        "concat": .build { arguments in
            // `||` propagates NULL, as Spark's concat does; parameters are typed as text for databases
            // that cannot infer the type of `? || ?`; reals and booleans are written as the dialect casts them to
            // text (SQLite's `||` writes 30.0 and 0 where PostgreSQL writes 30 and false).
            let parts = arguments.values.indices.map { index -> SQLExpression in
                let value = arguments.values[index]
                switch arguments.type(index) {
                case .real, .boolean, .decimal: return arguments.text(index)
                default: return value.isParameter ? arguments.cast(value, .text) : value
                }
            }
            return parts.dropFirst().reduce(parts[0]) { .op($0, "||", $1) }
        },
        "locate": .build { arguments in
            let substring = arguments.required(0)
            let text = arguments.required(1)
            guard let position = arguments[2] else { return try arguments.call("instr", [text, substring]) }
            let found = try arguments.call(
                "instr", [try arguments.call("substring", [text, position]), substring])
            return .caseWhen(
                operand: nil, [(.op(found, ">", .number(0)), .op(.op(found, "+", position), "-", .number(1)))],
                else: .number(0))
        },
        "ceil": .build { arguments in arguments.cast(.function("ceil", [arguments.required(0)]), .integer) },
        "floor": .build { arguments in arguments.cast(.function("floor", [arguments.required(0)]), .integer) },
        "log": .renamed("ln"),
        "sign": .build { arguments in
            let value = arguments.required(0)
            return .caseWhen(
                operand: nil,
                [
                    (.op(value, ">", .number(0)), .number(1)), (.op(value, "<", .number(0)), .number(-1)),
                    (.op(value, "=", .number(0)), .number(0)),
                ], else: nil)
        },
        "signum": .build { arguments in try arguments.call("sign", arguments.values, types: arguments.types) },
        "hypot": .build { arguments in
            let x = arguments.required(0)
            let y = arguments.required(1)
            return .function("sqrt", [.op(.op(x, "*", x), "+", .op(y, "*", y))])
        },
        "pow": .renamed("power"),
        "regexp_extract": .unsupported("no regular expression extraction"),
        "isnan": .build { arguments in
            let value = arguments.required(0)
            return .op(.postfix(value, "IS NOT NULL"), "AND", .op(value, "!=", value))
        },
        "isinf": .build { arguments in
            let value = arguments.required(0)
            return .parenthesized(
                .op(.op(value, "=", .parameter(.real(.infinity))), "OR", .op(value, "=", .parameter(.real(-.infinity))))
            )
        },
        "monotonically_increasing_id": .build { _ in
            .window(.function("row_number", []), SQLWindow(partitionBy: [], orderBy: [], frame: nil))
        },
        "randn": .build { arguments in
            // Box–Muller: two uniform values in (0, 1] give one standard normal value.
            let first = SQLExpression.op(.number(1), "-", try arguments.call("rand", []))
            let second = try arguments.call("rand", [])
            return .op(
                .function("sqrt", [.op(.number(-2), "*", .function("ln", [first]))]), "*",
                .function("cos", [.op(.token("6.283185307179586"), "*", second)]))
        },
        "current_date": .build { _ in .token("CURRENT_DATE") },
        "current_timestamp": .build { _ in .token("CURRENT_TIMESTAMP") },
        "months_between": .build { arguments in
            // Spark's definition: whole months between the dates, plus the day difference over 31.
            let first = arguments.required(0)
            let second = arguments.required(1)
            func part(_ name: String, _ value: SQLExpression) throws -> SQLExpression {
                try arguments.call(name, [value])
            }
            let months = SQLExpression.op(
                .op(.op(try part("year", first), "-", try part("year", second)), "*", .number(12)), "+",
                .parenthesized(.op(try part("month", first), "-", try part("month", second))))
            let days = SQLExpression.op(
                arguments.cast(.parenthesized(.op(try part("day", first), "-", try part("day", second))), .real), "/",
                .token("31.0"))
            return .op(months, "+", days)
        },
        "quarter": .build { arguments in
            .op(.parenthesized(.op(try arguments.call("month", arguments.values), "+", .number(2))), "/", .number(3))
        },
        "week": .build { arguments in try arguments.call("weekofyear", arguments.values) },
        "greatest": .renamed("greatest"),
        "least": .renamed("least"),
        "hash": .unsupported("no stable hash function"),
        "md5": .unsupported("no MD5 function"),
        "sha1": .unsupported("no SHA-1 function"),
        "sha2": .unsupported("no SHA-2 function"),
        "base64": .unsupported("no Base64 function"),
        "crc32": .unsupported("no CRC-32 function"),
        "soundex": .unsupported("no SOUNDEX function"),
        "array_max": .unsupported("array functions on this database are not implemented yet"),
        "array_min": .unsupported("array functions on this database are not implemented yet"),
        "array_position": .unsupported("array functions on this database are not implemented yet"),
        "array_append": .unsupported("array functions on this database are not implemented yet"),
        "array_prepend": .unsupported("array functions on this database are not implemented yet"),
        "array_remove": .unsupported("array functions on this database are not implemented yet"),
        "array_distinct": .unsupported("array functions on this database are not implemented yet"),
        "array_sum": .unsupported("array functions on this database are not implemented yet"),
        "array_sort": .unsupported("array functions on this database are not implemented yet"),
    ]
}

extension SQLExpression {
    /// Whether this SQL certainly makes a JSON array (`json_array(…)`, `array_to_json(…)`, an aggregate into an
    /// array, possibly cast or defaulted with `coalesce(…, '[]')`), so array functions need not check for other JSON.
    var buildsJSONArray: Bool {
        switch self {
        case .cast(let inner, _), .parenthesized(let inner): return inner.buildsJSONArray
        case .call(let call) where call.name == "coalesce": return call.arguments.first?.buildsJSONArray ?? false
        case .call(let call): return Self.arrayBuilders.contains(call.name)
        default: return false
        }
    }

    private static let arrayBuilders: Set<String> = [
        "json_array", "json_group_array", "moltres_split", "array_to_json", "json_agg", "jsonb_agg", "json_build_array",
        "jsonb_build_array",
    ]
}
