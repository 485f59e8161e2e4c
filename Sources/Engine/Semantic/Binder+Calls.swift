extension Binder {
    /// Evaluates `callee(arguments)`: a method call on a value, or a call of a predefined function.
    func evaluateCall(_ node: SyntaxNode) -> Value { evaluatePostfix(node) }

    /// Evaluates a chain of calls, member accesses and subscripts from its root outwards, iteratively, so chains
    /// of any length do not deepen the stack.
    ///
    /// The chain's nodes are kept as indices in a temporary (stack) buffer: a chain allocates nothing and touches
    /// none of the binder's stored properties.
    /// The most calls, attributes and subscripts one chain may have (two per method call).
    static let maximumChainLinks = 20_000

    func evaluatePostfix(_ node: SyntaxNode) -> Value {
        // The chain is walked by node index: no `SyntaxNode` (a retain and a release of the tree) per link.
        let tree = self.tree
        let storage = tree.storage
        var count = 0
        var current = node.index
        while storage.nodes[current].kind.isPostfix {
            let inner = storage.firstExpressionChild(of: current)
            if inner < 0 { break }
            count += 1
            current = inner
        }
        if count == 0 { return .unknown }
        // The commonest short chains, `f(…)` and `name.method(…)` (`col("x")`, `db.table("t")`), without the
        // temporary buffer and with the call's own node: what the loop below does for them.
        if count <= 2, storage.nodes[node.index].kind == .callExpression {
            if count == 1 {
                let callee = storage.nodes[current]
                return applyCall(
                    calleeValue: evaluate(SyntaxNode(tree: tree, index: current)),
                    calleeRange: ByteRange(start: callee.start, end: callee.end), callNode: node)
            }
            let member = storage.firstExpressionChild(of: node.index)
            if storage.nodes[member].kind == .memberAccess {
                return applyMethodCall(
                    base: evaluate(SyntaxNode(tree: tree, index: current)), member: member, callNode: node)
            }
        }
        if count > Self.maximumChainLinks {
            // Each step nests the plan one level deeper; a plan of 50,000 steps overflowed the stack when freed.
            report(
                .nestingTooDeep, node.range,
                "a chain of more than \(Self.maximumChainLinks / 2) steps; split it into shorter pipelines")
            return .unknown
        }
        let root = SyntaxNode(tree: tree, index: current)
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { operations in
            var walk = node.index
            for position in 0..<count {
                operations[position] = Int32(walk)
                walk = storage.firstExpressionChild(of: walk)
                if walk < 0 { break }
            }
            func operationNode(_ position: Int) -> SyntaxNode {
                SyntaxNode(tree: tree, index: Int(operations[position]))
            }
            var value = evaluate(root)
            // The frame of consecutive DataFrame method calls, kept in this slot (`value` is then `.unknown`) and
            // changed in place by each step, instead of taken out of a `Value` at every step (a copy of the enum's
            // payload: a retain of its plan, columns and origins, released with the old value).
            var frame: Frame? = nil
            var index = count - 1
            while index >= 0 {
                // A `SyntaxNode` (a retain and a release of the tree) only for what a step keeps or passes on.
                let operation = Int(operations[index])
                let kind = storage.nodes[operation].kind
                if kind == .memberAccess, index > 0, storage.nodes[Int(operations[index - 1])].kind == .callExpression {
                    if frame == nil, case .frame = value { frame = value.takeFrame() }
                    if frame != nil {
                        if let result = applyFrameMethodCall(
                            &frame, member: operation, callNode: operationNode(index - 1))
                        {
                            frame = nil
                            value = result
                        }
                    } else {
                        value = applyMethodCall(
                            base: consume value, member: operation, callNode: operationNode(index - 1))
                    }
                    index -= 2
                    continue
                }
                // Any other operation applies to the value: the slot's frame goes back into it.
                if let moved = frame.take() { value = .frame(moved) }
                switch kind {
                case .memberAccess:
                    value = applyAttribute(base: value, member: operationNode(index))
                case .callExpression:
                    let callee =
                        index + 1 < count ? storage.nodes[Int(operations[index + 1])] : storage.nodes[root.index]
                    value = applyCall(
                        calleeValue: value, calleeRange: ByteRange(start: callee.start, end: callee.end),
                        callNode: operationNode(index))
                default:
                    value = applySubscript(base: value, node: operationNode(index))
                }
                index -= 1
            }
            if let moved = frame.take() { return .frame(moved) }
            return value
        }
    }

    /// `base.name(…)`: the member access by node index (a `SyntaxNode` for it retained and released the tree on
    /// every step of a chain, and only its tokens are read).
    private func applyMethodCall(base: consuming Value, member: Int, callNode: SyntaxNode) -> Value {
        guard let call = CallExpression(callNode) else { return .unknown }
        recordMemberBase(dot: SyntaxNode(tree: tree, index: member).firstToken(ofKind: .dot), base)
        guard let nameRange = methodNameRange(member: member, call: call) else { return .unknown }
        return callMethod(
            on: consume base, name: source.text(in: nameRange), nameRange: nameRange, call: call, node: callNode)
    }

    /// `frame.name(…)` on the frame slot of ``evaluatePostfix(_:)``, as ``applyMethodCall(base:member:callNode:)``
    /// does for a `.frame` base: `nil` when the result is the frame, changed in place in `frame` (not `nil`).
    private func applyFrameMethodCall(_ frame: inout Frame?, member: Int, callNode: SyntaxNode) -> Value? {
        guard let call = CallExpression(callNode) else { return .unknown }
        if recordsFacts {
            recordMemberBase(dot: SyntaxNode(tree: tree, index: member).firstToken(ofKind: .dot), .frame(frame!))
        }
        guard let nameRange = methodNameRange(member: member, call: call) else { return .unknown }
        return callDataFrameMethod(
            inPlace: &frame, name: source.text(in: nameRange), nameRange: nameRange, call: call, node: callNode)
    }

    /// The range of the method's name in the member access `member` of `base.name(…)`; `nil`, with the call's
    /// arguments evaluated for the names inside, when the name is missing.
    @inline(__always)
    private func methodNameRange(member: Int, call: CallExpression) -> ByteRange? {
        let storage = tree.storage
        let nameToken = storage.firstToken(of: member, kind: .identifier)
        guard nameToken >= 0 else {
            evaluateArgumentsLoosely(call)
            return nil
        }
        return storage.tokens[nameToken].range
    }

    /// `callee(…)`, with the callee's range (no `SyntaxNode` is needed for it).
    private func applyCall(calleeValue: Value, calleeRange: ByteRange, callNode: SyntaxNode) -> Value {
        guard let call = CallExpression(callNode) else { return .unknown }
        switch calleeValue {
        case .callable(let callable):
            return callCallable(callable, call: call, calleeRange: calleeRange, node: callNode)
        case .unknown:
            evaluateArgumentsLoosely(call)
            return .unknown
        default:
            reportNotCallable(calleeValue, calleeRange: calleeRange, call: call)
            return .unknown
        }
    }

    /// A call of a value that is not callable (a call of its own, so that ``applyCall`` does not pay for it).
    @inline(never)
    private func reportNotCallable(_ calleeValue: Value, calleeRange: ByteRange, call: CallExpression) {
        report(.invalidUse, calleeRange, "a \(calleeValue.kind) cannot be called")
        evaluateArgumentsLoosely(call)
    }

    /// Evaluates the arguments of a call whose callee is unknown, for the names and columns inside.
    func evaluateArgumentsLoosely(_ call: CallExpression?) {
        guard let argumentList = call?.node.firstChild(ofKind: .argumentList) else { return }
        for argument in argumentList.children(ofKind: .argument) {
            if let value = argument.argumentParts.value { _ = evaluate(value) }
        }
    }

    /// Records the kind of value before a `.`, for completion (the dot is found only when facts are recorded).
    func recordMemberBase(dot: @autoclosure () -> SyntaxToken?, _ base: Value) {
        if recordsFacts, let dot = dot() {
            memberBases.append(MemberBaseRecord(dotOffset: dot.range.start, kind: memberKind(base)))
        }
    }

    private func memberKind(_ base: Value) -> ValueKind {
        switch base {
        case .namespace(.functions): .namespace("F")
        case .namespace(.window): .namespace("Window")
        case .namespace(.records): .namespace("Records")
        default: base.kind
        }
    }

    /// Evaluates `base.name` without a call: attributes (`df.write`, `df.amount`, `F.sum` as a value, …).
    func evaluateAttribute(_ node: SyntaxNode) -> Value { evaluatePostfix(node) }

    /// `base.name` without a call, given the base's value.
    private func applyAttribute(base: Value, member node: SyntaxNode) -> Value {
        recordMemberBase(dot: node.firstToken(ofKind: .dot), base)
        guard let nameToken = node.firstToken(ofKind: .identifier) else { return .unknown }
        let name = nameToken.text
        switch base {
        case .unknown: return .unknown
        case .frame(let frame):
            switch snakeCase(name) {
            case "write":
                record(.method(name: name, receiver: base.kind, range: nameToken.range))
                return .writer(frame, mode: nil)
            case "na":
                record(.method(name: "na", receiver: base.kind, range: nameToken.range))
                return .nullFunctions(frame)
            case "columns", "dtypes", "schema":
                record(.method(name: name, receiver: base.kind, range: nameToken.range))
                return .list(frame.columns.map { .scalar(.text($0.name)) }, isTuple: false)
            case "sql":
                return .action(frame, .toSQL)
            default:
                if let method = DataFrameMethods.canonicalName(name) {
                    record(.method(name: method, receiver: base.kind, range: nameToken.range))
                    reportMethodWithoutCall("DataFrame", nameToken)
                    return .unknown
                }
                // `df.amount` is a column of df.
                let found = matches(ColumnReference(name), in: frame.columns)
                if found.count == 1 {
                    let column = frame.columns[found[0]]
                    record(.column(column, range: nameToken.range))
                    let qualifier = column.qualifiers.last
                    return .column(
                        ColumnValue(
                            .column(ColumnReference(column.name, qualifier: qualifier)), type: column.type,
                            nullable: column.isNullable))
                }
                if !frame.isComplete { return .column(ColumnValue(.column(ColumnReference(name)), type: .unknown)) }
                reportUnknown(
                    .unknownMethod, nameToken.range, "DataFrame has no method or column '\(name)'", name: name,
                    candidates: frame.columns.map(\.name) + DataFrameMethods.names)
                return .unknown
            }
        case .namespace(.functions):
            guard let function = BuiltinFunction.named(name) else {
                reportUnknownFunction(name, nameToken.range)
                return .unknown
            }
            record(.function(function, range: nameToken.range))
            return .callable(.function(function))
        case .namespace(.window):
            switch name {
            case "unboundedPreceding", "unbounded_preceding", "unboundedFollowing", "unbounded_following":
                return .scalar(.null)
            case "currentRow", "current_row": return .scalar(.integer(0))
            default:
                if WindowMethods.signatures[snakeCase(name)] != nil { return .callable(.windowMethod(snakeCase(name))) }
                reportUnknown(
                    .unknownMethod, nameToken.range, "Window has no attribute '\(name)'", name: name,
                    candidates: [
                        "partitionBy", "orderBy", "rowsBetween", "rangeBetween", "unboundedPreceding",
                        "unboundedFollowing", "currentRow",
                    ])
                return .unknown
            }
        case .namespace(.records):
            if snakeCase(name) == "from_list" || name == "from_dicts" { return .callable(.recordsFromList) }
            reportUnknown(
                .unknownMethod, nameToken.range, "Records has no attribute '\(name)'", name: name,
                candidates: ["from_list"])
            return .unknown
        case .database:
            record(.method(name: name, receiver: .database, range: nameToken.range))
            if DatabaseMethods.signatures[snakeCase(name)] != nil || name == "dialect" { return .unknown }
            reportUnknown(
                .unknownMethod, nameToken.range, "Database has no attribute '\(name)'", name: name,
                candidates: DatabaseMethods.names)
            return .unknown
        case .column:
            if ColumnMethods.canonicalName(name) != nil { reportMethodWithoutCall("Column", nameToken) }
            return .unknown
        default:
            // Attributes of other kinds are rare; methods are checked when called.
            return .unknown
        }
    }

    /// `col("amount").is_null` or `df.distinct` without the call: a value nothing can use, which was dropped
    /// without a word (`where=col("amount").is_null` became no condition at all: a delete of every row).
    private func reportMethodWithoutCall(_ receiver: String, _ nameToken: SyntaxToken) {
        let name = nameToken.text
        let end = nameToken.range.end
        report(
            .invalidUse, nameToken.range, "\(receiver).\(name) is a method: call it, \(name)()",
            fixes: [
                Fix(title: "Call \(name)()", edits: [TextEdit(range: ByteRange(start: end, end: end), newText: "()")])
            ])
    }

    /// Evaluates `base[index]`: `df["a"]`, `df[["a", "b"]]`, `df[condition]`.
    func evaluateSubscript(_ node: SyntaxNode) -> Value { evaluatePostfix(node) }

    /// `base[index]`, given the base's value.
    private func applySubscript(base: Value, node: SyntaxNode) -> Value {
        guard let indexNode = node.firstTwoExpressionChildren.1 else { return .unknown }
        guard case .frame(let frame) = base else {
            _ = evaluate(indexNode)
            return .unknown
        }
        return withScope(frame.scope) {
            if let name = stringLiteral(indexNode) {
                return .column(resolveColumn(name, range: innerRange(of: indexNode)))
            }
            let index = evaluate(indexNode)
            switch index {
            case .list(let elements, _):
                var selected = frame
                var expressions: [Expression] = []
                for element in elements {
                    if case .scalar(.text(let name)) = element {
                        expressions.append(resolveColumn(name, range: indexNode.range).expression)
                    }
                }
                selected.plan = .project(frame.plan, expressions)
                selected.columns = projectedColumns(expressions.map { ($0, SQLType.unknown, true) }, over: frame)
                selected.origins = ColumnOrigins(repeating: indexNode.range, count: selected.columns.count)
                return .frame(selected)
            case .column(let condition):
                var filtered = frame
                filtered.plan = .filter(frame.plan, resolvePending(condition).expression)
                return .frame(filtered)
            case .unknown: return .unknown
            default:
                report(
                    .argumentTypeMismatch, indexNode.range,
                    "a DataFrame is indexed by a column name, a list of names or a condition")
                return .unknown
            }
        }
    }

    // MARK: - Method dispatch

    func callMethod(
        on base: consuming Value, name: String, nameRange: ByteRange, call: CallExpression, node: SyntaxNode
    ) -> Value {
        // The receivers of nearly every call; the others, and every report, are in `callOtherMethod` (a call of
        // its own, so that these do not pay for its set-up). The base is consumed: its frame moves on to the
        // step instead of being copied (a retain of its plan and arrays) and then destroyed with the old value.
        switch consume base {
        case .frame(let frame):
            return callDataFrameMethod(frame, name: name, nameRange: nameRange, call: call, node: node)
        case .grouped(let grouped):
            return callGroupedMethod(grouped, name: name, nameRange: nameRange, call: call, node: node)
        case .column(let column):
            return callColumnMethod(column, name: name, nameRange: nameRange, call: call, node: node)
        case .database:
            return callDatabaseMethod(name: name, nameRange: nameRange, call: call, node: node)
        case let other:
            return callOtherMethod(on: other, name: name, nameRange: nameRange, call: call, node: node)
        }
    }

    @inline(never)
    private func callOtherMethod(
        on base: Value, name: String, nameRange: ByteRange, call: CallExpression, node: SyntaxNode
    ) -> Value {
        switch base {
        case .unknown:
            evaluateArgumentsLoosely(call)
            return .unknown
        case .frame(let frame):
            return callDataFrameMethod(frame, name: name, nameRange: nameRange, call: call, node: node)
        case .grouped(let grouped):
            return callGroupedMethod(grouped, name: name, nameRange: nameRange, call: call, node: node)
        case .pivoted(let grouped, let pivot, let values):
            return callPivotedMethod(
                grouped, pivot: pivot, values: values, name: name, nameRange: nameRange, call: call, node: node)
        case .column(let column):
            return callColumnMethod(column, name: name, nameRange: nameRange, call: call, node: node)
        case .database:
            return callDatabaseMethod(name: name, nameRange: nameRange, call: call, node: node)
        case .namespace(.functions):
            guard let function = BuiltinFunction.named(name) else {
                reportUnknownFunction(name, nameRange)
                evaluateArgumentsLoosely(call)
                return .unknown
            }
            record(.function(function, range: nameRange))
            return callFunction(function, call: call, calleeRange: nameRange, node: node)
        case .namespace(.window), .window:
            var specification = WindowSpecification()
            if case .window(let existing) = base { specification = existing }
            return callWindowMethod(specification, name: name, nameRange: nameRange, call: call)
        case .namespace(.records):
            guard snakeCase(name) == "from_list" || name == "from_dicts" else {
                reportUnknown(
                    .unknownMethod, nameRange, "Records has no method '\(name)'", name: name, candidates: ["from_list"])
                evaluateArgumentsLoosely(call)
                return .unknown
            }
            return callCallable(.recordsFromList, call: call, calleeRange: nameRange, node: node)
        case .transaction:
            return callTransactionMethod(name: name, nameRange: nameRange, call: call)
        case .nullFunctions(let frame):
            let methods = ["fill": "fillna", "drop": "dropna"]
            guard let method = methods[snakeCase(name)] else {
                reportUnknown(
                    .unknownMethod, nameRange, "DataFrame.na has no method '\(name)'", name: name,
                    candidates: ["fill", "drop"])
                evaluateArgumentsLoosely(call)
                return .unknown
            }
            return callDataFrameMethod(frame, name: method, nameRange: nameRange, call: call, node: node)
        case .writer(let frame, let mode):
            return callWriterMethod(frame, mode: mode, name: name, nameRange: nameRange, call: call, node: node)
        case .records(let columns, let rows):
            return callRecordsMethod(columns: columns, rows: rows, name: name, nameRange: nameRange, call: call)
        case .mutation(let mutations):
            // DDL operations run on `.collect()`; `.to_sql()` shows them.
            let method = snakeCase(name)
            _ = bindArguments(call, CallableSignatures.none, name: method, calleeRange: nameRange)
            if ["collect", "execute", "run", "to_sql", "show_sql"].contains(method) { return .mutation(mutations) }
            reportUnknown(
                .unknownMethod, nameRange, "the operation has no method '\(name)'", name: name,
                candidates: ["collect", "to_sql"])
            return .unknown
        case .callable(let callable):
            reportUnknown(
                .unknownMethod, nameRange, "\(callable.name) has no method '\(name)'", name: name, candidates: [])
            evaluateArgumentsLoosely(call)
            return .unknown
        case .scalar, .list, .dict, .action, .columnDefinition, .constraint, .transactionControl, .transactionContext:
            reportUnknown(
                .unknownMethod, nameRange, "a \(base.kind) has no method '\(name)'", name: name, candidates: [])
            evaluateArgumentsLoosely(call)
            return .unknown
        }
    }

    // MARK: - Predefined callables

    func callCallable(_ callable: Callable, call: CallExpression, calleeRange: ByteRange, node: SyntaxNode) -> Value {
        switch callable {
        case .col:
            if let column = plainColumnCall(call) { return .column(column) }
            let arguments = bindArguments(call, CallableSignatures.col, name: "col", calleeRange: calleeRange)
            guard let argument = arguments.value("col", 0) else { return .unknown }
            if let name = stringLiteral(argument) {
                let inner = innerRange(of: argument)
                return .column(resolveColumn(name, range: inner))
            }
            let value = evaluate(argument)
            if case .scalar(.text(let name)) = value { return .column(resolveColumn(name, range: argument.range)) }
            if !value.isUnknown {
                report(.argumentTypeMismatch, argument.range, "col() takes a column name, got \(value.kind)")
            }
            return .unknown
        case .lit:
            let arguments = bindArguments(call, CallableSignatures.lit, name: "lit", calleeRange: calleeRange)
            guard let argument = arguments.value("value", 0) else { return .unknown }
            let value = evaluate(argument)
            switch value {
            case .scalar(let literal):
                return .column(ColumnValue(.literal(literal), type: literal.checkerType, nullable: literal == .null))
            case .column: return value
            case .unknown: return .unknown
            default:
                report(
                    .argumentTypeMismatch, argument.range,
                    "lit() takes a number, string, boolean or None, got \(value.kind)")
                return .unknown
            }
        case .connect:
            let arguments = bindArguments(
                call, CallableSignatures.connect, name: "connect",
                calleeRange: calleeRange)
            for node in arguments.named.values { _ = evaluate(node) }
            guard let argument = arguments.value("dsn", 0) else { return .database(target: "") }
            let value = evaluate(argument)
            if case .scalar(.text(let target)) = value { return .database(target: target) }
            if !value.isUnknown {
                report(.argumentTypeMismatch, argument.range, "connect() takes a URL or a connection name")
            }
            return .database(target: "")
        case .column:
            return callColumnDefinition(call: call, calleeRange: calleeRange)
        case .function(let function):
            record(.function(function, range: calleeRange))
            return callFunction(function, call: call, calleeRange: calleeRange, node: node)
        case .unique, .check, .foreignKey:
            return callConstraint(callable, call: call, calleeRange: calleeRange)
        case .windowMethod(let name):
            return callWindowMethod(WindowSpecification(), name: name, nameRange: calleeRange, call: call)
        case .recordsFromList:
            let arguments = bindArguments(
                call, CallableSignatures.fromList, name: "from_list", calleeRange: calleeRange)
            if let database = arguments.named["database"] { _ = evaluate(database) }
            guard let rowsNode = arguments.value("rows", 0) else { return .unknown }
            guard let (columns, rows) = rowMaps(evaluate(rowsNode), range: rowsNode.range) else { return .unknown }
            return .records(columns: columns, rows: rows)
        }
    }

    /// `col("name")` with one positional plain string literal (nearly every `col` call): what the general path
    /// gives, without matching the arguments to the signature or making the literal's text; `nil` otherwise.
    private func plainColumnCall(_ call: CallExpression) -> ColumnValue? {
        guard usesFastPaths else { return nil }
        // By node index: no `SyntaxNode` (a retain and a release of the tree) for the list, the argument or its value.
        let storage = tree.storage
        let listIndex = storage.firstChild(of: call.node.index, kind: .argumentList)
        guard listIndex >= 0 else { return nil }
        var argumentIndex = -1
        var count = 0
        let list = storage.nodes[listIndex]
        for position in Int(list.childStart)..<(Int(list.childStart) + Int(list.childCount)) {
            let child = storage.children[position]
            if child >= 0 && storage.nodes[Int(child)].kind == .argument {
                count += 1
                argumentIndex = Int(child)
            }
        }
        guard count == 1 else { return nil }
        let (label, isSpread, value) = storage.argumentParts(of: argumentIndex)
        guard label < 0, !isSpread, value >= 0, let (reference, inner) = plainColumnReference(index: value) else {
            return nil
        }
        if recordsFacts { recordColumnCallSite(listIndex: listIndex) }
        return resolveColumn(reference, range: inner, fixRange: nil)
    }

    /// The call site of a `col("name")` read by ``plainColumnCall(_:)`` (a call of its own: facts are recorded
    /// only when an editor asks).
    @inline(never)
    private func recordColumnCallSite(listIndex: Int) {
        let storage = tree.storage
        let signature = CallableSignatures.col
        recordCallSite(
            CallSiteRecord(
                range: ByteRange(start: storage.nodes[listIndex].start, end: storage.nodes[listIndex].end),
                name: "col", keywords: signature.keywordNames,
                enumerated: signature.enumerated,
                positionalCount: signature.keywordNames.count - signature.keywords.count))
    }

    /// Literal rows from a list of dicts: the columns in order of first appearance, `NULL` where a row lacks one.
    func rowsOf(_ value: Value, range: ByteRange) -> (columns: [String], rows: [[Expression]])? {
        guard let (columns, dicts) = rowMaps(value, range: range) else { return nil }
        return (columns, dicts.map { row in columns.map { row[$0] ?? .literal(.null) } })
    }

    /// Rows given as a list of dicts, each as a column → value map, with the columns in order of appearance.
    func rowMaps(_ value: Value, range: ByteRange) -> (columns: [String], rows: [[String: Expression]])? {
        switch value {
        case .records(let columns, let rows): return (columns, rows)
        case .list(let elements, _):
            var columns: [String] = []
            var dicts: [[String: Expression]] = []
            for element in elements {
                guard case .dict(let entries) = element else {
                    if !element.isUnknown {
                        report(
                            .argumentTypeMismatch, range, "rows must be dicts such as {\"id\": 1, \"name\": \"Ada\"}")
                    }
                    return nil
                }
                var row: [String: Expression] = [:]
                for entry in entries {
                    guard let key = entry.key else {
                        report(.argumentTypeMismatch, entry.keyRange, "a row's keys must be column names (strings)")
                        continue
                    }
                    if !columns.contains(key) { columns.append(key) }
                    row[key] = literalExpression(entry.value, range: entry.valueRange)
                }
                dicts.append(row)
            }
            return (columns, dicts)
        case .unknown: return nil
        default:
            report(.argumentTypeMismatch, range, "expected a list of rows (dicts), got \(value.kind)")
            return nil
        }
    }

    /// A value as an expression for a row or an assignment: a literal, or a column expression.
    func literalExpression(_ value: Value, range: ByteRange) -> Expression {
        switch value {
        case .scalar(let literal): return .literal(literal)
        case .column(let column): return column.expression
        case .list(let elements, _):
            // A list value in a row is stored as JSON text.
            let items = elements.map { element -> String in
                if case .scalar(let literal) = element { return literal.description }
                return "null"
            }
            return .literal(.text("[" + items.joined(separator: ", ") + "]"))
        case .unknown: return .literal(.null)
        default:
            report(.argumentTypeMismatch, range, "expected a value, got \(value.kind)")
            return .literal(.null)
        }
    }
}

/// The signatures of the predefined callables, made once: a call looks one up instead of building it.
enum CallableSignatures {
    static let col = Signature(["col"])
    static let lit = Signature(["value"])
    static let connect = Signature(["dsn"], minimum: 0, keywords: ["engine", "session"], anyKeywords: true)
    static let fromList = Signature(["rows"], keywords: ["database"])
    static let none = Signature()
}

extension Binder {
    /// What to write instead of PySpark functions that Moltres spells another way.
    static let pysparkSpellings: [String: String] = [
        "col": "write col(\"name\") itself (from moltres import col), not F.col(…)",
        "column": "write col(\"name\") itself (from moltres import col), not F.column(…)",
        "desc": "sort with col(\"name\").desc() in order_by(…)",
        "asc": "sort with col(\"name\").asc() in order_by(…)",
        "desc_nulls_first": "sort with col(\"name\").desc_nulls_first() in order_by(…)",
        "desc_nulls_last": "sort with col(\"name\").desc_nulls_last() in order_by(…)",
        "asc_nulls_first": "sort with col(\"name\").asc_nulls_first() in order_by(…)",
        "asc_nulls_last": "sort with col(\"name\").asc_nulls_last() in order_by(…)",
        "expr": "pass the SQL text to select_expr(\"…\") or where(\"…\")",
        "ifnull": "write F.coalesce(…)",
        "nvl": "write F.coalesce(…)",
        "size": "write F.array_length(…)",
    ]

    /// `MOL2005` for `F.name`, with the closest functions; PySpark's spellings (`F.col`, `F.desc`, `F.expr`) say
    /// what to write instead.
    func reportUnknownFunction(_ name: String, _ range: ByteRange) {
        if let instead = Self.pysparkSpellings[name] {
            report(.unknownFunction, range, "F has no function '\(name)': \(instead)")
            return
        }
        reportUnknown(
            .unknownFunction, range, "F has no function '\(name)'", name: name,
            candidates: BuiltinFunction.all.flatMap { [$0.name] + $0.aliases })
    }
}
