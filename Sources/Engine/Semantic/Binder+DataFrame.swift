/// The methods of `DataFrame` with their parameters (snake_case; camelCase spellings map onto them).
enum DataFrameMethods {
    static let joinKinds = [
        "inner", "left", "right", "full", "outer", "cross", "semi", "anti", "left_outer", "right_outer",
        "full_outer", "left_semi", "left_anti", "leftouter", "rightouter", "fullouter", "leftsemi", "leftanti",
    ]

    static let signatures: [String: Signature] = [
        "select": Signature(["cols"], variadic: true),
        "select_expr": Signature(["exprs"], variadic: true),
        "where": Signature(["predicate"]),
        "with_column": Signature(["col_name", "col_expr"]),
        "with_columns": Signature(["cols_map"]),
        "with_column_renamed": Signature(["existing", "new"]),
        "drop": Signature(["cols"], variadic: true),
        "order_by": Signature(["cols"], variadic: true),
        "limit": Signature(["count"]),
        "offset": Signature(["count"]),
        "distinct": Signature(),
        "drop_duplicates": Signature(["subset"], minimum: 0),
        "join": Signature(
            ["other", "on", "how"], minimum: 1, keywords: ["lateral", "hints"], enumerated: ["how": joinKinds]),
        "cross_join": Signature(["other"]),
        "semi_join": Signature(["other", "on"], minimum: 1),
        "anti_join": Signature(["other", "on"], minimum: 1),
        "group_by": Signature(["cols"], minimum: 1, variadic: true),
        "agg": Signature(["exprs"], minimum: 1, variadic: true),
        "union": Signature(["other"]),
        "union_all": Signature(["other"]),
        "union_by_name": Signature(["other", "allow_missing_columns"], minimum: 1),
        "intersect": Signature(["other"]),
        "except_": Signature(["other"]),
        "cte": Signature(["name"]),
        "recursive_cte": Signature(["name", "recursive", "union_all"], minimum: 2),
        "alias": Signature(["alias"]),
        "explode": Signature(["column", "alias"], minimum: 1),
        "fillna": Signature(["value", "subset"], minimum: 1),
        "dropna": Signature(["how", "subset"], minimum: 0, enumerated: ["how": ["any", "all"]]),
        "sample": Signature(["fraction", "seed"], minimum: 1),
        "describe": Signature(["cols"], variadic: true),
        "summary": Signature(["statistics"], variadic: true),
        "pivot": Signature(["pivot_column", "value_column", "agg_func", "pivot_values"], minimum: 2),
        "select_for_update": Signature(keywords: ["nowait", "skip_locked", "of"]),
        "select_for_share": Signature(keywords: ["nowait", "skip_locked", "of"]),
        "collect": Signature(["stream"], minimum: 0),
        "count": Signature(),
        "head": Signature(["n"], minimum: 0),
        "take": Signature(["num"]),
        "first": Signature(),
        "tail": Signature(["n"], minimum: 0),
        "show": Signature(["n", "truncate"], minimum: 0, keywords: ["count_total", "vertical"]),
        "nunique": Signature(["column"], minimum: 0),
        "to_sql": Signature(["pretty"], minimum: 0),
        "show_sql": Signature(["max_length"], minimum: 0),
        "sql_preview": Signature(["max_length"], minimum: 0),
        "explain": Signature(["analyze"], minimum: 0),
        "print_schema": Signature(),
        "insert_into": Signature(["table", "columns"], minimum: 1),
    ]

    static let aliases: [String: String] = [
        "filter": "where", "sort": "order_by", "subtract": "except_", "except": "except_", "unionall": "union_all",
        "print_schema": "print_schema", "save_as_table": "save_as_table",
    ]

    /// Every method name, as completion offers them.
    static let names: [String] = (Array(signatures.keys) + ["filter", "sort", "subtract", "write", "columns"]).sorted()

    /// The canonical (table) name for a method as written, or `nil` when there is none.
    static func canonicalName(_ name: String) -> String? { method(named: name)?.name }

    /// The canonical name for a method as written, with its signature and the step it makes (one table lookup
    /// for all three).
    static func method(named name: String) -> Method? {
        if let index = spellings.index(of: name) { return spellings[index] }
        return resolveMethod(named: name)
    }

    /// A method found by name: its canonical name, signature and step.
    typealias Method = (name: String, signature: Signature, step: DataFrameStep)

    /// The canonical and camelCase spellings of every method and alias, found by their bytes.
    private static let spellings = NameTable<Method>.spellings(
        of: Array(signatures.keys) + Array(aliases.keys), resolveMethod(named:))

    private static func resolveMethod(named name: String) -> Method? {
        let snake = snakeCase(name)
        if let signature = signatures[snake] { return (snake, signature, DataFrameStep(method: snake)) }
        if let alias = aliases[snake], let signature = signatures[alias] {
            return (alias, signature, DataFrameStep(method: alias))
        }
        return nil
    }

    /// Methods whose bare string arguments name columns.
    static let stringColumnMethods: Set<String> = [
        "select", "drop", "order_by", "group_by", "drop_duplicates", "with_column_renamed", "explode", "fillna",
        "dropna", "describe", "nunique", "pivot", "join", "semi_join", "anti_join",
    ]
}

/// What a DataFrame method does, found with its name in one table lookup, so that the binder dispatches on it
/// instead of comparing the name with every method's in turn.
enum DataFrameStep {
    case select, selectExpr, filter, withColumn, withColumns, withColumnRenamed, drop, orderBy, limitOrOffset, distinct,
        dropDuplicates, join, groupBy, agg, unionByName, setOperation, cteOrAlias, recursiveCTE, explode, nullHandling,
        sample, describe, summary, pivot, rowLock, action, insertInto
    /// A method the binder passes through unchanged.
    case other

    init(method: String) {
        switch method {
        case "select": self = .select
        case "select_expr": self = .selectExpr
        case "where": self = .filter
        case "with_column": self = .withColumn
        case "with_columns": self = .withColumns
        case "with_column_renamed": self = .withColumnRenamed
        case "drop": self = .drop
        case "order_by": self = .orderBy
        case "limit", "offset": self = .limitOrOffset
        case "distinct": self = .distinct
        case "drop_duplicates": self = .dropDuplicates
        case "join", "cross_join", "semi_join", "anti_join": self = .join
        case "group_by": self = .groupBy
        case "agg": self = .agg
        case "union_by_name": self = .unionByName
        case "union", "union_all", "intersect", "except_": self = .setOperation
        case "cte", "alias": self = .cteOrAlias
        case "recursive_cte": self = .recursiveCTE
        case "explode": self = .explode
        case "fillna", "dropna": self = .nullHandling
        case "sample": self = .sample
        case "describe": self = .describe
        case "summary": self = .summary
        case "pivot": self = .pivot
        case "select_for_update", "select_for_share": self = .rowLock
        case "collect", "count", "head", "take", "first", "tail", "show", "nunique", "to_sql", "show_sql",
            "sql_preview", "explain", "print_schema":
            self = .action
        case "insert_into": self = .insertInto
        default: self = .other
        }
    }
}

extension Binder {
    /// Calls a DataFrame method: checks its arguments against the frame's columns and computes the next step.
    ///
    /// The frame is consumed: it moves through the step, which changes it in place (a borrowed frame was copied
    /// into the step's result, a retain of its plan and arrays, and the original destroyed afterwards).
    func callDataFrameMethod(
        _ frame: consuming Frame, name: String, nameRange: ByteRange, call: CallExpression, node: SyntaxNode
    )
        -> Value
    {
        var slot: Frame? = frame
        if let result = callDataFrameMethod(inPlace: &slot, name: name, nameRange: nameRange, call: call, node: node) {
            return result
        }
        return .frame(slot.take()!)
    }

    /// Calls a DataFrame method on the frame in `slot` (not `nil`), which the step changes in place: `nil` when
    /// the result is that frame (a `select`, `where`, `join`, `order_by`, …), else the result (`group_by`'s grouped
    /// frame, an action, an error's `.unknown`), and the slot is then to be dropped (`group_by` and the actions
    /// take the frame out of it, so that it moves into their result instead of being copied). A chain of steps
    /// (``evaluatePostfix(_:)``) keeps its frame in one slot this way instead of taking it out of a `Value` at
    /// every step (this compiler copies an enum payload bound by a `switch`, even a consumed one: a retain of the
    /// frame's plan, columns and origins a step, released with the old value).
    func callDataFrameMethod(
        inPlace slot: inout Frame?, name: String, nameRange: ByteRange, call: CallExpression, node: SyntaxNode
    )
        -> Value?
    {
        guard let (method, signature, step) = DataFrameMethods.method(named: name) else {
            reportUnknownDataFrameMethod(name, nameRange: nameRange, call: call)
            return .unknown
        }
        let arguments = bindArguments(call, signature, name: name, calleeRange: nameRange)
        if recordsFacts { recordStepScope(arguments.range, columns: slot!.columns, method: method) }
        // What a non-frame result records as its receiver, read before the frame moves on.
        let receiver: ValueKind? =
            recordsFacts ? .dataFrame(schema: slot!.columns, isComplete: slot!.isComplete) : nil
        // The scope is pushed and popped here rather than through `withScope`, whose closure could only borrow the
        // frame.
        pushScope(slot!.scope)
        let result: Value?
        switch step {
        case .groupBy: result = groupBy(slot.take()!, arguments: arguments)
        case .action: result = action(slot.take()!, method: method, arguments: arguments, nameRange: nameRange)
        default:
            result = dataFrameStep(
                &slot!, method: method, step: step, arguments: arguments, call: call, nameRange: nameRange, node: node)
        }
        popScope()
        // Only when recording: binding the result's frame copies it (a retain and a release of its plan and
        // arrays) even when `record` then does nothing.
        if let receiver {
            recordDataFrameStep(result ?? .frame(slot!), receiver: receiver, method: method, nameRange: nameRange)
        }
        return result
    }

    /// A call of a method DataFrame does not have (a call of its own, so that ``callDataFrameMethod`` does not
    /// pay for its set-up).
    @inline(never)
    private func reportUnknownDataFrameMethod(_ name: String, nameRange: ByteRange, call: CallExpression) {
        if snakeCase(name) == "write" || name == "na" {
            report(.invalidUse, nameRange, "'\(name)' is an attribute, not a method: write df.\(name).…")
            return
        }
        reportUnknown(
            .unknownMethod, nameRange, "DataFrame has no method '\(name)'", name: name,
            candidates: DataFrameMethods.names + DataFrameMethods.names.map(camelCase))
        evaluateArgumentsLoosely(call)
    }

    /// Records the columns in scope of a DataFrame step's argument list, for completion.
    @inline(never)
    private func recordStepScope(_ range: ByteRange, columns: [PlanColumn], method: String) {
        recordColumnScope(
            ColumnScopeRecord(
                range: range, columns: columns,
                stringsAreColumns: DataFrameMethods.stringColumnMethods.contains(method)))
    }

    /// Records a DataFrame step's result for queries by position.
    @inline(never)
    private func recordDataFrameStep(_ result: Value, receiver: ValueKind, method: String, nameRange: ByteRange) {
        switch result {
        case .frame(let next):
            record(.dataFrameStep(schema: next.columns, plan: next.plan, range: nameRange))
        case .action(let next, _):
            record(.dataFrameStep(schema: next.columns, plan: next.plan, range: nameRange))
        default:
            record(.method(name: method, receiver: receiver, range: nameRange))
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    ///
    /// The common steps change `frame` in place and return `nil`; the others start from a copy (`next`) and store
    /// it there, and a step whose result is not that frame returns its result.
    private func dataFrameStep(
        _ frame: inout Frame, method: String, step: DataFrameStep, arguments: Arguments, call: CallExpression,
        nameRange: ByteRange, node: SyntaxNode
    ) -> Value? {
        switch step {
        case .select:
            let columns = selectableExpressions(of: arguments.positional)
            if columns.isEmpty { return nil }
            if columns.contains(where: { $0.expression.containsAggregate }) {
                return aggregate(
                    frame.plan, keys: [], keyColumns: [], keyOrigins: .none, columns: columns, range: arguments.range,
                    fromSelect: true)
            }
            let (projected, origins) = projection(of: columns, over: frame, range: arguments.range)
            frame.plan = projectPlan(frame.plan, columns.map(\.expression), nameRange)
            frame.columns = projected
            frame.origins = origins
            frame.isComplete =
                frame.isComplete || !columns.contains { if case .star = $0.expression { true } else { false } }
            return nil
        case .selectExpr:
            var next = copy frame
            var expressions: [Expression] = []
            for argument in arguments.positional {
                guard let expression = parsedExpression(argument) else { continue }
                expressions.append(expression)
            }
            next.plan = .project(frame.plan, expressions)
            next.columns = projectedColumns(expressions.map { ($0, SQLType.unknown, true) }, over: frame)
            next.origins = ColumnOrigins(repeating: arguments.range, count: next.columns.count)
            frame = next; return nil
        case .filter:
            guard let predicateNode = arguments.value("predicate", 0) else { return nil }
            let predicate: Expression
            if stringLiteral(predicateNode) != nil {
                guard let parsed = parsedExpression(predicateNode) else { return nil }
                predicate = parsed
            } else {
                guard let condition = columnArgument(predicateNode, allowsSubquery: false) else {
                    return nil
                }
                checkCondition(condition, range: predicateNode.range)
                checkPlacement(
                    condition.expression, range: predicateNode.range, allowAggregate: false, context: "where()")
                predicate = condition.expression
            }
            frame.plan = .filter(frame.plan, predicate.unaliased)
            return nil
        case .withColumn:
            var next = copy frame
            guard let nameNode = arguments.value("col_name", 0), let valueNode = arguments.value("col_expr", 1),
                let columnName = stringArgument(nameNode, what: "a column name")
            else { return nil }
            let value: ColumnValue
            if stringLiteral(valueNode) != nil {
                guard let parsed = parsedExpression(valueNode) else { return nil }
                value = ColumnValue(parsed, type: .unknown)
            } else {
                guard let column = columnArgument(valueNode) else {
                    return addingUnknownColumn(frame, columnName, nameNode.range)
                }
                checkPlacement(
                    column.expression, range: valueNode.range, allowAggregate: false, context: "with_column()")
                value = column
            }
            next.plan = .withColumns(frame.plan, [NamedExpression(columnName, value.expression.unaliased)])
            setColumn(
                &next, PlanColumn(name: columnName, type: value.type, isNullable: value.nullable),
                origin: nameNode.range)
            frame = next; return nil
        case .withColumns:
            var next = copy frame
            guard let mapNode = arguments.value("cols_map", 0) else { return nil }
            guard case .dict(let entries) = evaluateWithColumnScope(mapNode) else { return nil }
            var additions: [NamedExpression] = []
            for entry in entries {
                guard let key = entry.key else { continue }
                guard let column = columnOperand(entry.value, range: entry.valueRange) else { continue }
                let resolved = resolvePending(column)
                checkPlacement(
                    resolved.expression, range: entry.valueRange, allowAggregate: false, context: "with_columns()")
                additions.append(NamedExpression(key, resolved.expression.unaliased))
                setColumn(
                    &next, PlanColumn(name: key, type: resolved.type, isNullable: resolved.nullable),
                    origin: entry.keyRange)
            }
            next.plan = .withColumns(frame.plan, additions)
            frame = next; return nil
        case .withColumnRenamed:
            var next = copy frame
            guard let existingNode = arguments.value("existing", 0), let newNode = arguments.value("new", 1),
                let existing = stringArgument(existingNode, what: "a column name"),
                let new = stringArgument(newNode, what: "a column name")
            else { return nil }
            let found = matches(ColumnReference(existing), in: frame.columns)
            if found.isEmpty && frame.isComplete {
                _ = lookUp(
                    ColumnReference(existing), range: innerRange(of: existingNode),
                    fixRange: innerRange(of: existingNode))
            } else if let index = found.first {
                record(.column(frame.columns[index], range: innerRange(of: existingNode)))
            }
            for index in found where index < next.columns.count {
                next.columns[index].name = new
                next.columns[index].qualifiers = []
            }
            next.plan = build(DataFrame(frame.plan).withColumnRenamed(existing, new), nameRange)
            frame = next; return nil
        case .drop:
            var next = copy frame
            var names: [String] = []
            for argument in arguments.positional {
                for column in selectableExpressions(argument) {
                    if case .column(let reference) = column.expression.unaliased { names.append(reference.name) }
                }
            }
            next.plan = .dropColumns(frame.plan, names)
            let keep = next.columns.indices.filter { !names.contains(next.columns[$0].name) }
            next.columns = keep.map { next.columns[$0] }
            next.origins = frame.origins.selecting(keep, default: nameRange)
            frame = next; return nil
        case .orderBy:
            let keys = selectableExpressions(of: arguments.positional, allowSortOrder: true)
            guard !keys.isEmpty else { return nil }
            frame.plan = .sort(frame.plan, keys.map { SortKey(from: $0.expression.unaliased) })
            return nil
        case .limitOrOffset:
            guard let countNode = arguments.value("count", 0), let count = integerArgument(countNode) else {
                return nil
            }
            if count < 0 {
                report(.invalidUse, countNode.range, "\(method) must not be negative, got \(count)")
                return nil
            }
            frame.plan = .limit(
                frame.plan, count: method == "limit" ? count : nil, offset: method == "offset" ? count : 0)
            return nil
        case .distinct:
            frame.plan = .distinct(frame.plan)
            return nil
        case .dropDuplicates:
            var next = copy frame
            var subset: [String]?
            if let subsetNode = arguments.value("subset", 0) {
                subset = selectableExpressions(subsetNode).compactMap {
                    if case .column(let reference) = $0.expression { reference.name } else { nil }
                }
            }
            next.plan = build(DataFrame(frame.plan).dropDuplicates(subset), nameRange)
            frame = next; return nil
        case .join:
            return join(&frame, method: method, arguments: arguments, nameRange: nameRange)
        case .groupBy:
            return groupBy(frame, arguments: arguments)
        case .agg:
            let columns = aggregateArguments(arguments, over: frame, keyColumns: [])
            return aggregate(
                frame.plan, keys: [], keyColumns: [], keyOrigins: .none, columns: columns, range: arguments.range,
                fromSelect: false)
        case .unionByName:
            var next = copy frame
            guard let otherNode = arguments.value("other", 0), let other = frameArgument(otherNode) else {
                return .unknown
            }
            var allowMissing = false
            if let node = arguments.value("allow_missing_columns", 1) {
                let value = evaluate(node)
                if case .scalar(.boolean(let flag)) = value {
                    allowMissing = flag
                } else if !value.isUnknown {
                    report(.argumentTypeMismatch, node.range, "allowMissingColumns takes True or False")
                }
            }
            next.plan = .unionByName(frame.plan, other.plan, allowMissingColumns: allowMissing)
            if frame.isComplete && other.isComplete {
                do {
                    next.columns = try LogicalPlan.unionByNameColumns(
                        frame.columns, other.columns, allowMissingColumns: allowMissing
                    ).map(\.column)
                } catch let error as PlanError {
                    report(error.diagnosticCode, otherNode.range, error.message)
                } catch {}
            } else {
                next.isComplete = false
            }
            next.origins = ColumnOrigins(repeating: nameRange, count: next.columns.count)
            frame = next; return nil
        case .setOperation:
            var next = copy frame
            guard let otherNode = arguments.value("other", 0), let other = frameArgument(otherNode) else {
                return .unknown
            }
            if frame.isComplete && other.isComplete && frame.columns.count != other.columns.count {
                report(
                    .invalidUse, otherNode.range,
                    "\(method) needs the same number of columns on both sides: \(frame.columns.count) and \(other.columns.count)"
                )
            }
            let op: SetOperator =
                method == "union"
                ? .union : method == "union_all" ? .unionAll : method == "intersect" ? .intersect : .except
            next.plan = .setOperation(op, frame.plan, other.plan)
            next.columns = frame.columns.map { PlanColumn(name: $0.name, type: $0.type, isNullable: $0.isNullable) }
            frame = next; return nil
        case .cteOrAlias:
            var next = copy frame
            guard let nameNode = arguments.value(method == "cte" ? "name" : "alias", 0),
                let alias = stringArgument(nameNode, what: "a name")
            else { return nil }
            if method == "cte" {
                next.plan = .binding(name: alias, frame.plan, alwaysCTE: true)
                next.columns = addingQualifier(alias, to: next.columns)
            } else {
                next.plan = .alias(frame.plan, alias)
                let qualifiers = [alias]
                for index in next.columns.indices { next.columns[index].qualifiers = qualifiers }
            }
            frame = next; return nil
        case .recursiveCTE:
            var next = copy frame
            guard let nameNode = arguments.value("name", 0), let cteName = stringArgument(nameNode, what: "a name"),
                let recursiveNode = arguments.value("recursive", 1)
            else { return nil }
            guard let recursive = frameArgument(recursiveNode) else { return .unknown }
            var unionAll = false
            if let node = arguments.value("union_all", 2), case .scalar(.boolean(let flag)) = evaluate(node) {
                unionAll = flag
            }
            next.plan = .recursiveCTE(name: cteName, initial: frame.plan, recursive: recursive.plan, unionAll: unionAll)
            next.columns = frame.columns.map { PlanColumn(name: $0.name, type: $0.type, qualifiers: [cteName]) }
            frame = next; return nil
        case .explode:
            var next = copy frame
            guard let columnNode = arguments.value("column", 0),
                let column = columnArgument(columnNode, namesColumns: true)
            else { return nil }
            var alias = "value"
            if let aliasNode = arguments.value("alias", 1), let text = stringArgument(aliasNode, what: "a column name")
            {
                alias = text
            }
            next.plan = .explode(frame.plan, column.expression.unaliased, alias: alias)
            let element = column.expression.explodedElementType {
                (try? $0.inferType(in: frame.columns).get())?.type ?? .unknown
            }
            setColumn(&next, PlanColumn(name: alias, type: element), origin: columnNode.range)
            frame = next; return nil
        case .nullHandling:
            return nullHandling(frame, method: method, arguments: arguments, nameRange: nameRange)
        case .sample:
            var next = copy frame
            guard let fractionNode = arguments.value("fraction", 0) else { return nil }
            var fraction = 0.0
            switch evaluate(fractionNode) {
            case .scalar(.real(let value)): fraction = value
            case .scalar(.integer(let value)): fraction = Double(value)
            case .unknown: break
            case let other:
                report(.argumentTypeMismatch, fractionNode.range, "sample() takes a fraction, got \(other.kind)")
            }
            var seed: Int?
            if let seedNode = arguments.value("seed", 1) { seed = integerArgument(seedNode) }
            next.plan = .sample(frame.plan, fraction: fraction, seed: seed)
            frame = next; return nil
        case .describe:
            var next = copy frame
            var names: [String] = []
            for argument in arguments.positional {
                for column in selectableExpressions(argument) {
                    if case .column(let reference) = column.expression { names.append(reference.name) }
                }
            }
            if names.isEmpty { names = frame.columns.filter { $0.type.isNumeric }.map(\.name) }
            let described = LogicalPlan.describe(
                of: frame.plan,
                columns: names.map { name in (name, frame.columns.first { $0.name == name }?.type ?? .unknown) })
            next.plan = described.plan
            next.columns = described.columns
            next.origins = ColumnOrigins(repeating: nameRange, count: next.columns.count)
            frame = next; return nil
        case .summary:
            var next = copy frame
            // PySpark's summary: one row per statistic, one text column per numeric or text column.
            let statistics = arguments.positional.compactMap { stringArgument($0, what: "a statistic name") }
            guard frame.isComplete else {
                report(.invalidUse, nameRange, "summary() needs the DataFrame's columns, which are unknown here")
                next.columns = []
                next.origins = .none
                next.isComplete = false
                frame = next; return nil
            }
            do {
                let summary = try LogicalPlan.summary(of: frame.plan, columns: frame.columns, statistics: statistics)
                next.plan = summary.plan
                next.columns = summary.columns
                next.origins = ColumnOrigins(repeating: nameRange, count: summary.columns.count)
            } catch let error as PlanError {
                report(error.diagnosticCode, nameRange, error.message)
            } catch {
                report(.invalidUse, nameRange, "summary(): \(error)")
            }
            frame = next; return nil
        case .pivot:
            return dataFramePivot(frame, arguments: arguments, nameRange: nameRange)
        case .rowLock:
            var next = copy frame
            func flag(_ name: String) -> Bool {
                guard let node = arguments.named[name] else { return false }
                if case .scalar(.boolean(let value)) = evaluate(node) { return value }
                return false
            }
            var of: [String] = []
            if let node = arguments.named["of"] { of = stringList(evaluate(node)) }
            let policy: RowLock.WaitPolicy = flag("nowait") ? .noWait : flag("skip_locked") ? .skipLocked : .wait
            if dialect == .sqlite && policy == .wait && of.isEmpty {
                report(
                    .unsupportedFeature, nameRange,
                    "\(method)() does nothing on sqlite (SQLite has no row locks; a write locks the whole database)",
                    severity: .warning)
            }
            next.plan = .rowLock(
                frame.plan, RowLock(method == "select_for_update" ? .update : .share, waitPolicy: policy, of: of))
            frame = next; return nil
        case .action:
            return action(frame, method: method, arguments: arguments, nameRange: nameRange)
        case .insertInto:
            guard let tableNode = arguments.value("table", 0), let table = tableArgument(tableNode) else {
                return .unknown
            }
            var columns: [String]?
            if let columnsNode = arguments.value("columns", 1) { columns = stringList(evaluate(columnsNode)) }
            return .mutation([.insertSelect(table: TableReference(parsing: table), columns: columns, query: frame.plan)]
            )
        default:
            return nil
        }
    }

    // MARK: - Steps

    /// `group_by(…)`: the frame moves into the ``Grouped`` result.
    private func groupBy(_ frame: consuming Frame, arguments: Arguments) -> Value {
        let keys = selectableExpressions(of: arguments.positional)
        for (key, argument) in zip(keys, arguments.positional) {
            checkPlacement(key.expression, range: argument.range, allowAggregate: false, context: "group_by()")
        }
        let (keyColumns, keyOrigins) = projection(of: keys, over: frame, range: arguments.range)
        return .grouped(
            Grouped(frame: frame, keys: keys.map(\.expression), keyColumns: keyColumns, keyOrigins: keyOrigins))
    }

    private func join(_ frame: inout Frame, method: String, arguments: Arguments, nameRange: ByteRange) -> Value? {
        guard let otherNode = arguments.value("other", 0) else { return nil }
        guard let other = frameArgument(otherNode) else {
            if let onNode = arguments.value("on", 1) { _ = evaluate(onNode) }
            return .unknown
        }
        var kind: JoinKind =
            method == "cross_join" ? .cross : method == "semi_join" ? .semi : method == "anti_join" ? .anti : .inner
        if let howNode = arguments.value("how", 2), let how = stringLiteral(howNode) {
            kind = JoinKind(how: how) ?? .inner
        } else if let howNode = arguments.value("how", 2) {
            _ = evaluate(howNode)
        }
        var lateral = false
        if let lateralNode = arguments.named["lateral"], case .scalar(.boolean(true)) = evaluate(lateralNode) {
            lateral = true
            if !makeDialect(dialect).supportsLateralJoin {
                report(
                    .unsupportedFeature, lateralNode.range,
                    "join(..., lateral=True) (JOIN LATERAL) is not supported on \(dialect.rawValue)")
            }
        }
        var hints: [String] = []
        if let hintsNode = arguments.named["hints"] {
            let value = evaluate(hintsNode)
            hints = stringList(value)
            var isNone = false
            if case .scalar(.null) = value { isNone = true }
            if hints.isEmpty && !value.isUnknown && !isNone {
                report(.argumentTypeMismatch, hintsNode.range, "hints takes a string or a list of strings")
            }
        }
        var combined = Scope(
            columns: frame.columns + other.columns,
            origins: .joined(frame.origins, count: frame.columns.count, other.origins, count: other.columns.count),
            isComplete: frame.isComplete && other.isComplete)
        var condition: JoinCondition = .none
        if let onNode = arguments.value("on", 1) {
            recordColumnScope(
                ColumnScopeRecord(range: onNode.range, columns: combined.columns, stringsAreColumns: true))
            condition = withScope(combined) { joinCondition(onNode, left: frame, right: other) }
        } else if kind != .cross {
            if method == "join" {
                // Python joins without `on` are cross joins.
                kind = .cross
            } else {
                report(.wrongArity, arguments.range, "\(method)() needs on=…")
            }
        }
        frame.plan = .join(
            Join(frame.plan, other.plan, kind: kind, condition: condition, lateral: lateral, hints: hints))
        switch kind {
        case .semi, .anti: break
        case .inner, .left, .right, .full, .cross:
            guard case .using = condition else {
                // Both sides' columns, as in the condition's scope (already concatenated there; taken out of
                // the scope so that marking them nullable changes them in place instead of copying them).
                var columns = combined.columns
                combined.columns = []
                if kind == .left || kind == .full {
                    for index in frame.columns.count..<columns.count { columns[index].isNullable = true }
                }
                frame.columns = columns
                frame.origins = combined.origins
                frame.isComplete = combined.isComplete
                break
            }
            var rightColumns = other.columns
            var rightOrigins = other.origins
            if case .using(let names) = condition {
                let keep = rightColumns.indices.filter { !names.contains(rightColumns[$0].name) }
                rightColumns = keep.map { rightColumns[$0] }
                rightOrigins = other.origins.selecting(keep, default: nameRange)
            }
            if kind == .left || kind == .full {
                for index in rightColumns.indices { rightColumns[index].isNullable = true }
            }
            frame.origins = .joined(
                frame.origins, count: frame.columns.count, rightOrigins, count: rightColumns.count)
            frame.columns += rightColumns
            frame.isComplete = frame.isComplete && other.isComplete
        }
        return nil
    }

    private func joinCondition(_ node: SyntaxNode, left: Frame, right: Frame) -> JoinCondition {
        if let name = stringLiteral(node) {
            checkJoinKey(name, range: innerRange(of: node), left: left, right: right)
            return .using([name])
        }
        let value = evaluate(node)
        switch value {
        case .column(let column):
            let resolved = resolvePending(column)
            checkCondition(resolved, range: node.range)
            return .on(resolved.expression.unaliased)
        case .list(let elements, _):
            // The elements' nodes, for the ranges of names and reports: conditions (nearly every list) need none.
            lazy var items = CollectionExpression(node)?.elements ?? []
            var names: [String] = []
            var pairs: [JoinKeyPair] = []
            var conditions: [Expression] = []
            for (index, element) in elements.enumerated() {
                if case .column(let column) = element {
                    conditions.append(resolvePending(column).expression.unaliased)
                    continue
                }
                let range = index < items.count ? items[index].range : node.range
                switch element {
                case .scalar(.text(let name)):
                    checkJoinKey(
                        name, range: index < items.count ? innerRange(of: items[index]) : range, left: left,
                        right: right)
                    names.append(name)
                case .list(let pair, true) where pair.count == 2:
                    if case .scalar(.text(let a)) = pair[0], case .scalar(.text(let b)) = pair[1] {
                        pairs.append(JoinKeyPair(a, b))
                        checkJoinSide(a, in: left, range: range)
                        checkJoinSide(b, in: right, range: range)
                    }
                case .unknown: break
                default:
                    report(.argumentTypeMismatch, range, "on= takes column names, (left, right) pairs or conditions")
                }
            }
            if !conditions.isEmpty {
                return .on(conditions.dropFirst().reduce(conditions[0]) { .binary(.and, $0, $1) })
            }
            if !pairs.isEmpty { return .pairs(pairs) }
            return .using(names)
        case .unknown: return .none
        default:
            report(
                .argumentTypeMismatch, node.range, "on= takes a column name, a list, or a condition, got \(value.kind)")
            return .none
        }
    }

    private func checkJoinKey(_ name: String, range: ByteRange, left: Frame, right: Frame) {
        checkJoinSide(name, in: left, range: range)
        checkJoinSide(name, in: right, range: range)
    }

    private func checkJoinSide(_ name: String, in frame: Frame, range: ByteRange) {
        guard frame.isComplete else { return }
        if matches(ColumnReference(name), in: frame.columns).isEmpty {
            reportUnknown(
                .unknownColumn, range, "unknown join column '\(name)' on one side of the join", name: name,
                candidates: frame.columns.map(\.name))
        }
    }

    /// `agg(...)` arguments: aggregates (or group keys), bare names (`sum` of the column) and `{"col": "fn"}` dicts.
    func aggregateArguments(_ arguments: Arguments, over frame: Frame, keyColumns: [PlanColumn]) -> [ColumnValue] {
        var columns: [ColumnValue] = []
        // One allocation for the usual one column per argument (appending grew the array at the second).
        columns.reserveCapacity(arguments.positional.count)
        for argument in arguments.positional {
            if let name = stringLiteral(argument) {
                let column = resolveColumn(name, range: innerRange(of: argument))
                let sum = BuiltinFunction.named("sum")!
                columns.append(
                    ColumnValue(
                        .alias(.function(FunctionCall(sum, [column.expression])), name), type: column.type))
                continue
            }
            let value = evaluate(argument)
            switch value {
            case .dict(let entries):
                for entry in entries {
                    guard let key = entry.key else { continue }
                    let column = resolveColumn(key, range: entry.keyRange)
                    guard case .scalar(.text(let functionName)) = entry.value else {
                        report(.argumentTypeMismatch, entry.valueRange, "expected an aggregate name such as \"sum\"")
                        continue
                    }
                    guard let function = BuiltinFunction.named(functionName), function.kind == .aggregate else {
                        let names = BuiltinFunction.all.filter { $0.kind == .aggregate }.map(\.name)
                        reportUnknown(
                            .invalidEnumeratedValue, entry.valueRange, "'\(functionName)' is not an aggregate function",
                            name: functionName, candidates: names, replacementQuote: "\"")
                        continue
                    }
                    columns.append(
                        ColumnValue(
                            .alias(.function(FunctionCall(function, [column.expression])), key),
                            type: resultType(function, [column.type])))
                }
            case .column(let column):
                let resolved = resolvePending(column)
                checkAggregate(resolved.expression, keyColumns: keyColumns, range: argument.range)
                checkPlacement(resolved.expression, range: argument.range, allowAggregate: true, context: "agg()")
                columns.append(resolved)
            case .unknown:
                if let placeholder = aliasedUnknown(argument) { columns.append(placeholder) }
            default:
                report(
                    .argumentTypeMismatch, argument.range,
                    "agg() takes aggregate columns such as F.sum(col(\"x\")), got \(value.kind)")
            }
        }
        return columns
    }

    /// Reports column references outside aggregates that are not group keys.
    func checkAggregate(_ expression: Expression, keyColumns: [PlanColumn], range: ByteRange) {
        guard let loose = Self.firstLooseColumn(in: expression, keyColumns: keyColumns) else { return }
        let keyNames = keyColumns.map(\.name)
        let keys =
            keyNames.isEmpty
            ? "there are no group keys" : "the keys are " + keyNames.map { "'\($0)'" }.joined(separator: ", ")
        report(
            .aggregateMisuse, range,
            "'\(loose)' is neither a group_by key nor inside an aggregate (\(keys)); wrap it in an aggregate such as F.max(…) or add it to group_by"
        )
    }

    /// The first column `expression` reads outside aggregates (and windows and subqueries) that is not a group
    /// key, in source order (a method without captures, so a check allocates nothing).
    ///
    /// The usual nodes are walked by direct recursion, in ``Expression/anyChild(_:)``'s order: through its closure
    /// each node cost about twice as much.
    private static func firstLooseColumn(in expression: Expression, keyColumns: [PlanColumn]) -> String? {
        switch expression {
        case .function(let call) where call.function.kind == .aggregate: return nil
        case .window: return nil
        case .scalarSubquery, .exists, .inSubquery: return nil
        case .column(let reference):
            return keyColumns.contains { $0.name == reference.name } ? nil : reference.name
        case .literal, .star: return nil
        case .function(let call):
            for argument in call.arguments {
                if let found = firstLooseColumn(in: argument, keyColumns: keyColumns) { return found }
            }
            return call.filter.flatMap { firstLooseColumn(in: $0, keyColumns: keyColumns) }
        case .binary(_, let left, let right):
            return firstLooseColumn(in: left, keyColumns: keyColumns)
                ?? firstLooseColumn(in: right, keyColumns: keyColumns)
        case .unary(_, let operand), .alias(let operand, _), .cast(let operand, _), .isNull(let operand, _):
            return firstLooseColumn(in: operand, keyColumns: keyColumns)
        case .sortOrder(let key): return firstLooseColumn(in: key.expression, keyColumns: keyColumns)
        default:
            var found: String?
            _ = expression.anyChild { child in
                found = firstLooseColumn(in: child, keyColumns: keyColumns)
                return found != nil
            }
            return found
        }
    }

    /// A grouped step: keys then aggregates.
    func aggregate(
        _ input: LogicalPlan, keys: [Expression], keyColumns: [PlanColumn], keyOrigins: ColumnOrigins,
        columns: [ColumnValue], range: ByteRange, fromSelect: Bool
    ) -> Value {
        if fromSelect {
            // `select(F.sum(...))` without group_by: every selected column must be an aggregate.
            for column in columns where !column.expression.containsAggregate {
                if case .literal = column.expression.unaliased { continue }
                checkAggregate(column.expression, keyColumns: [], range: range)
            }
        }
        let plan = LogicalPlan.aggregate(input, groupBy: keys, aggregates: columns.map(\.expression))
        // One array, the computed columns appended in place (`keyColumns + columns.map { … }` made a second array
        // and copied the first into a third through the value witness).
        var output = keyColumns
        output.reserveCapacity(keyColumns.count + columns.count)
        for (index, column) in columns.enumerated() {
            output.append(
                PlanColumn(
                    name: column.expression.outputName ?? "_c\(keyColumns.count + index)", type: column.type,
                    isNullable: column.nullable))
        }
        var origins = keyOrigins
        origins.append(range, count: columns.count, after: keyColumns.count)
        return .frame(Frame(plan: plan, columns: output, origins: origins, isComplete: true))
    }

    static let groupedSignatures: [String: Signature] = [
        "agg": Signature(["exprs"], minimum: 1, variadic: true, keywords: ["allow_empty"]),
        "pivot": Signature(["pivot_col", "values"], minimum: 1), "count": Signature(),
        "sum": Signature(["cols"], variadic: true), "avg": Signature(["cols"], variadic: true),
        "mean": Signature(["cols"], variadic: true), "min": Signature(["cols"], variadic: true),
        "max": Signature(["cols"], variadic: true),
    ]

    /// The signature of `agg`, the grouped method nearly every pipeline calls, found without hashing its name.
    private static let aggSignature = groupedSignatures["agg"]!

    func callGroupedMethod(
        _ grouped: Grouped, name: String, nameRange: ByteRange, call: CallExpression, node: SyntaxNode
    )
        -> Value
    {
        let method = snakeCase(name)
        guard let signature = method == "agg" ? Self.aggSignature : Self.groupedSignatures[method] else {
            reportUnknownGroupedMethod(name, nameRange: nameRange, call: call)
            return .unknown
        }
        let arguments = bindArguments(call, signature, name: method, calleeRange: nameRange)
        recordColumnScope(
            ColumnScopeRecord(
                range: arguments.range, columns: grouped.frame.columns, stringsAreColumns: method != "agg"))
        pushScope(grouped.frame.scope)
        let result: Value
        if method == "pivot" {
            result = groupedPivot(grouped, arguments: arguments)
        } else {
            let columns: [ColumnValue]
            switch method {
            case "agg":
                columns = aggregateArguments(arguments, over: grouped.frame, keyColumns: grouped.keyColumns)
            case "count":
                columns = [
                    ColumnValue(
                        .alias(.function(FunctionCall(BuiltinFunction.named("count")!, [])), "count"), type: .integer,
                        nullable: false)
                ]
            default:
                let function = BuiltinFunction.named(method == "mean" ? "avg" : method)!
                var named: [ColumnValue] = []
                for argument in arguments.positional {
                    guard let name = stringLiteral(argument) else { continue }
                    let column = resolveColumn(name, range: innerRange(of: argument))
                    named.append(
                        ColumnValue(
                            .alias(.function(FunctionCall(function, [column.expression])), "\(method)(\(name))"),
                            type: resultType(function, [column.type])))
                }
                columns = named
            }
            result = aggregate(
                grouped.frame.plan, keys: grouped.keys, keyColumns: grouped.keyColumns, keyOrigins: grouped.keyOrigins,
                columns: columns, range: arguments.range, fromSelect: false)
        }
        popScope()
        guard recordsFacts else { return result }
        if case .frame(let next) = result {
            record(.dataFrameStep(schema: next.columns, plan: next.plan, range: nameRange))
        } else {
            record(
                .method(name: method, receiver: .groupedData(keys: grouped.keyColumns.map(\.name)), range: nameRange))
        }
        return result
    }

    /// A call of a method GroupedData does not have (a call of its own, so that ``callGroupedMethod`` does not pay
    /// for its set-up).
    @inline(never)
    private func reportUnknownGroupedMethod(_ name: String, nameRange: ByteRange, call: CallExpression) {
        reportUnknown(
            .unknownMethod, nameRange, "GroupedData has no method '\(name)'; call agg(...) on it", name: name,
            candidates: Self.groupedSignatures.keys.sorted())
        evaluateArgumentsLoosely(call)
    }

    /// `group_by(...).pivot(col, values=[…])`.
    private func groupedPivot(_ grouped: Grouped, arguments: Arguments) -> Value {
        guard let columnNode = arguments.value("pivot_col", 0),
            let pivot = columnArgument(columnNode, namesColumns: true)
        else { return .unknown }
        var values: [DatabaseValue] = []
        if let valuesNode = arguments.value("values", 1), case .list(let elements, _) = evaluate(valuesNode) {
            values = elements.compactMap { if case .scalar(let value) = $0 { value } else { nil } }
        } else {
            report(
                .wrongArity, arguments.range,
                "pivot() needs values=[…]: the pivot values become columns and must be known when compiling")
        }
        return .pivoted(grouped, pivot: pivot.expression, values: values)
    }

    func callPivotedMethod(
        _ grouped: Grouped, pivot: Expression, values: [DatabaseValue], name: String, nameRange: ByteRange,
        call: CallExpression, node: SyntaxNode
    ) -> Value {
        guard snakeCase(name) == "agg" else {
            reportUnknown(
                .unknownMethod, nameRange, "a pivot has no method '\(name)'; call agg(...)", name: name,
                candidates: ["agg"])
            evaluateArgumentsLoosely(call)
            return .unknown
        }
        let arguments = bindArguments(call, Signature(["exprs"], variadic: true), name: "agg", calleeRange: nameRange)
        let frame = grouped.frame
        return withScope(frame.scope) {
            // Each argument an aggregate call, optionally named: sum(x).alias("total").
            var aggregates: [(aggregate: Pivot.Aggregate, type: SQLType)] = []
            for node in arguments.positional {
                guard let column = columnArgument(node) else { return .unknown }
                guard case .function(let call) = column.expression.unaliased, call.function.kind == .aggregate else {
                    report(
                        .aggregateMisuse, node.range,
                        "pivot().agg() takes aggregate functions such as F.sum(col(\"x\"))")
                    return .unknown
                }
                var name: String?
                if case .alias(_, let alias) = column.expression { name = alias }
                aggregates.append((Pivot.Aggregate(call, name: name), column.type))
            }
            guard !aggregates.isEmpty else {
                report(.wrongArity, nameRange, "pivot().agg() needs an aggregate function such as F.sum(col(\"x\"))")
                return .unknown
            }
            let made = Pivot(
                input: frame.plan, groupBy: grouped.keys, pivotColumn: pivot, values: values,
                aggregates: aggregates.map(\.aggregate))
            let types = aggregates.map(\.type)
            var next = copy frame
            next.plan = .pivot(made)
            next.columns =
                grouped.keyColumns
                + made.outputs.enumerated().map { index, output in
                    PlanColumn(name: output.name, type: types[index % types.count])
                }
            next.origins = grouped.keyOrigins
            next.origins.append(arguments.range, count: made.outputs.count, after: grouped.keyColumns.count)
            next.isComplete = true
            record(.dataFrameStep(schema: next.columns, plan: next.plan, range: nameRange))
            return .frame(next)
        }
    }

    private func dataFramePivot(_ frame: Frame, arguments: Arguments, nameRange: ByteRange) -> Value {
        guard let pivotNode = arguments.value("pivot_column", 0), let valueNode = arguments.value("value_column", 1),
            let pivotName = stringArgument(pivotNode, what: "a column name"),
            let valueName = stringArgument(valueNode, what: "a column name")
        else { return .unknown }
        let pivot = resolveColumn(pivotName, range: innerRange(of: pivotNode))
        let value = resolveColumn(valueName, range: innerRange(of: valueNode))
        var functionName = "sum"
        if let node = arguments.value("agg_func", 2), let text = stringArgument(node, what: "an aggregate name") {
            functionName = text
        }
        guard let function = BuiltinFunction.named(functionName), function.kind == .aggregate else {
            report(
                .invalidEnumeratedValue, arguments.value("agg_func", 2)?.range ?? nameRange,
                "'\(functionName)' is not an aggregate function")
            return .unknown
        }
        var values: [DatabaseValue] = []
        if let node = arguments.value("pivot_values", 3), case .list(let elements, _) = evaluate(node) {
            values = elements.compactMap { if case .scalar(let value) = $0 { value } else { nil } }
        } else {
            report(.wrongArity, arguments.range, "pivot() needs pivot_values=[…]: the values become columns")
            return .unknown
        }
        let keys = frame.columns.filter { $0.name != pivotName && $0.name != valueName }
        var next = frame
        next.plan = .pivot(
            Pivot(
                input: frame.plan, groupBy: keys.map { .column(ColumnReference($0.name)) },
                pivotColumn: pivot.expression,
                values: values, aggregate: FunctionCall(function, [value.expression])))
        next.columns = keys + values.map { PlanColumn(name: $0.description, type: resultType(function, [value.type])) }
        next.origins = ColumnOrigins(repeating: nameRange, count: next.columns.count)
        return .frame(next)
    }

    private func nullHandling(_ frame: Frame, method: String, arguments: Arguments, nameRange: ByteRange) -> Value {
        var names: [String]?
        if let subsetNode = arguments.value("subset", 1) {
            names = selectableExpressions(subsetNode).compactMap {
                if case .column(let reference) = $0.expression { reference.name } else { nil }
            }
        }
        var next = frame
        if method == "fillna" {
            guard let valueNode = arguments.value("value", 0) else { return .frame(frame) }
            let value = evaluate(valueNode)
            // As in PySpark: a dict maps columns to their values (subset is ignored); a single value fills the
            // columns of its type (text for a string, numeric for a number, boolean for a bool) among `subset`
            // or all of them, and leaves the others as they are.
            var fills: [(index: Int, value: DatabaseValue)] = []
            switch value {
            case .scalar(let literal):
                if names == nil && !frame.isComplete {
                    report(
                        .invalidUse, nameRange,
                        "fillna() without subset= needs the DataFrame's columns, which are unknown here")
                }
                let targets = names.map { names in
                    frame.columns.indices.filter { names.contains(frame.columns[$0].name) }
                }
                for index in targets ?? Array(frame.columns.indices) {
                    if let filling = literal.filling(frame.columns[index].type) {
                        fills.append((index, filling))
                    }
                }
            case .dict(let entries):
                for entry in entries {
                    guard let key = entry.key else { continue }
                    guard case .scalar(let literal) = entry.value else {
                        if !entry.value.isUnknown {
                            report(
                                .argumentTypeMismatch, entry.valueRange,
                                "fillna() takes a value per column, got \(entry.value.kind) for '\(key)'")
                        }
                        continue
                    }
                    guard let index = matches(ColumnReference(key), in: frame.columns).first else {
                        if frame.isComplete {
                            _ = lookUp(ColumnReference(key), range: entry.keyRange, fixRange: entry.keyRange)
                        }
                        continue
                    }
                    let column = frame.columns[index]
                    guard let filling = literal.filling(column.type) else {
                        report(
                            .argumentTypeMismatch, entry.valueRange,
                            "fillna(): '\(column.name)' is \(column.type.rawValue), and \(literal.checkerType.rawValue) "
                                + "cannot fill it")
                        continue
                    }
                    fills.append((index, filling))
                }
            default:
                if !value.isUnknown {
                    report(
                        .argumentTypeMismatch, valueNode.range,
                        "fillna() takes a value or a dict of values per column, got \(value.kind)")
                }
                return .frame(frame)
            }
            guard !fills.isEmpty else { return .frame(frame) }
            next.plan = .fillingNulls(frame.plan, fills.map { (frame.columns[$0.index].name, $0.value) })
            for fill in fills where fill.value != .null { next.columns[fill.index].isNullable = false }
            return .frame(next)
        }
        var how = "any"
        if let howNode = arguments.value("how", 0), let text = stringLiteral(howNode) { how = text.lowercased() }
        let targets = names ?? frame.columns.map(\.name)
        if names == nil && !frame.isComplete {
            report(
                .invalidUse, nameRange, "dropna() without subset= needs the DataFrame's columns, which are unknown here"
            )
        }
        guard !targets.isEmpty else { return .frame(frame) }
        let tests = targets.map { Expression.isNull(.column(ColumnReference($0)), negated: how != "all") }
        let combined = tests.dropFirst().reduce(tests[0]) { .binary(.and, $0, $1) }
        next.plan = .filter(frame.plan, how == "all" ? .unary(.not, combined) : combined)
        return .frame(next)
    }

    private func action(_ frame: consuming Frame, method: String, arguments: Arguments, nameRange: ByteRange) -> Value {
        func count(_ name: String, _ index: Int, default fallback: Int) -> Int {
            guard let node = arguments.value(name, index) else { return fallback }
            return integerArgument(node) ?? fallback
        }
        switch method {
        case "collect":
            if let node = arguments.value("stream", 0) { _ = evaluate(node) }
            return .action(frame, .collect)
        case "count":
            frame.plan = .aggregate(
                frame.plan, groupBy: [],
                aggregates: [.alias(.function(FunctionCall(BuiltinFunction.named("count")!, [])), "count")])
            frame.columns = [PlanColumn(name: "count", type: .integer, isNullable: false)]
            frame.origins = ColumnOrigins(repeating: nameRange, count: 1)
            return .action(frame, .count)
        case "head", "take":
            let n = count(method == "head" ? "n" : "num", 0, default: 5)
            frame.plan = .limit(frame.plan, count: max(0, n), offset: 0)
            return .action(frame, method == "head" ? .head(n) : .take(n))
        case "first":
            frame.plan = .limit(frame.plan, count: 1, offset: 0)
            return .action(frame, .first)
        case "tail":
            return .action(frame, .tail(count("n", 0, default: 5)))
        case "show":
            let n = count("n", 0, default: 20)
            for value in arguments.named.values { _ = evaluate(value) }
            frame.plan = .limit(frame.plan, count: max(0, n), offset: 0)
            return .action(frame, .show(n))
        case "nunique":
            var expressions: [Expression] = []
            if let node = arguments.value("column", 0), let column = columnArgument(node, namesColumns: true) {
                expressions = [column.expression]
            } else {
                expressions = frame.columns.map { .column(ColumnReference($0.name)) }
            }
            let countDistinct = BuiltinFunction.named("count_distinct")!
            frame.plan = .aggregate(
                frame.plan, groupBy: [],
                aggregates: expressions.map { expression in
                    .alias(
                        .function(FunctionCall(countDistinct, [expression], distinct: true)),
                        expression.outputName ?? "nunique")
                })
            frame.columns = expressions.map { PlanColumn(name: $0.outputName ?? "nunique", type: .integer) }
            frame.origins = ColumnOrigins(repeating: nameRange, count: frame.columns.count)
            return .action(frame, .collect)
        case "to_sql", "sql_preview":
            return .action(frame, .toSQL)
        case "show_sql":
            return .action(frame, .showSQL)
        case "explain":
            return .action(frame, .explain)
        default:
            return .unknown
        }
    }

    // MARK: - Helpers

    /// Evaluates `node` in the current scope (dict values of `with_columns`).
    private func evaluateWithColumnScope(_ node: SyntaxNode) -> Value { evaluate(node) }

    /// The expressions of a select-like argument: a column name, `"*"`, a column, a list of them.
    func selectableExpressions(_ node: SyntaxNode, allowSortOrder: Bool = false) -> [ColumnValue] {
        var columns: [ColumnValue] = []
        appendSelectableExpressions(node, allowSortOrder: allowSortOrder, to: &columns)
        return columns
    }

    /// The columns of each of `nodes` in turn, in one array (no array per argument).
    func selectableExpressions(
        of nodes: some Collection<SyntaxNode>, allowSortOrder: Bool = false
    ) -> [ColumnValue] {
        var columns: [ColumnValue] = []
        columns.reserveCapacity(nodes.count)
        for node in nodes { appendSelectableExpressions(node, allowSortOrder: allowSortOrder, to: &columns) }
        return columns
    }

    /// Appends the columns `node` selects (see ``selectableExpressions(_:allowSortOrder:)``) to `columns`.
    func appendSelectableExpressions(_ node: SyntaxNode, allowSortOrder: Bool, to columns: inout [ColumnValue]) {
        if let column = resolveColumn(literal: node) {
            columns.append(column)
            return
        }
        if let name = stringLiteral(node) {
            columns.append(resolveColumn(name, range: innerRange(of: node)))
            return
        }
        if node.kind == .listExpression || node.kind == .tupleExpression {
            for element in CollectionExpression(node)?.elements ?? [] {
                appendSelectableExpressions(element, allowSortOrder: allowSortOrder, to: &columns)
            }
            return
        }
        let value = evaluate(node)
        switch value {
        case .column(let column):
            let resolved = resolvePending(column)
            var facts = PlacementFacts()
            Self.collectPlacementFacts(of: resolved.expression, into: &facts)
            if !allowSortOrder && facts.hasSortOrder { reportMisplacedSortOrder(node.range) }
            if let bare = facts.bareWindowFunction { reportBareWindowFunction(bare, range: node.range) }
            columns.append(resolved)
        case .scalar(.text(let name)):
            columns.append(resolveColumn(name, range: node.range))
        case .scalar(let literal):
            columns.append(ColumnValue(.literal(literal), type: literal.checkerType, nullable: literal == .null))
        case .list(let elements, _):
            for element in elements {
                switch element {
                case .scalar(.text(let name)): columns.append(resolveColumn(name, range: node.range))
                case .column(let column): columns.append(resolvePending(column))
                default: break
                }
            }
        case .unknown:
            if let placeholder = aliasedUnknown(node) { columns.append(placeholder) }
        default:
            report(
                .argumentTypeMismatch, node.range, "expected a column name or a column expression, got \(value.kind)")
        }
    }

    /// For an item already reported as wrong but named (`F.upperr(col("n")).alias("u")`): a column of that name and
    /// unknown type, so the steps after it find `u` and the typo is one diagnostic, not one more per use. (A
    /// statement with an error never runs, so the placeholder's NULL never reaches a database.)
    func aliasedUnknown(_ node: SyntaxNode) -> ColumnValue? {
        guard let call = CallExpression(node), let method = call.calleeName, method == "alias" || method == "name",
            call.arguments.count == 1, let name = stringLiteral(call.arguments[0].value)
        else { return nil }
        return ColumnValue(.alias(.literal(.null), name), type: .unknown, nullable: true)
    }

    /// Reports window functions used without `over` and sort orders outside `order_by`, and (unless allowed)
    /// aggregates.
    func checkPlacement(_ expression: Expression, range: ByteRange, allowAggregate: Bool, context: String) {
        // One walk for the three checks (each walked the expression on its own, two of them through closures).
        var facts = PlacementFacts()
        Self.collectPlacementFacts(of: expression, into: &facts)
        if let bare = facts.bareWindowFunction { reportBareWindowFunction(bare, range: range) }
        if facts.hasSortOrder { reportMisplacedSortOrder(range) }
        if !allowAggregate && facts.hasAggregate {
            report(
                .aggregateMisuse, range,
                "an aggregate cannot be used in \(context); aggregate with group_by(...).agg(...) first, or use .over(...) for a running value"
            )
        }
    }

    /// What the placement checks look for in an expression, outside windows (``Expression/window(_:_:)`` is not
    /// entered, as `containsAggregate` and the window-function check never entered it).
    struct PlacementFacts {
        /// The first window function without `over`, in source order.
        var bareWindowFunction: String?
        /// Whether `asc()`/`desc()` occurs.
        var hasSortOrder = false
        /// Whether an aggregate function is called.
        var hasAggregate = false
    }

    /// Walks `expression` once for ``PlacementFacts``, in ``Expression/anyChild(_:)``'s order, by direct recursion
    /// for the usual nodes.
    static func collectPlacementFacts(of expression: Expression, into facts: inout PlacementFacts) {
        switch expression {
        case .window, .column, .literal, .star, .scalarSubquery, .exists: return
        case .function(let call):
            let function = call.function
            if function.kind == .aggregate {
                facts.hasAggregate = true
            } else if function.kind == .window && !function.numbersRowsWithoutOver && facts.bareWindowFunction == nil {
                facts.bareWindowFunction = function.name
            }
            for argument in call.arguments { collectPlacementFacts(of: argument, into: &facts) }
            if let filter = call.filter { collectPlacementFacts(of: filter, into: &facts) }
        case .binary(_, let left, let right):
            collectPlacementFacts(of: left, into: &facts)
            collectPlacementFacts(of: right, into: &facts)
        case .unary(_, let operand), .alias(let operand, _), .cast(let operand, _), .isNull(let operand, _),
            .inSubquery(let operand, _, _):
            collectPlacementFacts(of: operand, into: &facts)
        case .sortOrder(let key):
            facts.hasSortOrder = true
            collectPlacementFacts(of: key.expression, into: &facts)
        default:
            _ = expression.anyChild { child in
                collectPlacementFacts(of: child, into: &facts)
                return false
            }
        }
    }

    @inline(never)
    private func reportBareWindowFunction(_ bare: String, range: ByteRange) {
        report(
            .windowWithoutOver, range,
            "the window function \(bare)() needs .over(...), e.g. F.\(bare)().over(partition_by=…, order_by=…)",
            fixes: [Fix(title: "Add .over()", edits: [TextEdit(range: .empty(at: range.end), newText: ".over()")])])
    }

    @inline(never)
    private func reportMisplacedSortOrder(_ range: ByteRange) {
        report(.sortOrderMisplaced, range, "asc()/desc() only apply in order_by(...) or over(order_by=…)")
    }

    /// Output columns of projected expressions over a frame (`*` expands, a column keeps its source).
    func projectedColumns(_ expressions: [(Expression, SQLType, Bool)], over frame: Frame) -> [PlanColumn] {
        var output: [PlanColumn] = []
        output.reserveCapacity(expressions.count)
        for (position, (expression, type, nullable)) in expressions.enumerated() {
            if case .star(let qualifier) = expression {
                output += frame.columns.filter { column in qualifier.map { column.qualifiers.contains($0) } ?? true }
                continue
            }
            if case .column(let reference) = expression, let index = firstMatch(reference, in: frame.columns).index {
                output.append(frame.columns[index])
                continue
            }
            var column = PlanColumn(name: expression.outputName ?? "_c\(position)", type: type, isNullable: nullable)
            if case .alias(.column(let reference), _) = expression,
                let index = firstMatch(reference, in: frame.columns).index
            {
                column.sourceTable = frame.columns[index].sourceTable
                if type == .unknown { column.type = frame.columns[index].type }
            }
            output.append(column)
        }
        return output
    }

    /// The columns `values` project from `frame` (as ``projectedColumns(_:over:)``) and where each comes from
    /// (the frame's origin of a column or `*`, else `range`), in one pass: one lookup per column reference, none
    /// for a reference already resolved in `frame`'s scope (the innermost one while a step binds its arguments).
    private func projection(
        of values: [ColumnValue], over frame: Frame, range: ByteRange
    ) -> (
        columns: [PlanColumn], origins: ColumnOrigins
    ) {
        var output: [PlanColumn] = []
        var origins = ColumnOrigins.none
        output.reserveCapacity(values.count)
        for (position, value) in values.enumerated() {
            // A reference resolved in this frame's scope first: no copy of its expression or reference.
            if let index = innermostPosition(of: value, frame: frame) {
                origins.append(frame.origins.origin(at: index, default: range), after: output.count)
                output.append(frame.columns[index])
                continue
            }
            let expression = value.expression
            if case .star(let qualifier) = expression {
                for (index, column) in frame.columns.enumerated()
                where qualifier.map({ column.qualifiers.contains($0) }) ?? true {
                    origins.append(frame.origins.origin(at: index, default: range), after: output.count)
                    output.append(column)
                }
                continue
            }
            if case .column(let reference) = expression, let index = firstMatch(reference, in: frame.columns).index {
                origins.append(frame.origins.origin(at: index, default: range), after: output.count)
                output.append(frame.columns[index])
                continue
            }
            var column = PlanColumn(
                name: expression.outputName ?? "_c\(position)", type: value.type, isNullable: value.nullable)
            if case .alias(.column(let reference), _) = expression,
                let index = firstMatch(reference, in: frame.columns).index
            {
                column.sourceTable = frame.columns[index].sourceTable
                if value.type == .unknown { column.type = frame.columns[index].type }
            }
            origins.append(range, after: output.count)
            output.append(column)
        }
        return (output, origins)
    }

    /// The index in `frame`'s columns of the reference `value` resolved to, when it was resolved in the innermost
    /// scope and that scope is `frame`'s.
    @inline(__always)
    private func innermostPosition(of value: ColumnValue, frame: Frame) -> Int? {
        guard let last = scopes.last, let index = value.position(inScope: last.serial), index < frame.columns.count
        else { return nil }
        return index
    }

    private func setColumn(_ frame: inout Frame, _ column: PlanColumn, origin: ByteRange) {
        if let index = frame.columns.firstIndex(where: { $0.name == column.name }) {
            frame.columns[index] = column
            frame.origins.replace(at: index, with: origin, count: frame.columns.count)
        } else {
            frame.origins.append(origin, after: frame.columns.count)
            frame.columns.append(column)
        }
    }

    private func addingUnknownColumn(_ frame: Frame, _ name: String, _ origin: ByteRange) -> Value {
        var next = frame
        setColumn(&next, PlanColumn(name: name, type: .unknown), origin: origin)
        return .frame(next)
    }

    /// The plan a DataFrame builder made, reporting its build error on `range`.
    /// The plan `DataFrame.select` makes of `expressions` over `input` (an `explode` among them reads its array
    /// first; a second one is an error, reported at `range`, and leaves `input` unchanged), without making the
    /// `DataFrame`, its list of `any ColumnSelectable` and a second array of the expressions.
    func projectPlan(_ input: LogicalPlan, _ expressions: [Expression], _ range: ByteRange) -> LogicalPlan {
        var generator: Int?
        for index in expressions.indices {
            // Plain column references (most of a select) are passed over without copying them out.
            if case .column = expressions[index] { continue }
            guard case .function(let call) = expressions[index].unaliased, call.function.name == "explode" else {
                continue
            }
            if generator != nil {
                let error = PlanError.invalidUse("only one explode() is allowed per select")
                report(error.diagnosticCode, range, error.message)
                return input
            }
            generator = index
        }
        guard let index = generator, case .function(let call) = expressions[index].unaliased,
            let array = call.arguments.first
        else { return .project(input, expressions) }
        let name = expressions[index].outputName ?? "col"
        var expressions = expressions
        expressions[index] = .column(ColumnReference(name))
        return .project(.explode(input, array, alias: name), expressions)
    }

    func build(_ dataFrame: DataFrame, _ range: ByteRange) -> LogicalPlan {
        if let error = dataFrame.buildError {
            report(error.diagnosticCode, range, error.message)
        }
        return dataFrame.plan
    }

    /// A SQL-like expression string (`where("amount > 10")`, `select_expr("a * 2 AS b")`), with its column
    /// names checked against the scope.
    func parsedExpression(_ node: SyntaxNode) -> Expression? {
        guard let text = stringLiteral(node) else {
            let value = evaluate(node)
            if !value.isUnknown {
                report(.argumentTypeMismatch, node.range, "expected an expression string, got \(value.kind)")
            }
            return nil
        }
        do {
            let expression = try ExpressionText.parse(text)
            let range = innerRange(of: node)
            var seen = Set<ColumnReference>()
            _ = expression.contains { inner in
                if case .column(let reference) = inner, !seen.contains(reference) {
                    seen.insert(reference)
                    lookUp(reference, range: range, fixRange: range)
                }
                return false
            }
            return expression
        } catch let error as PlanError {
            report(.invalidUse, node.range, "cannot read the expression: \(error.message)")
        } catch {
            report(.invalidUse, node.range, "cannot read the expression: \(error)")
        }
        return nil
    }

    /// A DataFrame argument (`join(other)`, `union(other)`); `nil` when unknown or of another kind (reported).
    func frameArgument(_ node: SyntaxNode) -> Frame? {
        let value = evaluate(node)
        if case .frame(let frame) = value { return frame }
        if !value.isUnknown { reportKindMismatch(node, expected: "a DataFrame", got: value) }
        return nil
    }

    /// A string argument; `nil` when unknown or of another kind (reported).
    func stringArgument(_ node: SyntaxNode, what: String) -> String? {
        let value = evaluate(node)
        if case .scalar(.text(let text)) = value { return text }
        if !value.isUnknown {
            report(.argumentTypeMismatch, node.range, "expected \(what) (a string), got \(value.kind)")
        }
        return nil
    }

    /// An integer argument; `nil` when unknown or of another kind (reported).
    func integerArgument(_ node: SyntaxNode) -> Int? {
        let value = evaluate(node)
        if case .scalar(.integer(let number)) = value { return Int(number) }
        if !value.isUnknown { report(.argumentTypeMismatch, node.range, "expected an integer, got \(value.kind)") }
        return nil
    }

    /// The strings of a list value (or a single string).
    func stringList(_ value: Value) -> [String] {
        switch value {
        case .scalar(.text(let text)): return [text]
        case .list(let elements, _):
            return elements.compactMap { if case .scalar(.text(let text)) = $0 { text } else { nil } }
        default: return []
        }
    }
}

/// `group_by` → `groupBy`, for suggestions in the spelling the user seems to use.
func camelCase(_ name: String) -> String {
    var result = ""
    var upper = false
    for character in name {
        if character == "_" && !result.isEmpty {
            upper = true
        } else {
            result.append(upper ? Character(character.uppercased()) : character)
            upper = false
        }
    }
    return result
}
