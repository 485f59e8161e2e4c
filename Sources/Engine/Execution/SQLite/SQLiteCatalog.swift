extension SQLiteConnection {
    /// Reads the schema of every attached database: `main`, each `ATTACH`ed one, and `temp` when it has tables.
    ///
    /// Tables and views (not SQLite's own `sqlite_%` tables or virtual-table shadow tables) with their columns,
    /// primary keys, foreign keys and indexes. Names travel as bound arguments to SQLite's table-valued pragma
    /// functions (`pragma_table_xinfo`, `pragma_foreign_key_list`, `pragma_index_list`, `pragma_index_info`),
    /// so no SQL is built from names. Unqualified names resolve as SQLite resolves them: `temp`, then `main`,
    /// then attached databases in the order they were attached.
    public func loadCatalog() throws -> Catalog {
        try SQLiteCatalogReader(connection: self).read()
    }
}

/// Reads a ``Catalog`` from a SQLite connection with the table-valued pragma functions.
///
/// See https://www.sqlite.org/pragma.html#pragfunc: each `PRAGMA x(arg)` is also a table-valued function
/// `pragma_x` with hidden columns `arg` and `schema`, so table and schema names can be bound as parameters.
private struct SQLiteCatalogReader {
    let connection: SQLiteConnection

    func read() throws -> Catalog {
        let schemas = try rows("SELECT name FROM pragma_database_list ORDER BY seq").compactMap(\.first?.text)
        // `pragma_table_list` lists every schema's tables and views; `wr` is 1 for WITHOUT ROWID tables.
        let listed = try rows(
            """
            SELECT schema, name, type, wr FROM pragma_table_list
            WHERE type IN ('table', 'view', 'virtual') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY schema, name
            """)
        var tables: [TableInfo] = []
        var schemasWithTables: Set<String> = []
        for schema in schemas {
            for row in listed where row[0].text == schema {
                guard let name = row[1].text else { continue }
                let kind: TableInfo.Kind = row[2].text == "view" ? .view : .table
                tables.append(try table(schema: schema, name: name, kind: kind, withoutRowID: row[3] == .integer(1)))
                schemasWithTables.insert(schema)
            }
        }
        resolveImplicitForeignKeyColumns(&tables)
        // SQLite looks up unqualified names in temp, then main, then attached databases in attach order.
        var searchPath = schemasWithTables.contains("temp") ? ["temp"] : []
        searchPath += schemas.filter { $0 != "temp" }
        return Catalog(kind: .sqlite, defaultSchema: "main", searchPath: searchPath, tables: tables)
    }

    private func table(schema: String, name: String, kind: TableInfo.Kind, withoutRowID: Bool) throws -> TableInfo {
        // `hidden` is 1 for a virtual table's hidden columns (left out), 2 for a virtual generated column
        // and 3 for a stored one (both readable, so kept).
        let columnRows = try rows(
            """
            SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_xinfo(?, ?)
            WHERE hidden <> 1 ORDER BY cid
            """, [.text(name), .text(schema)])
        let primaryKeyCount = columnRows.filter { ($0[4].integer ?? 0) > 0 }.count
        var columns: [ColumnInfo] = []
        for row in columnRows {
            let declaredType = row[1].text ?? ""
            let primaryKeyPosition = (row[4].integer ?? 0) > 0 ? Int(row[4].integer ?? 0) : nil
            // An INTEGER PRIMARY KEY is the rowid and WITHOUT ROWID keys are enforced NOT NULL; other
            // primary-key columns of rowid tables accept NULL in SQLite unless declared NOT NULL.
            let isRowID =
                kind == .table && !withoutRowID && primaryKeyCount == 1 && primaryKeyPosition != nil
                && declaredType.uppercased() == "INTEGER"
            let isKeyNotNull = primaryKeyPosition != nil && (withoutRowID || isRowID)
            columns.append(
                ColumnInfo(
                    name: row[0].text ?? "",
                    declaredType: declaredType,
                    isNullable: row[2] != .integer(1) && !isKeyNotNull,
                    defaultValue: row[3].text,
                    primaryKeyPosition: primaryKeyPosition))
        }
        let primaryKey = columns.filter { $0.primaryKeyPosition != nil }
            .sorted { ($0.primaryKeyPosition ?? 0) < ($1.primaryKeyPosition ?? 0) }.map(\.name)
        guard kind == .table else {
            return TableInfo(schema: schema, name: name, kind: kind, columns: columns, primaryKey: primaryKey)
        }
        return TableInfo(
            schema: schema, name: name, kind: kind, columns: columns, primaryKey: primaryKey,
            foreignKeys: try foreignKeys(schema: schema, table: name),
            indexes: try indexes(schema: schema, table: name))
    }

    private func foreignKeys(schema: String, table: String) throws -> [ForeignKeyInfo] {
        let keyRows = try rows(
            """
            SELECT id, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?, ?)
            ORDER BY id, seq
            """, [.text(table), .text(schema)])
        var keys: [ForeignKeyInfo] = []
        var currentID: Int64?
        for row in keyRows {
            let id = row[0].integer ?? -1
            if id != currentID {
                currentID = id
                keys.append(
                    ForeignKeyInfo(
                        columns: [], referencedSchema: schema, referencedTable: row[1].text ?? "",
                        referencedColumns: [], onUpdate: row[4].text, onDelete: row[5].text))
            }
            keys[keys.count - 1].columns.append(row[2].text ?? "")
            // `to` is NULL when the key references the parent's primary key implicitly; filled in later.
            keys[keys.count - 1].referencedColumns.append(row[3].text ?? "")
        }
        return keys
    }

    /// Replaces the empty referenced columns of `REFERENCES parent` (no column list) with the parent's primary key.
    private func resolveImplicitForeignKeyColumns(_ tables: inout [TableInfo]) {
        let snapshot = Catalog(kind: .sqlite, tables: tables)
        for tableIndex in tables.indices {
            for keyIndex in tables[tableIndex].foreignKeys.indices {
                let key = tables[tableIndex].foreignKeys[keyIndex]
                guard key.referencedColumns.contains(""),
                    let parent = snapshot.table(named: key.referencedTable, schema: key.referencedSchema),
                    parent.primaryKey.count == key.columns.count
                else { continue }
                tables[tableIndex].foreignKeys[keyIndex].referencedColumns = parent.primaryKey
            }
        }
    }

    private func indexes(schema: String, table: String) throws -> [IndexInfo] {
        let indexRows = try rows(
            """
            SELECT name, "unique", origin FROM pragma_index_list(?, ?) ORDER BY name
            """, [.text(table), .text(schema)])
        var indexes: [IndexInfo] = []
        for row in indexRows {
            guard let name = row[0].text else { continue }
            // `cid` is -1 for the rowid and -2 for an expression, whose `name` is NULL.
            let columns = try rows(
                "SELECT cid, name FROM pragma_index_info(?, ?) ORDER BY seqno", [.text(name), .text(schema)]
            ).map { column -> String in
                if let columnName = column[1].text { return columnName }
                return column[0] == .integer(-1) ? "rowid" : "<expression>"
            }
            indexes.append(
                IndexInfo(name: name, columns: columns, isUnique: row[1] == .integer(1), isPrimary: row[2].text == "pk")
            )
        }
        return indexes
    }

    private func rows(_ sql: String, _ parameters: [DatabaseValue] = []) throws -> [[DatabaseValue]] {
        try connection.collect(sql, parameters: parameters).rows.arrays
    }
}

extension DatabaseValue {
    /// The text, when this is `.text`.
    fileprivate var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The integer, when this is `.integer`.
    fileprivate var integer: Int64? {
        if case .integer(let integer) = self { return integer }
        return nil
    }
}
