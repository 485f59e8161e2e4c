/// A column expression of the Swift DataFrame API: a thin wrapper around a plan ``Expression``.
///
/// Build columns with ``col(_:)``, ``lit(_:)`` and the functions of ``F``, and combine them with Swift
/// operators, which build expressions instead of computing values:
///
/// ```swift
/// let big = (col("amount") > 100) & (col("status") != "cancelled")
/// let net = (col("amount") * 0.8).alias("net")
/// let rest = 100 - col("stock")            // reflected operators work
/// ```
///
/// `Column` is deliberately not `Equatable`: `==` builds a comparison expression.
public struct Column: Sendable {
    /// The expression.
    public var expression: Expression

    /// Wraps an expression.
    public init(_ expression: Expression) {
        self.expression = expression
    }

    /// Names the result (`AS name`); the last alias wins, and every operator keeps it.
    public func alias(_ name: String) -> Column { Column(.alias(expression.unaliased, name)) }

    /// Converts to a type (`CAST`).
    public func cast(_ type: SQLType, precision: Int? = nil, scale: Int? = nil) -> Column {
        Column(.cast(expression, CastTarget(type, precision: precision, scale: scale)))
    }

    /// Converts to a type given by name (`"INTEGER"`, `"DOUBLE"`, `"DECIMAL"`, `"TEXT"`, `"DATE"`, …);
    /// an unknown name is reported when the SQL is generated, never silently replaced.
    public func cast(_ typeName: String, precision: Int? = nil, scale: Int? = nil) -> Column {
        let target = CastTarget(typeName: typeName, precision: precision, scale: scale) ?? CastTarget(.unknown)
        return Column(.cast(expression, target))
    }

    /// `IS NULL`.
    public func is_null() -> Column { Column(.isNull(expression, negated: false)) }
    /// `IS NOT NULL`.
    public func is_not_null() -> Column { Column(.isNull(expression, negated: true)) }
    /// `IS NULL` (Swift spelling).
    public func isNull() -> Column { is_null() }
    /// `IS NOT NULL` (Swift spelling).
    public func isNotNull() -> Column { is_not_null() }

    /// `IN (values)`; an empty list is false.
    public func isin(_ values: [any ColumnConvertible]) -> Column {
        Column(.inList(expression, values.map(\.columnExpression), negated: false))
    }

    /// `IN (values)`.
    public func isin(_ values: any ColumnConvertible...) -> Column { isin(values) }

    /// `IN (SELECT …)`; the subquery may refer to columns of the outer query.
    public func isin(_ subquery: DataFrame) -> Column {
        Column(.inSubquery(expression, subquery.plan, negated: false))
    }

    /// `BETWEEN low AND high`, inclusive.
    public func between(_ low: any ColumnConvertible, _ high: any ColumnConvertible) -> Column {
        Column(.between(expression, low: low.columnExpression, high: high.columnExpression, negated: false))
    }

    /// `LIKE pattern`, case-sensitive on every database.
    public func like(_ pattern: any ColumnConvertible) -> Column {
        Column(.match(PatternMatch(expression, .like, pattern.columnExpression)))
    }

    /// Case-insensitive `LIKE`.
    public func ilike(_ pattern: any ColumnConvertible) -> Column {
        Column(.match(PatternMatch(expression, .ilike, pattern.columnExpression)))
    }

    /// Whether the text contains `substring` literally (`%` and `_` are not wildcards).
    public func contains(_ substring: any ColumnConvertible) -> Column {
        Column(.match(PatternMatch(expression, .contains, substring.columnExpression)))
    }

    /// Whether the text starts with `prefix` literally.
    public func startswith(_ prefix: any ColumnConvertible) -> Column {
        Column(.match(PatternMatch(expression, .startsWith, prefix.columnExpression)))
    }

    /// Whether the text ends with `suffix` literally.
    public func endswith(_ suffix: any ColumnConvertible) -> Column {
        Column(.match(PatternMatch(expression, .endsWith, suffix.columnExpression)))
    }

    /// Swift spelling of ``startswith(_:)``.
    public func startsWith(_ prefix: any ColumnConvertible) -> Column { startswith(prefix) }
    /// Swift spelling of ``endswith(_:)``.
    public func endsWith(_ suffix: any ColumnConvertible) -> Column { endswith(suffix) }

    /// Ascending sort key; `nulls` overrides Moltres's rule (NULLs sort smallest).
    public func asc(nulls: NullsPlacement? = nil) -> Column {
        Column(.sortOrder(SortKey(expression.unaliased, .ascending, nulls: nulls)))
    }

    /// Descending sort key.
    public func desc(nulls: NullsPlacement? = nil) -> Column {
        Column(.sortOrder(SortKey(expression.unaliased, .descending, nulls: nulls)))
    }

    /// `ASC NULLS FIRST`.
    public func asc_nulls_first() -> Column { asc(nulls: .first) }
    /// `ASC NULLS LAST`.
    public func asc_nulls_last() -> Column { asc(nulls: .last) }
    /// `DESC NULLS FIRST`.
    public func desc_nulls_first() -> Column { desc(nulls: .first) }
    /// `DESC NULLS LAST`.
    public func desc_nulls_last() -> Column { desc(nulls: .last) }

    /// Evaluates a window or aggregate function over a window.
    ///
    /// `rowsBetween`/`rangeBetween` use the API's tuple form: `nil` is unbounded, `0` the current row,
    /// negative preceding, positive following.
    public func over(
        partitionBy: [any ColumnSelectable] = [], orderBy: [any ColumnSelectable] = [],
        rowsBetween: (Int?, Int?)? = nil, rangeBetween: (Int?, Int?)? = nil
    ) -> Column {
        var frame: WindowFrame?
        if let rowsBetween {
            frame = WindowFrame(
                .rows, start: .init(offset: rowsBetween.0, isStart: true),
                end: .init(offset: rowsBetween.1, isStart: false))
        } else if let rangeBetween {
            frame = WindowFrame(
                .range, start: .init(offset: rangeBetween.0, isStart: true),
                end: .init(offset: rangeBetween.1, isStart: false))
        }
        let specification = WindowSpecification(
            partitionBy: partitionBy.map(\.selectionExpression),
            orderBy: orderBy.map { SortKey(from: $0.selectionExpression) }, frame: frame)
        return over(Window(specification))
    }

    /// Evaluates over a ``Window`` (`Window.partitionBy(...).orderBy(...)`).
    public func over(_ window: Window) -> Column {
        if case .alias(let inner, let name) = expression {
            return Column(.alias(.window(inner, window.specification), name))
        }
        return Column(.window(expression, window.specification))
    }

    /// Aggregates only the rows where `condition` holds (`FILTER (WHERE …)`).
    public func filter(_ condition: Column) -> Column {
        func attach(_ expression: Expression) -> Expression {
            switch expression {
            case .alias(let inner, let name): return .alias(attach(inner), name)
            case .function(var call):
                call.filter = call.filter.map { .binary(.and, $0, condition.expression) } ?? condition.expression
                return .function(call)
            default: return expression
            }
        }
        return Column(attach(expression))
    }

    /// Adds a `WHEN` to a `when(...)` chain.
    public func when(_ condition: Column, _ value: any ColumnConvertible) -> Column {
        if case .caseWhen(let clauses, nil) = expression {
            return Column(.caseWhen(clauses + [WhenClause(condition.expression, value.columnExpression)], else: nil))
        }
        return Column(.caseWhen([WhenClause(condition.expression, value.columnExpression)], else: nil))
    }

    /// Sets the `ELSE` of a `when(...)` chain; without it unmatched rows give `NULL`.
    public func otherwise(_ value: any ColumnConvertible) -> Column {
        if case .caseWhen(let clauses, _) = expression {
            return Column(.caseWhen(clauses, else: value.columnExpression))
        }
        return self
    }

    /// Floor division (`//` in the API).
    public func floorDiv(_ other: any ColumnConvertible) -> Column {
        Column(.binary(.floorDivide, expression, other.columnExpression))
    }
}

/// A value usable as an operand: a ``Column``, or a Swift value that becomes a literal (a bind parameter).
public protocol ColumnConvertible: Sendable {
    /// The expression of this value.
    var columnExpression: Expression { get }
}

/// A value usable where the API names a column: a ``Column``, or a string column name (`"amount"`,
/// `"orders.amount"`, `"*"`).
public protocol ColumnSelectable: Sendable {
    /// The expression it selects.
    var selectionExpression: Expression { get }
}

extension Column: ColumnConvertible, ColumnSelectable {
    /// The column's expression.
    public var columnExpression: Expression { expression }
    /// The column's expression.
    public var selectionExpression: Expression { expression }
}

extension String: ColumnSelectable {
    /// The named column; `"*"` is every column.
    public var selectionExpression: Expression {
        if self == "*" { return .star(qualifier: nil) }
        if hasSuffix(".*") { return .star(qualifier: String(dropLast(2))) }
        return .column(ColumnReference(parsing: self))
    }
}

extension DatabaseValue: ColumnConvertible {
    /// A literal.
    public var columnExpression: Expression { .literal(self) }
}
extension Int: ColumnConvertible {
    /// An integer literal.
    public var columnExpression: Expression { .literal(.integer(Int64(self))) }
}
extension Int64: ColumnConvertible {
    /// An integer literal.
    public var columnExpression: Expression { .literal(.integer(self)) }
}
extension Double: ColumnConvertible {
    /// A real literal.
    public var columnExpression: Expression { .literal(.real(self)) }
}
extension String: ColumnConvertible {
    /// A text literal (a value, not a column name).
    public var columnExpression: Expression { .literal(.text(self)) }
}
extension Bool: ColumnConvertible {
    /// A boolean literal.
    public var columnExpression: Expression { .literal(.boolean(self)) }
}
extension Optional: ColumnConvertible where Wrapped: ColumnConvertible {
    /// The wrapped value's literal, or `NULL`.
    public var columnExpression: Expression { self?.columnExpression ?? .literal(.null) }
}

/// A column by name; `"t.c"` is qualified.
public func col(_ name: String) -> Column { Column(name.selectionExpression) }

/// A literal value (bound as a parameter).
public func lit(_ value: DatabaseValue) -> Column { Column(.literal(value)) }

/// A literal from any Swift value that converts.
public func lit(_ value: some ColumnConvertible) -> Column { Column(value.columnExpression) }

/// Starts a `CASE WHEN` chain: `when(c, v).when(c2, v2).otherwise(d)`.
public func when(_ condition: Column, _ value: any ColumnConvertible) -> Column {
    Column(.caseWhen([WhenClause(condition.expression, value.columnExpression)], else: nil))
}
