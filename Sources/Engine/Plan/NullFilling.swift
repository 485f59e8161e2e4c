/// `fillna` / `na.fill`, shared by the binder and the Swift DataFrame API.
extension DatabaseValue {
    /// The value `fillna` puts into a column of `type`, or `nil` when this value's type does not fill such a column.
    ///
    /// As in PySpark: a string fills text columns, a number numeric ones (cast to the column's type: `0.5` fills an
    /// integer column with `0`, `1` a real one with `1.0`), a bool boolean ones. A column of unknown type takes the
    /// value as it is.
    public func filling(_ type: SQLType) -> DatabaseValue? {
        switch (self, type) {
        case (_, .unknown), (.null, _): return self
        case (.text, .text), (.boolean, .boolean): return self
        case (.integer, .integer): return self
        case (.integer(let number), .real), (.integer(let number), .decimal): return .real(Double(number))
        case (.real, .real), (.real, .decimal): return self
        case (.real(let number), .integer):
            guard number.isFinite, abs(number) < 9.2e18 else { return nil }
            return .integer(Int64(number))
        default: return nil
        }
    }
}

extension LogicalPlan {
    /// `input` with each `(column, value)`'s NULLs replaced by the value (`coalesce`), the columns kept in place.
    public static func fillingNulls(
        _ input: LogicalPlan, _ fills: [(column: String, value: DatabaseValue)]
    )
        -> LogicalPlan
    {
        guard !fills.isEmpty else { return input }
        let coalesce = BuiltinFunction.builtin("coalesce")
        return .withColumns(
            input,
            fills.map { fill in
                NamedExpression(
                    fill.column,
                    .function(FunctionCall(coalesce, [.column(ColumnReference(fill.column)), .literal(fill.value)])))
            })
    }
}
