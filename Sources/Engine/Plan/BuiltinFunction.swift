/// A function of the Moltres API (`F.<name>`), as listed in the function registry.
///
/// The registry (``BuiltinFunction/all``) holds the 129 functions of the Python library with their
/// aliases, category, arity, keyword parameter names and return-type rule. How each is spelled in SQL is
/// not here: the SQL stage has a generic rendering per function and each dialect overrides it where it
/// differs (see `Dialect.functionRendering(for:)`).
///
/// Two functions are equal when their names are equal. An entry is an object shared by every call that names it:
/// a ``FunctionCall`` copied or matched retains one reference instead of copying the name, aliases, parameters
/// and return-type rule.
///
/// ```swift
/// let sum = BuiltinFunction.named("sum")!        // also "F.sum"
/// sum.kind == .aggregate                          // true
/// BuiltinFunction.named("signum")?.name == "sign" // aliases resolve to the main entry
/// ```
public final class BuiltinFunction: Sendable, Hashable, CustomStringConvertible {
    /// The documentation group of a function (the sections of API.md §d).
    public enum Category: String, Sendable, Hashable, CaseIterable {
        /// Aggregates (`sum`, `avg`, …).
        case aggregate
        /// Text functions.
        case string
        /// Numeric functions.
        case math
        /// Date and time functions.
        case datetime
        /// Window functions (`row_number`, `lag`, …).
        case window
        /// Array functions (JSON arrays on SQLite and PostgreSQL).
        case array
        /// JSON functions.
        case json
        /// Conditional and NULL functions.
        case conditional
        /// Subquery forms.
        case subquery
        /// Everything else (`lit`, `rand`, hashes, …).
        case misc
    }

    /// What a call means to the plan.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// One value per row.
        case scalar
        /// Combines the rows of a group; may also take `.over(...)`.
        case aggregate
        /// Only valid with `.over(...)`.
        case window
        /// Not a call in the plan: the binder lowers it to a dedicated ``Expression`` case
        /// (`when` → `caseWhen`, `lit` → `literal`, `isnull` → `isNull`, `exists` → `exists`,
        /// `scalar_subquery` → `scalarSubquery`, `explode` → `LogicalPlan.explode`).
        case special
    }

    /// How the result type follows from the argument types.
    public enum ReturnType: Sendable, Hashable {
        /// Always this type.
        case fixed(SQLType)
        /// The type of the argument at this position.
        case argument(Int)
        /// The widest numeric type among the arguments (integer → real → decimal).
        case widenedArguments
        /// `real`, or `decimal` when the argument at this position is decimal (`avg`, `stddev`, …).
        case fractionalOf(Int)
        /// Not known without the database.
        case unknown
    }

    /// The main name (`count_distinct`).
    public let name: String
    /// Other accepted names (`countDistinct`, …).
    public let aliases: [String]
    /// Documentation group.
    public let category: Category
    /// Meaning in the plan.
    public let kind: Kind
    /// A window function that needs no `.over(...)`: `monotonically_increasing_id()` is `row_number() OVER ()` on
    /// its own, as in PySpark (an explicit `over` orders it).
    public var numbersRowsWithoutOver: Bool { name == "monotonically_increasing_id" }
    /// The parameter names, in order; a keyword argument is placed at its name's position.
    public let parameters: [String]
    /// The fewest arguments accepted.
    public let minimumArguments: Int
    /// The most arguments accepted; `nil` when variadic.
    public let maximumArguments: Int?
    /// The result type rule.
    public let returnType: ReturnType

    /// Creates a registry entry.
    public init(
        _ name: String, aliases: [String] = [], category: Category, kind: Kind = .scalar, parameters: [String],
        minimum: Int? = nil, maximum: Int?? = nil, returns returnType: ReturnType
    ) {
        self.name = name
        self.aliases = aliases
        self.category = category
        self.kind = kind
        self.parameters = parameters
        self.minimumArguments = minimum ?? parameters.count
        self.maximumArguments = maximum ?? parameters.count
        self.returnType = returnType
        self.bindingRule = BindingRule(name: name)
        self.signature = Signature(
            parameters, minimum: minimumArguments, variadic: maximumArguments == nil)
    }

    /// The arguments a call may pass, as the binder matches them: made with the entry, so that binding a call
    /// neither looks it up by name nor retains a table entry.
    let signature: Signature

    /// What the binder does with a call of a function beyond matching its arguments to its parameters.
    enum BindingRule: Sendable {
        case plain, lit, when, isNull, isNotNull, exists, notExists, scalarSubquery, count, countDistinct, collectSet

        init(name: String) {
            switch name {
            case "lit": self = .lit
            case "when": self = .when
            case "isnull": self = .isNull
            case "isnotnull": self = .isNotNull
            case "exists": self = .exists
            case "not_exists": self = .notExists
            case "scalar_subquery": self = .scalarSubquery
            case "count": self = .count
            case "count_distinct": self = .countDistinct
            case "collect_set": self = .collectSet
            default: self = .plain
            }
        }

        /// Whether the binder lowers the call itself instead of binding it as a plain call.
        var isSpecialForm: Bool {
            switch self {
            case .lit, .when, .isNull, .isNotNull, .exists, .notExists, .scalarSubquery: true
            case .plain, .count, .countDistinct, .collectSet: false
            }
        }
    }

    /// This function's ``BindingRule``, decided from its name once, when the entry is made (the binder compared
    /// the name with each special one on every call: a call of the standard library's string comparison each).
    let bindingRule: BindingRule

    /// Whether `count` arguments are accepted.
    public func accepts(argumentCount count: Int) -> Bool {
        count >= minimumArguments && (maximumArguments.map { count <= $0 } ?? true)
    }

    /// The function's main name.
    public var description: String { name }

    /// Equality by name.
    public static func == (lhs: BuiltinFunction, rhs: BuiltinFunction) -> Bool { lhs === rhs || lhs.name == rhs.name }

    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// Finds a function by its name or an alias (case-sensitive, as in Python); `F.` prefixes are accepted.
    public static func named(_ name: String) -> BuiltinFunction? {
        // The registry's own spellings first, by the name's bytes: no hashing with `Hasher`.
        if let index = spellings.index(of: name) { return spellings[index] }
        let bare = name.hasPrefix("F.") ? String(name.dropFirst(2)) : name
        return registryIndex[bare]
    }

    /// Every name and alias, found by their bytes.
    private static let spellings: NameTable<BuiltinFunction> = {
        var table = NameTable<BuiltinFunction>()
        for function in all {
            for name in [function.name] + function.aliases where table.index(of: name) == nil {
                if let found = registryIndex[name] { table.set(name, found) }
            }
        }
        return table
    }()

    private static let registryIndex: [String: BuiltinFunction] = {
        var index: [String: BuiltinFunction] = [:]
        for function in all {
            index[function.name] = function
            for alias in function.aliases { index[alias] = function }
        }
        return index
    }()

    /// Looks up a function that must exist; used for the library's own calls.
    static func builtin(_ name: String) -> BuiltinFunction {
        guard let function = named(name) else {
            // Only the library's own code calls this with literal names from the registry below.
            fatalError("Moltres bug: no built-in function '\(name)'")
        }
        return function
    }

    /// Every function of the API, grouped as in API.md §d (129 entries).
    public static let all: [BuiltinFunction] =
        aggregateFunctions + stringFunctions + mathFunctions + datetimeFunctions + windowFunctions
        + arrayFunctions + jsonFunctions + conditionalFunctions + subqueryFunctions + miscFunctions
}

extension BuiltinFunction {
    private static let aggregateFunctions: [BuiltinFunction] = [
        .init("sum", category: .aggregate, kind: .aggregate, parameters: ["col"], returns: .argument(0)),
        .init(
            "avg", aliases: ["mean"], category: .aggregate, kind: .aggregate, parameters: ["col"],
            returns: .fractionalOf(0)),
        .init("min", category: .aggregate, kind: .aggregate, parameters: ["col"], returns: .argument(0)),
        .init("max", category: .aggregate, kind: .aggregate, parameters: ["col"], returns: .argument(0)),
        .init(
            "count", category: .aggregate, kind: .aggregate, parameters: ["col"], minimum: 0,
            returns: .fixed(.integer)),
        .init(
            "count_distinct", aliases: ["countDistinct"], category: .aggregate, kind: .aggregate,
            parameters: ["cols"], minimum: 1, maximum: .some(nil), returns: .fixed(.integer)),
        .init(
            "stddev", aliases: ["stddev_samp"], category: .aggregate, kind: .aggregate, parameters: ["col"],
            returns: .fixed(.real)),
        .init(
            "variance", aliases: ["var_samp"], category: .aggregate, kind: .aggregate, parameters: ["col"],
            returns: .fixed(.real)),
        .init("corr", category: .aggregate, kind: .aggregate, parameters: ["col1", "col2"], returns: .fixed(.real)),
        .init(
            "covar", aliases: ["covar_samp"], category: .aggregate, kind: .aggregate,
            parameters: ["col1", "col2"], returns: .fixed(.real)),
        .init(
            "percentile_cont", category: .aggregate, kind: .aggregate, parameters: ["col", "fraction"],
            returns: .fixed(.real)),
        .init(
            "percentile_disc", category: .aggregate, kind: .aggregate, parameters: ["col", "fraction"],
            returns: .argument(0)),
        .init("collect_list", category: .aggregate, kind: .aggregate, parameters: ["col"], returns: .fixed(.json)),
        .init("collect_set", category: .aggregate, kind: .aggregate, parameters: ["col"], returns: .fixed(.json)),
    ]

    private static let stringFunctions: [BuiltinFunction] = [
        .init("upper", category: .string, parameters: ["col"], returns: .fixed(.text)),
        .init("lower", category: .string, parameters: ["col"], returns: .fixed(.text)),
        .init("length", category: .string, parameters: ["col"], returns: .fixed(.integer)),
        .init("trim", category: .string, parameters: ["col"], returns: .fixed(.text)),
        .init("ltrim", category: .string, parameters: ["col"], returns: .fixed(.text)),
        .init("rtrim", category: .string, parameters: ["col"], returns: .fixed(.text)),
        .init(
            "substring", aliases: ["substr"], category: .string, parameters: ["col", "pos", "len"], minimum: 2,
            returns: .fixed(.text)),
        .init("replace", category: .string, parameters: ["col", "search", "replacement"], returns: .fixed(.text)),
        .init(
            "concat", category: .string, parameters: ["cols"], minimum: 1, maximum: .some(nil),
            returns: .fixed(.text)),
        .init("instr", category: .string, parameters: ["col", "substr"], returns: .fixed(.integer)),
        .init(
            "locate", category: .string, parameters: ["substr", "col", "pos"], minimum: 2,
            returns: .fixed(.integer)),
        .init("lpad", category: .string, parameters: ["col", "length", "pad"], minimum: 2, returns: .fixed(.text)),
        .init("rpad", category: .string, parameters: ["col", "length", "pad"], minimum: 2, returns: .fixed(.text)),
        .init("initcap", category: .string, parameters: ["col"], returns: .fixed(.text)),
        .init(
            "regexp_replace", category: .string, parameters: ["col", "pattern", "replacement"],
            returns: .fixed(.text)),
        .init("split", category: .string, parameters: ["col", "delimiter"], returns: .fixed(.json)),
        .init(
            "regexp_extract", category: .string, parameters: ["col", "pattern", "idx"], minimum: 2,
            returns: .fixed(.text)),
        .init("translate", category: .string, parameters: ["col", "from_chars", "to_chars"], returns: .fixed(.text)),
    ]

    private static let mathFunctions: [BuiltinFunction] = [
        .init("round", category: .math, parameters: ["col", "scale"], minimum: 1, returns: .argument(0)),
        .init("floor", category: .math, parameters: ["col"], returns: .fixed(.integer)),
        .init("ceil", aliases: ["ceiling"], category: .math, parameters: ["col"], returns: .fixed(.integer)),
        .init("abs", category: .math, parameters: ["col"], returns: .argument(0)),
        .init("sqrt", category: .math, parameters: ["col"], returns: .fixed(.real)),
        .init("exp", category: .math, parameters: ["col"], returns: .fixed(.real)),
        .init("sin", category: .math, parameters: ["col"], returns: .fixed(.real)),
        .init("cos", category: .math, parameters: ["col"], returns: .fixed(.real)),
        .init("tan", category: .math, parameters: ["col"], returns: .fixed(.real)),
        .init("asin", category: .math, parameters: ["col"], returns: .fixed(.real)),
        .init("acos", category: .math, parameters: ["col"], returns: .fixed(.real)),
        .init("atan", category: .math, parameters: ["col"], returns: .fixed(.real)),
        .init("atan2", category: .math, parameters: ["y", "x"], returns: .fixed(.real)),
        .init("log", aliases: ["ln"], category: .math, parameters: ["col"], returns: .fixed(.real)),
        .init("log10", category: .math, parameters: ["col"], returns: .fixed(.real)),
        .init("log2", category: .math, parameters: ["col"], returns: .fixed(.real)),
        .init("sign", category: .math, parameters: ["col"], returns: .fixed(.integer)),
        .init("signum", category: .math, parameters: ["col"], returns: .fixed(.integer)),
        .init("hypot", category: .math, parameters: ["x", "y"], returns: .fixed(.real)),
        .init("pow", category: .math, parameters: ["base", "exp"], returns: .fixed(.real)),
        .init("power", category: .math, parameters: ["base", "exp"], returns: .fixed(.real)),
    ]

    private static let datetimeFunctions: [BuiltinFunction] = [
        .init("year", category: .datetime, parameters: ["col"], returns: .fixed(.integer)),
        .init("month", category: .datetime, parameters: ["col"], returns: .fixed(.integer)),
        .init("day", aliases: ["dayofmonth"], category: .datetime, parameters: ["col"], returns: .fixed(.integer)),
        .init("hour", category: .datetime, parameters: ["col"], returns: .fixed(.integer)),
        .init("minute", category: .datetime, parameters: ["col"], returns: .fixed(.integer)),
        .init("second", category: .datetime, parameters: ["col"], returns: .fixed(.integer)),
        .init("dayofweek", category: .datetime, parameters: ["col"], returns: .fixed(.integer)),
        .init("dayofyear", category: .datetime, parameters: ["col"], returns: .fixed(.integer)),
        .init("quarter", category: .datetime, parameters: ["col"], returns: .fixed(.integer)),
        .init("weekofyear", category: .datetime, parameters: ["col"], returns: .fixed(.integer)),
        .init("week", category: .datetime, parameters: ["col"], returns: .fixed(.integer)),
        .init("date_trunc", category: .datetime, parameters: ["unit", "col"], returns: .fixed(.timestamp)),
        .init("date_add", category: .datetime, parameters: ["col", "interval"], returns: .fixed(.timestamp)),
        .init("date_sub", category: .datetime, parameters: ["col", "interval"], returns: .fixed(.timestamp)),
        .init("datediff", category: .datetime, parameters: ["end", "start"], returns: .fixed(.integer)),
        .init("months_between", category: .datetime, parameters: ["date1", "date2"], returns: .fixed(.real)),
        .init("last_day", category: .datetime, parameters: ["col"], returns: .fixed(.date)),
        .init(
            "unix_timestamp", category: .datetime, parameters: ["col", "format"], minimum: 0,
            returns: .fixed(.integer)),
        .init(
            "from_unixtime", category: .datetime, parameters: ["col", "format"], minimum: 1,
            returns: .fixed(.timestamp)),
        .init("current_date", category: .datetime, parameters: [], returns: .fixed(.date)),
        .init(
            "current_timestamp", aliases: ["now"], category: .datetime, parameters: [],
            returns: .fixed(.timestamp)),
        .init("date_format", category: .datetime, parameters: ["col", "format"], returns: .fixed(.text)),
        .init("to_date", category: .datetime, parameters: ["col", "format"], minimum: 1, returns: .fixed(.date)),
        .init(
            "to_timestamp", category: .datetime, parameters: ["col", "format"], minimum: 1,
            returns: .fixed(.timestamp)),
        .init("add_months", category: .datetime, parameters: ["col", "months"], returns: .fixed(.date)),
    ]

    private static let windowFunctions: [BuiltinFunction] = [
        .init("row_number", category: .window, kind: .window, parameters: [], returns: .fixed(.integer)),
        .init("rank", category: .window, kind: .window, parameters: [], returns: .fixed(.integer)),
        .init("dense_rank", category: .window, kind: .window, parameters: [], returns: .fixed(.integer)),
        .init("ntile", category: .window, kind: .window, parameters: ["n"], returns: .fixed(.integer)),
        .init("percent_rank", category: .window, kind: .window, parameters: [], returns: .fixed(.real)),
        .init("cume_dist", category: .window, kind: .window, parameters: [], returns: .fixed(.real)),
        .init(
            "lag", category: .window, kind: .window, parameters: ["col", "offset", "default"], minimum: 1,
            returns: .argument(0)),
        .init(
            "lead", category: .window, kind: .window, parameters: ["col", "offset", "default"], minimum: 1,
            returns: .argument(0)),
        .init("first_value", category: .window, kind: .window, parameters: ["col"], returns: .argument(0)),
        .init("last_value", category: .window, kind: .window, parameters: ["col"], returns: .argument(0)),
        .init("nth_value", category: .window, kind: .window, parameters: ["col", "n"], returns: .argument(0)),
    ]

    private static let arrayFunctions: [BuiltinFunction] = [
        .init(
            "array", category: .array, parameters: ["cols"], minimum: 1, maximum: .some(nil),
            returns: .fixed(.json)),
        .init("array_length", category: .array, parameters: ["col"], returns: .fixed(.integer)),
        .init("array_max", category: .array, parameters: ["col"], returns: .fixed(.text)),
        .init("array_min", category: .array, parameters: ["col"], returns: .fixed(.text)),
        .init("array_contains", category: .array, parameters: ["col", "value"], returns: .fixed(.boolean)),
        .init("array_position", category: .array, parameters: ["col", "value"], returns: .fixed(.integer)),
        .init("array_append", category: .array, parameters: ["col", "value"], returns: .fixed(.json)),
        .init("array_prepend", category: .array, parameters: ["col", "value"], returns: .fixed(.json)),
        .init("array_remove", category: .array, parameters: ["col", "value"], returns: .fixed(.json)),
        .init("array_distinct", category: .array, parameters: ["col"], returns: .fixed(.json)),
        .init("array_sum", category: .array, parameters: ["col"], returns: .fixed(.real)),
        .init("array_sort", category: .array, parameters: ["col"], returns: .fixed(.json)),
    ]

    private static let jsonFunctions: [BuiltinFunction] = [
        .init(
            "json_extract", aliases: ["get_json_object"], category: .json, parameters: ["col", "path"],
            returns: .fixed(.text)),
        .init("json_array_length", category: .json, parameters: ["col"], returns: .fixed(.integer)),
        .init(
            "json_tuple", category: .json, parameters: ["col", "fields"], minimum: 2, maximum: .some(nil),
            returns: .fixed(.json)),
        .init("from_json", category: .json, parameters: ["col", "schema"], minimum: 1, returns: .fixed(.json)),
        .init("to_json", category: .json, parameters: ["col"], returns: .fixed(.json)),
    ]

    private static let conditionalFunctions: [BuiltinFunction] = [
        .init(
            "when", category: .conditional, kind: .special, parameters: ["condition", "value"],
            returns: .argument(1)),
        .init(
            "coalesce", category: .conditional, parameters: ["cols"], minimum: 1, maximum: .some(nil),
            returns: .widenedArguments),
        .init(
            "greatest", category: .conditional, parameters: ["cols"], minimum: 1, maximum: .some(nil),
            returns: .widenedArguments),
        .init(
            "least", category: .conditional, parameters: ["cols"], minimum: 1, maximum: .some(nil),
            returns: .widenedArguments),
        .init("isnull", category: .conditional, kind: .special, parameters: ["col"], returns: .fixed(.boolean)),
        .init("isnotnull", category: .conditional, kind: .special, parameters: ["col"], returns: .fixed(.boolean)),
        .init("isnan", category: .conditional, parameters: ["col"], returns: .fixed(.boolean)),
        .init("isinf", category: .conditional, parameters: ["col"], returns: .fixed(.boolean)),
    ]

    private static let subqueryFunctions: [BuiltinFunction] = [
        .init("scalar_subquery", category: .subquery, kind: .special, parameters: ["df"], returns: .unknown),
        .init("exists", category: .subquery, kind: .special, parameters: ["df"], returns: .fixed(.boolean)),
        .init("not_exists", category: .subquery, kind: .special, parameters: ["df"], returns: .fixed(.boolean)),
    ]

    private static let miscFunctions: [BuiltinFunction] = [
        .init("lit", category: .misc, kind: .special, parameters: ["value"], returns: .unknown),
        .init(
            "monotonically_increasing_id", category: .misc, kind: .window, parameters: [],
            returns: .fixed(.integer)),
        .init("explode", category: .misc, kind: .special, parameters: ["col"], returns: .unknown),
        .init("rand", category: .misc, parameters: ["seed"], minimum: 0, returns: .fixed(.real)),
        .init("randn", category: .misc, parameters: ["seed"], minimum: 0, returns: .fixed(.real)),
        .init(
            "hash", category: .misc, parameters: ["cols"], minimum: 1, maximum: .some(nil),
            returns: .fixed(.integer)),
        .init("md5", category: .misc, parameters: ["col"], returns: .fixed(.text)),
        .init("sha1", category: .misc, parameters: ["col"], returns: .fixed(.text)),
        .init("sha2", category: .misc, parameters: ["col", "numBits"], minimum: 1, returns: .fixed(.text)),
        .init("base64", category: .misc, parameters: ["col"], returns: .fixed(.text)),
        .init("crc32", category: .misc, parameters: ["col"], returns: .fixed(.integer)),
        .init("soundex", category: .misc, parameters: ["col"], returns: .fixed(.text)),
    ]
}
