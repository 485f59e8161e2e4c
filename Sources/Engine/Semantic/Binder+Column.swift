/// The methods of `Column`.
enum ColumnMethods {
    static let signatures: [String: Signature] = [
        "alias": Signature(["alias"]),
        "name": Signature(["alias"]),
        "cast": Signature(["type_name", "precision", "scale"], minimum: 1),
        "is_null": Signature(), "is_not_null": Signature(),
        "isin": Signature(["values"], minimum: 1, variadic: true),
        "between": Signature(["lower", "upper"]),
        "like": Signature(["pattern"]), "ilike": Signature(["pattern"]),
        "startswith": Signature(["prefix"]), "endswith": Signature(["suffix"]), "contains": Signature(["substring"]),
        "asc": Signature(), "desc": Signature(),
        "asc_nulls_first": Signature(), "asc_nulls_last": Signature(),
        "desc_nulls_first": Signature(), "desc_nulls_last": Signature(),
        "over": Signature(
            ["window"], minimum: 0, keywords: ["partition_by", "order_by", "rows_between", "range_between"]),
        "filter": Signature(["condition"]),
        "when": Signature(["condition", "value"]),
        "otherwise": Signature(["value"]),
    ]

    static let aliases: [String: String] = [
        "isnull": "is_null", "isnotnull": "is_not_null", "is_in": "isin", "starts_with": "startswith",
        "ends_with": "endswith", "astype": "cast",
    ]

    static var names: [String] { signatures.keys.sorted() }

    static func canonicalName(_ name: String) -> String? { method(named: name)?.name }

    /// The canonical name for a method as written, with its signature.
    static func method(named name: String) -> (name: String, signature: Signature)? {
        if let index = spellings.index(of: name) { return spellings[index] }
        guard let canonical = resolveName(name), let signature = signatures[canonical] else { return nil }
        return (canonical, signature)
    }

    /// The canonical and camelCase spellings of every method and alias, found by their bytes.
    private static let spellings = NameTable<(name: String, signature: Signature)>.spellings(
        of: Array(signatures.keys) + Array(aliases.keys)
    ) { name in
        guard let canonical = resolveName(name), let signature = signatures[canonical] else { return nil }
        return (canonical, signature)
    }

    private static func resolveName(_ name: String) -> String? {
        let snake = snakeCase(name)
        if signatures[snake] != nil { return snake }
        if let alias = aliases[snake] ?? aliases[name.lowercased()] { return alias }
        return nil
    }
}

extension Binder {
    func callColumnMethod(
        _ column: ColumnValue, name: String, nameRange: ByteRange, call: CallExpression, node: SyntaxNode
    )
        -> Value
    {
        guard let (method, signature) = ColumnMethods.method(named: name) else {
            if let dataFrameMethod = DataFrameMethods.canonicalName(name) {
                report(
                    .unknownMethod, nameRange,
                    "'\(name)' is a DataFrame method, but this is a Column; call \(dataFrameMethod)(...) on a DataFrame and pass the column to it"
                )
                evaluateArgumentsLoosely(call)
                return .unknown
            }
            reportUnknown(
                .unknownMethod, nameRange, "Column has no method '\(name)'", name: name, candidates: ColumnMethods.names
            )
            evaluateArgumentsLoosely(call)
            return .unknown
        }
        record(.method(name: method, receiver: .column(column.type), range: nameRange))
        let arguments = bindArguments(call, signature, name: method, calleeRange: nameRange)
        let expression = column.expression
        let inner = expression.unaliased
        var result = column
        func operand(_ name: String, _ index: Int) -> ColumnValue? {
            guard let node = arguments.value(name, index) else { return nil }
            return columnArgument(node)
        }
        // The commonest methods first: a `String` switch compares the name with each case in turn, a call for each
        // small string of other bits.
        switch method {
        case "alias", "name":
            guard let aliasNode = arguments.value("alias", 0), let alias = stringArgument(aliasNode, what: "a name")
            else { return .column(column) }
            if case .sortOrder = inner {
                result.expression = .alias(inner, alias)
            } else {
                result.expression = .alias(inner, alias)
            }
        case "asc", "desc", "asc_nulls_first", "asc_nulls_last", "desc_nulls_first", "desc_nulls_last":
            // One of the six names above: told apart by their first byte and length (`hasPrefix`/`hasSuffix` cost
            // about 100 instructions each).
            let length = method.utf8.count
            let direction: SortDirection = method.utf8.first == UInt8(ascii: "a") ? .ascending : .descending
            let nulls: NullsPlacement? =
                length == (direction == .ascending ? 15 : 16)
                ? .first : length == (direction == .ascending ? 14 : 15) ? .last : nil
            result.expression = .sortOrder(SortKey(inner, direction, nulls: nulls))
        case "cast":
            guard let typeNode = arguments.value("type_name", 0),
                let typeName = stringArgument(typeNode, what: "a type name")
            else { return .column(column) }
            var precision: Int?
            var scale: Int?
            if let node = arguments.value("precision", 1) { precision = integerArgument(node) }
            if let node = arguments.value("scale", 2) { scale = integerArgument(node) }
            guard let target = CastTarget(typeName: typeName, precision: precision, scale: scale) else {
                let known = [
                    "INTEGER", "BIGINT", "REAL", "DOUBLE", "FLOAT", "DECIMAL", "NUMERIC", "TEXT", "VARCHAR", "BOOLEAN",
                    "DATE", "TIME", "TIMESTAMP", "BLOB", "JSON",
                ]
                reportUnknown(
                    .unknownTypeName, typeNode.range, "unknown type '\(typeName)'", name: typeName.uppercased(),
                    candidates: known, replacementQuote: "\"")
                return .column(ColumnValue(.cast(inner, CastTarget(.text)), type: .unknown, pending: column.pending))
            }
            result = ColumnValue(
                .cast(inner, target), type: target.type, nullable: column.nullable, pending: column.pending)
        case "is_null", "is_not_null":
            result = ColumnValue(
                .isNull(inner, negated: method == "is_not_null"), type: .boolean, nullable: false,
                pending: column.pending)
        case "isin":
            let nodes = arguments.positional.nodes + (arguments.named["values"].map { [$0] } ?? [])
            if nodes.count == 1, case .frame(let frame) = evaluate(nodes[0]) {
                if frame.isComplete && frame.columns.count != 1 {
                    report(
                        .invalidUse, nodes[0].range,
                        "isin() with a DataFrame needs exactly one column; this one has \(frame.columns.count)")
                }
                result = ColumnValue(
                    .inSubquery(inner, frame.plan, negated: false), type: .boolean, pending: column.pending)
                break
            }
            var values: [Expression] = []
            for node in nodes {
                let value = evaluate(node)
                let elements: [Value]
                if case .list(let items, _) = value { elements = items } else { elements = [value] }
                for element in elements {
                    guard let item = columnOperand(element, range: node.range) else { continue }
                    if !comparable(column.type, item.type) {
                        report(
                            .comparisonTypeMismatch, node.range,
                            "isin() compares \(column.type.rawValue) with \(item.type.rawValue)")
                    }
                    values.append(item.expression.unaliased)
                }
            }
            result = ColumnValue(.inList(inner, values, negated: false), type: .boolean, pending: column.pending)
        case "between":
            guard let low = operand("lower", 0), let high = operand("upper", 1) else { return .unknown }
            for (bound, node) in [(low, arguments.value("lower", 0)), (high, arguments.value("upper", 1))]
            where !comparable(column.type, bound.type) {
                report(
                    .comparisonTypeMismatch, node?.range ?? nameRange,
                    "between() compares \(column.type.rawValue) with \(bound.type.rawValue)")
            }
            result = ColumnValue(
                .between(inner, low: low.expression.unaliased, high: high.expression.unaliased, negated: false),
                type: .boolean, pending: column.pending + low.pending + high.pending)
        case "like", "ilike", "startswith", "endswith", "contains":
            let parameter = [
                "like": "pattern", "ilike": "pattern", "startswith": "prefix", "endswith": "suffix",
                "contains": "substring",
            ][method]!
            guard let pattern = operand(parameter, 0) else { return .unknown }
            if column.type != .unknown && column.type != .text && column.type != .json {
                report(
                    .argumentTypeMismatch, nameRange,
                    "\(method)() tests text, but the column is \(column.type.rawValue)")
            }
            let kind: PatternMatch.Kind =
                method == "like"
                ? .like
                : method == "ilike"
                    ? .ilike
                    : method == "startswith"
                        ? .startsWith
                        : method == "endswith" ? .endsWith : .contains
            result = ColumnValue(
                .match(PatternMatch(inner, kind, pattern.expression.unaliased)), type: .boolean, pending: column.pending
            )
        case "over":
            return over(column, arguments: arguments, nameRange: nameRange)
        case "filter":
            guard let condition = operand("condition", 0) else { return .column(column) }
            guard case .function(var call) = inner, call.function.kind == .aggregate else {
                report(
                    .aggregateMisuse, nameRange,
                    "filter() on a column applies to aggregates, e.g. F.sum(col(\"x\")).filter(…)")
                return .column(column)
            }
            checkCondition(condition, range: arguments.range)
            call.filter =
                call.filter.map { .binary(.and, $0, condition.expression.unaliased) } ?? condition.expression.unaliased
            result.expression = rewrapAlias(expression, .function(call))
            result.pending += condition.pending
        case "when":
            guard case .caseWhen(let clauses, nil) = inner else {
                report(
                    .invalidUse, nameRange, "when() continues a when(...) chain started with F.when(condition, value)")
                return .unknown
            }
            guard let condition = operand("condition", 0), let value = operand("value", 1) else {
                return .column(column)
            }
            checkCondition(condition, range: arguments.value("condition", 0)?.range ?? nameRange)
            result = ColumnValue(
                .caseWhen(
                    clauses + [WhenClause(condition.expression.unaliased, value.expression.unaliased)], else: nil),
                type: column.type == .unknown ? value.type : column.type.widened(with: value.type) ?? column.type,
                pending: column.pending + condition.pending + value.pending)
        case "otherwise":
            guard case .caseWhen(let clauses, nil) = inner else {
                report(
                    .invalidUse, nameRange, "otherwise() ends a when(...) chain started with F.when(condition, value)")
                return .unknown
            }
            guard let value = operand("value", 0) else { return .column(column) }
            result = ColumnValue(
                .caseWhen(clauses, else: value.expression.unaliased),
                type: column.type == .unknown ? value.type : column.type.widened(with: value.type) ?? column.type,
                pending: column.pending + value.pending)
        default:
            break
        }
        return .column(result)
    }

    private func rewrapAlias(_ original: Expression, _ inner: Expression) -> Expression {
        if case .alias(_, let name) = original { return .alias(inner, name) }
        return inner
    }

    /// `.over(partition_by=…, order_by=…, rows_between=(a, b), range_between=(a, b))` or `.over(window)`.
    private func over(_ column: ColumnValue, arguments: Arguments, nameRange: ByteRange) -> Value {
        let inner = column.expression.unaliased
        var function = inner
        if case .window(let existing, _) = inner { function = existing }
        switch function {
        case .function(let call) where call.function.kind == .window || call.function.kind == .aggregate: break
        default:
            report(
                .invalidUse, nameRange,
                "over() applies to window functions (row_number, lag, …) and aggregates, not to this expression")
            return .column(column)
        }
        var specification = WindowSpecification()
        if let windowNode = arguments.value("window", 0) {
            switch evaluate(windowNode) {
            case .window(let window): specification = window
            case .unknown: break
            case let other: report(.argumentTypeMismatch, windowNode.range, "over() takes a Window, got \(other.kind)")
            }
        }
        if let node = arguments.named["partition_by"] {
            specification.partitionBy += selectableExpressions(node).map { $0.expression.unaliased }
        }
        if let node = arguments.named["order_by"] {
            specification.orderBy += selectableExpressions(node, allowSortOrder: true).map {
                SortKey(from: $0.expression.unaliased)
            }
        }
        for (keyword, unit) in [("rows_between", WindowFrame.Unit.rows), ("range_between", .range)] {
            guard let node = arguments.named[keyword] else { continue }
            let items = CollectionExpression(node)?.elements ?? []
            guard node.kind == .tupleExpression || node.kind == .listExpression, items.count == 2 else {
                report(.argumentTypeMismatch, node.range, "\(keyword)= takes a pair (start, end), e.g. (None, 0)")
                continue
            }
            specification.frame = WindowFrame(
                unit, start: .init(offset: frameBound(items[0]), isStart: true),
                end: .init(offset: frameBound(items[1]), isStart: false))
        }
        var result = column
        let windowed = Expression.window(function, specification)
        if case .alias(_, let name) = column.expression {
            result.expression = .alias(windowed, name)
        } else {
            result.expression = windowed
        }
        return .column(result)
    }
}
