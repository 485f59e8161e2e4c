extension MutationPlan {
    /// Whether running it creates or drops a table.
    public var changesSchema: Bool {
        switch self {
        case .createTable, .dropTable: true
        default: false
        }
    }

    /// Whether running it changes what a catalog lists: a table, or an index (the catalog lists indexes too).
    public var changesCatalog: Bool {
        switch self {
        case .createTable, .dropTable, .createIndex, .dropIndex: true
        case .insert, .insertSelect, .update, .delete, .upsert: false
        }
    }
}

extension Catalog {
    /// Follows the schema change a mutation makes, so the statements after it are checked against the schema
    /// they will meet when the file runs: `CREATE TABLE` adds the table (unless `IF NOT EXISTS` finds one there),
    /// `DROP TABLE` removes it; other mutations change nothing.
    public mutating func applySchemaChange(_ mutation: MutationPlan) {
        switch mutation {
        case .createTable(let definition):
            let reference = definition.table
            let existing = table(named: reference.name, schema: reference.schema)
            if definition.ifNotExists, existing != nil { return }
            let primaryKey = definition.columns.filter(\.isPrimaryKey).map(\.name)
            let columns = definition.columns.map { column in
                ColumnInfo(
                    name: column.name, declaredType: column.type.rawValue.uppercased(), type: column.type,
                    isNullable: column.isNullable && !column.isPrimaryKey,
                    primaryKeyPosition: primaryKey.firstIndex(of: column.name).map { $0 + 1 })
            }
            add(
                TableInfo(
                    schema: reference.schema ?? existing?.schema ?? defaultSchema, name: reference.name,
                    columns: columns, primaryKey: primaryKey))
        case .dropTable(let reference, _):
            remove(named: reference.name, schema: reference.schema)
        default:
            break
        }
    }
}
