/// A relational query: one enum case per operator, each step of a pipeline wrapping the step before.
///
/// The DataFrame API builds it directly; the binder lowers `.moltres` syntax into it. Nothing here is
/// SQL: the SQL stage decides how many SELECT levels the steps need (`SQLGenerator`).
///
/// ```swift
/// let plan = LogicalPlan.filter(.scan(TableReference("orders")), .binary(.greaterThan,
///     .column(ColumnReference("amount")), .literal(100)))
/// ```
public indirect enum LogicalPlan: Sendable, Hashable {
    /// Reads a table or view.
    case scan(TableReference)
    /// Computes new columns; `*` (``Expression/star(qualifier:)``) keeps the input's columns.
    /// Window expressions are allowed here and see the input rows.
    case project(LogicalPlan, [Expression])
    /// Adds columns, or replaces in place the columns with the same names (`with_column`, `with_columns`).
    case withColumns(LogicalPlan, [NamedExpression])
    /// Renames columns, keeping their positions (`with_column_renamed`); unknown names are ignored.
    case renameColumns(LogicalPlan, [ColumnRename])
    /// Removes columns by name (`drop`); unknown names are ignored.
    case dropColumns(LogicalPlan, [String])
    /// Keeps the rows for which the predicate is true.
    case filter(LogicalPlan, Expression)
    /// Joins two inputs.
    case join(Join)
    /// Groups by `groupBy` and computes `aggregates`; the output is the keys, then the aggregates.
    /// With no keys, the whole input is one group.
    case aggregate(LogicalPlan, groupBy: [Expression], aggregates: [Expression])
    /// Orders the rows.
    case sort(LogicalPlan, [SortKey])
    /// Skips `offset` rows, then keeps at most `count` (`nil`: all).
    case limit(LogicalPlan, count: Int?, offset: Int)
    /// Removes duplicate rows.
    case distinct(LogicalPlan)
    /// `UNION [ALL]`, `INTERSECT`, `EXCEPT` of two inputs with the same number of columns.
    case setOperation(SetOperator, LogicalPlan, LogicalPlan)
    /// Literal rows with named columns.
    case values(columns: [String], rows: [[Expression]])
    /// A query written in SQL by the user (`db.sql(text, **params)`), with `:name` parameters.
    case rawSQL(RawSQL)
    /// Names the input so columns can be qualified with the name (`df.alias("o")`).
    case alias(LogicalPlan, String)
    /// A named binding: becomes `WITH name AS (…)` when `alwaysCTE` is set (`df.cte(name)`) or when the same
    /// binding is used more than once in a statement; otherwise it is inlined.
    case binding(name: String, LogicalPlan, alwaysCTE: Bool)
    /// `WITH RECURSIVE name AS (initial UNION [ALL] recursive) SELECT * FROM name`;
    /// `recursive` reads the rows so far through ``cteReference(_:)``.
    case recursiveCTE(name: String, initial: LogicalPlan, recursive: LogicalPlan, unionAll: Bool)
    /// Reads a CTE by name (inside the recursive part of ``recursiveCTE(name:initial:recursive:unionAll:)``).
    case cteReference(String)
    /// One output row per element of an array column, with the element in a new column `alias`.
    case explode(LogicalPlan, Expression, alias: String)
    /// A pivot: group by `groupBy`, one aggregate column per pivot value.
    case pivot(Pivot)
    /// Keeps each row with probability `fraction`.
    case sample(LogicalPlan, fraction: Double, seed: Int?)
    /// `UNION ALL` matching columns by name (`unionByName`): the output has the left input's columns in its
    /// order; with `allowMissingColumns`, a column only one side has is NULL on the other, and the right
    /// input's extra columns come last. Without it, both sides must have the same column names.
    case unionByName(LogicalPlan, LogicalPlan, allowMissingColumns: Bool)
    /// Locks the rows read (`select_for_update` / `select_for_share`): `FOR UPDATE` / `FOR SHARE`.
    case rowLock(LogicalPlan, RowLock)
}

/// How `select_for_update` / `select_for_share` lock the rows they read.
public struct RowLock: Sendable, Hashable {
    /// The lock strength.
    public enum Strength: String, Sendable, Hashable {
        /// `FOR UPDATE`: other transactions can neither lock nor change the rows.
        case update
        /// `FOR SHARE`: other transactions can read-lock but not change the rows.
        case share
    }

    /// What to do with rows another transaction holds.
    public enum WaitPolicy: String, Sendable, Hashable {
        /// Wait for the other transaction.
        case wait
        /// Fail at once (`NOWAIT`).
        case noWait
        /// Leave those rows out (`SKIP LOCKED`).
        case skipLocked
    }

    /// The strength.
    public var strength: Strength
    /// What to do with locked rows.
    public var waitPolicy: WaitPolicy
    /// The sources (tables or aliases) whose rows are locked (`FOR UPDATE OF …`); empty: all of them.
    public var of: [String]

    /// Creates a lock.
    public init(_ strength: Strength, waitPolicy: WaitPolicy = .wait, of: [String] = []) {
        self.strength = strength
        self.waitPolicy = waitPolicy
        self.of = of
    }
}

/// A table or view named in a scan.
public struct TableReference: Sendable, Hashable {
    /// The table's name.
    public var name: String
    /// Its schema, when qualified.
    public var schema: String?

    /// Creates a reference.
    public init(_ name: String, schema: String? = nil) {
        self.name = name
        self.schema = schema
    }
}

/// The kinds of join.
public enum JoinKind: String, Sendable, Hashable, CaseIterable {
    /// Rows with a match on both sides.
    case inner
    /// Every left row, with NULLs where the right has no match.
    case left
    /// Every right row, with NULLs where the left has no match.
    case right
    /// Every row of both sides.
    case full
    /// The cartesian product.
    case cross
    /// Rows of the left input that have a match (no right columns, no duplicates).
    case semi
    /// Rows of the left input without a match.
    case anti

    /// Parses a `how=` value (`"outer"` is `full`, `"left_outer"`/`"leftouter"` are `left`, …).
    public init?(how: String) {
        switch how.lowercasedASCIIFast {
        case "inner": self = .inner
        case "left", "left_outer", "leftouter": self = .left
        case "right", "right_outer", "rightouter": self = .right
        case "full", "outer", "full_outer", "fullouter": self = .full
        case "cross": self = .cross
        case "semi", "left_semi", "leftsemi": self = .semi
        case "anti", "left_anti", "leftanti": self = .anti
        default: return nil
        }
    }
}

/// How the rows of a join are matched.
public enum JoinCondition: Sendable, Hashable {
    /// A boolean expression over both inputs.
    case on(Expression)
    /// Columns with the same name on both sides; each appears once in the output (`on=["a", "b"]`).
    case using([String])
    /// Pairs of a left column and a right column (`on=[("customer_id", "id")]`).
    case pairs([JoinKeyPair])
    /// No condition (cross join).
    case none
}

/// A left column name and a right column name that must be equal.
public struct JoinKeyPair: Sendable, Hashable {
    /// The column of the left input.
    public var left: String
    /// The column of the right input.
    public var right: String

    /// Creates a pair.
    public init(_ left: String, _ right: String) {
        self.left = left
        self.right = right
    }
}

/// A join of two inputs.
public struct Join: Sendable, Hashable {
    /// The left input.
    public var left: LogicalPlan
    /// The right input.
    public var right: LogicalPlan
    /// The kind.
    public var kind: JoinKind
    /// The condition.
    public var condition: JoinCondition
    /// `JOIN LATERAL`: the right input may refer to the left input's columns (`join(..., lateral=True)`).
    public var lateral: Bool
    /// Optimizer hints (`join(..., hints=[...])`), written as a `/*+ … */` comment where the dialect reads hints
    /// (``Dialect/joinHintSyntax``); databases without hint support ignore the comment.
    public var hints: [String]

    /// Creates a join.
    public init(
        _ left: LogicalPlan, _ right: LogicalPlan, kind: JoinKind, condition: JoinCondition, lateral: Bool = false,
        hints: [String] = []
    ) {
        self.left = left
        self.right = right
        self.kind = kind
        self.condition = condition
        self.lateral = lateral
        self.hints = hints
    }
}

/// Set operators.
public enum SetOperator: String, Sendable, Hashable, CaseIterable {
    /// Distinct rows of both inputs.
    case union
    /// All rows of both inputs.
    case unionAll
    /// Distinct rows in both inputs.
    case intersect
    /// Distinct rows of the left input not in the right.
    case except
}

/// A query in the database's own SQL, with named parameters.
public struct RawSQL: Sendable, Hashable {
    /// The SQL text, with `:name` placeholders.
    public var text: String
    /// The values of the placeholders.
    public var parameters: [String: DatabaseValue]

    /// Creates a raw query.
    public init(_ text: String, parameters: [String: DatabaseValue] = [:]) {
        self.text = text
        self.parameters = parameters
    }
}

/// A pivot: `SELECT keys, agg(CASE WHEN pivot = v THEN value END) AS "v", … GROUP BY keys`.
public struct Pivot: Sendable, Hashable {
    /// One aggregate of a pivot: the call (its first argument is the value column) and the name it was given.
    public struct Aggregate: Sendable, Hashable {
        /// The aggregate call.
        public var call: FunctionCall
        /// The `alias(...)` given, if any.
        public var name: String?

        /// Creates an aggregate.
        public init(_ call: FunctionCall, name: String? = nil) {
            self.call = call
            self.name = name
        }

        /// Its part of an output column's name: the alias, else the call as Spark writes it (`sum(amount)`).
        var label: String {
            if let name { return name }
            let argument: String
            switch call.arguments.first {
            case .column(let reference)?: argument = reference.name
            case nil: argument = "*"
            default: argument = "…"
            }
            return "\(call.function.name)(\(argument))"
        }
    }

    /// The input.
    public var input: LogicalPlan
    /// The grouping keys kept in the output.
    public var groupBy: [Expression]
    /// The column whose values become output columns.
    public var pivotColumn: Expression
    /// The values, each giving one output column per aggregate.
    public var values: [DatabaseValue]
    /// The aggregates to apply per value.
    public var aggregates: [Aggregate]

    /// The first (usually only) aggregate.
    public var aggregate: FunctionCall { aggregates[0].call }

    /// Creates a pivot with one aggregate: one output column per value, named after it.
    public init(
        input: LogicalPlan, groupBy: [Expression], pivotColumn: Expression, values: [DatabaseValue],
        aggregate: FunctionCall
    ) {
        self.init(
            input: input, groupBy: groupBy, pivotColumn: pivotColumn, values: values, aggregates: [Aggregate(aggregate)]
        )
    }

    /// Creates a pivot with several aggregates: for each value, one column per aggregate, named `value_alias` (as
    /// PySpark names them).
    public init(
        input: LogicalPlan, groupBy: [Expression], pivotColumn: Expression, values: [DatabaseValue],
        aggregates: [Aggregate]
    ) {
        self.input = input
        self.groupBy = groupBy
        self.pivotColumn = pivotColumn
        self.values = values
        self.aggregates = aggregates
    }

    /// The output columns after the keys, value by value: each value with each aggregate and the column's name.
    public var outputs: [(value: DatabaseValue, aggregate: Aggregate, name: String)] {
        values.flatMap { value in
            aggregates.map { aggregate in
                (
                    value, aggregate,
                    aggregates.count == 1 ? value.description : "\(value.description)_\(aggregate.label)"
                )
            }
        }
    }
}

/// A column of a plan's output.
public struct PlanColumn: Sendable, Hashable {
    /// The column's name in the output.
    public var name: String
    /// Its type, as far as known.
    public var type: SQLType
    /// Whether it may be `NULL`.
    public var isNullable: Bool
    /// The names that qualify it (`orders`, or the alias given with `DataFrame.alias`); empty after a step
    /// that computes it.
    public var qualifiers: [String]
    /// The table the values come from, when they come straight from one.
    public var sourceTable: String?

    /// Creates a column.
    public init(
        name: String, type: SQLType, isNullable: Bool = true, qualifiers: [String] = [], sourceTable: String? = nil
    ) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
        self.qualifiers = qualifiers
        self.sourceTable = sourceTable
    }
}

/// An expression with the name of the column it makes.
public struct NamedExpression: Sendable, Hashable {
    /// The column's name.
    public var name: String
    /// Its value.
    public var expression: Expression

    /// Creates a named expression.
    public init(_ name: String, _ expression: Expression) {
        self.name = name
        self.expression = expression
    }
}

/// A column's old and new names.
public struct ColumnRename: Sendable, Hashable {
    /// The existing name.
    public var existing: String
    /// The new name.
    public var new: String

    /// Creates a rename.
    public init(_ existing: String, to new: String) {
        self.existing = existing
        self.new = new
    }
}

extension LogicalPlan {
    /// Whether the plan gives at most one row whatever the data: an aggregate without groups, `limit(1)`, or such a
    /// plan under steps that do not add rows.
    public var returnsAtMostOneRow: Bool {
        switch self {
        case .aggregate(_, let groupBy, _): return groupBy.isEmpty
        case .limit(let input, let count, _): return count.map { $0 <= 1 } ?? input.returnsAtMostOneRow
        case .values(_, let rows): return rows.count <= 1
        case .project(let input, _), .withColumns(let input, _), .renameColumns(let input, _),
            .dropColumns(let input, _), .filter(let input, _), .sort(let input, _), .distinct(let input),
            .alias(let input, _), .binding(_, let input, _), .rowLock(let input, _), .sample(let input, _, _):
            return input.returnsAtMostOneRow
        default: return false
        }
    }
}

extension String {
    /// `lowercased()`, without making a new string when there is nothing to lower: ASCII text without capitals
    /// (nearly every keyword value, `how="left"`) is returned as it is (`lowercased()` cost about 130 instructions
    /// even then).
    var lowercasedASCIIFast: String {
        // Read in place (`withUTF8` needed a mutable copy of the string: a retain and a release call).
        let unchanged =
            utf8.withContiguousStorageIfAvailable { bytes in
                !bytes.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) }
            } ?? !utf8.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) }
        return unchanged ? self : lowercased()
    }
}
