/// A scalar expression of the logical plan: what a `Column` of the DataFrame API holds and what the
/// binder produces from a `.moltres` expression.
///
/// Every operator is a case; nothing here is SQL text. Aliases are a wrapper (``alias(_:_:)``), so an
/// alias survives any operator applied inside it, and the last alias wins (`x.alias("a").alias("b")`).
///
/// ```swift
/// let amount = Expression.column(ColumnReference("amount"))
/// let big = Expression.binary(.greaterThan, amount, .literal(100))
/// ```
public indirect enum Expression: Sendable, Hashable {
    /// A column, optionally qualified by a table or DataFrame alias (`orders.amount`).
    case column(ColumnReference)
    /// A literal value; it always becomes a bind parameter.
    case literal(DatabaseValue)
    /// `*` or `qualifier.*`: all columns of the input (or of one source of a join).
    case star(qualifier: String?)
    /// A binary operator (arithmetic, comparison, boolean, concatenation).
    case binary(BinaryOperator, Expression, Expression)
    /// A unary operator (`-x`, `NOT x`).
    case unary(UnaryOperator, Expression)
    /// Names the result of an expression (`AS name`).
    case alias(Expression, String)
    /// Converts to a type (`CAST(x AS type)`).
    case cast(Expression, CastTarget)
    /// `x IS NULL`, or `x IS NOT NULL` when `negated`.
    case isNull(Expression, negated: Bool)
    /// `x IN (a, b, …)`; an empty list is always false (true when `negated`).
    case inList(Expression, [Expression], negated: Bool)
    /// `x IN (SELECT …)`; the subquery may refer to columns of the outer query (correlated).
    case inSubquery(Expression, LogicalPlan, negated: Bool)
    /// `x BETWEEN low AND high`, inclusive.
    case between(Expression, low: Expression, high: Expression, negated: Bool)
    /// A pattern match: `LIKE`, `ILIKE`, or a literal-substring test (`contains`, `startswith`, `endswith`).
    case match(PatternMatch)
    /// A sort key as a value (`col.desc()`), meaningful in `order_by` and `over(order_by:)`.
    case sortOrder(SortKey)
    /// A call of a built-in function (scalar, aggregate or window).
    case function(FunctionCall)
    /// A window function or aggregate evaluated over a window (`… OVER (…)`).
    case window(Expression, WindowSpecification)
    /// `CASE WHEN c THEN v … [ELSE d] END`; without `else`, unmatched rows give `NULL`.
    case caseWhen([WhenClause], else: Expression?)
    /// A subquery yielding one value.
    case scalarSubquery(LogicalPlan)
    /// `EXISTS (subquery)`, or `NOT EXISTS` when `negated`; correlated subqueries are allowed.
    case exists(LogicalPlan, negated: Bool)
}

/// A column name with an optional qualifier (a table name or an alias given with `DataFrame.alias`).
public struct ColumnReference: Sendable, Hashable {
    /// The table, alias or binding the column belongs to; `nil` resolves against every source in scope.
    public var qualifier: String?
    /// The column's name.
    public var name: String

    /// Creates a reference; `qualifier: nil` means unqualified.
    public init(_ name: String, qualifier: String? = nil) {
        self.name = name
        self.qualifier = qualifier
    }

    /// Parses `"t.c"` into qualifier `t` and name `c`; a name without a dot is unqualified.
    public init(parsing text: String) {
        // One pass over the bytes: where the last `.` is, and whether the text is ASCII (where every byte is a
        // character, so the last `.` byte is the last `.` character).
        var bytes = text
        var lastDot = -1
        var isASCII = true
        let split: (name: String, qualifier: String)? = bytes.withUTF8 { buffer in
            for index in buffer.indices {
                let byte = buffer[index]
                if byte == UInt8(ascii: ".") {
                    lastDot = index
                } else if byte >= 0x80 {
                    isASCII = false
                }
            }
            guard isASCII, lastDot > 0, lastDot < buffer.count - 1 else { return nil }
            return (
                String(decoding: UnsafeBufferPointer(rebasing: buffer[(lastDot + 1)...]), as: UTF8.self),
                String(decoding: UnsafeBufferPointer(rebasing: buffer[..<lastDot]), as: UTF8.self)
            )
        }
        if let split {
            self.init(split.name, qualifier: split.qualifier)
            return
        }
        if lastDot < 0 || isASCII {
            self.init(text)
            return
        }
        if let dot = text.lastIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex {
            self.init(String(text[text.index(after: dot)...]), qualifier: String(text[..<dot]))
        } else {
            self.init(text)
        }
    }
}

/// The target of a cast: a checker type plus the precision and scale of decimals, or a length.
public struct CastTarget: Sendable, Hashable {
    /// The type cast to.
    public var type: SQLType
    /// Decimal precision or text length, when given.
    public var precision: Int?
    /// Decimal scale, when given.
    public var scale: Int?

    /// Creates a cast target.
    public init(_ type: SQLType, precision: Int? = nil, scale: Int? = nil) {
        self.type = type
        self.precision = precision
        self.scale = scale
    }

    /// Maps a type name of the API (`"INTEGER"`, `"DOUBLE"`, `"DECIMAL"`, `"decimal(10, 2)"`, `"varchar"`, …) to
    /// a target; `nil` for a name that is not a known type or has a malformed `(precision, scale)` (the caller
    /// reports it; nothing becomes `VARCHAR` silently). Arguments win over a precision written in the name.
    public init?(typeName: String, precision: Int? = nil, scale: Int? = nil) {
        let type = SQLType(declaredTypeName: typeName)
        guard type != .unknown else { return nil }
        var written: [Int] = []
        if let open = typeName.firstIndex(of: "(") {
            guard let close = typeName.lastIndex(of: ")"), close > open,
                typeName[typeName.index(after: close)...].allSatisfy(\.isWhitespace)
            else { return nil }
            let parts = typeName[typeName.index(after: open)..<close].split(
                separator: ",", omittingEmptySubsequences: false)
            for part in parts {
                guard let number = Int(part.trimmingCharacters(in: .whitespaces)), number >= 0 else { return nil }
                written.append(number)
            }
            guard written.count <= 2 else { return nil }
        }
        self.init(
            type, precision: precision ?? written.first, scale: scale ?? (written.count == 2 ? written[1] : nil))
    }
}

/// A pattern test on text.
public struct PatternMatch: Sendable, Hashable {
    /// How the pattern is interpreted.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// SQL `LIKE` with `%` and `_` wildcards, case-sensitive on every database.
        case like
        /// Case-insensitive `LIKE`.
        case ilike
        /// The pattern is a literal substring; `%` and `_` in it match themselves.
        case contains
        /// The pattern is a literal prefix.
        case startsWith
        /// The pattern is a literal suffix.
        case endsWith
    }

    /// The text tested.
    public var subject: Expression
    /// The kind of test.
    public var kind: Kind
    /// The pattern or substring.
    public var pattern: Expression
    /// `NOT LIKE`.
    public var negated: Bool

    /// Creates a pattern test.
    public init(_ subject: Expression, _ kind: Kind, _ pattern: Expression, negated: Bool = false) {
        self.subject = subject
        self.kind = kind
        self.pattern = pattern
        self.negated = negated
    }
}

/// Where `NULL`s go in an ordering.
public enum NullsPlacement: String, Sendable, Hashable, CaseIterable {
    /// `NULLS FIRST`
    case first
    /// `NULLS LAST`
    case last
}

/// Ascending or descending.
public enum SortDirection: String, Sendable, Hashable, CaseIterable {
    /// Ascending.
    case ascending
    /// Descending.
    case descending
}

/// One key of an `ORDER BY`.
///
/// When ``nulls`` is `nil`, Moltres's one rule applies on every database: `NULL`s sort as the smallest
/// value (first ascending, last descending), as SQLite does; dialects that differ get it spelled out.
public struct SortKey: Sendable, Hashable {
    /// What is sorted on.
    public var expression: Expression
    /// The direction.
    public var direction: SortDirection
    /// Explicit `NULL` placement, or `nil` for the Moltres default.
    public var nulls: NullsPlacement?

    /// Creates a sort key.
    public init(_ expression: Expression, _ direction: SortDirection = .ascending, nulls: NullsPlacement? = nil) {
        self.expression = expression
        self.direction = direction
        self.nulls = nulls
    }

    /// The placement that applies: the explicit one, else NULLs smallest.
    public var effectiveNulls: NullsPlacement {
        nulls ?? (direction == .ascending ? .first : .last)
    }

    /// Turns an expression into a sort key: a ``Expression/sortOrder(_:)`` keeps its direction, aliases are
    /// looked through, anything else sorts ascending.
    public init(from expression: Expression) {
        switch expression {
        case .sortOrder(let key): self = key
        default: self.init(expression)
        }
    }
}

/// A call of a built-in function.
public struct FunctionCall: Sendable, Hashable {
    /// The function, from the registry.
    public var function: BuiltinFunction
    /// Positional arguments, keyword arguments already placed by position.
    public var arguments: [Expression]
    /// `DISTINCT` inside an aggregate (`count_distinct`, `collect_set`).
    public var distinct: Bool
    /// A condition on an aggregate (`FILTER (WHERE …)`, or a `CASE` inside it where unsupported).
    public var filter: Expression?

    /// Creates a call.
    public init(
        _ function: BuiltinFunction, _ arguments: [Expression], distinct: Bool = false, filter: Expression? = nil
    ) {
        self.function = function
        self.arguments = arguments
        self.distinct = distinct
        self.filter = filter
    }
}

/// The `OVER (…)` of a window expression; also what `Window.partitionBy(...).orderBy(...)` builds.
public struct WindowSpecification: Sendable, Hashable {
    /// `PARTITION BY` expressions.
    public var partitionBy: [Expression]
    /// `ORDER BY` keys.
    public var orderBy: [SortKey]
    /// The frame, when given.
    public var frame: WindowFrame?

    /// Creates a specification; all parts are optional (`OVER ()`).
    public init(partitionBy: [Expression] = [], orderBy: [SortKey] = [], frame: WindowFrame? = nil) {
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
    }
}

/// A window frame: `ROWS` or `RANGE` `BETWEEN start AND end`.
public struct WindowFrame: Sendable, Hashable {
    /// `ROWS` or `RANGE`.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        /// Physical rows.
        case rows
        /// Value ranges of the ordering key.
        case range
    }

    /// One end of a frame.
    public enum Bound: Sendable, Hashable {
        /// `UNBOUNDED PRECEDING`
        case unboundedPreceding
        /// `n PRECEDING`
        case preceding(Int)
        /// `CURRENT ROW`
        case currentRow
        /// `n FOLLOWING`
        case following(Int)
        /// `UNBOUNDED FOLLOWING`
        case unboundedFollowing

        /// The API's tuple form: `nil` is unbounded (preceding at the start, following at the end),
        /// `0` the current row, negative preceding, positive following.
        public init(offset: Int?, isStart: Bool) {
            guard let offset else {
                self = isStart ? .unboundedPreceding : .unboundedFollowing
                return
            }
            if offset == 0 {
                self = .currentRow
            } else if offset < 0 {
                self = .preceding(-offset)
            } else {
                self = .following(offset)
            }
        }
    }

    /// Rows or range.
    public var unit: Unit
    /// The first row of the frame.
    public var start: Bound
    /// The last row of the frame.
    public var end: Bound

    /// Creates a frame.
    public init(_ unit: Unit, start: Bound, end: Bound) {
        self.unit = unit
        self.start = start
        self.end = end
    }
}

/// One `WHEN condition THEN value` of a ``Expression/caseWhen(_:else:)``.
public struct WhenClause: Sendable, Hashable {
    /// The condition.
    public var condition: Expression
    /// The value when it holds.
    public var value: Expression

    /// Creates a clause.
    public init(_ condition: Expression, _ value: Expression) {
        self.condition = condition
        self.value = value
    }
}

extension Expression {
    /// The name the expression's result gets: its alias, a column's own name, or `nil` when the database
    /// would invent one (the generator then names it).
    public var outputName: String? {
        switch self {
        case .alias(_, let name): return name
        case .column(let reference): return reference.name
        case .sortOrder(let key): return key.expression.outputName
        case .literal, .star, .binary, .unary, .cast, .isNull, .inList, .inSubquery, .between, .match, .function,
            .window, .caseWhen, .scalarSubquery, .exists:
            return nil
        }
    }

    /// The expression without any alias wrapper.
    public var unaliased: Expression {
        if case .alias(let inner, _) = self { return inner.unaliased }
        return self
    }

    /// The direct sub-expressions (subquery plans are not entered).
    public var children: [Expression] {
        switch self {
        case .column, .literal, .star, .scalarSubquery, .exists: return []
        case .binary(_, let left, let right): return [left, right]
        case .unary(_, let operand), .alias(let operand, _), .cast(let operand, _), .isNull(let operand, _):
            return [operand]
        case .inList(let subject, let values, _): return [subject] + values
        case .inSubquery(let subject, _, _): return [subject]
        case .between(let subject, let low, let high, _): return [subject, low, high]
        case .match(let match): return [match.subject, match.pattern]
        case .sortOrder(let key): return [key.expression]
        case .function(let call): return call.arguments + (call.filter.map { [$0] } ?? [])
        case .window(let function, let specification):
            return [function] + specification.partitionBy + specification.orderBy.map(\.expression)
        case .caseWhen(let clauses, let otherwise):
            return clauses.flatMap { [$0.condition, $0.value] } + (otherwise.map { [$0] } ?? [])
        }
    }

    /// Whether `predicate` holds for this expression or any sub-expression (not entering subqueries,
    /// and not entering window expressions when `enteringWindows` is false).
    public func contains(enteringWindows: Bool = true, where predicate: (Expression) -> Bool) -> Bool {
        if predicate(self) { return true }
        if case .window = self, !enteringWindows { return false }
        return anyChild { $0.contains(enteringWindows: enteringWindows, where: predicate) }
    }

    /// Whether `body` holds for a direct child, trying them in ``children``'s order and stopping at the first
    /// that does; unlike ``children``, allocates nothing.
    func anyChild(_ body: (Expression) -> Bool) -> Bool {
        switch self {
        case .column, .literal, .star, .scalarSubquery, .exists: return false
        case .binary(_, let left, let right): return body(left) || body(right)
        case .unary(_, let operand), .alias(let operand, _), .cast(let operand, _), .isNull(let operand, _):
            return body(operand)
        case .inList(let subject, let values, _): return body(subject) || values.contains(where: body)
        case .inSubquery(let subject, _, _): return body(subject)
        case .between(let subject, let low, let high, _): return body(subject) || body(low) || body(high)
        case .match(let match): return body(match.subject) || body(match.pattern)
        case .sortOrder(let key): return body(key.expression)
        case .function(let call): return call.arguments.contains(where: body) || (call.filter.map(body) ?? false)
        case .window(let function, let specification):
            return body(function) || specification.partitionBy.contains(where: body)
                || specification.orderBy.contains { body($0.expression) }
        case .caseWhen(let clauses, let otherwise):
            return clauses.contains { body($0.condition) || body($0.value) } || (otherwise.map(body) ?? false)
        }
    }

    /// Whether an aggregate function is called outside any `OVER`.
    public var containsAggregate: Bool {
        contains(enteringWindows: false) {
            if case .function(let call) = $0, call.function.kind == .aggregate { return true }
            return false
        }
    }

    /// Whether a window expression occurs (`monotonically_increasing_id()` is one on its own: `row_number() OVER ()`).
    public var containsWindow: Bool {
        contains {
            switch $0 {
            case .window: return true
            case .function(let call): return call.function.numbersRowsWithoutOver
            default: return false
            }
        }
    }

    /// Rebuilds the expression bottom-up, replacing each node for which `transform` returns a value.
    ///
    /// `transform` is tried first on a node; when it returns `nil`, the node's children are rewritten.
    public func rewritten(_ transform: (Expression) throws -> Expression?) rethrows -> Expression {
        if let replacement = try transform(self) { return replacement }
        func map(_ expression: Expression) throws -> Expression { try expression.rewritten(transform) }
        switch self {
        case .column, .literal, .star, .scalarSubquery, .exists: return self
        case .binary(let op, let left, let right): return .binary(op, try map(left), try map(right))
        case .unary(let op, let operand): return .unary(op, try map(operand))
        case .alias(let operand, let name): return .alias(try map(operand), name)
        case .cast(let operand, let target): return .cast(try map(operand), target)
        case .isNull(let operand, let negated): return .isNull(try map(operand), negated: negated)
        case .inList(let subject, let values, let negated):
            return .inList(try map(subject), try values.map(map), negated: negated)
        case .inSubquery(let subject, let plan, let negated):
            return .inSubquery(try map(subject), plan, negated: negated)
        case .between(let subject, let low, let high, let negated):
            return .between(try map(subject), low: try map(low), high: try map(high), negated: negated)
        case .match(var match):
            match.subject = try map(match.subject)
            match.pattern = try map(match.pattern)
            return .match(match)
        case .sortOrder(var key):
            key.expression = try map(key.expression)
            return .sortOrder(key)
        case .function(var call):
            call.arguments = try call.arguments.map(map)
            call.filter = try call.filter.map(map)
            return .function(call)
        case .window(let function, var specification):
            specification.partitionBy = try specification.partitionBy.map(map)
            for index in specification.orderBy.indices {
                specification.orderBy[index].expression = try map(specification.orderBy[index].expression)
            }
            return .window(try map(function), specification)
        case .caseWhen(let clauses, let otherwise):
            return .caseWhen(
                try clauses.map { WhenClause(try map($0.condition), try map($0.value)) }, else: try otherwise.map(map))
        }
    }
}

extension Expression {
    /// Binary operators, in the meanings of the DataFrame API.
    public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
        /// `+`
        case add
        /// `-`
        case subtract
        /// `*`
        case multiply
        /// `/`: true division (`1 / 4` is `0.25`), whatever the operand types.
        case divide
        /// `//`: floor division, an integer result.
        case floorDivide
        /// `%`: remainder with the sign of the dividend.
        case modulo
        /// `**`: power.
        case power
        /// `==`; comparing with a `NULL` literal means `IS NULL`.
        case equal
        /// `!=`
        case notEqual
        /// `<`
        case lessThan
        /// `<=`
        case lessThanOrEqual
        /// `>`
        case greaterThan
        /// `>=`
        case greaterThanOrEqual
        /// `&`: boolean AND.
        case and
        /// `|`: boolean OR.
        case or
        /// String concatenation (`col + "text"`).
        case concatenate

        /// Whether the operator compares its operands and yields a boolean.
        public var isComparison: Bool {
            switch self {
            case .equal, .notEqual, .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual: return true
            case .add, .subtract, .multiply, .divide, .floorDivide, .modulo, .power, .and, .or, .concatenate:
                return false
            }
        }

        /// Whether the operator is arithmetic on numbers.
        public var isArithmetic: Bool {
            switch self {
            case .add, .subtract, .multiply, .divide, .floorDivide, .modulo, .power: return true
            case .equal, .notEqual, .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual, .and, .or,
                .concatenate:
                return false
            }
        }
    }

    /// Unary operators.
    public enum UnaryOperator: String, Sendable, Hashable, CaseIterable {
        /// `-x`
        case negate
        /// `~x`: boolean NOT.
        case not
    }
}
