/// The result of ``DataFrame/groupBy(_:)``: add aggregates with ``agg(_:)-swift.method``.
public struct GroupedData: Sendable {
    /// The grouped DataFrame.
    public let frame: DataFrame
    /// The grouping keys.
    public let keys: [Expression]

    /// The keys and the aggregates, one row per group.
    public func agg(_ aggregates: Column...) -> DataFrame { agg(aggregates) }

    /// The keys and the aggregates, one row per group.
    public func agg(_ aggregates: [Column]) -> DataFrame {
        DataFrame(
            .aggregate(frame.plan, groupBy: keys, aggregates: aggregates.map(\.expression)), session: frame.session,
            buildError: frame.buildError)
    }

    /// The API's dictionary form: `["qty": "sum"]` is `sum(qty) AS qty`.
    public func agg(_ functions: KeyValuePairs<String, String>) -> DataFrame {
        var columns: [Column] = []
        for (name, function) in functions {
            guard let builtin = BuiltinFunction.named(function), builtin.kind == .aggregate else {
                return DataFrame(
                    frame.plan, session: frame.session,
                    buildError: PlanError(.aggregateMisuse, message: "'\(function)' is not an aggregate function"))
            }
            columns.append(Column(.alias(.function(FunctionCall(builtin, [.column(ColumnReference(name))])), name)))
        }
        return agg(columns)
    }

    /// The number of rows per group, in a column `count`.
    public func count() -> DataFrame { agg(F.count().alias("count")) }

    /// One output column per pivot value: `groupBy("k").pivot("status", values: ["paid"]).agg(F.sum(col("x")))`.
    public func pivot(_ column: String, values: [DatabaseValue]) -> PivotedData {
        PivotedData(grouped: self, column: column.selectionExpression, values: values)
    }
}

/// A grouped DataFrame with a pivot column; finish with ``agg(_:)``.
public struct PivotedData: Sendable {
    let grouped: GroupedData
    let column: Expression
    let values: [DatabaseValue]

    /// One column per pivot value holding `aggregate` over the rows with that value; with several aggregates, one
    /// column per value and aggregate, named `value_alias` (`paid_total`), as in PySpark.
    public func agg(_ aggregates: Column...) -> DataFrame {
        var made: [Pivot.Aggregate] = []
        for aggregate in aggregates {
            guard case .function(let call) = aggregate.expression.unaliased, call.function.kind == .aggregate else {
                return DataFrame(
                    grouped.frame.plan, session: grouped.frame.session,
                    buildError: .invalidUse("pivot().agg() takes aggregate functions"))
            }
            var name: String?
            if case .alias(_, let alias) = aggregate.expression { name = alias }
            made.append(Pivot.Aggregate(call, name: name))
        }
        guard !made.isEmpty else {
            return DataFrame(
                grouped.frame.plan, session: grouped.frame.session,
                buildError: .invalidUse("pivot().agg() needs an aggregate function"))
        }
        return DataFrame(
            .pivot(
                Pivot(
                    input: grouped.frame.plan, groupBy: grouped.keys, pivotColumn: column, values: values,
                    aggregates: made)),
            session: grouped.frame.session, buildError: grouped.frame.buildError)
    }
}
