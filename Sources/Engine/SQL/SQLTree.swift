/// A SQL expression as a small tree; the printer turns it into text with the dialect's quoting and
/// placeholders. Values are only ever ``parameter(_:)``; ``token(_:)`` carries SQL words written by the
/// generator or a dialect table (keywords, format strings), never user input.
///
/// Only the cases that hold other expressions are `indirect`: a column, a value or a token is stored inline, so a
/// level of the generator (a column per table column) does not allocate a box per column.
public enum SQLExpression: Sendable {
    /// A column, optionally qualified; both parts are quoted when printed.
    case column(qualifier: String?, name: String)
    /// `*` or `"q".*`.
    case star(qualifier: String?)
    /// A bound value, printed as the dialect's placeholder.
    case parameter(DatabaseValue)
    /// SQL text from the generator or a dialect (`NULL`, `CURRENT_DATE`, `'%Y'`), printed as is.
    case token(String)
    /// `left op right`; `precedence` decides parentheses (higher binds tighter).
    indirect case binary(SQLExpression, String, SQLExpression, precedence: Int)
    /// `op operand` (`NOT x`, `-x`).
    indirect case prefix(String, SQLExpression, precedence: Int)
    /// `operand op` (`x IS NULL`).
    indirect case postfix(SQLExpression, String)
    /// `name(arguments)` with optional `DISTINCT`, `FILTER (WHERE …)` and `WITHIN GROUP (ORDER BY …)`.
    indirect case call(SQLFunctionCall)
    /// `CAST(x AS type)`.
    indirect case cast(SQLExpression, String)
    /// `CASE [operand] WHEN … THEN … [ELSE …] END`.
    indirect case caseWhen(operand: SQLExpression?, [(SQLExpression, SQLExpression)], else: SQLExpression?)
    /// `x [NOT] IN (a, b)`.
    indirect case inList(SQLExpression, [SQLExpression], negated: Bool)
    /// `x [NOT] BETWEEN a AND b`.
    indirect case between(SQLExpression, SQLExpression, SQLExpression, negated: Bool)
    /// `(SELECT …)`.
    indirect case subquery(SQLQuery)
    /// `x [NOT] IN (SELECT …)`.
    indirect case inSubquery(SQLExpression, SQLQuery, negated: Bool)
    /// `[NOT] EXISTS (SELECT …)`.
    indirect case exists(SQLQuery, negated: Bool)
    /// `function OVER (…)`.
    indirect case window(SQLExpression, SQLWindow)
    /// Pieces separated by spaces, for forms like `EXTRACT(YEAR FROM x)` or `x + INTERVAL '1 day'`.
    case sequence([SQLExpression])
    /// `(x)`.
    indirect case parenthesized(SQLExpression)
    /// `(a, b, c)`, or `[a, b, c]` with `brackets`.
    case list([SQLExpression], brackets: Bool)

    /// A plain function call.
    public static func function(_ name: String, _ arguments: [SQLExpression]) -> SQLExpression {
        .call(SQLFunctionCall(name: name, arguments: arguments))
    }

    /// Whether this is a bound value.
    var isParameter: Bool {
        if case .parameter = self { return true }
        return false
    }
}

/// A function call in SQL.
public struct SQLFunctionCall: Sendable {
    /// The function's name, printed as is (not quoted).
    public var name: String
    /// The arguments.
    public var arguments: [SQLExpression]
    /// `DISTINCT` before the arguments.
    public var distinct: Bool
    /// `FILTER (WHERE …)`.
    public var filter: SQLExpression?
    /// `WITHIN GROUP (ORDER BY …)`.
    public var withinGroup: [SQLOrderItem]

    /// Creates a call.
    public init(
        name: String, arguments: [SQLExpression], distinct: Bool = false, filter: SQLExpression? = nil,
        withinGroup: [SQLOrderItem] = []
    ) {
        self.name = name
        self.arguments = arguments
        self.distinct = distinct
        self.filter = filter
        self.withinGroup = withinGroup
    }
}

/// The inside of `OVER (…)`.
public struct SQLWindow: Sendable {
    /// `PARTITION BY`.
    public var partitionBy: [SQLExpression]
    /// `ORDER BY`.
    public var orderBy: [SQLOrderItem]
    /// The frame clause, already spelled (`ROWS BETWEEN 1 PRECEDING AND CURRENT ROW`).
    public var frame: String?
}

/// One item of an `ORDER BY`.
public struct SQLOrderItem: Sendable {
    /// The sorted expression.
    public var expression: SQLExpression
    /// `DESC` when true.
    public var descending: Bool
    /// `NULLS FIRST` / `NULLS LAST`, when spelled out.
    public var nulls: NullsPlacement?
}

/// One item of a select list.
public struct SQLSelectItem: Sendable {
    /// The value.
    public var expression: SQLExpression
    /// `AS alias`, when given.
    public var alias: String?
}

/// A source in `FROM` or `JOIN`.
public indirect enum SQLFromItem: Sendable {
    /// A table, with an optional alias.
    case table(schema: String?, name: String, alias: String?)
    /// A subquery, which always has an alias.
    case subquery(SQLQuery, alias: String)
    /// A table-valued function (`json_each(x) AS e`), optionally with column names.
    case function(SQLExpression, alias: String, columns: [String])
}

/// A `JOIN` clause.
public struct SQLJoin: Sendable {
    /// The join keywords (`JOIN`, `LEFT JOIN`, `CROSS JOIN`, …).
    public var keyword: String
    /// The joined source.
    public var item: SQLFromItem
    /// The `ON` condition, when any.
    public var condition: SQLExpression?
}

/// One `SELECT` with all its clauses, in the order SQL evaluates them:
/// FROM/JOIN → WHERE → GROUP BY → HAVING → window functions → SELECT list → DISTINCT → ORDER BY → LIMIT/OFFSET.
public struct SQLSelect: Sendable {
    /// `DISTINCT`.
    public var distinct = false
    /// The select list; empty means `*`.
    public var columns: [SQLSelectItem] = []
    /// `FROM` sources (more than one only for comma joins); empty for a `SELECT` without `FROM`.
    public var from: [SQLFromItem] = []
    /// Joins after the first source.
    public var joins: [SQLJoin] = []
    /// `WHERE`.
    public var whereClause: SQLExpression?
    /// `GROUP BY`.
    public var groupBy: [SQLExpression] = []
    /// `HAVING`.
    public var having: SQLExpression?
    /// `ORDER BY`.
    public var orderBy: [SQLOrderItem] = []
    /// `LIMIT`.
    public var limit: SQLExpression?
    /// `OFFSET`.
    public var offset: SQLExpression?
    /// Optimizer hints printed as `/*+ … */` after `SELECT` (``JoinHintSyntax/afterSelect``), neutralised so they
    /// cannot end the comment.
    public var hints: [String] = []
    /// `FOR UPDATE|SHARE …`, after `LIMIT`/`OFFSET`.
    public var lock: SQLRowLock?
}

/// A row-lock clause: `FOR UPDATE [OF "t"] [NOWAIT | SKIP LOCKED]`.
public struct SQLRowLock: Sendable {
    /// The lock.
    public var lock: RowLock
    /// The quoted-at-print names of the sources to lock (`OF`).
    public var of: [String]
}

/// A query: a `SELECT`, a set operation, `VALUES`, or raw user SQL.
public indirect enum SQLQuery: Sendable {
    /// A `SELECT`.
    case select(SQLSelect)
    /// `left UNION|INTERSECT|EXCEPT right`.
    case setOperation(SQLQuery, String, SQLQuery)
    /// `VALUES (…), (…)`.
    case values([[SQLExpression]])
    /// The user's own SQL (`db.sql`), with `:name` placeholders replaced by bound parameters when printed.
    case raw(RawSQL)
    /// A query a dialect spells out of tokens and expressions (PostgreSQL's `jsonb_array_elements … WITH ORDINALITY`).
    case spelled(SQLExpression)
}

/// A common table expression of a `WITH`.
public struct SQLCommonTableExpression: Sendable {
    /// The name.
    public var name: String
    /// The column names, when listed.
    public var columns: [String]
    /// The query.
    public var query: SQLQuery
}

/// A whole statement: the root of the tree the printer prints.
public indirect enum SQLTree: Sendable {
    /// `[WITH [RECURSIVE] …] query`.
    case query(with: [SQLCommonTableExpression], recursive: Bool, SQLQuery)
    /// `INSERT INTO t (cols) VALUES … | query [ON CONFLICT …]`.
    case insert(SQLInsert)
    /// `UPDATE t SET … [WHERE …]`.
    case update(table: SQLFromItem, assignments: [(String, SQLExpression)], where: SQLExpression?)
    /// `DELETE FROM t [WHERE …]`.
    case delete(table: SQLFromItem, where: SQLExpression?)
    /// `CREATE TABLE …`.
    case createTable(SQLCreateTable)
    /// `DROP TABLE [IF EXISTS] t`.
    case dropTable(SQLFromItem, ifExists: Bool)
    /// `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON t (cols)`.
    case createIndex(name: String, table: SQLFromItem, columns: [String], unique: Bool, ifNotExists: Bool)
    /// `DROP INDEX [IF EXISTS] name`.
    case dropIndex(name: String, ifExists: Bool)
    /// A statement preceded by a `/*+ … */` hint comment (``JoinHintSyntax/statementHead``).
    case hinted([String], SQLTree)
}

/// An `INSERT`.
public struct SQLInsert: Sendable {
    /// The target table.
    public var table: SQLFromItem
    /// The column list; empty means all columns.
    public var columns: [String]
    /// The rows or the query.
    public var source: SQLQuery
    /// CTEs the source query needs.
    public var with: [SQLCommonTableExpression]
    /// The conflict clause, spelled with the dialect's upsert syntax.
    public var onConflict: SQLConflictClause?
}

/// What an upsert does on a key conflict.
public struct SQLConflictClause: Sendable {
    /// The key columns.
    public var columns: [String]
    /// The assignments; empty means do nothing.
    public var assignments: [(String, SQLExpression)]
}

/// A `CREATE TABLE`.
public struct SQLCreateTable: Sendable {
    /// The table.
    public var table: SQLFromItem
    /// Column definitions: name, type text, and constraint pieces (`NOT NULL`, `DEFAULT ?`…).
    public var columns: [(name: String, type: String, constraints: [SQLExpression])]
    /// Table constraints (`PRIMARY KEY ("a")`, …).
    public var constraints: [SQLExpression]
    /// `IF NOT EXISTS`.
    public var ifNotExists: Bool
    /// `TEMPORARY`.
    public var temporary: Bool
}
