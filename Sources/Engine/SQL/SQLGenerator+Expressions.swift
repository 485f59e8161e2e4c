/// Expressions: plan expressions to SQL expressions at a level, function renderings, ORDER BY items.
extension SQLGenerator {
    // MARK: - Expressions

    /// An expression in SQL with what the level needs to know about it.
    struct Translated {
        var sql: SQLExpression
        var type: SQLType
        var isNullable = true
        var hasWindow = false
        var isAggregate = false
    }

    func orderItems(for key: SortKey, in level: Level) throws -> [SQLOrderItem] {
        let translated = try translate(key.expression, in: level)
        return orderItems(translated.sql, key, isNullable: translated.isNullable)
    }

    func orderItems(_ expression: SQLExpression, _ key: SortKey, isNullable: Bool) -> [SQLOrderItem] {
        let descending = key.direction == .descending
        // A column that cannot be NULL sorts alike everywhere; only nullable keys need the rule spelled out.
        if !isNullable { return [SQLOrderItem(expression: expression, descending: descending, nulls: nil)] }
        let wanted = key.effectiveNulls
        let databaseDefault: NullsPlacement
        switch dialect.defaultNullsPlacement {
        case .smallest: databaseDefault = descending ? .last : .first
        case .largest: databaseDefault = descending ? .first : .last
        }
        if wanted == databaseDefault {
            return [SQLOrderItem(expression: expression, descending: descending, nulls: nil)]
        }
        if dialect.supportsNullsPlacement {
            return [SQLOrderItem(expression: expression, descending: descending, nulls: wanted)]
        }
        let nullKey = SQLExpression.caseWhen(
            operand: nil, [(.postfix(expression, "IS NULL"), .number(wanted == .first ? 0 : 1))],
            else: .number(wanted == .first ? 1 : 0))
        return [
            SQLOrderItem(expression: nullKey, descending: false, nulls: nil),
            SQLOrderItem(expression: expression, descending: descending, nulls: nil),
        ]
    }

    func subquery(_ plan: LogicalPlan, in level: Level) throws -> SQLQuery {
        outerScopes.append(level)
        defer { outerScopes.removeLast() }
        let (query, _) = try query(for: plan)
        return query
    }

    func translate(_ expression: Expression, in level: Level) throws -> Translated {
        try enterLevel()
        defer { depth -= 1 }
        switch expression {
        case .column(let reference):
            let column = try resolve(reference, in: level)
            return Translated(
                sql: column.sql, type: column.column.type, isNullable: column.column.isNullable,
                hasWindow: column.hasWindow, isAggregate: column.isAggregate)
        case .literal(let value):
            let type = (try? expression.inferType(in: []).get().type) ?? .unknown
            if case .null = value { return Translated(sql: .token("NULL"), type: .unknown) }
            return Translated(sql: .parameter(value), type: type, isNullable: false)
        case .star(let qualifier):
            return Translated(sql: .star(qualifier: qualifier), type: .unknown)
        case .alias(let inner, _):
            return try translate(inner, in: level)
        case .binary(let op, let left, let right):
            return try translateBinary(op, left, right, in: level)
        case .unary(let op, let operand):
            let inner = try translate(operand, in: level)
            switch op {
            case .negate:
                return Translated(
                    sql: .prefix("-", inner.sql, precedence: 8), type: inner.type, isNullable: inner.isNullable,
                    hasWindow: inner.hasWindow, isAggregate: inner.isAggregate)
            case .not:
                return Translated(
                    sql: .prefix("NOT", inner.sql, precedence: 3), type: .boolean, isNullable: inner.isNullable,
                    hasWindow: inner.hasWindow, isAggregate: inner.isAggregate)
            }
        case .cast(let operand, let target):
            if target.type == .unknown {
                throw PlanError.invalidUse(
                    "cast() needs a known type name (INTEGER, REAL, DOUBLE, DECIMAL, TEXT, DATE, …)")
            }
            let inner = try translate(operand, in: level)
            var value = inner.sql
            if target.type == .integer && dialect.castToIntegerRounds && (inner.type == .real || inner.type == .decimal)
            {
                // Moltres casts truncate toward zero on every database, as SQLite and Spark do.
                value = .function("trunc", [value])
            }
            var sql = SQLExpression.cast(
                value, dialect.typeName(target.type, precision: target.precision, scale: target.scale))
            if case .literal(.null) = operand {
                // A typed NULL: the plain CAST.
            } else if let override = dialect.castOverride(value, from: inner.type, to: target.type) {
                sql = override
            }
            if target.type == .decimal, let scale = target.scale, !dialect.decimalCastRounds {
                sql = .function("round", [sql, .token(String(scale))])
            }
            return Translated(
                sql: sql, type: target.type, isNullable: inner.isNullable, hasWindow: inner.hasWindow,
                isAggregate: inner.isAggregate)
        case .isNull(let operand, let negated):
            let inner = try translate(operand, in: level)
            return Translated(
                sql: .postfix(inner.sql, negated ? "IS NOT NULL" : "IS NULL"), type: .boolean, isNullable: false,
                hasWindow: inner.hasWindow, isAggregate: inner.isAggregate)
        case .inList(let subject, let values, let negated):
            let inner = try translate(subject, in: level)
            if values.isEmpty {
                return Translated(sql: .token(negated ? "TRUE" : "FALSE"), type: .boolean, isNullable: false)
            }
            let translated = try values.map { try translate($0, in: level) }
            return Translated(
                sql: .inList(inner.sql, translated.map(\.sql), negated: negated), type: .boolean,
                hasWindow: inner.hasWindow || translated.contains { $0.hasWindow },
                isAggregate: inner.isAggregate || translated.contains { $0.isAggregate })
        case .inSubquery(let subject, let plan, let negated):
            let inner = try translate(subject, in: level)
            return Translated(
                sql: .inSubquery(inner.sql, try subquery(plan, in: level), negated: negated), type: .boolean,
                hasWindow: inner.hasWindow, isAggregate: inner.isAggregate)
        case .between(let subject, let low, let high, let negated):
            let parts = try [subject, low, high].map { try translate($0, in: level) }
            return Translated(
                sql: .between(parts[0].sql, parts[1].sql, parts[2].sql, negated: negated), type: .boolean,
                hasWindow: parts.contains { $0.hasWindow }, isAggregate: parts.contains { $0.isAggregate })
        case .match(let match):
            return try translateMatch(match, in: level)
        case .sortOrder:
            throw PlanError.invalidUse("asc()/desc() is only meaningful in order_by or over(order_by=…)")
        case .function(let call):
            if call.function.kind == .window && !call.function.numbersRowsWithoutOver {
                throw PlanError.invalidUse("\(call.function.name)() is a window function and needs .over(…)")
            }
            return try translateCall(call, in: level)
        case .window(let function, let specification):
            let call: FunctionCall
            switch function.unaliased {
            case .function(let found): call = found
            default: throw PlanError.invalidUse("over() applies to a window or aggregate function")
            }
            if call.function.kind == .scalar || call.function.kind == .special {
                throw PlanError.invalidUse(
                    "\(call.function.name)() is not a window or aggregate function; it cannot take over()")
            }
            var inner = try translateCall(call, in: level, windowed: true)
            if call.function.numbersRowsWithoutOver, case .window(let numbering, _) = inner.sql {
                // monotonically_increasing_id() is `row_number() OVER ()` on its own; an explicit over(...) orders it.
                inner.sql = numbering
            }
            if case .call(let rendered) = inner.sql, !rendered.withinGroup.isEmpty {
                // An ordered-set aggregate (`percentile_cont(f) WITHIN GROUP (ORDER BY x)`) takes no OVER.
                throw PlanError.unsupportedFunction(use: "\(call.function.name) over a window", dialect: dialect.name)
            }
            let partitions = try specification.partitionBy.map { try translate($0, in: level).sql }
            let orders = try specification.orderBy.flatMap { try orderItems(for: $0, in: level) }
            let frame = specification.frame.map(Self.frameText)
            return Translated(
                sql: Self.attachWindow(inner.sql, SQLWindow(partitionBy: partitions, orderBy: orders, frame: frame)),
                type: inner.type, hasWindow: true)
        case .caseWhen(let clauses, let otherwise):
            var pairs: [(SQLExpression, SQLExpression)] = []
            var type: SQLType?
            var hasWindow = false
            var isAggregate = false
            for clause in clauses {
                let condition = try translate(clause.condition, in: level)
                let value = try translate(clause.value, in: level)
                pairs.append((condition.sql, value.sql))
                if value.type != .unknown { type = type.map { $0.widened(with: value.type) ?? $0 } ?? value.type }
                hasWindow = hasWindow || condition.hasWindow || value.hasWindow
                isAggregate = isAggregate || condition.isAggregate || value.isAggregate
            }
            let fallback = try otherwise.map { try translate($0, in: level) }
            if let fallbackType = fallback?.type, fallbackType != .unknown {
                type = type.map { $0.widened(with: fallbackType) ?? $0 } ?? fallbackType
            }
            return Translated(
                sql: .caseWhen(operand: nil, pairs, else: fallback?.sql), type: type ?? .unknown,
                hasWindow: hasWindow || fallback?.hasWindow == true,
                isAggregate: isAggregate || fallback?.isAggregate == true)
        case .scalarSubquery(let plan):
            outerScopes.append(level)
            defer { outerScopes.removeLast() }
            let (query, columns) = try query(for: plan)
            let type = columns.first?.type ?? .unknown
            guard !dialect.scalarSubqueriesCheckRowCount, !plan.returnsAtMostOneRow, let column = columns.first else {
                return Translated(sql: .subquery(query), type: type)
            }
            // SQLite would take the first of several rows: fail as the other databases do. The query's first two
            // rows are counted, and its one value (or NULL for none) is `min` of at most one.
            var inner = SQLSelect()
            inner.from = [.subquery(query, alias: "moltres_rows")]
            inner.limit = .parameter(.integer(2))
            var check = SQLSelect()
            check.columns = [
                SQLSelectItem(
                    expression: .caseWhen(
                        operand: nil,
                        [
                            (
                                .op(.function("count", [.token("*")]), ">", .token("1")),
                                .function(
                                    "moltres_raise",
                                    [
                                        .parameter(
                                            .text("more than one row returned by a subquery used as an expression"))
                                    ])
                            )
                        ],
                        else: .function("min", [.column(qualifier: nil, name: column.name)])),
                    alias: nil)
            ]
            check.from = [.subquery(.select(inner), alias: "moltres_row")]
            return Translated(sql: .subquery(.select(check)), type: type)
        case .exists(let plan, let negated):
            return Translated(
                sql: .exists(try subquery(plan, in: level), negated: negated), type: .boolean, isNullable: false)
        }
    }

    /// SQL aggregate functions that take `OVER` when a rendering builds an aggregate from several of them.
    static let sqlAggregateNames: Set<String> = [
        "sum", "count", "avg", "min", "max", "total", "json_group_array", "array_agg", "stddev_samp", "var_samp",
        "covar_samp", "corr", "string_agg", "group_concat", "moltres_var_samp", "moltres_stddev_samp",
        "moltres_covar_samp", "moltres_corr",
    ]

    /// Puts `OVER (…)` on a rendered window or aggregate call; when the rendering wrapped the call (a cast) or
    /// built the aggregate from several aggregates (SQLite's variance), each aggregate call gets the window.
    static func attachWindow(_ expression: SQLExpression, _ window: SQLWindow) -> SQLExpression {
        // A call that is itself the aggregate or window function (`sum(x)`, `row_number()`) takes the window;
        // one that wraps aggregates (SQLite's `sqrt(…sum(…)…)` for stddev) passes it to each of them, since
        // `sqrt(…) OVER (…)` is not SQL.
        if case .call(let call) = expression,
            sqlAggregateNames.contains(call.name.lowercased()) || !call.arguments.contains(where: containsAggregate)
        {
            return .window(expression, window)
        }
        func attach(_ node: SQLExpression) -> SQLExpression {
            switch node {
            case .call(var call):
                if sqlAggregateNames.contains(call.name.lowercased()) { return .window(node, window) }
                call.arguments = call.arguments.map(attach)
                return .call(call)
            case .cast(let inner, let type): return .cast(attach(inner), type)
            case .binary(let left, let symbol, let right, let precedence):
                return .binary(attach(left), symbol, attach(right), precedence: precedence)
            case .prefix(let symbol, let inner, let precedence):
                return .prefix(symbol, attach(inner), precedence: precedence)
            case .parenthesized(let inner): return .parenthesized(attach(inner))
            case .caseWhen(let operand, let clauses, let otherwise):
                return .caseWhen(
                    operand: operand.map(attach), clauses.map { (attach($0.0), attach($0.1)) },
                    else: otherwise.map(attach))
            case .postfix(let inner, let symbol): return .postfix(attach(inner), symbol)
            case .column, .star, .parameter, .token, .inList, .between, .subquery, .inSubquery, .exists, .window,
                .sequence, .list:
                return node
            }
        }
        return attach(expression)
    }

    /// Whether an aggregate call (one of ``sqlAggregateNames``) is somewhere in `node`, outside subqueries.
    static func containsAggregate(_ node: SQLExpression) -> Bool {
        switch node {
        case .call(let call):
            sqlAggregateNames.contains(call.name.lowercased()) || call.arguments.contains(where: containsAggregate)
        case .cast(let inner, _), .prefix(_, let inner, _), .parenthesized(let inner), .postfix(let inner, _):
            containsAggregate(inner)
        case .binary(let left, _, let right, _): containsAggregate(left) || containsAggregate(right)
        case .caseWhen(let operand, let clauses, let otherwise):
            (operand.map(containsAggregate) ?? false)
                || clauses.contains { containsAggregate($0.0) || containsAggregate($0.1) }
                || (otherwise.map(containsAggregate) ?? false)
        case .column, .star, .parameter, .token, .inList, .between, .subquery, .inSubquery, .exists, .window,
            .sequence, .list:
            false
        }
    }

    static func frameText(_ frame: WindowFrame) -> String {
        func bound(_ bound: WindowFrame.Bound) -> String {
            switch bound {
            case .unboundedPreceding: return "UNBOUNDED PRECEDING"
            case .preceding(let count): return "\(count) PRECEDING"
            case .currentRow: return "CURRENT ROW"
            case .following(let count): return "\(count) FOLLOWING"
            case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
            }
        }
        let unit = frame.unit == .rows ? "ROWS" : "RANGE"
        return "\(unit) BETWEEN \(bound(frame.start)) AND \(bound(frame.end))"
    }

    func translateBinary(
        _ op: Expression.BinaryOperator, _ left: Expression, _ right: Expression, in level: Level
    ) throws
        -> Translated
    {
        // `== None` and `!= None` mean IS [NOT] NULL, as in the API.
        if op == .equal || op == .notEqual {
            if case .literal(.null) = right { return try translate(.isNull(left, negated: op == .notEqual), in: level) }
            if case .literal(.null) = left { return try translate(.isNull(right, negated: op == .notEqual), in: level) }
        }
        let lhs = try translate(left, in: level)
        let rhs = try translate(right, in: level)
        let hasWindow = lhs.hasWindow || rhs.hasWindow
        let isAggregate = lhs.isAggregate || rhs.isAggregate
        let nullable = lhs.isNullable || rhs.isNullable
        func result(_ sql: SQLExpression, _ type: SQLType) -> Translated {
            Translated(sql: sql, type: type, isNullable: nullable, hasWindow: hasWindow, isAggregate: isAggregate)
        }
        let numeric = lhs.type.widened(with: rhs.type)
        switch op {
        case .add, .subtract, .multiply:
            if op == .add && (lhs.type == .text || rhs.type == .text)
                && (lhs.type == .text || lhs.type == .unknown) && (rhs.type == .text || rhs.type == .unknown)
            {
                // `col + "text"` concatenates, as in the API.
                return result(.op(lhs.sql, "||", rhs.sql), .text)
            }
            guard let numeric else {
                throw PlanError.typeMismatch(
                    "cannot apply '\(op.rawValue)' to \(lhs.type.rawValue) and \(rhs.type.rawValue)")
            }
            let symbol = op == .add ? "+" : op == .subtract ? "-" : "*"
            return result(.op(lhs.sql, symbol, rhs.sql), numeric)
        case .divide:
            guard let numeric else {
                throw PlanError.typeMismatch("cannot divide \(lhs.type.rawValue) by \(rhs.type.rawValue)")
            }
            // True division on every database: integer operands are converted first.
            // Division by zero gives NULL on every database (SQLite's rule; PostgreSQL would fail).
            let divisor = Self.nonZero(rhs.sql, literal: right)
            if numeric == .real || numeric == .decimal {
                return result(.op(lhs.sql, "/", divisor), numeric)
            }
            return result(.op(.cast(lhs.sql, dialect.typeName(.real)), "/", divisor), .real)
        case .floorDivide:
            guard numeric != nil else {
                throw PlanError.typeMismatch("cannot divide \(lhs.type.rawValue) by \(rhs.type.rawValue)")
            }
            let quotient = SQLExpression.op(
                .cast(lhs.sql, dialect.typeName(.real)), "/", Self.nonZero(rhs.sql, literal: right))
            return result(.cast(.function("floor", [quotient]), dialect.typeName(.integer)), .integer)
        case .modulo:
            guard let numeric else {
                throw PlanError.typeMismatch("cannot apply '%' to \(lhs.type.rawValue) and \(rhs.type.rawValue)")
            }
            let divisor = Self.nonZero(rhs.sql, literal: right)
            if numeric == .integer {
                return result(.op(lhs.sql, "%", divisor), .integer)
            }
            // `%` truncates reals to integers on SQLite and does not exist for doubles on PostgreSQL.
            let quotient = SQLExpression.op(lhs.sql, "/", divisor)
            return result(.op(lhs.sql, "-", .op(rhs.sql, "*", .function("trunc", [quotient]))), numeric)
        case .power:
            guard numeric != nil else {
                throw PlanError.typeMismatch("cannot apply '**' to \(lhs.type.rawValue) and \(rhs.type.rawValue)")
            }
            let power = try Self.renderFunction(
                BuiltinFunction.builtin("power"), [lhs.sql, rhs.sql], [lhs.type, rhs.type], distinct: false,
                dialect: dialect)
            return result(power, .real)
        case .equal, .notEqual, .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual:
            if case .failure(let error) = Expression.binary(
                op, .literal(Self.sample(lhs.type)), .literal(Self.sample(rhs.type))
            ).inferType(in: []),
                lhs.type != .unknown && rhs.type != .unknown
            {
                throw error
            }
            let symbol: String
            switch op {
            case .equal: symbol = "="
            case .notEqual: symbol = "!="
            case .lessThan: symbol = "<"
            case .lessThanOrEqual: symbol = "<="
            case .greaterThan: symbol = ">"
            default: symbol = ">="
            }
            return result(.op(lhs.sql, symbol, rhs.sql), .boolean)
        case .and:
            return result(.op(lhs.sql, "AND", rhs.sql), .boolean)
        case .or:
            return result(.op(lhs.sql, "OR", rhs.sql), .boolean)
        case .concatenate:
            return result(.op(lhs.sql, "||", rhs.sql), .text)
        }
    }

    /// A divisor that gives NULL instead of a division-by-zero error: `nullif(x, 0)`, or `x` for a non-zero literal.
    static func nonZero(_ divisor: SQLExpression, literal: Expression) -> SQLExpression {
        switch literal.unaliased {
        case .literal(.integer(let value)) where value != 0: return divisor
        case .literal(.real(let value)) where value != 0: return divisor
        default: return .function("nullif", [divisor, .number(0)])
        }
    }

    /// A literal of a type, to reuse the checker's comparison rules.
    static func sample(_ type: SQLType) -> DatabaseValue {
        switch type {
        case .integer: return .integer(0)
        case .real, .decimal: return .real(0)
        case .boolean: return .boolean(false)
        case .blob: return .blob([])
        case .text, .date, .time, .timestamp, .json, .unknown: return .text("")
        }
    }

    func translateMatch(_ match: PatternMatch, in level: Level) throws -> Translated {
        let subject = try translate(match.subject, in: level)
        var pattern = try translate(match.pattern, in: level)
        if pattern.sql.isParameter && match.kind != .like && match.kind != .ilike {
            // A bound value's type is unknown to PostgreSQL in `length(?)`; say it is text.
            pattern.sql = .cast(pattern.sql, dialect.typeName(.text))
        }
        let sql: SQLExpression
        switch match.kind {
        case .like:
            switch dialect.caseSensitiveLike {
            case .native:
                sql = .op(subject.sql, "LIKE", pattern.sql)
            case .globRewrite:
                if case .parameter(.text(let text)) = pattern.sql {
                    sql = .op(subject.sql, "GLOB", .parameter(.text(Self.globPattern(fromLike: text))))
                } else {
                    sql = .op(.function("moltres_like", [subject.sql, pattern.sql]), "=", .number(1))
                }
            }
        case .ilike:
            if dialect.supportsILike {
                sql = .op(subject.sql, "ILIKE", pattern.sql)
            } else {
                let lower = BuiltinFunction.builtin("lower")
                sql = .op(
                    try Self.renderFunction(lower, [subject.sql], [.text], distinct: false, dialect: dialect), "LIKE",
                    try Self.renderFunction(lower, [pattern.sql], [.text], distinct: false, dialect: dialect))
            }
        case .contains:
            let position = try Self.renderFunction(
                BuiltinFunction.builtin("instr"), [subject.sql, pattern.sql], [.text, .text], distinct: false,
                dialect: dialect)
            sql = .op(position, ">", .number(0))
        case .startsWith:
            sql = .op(
                .function("substr", [subject.sql, .number(1), .function("length", [pattern.sql])]), "=", pattern.sql)
        case .endsWith:
            let start = SQLExpression.op(
                .op(.function("length", [subject.sql]), "-", .function("length", [pattern.sql])), "+", .number(1))
            sql = .op(
                .op(.function("length", [subject.sql]), ">=", .function("length", [pattern.sql])), "AND",
                .op(.function("substr", [subject.sql, start]), "=", pattern.sql))
        }
        return Translated(
            sql: match.negated ? .prefix("NOT", .parenthesized(sql), precedence: 3) : sql, type: .boolean,
            hasWindow: subject.hasWindow || pattern.hasWindow, isAggregate: subject.isAggregate || pattern.isAggregate)
    }

    /// A `LIKE` pattern as a `GLOB` pattern: `%` → `*`, `_` → `?`, and GLOB's own metacharacters bracketed.
    static func globPattern(fromLike pattern: String) -> String {
        var result = ""
        for character in pattern {
            switch character {
            case "%": result += "*"
            case "_": result += "?"
            case "*": result += "[*]"
            case "?": result += "[?]"
            case "[": result += "[[]"
            default: result.append(character)
            }
        }
        return result
    }

    func translateCall(_ call: FunctionCall, in level: Level, windowed: Bool = false) throws -> Translated {
        let function = call.function
        if function.kind == .special {
            throw PlanError.invalidUse("\(function.name)() must be lowered to its own expression before SQL generation")
        }
        var arguments = call.arguments
        if function.name == "count", arguments.count == 1, case .star = arguments[0] { arguments = [] }
        guard function.accepts(argumentCount: arguments.count) else {
            throw PlanError.wrongArity(function, got: arguments.count)
        }
        var filterSQL: SQLExpression?
        let rendering = dialect.functionRenderings[function.name] ?? FunctionRendering.generic[function.name]
        var simple = false
        switch rendering {
        case nil, .renamed?: simple = true
        case .build?, .unsupported?: simple = false
        }
        if let filter = call.filter {
            guard function.kind == .aggregate else {
                throw PlanError.invalidUse("filter() applies to aggregate functions, not \(function.name)()")
            }
            let condition = try translate(filter, in: level)
            if dialect.supportsFilterClause && simple {
                filterSQL = condition.sql
            } else {
                // agg(CASE WHEN condition THEN x END): the same rows reach the aggregate.
                let value = arguments.first ?? .literal(.integer(1))
                arguments = [.caseWhen([WhenClause(filter, value)], else: nil)] + arguments.dropFirst()
            }
        }
        let translated = try arguments.map { try translate($0, in: level) }
        for (index, argument) in translated.enumerated() {
            if let problem = function.argumentMismatch(at: index, type: argument.type) {
                throw PlanError(.argumentTypeMismatch, message: problem)
            }
        }
        var sql = try Self.renderFunction(
            function, translated.map(\.sql), translated.map(\.type), distinct: call.distinct, dialect: dialect,
            windowed: windowed)
        if let filterSQL, case .call(var rendered) = sql {
            rendered.filter = filterSQL
            sql = .call(rendered)
        }
        let type =
            (try? Expression.function(FunctionCall(function, arguments.map { _ in .literal(.null) })).inferType(in: [])
                .get().type) ?? .unknown
        let resolvedType: SQLType
        switch function.returnType {
        case .argument(let index): resolvedType = index < translated.count ? translated[index].type : .unknown
        case .fractionalOf(let index):
            resolvedType = index < translated.count && translated[index].type == .decimal ? .decimal : .real
        case .widenedArguments:
            let types = translated.map(\.type)
            resolvedType = types.dropFirst().reduce(types.first ?? .unknown) { $0.widened(with: $1) ?? $0 }
        case .fixed, .unknown: resolvedType = type
        }
        return Translated(
            sql: sql, type: resolvedType,
            hasWindow: translated.contains { $0.hasWindow } || function.numbersRowsWithoutOver,
            isAggregate: function.kind == .aggregate || translated.contains { $0.isAggregate })
    }

    /// Writes a call of a built-in function with already-translated arguments, through the dialect's table,
    /// then the generic table, then as `name(arguments)`.
    static func renderFunction(
        _ function: BuiltinFunction, _ arguments: [SQLExpression], _ types: [SQLType], distinct: Bool,
        dialect: any Dialect, windowed: Bool = false
    ) throws -> SQLExpression {
        let rendering = dialect.functionRenderings[function.name] ?? FunctionRendering.generic[function.name]
        switch rendering {
        case nil:
            return .call(SQLFunctionCall(name: function.name, arguments: arguments, distinct: distinct))
        case .renamed(let name)?:
            return .call(SQLFunctionCall(name: name, arguments: arguments, distinct: distinct))
        case .unsupported(let reason)?:
            throw PlanError.unsupportedFunction(function.name, dialect: dialect.name, reason: reason)
        case .build(let build)?:
            let context = FunctionArguments(
                function: function, values: arguments, types: types, distinct: distinct, dialect: dialect,
                isWindowed: windowed,
                renderFunction: { name, values, valueTypes in
                    try renderFunction(
                        BuiltinFunction.builtin(name), values, valueTypes, distinct: false, dialect: dialect)
                })
            return try build(context)
        }
    }
}
