import Foundation

/// Every way the SQL of one database differs from another's, as data.
///
/// The generator (``SQLGenerator``) and printer read these requirements and never ask which dialect they
/// are running for. Each requirement has a default in the protocol extension that targets standard SQL,
/// so a dialect states only what differs. A new difference is a new requirement with a default.
///
/// To add a database (MySQL, DuckDB, SQL Server, Oracle, Snowflake), write a type conforming to `Dialect`
/// and override what differs; the requirements, in the order a new dialect should check them:
///
/// 1. ``name`` — used in `MOL4xxx` messages.
/// 2. ``quoteIdentifier(_:)`` and ``maximumIdentifierLength`` — `"x"` by default; MySQL uses backticks, SQL Server brackets.
/// 3. ``parameterStyle`` — `?`, `$1`, `:1`, `@p1`.
/// 4. ``limitSyntax`` and ``unlimitedRowCount`` — `LIMIT/OFFSET` or `OFFSET … FETCH`.
/// 5. ``defaultNullsPlacement`` and ``supportsNullsPlacement`` — the Moltres rule (NULLs smallest) is
///    spelled out where the database's default differs, or emulated with a `CASE` key.
/// 6. ``supportsILike``, ``caseSensitiveLike`` — how `ilike` and case-sensitive `like` are written.
/// 7. ``supportsFilterClause``, ``supportsFullJoin``, ``supportsRightJoin``, ``supportsDistinctOnSeveralArguments``.
/// 8. ``typeNames`` — names for casts and DDL.
/// 9. ``castToIntegerRounds``, ``decimalCastRounds``, ``integerArgumentsNeedCast`` — make `CAST` and function
///    arguments agree.
/// 10. ``functionRenderings`` — how each ``BuiltinFunction`` is spelled where the generic form does not work,
///     including ``FunctionRendering/unsupported(_:)`` for `MOL4001`.
/// 11. ``upsertSyntax`` — `ON CONFLICT`, `ON DUPLICATE KEY UPDATE`, or none.
/// 12. ``maximumParameters`` — the batch size limit for multi-row inserts.
/// 13. ``customFunctions`` and ``explodeSyntax`` — functions the executor registers on each connection (SQLite).
/// 14. ``inlineLiteral(_:)`` — literals in DDL, where parameters are not allowed.
/// 15. ``supportsLateralJoin``, ``rowLockSyntax``, ``joinHintSyntax`` — `JOIN LATERAL`, `FOR UPDATE`, hints.
/// 16. ``scalarSubqueriesCheckRowCount`` — whether a scalar subquery of several rows is an error by itself.
/// 17. ``castOverride(_:from:to:)`` — casts the database's own `CAST` gets wrong (SQLite's text to a date).
public protocol Dialect: Sendable {
    /// The dialect's name in messages (`sqlite`, `postgresql`).
    var name: String { get }

    /// Quotes an identifier so any name, keyword or hostile text is read as a name.
    func quoteIdentifier(_ name: String) -> String

    /// The longest identifier in UTF-8 bytes, or `nil` for no limit; longer names are refused (`MOL2004`) rather
    /// than silently truncated (PostgreSQL truncates to 63 bytes).
    var maximumIdentifierLength: Int? { get }

    /// How bound parameters are written.
    var parameterStyle: ParameterStyle { get }

    /// How row limits are written.
    var limitSyntax: LimitSyntax { get }

    /// What to write for `LIMIT` when only an `OFFSET` is wanted and the syntax requires a limit
    /// (`-1` on SQLite); `nil` to omit the limit.
    var unlimitedRowCount: String? { get }

    /// Where the database puts `NULL`s when an `ORDER BY` says nothing.
    var defaultNullsPlacement: DefaultNullsPlacement { get }

    /// Whether `NULLS FIRST` / `NULLS LAST` can be written; without it the generator adds a `CASE` sort key.
    var supportsNullsPlacement: Bool { get }

    /// Whether `ILIKE` exists; without it `ilike` becomes `lower(a) LIKE lower(b)`.
    var supportsILike: Bool { get }

    /// How a case-sensitive `LIKE` is written.
    var caseSensitiveLike: CaseSensitiveLike { get }

    /// Whether aggregates take `FILTER (WHERE …)`; without it the condition moves into a `CASE`.
    var supportsFilterClause: Bool { get }

    /// Whether `FULL JOIN` exists.
    var supportsFullJoin: Bool { get }

    /// Whether `RIGHT JOIN` exists; without it the sides are swapped into a `LEFT JOIN`.
    var supportsRightJoin: Bool { get }

    /// Whether `count(DISTINCT a, b)` with several arguments is accepted.
    var supportsDistinctOnSeveralArguments: Bool { get }

    /// Type names for casts and DDL, per checker type.
    var typeNames: [SQLType: String] { get }

    /// Whether `CAST(real AS INTEGER)` rounds (PostgreSQL) instead of truncating (SQLite); when it rounds,
    /// the generator truncates first so both agree (Moltres truncates, as Spark does).
    var castToIntegerRounds: Bool { get }

    /// How a value of checker type `source` is written into a column declared `target` (insert, update, merge),
    /// where the database would store something other than PostgreSQL does; `nil` to write it as it is.
    /// (PostgreSQL converts on assignment, or refuses; SQLite's type affinity keeps text that is not a number.)
    func assignmentOverride(_ value: SQLExpression, from source: SQLType, to target: CastTarget) -> SQLExpression?

    /// Whether ``assignmentOverride(_:from:to:)`` can convert anything (the generator then looks up column types).
    var convertsOnAssignment: Bool { get }

    /// Whether `CAST(x AS NUMERIC(p, s))` rounds to `s` decimals (standard SQL); when it does not (SQLite, whose
    /// NUMERIC is a type affinity), the generator rounds.
    var decimalCastRounds: Bool { get }

    /// Whether a bound integer passed where a function expects a 32-bit `integer` must be cast
    /// (PostgreSQL binds integers as `int8`, which does not convert implicitly to `int4`).
    var integerArgumentsNeedCast: Bool { get }

    /// Overrides of the generic function renderings, by function name; see ``FunctionRendering``.
    var functionRenderings: [String: FunctionRendering] { get }

    /// How an upsert is written.
    var upsertSyntax: UpsertSyntax { get }

    /// The most bound parameters one statement may have.
    var maximumParameters: Int { get }

    /// Functions the executor registers on each connection before running generated SQL.
    var customFunctions: [CustomFunction] { get }

    /// How `explode` turns an array value into rows.
    var explodeSyntax: ExplodeSyntax { get }

    /// The words before a query that ask the database for its plan.
    var explainPrefix: String { get }

    /// A literal written into the SQL text, for DDL `DEFAULT`s (databases do not bind parameters there).
    func inlineLiteral(_ value: DatabaseValue) -> String

    /// Whether a join's right side may read the left side's columns (`JOIN LATERAL`); otherwise
    /// `join(..., lateral=True)` is `MOL4002`.
    var supportsLateralJoin: Bool { get }

    /// How `select_for_update` / `select_for_share` lock rows.
    var rowLockSyntax: RowLockSyntax { get }

    /// How `join(..., hints=[...])` is written.
    var joinHintSyntax: JoinHintSyntax { get }

    /// How `CAST(value AS target)` is written from a value of type `source` when the database's own cast does not
    /// give the Moltres answer (`nil`: the plain `CAST`). Moltres casts as PostgreSQL does: text that is not a
    /// number is an error, not 0; `'2024-01-05 10:11'` to a date is `'2024-01-05'`; booleans read and write
    /// `true`/`false`.
    func castOverride(_ value: SQLExpression, from source: SQLType, to target: SQLType) -> SQLExpression?

    /// Whether the database refuses a scalar subquery that returns more than one row (standard SQL). SQLite takes
    /// the first row instead; there the generator adds the check (``SQLiteFunctions`` raises the error).
    var scalarSubqueriesCheckRowCount: Bool { get }
}

/// How row locks are written.
public enum RowLockSyntax: Sendable, Hashable {
    /// `… FOR UPDATE|SHARE [OF t, …] [NOWAIT|SKIP LOCKED]` after `LIMIT`/`OFFSET` (PostgreSQL, MySQL 8, Oracle).
    case forUpdate
    /// The database has no row locks (SQLite: a writer locks the whole database). A plain lock is dropped, as
    /// the Python library does; `NOWAIT`/`SKIP LOCKED`/`OF` cannot be honoured and are `MOL4002`.
    case none
}

/// How optimizer hints given to `join` are written. The hint text is neutralised so it cannot end the comment.
public enum JoinHintSyntax: Sendable, Hashable {
    /// `/*+ hint … */ SELECT …`: a comment at the head of the statement, where PostgreSQL's pg_hint_plan reads
    /// it (a plain comment for databases without hints, such as SQLite).
    case statementHead
    /// `SELECT /*+ hint … */ …`: after the `SELECT` keyword of the query holding the join (Oracle, MySQL
    /// optimizer hints).
    case afterSelect
    /// Hints are dropped.
    case none
}

/// How bound parameters are written.
public enum ParameterStyle: Sendable, Hashable {
    /// `?` each time (SQLite, MySQL).
    case questionMark
    /// A prefix and the 1-based number (`$1` PostgreSQL, `:1` Oracle); equal values share a number, so
    /// repeated expressions (a `GROUP BY` key and its select item) stay textually identical.
    case numbered(prefix: String)
}

/// How `LIMIT` and `OFFSET` are written.
public enum LimitSyntax: Sendable, Hashable {
    /// `LIMIT n OFFSET m`.
    case limitOffset
    /// `OFFSET m ROWS FETCH NEXT n ROWS ONLY` (SQL Server, Oracle, standard SQL).
    case offsetFetch
}

/// Where a database sorts `NULL`s by default.
public enum DefaultNullsPlacement: Sendable, Hashable {
    /// `NULL` is smaller than every value: first ascending, last descending (SQLite, MySQL, SQL Server).
    case smallest
    /// `NULL` is larger than every value: last ascending, first descending (PostgreSQL, Oracle).
    case largest
}

/// How `like` (case-sensitive, as Spark and PostgreSQL define it) is written.
public enum CaseSensitiveLike: Sendable, Hashable {
    /// `LIKE` is case-sensitive.
    case native
    /// `LIKE` ignores ASCII case (SQLite): a literal pattern becomes `GLOB` with the wildcards translated;
    /// any other pattern calls the custom function `moltres_like`.
    case globRewrite
}

/// How an upsert is written.
public enum UpsertSyntax: Sendable, Hashable {
    /// `INSERT … ON CONFLICT (keys) DO UPDATE SET c = excluded.c | DO NOTHING` (SQLite, PostgreSQL, DuckDB).
    case onConflict
    /// `INSERT … ON DUPLICATE KEY UPDATE c = VALUES(c)` (MySQL).
    case onDuplicateKeyUpdate
    /// No upsert (the generator reports `MOL4002`).
    case unsupported
}

/// How `explode` reads the elements of an array (a JSON array on SQLite and PostgreSQL).
public enum ExplodeSyntax: Sendable, Hashable {
    /// `CROSS JOIN json_each(x) AS e`, elements in `e.value` (SQLite).
    case jsonEach
    /// `CROSS JOIN LATERAL json_array_elements_text(CAST(x AS JSON)) AS e(value)` (PostgreSQL).
    case lateralJSONArrayElements
    /// `CROSS JOIN unnest(x) AS e(value)` (standard SQL, DuckDB).
    case unnest
    /// No way to explode (the generator reports `MOL4002`).
    case unsupported
}

/// A function implemented in Swift that the executor registers on each connection of a dialect
/// (through `SQLiteConnection.registerFunction(name:argumentCount:deterministic:_:)`).
public struct CustomFunction: Sendable {
    /// The SQL name.
    public var name: String
    /// The number of arguments, or -1 for any number.
    public var argumentCount: Int
    /// Whether equal arguments always give equal results.
    public var deterministic: Bool
    /// The implementation.
    public var implementation: @Sendable ([DatabaseValue]) throws -> DatabaseValue

    /// Creates a custom function.
    public init(
        name: String, argumentCount: Int, deterministic: Bool = true,
        _ implementation: @escaping @Sendable ([DatabaseValue]) throws -> DatabaseValue
    ) {
        self.name = name
        self.argumentCount = argumentCount
        self.deterministic = deterministic
        self.implementation = implementation
    }
}

extension Dialect {
    /// Double quotes, with `"` doubled inside.
    public func quoteIdentifier(_ name: String) -> String {
        var hasQuote = false
        for byte in name.utf8 where byte == UInt8(ascii: "\"") {
            hasQuote = true
            break
        }
        if !hasQuote {
            // Up to 15 bytes the result is a small string (no allocation); longer, one allocation for the quoted
            // name, not one per concatenation.
            if name.utf8.count <= 13 { return "\"" + name + "\"" }
            var quoted = ""
            quoted.reserveCapacity(name.utf8.count + 2)
            quoted.append("\"")
            quoted.append(name)
            quoted.append("\"")
            return quoted
        }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    /// No limit.
    public var maximumIdentifierLength: Int? { nil }
    /// `?`.
    public var parameterStyle: ParameterStyle { .questionMark }
    /// `LIMIT n OFFSET m`.
    public var limitSyntax: LimitSyntax { .limitOffset }
    /// No limit is written when only an offset is wanted.
    public var unlimitedRowCount: String? { nil }
    /// NULLs smallest.
    public var defaultNullsPlacement: DefaultNullsPlacement { .smallest }
    /// `NULLS FIRST/LAST` is standard SQL.
    public var supportsNullsPlacement: Bool { true }
    /// No `ILIKE` in standard SQL.
    public var supportsILike: Bool { false }
    /// `LIKE` is case-sensitive in standard SQL.
    public var caseSensitiveLike: CaseSensitiveLike { .native }
    /// `FILTER` is standard SQL.
    public var supportsFilterClause: Bool { true }
    /// `FULL JOIN` is standard SQL.
    public var supportsFullJoin: Bool { true }
    /// `RIGHT JOIN` is standard SQL.
    public var supportsRightJoin: Bool { true }
    /// Only one argument after `DISTINCT`.
    public var supportsDistinctOnSeveralArguments: Bool { false }
    /// Standard type names.
    public var typeNames: [SQLType: String] { standardTypeNames }
    /// Casts truncate.
    public var castToIntegerRounds: Bool { false }
    /// `NUMERIC(p, s)` rounds to `s` decimals.
    public var decimalCastRounds: Bool { true }
    /// The database converts on assignment.
    public var convertsOnAssignment: Bool { false }
    /// The database converts on assignment.
    public func assignmentOverride(
        _ value: SQLExpression, from source: SQLType, to target: CastTarget
    )
        -> SQLExpression?
    { nil }
    /// Integer parameters convert implicitly.
    public var integerArgumentsNeedCast: Bool { false }
    /// No overrides.
    public var functionRenderings: [String: FunctionRendering] { [:] }
    /// `ON CONFLICT`.
    public var upsertSyntax: UpsertSyntax { .onConflict }
    /// A conservative limit.
    public var maximumParameters: Int { 999 }
    /// No custom functions.
    public var customFunctions: [CustomFunction] { [] }
    /// Standard `unnest`.
    public var explodeSyntax: ExplodeSyntax { .unnest }
    /// `EXPLAIN`.
    public var explainPrefix: String { "EXPLAIN" }

    public var supportsLateralJoin: Bool { true }

    public var rowLockSyntax: RowLockSyntax { .forUpdate }

    public var joinHintSyntax: JoinHintSyntax { .statementHead }

    /// The plain `CAST` everywhere.
    public func castOverride(_ value: SQLExpression, from source: SQLType, to target: SQLType) -> SQLExpression? {
        nil
    }

    /// Standard SQL: more than one row is an error.
    public var scalarSubqueriesCheckRowCount: Bool { true }

    /// Standard literals: numbers as written, text in single quotes with `'` doubled, `X'…'` blobs.
    public func inlineLiteral(_ value: DatabaseValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let integer): return String(integer)
        case .real(let real): return real.isFinite ? String(real) : "NULL"
        case .text(let text):
            return "'" + text.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\0", with: "") + "'"
        case .blob(let bytes):
            return "X'" + bytes.map { String(format: "%02X", $0) }.joined() + "'"
        case .boolean(let boolean): return boolean ? "TRUE" : "FALSE"
        }
    }

    /// The type name for a checker type, with precision and scale where given.
    func typeName(_ type: SQLType, precision: Int? = nil, scale: Int? = nil) -> String {
        let base = typeNames[type] ?? "TEXT"
        guard let precision else { return base }
        guard type == .decimal || type == .text else { return base }
        // A length is kept (`VARCHAR(20)`): PostgreSQL enforces it, and SQLite's assignments check it (`moltres_varchar`).
        if type == .text { return "VARCHAR(\(precision))" }
        return scale.map { "\(base)(\(precision), \($0))" } ?? "\(base)(\(precision))"
    }
}

private let standardTypeNames: [SQLType: String] = [
    .integer: "INTEGER", .real: "DOUBLE PRECISION", .decimal: "NUMERIC", .text: "TEXT", .boolean: "BOOLEAN",
    .date: "DATE", .time: "TIME", .timestamp: "TIMESTAMP", .blob: "BLOB", .json: "JSON", .unknown: "TEXT",
]

/// The standard-SQL dialect with every default: for previews when no database is known.
public struct GenericDialect: Dialect {
    /// Creates the dialect.
    public init() {}
    /// `ansi`.
    public var name: String { "ansi" }
}
