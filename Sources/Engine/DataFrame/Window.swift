/// A window specification built step by step: `Window.partitionBy("country").orderBy(col("amount").desc())`.
///
/// Use it with ``Column/over(_:)``. Each method returns a new value; snake_case spellings are accepted too.
public struct Window: Sendable {
    /// The specification it builds.
    public var specification: WindowSpecification

    /// Wraps a specification.
    public init(_ specification: WindowSpecification = WindowSpecification()) {
        self.specification = specification
    }

    /// A window partitioned by the given columns.
    public static func partitionBy(_ columns: any ColumnSelectable...) -> Window { Window().partitionBy(columns) }
    /// A window ordered by the given columns or sort keys.
    public static func orderBy(_ columns: any ColumnSelectable...) -> Window { Window().orderBy(columns) }
    /// Snake-case spelling of ``partitionBy(_:)-swift.type.method``.
    public static func partition_by(_ columns: any ColumnSelectable...) -> Window { Window().partitionBy(columns) }
    /// Snake-case spelling of ``orderBy(_:)-swift.type.method``.
    public static func order_by(_ columns: any ColumnSelectable...) -> Window { Window().orderBy(columns) }

    /// Adds partition columns.
    public func partitionBy(_ columns: [any ColumnSelectable]) -> Window {
        var copy = self
        copy.specification.partitionBy += columns.map(\.selectionExpression)
        return copy
    }

    /// Adds partition columns.
    public func partitionBy(_ columns: any ColumnSelectable...) -> Window { partitionBy(columns) }

    /// Adds ordering keys (`col("x").desc()` keeps its direction).
    public func orderBy(_ columns: [any ColumnSelectable]) -> Window {
        var copy = self
        copy.specification.orderBy += columns.map { SortKey(from: $0.selectionExpression) }
        return copy
    }

    /// Adds ordering keys.
    public func orderBy(_ columns: any ColumnSelectable...) -> Window { orderBy(columns) }

    /// `ROWS BETWEEN start AND end` (`nil` unbounded, `0` current row, negative preceding, positive following).
    public func rowsBetween(_ start: Int?, _ end: Int?) -> Window {
        var copy = self
        copy.specification.frame = WindowFrame(
            .rows, start: .init(offset: start, isStart: true), end: .init(offset: end, isStart: false))
        return copy
    }

    /// `RANGE BETWEEN start AND end`.
    public func rangeBetween(_ start: Int?, _ end: Int?) -> Window {
        var copy = self
        copy.specification.frame = WindowFrame(
            .range, start: .init(offset: start, isStart: true), end: .init(offset: end, isStart: false))
        return copy
    }

    /// Snake-case spelling of ``rowsBetween(_:_:)``.
    public func rows_between(_ start: Int?, _ end: Int?) -> Window { rowsBetween(start, end) }
    /// Snake-case spelling of ``rangeBetween(_:_:)``.
    public func range_between(_ start: Int?, _ end: Int?) -> Window { rangeBetween(start, end) }

    /// The frame bound for "unbounded" in the API's integer form (`Window.unboundedPreceding`).
    public static let unboundedPreceding: Int? = nil
    /// The frame bound for "unbounded following".
    public static let unboundedFollowing: Int? = nil
    /// The frame bound for the current row.
    public static let currentRow: Int? = 0
}
