/// Turns a ``LogicalPlan`` into a SQL tree, merging pipeline steps into as few SELECT levels as SQL allows.
///
/// The generator walks the plan bottom-up and keeps one SELECT "level" open. Each step either fits into
/// the open level or closes it into a subquery first; ``needsNewLevel(for:on:)`` alone decides which.
/// Column references are resolved against the open level's columns, and each resolves to the SQL that
/// computes it there, so a step merged into a level sees the expressions of the steps before it
/// (a `where` after an `agg` compares the aggregate itself, in `HAVING`).
///
/// - Important: One generator serves one statement; it is not reused or shared between threads.
final class SQLGenerator {
    let dialect: any Dialect
    let catalog: Catalog
    var aliasCounter = 0
    var reservedNames: Set<String> = []
    var commonTableExpressions: [SQLCommonTableExpression] = []
    var cteColumns: [String: [PlanColumn]] = [:]
    var isRecursive = false
    var bindingUses: [String: Int] = [:]
    var outerScopes: [Level] = []
    /// How deep `build` and `translate` have recursed: a plan or expression deeper than ``depthLimit`` (a chain of
    /// 500 `where`s, or an expression built up through thousands of bindings) is an error, not a stack overflow.
    var depth = 0
    static let depthLimit = 256
    static let tooDeepMessage =
        "the query nests steps and expressions more than \(depthLimit) deep; split it into shorter pipelines"
    /// CTEs whose bodies read sources with unknown columns (no catalog, raw SQL): references to them stay open.
    var openCTEs: [String: [String]] = [:]
    /// Join hints written at the head of the statement (``JoinHintSyntax/statementHead``).
    var statementHints: [String] = []

    init(dialect: any Dialect, catalog: Catalog) {
        self.dialect = dialect
        self.catalog = catalog
    }

    // MARK: - Levels

    /// A column as seen inside the open level: its description and the SQL that computes it there.
    struct LevelColumn {
        var column: PlanColumn
        var sql: SQLExpression
        var hasWindow = false
        var isAggregate = false
    }

    /// The SELECT being built.
    struct Level {
        var select = SQLSelect()
        var columns: [LevelColumn] = []
        /// Aliases of sources whose columns are unknown (raw SQL, tables missing from the catalog).
        var openQualifiers: [String] = []
        /// For open sources: other names a reference may qualify them with (lowercased), and the SQL name they
        /// stand for (`orders.id` after `orders` became the subquery or CTE `t1`).
        var qualifierAliases: [String: String] = [:]
        /// SQL names of the sources in FROM and JOIN.
        var sourceNames: [String] = []
        var hasProjection = false
        var hasWindow = false
        var isAggregated = false
        var limitCount: Int?
        var offsetCount = 0
        var hasLimit = false
        /// The ordering as plan keys, so it can be carried to an enclosing level.
        var sortKeys: [SortKey] = []
        /// The level is exactly this query (a set operation or `VALUES`); any step wraps it first.
        var compound: SQLQuery?

        /// Whether nothing but FROM and JOIN has been set.
        var isPlainSource: Bool {
            compound == nil && !hasProjection && !isAggregated && !hasWindow && !hasLimit && !select.distinct
                && select.whereClause == nil && select.orderBy.isEmpty
        }
    }

    /// A pipeline step, described by what matters for the SELECT-level decision.
    enum Step {
        case filter
        case project(addsWindow: Bool, readsWindow: Bool)
        case aggregate
        case sort
        case limit
        case distinct
        /// The level becomes the left input of a join (or of an explode) of this kind.
        case joinInput(JoinKind)
    }

    /// Decides whether `step` needs a new SELECT level, the open level becoming a subquery in its FROM.
    ///
    /// One SELECT applies its clauses in this order:
    /// 1. FROM and JOIN, 2. WHERE, 3. GROUP BY, 4. HAVING, 5. window functions, 6. the SELECT list,
    /// 7. DISTINCT, 8. ORDER BY, 9. LIMIT and OFFSET.
    /// A step fits when its clause comes after every clause already set, or when moving it earlier cannot
    /// change the result:
    /// - filter → WHERE (HAVING once grouped); it must not see rows a window, DISTINCT-free LIMIT or set
    ///   operation has already processed, so windows (5) and LIMIT (9) force a new level;
    /// - project → the SELECT list (6), substituting the expressions already there; a new level when it adds
    ///   a window after a LIMIT, adds a window over another window's result, or follows DISTINCT;
    /// - aggregate → GROUP BY (3); a new level once grouped, windowed, DISTINCT or limited (an ORDER BY before
    ///   it is dropped, as grouping ignores row order);
    /// - sort → ORDER BY (8); a new level after LIMIT, since sorting the limited rows differs;
    /// - limit → merged arithmetically with an existing LIMIT/OFFSET, so it always fits;
    /// - distinct → DISTINCT (7); a new level after LIMIT;
    /// - join input → FROM (1); the left input may only carry FROM, JOIN and (for joins that keep every
    ///   left row's match decision) WHERE.
    /// A set operation or `VALUES` always takes a new level for any further step.
    static func needsNewLevel(for step: Step, on level: Level) -> Bool {
        if level.compound != nil { return true }
        if level.select.lock != nil {
            // `FOR UPDATE` locks table rows: it cannot share a SELECT with grouping, DISTINCT, windows or
            // joins added after it, so those read the locked SELECT as a subquery.
            switch step {
            case .aggregate, .distinct, .joinInput: return true
            case .project(let addsWindow, _) where addsWindow: return true
            case .filter, .project, .sort, .limit: break
            }
        }
        switch step {
        case .filter:
            return level.hasWindow || level.hasLimit
        case .project(let addsWindow, let readsWindow):
            return level.select.distinct || (addsWindow && (level.hasLimit || readsWindow))
        case .aggregate:
            return level.isAggregated || level.hasWindow || level.hasLimit || level.select.distinct
        case .sort:
            return level.hasLimit
        case .limit:
            return false
        case .distinct:
            return level.hasLimit
        case .joinInput(let kind):
            if level.hasProjection || level.isAggregated || level.hasWindow || level.hasLimit || level.select.distinct {
                return true
            }
            switch kind {
            case .inner, .left, .cross, .semi, .anti: return false
            case .right, .full: return level.select.whereClause != nil
            }
        }
    }

    /// The statement's plan; names and binding uses are collected from it on first need.
    var root: LogicalPlan?
    var namesReserved = false
    var bindingsCounted = false

    func nextAlias() -> String {
        if !namesReserved, let root {
            namesReserved = true
            reserveNames(in: root)
        }
        while true {
            aliasCounter += 1
            let name = "t\(aliasCounter)"
            if !reservedNames.contains(name.lowercased()) { return name }
        }
    }

    /// Closes `level` into a subquery and opens a level that reads it; columns keep their names and
    /// qualifiers, so `orders.id` still resolves after the wrap.
    func wrap(_ level: Level, alias: String? = nil) throws -> Level {
        var inner = level
        // An ORDER BY without a LIMIT means nothing inside a subquery; it moves to the new level.
        let carriedKeys = inner.sortKeys
        if !inner.hasLimit {
            inner.select.orderBy = []
            inner.sortKeys = []
        }
        let alias = alias ?? nextAlias()
        var names: [String] = []
        var used: Set<String> = []
        for column in inner.columns {
            if case .star = column.sql {
                names.append("*")
                continue
            }
            var name = column.column.name
            var suffix = 2
            while used.contains(name.lowercased()) {
                name = "\(column.column.name)_\(suffix)"
                suffix += 1
            }
            used.insert(name.lowercased())
            names.append(name)
        }
        let query = finalize(inner, names: names)
        var outer = Level()
        outer.select.from = [.subquery(query, alias: alias)]
        outer.sourceNames = [alias]
        outer.columns = zip(inner.columns, names).compactMap { column, name in
            if case .star = column.sql { return nil }
            return LevelColumn(column: column.column, sql: .column(qualifier: alias, name: name))
        }
        if !inner.openQualifiers.isEmpty {
            outer.openQualifiers = [alias]
            for name in inner.openQualifiers + Array(inner.qualifierAliases.keys) where name != alias {
                outer.qualifierAliases[name.lowercased()] = alias
            }
        }
        if !carriedKeys.isEmpty {
            if let keys = try? carriedKeys.map({ try orderItems(for: $0, in: outer) }) {
                outer.select.orderBy = keys.flatMap { $0 }
                outer.sortKeys = carriedKeys
            }
        }
        return outer
    }

    /// The query of a level: its SELECT with the select list spelled from its columns.
    func finalize(_ level: Level, names: [String]? = nil) -> SQLQuery {
        if let compound = level.compound { return compound }
        var select = level.select
        let singleSource = select.from.count == 1 && select.joins.isEmpty
        let duplicateNames = Set(level.columns.map { $0.column.name.lowercased() }).count != level.columns.count
        let needsList =
            level.hasProjection || !singleSource || (names != nil && duplicateNames)
            || (names.map { $0 != level.columns.map(\.column.name) } ?? false)
        if needsList && !(level.columns.isEmpty && !level.openQualifiers.isEmpty) {
            select.columns = level.columns.enumerated().map { index, column in
                let name = names?[index] ?? column.column.name
                if case .star = column.sql { return SQLSelectItem(expression: column.sql, alias: nil) }
                if case .column(_, let columnName) = column.sql, columnName == name {
                    return SQLSelectItem(expression: column.sql, alias: nil)
                }
                return SQLSelectItem(expression: column.sql, alias: name)
            }
            if !level.openQualifiers.isEmpty && !level.hasProjection {
                select.columns =
                    level.openQualifiers.map { SQLSelectItem(expression: .star(qualifier: $0), alias: nil) }
                    + select.columns
            }
        }
        if level.hasLimit {
            switch dialect.limitSyntax {
            case .limitOffset:
                if let count = level.limitCount {
                    select.limit = .parameter(.integer(Int64(count)))
                } else if level.offsetCount > 0, let unlimited = dialect.unlimitedRowCount {
                    select.limit = .token(unlimited)
                }
            case .offsetFetch:
                select.limit = level.limitCount.map { .parameter(.integer(Int64($0))) }
            }
            if level.offsetCount > 0 { select.offset = .parameter(.integer(Int64(level.offsetCount))) }
        }
        return .select(select)
    }

    // MARK: - Entry points

    /// The tree and result columns of a query plan.
    func queryTree(for plan: LogicalPlan) throws -> (SQLTree, [PlanColumn]) {
        root = plan
        let level = try build(plan)
        let query = finalize(level)
        return (.query(with: commonTableExpressions, recursive: isRecursive, query), level.columns.map(\.column))
    }

    func reserveNames(in plan: LogicalPlan) {
        func visit(_ plan: LogicalPlan) {
            switch plan {
            case .scan(let table): reservedNames.insert(table.name.lowercased())
            case .alias(let input, let name):
                reservedNames.insert(name.lowercased())
                visit(input)
            case .binding(let name, let input, _):
                reservedNames.insert(name.lowercased())
                visit(input)
            case .recursiveCTE(let name, let initial, let recursive, _):
                reservedNames.insert(name.lowercased())
                visit(initial)
                visit(recursive)
            case .project(let input, _), .withColumns(let input, _), .renameColumns(let input, _),
                .dropColumns(let input, _), .filter(let input, _), .aggregate(let input, _, _), .sort(let input, _),
                .limit(let input, _, _), .distinct(let input), .explode(let input, _, _), .sample(let input, _, _),
                .rowLock(let input, _):
                visit(input)
            case .join(let join):
                visit(join.left)
                visit(join.right)
            case .setOperation(_, let left, let right), .unionByName(let left, let right, _):
                visit(left)
                visit(right)
            case .pivot(let pivot): visit(pivot.input)
            case .values, .rawSQL, .cteReference: break
            }
        }
        visit(plan)
    }

    /// Counts how often each binding is used, subqueries included, to decide which become CTEs.
    func countBindings(in plan: LogicalPlan) {
        func visitExpression(_ expression: Expression) {
            _ = expression.contains { node in
                switch node {
                case .inSubquery(_, let plan, _), .scalarSubquery(let plan), .exists(let plan, _): visit(plan)
                default: break
                }
                return false
            }
        }
        func visit(_ plan: LogicalPlan) {
            switch plan {
            case .binding(let name, let input, _):
                bindingUses[name, default: 0] += 1
                if bindingUses[name] == 1 { visit(input) }
            case .scan, .values, .rawSQL, .cteReference: break
            case .project(let input, let expressions):
                visit(input)
                expressions.forEach(visitExpression)
            case .withColumns(let input, let additions):
                visit(input)
                additions.map(\.expression).forEach(visitExpression)
            case .filter(let input, let predicate):
                visit(input)
                visitExpression(predicate)
            case .aggregate(let input, let keys, let aggregates):
                visit(input)
                (keys + aggregates).forEach(visitExpression)
            case .renameColumns(let input, _), .dropColumns(let input, _), .sort(let input, _), .limit(let input, _, _),
                .distinct(let input), .explode(let input, _, _), .sample(let input, _, _), .alias(let input, _),
                .rowLock(let input, _):
                visit(input)
            case .join(let join):
                visit(join.left)
                visit(join.right)
                if case .on(let condition) = join.condition { visitExpression(condition) }
            case .setOperation(_, let left, let right), .unionByName(let left, let right, _):
                visit(left)
                visit(right)
            case .recursiveCTE(_, let initial, let recursive, _):
                visit(initial)
                visit(recursive)
            case .pivot(let pivot): visit(pivot.input)
            }
        }
        visit(plan)
    }

    /// The query of a nested plan (subquery, CTE body, set operation side).
    func query(for plan: LogicalPlan) throws -> (SQLQuery, [PlanColumn]) {
        let level = try build(plan)
        return (finalize(level), level.columns.map(\.column))
    }

    /// One level deeper into `build` or `translate`, or `MOL1015` past ``depthLimit``.
    func enterLevel() throws {
        guard depth < Self.depthLimit else {
            throw PlanError(.nestingTooDeep, message: Self.tooDeepMessage)
        }
        depth += 1
    }

    // MARK: - Building levels

    func build(_ plan: LogicalPlan) throws -> Level {
        try enterLevel()
        defer { depth -= 1 }
        switch plan {
        case .scan(let table):
            return try tableLevel(table, alias: nil)

        case .project(let input, let items):
            if items.contains(where: { $0.containsAggregate }) && !items.contains(where: { $0.containsWindow }) {
                // `select(F.sum(x))` without group_by aggregates the whole input, as in PySpark.
                return try build(.aggregate(input, groupBy: [], aggregates: items))
            }
            var level = try build(input)
            if items == [.star(qualifier: nil)] && level.compound == nil { return level }
            let addsWindow = items.contains { $0.containsWindow }
            let readsWindow = addsWindow && items.contains { referencesWindowColumn($0, in: level) }
            if Self.needsNewLevel(for: .project(addsWindow: addsWindow, readsWindow: readsWindow), on: level) {
                level = try wrap(level)
            }
            var columns: [LevelColumn] = []
            for (position, item) in items.enumerated() {
                if case .star(let qualifier) = item {
                    let matching = level.columns.filter { column in
                        qualifier.map { qualifier in
                            column.column.qualifiers.contains { $0.lowercased() == qualifier.lowercased() }
                        }
                            ?? true
                    }
                    columns += matching
                    // Sources whose columns are unknown (no catalog, raw SQL) keep their `*`.
                    for open in level.openQualifiers
                    where qualifier.map({ $0.lowercased() == open.lowercased() }) ?? true {
                        columns.append(
                            LevelColumn(
                                column: PlanColumn(name: "*", type: .unknown, qualifiers: [open]),
                                sql: .star(qualifier: open)))
                    }
                    continue
                }
                columns.append(try projectedColumn(item, position: position, in: level))
            }
            level.columns = columns
            level.hasProjection = true
            level.hasWindow = level.hasWindow || addsWindow
            return level

        case .withColumns(let input, let additions):
            var level = try build(input)
            let addsWindow = additions.contains { $0.expression.containsWindow }
            let readsWindow = addsWindow && additions.contains { referencesWindowColumn($0.expression, in: level) }
            if Self.needsNewLevel(for: .project(addsWindow: addsWindow, readsWindow: readsWindow), on: level) {
                level = try wrap(level)
            }
            var columns = level.columns
            for (position, addition) in additions.enumerated() {
                var column = try projectedColumn(addition.expression, position: position, in: level)
                column.column.name = addition.name
                column.column.qualifiers = []
                if let index = columns.firstIndex(where: { $0.column.name == addition.name }) {
                    columns[index] = column
                } else {
                    columns.append(column)
                }
            }
            level.columns = columns
            level.hasProjection = true
            level.hasWindow = level.hasWindow || addsWindow
            return level

        case .renameColumns(let input, let renames):
            var level = try build(input)
            if level.compound != nil || level.select.distinct { level = try wrap(level) }
            for index in level.columns.indices {
                if let rename = renames.first(where: { $0.existing == level.columns[index].column.name }) {
                    level.columns[index].column.name = rename.new
                }
            }
            level.hasProjection = true
            return level

        case .dropColumns(let input, let names):
            var level = try build(input)
            if level.compound != nil || level.select.distinct { level = try wrap(level) }
            level.columns.removeAll { names.contains($0.column.name) }
            level.hasProjection = true
            return level

        case .filter(let input, let predicate):
            if predicate.containsWindow {
                // A window in a condition is computed first, as a column, then filtered on and dropped.
                var windows: [NamedExpression] = []
                let rewritten = predicate.rewritten { node -> Expression? in
                    guard case .window = node else { return nil }
                    let name = "__moltres_window_\(windows.count + 1)"
                    windows.append(NamedExpression(name, node))
                    return .column(ColumnReference(name))
                }
                return try build(.dropColumns(.filter(.withColumns(input, windows), rewritten), windows.map(\.name)))
            }
            var level = try build(input)
            if predicate.containsAggregate && !level.isAggregated {
                throw PlanError.invalidUse(
                    "an aggregate in where() needs group_by().agg() first; filter on the aggregate's alias after agg()")
            }
            if Self.needsNewLevel(for: .filter, on: level) { level = try wrap(level) }
            let condition = try translate(predicate, in: level)
            if level.isAggregated {
                level.select.having = level.select.having.map { .op($0, "AND", condition.sql) } ?? condition.sql
            } else {
                level.select.whereClause =
                    level.select.whereClause.map { .op($0, "AND", condition.sql) } ?? condition.sql
            }
            return level

        case .sample(let input, let fraction, let seed):
            if seed != nil { throw PlanError.unsupportedFunction(use: "sample with a seed", dialect: dialect.name) }
            var level = try build(input)
            if Self.needsNewLevel(for: .filter, on: level) { level = try wrap(level) }
            let random = try Self.renderFunction(
                BuiltinFunction.builtin("rand"), [], [], distinct: false, dialect: dialect)
            let condition = SQLExpression.op(random, "<", .parameter(.real(fraction)))
            level.select.whereClause = level.select.whereClause.map { .op($0, "AND", condition) } ?? condition
            return level

        case .join(let join):
            return try buildJoin(join)

        case .rowLock(let input, let lock):
            var level = try build(input)
            let clause = lock.strength == .update ? "FOR UPDATE" : "FOR SHARE"
            switch dialect.rowLockSyntax {
            case .none:
                // No row locks (SQLite): the plain clause is dropped, as API.md documents; what it cannot honour
                // is an error, never silently different SQL.
                switch lock.waitPolicy {
                case .wait: break
                case .noWait: throw PlanError.unsupportedFeature("\(clause) NOWAIT", dialect: dialect.name)
                case .skipLocked: throw PlanError.unsupportedFeature("\(clause) SKIP LOCKED", dialect: dialect.name)
                }
                if !lock.of.isEmpty { throw PlanError.unsupportedFeature("\(clause) OF", dialect: dialect.name) }
                return level
            case .forUpdate:
                if level.compound != nil || level.isAggregated || level.select.distinct || level.hasWindow {
                    throw PlanError.invalidUse(
                        "select_for_\(lock.strength.rawValue)() locks table rows; it cannot follow group_by/agg, "
                            + "distinct, a window function or a set operation (call it before them)")
                }
                for name in lock.of
                where !level.sourceNames.contains(where: { $0.lowercased() == name.lowercased() }) {
                    throw PlanError.invalidUse(
                        "select_for_\(lock.strength.rawValue)(of=...) names '\(name)', which is not a source here; "
                            + "the sources are "
                            + level.sourceNames.map { "'\($0)'" }.joined(separator: ", "))
                }
                level.select.lock = SQLRowLock(lock: lock, of: lock.of)
                return level
            }

        case .unionByName(let left, let right, let allowMissing):
            let leftColumns = try left.schema(in: catalog)
            let rightColumns = try right.schema(in: catalog)
            if leftColumns.isEmpty || rightColumns.isEmpty {
                throw PlanError.invalidUse(
                    "unionByName needs the columns of both sides; one side's columns are unknown (raw SQL or a table "
                        + "missing from the schema)")
            }
            let matched = try LogicalPlan.unionByNameColumns(
                leftColumns, rightColumns, allowMissingColumns: allowMissing)
            func side(
                _ plan: LogicalPlan, _ columns: [PlanColumn], _ pick: (UnionByNameColumn) -> Int?
            )
                -> LogicalPlan
            {
                let picks = matched.map(pick)
                if picks == Array(columns.indices).map({ Optional($0) }) { return plan }
                return .project(
                    plan,
                    zip(matched, picks).map { match, index in
                        if let index { return .column(ColumnReference(columns[index].name)) }
                        // A typed NULL, so PostgreSQL need not guess the column's type from an untyped NULL.
                        let type = match.column.type
                        let null = Expression.literal(.null)
                        return .alias(type == .unknown ? null : .cast(null, CastTarget(type)), match.column.name)
                    })
            }
            return try build(
                .setOperation(
                    .unionAll, side(left, leftColumns, \.left), side(right, rightColumns, \.right)))

        case .aggregate(let input, let keys, let aggregates):
            var level = try build(input)
            if Self.needsNewLevel(for: .aggregate, on: level) { level = try wrap(level) }
            level.select.orderBy = []
            level.sortKeys = []
            var columns: [LevelColumn] = []
            var groupBy: [SQLExpression] = []
            for (position, key) in keys.enumerated() {
                let column = try projectedColumn(key, position: position, in: level)
                groupBy.append(column.sql)
                columns.append(column)
            }
            for (position, aggregate) in aggregates.enumerated() {
                var column = try projectedColumn(aggregate, position: keys.count + position, in: level)
                column.isAggregate = true
                column.column.qualifiers = []
                columns.append(column)
            }
            level.select.groupBy = groupBy
            level.columns = columns
            level.isAggregated = true
            level.hasProjection = true
            return level

        case .pivot(let pivot):
            var level = try build(pivot.input)
            if Self.needsNewLevel(for: .aggregate, on: level) { level = try wrap(level) }
            level.select.orderBy = []
            level.sortKeys = []
            var columns: [LevelColumn] = []
            var groupBy: [SQLExpression] = []
            for (position, key) in pivot.groupBy.enumerated() {
                let column = try projectedColumn(key, position: position, in: level)
                groupBy.append(column.sql)
                columns.append(column)
            }
            for output in pivot.outputs {
                var call = output.aggregate.call
                let matches = Expression.binary(.equal, pivot.pivotColumn, .literal(output.value))
                let valueExpression = call.arguments.first ?? .literal(.integer(1))
                let conditional = Expression.caseWhen([WhenClause(matches, valueExpression)], else: nil)
                call.arguments = [conditional] + call.arguments.dropFirst()
                var column = try projectedColumn(
                    .alias(.function(call), output.name), position: columns.count, in: level)
                column.isAggregate = true
                columns.append(column)
            }
            level.select.groupBy = groupBy
            level.columns = columns
            level.isAggregated = true
            level.hasProjection = true
            return level

        case .sort(let input, let keys):
            if case .project(let inner, let items) = input, Self.sortNeedsDroppedColumns(keys, items) {
                // `select("id").order_by("email")`: as in PySpark, sort on the input, then project.
                return try build(.project(.sort(inner, keys), items))
            }
            var level = try build(input)
            if Self.needsNewLevel(for: .sort, on: level) { level = try wrap(level) }
            level.select.orderBy = try keys.flatMap { try orderItems(for: $0, in: level) }
            level.sortKeys = keys
            return level

        case .limit(let input, let count, let offset):
            var level = try build(input)
            if Self.needsNewLevel(for: .limit, on: level) { level = try wrap(level) }
            if count.map({ $0 < 0 }) ?? false || offset < 0 {
                throw PlanError.invalidUse("limit and offset must not be negative")
            }
            if level.hasLimit {
                let remaining = level.limitCount.map { max(0, $0 - offset) }
                switch (remaining, count) {
                case (nil, let new): level.limitCount = new
                case (let old?, nil): level.limitCount = old
                case (let old?, let new?): level.limitCount = min(old, new)
                }
                level.offsetCount += offset
            } else {
                level.limitCount = count
                level.offsetCount = offset
            }
            level.hasLimit = true
            return level

        case .distinct(let input):
            var level = try build(input)
            if Self.needsNewLevel(for: .distinct, on: level) { level = try wrap(level) }
            level.select.distinct = true
            return level

        case .setOperation(let op, let left, let right):
            let (leftQuery, leftColumns) = try compoundMember(left)
            let (rightQuery, rightColumns) = try compoundMember(right)
            if !leftColumns.isEmpty && !rightColumns.isEmpty && leftColumns.count != rightColumns.count {
                throw PlanError.invalidUse(
                    "\(op.rawValue) needs inputs with the same number of columns (\(leftColumns.count) and \(rightColumns.count))"
                )
            }
            let keyword: String
            switch op {
            case .union: keyword = "UNION"
            case .unionAll: keyword = "UNION ALL"
            case .intersect: keyword = "INTERSECT"
            case .except: keyword = "EXCEPT"
            }
            var level = Level()
            level.compound = .setOperation(leftQuery, keyword, rightQuery)
            // A side whose columns are unknown (no catalog) leaves the result open; any next step wraps it.
            if leftColumns.isEmpty || rightColumns.isEmpty { level.openQualifiers = ["set"] }
            level.columns = leftColumns.enumerated().map { index, column in
                // A row of either side may land in the column, so it is nullable if either side's is.
                let nullable =
                    column.isNullable || (index < rightColumns.count ? rightColumns[index].isNullable : true)
                var plain = PlanColumn(name: column.name, type: column.type, isNullable: nullable)
                plain.sourceTable = nil
                return LevelColumn(column: plain, sql: .column(qualifier: nil, name: column.name))
            }
            return level

        case .values(let names, let rows):
            var level = Level()
            var selects: [SQLQuery] = []
            let empty = Level()
            for row in rows {
                guard row.count == names.count else {
                    throw PlanError.invalidUse("every row of values needs \(names.count) value(s)")
                }
                var select = SQLSelect()
                select.columns = try zip(row, names).map { value, name in
                    SQLSelectItem(expression: try translate(value, in: empty).sql, alias: name)
                }
                selects.append(.select(select))
            }
            if selects.isEmpty {
                var select = SQLSelect()
                select.columns = names.map { SQLSelectItem(expression: .token("NULL"), alias: $0) }
                select.whereClause = .op(.number(1), "=", .number(0))
                selects.append(.select(select))
            }
            level.compound = selects.dropFirst().reduce(selects[0]) { .setOperation($0, "UNION ALL", $1) }
            let types = rows.first.map { row in row.map { (try? $0.inferType(in: []).get().type) ?? .unknown } }
            level.columns = names.enumerated().map { index, name in
                LevelColumn(
                    column: PlanColumn(name: name, type: types?[index] ?? .unknown),
                    sql: .column(qualifier: nil, name: name))
            }
            return level

        case .rawSQL(let raw):
            let alias = nextAlias()
            var level = Level()
            level.select.from = [.subquery(.raw(raw), alias: alias)]
            level.sourceNames = [alias]
            level.openQualifiers = [alias]
            return level

        case .alias(let input, let name):
            if case .scan(let table) = input { return try tableLevel(table, alias: name) }
            let inner = try build(input)
            var level = try wrap(inner, alias: name)
            for index in level.columns.indices { level.columns[index].column.qualifiers = [name] }
            return level

        case .binding(let name, let input, let alwaysCTE):
            if !bindingsCounted, let root {
                bindingsCounted = true
                countBindings(in: root)
            }
            if alwaysCTE || bindingUses[name, default: 0] > 1 {
                if cteColumns[name] == nil {
                    let bodyLevel = try build(input)
                    let body = finalize(bodyLevel)
                    let columns = bodyLevel.columns.map(\.column).filter { $0.name != "*" }
                    if !bodyLevel.openQualifiers.isEmpty {
                        openCTEs[name] = bodyLevel.openQualifiers + Array(bodyLevel.qualifierAliases.keys)
                    }
                    commonTableExpressions.append(SQLCommonTableExpression(name: name, columns: [], query: body))
                    cteColumns[name] = columns.map {
                        PlanColumn(
                            name: $0.name, type: $0.type, isNullable: $0.isNullable, qualifiers: $0.qualifiers,
                            sourceTable: $0.sourceTable)
                    }
                }
                var level = try tableLevel(TableReference(name), alias: nil)
                for index in level.columns.indices where !level.columns[index].column.qualifiers.contains(name) {
                    level.columns[index].column.qualifiers.append(name)
                }
                return level
            }
            var level = try build(input)
            for index in level.columns.indices where !level.columns[index].column.qualifiers.contains(name) {
                level.columns[index].column.qualifiers.append(name)
            }
            if level.openQualifiers.count == 1, level.openQualifiers[0].lowercased() != name.lowercased() {
                level.qualifierAliases[name.lowercased()] = level.openQualifiers[0]
            }
            return level

        case .recursiveCTE(let name, let initial, let recursive, let unionAll):
            let (initialQuery, initialColumns) = try compoundMember(initial)
            cteColumns[name] = initialColumns.map {
                PlanColumn(name: $0.name, type: $0.type, isNullable: true, qualifiers: [name])
            }
            let (recursiveQuery, _) = try compoundMember(recursive)
            isRecursive = true
            commonTableExpressions.append(
                SQLCommonTableExpression(
                    name: name, columns: initialColumns.map(\.name),
                    query: .setOperation(initialQuery, unionAll ? "UNION ALL" : "UNION", recursiveQuery)))
            return try tableLevel(TableReference(name), alias: nil)

        case .cteReference(let name):
            return try tableLevel(TableReference(name), alias: nil)

        case .explode(let input, let array, let alias):
            var level = try build(input)
            if Self.needsNewLevel(for: .joinInput(.inner), on: level) { level = try wrap(level) }
            let arraySQL = try translate(array, in: level).sql
            let source = nextAlias()
            switch dialect.explodeSyntax {
            case .jsonEach:
                level.select.joins.append(
                    SQLJoin(
                        keyword: "CROSS JOIN",
                        item: .function(.function("json_each", [arraySQL]), alias: source, columns: []),
                        condition: nil))
            case .lateralJSONArrayElements:
                level.select.joins.append(
                    SQLJoin(
                        keyword: "CROSS JOIN LATERAL",
                        item: .function(
                            .function("json_array_elements_text", [.cast(arraySQL, "JSON")]), alias: source,
                            columns: ["value"]),
                        condition: nil))
            case .unnest:
                level.select.joins.append(
                    SQLJoin(
                        keyword: "CROSS JOIN",
                        item: .function(.function("unnest", [arraySQL]), alias: source, columns: ["value"]),
                        condition: nil))
            case .unsupported:
                throw PlanError.unsupportedFeature("explode", dialect: dialect.name)
            }
            level.sourceNames.append(source)
            let elementType = try array.explodedElementType { try translate($0, in: level).type }
            var value = SQLExpression.column(qualifier: source, name: "value")
            if dialect.explodeSyntax == .lateralJSONArrayElements,
                [.integer, .real, .decimal, .boolean].contains(elementType)
            {
                // The elements come out of JSON as text: back to the type they were put in with.
                value = .cast(value, dialect.typeName(elementType))
            }
            level.columns.append(LevelColumn(column: PlanColumn(name: alias, type: elementType), sql: value))
            level.hasProjection = true
            return level
        }
    }

    /// Whether sort keys name columns a plain projection (no `*`, aggregate or window) dropped.
    static func sortNeedsDroppedColumns(_ keys: [SortKey], _ items: [Expression]) -> Bool {
        if items.contains(where: { item in
            if case .star = item { return true }
            return item.containsAggregate || item.containsWindow
        }) {
            return false
        }
        let outputs = Set(items.compactMap { $0.outputName?.lowercased() })
        return keys.contains { key in
            key.expression.contains { node in
                guard case .column(let reference) = node else { return false }
                return !outputs.contains(reference.name.lowercased())
            }
        }
    }

    /// A set-operation side: a plain SELECT, or a subquery when it has its own ORDER BY, LIMIT or set operation.
    func compoundMember(_ plan: LogicalPlan) throws -> (SQLQuery, [PlanColumn]) {
        var level = try build(plan)
        if !level.hasLimit {
            level.select.orderBy = []
            level.sortKeys = []
        }
        if level.compound != nil || level.hasLimit || level.select.lock != nil {
            level = try wrap(level)
            level.hasProjection = true
        }
        return (finalize(level), level.columns.map(\.column))
    }

    /// A level reading one table (or CTE) directly.
    func tableLevel(_ table: TableReference, alias: String?) throws -> Level {
        var level = Level()
        let sqlName = alias ?? table.name
        level.select.from = [.table(schema: table.schema, name: table.name, alias: alias)]
        level.sourceNames = [sqlName]
        let qualifier = alias ?? table.name
        if table.schema == nil, let columns = cteColumns[table.name] {
            level.columns = columns.map { column in
                var column = column
                column.qualifiers = alias.map { [$0] } ?? [table.name] + column.qualifiers.filter { $0 != table.name }
                return LevelColumn(column: column, sql: .column(qualifier: sqlName, name: column.name))
            }
            if let inner = openCTEs[table.name] {
                level.openQualifiers = [sqlName]
                for name in inner + [table.name] where name.lowercased() != sqlName.lowercased() {
                    level.qualifierAliases[name.lowercased()] = sqlName
                }
            }
            return level
        }
        let lookup = table.schema.map { "\($0).\(table.name)" } ?? table.name
        guard let info = catalog.table(named: lookup) else {
            if catalog.tables.isEmpty {
                // Without a schema the columns are unknown; references are written as given.
                level.openQualifiers = [sqlName]
                return level
            }
            throw PlanError.unknownTable(lookup)
        }
        // One qualifier array shared by every column (copy-on-write), not one allocation per column.
        let qualifiers = [qualifier]
        level.columns.reserveCapacity(info.columns.count)
        for column in info.columns {
            level.columns.append(
                LevelColumn(
                    column: PlanColumn(
                        name: column.name, type: column.type, isNullable: column.isNullable, qualifiers: qualifiers,
                        sourceTable: info.name),
                    sql: .column(qualifier: sqlName, name: column.name)))
        }
        return level
    }

    // MARK: - Columns

    func projectedColumn(_ expression: Expression, position: Int, in level: Level) throws -> LevelColumn {
        if case .sortOrder = expression.unaliased {
            throw PlanError.invalidUse("asc()/desc() is only meaningful in order_by or over(order_by=…)")
        }
        let translated = try translate(expression, in: level)
        var column = PlanColumn(
            name: expression.outputName ?? Self.displayName(expression, position: position), type: translated.type,
            isNullable: translated.isNullable)
        if case .column(let reference) = expression.unaliased {
            let source = try resolve(reference, in: level)
            column.qualifiers = source.column.qualifiers
            column.sourceTable = source.column.sourceTable
        }
        return LevelColumn(
            column: column, sql: translated.sql, hasWindow: translated.hasWindow, isAggregate: translated.isAggregate)
    }

    /// A PySpark-like name for an unnamed expression: `sum(amount)`, `upper(name)`.
    static func displayName(_ expression: Expression, position: Int) -> String {
        switch expression {
        case .column(let reference): return reference.name
        case .alias(_, let name): return name
        case .function(let call):
            let arguments = call.arguments.enumerated().map { displayName($0.element, position: $0.offset) }
            let distinct = call.distinct ? "DISTINCT " : ""
            return "\(call.function.name)(\(distinct)\(arguments.joined(separator: ", ")))"
        case .star: return "*"
        case .literal(let value): return value.description
        case .window(let function, _): return displayName(function, position: position)
        case .binary, .unary, .cast, .isNull, .inList, .inSubquery, .between, .match, .sortOrder, .caseWhen,
            .scalarSubquery, .exists:
            return "_c\(position)"
        }
    }

    func referencesWindowColumn(_ expression: Expression, in level: Level) -> Bool {
        expression.contains { node in
            guard case .column(let reference) = node, let column = try? resolve(reference, in: level) else {
                return false
            }
            return column.hasWindow
        }
    }

    func resolve(_ reference: ColumnReference, in level: Level) throws -> LevelColumn {
        // Fast path: exactly one exact match; anything else goes through the full rules below.
        var found: Int?
        var matches = 0
        for index in level.columns.indices where level.columns[index].column.name == reference.name {
            if let qualifier = reference.qualifier, !level.columns[index].column.qualifiers.contains(qualifier) {
                continue
            }
            matches += 1
            found = index
        }
        if matches == 1, let found { return level.columns[found] }
        let result = PlanColumn.resolve(reference, in: level.columns.map(\.column))
        switch result {
        case .success(let index): return level.columns[index]
        case .failure(let error):
            if error.code == "MOL2001" {
                if !level.openQualifiers.isEmpty {
                    let qualifier: String?
                    if let given = reference.qualifier {
                        qualifier =
                            level.openQualifiers.first { $0.lowercased() == given.lowercased() }
                            ?? level.qualifierAliases[given.lowercased()] ?? given
                    } else {
                        qualifier =
                            level.openQualifiers.count == 1 ? level.openQualifiers[0] : nil
                    }
                    return LevelColumn(
                        column: PlanColumn(
                            name: reference.name, type: .unknown, qualifiers: qualifier.map { [$0] } ?? []),
                        sql: .column(qualifier: qualifier, name: reference.name))
                }
                for outer in outerScopes.reversed() {
                    if case .success(let index) = PlanColumn.resolve(reference, in: outer.columns.map(\.column)) {
                        return outer.columns[index]
                    }
                }
            }
            throw error
        }
    }

}
