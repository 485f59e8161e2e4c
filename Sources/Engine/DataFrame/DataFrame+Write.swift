/// Writing and showing results.
extension DataFrame {
    /// Creates table `name` with this DataFrame's columns and fills it inside the database
    /// (`CREATE TABLE` then `INSERT … SELECT`), in one transaction. `mode: "overwrite"` drops an existing table
    /// first; `"append"` inserts into it; `"error"` (the default) fails when it exists.
    @discardableResult
    public func saveAsTable(_ name: String, mode: String = "error", primaryKey: [String] = []) throws -> Int {
        guard let session else {
            throw PlanError.invalidUse("this DataFrame has no database; create it from a Session to save it")
        }
        if let buildError { throw buildError }
        let columns = try session.schema(of: plan)
        guard !columns.isEmpty else {
            throw PlanError.invalidUse("save_as_table needs known columns; the source's columns are unknown")
        }
        return try session.transaction { session in
            switch mode {
            case "overwrite": try session.dropTable(name)
            case "append", "error", "errorifexists", "ignore": break
            default: throw PlanError(.invalidEnumeratedValue, message: "unknown save mode '\(mode)'")
            }
            if mode != "append" {
                try session.createTable(
                    name,
                    columns: columns.map {
                        ColumnDefinition(
                            $0.name, $0.type == .unknown ? .text : $0.type, nullable: !primaryKey.contains($0.name),
                            primaryKey: primaryKey.contains($0.name))
                    }, ifNotExists: mode == "ignore")
            }
            return try session.run(
                .insertSelect(table: TableReference(parsing: name), columns: columns.map(\.name), query: plan))
        }
    }

    /// Same as ``saveAsTable(_:mode:primaryKey:)``.
    @discardableResult
    public func save_as_table(_ name: String, mode: String = "error", primary_key: [String] = []) throws -> Int {
        try saveAsTable(name, mode: mode, primaryKey: primary_key)
    }

    /// The last `count` rows, in order.
    public func tail(_ count: Int = 5) throws -> [[DatabaseValue]] {
        try collect().rows.suffix(count).map { Array($0) }
    }

    /// The first `count` rows as an aligned text table, with a row-count footer.
    public func show(_ count: Int = 20) throws -> String {
        let result = try limit(count).collect()
        let table = TextTable(
            headings: result.columns.map(\.name), rows: result.rows.map { $0.map(TextTable.Cell.init) })
        return table.render() + "\n(\(result.rows.count) row\(result.rows.count == 1 ? "" : "s"))"
    }
}
