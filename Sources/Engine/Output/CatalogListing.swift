/// The readable listing of a catalog that `moltres schema` prints: each table with its columns, keys and indexes.
public struct CatalogListing {
    /// The catalog to list.
    public var catalog: Catalog

    /// Creates a listing.
    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// The listing as text, tables sorted by schema and name.
    public func render() -> String {
        if catalog.tables.isEmpty { return "(no tables)\n" }
        var text = ""
        let sorted = catalog.tables.sorted { ($0.schema ?? "", $0.name) < ($1.schema ?? "", $1.name) }
        for (position, table) in sorted.enumerated() {
            if position > 0 { text += "\n" }
            let qualified = table.schema.map { "\($0).\(table.name)" } ?? table.name
            text += "\(TextTable.printable(qualified)) (\(table.kind.rawValue), \(table.columns.count) columns)\n"
            let rows: [[TextTable.Cell]] = table.columns.map { column in
                var key = ""
                if column.primaryKeyPosition != nil { key = "PK" }
                if let foreignKey = table.foreignKeys.first(where: { $0.columns.contains(column.name) }),
                    let index = foreignKey.columns.firstIndex(of: column.name)
                {
                    let target =
                        foreignKey.referencedColumns.indices.contains(index)
                        ? foreignKey.referencedColumns[index] : "?"
                    key += (key.isEmpty ? "" : ", ") + "→ \(foreignKey.referencedTable).\(target)"
                }
                return [
                    .init(text: column.name), .init(text: column.declaredType.isEmpty ? "—" : column.declaredType),
                    .init(text: column.isNullable ? "yes" : "no"), .init(text: column.defaultValue ?? ""),
                    .init(text: key),
                ]
            }
            let listing = TextTable(headings: ["column", "type", "nullable", "default", "key"], rows: rows)
            text += listing.render().split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.isEmpty ? "" : "  " + $0
            }.joined(separator: "\n")
            for index in table.indexes where !index.isPrimary {
                let line =
                    "index \(index.name)\(index.isUnique ? " (unique)" : "") on (\(index.columns.joined(separator: ", ")))"
                text += "  \(TextTable.printable(line))\n"
            }
        }
        return text
    }
}
