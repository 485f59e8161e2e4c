/// The API's snake_case spellings, each the same as its camelCase twin.
extension DataFrame {
    /// Same as ``withColumn(_:_:)``.
    public func with_column(_ name: String, _ column: Column) -> DataFrame { withColumn(name, column) }
    /// Same as ``withColumns(_:)``.
    public func with_columns(_ columns: KeyValuePairs<String, Column>) -> DataFrame { withColumns(columns) }
    /// Same as ``withColumnRenamed(_:_:)``.
    public func with_column_renamed(_ existing: String, _ new: String) -> DataFrame {
        withColumnRenamed(existing, new)
    }
    /// Same as ``orderBy(_:)``.
    public func order_by(_ columns: any ColumnSelectable...) -> DataFrame {
        with(.sort(plan, columns.map { SortKey(from: $0.selectionExpression) }))
    }
    /// Same as ``orderBy(_:)``.
    public func sort(_ columns: any ColumnSelectable...) -> DataFrame {
        with(.sort(plan, columns.map { SortKey(from: $0.selectionExpression) }))
    }
    /// Same as ``groupBy(_:)``.
    public func group_by(_ columns: any ColumnSelectable...) -> GroupedData {
        GroupedData(frame: self, keys: columns.map(\.selectionExpression))
    }
    /// Same as ``unionAll(_:)``.
    public func union_all(_ other: DataFrame) -> DataFrame { unionAll(other) }
    /// Same as ``crossJoin(_:)``.
    public func cross_join(_ other: DataFrame) -> DataFrame { crossJoin(other) }
    /// Same as ``semiJoin(_:on:)-(_,String)``.
    public func semi_join(_ other: DataFrame, on column: String) -> DataFrame { semiJoin(other, on: column) }
    /// Same as ``antiJoin(_:on:)-(_,String)``.
    public func anti_join(_ other: DataFrame, on column: String) -> DataFrame { antiJoin(other, on: column) }
    /// Same as ``dropDuplicates(_:)``.
    public func drop_duplicates(_ subset: [String]? = nil) -> DataFrame { dropDuplicates(subset) }
    /// Same as ``recursiveCTE(_:recursive:unionAll:)``.
    public func recursive_cte(_ name: String, recursive: DataFrame, union_all: Bool = false) -> DataFrame {
        recursiveCTE(name, recursive: recursive, unionAll: union_all)
    }
    /// Same as ``insertInto(_:columns:)``.
    @discardableResult
    public func insert_into(_ table: String, columns: [String]? = nil) throws -> Int {
        try insertInto(table, columns: columns)
    }
}

extension Session {
    /// Same as ``createTable(_:columns:constraints:ifNotExists:temporary:)``.
    public func create_table(
        _ name: String, columns: [ColumnDefinition], constraints: [TableConstraint] = [], if_not_exists: Bool = true,
        temporary: Bool = false
    ) throws {
        try createTable(
            name, columns: columns, constraints: constraints, ifNotExists: if_not_exists, temporary: temporary)
    }
    /// Same as ``dropTable(_:ifExists:)``.
    public func drop_table(_ name: String, if_exists: Bool = true) throws { try dropTable(name, ifExists: if_exists) }
    /// Same as ``createIndex(_:table:columns:unique:ifNotExists:)``.
    public func create_index(
        _ name: String, table: String, columns: [String], unique: Bool = false, if_not_exists: Bool = true
    ) throws {
        try createIndex(name, table: table, columns: columns, unique: unique, ifNotExists: if_not_exists)
    }
    /// Same as ``dropIndex(_:ifExists:)``.
    public func drop_index(_ name: String, if_exists: Bool = true) throws { try dropIndex(name, ifExists: if_exists) }
}
