/// An immutable, lazy query: a ``LogicalPlan`` plus the ``Session`` that runs it.
///
/// Every transform returns a new `DataFrame`; nothing runs until an action (``collect()``, ``count()``,
/// ``first()``, ``stream()``). Both snake_case and camelCase spellings of the API are available.
///
/// ```swift
/// let db = try Database.connect("sqlite:///shop.db")
/// let totals = db.table("orders")
///     .where(col("amount") > 100)
///     .groupBy("status")
///     .agg(sum(col("amount")).alias("total"))
///     .orderBy(col("total").desc())
/// print(try totals.sql().text)
/// let result = try totals.collect()
/// ```
public struct DataFrame: Sendable {
    /// The plan.
    public let plan: LogicalPlan
    /// The session that runs it; `nil` for a DataFrame built only to look at its SQL.
    public let session: Session?
    /// An error found while building (a bad `how=`, a step needing a schema without one); actions report it.
    public let buildError: PlanError?

    /// A DataFrame over a plan.
    public init(_ plan: LogicalPlan, session: Session? = nil, buildError: PlanError? = nil) {
        self.plan = plan
        self.session = session
        self.buildError = buildError
    }

    /// A DataFrame reading a table, without a session (for SQL previews).
    public static func table(_ name: String) -> DataFrame { DataFrame(.scan(TableReference(name))) }

    func with(_ plan: LogicalPlan) -> DataFrame { DataFrame(plan, session: session, buildError: buildError) }

    private func failing(_ error: PlanError) -> DataFrame {
        DataFrame(plan, session: session, buildError: buildError ?? error)
    }

    // MARK: - Projection

    /// Chooses columns: names (`"a"`, `"t.a"`, `"*"`) or expressions. `F.explode(x)` makes one row per element.
    public func select(_ columns: any ColumnSelectable...) -> DataFrame { select(columns) }

    /// Chooses columns.
    public func select(_ columns: [any ColumnSelectable]) -> DataFrame {
        var expressions = columns.map(\.selectionExpression)
        if expressions.isEmpty { return self }
        var input = plan
        let generators = expressions.indices.filter { index in
            if case .function(let call) = expressions[index].unaliased, call.function.name == "explode" { return true }
            return false
        }
        if generators.count > 1 { return failing(.invalidUse("only one explode() is allowed per select")) }
        if let index = generators.first, case .function(let call) = expressions[index].unaliased,
            let array = call.arguments.first
        {
            let name = expressions[index].outputName ?? "col"
            input = .explode(input, array, alias: name)
            expressions[index] = .column(ColumnReference(name))
        }
        return with(.project(input, expressions))
    }

    /// Adds a column, or replaces the column with the same name in place.
    public func withColumn(_ name: String, _ column: Column) -> DataFrame {
        with(.withColumns(plan, [NamedExpression(name, column.expression)]))
    }

    /// Adds or replaces several columns, in order.
    public func withColumns(_ columns: KeyValuePairs<String, Column>) -> DataFrame {
        with(.withColumns(plan, columns.map { NamedExpression($0.key, $0.value.expression) }))
    }

    /// Renames a column, keeping its position; works after `withColumn` too.
    public func withColumnRenamed(_ existing: String, _ new: String) -> DataFrame {
        with(.renameColumns(plan, [ColumnRename(existing, to: new)]))
    }

    /// Removes columns by name.
    public func drop(_ columns: String...) -> DataFrame { with(.dropColumns(plan, columns)) }

    /// A column of this DataFrame, usable in `select`, `where` and joins (`df["amount"]`).
    public subscript(_ name: String) -> Column { col(name) }

    // MARK: - Filtering, ordering, limiting

    /// Keeps the rows where `condition` holds; after `agg` this is `HAVING`, after a window or `limit` it
    /// filters the computed rows.
    public func `where`(_ condition: Column) -> DataFrame { with(.filter(plan, condition.expression)) }

    /// Same as ``where(_:)``.
    public func filter(_ condition: Column) -> DataFrame { `where`(condition) }

    /// Orders the rows; `col("x").desc()` sorts descending. NULLs sort as the smallest value on every database.
    public func orderBy(_ columns: any ColumnSelectable...) -> DataFrame {
        with(.sort(plan, columns.map { SortKey(from: $0.selectionExpression) }))
    }

    /// Keeps at most `count` rows.
    public func limit(_ count: Int) -> DataFrame {
        if count < 0 { return failing(.invalidUse("limit must not be negative, got \(count)")) }
        return with(.limit(plan, count: count, offset: 0))
    }

    /// Skips `count` rows.
    public func offset(_ count: Int) -> DataFrame {
        if count < 0 { return failing(.invalidUse("offset must not be negative, got \(count)")) }
        return with(.limit(plan, count: nil, offset: count))
    }

    /// Removes duplicate rows.
    public func distinct() -> DataFrame { with(.distinct(plan)) }

    /// Removes duplicates; with `subset`, keeps one row per distinct combination of those columns.
    public func dropDuplicates(_ subset: [String]? = nil) -> DataFrame {
        guard let subset, !subset.isEmpty else { return distinct() }
        let marker = "__moltres_row"
        let keys = subset.map { Expression.column(ColumnReference(parsing: $0)) }
        let number = Expression.window(
            .function(FunctionCall(BuiltinFunction.builtin("row_number"), [])),
            WindowSpecification(partitionBy: keys, orderBy: keys.map { SortKey($0) }))
        return with(
            .dropColumns(
                .filter(
                    .withColumns(plan, [NamedExpression(marker, number)]),
                    .binary(.equal, .column(ColumnReference(marker)), .literal(.integer(1)))), [marker]))
    }

    /// Keeps each row with probability `fraction`.
    public func sample(_ fraction: Double, seed: Int? = nil) -> DataFrame {
        with(.sample(plan, fraction: fraction, seed: seed))
    }

    // MARK: - Joins

    /// Joins on a boolean condition.
    public func join(_ other: DataFrame, on condition: Column, how: JoinKind = .inner) -> DataFrame {
        join(other, .on(condition.expression), how: how)
    }

    /// Joins on a column with the same name on both sides (it appears once in the result).
    public func join(_ other: DataFrame, on column: String, how: JoinKind = .inner) -> DataFrame {
        join(other, .using([column]), how: how)
    }

    /// Joins on several columns with the same names on both sides.
    public func join(_ other: DataFrame, on columns: [String], how: JoinKind = .inner) -> DataFrame {
        join(other, .using(columns), how: how)
    }

    /// Joins on pairs of (left column, right column).
    public func join(_ other: DataFrame, on pairs: [(String, String)], how: JoinKind = .inner) -> DataFrame {
        join(other, .pairs(pairs.map { JoinKeyPair($0.0, $0.1) }), how: how)
    }

    /// Joins with `how` given as the API's string (`"left"`, `"outer"`, …).
    public func join(_ other: DataFrame, on condition: Column, how: String) -> DataFrame {
        guard let kind = JoinKind(how: how) else {
            return failing(PlanError(.invalidEnumeratedValue, message: "unknown join type how='\(how)'"))
        }
        return join(other, on: condition, how: kind)
    }

    private func join(_ other: DataFrame, _ condition: JoinCondition, how: JoinKind) -> DataFrame {
        DataFrame(
            .join(Join(plan, other.plan, kind: how, condition: condition)), session: session,
            buildError: buildError ?? other.buildError)
    }

    /// The cartesian product.
    public func crossJoin(_ other: DataFrame) -> DataFrame { join(other, .none, how: .cross) }

    /// The rows that have a match in `other` (each once).
    public func semiJoin(_ other: DataFrame, on column: String) -> DataFrame {
        join(other, .using([column]), how: .semi)
    }

    /// The rows that have a match in `other` on a condition.
    public func semiJoin(_ other: DataFrame, on condition: Column) -> DataFrame {
        join(other, .on(condition.expression), how: .semi)
    }

    /// The rows without a match in `other`.
    public func antiJoin(_ other: DataFrame, on column: String) -> DataFrame {
        join(other, .using([column]), how: .anti)
    }

    /// The rows without a match in `other` on a condition.
    public func antiJoin(_ other: DataFrame, on condition: Column) -> DataFrame {
        join(other, .on(condition.expression), how: .anti)
    }

    // MARK: - Grouping

    /// Groups by columns; follow with ``GroupedData/agg(_:)-swift.method``.
    public func groupBy(_ columns: any ColumnSelectable...) -> GroupedData {
        GroupedData(frame: self, keys: columns.map(\.selectionExpression))
    }

    /// Aggregates the whole DataFrame as one group.
    public func agg(_ aggregates: Column...) -> DataFrame {
        with(.aggregate(plan, groupBy: [], aggregates: aggregates.map(\.expression)))
    }

    // MARK: - Sets, names, CTEs

    /// Distinct rows of both.
    public func union(_ other: DataFrame) -> DataFrame { setOperation(.union, other) }
    /// All rows of both.
    public func unionAll(_ other: DataFrame) -> DataFrame { setOperation(.unionAll, other) }
    /// Rows in both.
    public func intersect(_ other: DataFrame) -> DataFrame { setOperation(.intersect, other) }
    /// Rows in this one and not in `other`.
    public func except_(_ other: DataFrame) -> DataFrame { setOperation(.except, other) }
    /// Same as ``except_(_:)``.
    public func subtract(_ other: DataFrame) -> DataFrame { setOperation(.except, other) }

    /// `UNION ALL` matching columns by name (PySpark's `unionByName`): the result has this frame's columns in its
    /// order; with `allowMissingColumns`, a column only one side has is NULL on the other side.
    public func unionByName(_ other: DataFrame, allowMissingColumns: Bool = false) -> DataFrame {
        DataFrame(
            .unionByName(plan, other.plan, allowMissingColumns: allowMissingColumns), session: session,
            buildError: buildError ?? other.buildError)
    }

    /// Locks the rows read until the transaction ends (`FOR UPDATE`; dropped on SQLite, which has no row locks).
    public func selectForUpdate(nowait: Bool = false, skipLocked: Bool = false, of: [String] = []) -> DataFrame {
        with(.rowLock(plan, RowLock(.update, waitPolicy: nowait ? .noWait : skipLocked ? .skipLocked : .wait, of: of)))
    }

    /// Share-locks the rows read until the transaction ends (`FOR SHARE`).
    public func selectForShare(nowait: Bool = false, skipLocked: Bool = false, of: [String] = []) -> DataFrame {
        with(.rowLock(plan, RowLock(.share, waitPolicy: nowait ? .noWait : skipLocked ? .skipLocked : .wait, of: of)))
    }

    /// A join whose right side may read the left side's columns (`JOIN LATERAL`, PostgreSQL), with optional
    /// optimizer hints written as a `/*+ … */` comment.
    public func join(
        _ other: DataFrame, on condition: Column? = nil, how: JoinKind = .inner, lateral: Bool, hints: [String] = []
    ) -> DataFrame {
        DataFrame(
            .join(
                Join(
                    plan, other.plan, kind: condition == nil && how == .inner ? .cross : how,
                    condition: condition.map { .on($0.expression) } ?? .none, lateral: lateral, hints: hints)),
            session: session, buildError: buildError ?? other.buildError)
    }

    private func setOperation(_ op: SetOperator, _ other: DataFrame) -> DataFrame {
        DataFrame(.setOperation(op, plan, other.plan), session: session, buildError: buildError ?? other.buildError)
    }

    /// Names this DataFrame so its columns can be qualified (`df.alias("o")` then `col("o.id")`).
    public func alias(_ name: String) -> DataFrame { with(.alias(plan, name)) }

    /// Makes this DataFrame a named CTE: `WITH name AS (…) SELECT * FROM name`.
    public func cte(_ name: String) -> DataFrame { with(.binding(name: name, plan, alwaysCTE: true)) }

    /// Names this DataFrame as a binding: inlined when used once, a CTE when used more than once.
    public func binding(_ name: String) -> DataFrame { with(.binding(name: name, plan, alwaysCTE: false)) }

    /// A recursive CTE: this DataFrame is the initial rows, `recursive` (built on ``DataFrame/cteReference(_:)``)
    /// the step.
    public func recursiveCTE(_ name: String, recursive: DataFrame, unionAll: Bool = false) -> DataFrame {
        DataFrame(
            .recursiveCTE(name: name, initial: plan, recursive: recursive.plan, unionAll: unionAll), session: session,
            buildError: buildError ?? recursive.buildError)
    }

    /// The rows of the recursive CTE named `name` so far, for the step of ``recursiveCTE(_:recursive:unionAll:)``.
    public func cteReference(_ name: String) -> DataFrame { with(.cteReference(name)) }

    // MARK: - Other transforms

    /// One row per element of an array column, the element in a new column.
    public func explode(_ column: Column, alias: String = "value") -> DataFrame {
        with(.explode(plan, column.expression, alias: alias))
    }

    /// Replaces NULLs by `value` in the columns of its type (text for a string, numeric for a number, boolean for
    /// a bool, as in PySpark) among `subset`, or among all columns; the others stay unchanged.
    public func fillna(_ value: DatabaseValue, subset: [String]? = nil) -> DataFrame {
        let schema = try? session?.schema(of: plan)
        guard let schema else {
            // Without a database the types are unknown: fill the named columns as asked.
            guard let subset else {
                return failing(.invalidUse("fillna without subset needs the DataFrame's columns; connect a database"))
            }
            return with(.fillingNulls(plan, subset.map { ($0, value) }))
        }
        let fills = schema.compactMap { column -> (column: String, value: DatabaseValue)? in
            guard subset?.contains(column.name) ?? true, let filling = value.filling(column.type) else { return nil }
            return (column.name, filling)
        }
        return with(.fillingNulls(plan, fills))
    }

    /// Replaces NULLs column by column: `["email": "none", "stock": 0]`. A value whose type cannot fill its column
    /// (text for an integer column) is an error when the query runs.
    public func fillna(_ values: [String: DatabaseValue]) -> DataFrame {
        let types = Dictionary(
            ((try? session?.schema(of: plan)) ?? []).map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first }
        )
        var fills: [(column: String, value: DatabaseValue)] = []
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let filling = value.filling(types[name] ?? .unknown) else {
                return failing(
                    PlanError(
                        .argumentTypeMismatch,
                        message:
                            "fillna(): '\(name)' is \(types[name]?.rawValue ?? "unknown"), and \(value.checkerType.rawValue) "
                            + "cannot fill it"
                    ))
            }
            fills.append((name, filling))
        }
        return with(.fillingNulls(plan, fills))
    }

    /// Removes rows with NULLs: `how: "any"` (a NULL in any column) or `"all"` (NULL in all of them).
    public func dropna(how: String = "any", subset: [String]? = nil) -> DataFrame {
        let names: [String]
        if let subset {
            names = subset
        } else {
            guard let schema = try? session?.schema(of: plan) else {
                return failing(.invalidUse("dropna without subset needs the DataFrame's columns; connect a database"))
            }
            names = schema.map(\.name)
        }
        guard !names.isEmpty else { return self }
        let tests = names.map { Expression.isNull(.column(ColumnReference($0)), negated: how != "all") }
        switch how {
        case "any":
            return with(.filter(plan, tests.dropFirst().reduce(tests[0]) { .binary(.and, $0, $1) }))
        case "all":
            return with(.filter(plan, .unary(.not, tests.dropFirst().reduce(tests[0]) { .binary(.and, $0, $1) })))
        default:
            return failing(
                PlanError(.invalidEnumeratedValue, message: "unknown dropna how='\(how)'; use 'any' or 'all'"))
        }
    }

    // MARK: - SQL and actions

    /// The SQL for a dialect (the session's dialect when not given).
    public func sql(dialect: (any Dialect)? = nil, catalog: Catalog? = nil) throws -> SQLStatement {
        if let buildError { throw buildError }
        let dialect = dialect ?? session?.dialect ?? GenericDialect()
        let catalog = try catalog ?? session?.catalog() ?? .empty
        return try generateSQL(for: plan, dialect: dialect, catalog: catalog)
    }

    /// The output columns.
    public func schema() throws -> [PlanColumn] {
        if let buildError { throw buildError }
        return try sql().resultColumns
    }

    /// The output column names.
    public func columns() throws -> [String] { try schema().map(\.name) }

    private func requireSession() throws -> Session {
        guard let session else {
            throw PlanError.invalidUse("this DataFrame has no database; create it from a Session to run it")
        }
        return session
    }

    /// Runs the query and returns all rows.
    public func collect() throws -> QueryResult {
        let session = try requireSession()
        return try session.collect(try sql(dialect: session.dialect))
    }

    /// Runs the query and calls `body` with each row as it arrives, holding only one row at a time.
    public func stream(_ body: ([DatabaseValue]) throws -> Void) throws {
        let session = try requireSession()
        try session.stream(try sql(dialect: session.dialect), body)
    }

    /// Runs the query and calls `body` with each row read in place, as it arrives: nothing is copied out of the
    /// driver unless `body` asks for it (``RowView``). The fastest way through a large result.
    public func forEachRow(_ body: (RowView) throws -> Void) throws {
        let session = try requireSession()
        try session.forEachRow(try sql(dialect: session.dialect), body)
    }

    /// The number of rows.
    public func count() throws -> Int {
        let counted = with(
            .aggregate(
                plan, groupBy: [],
                aggregates: [.alias(.function(FunctionCall(BuiltinFunction.builtin("count"), [])), "count")]))
        let result = try counted.collect()
        guard case .integer(let value)? = result.rows.first?.first else { return 0 }
        return Int(value)
    }

    /// The first row, or `nil`.
    public func first() throws -> [DatabaseValue]? { try limit(1).collect().rows.first.map(Array.init) }

    /// The first `count` rows.
    public func head(_ count: Int = 5) throws -> QueryResult { try limit(count).collect() }

    /// The first `count` rows.
    public func take(_ count: Int) throws -> QueryResult { try limit(count).collect() }

    /// Inserts this query's rows into a table inside the database (`INSERT … SELECT`), atomically.
    @discardableResult
    public func insertInto(_ table: String, columns: [String]? = nil) throws -> Int {
        let session = try requireSession()
        if let buildError { throw buildError }
        return try session.run(.insertSelect(table: TableReference(table), columns: columns, query: plan))
    }
}
