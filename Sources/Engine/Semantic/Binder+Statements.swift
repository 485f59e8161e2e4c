extension Binder {
    /// Binds every top-level statement in order, then turns bindings used by several queries into CTEs.
    func bindFile() -> [CompiledStatement] {
        // The root's statements by index, into an array of the right size (`root.statements` made an array of
        // every child node, a filtered copy of it, then the mapped result).
        let root = tree.root.node
        let storage = tree.storage
        var count = 0
        for position in root.childPositions {
            let child = storage.children[position]
            if child >= 0 && storage.nodes[Int(child)].kind.isStatement { count += 1 }
        }
        var statements: [CompiledStatement] = []
        statements.reserveCapacity(count)
        for position in root.childPositions {
            let child = storage.children[position]
            guard child >= 0 && storage.nodes[Int(child)].kind.isStatement else { continue }
            statements.append(bindStatement(SyntaxNode(tree: tree, index: Int(child)), blockEnd: Int.max))
        }
        return applyingSharedBindings(statements)
    }

    /// Binds one statement; `blockEnd` is where the enclosing `with` block ends (aliases are visible until there).
    func bindStatement(_ node: SyntaxNode, blockEnd: Int) -> CompiledStatement {
        let statement = bindOneStatement(node, blockEnd: blockEnd)
        learnSchemaChanges(of: statement)
        return statement
    }

    /// A table the statement creates is known to the statements after it, and one it drops is not, as when the
    /// file runs: `db.create_table("notes", …)` then `db.insert("notes", …)` checks the insert against the new
    /// table's columns instead of reporting an unknown table.
    private func learnSchemaChanges(of statement: CompiledStatement) {
        // Without a catalog nothing is known of what is there (a table `IF NOT EXISTS` keeps may have other columns).
        guard hasCatalog, statement.kind == .mutation else { return }
        for mutation in statement.mutations where mutation.changesSchema {
            catalog.applySchemaChange(mutation)
            tableColumns.removeAll()  // the columns cached per table name may be a replaced table's
        }
    }

    private func bindOneStatement(_ node: SyntaxNode, blockEnd: Int) -> CompiledStatement {
        currentStatement += 1
        let range = node.range
        switch node.kind {
        case .importStatement:
            for name in ImportStatement(node)?.names ?? [] { bindImported(name, statementEnd: range.end) }
            return CompiledStatement(kind: .importStatement, range: range)
        case .fromImportStatement:
            for name in FromImportStatement(node)?.names ?? [] { bindImported(name, statementEnd: range.end) }
            return CompiledStatement(kind: .importStatement, range: range)
        case .bindingStatement:
            guard let binding = BindingStatement(node) else { return CompiledStatement(kind: .other, range: range) }
            let value = binding.value.map { evaluate($0) } ?? .unknown
            let statement = compiledStatement(for: value, range: range, bindingName: binding.name, isBinding: true)
            if let token = binding.nameToken {
                var source: SyntaxNode?
                if case .column(let column) = value, !column.pending.isEmpty { source = binding.value }
                bind(
                    token.text, value: boundValue(value), range: token.range, visibleFrom: range.end, until: blockEnd,
                    source: source)
            }
            return statement
        case .expressionStatement:
            guard let expression = ExpressionStatement(node)?.expression else {
                return CompiledStatement(kind: .other, range: range)
            }
            let value = evaluate(expression)
            if case .column = value {
                report(
                    .unusedValue, expression.range,
                    "this column expression is not used; pass it to a DataFrame method such as where(...)",
                    severity: .hint)
            }
            return compiledStatement(for: value, range: range, bindingName: nil, isBinding: false)
        case .withStatement:
            return bindWith(node, blockEnd: blockEnd)
        case .errorStatement:
            // Reported by the parser; still look inside for names and columns.
            for child in node.childNodes where child.kind.isExpression { _ = evaluate(child) }
            return CompiledStatement(kind: .other, range: range)
        default:
            return CompiledStatement(kind: .other, range: range)
        }
    }

    private func bindImported(_ name: ImportedName, statementEnd: Int) {
        guard let bound = name.boundName, !bound.contains(".") else { return }
        let token = name.aliasToken ?? name.node.childTokens.first { $0.kind == .identifier }
        let original = name.name ?? bound
        let value: Value
        if let known = Self.importableNames[original] {
            value = known
        } else if let function = BuiltinFunction.named(original) {
            value = .callable(.function(function))
        } else if original == "moltres" || original.hasPrefix("moltres") {
            value = .unknown
        } else {
            value = .unknown
        }
        bind(
            bound, value: value, range: token?.range ?? name.range, visibleFrom: statementEnd, until: Int.max,
            kind: .importName)
    }

    /// Binds `name` to `value` from `visibleFrom` on, shadowing any earlier binding.
    func bind(
        _ name: String, value: Value, range: ByteRange, visibleFrom: Int, until: Int,
        kind: BindingInfo.Kind = .binding, source: SyntaxNode? = nil
    ) {
        nextBindingID += 1
        let info = BindingInfo(
            name: name, kind: kind, range: range, valueKind: value.kind, visibleFrom: visibleFrom,
            visibleUntil: until)
        var stored = value
        if case .frame(var frame) = value {
            // A named DataFrame becomes a binding node, so a query using it twice gets one CTE.
            let cteName = uniqueBindingName(name)
            frame.plan = .binding(name: cteName, frame.plan, alwaysCTE: false)
            frame.columns = addingQualifier(cteName, to: frame.columns)
            stored = .frame(frame)
            bindingNames[nextBindingID] = cteName
        }
        environment.set(name, BoundName(value: stored, info: info, id: nextBindingID, source: source))
        bindingTimeline.append(info)
        record(.binding(info))
    }

    /// A CTE name for a binding: the name itself, unless it is taken by an earlier binding or by a table (a CTE
    /// named like a table it reads would refer to itself).
    /// The columns with `qualifier` added; columns with equal qualifier lists share one new list.
    /// The columns with `qualifier` added (a binding's name). A column keeps its first qualifier (its table's) and
    /// at most ``maximumBindingQualifiers`` binding names, the latest: a chain of thousands of bindings made every
    /// column carry every earlier name, which made binding it quadratic.
    func addingQualifier(_ qualifier: String, to columns: [PlanColumn]) -> [PlanColumn] {
        var columns = columns
        var lastOld: [String]?
        var lastNew: [String] = []
        for index in columns.indices where !columns[index].qualifiers.contains(qualifier) {
            if columns[index].qualifiers != lastOld {
                lastOld = columns[index].qualifiers
                var qualifiers = columns[index].qualifiers
                if qualifiers.count > Self.maximumBindingQualifiers { qualifiers.remove(at: 1) }
                qualifiers.append(qualifier)
                lastNew = qualifiers
            }
            columns[index].qualifiers = lastNew
        }
        return columns
    }

    static let maximumBindingQualifiers = 16

    /// The CTE name of a binding: its own, numbered when bound again, with `_cte` when a table has that name (in
    /// the catalog, or read by a `db.table(...)` of this file that the catalog does not know: a set kept as they
    /// are bound, since walking each binding's plan made a file of chained bindings quadratic).
    private func uniqueBindingName(_ name: String) -> String {
        let count = (bindingNameCounts[name] ?? 0) + 1
        bindingNameCounts[name] = count
        let candidate = count == 1 ? name : "\(name)_\(count)"
        if catalog.table(named: candidate) != nil || unknownTablesRead.contains(candidate) {
            return "\(candidate)_cte"
        }
        return candidate
    }

    /// What a name is bound to: a mutation's row count, an action's result, or the value itself.
    private func boundValue(_ value: Value) -> Value {
        switch value {
        case .mutation: return .scalar(.integer(0))
        case .action(_, let action): return action == .count ? .scalar(.integer(0)) : .unknown
        default: return value
        }
    }

    /// The statement a value makes.
    func compiledStatement(
        for value: Value, range: ByteRange, bindingName: String?, isBinding: Bool
    )
        -> CompiledStatement
    {
        switch value {
        case .frame(let frame):
            if isBinding {
                return CompiledStatement(
                    kind: .binding, range: range, bindingName: bindingName, plan: frame.plan, schema: frame.columns)
            }
            return CompiledStatement(kind: .query, range: range, plan: frame.plan, schema: frame.columns)
        case .action(let frame, let action):
            let schema: [PlanColumn] =
                action == .count ? [PlanColumn(name: "count", type: .integer, isNullable: false)] : frame.columns
            return CompiledStatement(
                kind: .query, range: range, bindingName: bindingName, plan: frame.plan, action: action, schema: schema)
        case .mutation(let mutations):
            if let readOnly = readOnlyTransaction {
                report(
                    .writeInReadOnlyTransaction, range, "this statement writes inside a read-only transaction",
                    related: [RelatedInformation(range: readOnly, message: "the transaction is read-only here")])
            }
            return CompiledStatement(kind: .mutation, range: range, bindingName: bindingName, mutations: mutations)
        case .database(let target?):
            return CompiledStatement(kind: .connect, range: range, bindingName: bindingName, connectionTarget: target)
        case .transactionControl(let action):
            return CompiledStatement(kind: .other, range: range, bindingName: bindingName, transactionAction: action)
        default:
            return CompiledStatement(kind: isBinding ? .binding : .other, range: range, bindingName: bindingName)
        }
    }

    private func bindWith(_ node: SyntaxNode, blockEnd: Int) -> CompiledStatement {
        guard let with = WithStatement(node) else { return CompiledStatement(kind: .other, range: node.range) }
        let context = with.context.map { evaluate($0) } ?? .unknown
        var options: TransactionOptions?
        let savedReadOnly = readOnlyTransaction
        let savedAlias = transactionAlias
        if case .transactionContext(var transaction) = context {
            transaction.alias = with.alias
            options = transaction
            if transaction.readonly { readOnlyTransaction = with.context?.range }
        }
        let end = node.range.end
        if let token = with.aliasToken {
            let value: Value = options != nil ? .transaction : .unknown
            bind(
                token.text, value: value, range: token.range, visibleFrom: token.range.end, until: end, kind: .withAlias
            )
            transactionAlias = token.text
        }
        let children = with.statements.map { bindStatement($0, blockEnd: end) }
        readOnlyTransaction = savedReadOnly
        transactionAlias = savedAlias
        if let alias = with.alias, let entry = environment[alias], entry.info.kind == .withAlias {
            // The alias stays bound in Python, but the transaction is over: using it reports MOL5003.
            var info = entry.info
            info.visibleUntil = end
            environment.set(alias, BoundName(value: .unknown, info: info, id: entry.id))
            expiredTransactions.insert(alias)
        }
        return CompiledStatement(
            kind: options != nil ? .transaction : .other, range: node.range, children: children,
            transactionOptions: options)
    }

    /// Marks the bindings used by more than one query statement as CTEs in those statements' plans.
    private func applyingSharedBindings(_ statements: [CompiledStatement]) -> [CompiledStatement] {
        let shared = Set(
            bindingUses.compactMap { id, uses in uses.count > 1 ? bindingNames[id] : nil })
        guard !shared.isEmpty else { return statements }
        func rewrite(_ statement: CompiledStatement) -> CompiledStatement {
            let children = statement.children.map(rewrite)
            return CompiledStatement(
                kind: statement.kind, range: statement.range, bindingName: statement.bindingName,
                plan: statement.kind == .query ? statement.plan.map { $0.markingCTEs(shared) } : statement.plan,
                action: statement.action,
                mutations: statement.mutations.map { $0.markingCTEs(shared) },
                connectionTarget: statement.connectionTarget, children: children,
                transactionOptions: statement.transactionOptions, transactionAction: statement.transactionAction,
                schema: statement.schema)
        }
        return statements.map(rewrite)
    }
}

extension MutationPlan {
    /// The mutation with the named bindings of its query marked as CTEs.
    func markingCTEs(_ names: Set<String>) -> MutationPlan {
        switch self {
        case .insertSelect(let table, let columns, let query):
            return .insertSelect(table: table, columns: columns, query: query.markingCTEs(names))
        case .insert, .update, .delete, .upsert, .createTable, .dropTable, .createIndex, .dropIndex:
            return self
        }
    }
}

extension LogicalPlan {
    /// The plan with every ``LogicalPlan/binding(name:_:alwaysCTE:)`` named in `names` marked `alwaysCTE`.
    func markingCTEs(_ names: Set<String>) -> LogicalPlan {
        func map(_ plan: LogicalPlan) -> LogicalPlan { plan.markingCTEs(names) }
        func mapExpression(_ expression: Expression) -> Expression {
            expression.rewritten { inner in
                switch inner {
                case .inSubquery(let subject, let plan, let negated):
                    return .inSubquery(mapExpression(subject), map(plan), negated: negated)
                case .scalarSubquery(let plan): return .scalarSubquery(map(plan))
                case .exists(let plan, let negated): return .exists(map(plan), negated: negated)
                default: return nil
                }
            }
        }
        switch self {
        case .scan, .values, .rawSQL, .cteReference: return self
        case .project(let input, let expressions): return .project(map(input), expressions.map(mapExpression))
        case .withColumns(let input, let additions):
            return .withColumns(
                map(input), additions.map { NamedExpression($0.name, mapExpression($0.expression)) })
        case .renameColumns(let input, let renames): return .renameColumns(map(input), renames)
        case .dropColumns(let input, let names): return .dropColumns(map(input), names)
        case .filter(let input, let predicate): return .filter(map(input), mapExpression(predicate))
        case .join(var join):
            join.left = map(join.left)
            join.right = map(join.right)
            if case .on(let condition) = join.condition { join.condition = .on(mapExpression(condition)) }
            return .join(join)
        case .aggregate(let input, let keys, let aggregates):
            return .aggregate(map(input), groupBy: keys.map(mapExpression), aggregates: aggregates.map(mapExpression))
        case .sort(let input, let keys): return .sort(map(input), keys)
        case .limit(let input, let count, let offset): return .limit(map(input), count: count, offset: offset)
        case .distinct(let input): return .distinct(map(input))
        case .setOperation(let op, let left, let right): return .setOperation(op, map(left), map(right))
        case .alias(let input, let name): return .alias(map(input), name)
        case .binding(let name, let input, let alwaysCTE):
            return .binding(name: name, map(input), alwaysCTE: alwaysCTE || names.contains(name))
        case .recursiveCTE(let name, let initial, let recursive, let unionAll):
            return .recursiveCTE(name: name, initial: map(initial), recursive: map(recursive), unionAll: unionAll)
        case .explode(let input, let expression, let alias): return .explode(map(input), expression, alias: alias)
        case .pivot(var pivot):
            pivot.input = map(pivot.input)
            return .pivot(pivot)
        case .sample(let input, let fraction, let seed): return .sample(map(input), fraction: fraction, seed: seed)
        case .unionByName(let left, let right, let allowMissing):
            return .unionByName(map(left), map(right), allowMissingColumns: allowMissing)
        case .rowLock(let input, let lock): return .rowLock(map(input), lock)
        }
    }
}
