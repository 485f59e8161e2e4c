import CPostgres

extension PostgresConnection {
    /// Reads the schema from `pg_catalog` in one round trip.
    ///
    /// Covers every schema except the system ones (`pg_catalog`, `information_schema`, `pg_toast*`,
    /// other sessions' temporary schemas): tables, partitioned and foreign tables (as tables), views and
    /// materialized views (as views), their columns (`format_type` names, nullability, default expressions,
    /// primary-key positions), primary and foreign keys, and indexes (columns, or expression text).
    /// ``Catalog/searchPath`` is `current_schemas(false)`, and ``Catalog/defaultSchema`` its first entry.
    ///
    /// A table dropped by another session while the query reads the catalog makes PostgreSQL fail it with
    /// `could not open relation with OID …` (SQLSTATE XX000, from `format_type`/`pg_get_expr` on the vanished
    /// relation); the read is then made again, up to three times in all.
    public func loadCatalog() throws -> Catalog {
        try Self.retryingVanishedRelations { try readCatalog() }
    }

    /// Runs `body` again (three times in all) while it fails because a relation vanished under it.
    static func retryingVanishedRelations<Result>(_ body: () throws -> Result) throws -> Result {
        var attempt = 1
        while true {
            do {
                return try body()
            } catch let error as DatabaseError
                where attempt < 3 && error.sqlState == "XX000" && error.message.contains("could not open relation")
            {
                attempt += 1
            }
        }
    }

    private func readCatalog() throws -> Catalog {
        let results = try runSimpleCollectingResults(Self.catalogSQL)
        guard results.count == 5 else {
            throw DatabaseError(kind: .other, message: "the catalog query returned \(results.count) results, not 5")
        }
        let searchPath = (0..<results[0].rowCount).map { results[0].text(row: $0, column: 0) ?? "" }

        struct TableKey: Hashable {
            var schema: String
            var name: String
        }
        var order: [TableKey] = []
        var tables: [TableKey: TableInfo] = [:]
        let relations = results[1]
        for row in 0..<relations.rowCount {
            let key = TableKey(schema: relations.text(row: row, column: 0)!, name: relations.text(row: row, column: 1)!)
            if tables[key] == nil {
                let relkind = relations.text(row: row, column: 2) ?? "r"
                tables[key] = TableInfo(
                    schema: key.schema, name: key.name, kind: relkind == "v" || relkind == "m" ? .view : .table,
                    columns: [])
                order.append(key)
            }
            guard let columnName = relations.text(row: row, column: 3) else { continue }
            tables[key]!.columns.append(
                ColumnInfo(
                    name: columnName, declaredType: relations.text(row: row, column: 4) ?? "",
                    isNullable: relations.text(row: row, column: 5) != "t",
                    defaultValue: relations.text(row: row, column: 6)))
        }

        let primaryKeys = results[2]
        for row in 0..<primaryKeys.rowCount {
            let key = TableKey(
                schema: primaryKeys.text(row: row, column: 0)!, name: primaryKeys.text(row: row, column: 1)!)
            guard let column = primaryKeys.text(row: row, column: 2), tables[key] != nil else { continue }
            tables[key]!.primaryKey.append(column)
            let position = tables[key]!.primaryKey.count
            if let index = tables[key]!.columns.firstIndex(where: { $0.name == column }) {
                tables[key]!.columns[index].primaryKeyPosition = position
            }
        }

        let foreignKeys = results[3]
        var lastConstraint: (TableKey, String)?
        for row in 0..<foreignKeys.rowCount {
            let key = TableKey(
                schema: foreignKeys.text(row: row, column: 0)!, name: foreignKeys.text(row: row, column: 1)!)
            guard tables[key] != nil, let name = foreignKeys.text(row: row, column: 2) else { continue }
            let column = foreignKeys.text(row: row, column: 3) ?? ""
            let referencedColumn = foreignKeys.text(row: row, column: 6) ?? ""
            if let last = lastConstraint, last.0 == key, last.1 == name {
                let index = tables[key]!.foreignKeys.count - 1
                tables[key]!.foreignKeys[index].columns.append(column)
                tables[key]!.foreignKeys[index].referencedColumns.append(referencedColumn)
            } else {
                tables[key]!.foreignKeys.append(
                    ForeignKeyInfo(
                        name: name, columns: [column], referencedSchema: foreignKeys.text(row: row, column: 4),
                        referencedTable: foreignKeys.text(row: row, column: 5) ?? "",
                        referencedColumns: [referencedColumn],
                        onUpdate: Self.referentialAction(foreignKeys.text(row: row, column: 7)),
                        onDelete: Self.referentialAction(foreignKeys.text(row: row, column: 8))))
                lastConstraint = (key, name)
            }
        }

        let indexes = results[4]
        var lastIndex: (TableKey, String)?
        for row in 0..<indexes.rowCount {
            let key = TableKey(schema: indexes.text(row: row, column: 0)!, name: indexes.text(row: row, column: 1)!)
            guard tables[key] != nil, let name = indexes.text(row: row, column: 2) else { continue }
            let column = indexes.text(row: row, column: 5) ?? ""
            if let last = lastIndex, last.0 == key, last.1 == name {
                tables[key]!.indexes[tables[key]!.indexes.count - 1].columns.append(column)
            } else {
                tables[key]!.indexes.append(
                    IndexInfo(
                        name: name, columns: [column], isUnique: indexes.text(row: row, column: 3) == "t",
                        isPrimary: indexes.text(row: row, column: 4) == "t"))
                lastIndex = (key, name)
            }
        }

        return Catalog(
            kind: .postgresql, defaultSchema: searchPath.first, searchPath: searchPath,
            tables: order.map { tables[$0]! })
    }

    private static func referentialAction(_ code: String?) -> String? {
        switch code {
        case "a": return "NO ACTION"
        case "r": return "RESTRICT"
        case "c": return "CASCADE"
        case "n": return "SET NULL"
        case "d": return "SET DEFAULT"
        default: return nil
        }
    }

    /// User schemas: not `pg_*` (system, TOAST, other sessions' temporary schemas) except this session's
    /// temporary schema, and not `information_schema`.
    private static let userSchemaFilter = """
        (n.nspname NOT LIKE 'pg\\_%' OR n.oid = pg_catalog.pg_my_temp_schema()) AND n.nspname <> 'information_schema'
        """

    /// Five queries sent in one round trip: search path, relations with columns, primary keys,
    /// foreign keys, indexes. Every list is ordered so the Swift side can group rows in one pass.
    static let catalogSQL = """
        SELECT s.name FROM unnest(pg_catalog.current_schemas(false)) WITH ORDINALITY AS s(name, position)
        ORDER BY s.position;
        SELECT n.nspname, c.relname, c.relkind::text, a.attname,
               pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
               pg_catalog.pg_get_expr(d.adbin, d.adrelid)
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND \(userSchemaFilter)
        ORDER BY n.nspname, c.relname, a.attnum;
        SELECT n.nspname, c.relname, a.attname
        FROM pg_catalog.pg_constraint con
        JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
        WHERE con.contype = 'p' AND \(userSchemaFilter)
        ORDER BY n.nspname, c.relname, k.position;
        SELECT n.nspname, c.relname, con.conname, a.attname, rn.nspname, rc.relname, ra.attname,
               con.confupdtype::text, con.confdeltype::text
        FROM pg_catalog.pg_constraint con
        JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
        JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
        JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
        JOIN pg_catalog.pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = con.confkey[k.position]
        WHERE con.contype = 'f' AND \(userSchemaFilter)
        ORDER BY n.nspname, c.relname, con.conname, k.position;
        SELECT n.nspname, t.relname, i.relname, x.indisunique, x.indisprimary,
               CASE WHEN x.indkey[k.position - 1] <> 0 THEN a.attname
                    ELSE pg_catalog.pg_get_indexdef(x.indexrelid, k.position::int, true) END
        FROM pg_catalog.pg_index x
        JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
        JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
        CROSS JOIN LATERAL generate_series(1, x.indnkeyatts::int) AS k(position)
        LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[k.position - 1]
        WHERE \(userSchemaFilter)
        ORDER BY n.nspname, t.relname, i.relname, k.position
        """
}

extension PostgresResult {
    /// The text of one cell, or `nil` for `NULL`.
    func text(row: Int, column: Int) -> String? {
        if PQgetisnull(handle, Int32(row), Int32(column)) == 1 { return nil }
        return String(cString: PQgetvalue(handle, Int32(row), Int32(column)))
    }
}
