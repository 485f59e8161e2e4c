/// `df.describe(*columns)` and `df.summary(*statistics)`, shared by the binder and the Swift API.
extension LogicalPlan {
    /// `count`, `mean`, `min` and `max` of each named column, in one row (`c_count`, `c_mean`, `c_min`, `c_max`);
    /// the output columns' types, given the named columns' types (`unknown` where not known).
    public static func describe(
        of input: LogicalPlan, columns: [(name: String, type: SQLType)]
    ) -> (
        plan: LogicalPlan, columns: [PlanColumn]
    ) {
        var aggregates: [Expression] = []
        var output: [PlanColumn] = []
        for column in columns {
            let value = Expression.column(ColumnReference(column.name))
            for (function, suffix, type) in [
                ("count", "count", SQLType.integer), ("avg", "mean", .real), ("min", "min", column.type),
                ("max", "max", column.type),
            ] {
                aggregates.append(
                    .alias(
                        .function(FunctionCall(BuiltinFunction.builtin(function), [value])), "\(column.name)_\(suffix)")
                )
                output.append(PlanColumn(name: "\(column.name)_\(suffix)", type: type, isNullable: suffix != "count"))
            }
        }
        return (.aggregate(input, groupBy: [], aggregates: aggregates), output)
    }

    /// PySpark's default statistics.
    public static let summaryStatistics = ["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"]

    /// One row per statistic: a `summary` column naming it, then one text column per numeric or text input column
    /// (the statistic's value as text, NULL where it does not apply: the mean of text). Percentiles are exact
    /// (`percentile_disc`, a value of the column). The rows come in the order the statistics are given.
    ///
    /// - Throws: `MOL3004` for a statistic other than `count`, `mean`, `stddev`, `min`, `max` or a percentage
    ///   (`"10%"`).
    public static func summary(
        of input: LogicalPlan, columns: [PlanColumn], statistics: [String] = summaryStatistics
    ) throws -> (plan: LogicalPlan, columns: [PlanColumn]) {
        let described = columns.filter { $0.type.isNumeric || $0.type == .text || $0.type == .unknown }
        let source = LogicalPlan.binding(name: "moltres_summary_input", input, alwaysCTE: false)
        let text = CastTarget(.text)
        var plan: LogicalPlan?
        for (position, statistic) in (statistics.isEmpty ? summaryStatistics : statistics).enumerated() {
            let percentage = try percentile(statistic)
            let values = described.map { column -> Expression in
                let value = Expression.column(ColumnReference(column.name))
                let numeric = column.type.isNumeric
                func call(_ name: String, _ arguments: [Expression]) -> Expression {
                    .function(FunctionCall(BuiltinFunction.builtin(name), arguments))
                }
                let result: Expression?
                switch statistic {
                case "count": result = call("count", [value])
                case "mean": result = numeric ? call("avg", [value]) : nil
                case "stddev": result = numeric ? call("stddev", [value]) : nil
                case "min": result = call("min", [value])
                case "max": result = call("max", [value])
                default:
                    result = numeric ? percentage.map { call("percentile_disc", [value, .literal(.real($0))]) } : nil
                }
                return .alias(.cast(result ?? .literal(.null), text), column.name)
            }
            let row = LogicalPlan.aggregate(
                source, groupBy: [],
                aggregates: [
                    .alias(.literal(.integer(Int64(position))), "moltres_summary_order"),
                    .alias(.literal(.text(statistic)), "summary"),
                ] + values)
            plan = plan.map { .setOperation(.unionAll, $0, row) } ?? row
        }
        guard let plan else { throw PlanError.invalidUse("summary() needs at least one statistic") }
        let ordered = LogicalPlan.dropColumns(
            .sort(plan, [SortKey(.column(ColumnReference("moltres_summary_order")))]), ["moltres_summary_order"])
        let output =
            [PlanColumn(name: "summary", type: .text, isNullable: false)]
            + described.map { PlanColumn(name: $0.name, type: .text, isNullable: true) }
        return (ordered, output)
    }

    /// The fraction of a percentage statistic (`"25%"` → 0.25), `nil` for the named ones; `MOL3004` otherwise.
    private static func percentile(_ statistic: String) throws -> Double? {
        if ["count", "mean", "stddev", "min", "max"].contains(statistic) { return nil }
        guard statistic.hasSuffix("%"), let number = Double(statistic.dropLast()), (0...100).contains(number) else {
            throw PlanError(
                .invalidEnumeratedValue,
                message:
                    "summary(): unknown statistic '\(statistic)'; use count, mean, stddev, min, max or a percentage "
                    + "such as '25%'")
        }
        return number / 100
    }
}
