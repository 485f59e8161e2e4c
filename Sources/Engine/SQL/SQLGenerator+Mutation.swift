extension SQLGenerator {
    /// The statements of a mutation, in the order they run.
    func mutationTrees(for mutation: MutationPlan) throws -> [SQLTree] {
        switch mutation {
        case .insert(let table, let columns, let rows):
            return try insertTrees(table: table, columns: columns, rows: rows, conflict: nil)

        case .insertSelect(let table, let columns, let plan):
            let (tree, resultColumns) = try queryTree(for: plan)
            guard case .query(let with, _, let query) = tree else { return [] }
            let names = columns ?? resultColumns.map(\.name)
            return [
                .insert(
                    SQLInsert(
                        table: .table(schema: table.schema, name: table.name, alias: nil), columns: names,
                        source: query,
                        with: with, onConflict: nil))
            ]

        case .update(let table, let assignments, let condition):
            let level = try tableScope(table)
            let targets = assignmentTargets(table, columns: assignments.map(\.column))
            let values = try assignments.indices.map { index -> (String, SQLExpression) in
                let assignment = assignments[index]
                _ = try resolve(ColumnReference(assignment.column), in: level)
                return (assignment.column, stored(try translate(assignment.value, in: level), into: targets[index]))
            }
            let whereSQL = try condition.map { try translate($0, in: level).sql }
            return [.update(table: fromItem(table), assignments: values, where: whereSQL)]

        case .delete(let table, let condition):
            let level = try tableScope(table)
            let whereSQL = try condition.map { try translate($0, in: level).sql }
            return [.delete(table: fromItem(table), where: whereSQL)]

        case .upsert(let upsert):
            switch dialect.upsertSyntax {
            case .onConflict, .onDuplicateKeyUpdate: break
            case .unsupported: throw PlanError.unsupportedFeature("upsert (merge)", dialect: dialect.name)
            }
            var level = try tableScope(upsert.table)
            // The proposed row is visible as `excluded`: every column of the table (one the insert leaves out holds
            // its default there), or the inserted ones when the table is not in the catalog.
            let tableColumns = level.columns.map(\.column.name)
            let tableTypes = Dictionary(level.columns.map { ($0.column.name, $0.column.type) }) { first, _ in first }
            let excluded = (tableColumns + upsert.columns.filter { !tableColumns.contains($0) }).map { name in
                LevelColumn(
                    column: PlanColumn(name: name, type: tableTypes[name] ?? .unknown, qualifiers: ["excluded"]),
                    sql: .column(qualifier: "excluded", name: name))
            }
            level.columns += excluded
            let assignments: [(String, SQLExpression)]
            switch upsert.action {
            case .doNothing: assignments = []
            case .update(let list):
                let targets = assignmentTargets(upsert.table, columns: list.map(\.column))
                assignments = try list.indices.map { index in
                    (list[index].column, stored(try translate(list[index].value, in: level), into: targets[index]))
                }
            }
            return try insertTrees(
                table: upsert.table, columns: upsert.columns, rows: upsert.rows,
                conflict: SQLConflictClause(columns: upsert.conflictColumns, assignments: assignments))

        case .createTable(let definition):
            let scopeColumns = definition.columns.map { column in
                LevelColumn(
                    column: PlanColumn(name: column.name, type: column.type, qualifiers: [definition.table.name]),
                    sql: .column(qualifier: nil, name: column.name))
            }
            var scope = Level()
            scope.columns = scopeColumns
            let columns = definition.columns.map {
                column -> (name: String, type: String, constraints: [SQLExpression]) in
                var constraints: [SQLExpression] = []
                if !column.isNullable { constraints.append(.token("NOT NULL")) }
                if column.isUnique { constraints.append(.token("UNIQUE")) }
                if let value = column.defaultValue {
                    constraints.append(.sequence([.token("DEFAULT"), .parameter(value)]))
                }
                return (
                    column.name, dialect.typeName(column.type, precision: column.precision, scale: column.scale),
                    constraints
                )
            }
            var constraints: [SQLExpression] = []
            let primaryKey = definition.columns.filter(\.isPrimaryKey).map(\.name)
            if !primaryKey.isEmpty {
                constraints.append(
                    .sequence([
                        .token("PRIMARY KEY"),
                        .list(primaryKey.map { .column(qualifier: nil, name: $0) }, brackets: false),
                    ]))
            }
            for constraint in definition.constraints {
                switch constraint {
                case .unique(let name, let columns):
                    constraints.append(
                        named(
                            name,
                            .sequence([
                                .token("UNIQUE"),
                                .list(columns.map { .column(qualifier: nil, name: $0) }, brackets: false),
                            ])))
                case .check(let name, let condition):
                    constraints.append(
                        named(
                            name, .sequence([.token("CHECK"), .parenthesized(try translate(condition, in: scope).sql)]))
                    )
                case .foreignKey(let name, let columns, let references, let referencedColumns, let onDelete):
                    var pieces: [SQLExpression] = [
                        .token("FOREIGN KEY"),
                        .list(columns.map { .column(qualifier: nil, name: $0) }, brackets: false),
                        .token("REFERENCES"), .column(qualifier: references.schema, name: references.name),
                        .list(referencedColumns.map { .column(qualifier: nil, name: $0) }, brackets: false),
                    ]
                    if let onDelete {
                        let action = onDelete.uppercased()
                        guard ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"].contains(action) else {
                            throw PlanError.invalidUse("unknown ON DELETE action '\(onDelete)'")
                        }
                        pieces.append(.token("ON DELETE \(action)"))
                    }
                    constraints.append(named(name, .sequence(pieces)))
                }
            }
            return [
                .createTable(
                    SQLCreateTable(
                        table: fromItem(definition.table), columns: columns, constraints: constraints,
                        ifNotExists: definition.ifNotExists, temporary: definition.temporary))
            ]

        case .dropTable(let table, let ifExists):
            return [.dropTable(fromItem(table), ifExists: ifExists)]

        case .createIndex(let index):
            guard !index.columns.isEmpty else { throw PlanError.invalidUse("create_index needs at least one column") }
            return [
                .createIndex(
                    name: index.name, table: fromItem(index.table), columns: index.columns, unique: index.unique,
                    ifNotExists: index.ifNotExists)
            ]

        case .dropIndex(let name, let ifExists):
            return [.dropIndex(name: name, ifExists: ifExists)]
        }
    }

    private func named(_ name: String?, _ constraint: SQLExpression) -> SQLExpression {
        guard let name else { return constraint }
        return .sequence([.token("CONSTRAINT"), .column(qualifier: nil, name: name), constraint])
    }

    private func fromItem(_ table: TableReference) -> SQLFromItem {
        .table(schema: table.schema, name: table.name, alias: nil)
    }

    /// The declared types of `columns` of a table, where the dialect converts values on assignment (none when it
    /// does not, or the table or column is not in the catalog).
    private func assignmentTargets(_ table: TableReference, columns: [String]) -> [CastTarget?] {
        let lookup = table.schema.map { "\($0).\(table.name)" } ?? table.name
        guard dialect.convertsOnAssignment, let info = catalog.table(named: lookup) else {
            return Array(repeating: nil, count: columns.count)
        }
        return columns.map { name in
            guard let column = info.column(named: name), column.type != .unknown else { return nil }
            // Only a declared precision needs reading the name again.
            guard column.declaredType.utf8.contains(UInt8(ascii: "(")) else { return CastTarget(column.type) }
            return CastTarget(typeName: column.declaredType) ?? CastTarget(column.type)
        }
    }

    /// A value as written into a column of `target`: converted where the dialect would store it otherwise than
    /// PostgreSQL (``Dialect/assignmentOverride(_:from:to:)``).
    private func stored(_ value: Translated, into target: CastTarget?) -> SQLExpression {
        guard let target else { return value.sql }
        if case .parameter(.null) = value.sql { return value.sql }
        return dialect.assignmentOverride(value.sql, from: value.type, to: target) ?? value.sql
    }

    /// The columns of a table as seen by UPDATE and DELETE, qualified with the table's name.
    private func tableScope(_ table: TableReference) throws -> Level {
        var level = Level()
        let lookup = table.schema.map { "\($0).\(table.name)" } ?? table.name
        guard let info = catalog.table(named: lookup) else {
            if catalog.tables.isEmpty {
                level.openQualifiers = [table.name]
                return level
            }
            throw PlanError.unknownTable(lookup)
        }
        // One qualifier array shared by every column (copy-on-write), not one allocation per column.
        let qualifiers = [table.name]
        level.columns = info.columns.map { column in
            LevelColumn(
                column: PlanColumn(
                    name: column.name, type: column.type, isNullable: column.isNullable, qualifiers: qualifiers,
                    sourceTable: info.name),
                sql: .column(qualifier: table.name, name: column.name))
        }
        return level
    }

    /// Multi-row inserts, split so no statement exceeds the dialect's parameter limit.
    private func insertTrees(
        table: TableReference, columns: [String], rows: [[Expression]], conflict: SQLConflictClause?
    ) throws -> [SQLTree] {
        guard !rows.isEmpty else { return [] }
        guard !columns.isEmpty else { throw PlanError.invalidUse("an insert needs at least one column") }
        let empty = Level()
        var rowsPerStatement = max(1, dialect.maximumParameters / columns.count)
        if conflict != nil {
            // The update part of an upsert adds its own parameters to every statement.
            rowsPerStatement = max(1, (dialect.maximumParameters - 64) / columns.count)
        }
        let columnTargets = assignmentTargets(table, columns: columns)
        var trees: [SQLTree] = []
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + rowsPerStatement, rows.count)]
            let values = try batch.map { row -> [SQLExpression] in
                guard row.count == columns.count else {
                    throw PlanError.invalidUse("every inserted row needs \(columns.count) value(s), one per column")
                }
                return try row.indices.map { stored(try translate(row[$0], in: empty), into: columnTargets[$0]) }
            }
            trees.append(
                .insert(
                    SQLInsert(
                        table: fromItem(table), columns: columns, source: .values(values), with: [],
                        onConflict: conflict)))
            start += rowsPerStatement
        }
        return trees
    }
}
