/// Summaries and plan introspection.
extension DataFrame {
    /// `count`, `mean`, `min` and `max` of each named column, in one row (`c_count`, `c_mean`, `c_min`, `c_max`).
    public func describe(_ columns: String...) -> DataFrame {
        with(LogicalPlan.describe(of: plan, columns: columns.map { ($0, SQLType.unknown) }).plan)
    }

    /// PySpark's `summary`: one row per statistic (`count`, `mean`, `stddev`, `min`, `25%`, `50%`, `75%`, `max` by
    /// default, or those given), a `summary` column naming it and one text column per numeric or text column.
    public func summary(_ statistics: String...) -> DataFrame {
        guard let schema = try? session?.schema(of: plan) else {
            return DataFrame(
                plan, session: session,
                buildError: buildError ?? .invalidUse("summary() needs the DataFrame's columns; connect a database"))
        }
        do {
            return with(try LogicalPlan.summary(of: plan, columns: schema, statistics: statistics).plan)
        } catch let error as PlanError {
            return DataFrame(plan, session: session, buildError: buildError ?? error)
        } catch {
            return DataFrame(plan, session: session, buildError: buildError ?? .invalidUse("summary(): \(error)"))
        }
    }

    /// The number of distinct non-NULL values of a column.
    public func nunique(_ column: String) throws -> Int {
        let result = try with(
            .aggregate(plan, groupBy: [], aggregates: [F.count_distinct(col(column)).alias("n").expression])
        ).collect()
        guard case .integer(let value)? = result.rows.first?.first else { return 0 }
        return Int(value)
    }

    /// The database's plan for this query (`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on PostgreSQL), one line
    /// per row.
    public func explain() throws -> String {
        guard let session else {
            throw PlanError.invalidUse("this DataFrame has no database; create it from a Session to explain it")
        }
        let statement = try sql(dialect: session.dialect)
        let result = try session.collect(
            SQLStatement(
                text: session.dialect.explainPrefix + " " + statement.text, prettyText: "",
                parameters: statement.parameters, resultColumns: []))
        return result.rows.map { row in row.map(\.description).joined(separator: " | ") }.joined(separator: "\n")
    }

    /// The plan as an indented tree of operators, for reading.
    public func visualizePlan() -> String {
        func lines(_ plan: LogicalPlan, _ depth: Int) -> [String] {
            let indent = String(repeating: "  ", count: depth)
            switch plan {
            case .scan(let table): return [indent + "Scan(\(table.name))"]
            case .project(let input, let items): return [indent + "Project(\(items.count))"] + lines(input, depth + 1)
            case .withColumns(let input, let items):
                return [indent + "WithColumns(\(items.map(\.name).joined(separator: ", ")))"] + lines(input, depth + 1)
            case .renameColumns(let input, _): return [indent + "Rename"] + lines(input, depth + 1)
            case .dropColumns(let input, let names):
                return [indent + "Drop(\(names.joined(separator: ", ")))"] + lines(input, depth + 1)
            case .filter(let input, _): return [indent + "Filter"] + lines(input, depth + 1)
            case .join(let join):
                return [indent + "Join(\(join.kind.rawValue))"] + lines(join.left, depth + 1)
                    + lines(join.right, depth + 1)
            case .aggregate(let input, let keys, let aggregates):
                return [indent + "Aggregate(\(keys.count) keys, \(aggregates.count) aggregates)"]
                    + lines(input, depth + 1)
            case .sort(let input, _): return [indent + "Sort"] + lines(input, depth + 1)
            case .limit(let input, let count, let offset):
                return [indent + "Limit(\(count.map(String.init) ?? "all"), offset \(offset))"]
                    + lines(input, depth + 1)
            case .distinct(let input): return [indent + "Distinct"] + lines(input, depth + 1)
            case .setOperation(let op, let left, let right):
                return [indent + "SetOperation(\(op.rawValue))"] + lines(left, depth + 1) + lines(right, depth + 1)
            case .values(let columns, let rows):
                return [indent + "Values(\(columns.count) columns, \(rows.count) rows)"]
            case .rawSQL: return [indent + "RawSQL"]
            case .alias(let input, let name): return [indent + "Alias(\(name))"] + lines(input, depth + 1)
            case .binding(let name, let input, _): return [indent + "Binding(\(name))"] + lines(input, depth + 1)
            case .recursiveCTE(let name, let initial, let recursive, _):
                return [indent + "RecursiveCTE(\(name))"] + lines(initial, depth + 1) + lines(recursive, depth + 1)
            case .cteReference(let name): return [indent + "CTEReference(\(name))"]
            case .explode(let input, _, let alias): return [indent + "Explode(\(alias))"] + lines(input, depth + 1)
            case .pivot(let pivot):
                return [indent + "Pivot(\(pivot.values.count) values)"] + lines(pivot.input, depth + 1)
            case .sample(let input, let fraction, _): return [indent + "Sample(\(fraction))"] + lines(input, depth + 1)
            case .unionByName(let left, let right, _):
                return [indent + "UnionByName"] + lines(left, depth + 1) + lines(right, depth + 1)
            case .rowLock(let input, let lock):
                return [indent + "RowLock(\(lock.strength.rawValue))"] + lines(input, depth + 1)
            }
        }
        return lines(plan, 0).joined(separator: "\n")
    }
}

extension DataFrame {
    /// Pivots without an explicit `group_by`: groups by every column except `pivotColumn` and `valueColumn`
    /// (the Python library forgets the grouping; this keeps the other columns).
    public func pivot(
        _ pivotColumn: String, valueColumn: String, aggregate: String = "sum", values: [DatabaseValue]
    ) -> DataFrame {
        guard let function = BuiltinFunction.named(aggregate), function.kind == .aggregate else {
            return DataFrame(
                plan, session: session,
                buildError: buildError ?? PlanError(.aggregateMisuse, message: "'\(aggregate)' is not an aggregate"))
        }
        guard let schema = try? session?.schema(of: plan) else {
            return DataFrame(
                plan, session: session,
                buildError: buildError ?? .invalidUse("pivot() without group_by needs the columns; connect a database"))
        }
        let keys = schema.map(\.name).filter { $0 != pivotColumn && $0 != valueColumn }
        return with(
            .pivot(
                Pivot(
                    input: plan, groupBy: keys.map { .column(ColumnReference($0)) },
                    pivotColumn: .column(ColumnReference(pivotColumn)), values: values,
                    aggregate: FunctionCall(function, [.column(ColumnReference(valueColumn))]))))
    }

    /// NULL handling, as `df.na.fill(…)` and `df.na.drop(…)`.
    public var na: NullFunctions { NullFunctions(frame: self) }
}

/// `df.na`: ``DataFrame/fillna(_:subset:)`` and ``DataFrame/dropna(how:subset:)`` under the API's other names.
public struct NullFunctions: Sendable {
    let frame: DataFrame

    /// Same as ``DataFrame/fillna(_:subset:)``.
    public func fill(_ value: DatabaseValue, subset: [String]? = nil) -> DataFrame {
        frame.fillna(value, subset: subset)
    }

    /// Same as ``DataFrame/dropna(how:subset:)``.
    public func drop(how: String = "any", subset: [String]? = nil) -> DataFrame {
        frame.dropna(how: how, subset: subset)
    }
}

extension GroupedData {
    /// The API's bare-name form: `agg("qty")` is `sum(qty) AS qty`.
    public func agg(_ names: String...) -> DataFrame {
        agg(
            names.map {
                Column(
                    .alias(.function(FunctionCall(BuiltinFunction.builtin("sum"), [.column(ColumnReference($0))])), $0))
            })
    }
}
