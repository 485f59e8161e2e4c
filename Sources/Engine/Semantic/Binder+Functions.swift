extension Binder {
    /// Calls a function of the registry (`F.sum(...)`, `upper(...)`, `when(...)`, …).
    func callFunction(
        _ function: BuiltinFunction, call: CallExpression, calleeRange: ByteRange, node: SyntaxNode
    )
        -> Value
    {
        let variadic = function.maximumArguments == nil
        let signature = function.signature
        // Argument nodes in parameter order, read where they are (no array); `nil` for a parameter skipped before
        // one given by keyword.
        let nodes = ParameterNodes(
            bindArguments(call, signature, name: function.name, calleeRange: calleeRange), of: function)
        // Functions with rules of their own are told apart by the rule their entry was made with, without
        // comparing names: nearly every call is to none of them.
        let rule = function.bindingRule
        if rule.isSpecialForm, let value = callSpecialForm(function, nodes) { return value }
        var expressions: [Expression] = []
        var types: [SQLType] = []
        var pending: [PendingReference] = []
        for index in 0..<nodes.count {
            let optionalNode = nodes[index]
            let parameter = variadic ? function.parameters.last ?? "" : function.parameters[index]
            guard let argumentNode = optionalNode else {
                expressions.append(defaultArgument(function, parameter))
                types.append(.integer)
                continue
            }
            let namesColumns =
                Self.parameterNamesColumns(parameter) || rule == .countDistinct
                || (rule == .count && parameter == "col")
            if rule == .count, let text = stringLiteral(argumentNode), text == "*" { continue }
            guard let column = columnArgument(argumentNode, namesColumns: namesColumns) else {
                expressions.append(.literal(.null))
                types.append(.unknown)
                continue
            }
            if function.kind == .aggregate, column.expression.containsAggregate {
                report(
                    .aggregateMisuse, argumentNode.range,
                    "an aggregate cannot contain another aggregate (\(function.name) of an aggregate)")
            }
            expressions.append(column.expression.unaliased)
            types.append(column.type)
            pending += column.pending
        }
        let distinct = rule == .countDistinct || rule == .collectSet
        let expression = Expression.function(FunctionCall(function, expressions, distinct: distinct))
        // A count is never NULL (0 for no rows); other results may be.
        let counts = rule == .count || rule == .countDistinct
        return .column(
            ColumnValue(expression, type: resultType(function, types), nullable: !counts, pending: pending))
    }

    /// `lit`, `when`, `isnull`/`isnotnull` and the subquery functions, which ``callFunction(_:call:calleeRange:node:)``
    /// does not bind as plain calls; `nil` for any other function.
    private func callSpecialForm(_ function: BuiltinFunction, _ nodes: ParameterNodes) -> Value? {
        switch function.bindingRule {
        case .lit:
            guard let first = nodes.first ?? nil else { return .unknown }
            let value = evaluate(first)
            switch value {
            case .scalar(let literal):
                return .column(ColumnValue(.literal(literal), type: literal.checkerType, nullable: literal == .null))
            case .column: return value
            default: return .unknown
            }
        case .when:
            guard nodes.count == 2, let conditionNode = nodes[0], let valueNode = nodes[1] else { return .unknown }
            guard let condition = columnArgument(conditionNode), let value = columnArgument(valueNode) else {
                return .unknown
            }
            checkCondition(condition, range: conditionNode.range)
            return .column(
                ColumnValue(
                    .caseWhen([WhenClause(condition.expression.unaliased, value.expression.unaliased)], else: nil),
                    type: value.type, pending: condition.pending + value.pending))
        case .isNull, .isNotNull:
            guard let first = nodes.first ?? nil, let operand = columnArgument(first, namesColumns: true) else {
                return .unknown
            }
            return .column(
                ColumnValue(
                    .isNull(operand.expression.unaliased, negated: function.bindingRule == .isNotNull), type: .boolean,
                    nullable: false, pending: operand.pending))
        case .exists, .notExists, .scalarSubquery:
            guard let first = nodes.first ?? nil else { return .unknown }
            let value = evaluate(first)
            guard case .frame(let frame) = value else {
                if !value.isUnknown {
                    report(
                        .argumentTypeMismatch, first.range, "\(function.name)() takes a DataFrame, got \(value.kind)")
                }
                return .unknown
            }
            if function.bindingRule == .scalarSubquery {
                if frame.isComplete && frame.columns.count != 1 {
                    report(
                        .invalidUse, first.range,
                        "a scalar subquery must yield one column; this one yields \(frame.columns.count)")
                }
                return .column(ColumnValue(.scalarSubquery(frame.plan), type: frame.columns.first?.type ?? .unknown))
            }
            return .column(
                ColumnValue(
                    .exists(frame.plan, negated: function.bindingRule == .notExists), type: .boolean, nullable: false))
        default:
            return nil
        }
    }

    /// Whether a string given for this parameter names a column (`F.sum("amount")`), not a text value.
    private static func parameterNamesColumns(_ parameter: String) -> Bool {
        switch parameter {
        case "col", "col1", "col2", "y", "x", "end", "start", "date1", "date2": true
        default: false
        }
    }

    /// The value of a parameter skipped before one given by keyword (`lag(x, default=0)` keeps offset 1).
    private func defaultArgument(_ function: BuiltinFunction, _ parameter: String) -> Expression {
        switch parameter {
        case "offset", "pos": return .literal(.integer(1))
        case "scale", "idx": return .literal(.integer(0))
        default: return .literal(.null)
        }
    }

    /// The result type of a registry function given its argument types.
    func resultType(_ function: BuiltinFunction, _ types: [SQLType]) -> SQLType {
        switch function.returnType {
        case .fixed(let type): return type
        case .argument(let index): return index < types.count ? types[index] : .unknown
        case .fractionalOf(let index):
            let type = index < types.count ? types[index] : .unknown
            return type == .decimal ? .decimal : .real
        case .widenedArguments:
            guard let first = types.first else { return .unknown }
            return types.dropFirst().reduce(first) { $0.widened(with: $1) ?? $0 }
        case .unknown: return .unknown
        }
    }

    /// Evaluates an argument that must be a column expression: a column, a literal, or (when `namesColumns`) a
    /// string naming a column. `nil` when it is unknown or of the wrong kind (reported).
    func columnArgument(_ node: SyntaxNode, namesColumns: Bool = false, allowsSubquery: Bool = true) -> ColumnValue? {
        if namesColumns, let column = resolveColumn(literal: node) { return column }
        if namesColumns, let name = stringLiteral(node) {
            return resolveColumn(name, range: innerRange(of: node))
        }
        let value = evaluate(node)
        switch value {
        case .column(let column): return resolvePending(column)
        case .scalar(let literal):
            return ColumnValue(.literal(literal), type: literal.checkerType, nullable: literal == .null)
        case .unknown: return nil
        case .frame(let frame) where allowsSubquery:
            return ColumnValue(
                .scalarSubquery(frame.plan), type: frame.columns.count == 1 ? frame.columns[0].type : .unknown)
        default:
            reportKindMismatch(node, expected: "a column expression", got: value)
            return nil
        }
    }

    /// Reports a condition whose type is known and not boolean.
    func checkCondition(_ condition: ColumnValue, range: ByteRange) {
        switch condition.type {
        case .boolean, .unknown, .integer: break
        default:
            report(
                .conditionNotBoolean, range,
                "a condition must be boolean, but this is \(condition.type.rawValue); compare it, e.g. col(…) > 0 or .is_not_null()"
            )
        }
    }

    // MARK: - Schema helpers

    /// `column(name, type_name, nullable=True, default=None, primary_key=False, precision=None, scale=None)`.
    func callColumnDefinition(call: CallExpression, calleeRange: ByteRange) -> Value {
        let signature = Signature(
            ["name", "type_name", "nullable", "default", "primary_key", "precision", "scale"], minimum: 2,
            keywords: ["unique"])
        let arguments = bindArguments(call, signature, name: "column", calleeRange: calleeRange)
        var values: [String: Value] = [:]
        for (index, parameter) in (signature.parameters + signature.keywords).enumerated() {
            if let node = arguments.value(parameter, index < signature.parameters.count ? index : nil) {
                values[parameter] = evaluate(node)
            }
        }
        guard case .scalar(.text(let name))? = values["name"] else { return .unknown }
        var type = SQLType.unknown
        var declared = ""
        if case .scalar(.text(let typeName))? = values["type_name"], let node = arguments.value("type_name", 1) {
            type = SQLType(declaredTypeName: typeName)
            declared = typeName
            if type == .unknown {
                report(
                    .unknownTypeName, node.range,
                    "unknown type '\(typeName)'; use INTEGER, REAL, DECIMAL, TEXT, VARCHAR, BOOLEAN, DATE, TIMESTAMP, BLOB or JSON"
                )
            }
        }
        func bool(_ key: String, _ fallback: Bool) -> Bool {
            if case .scalar(.boolean(let value))? = values[key] { return value }
            return fallback
        }
        func int(_ key: String) -> Int? {
            if case .scalar(.integer(let value))? = values[key] { return Int(value) }
            return nil
        }
        var defaultValue: DatabaseValue?
        if case .scalar(let value)? = values["default"], value != .null { defaultValue = value }
        return .columnDefinition(
            ColumnDefinition(
                name, typeName: declared, precision: int("precision"), scale: int("scale"),
                nullable: bool("nullable", true),
                default: defaultValue, primaryKey: bool("primary_key", false), unique: bool("unique", false)))
    }

    /// `unique(cols, name=None)`, `check(expr, name=None)`, `foreign_key(cols, references, ref_cols, …)`.
    func callConstraint(_ callable: Callable, call: CallExpression, calleeRange: ByteRange) -> Value {
        func names(_ value: Value) -> [String] {
            switch value {
            case .scalar(.text(let name)): return [name]
            case .list(let elements, _):
                return elements.compactMap { if case .scalar(.text(let name)) = $0 { name } else { nil } }
            default: return []
            }
        }
        func text(_ node: SyntaxNode?) -> String? {
            guard let node, case .scalar(.text(let value)) = evaluate(node) else { return nil }
            return value
        }
        switch callable {
        case .unique:
            let arguments = bindArguments(
                call, Signature(["columns", "name"], minimum: 1), name: "unique", calleeRange: calleeRange)
            let columns = arguments.value("columns", 0).map { names(evaluate($0)) } ?? []
            return .constraint(.unique(name: text(arguments.value("name", 1)), columns: columns))
        case .check:
            let arguments = bindArguments(
                call, Signature(["condition", "name"], minimum: 1), name: "check", calleeRange: calleeRange)
            guard let node = arguments.value("condition", 0), let condition = columnArgument(node) else {
                return .unknown
            }
            return .constraint(.check(name: text(arguments.value("name", 1)), condition: condition.expression))
        default:
            let arguments = bindArguments(
                call, Signature(["columns", "references", "referenced_columns", "name", "on_delete"], minimum: 3),
                name: "foreign_key", calleeRange: calleeRange)
            let columns = arguments.value("columns", 0).map { names(evaluate($0)) } ?? []
            let table = text(arguments.value("references", 1)) ?? ""
            let referenced = arguments.value("referenced_columns", 2).map { names(evaluate($0)) } ?? []
            return .constraint(
                .foreignKey(
                    name: text(arguments.value("name", 3)), columns: columns, references: TableReference(table),
                    referencedColumns: referenced, onDelete: text(arguments.value("on_delete", 4))))
        }
    }

    // MARK: - Window and transaction

    func callWindowMethod(
        _ specification: WindowSpecification, name: String, nameRange: ByteRange, call: CallExpression
    )
        -> Value
    {
        let method = snakeCase(name)
        guard let signature = WindowMethods.signatures[method] else {
            reportUnknown(
                .unknownMethod, nameRange, "Window has no method '\(name)'", name: name,
                candidates: ["partitionBy", "orderBy", "rowsBetween", "rangeBetween"])
            evaluateArgumentsLoosely(call)
            return .unknown
        }
        record(.method(name: method, receiver: .window, range: nameRange))
        let arguments = bindArguments(call, signature, name: method, calleeRange: nameRange)
        var specification = specification
        switch method {
        case "partition_by":
            specification.partitionBy += arguments.positional.flatMap { selectableExpressions($0) }.map(\.expression)
        case "order_by":
            specification.orderBy += arguments.positional.flatMap { selectableExpressions($0, allowSortOrder: true) }
                .map { SortKey(from: $0.expression) }
        default:
            let start = frameBound(arguments.value("start", 0))
            let end = frameBound(arguments.value("end", 1))
            specification.frame = WindowFrame(
                method == "rows_between" ? .rows : .range, start: .init(offset: start, isStart: true),
                end: .init(offset: end, isStart: false))
        }
        return .window(specification)
    }

    /// A frame bound: an integer, `None`/`Window.unboundedPreceding` (unbounded) or `Window.currentRow` (0).
    func frameBound(_ node: SyntaxNode?) -> Int? {
        guard let node else { return nil }
        switch evaluate(node) {
        case .scalar(.integer(let value)): return Int(value)
        case .scalar(.null), .unknown: return nil
        case let other:
            report(.argumentTypeMismatch, node.range, "a frame bound is an integer or None, got \(other.kind)")
            return nil
        }
    }

    static let transactionSignatures: [String: Signature] = [
        "commit": Signature(), "rollback": Signature(), "savepoint": Signature(["name"], minimum: 0),
        "rollback_to_savepoint": Signature(["name"], minimum: 0),
        "release_savepoint": Signature(["name"], minimum: 0),
        "is_active": Signature(), "is_readonly": Signature(),
    ]

    func callTransactionMethod(name: String, nameRange: ByteRange, call: CallExpression) -> Value {
        let method = snakeCase(name)
        let signatures = Self.transactionSignatures
        guard let signature = signatures[method] else {
            reportUnknown(
                .unknownMethod, nameRange, "the transaction has no method '\(name)'", name: name,
                candidates: signatures.keys.sorted())
            evaluateArgumentsLoosely(call)
            return .unknown
        }
        record(.method(name: method, receiver: .transaction, range: nameRange))
        let arguments = bindArguments(call, signature, name: method, calleeRange: nameRange)
        var savepoint: String?
        if let node = arguments.value("name", 0), case .scalar(.text(let text)) = evaluate(node) { savepoint = text }
        switch method {
        case "commit": return .transactionControl(.commit)
        case "rollback": return .transactionControl(.rollback)
        case "savepoint": return .transactionControl(.savepoint(name: savepoint))
        case "rollback_to_savepoint": return .transactionControl(.rollbackToSavepoint(name: savepoint))
        case "release_savepoint": return .transactionControl(.releaseSavepoint(name: savepoint))
        default: return .scalar(.boolean(true))
        }
    }
}

/// The methods of `Window` specifications.
enum WindowMethods {
    static let signatures: [String: Signature] = [
        "partition_by": Signature(["cols"], variadic: true),
        "order_by": Signature(["cols"], variadic: true),
        "rows_between": Signature(["start", "end"]),
        "range_between": Signature(["start", "end"]),
    ]
}

/// A registry function's argument nodes in parameter order, read from its ``Arguments`` where they are: the
/// positional ones for a variadic function, else each parameter's keyword or positional argument up to the last one
/// given (`nil` for one skipped before a later keyword).
struct ParameterNodes {
    private let arguments: Arguments
    private let parameters: [String]
    private let variadic: Bool
    /// How many there are.
    let count: Int

    init(_ arguments: consuming Arguments, of function: BuiltinFunction) {
        let variadic = function.maximumArguments == nil
        let parameters = function.parameters
        var count = 0
        if variadic {
            count = arguments.positional.count
        } else if arguments.named.isEmpty {
            // No keywords (nearly every call): the parameters given are the positional ones, read without making
            // a node for each.
            count = min(arguments.positional.count, parameters.count)
        } else {
            var index = parameters.count - 1
            while index >= 0 && arguments.value(parameters[index], index) == nil { index -= 1 }
            count = index + 1
        }
        self.arguments = arguments
        self.parameters = parameters
        self.variadic = variadic
        self.count = count
    }

    subscript(index: Int) -> SyntaxNode? {
        variadic ? arguments.positional[index] : arguments.value(parameters[index], index)
    }

    /// The first one, if any.
    var first: SyntaxNode?? { count > 0 ? self[0] : nil }
}
