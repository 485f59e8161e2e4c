/// The methods of `Database` (`db.…`).
enum DatabaseMethods {
    static let signatures: [String: Signature] = [
        "table": Signature(["name"]),
        "sql": Signature(["sql"], anyKeywords: true),
        "execute_sql": Signature(["sql", "params"], minimum: 1),
        "insert": Signature(["table_name", "rows"]),
        "update": Signature(["table_name"], keywords: ["where", "set"]),
        "delete": Signature(["table_name"], keywords: ["where"]),
        "merge": Signature(["table_name", "rows"], keywords: ["on", "when_matched", "when_not_matched"]),
        "upsert": Signature(["table_name", "rows"], keywords: ["on", "when_matched", "when_not_matched"]),
        "create_table": Signature(
            ["name", "columns"], minimum: 1, keywords: ["if_not_exists", "temporary", "constraints"]),
        "drop_table": Signature(["name"], keywords: ["if_exists"]),
        "create_index": Signature(["name", "table", "columns"], keywords: ["unique", "if_not_exists"]),
        "drop_index": Signature(["name", "table"], minimum: 1, keywords: ["if_exists"]),
        "transaction": Signature(["savepoint", "readonly", "isolation_level", "timeout"], minimum: 0),
        "create_dataframe": Signature(["data", "schema", "pk", "auto_pk"], minimum: 1),
        "get_table_names": Signature(["schema"], minimum: 0),
        "get_view_names": Signature(["schema"], minimum: 0),
        "get_columns": Signature(["table"]),
        "show_tables": Signature(),
        "show_schema": Signature(["table"]),
        "explain": Signature(["sql", "params"], minimum: 1),
        "close": Signature(),
        "batch": Signature(),
        "is_in_transaction": Signature(),
    ]

    static var names: [String] { signatures.keys.sorted() }

    /// The canonical (snake_case) name of a method as written, with its signature; `nil` for no such method.
    static func method(named name: String) -> (name: String, signature: Signature)? {
        if let index = spellings.index(of: name) { return spellings[index] }
        return resolveMethod(named: name)
    }

    /// The canonical and camelCase spellings of every method, found by their bytes (no snake-casing and no
    /// hashing with `Hasher` for the usual spellings; any other falls back to ``resolveMethod(named:)``).
    private static let spellings = NameTable<(name: String, signature: Signature)>.spellings(
        of: Array(signatures.keys) + ["create_data_frame"], resolveMethod(named:))

    private static func resolveMethod(named name: String) -> (name: String, signature: Signature)? {
        var method = snakeCase(name)
        if method == "create_data_frame" { method = "create_dataframe" }
        guard let signature = signatures[method] else { return nil }
        return (method, signature)
    }
}

extension Binder {
    func callDatabaseMethod(name: String, nameRange: ByteRange, call: CallExpression, node: SyntaxNode) -> Value {
        guard let (method, signature) = DatabaseMethods.method(named: name) else {
            reportUnknown(
                .unknownMethod, nameRange, "Database has no method '\(name)'", name: name,
                candidates: DatabaseMethods.names + ["createDataFrame"])
            evaluateArgumentsLoosely(call)
            return .unknown
        }
        let arguments = bindArguments(call, signature, name: method, calleeRange: nameRange)
        switch method {
        case "table":
            guard let nameNode = arguments.value("name", 0) else { return .unknown }
            let value = evaluate(nameNode)
            guard case .scalar(.text(let table)) = value else {
                if !value.isUnknown {
                    report(.argumentTypeMismatch, nameNode.range, "table() takes a table name, got \(value.kind)")
                }
                return .unknown
            }
            let literalRange = StringLiteral(nameNode) != nil ? innerRange(of: nameNode) : nameNode.range
            let frame = tableFrame(table, range: literalRange, origin: node.range)
            recordColumnScope(ColumnScopeRecord(range: arguments.range, columns: [], stringsAreColumns: false))
            record(.dataFrameStep(schema: frame.columns, plan: frame.plan, range: nameRange))
            return .frame(frame)
        case "sql":
            guard let sqlNode = arguments.value("sql", 0), let text = stringArgument(sqlNode, what: "SQL text") else {
                return .unknown
            }
            var parameters: [String: DatabaseValue] = [:]
            for (key, valueNode) in arguments.named.pairs {
                if case .scalar(let value) = evaluate(valueNode) { parameters[key] = value }
            }
            return .frame(
                Frame(
                    plan: .rawSQL(RawSQL(text, parameters: parameters)), columns: [], origins: .none, isComplete: false)
            )
        case "execute_sql", "explain", "get_table_names", "get_view_names", "get_columns", "show_tables",
            "show_schema", "close", "batch", "is_in_transaction":
            for value in arguments.positional.nodes + arguments.named.values { _ = evaluate(value) }
            return .unknown
        case "insert":
            guard let table = arguments.value("table_name", 0).flatMap(tableArgument) else { return .unknown }
            guard let rowsNode = arguments.value("rows", 1) else { return .unknown }
            // A key a row lacks takes the column's default.
            guard let (columns, rows) = rowMaps(evaluate(rowsNode), range: rowsNode.range) else { return .unknown }
            checkTableColumns(table, columns, range: rowsNode.range)
            return .mutation(MutationPlan.inserts(into: TableReference(parsing: table), columns: columns, rows: rows))
        case "update", "delete":
            guard let table = arguments.value("table_name", 0).flatMap(tableArgument) else {
                for value in arguments.named.values { _ = evaluate(value) }
                return .unknown
            }
            let frame = tableFrame(
                table, range: arguments.value("table_name", 0)?.range ?? nameRange, origin: nameRange,
                recordSymbol: false)
            return withScope(frame.scope) {
                var condition: Expression?
                if let whereNode = arguments.named["where"] {
                    recordColumnScope(
                        ColumnScopeRecord(range: whereNode.range, columns: frame.columns, stringsAreColumns: false))
                    if let column = columnArgument(whereNode) {
                        checkCondition(column, range: whereNode.range)
                        condition = column.expression.unaliased
                    }
                } else {
                    report(
                        .unrestrictedWrite, nameRange,
                        "\(method)() without where= changes every row of '\(table)'; pass where=… (or where=lit(True) to mean it)",
                        severity: .warning)
                }
                if method == "delete" {
                    return .mutation([.delete(table: TableReference(parsing: table), where: condition)])
                }
                let assignments = assignmentsOf(arguments.named["set"], frame: frame)
                if arguments.named["set"] == nil {
                    report(.wrongArity, arguments.range, "update() needs set={\"column\": value, …}")
                }
                return .mutation([
                    .update(table: TableReference(parsing: table), assignments: assignments, where: condition)
                ])
            }
        case "merge", "upsert":
            guard let table = arguments.value("table_name", 0).flatMap(tableArgument) else { return .unknown }
            guard let rowsNode = arguments.value("rows", 1),
                let (columns, rows) = rowMaps(evaluate(rowsNode), range: rowsNode.range)
            else { return .unknown }
            checkTableColumns(table, columns, range: rowsNode.range)
            var keys: [String] = []
            if let onNode = arguments.named["on"] {
                keys = stringList(evaluate(onNode))
                checkTableColumns(table, keys, range: onNode.range)
            } else {
                report(.wrongArity, arguments.range, "merge() needs on=[key columns]")
            }
            let frame = tableFrame(table, range: rowsNode.range, origin: nameRange, recordSymbol: false)
            let action: Upsert.Action
            if let matched = arguments.named["when_matched"] {
                action = withScope(frame.scope) { .update(assignmentsOf(matched, frame: frame)) }
            } else {
                action = .doNothing
            }
            if let notMatched = arguments.named["when_not_matched"] { _ = evaluate(notMatched) }
            // A key a row lacks takes the column's default, as in insert.
            return .mutation(
                MutationPlan.rowGroups(columns: columns, rows: rows).map {
                    .upsert(
                        Upsert(
                            table: TableReference(parsing: table), columns: $0.columns, rows: $0.rows,
                            conflictColumns: keys, action: action))
                })
        case "create_table":
            guard let table = arguments.value("name", 0).flatMap({ stringArgument($0, what: "a table name") }) else {
                return .unknown
            }
            var columns: [ColumnDefinition] = []
            var reportedElement = false
            let columnsNode = arguments.value("columns", 1)
            var understood = columnsNode == nil
            if let columnsNode {
                if case .list(let elements, _) = evaluate(columnsNode) {
                    understood = true
                    let nodes = CollectionExpression(columnsNode)?.elements ?? []
                    for (index, element) in elements.enumerated() {
                        if case .columnDefinition(let definition) = element {
                            columns.append(definition)
                        } else if case .unknown = element {
                            reportedElement = true
                        } else {
                            reportedElement = true
                            // A tuple or a string is not a column: it was left out without a word (an empty table).
                            report(
                                .argumentTypeMismatch,
                                nodes.indices.contains(index) ? nodes[index].range : columnsNode.range,
                                "expected column(name, type, …), got \(element.kind)")
                        }
                    }
                }
            }
            if columns.isEmpty, understood, !reportedElement {
                report(
                    .wrongArity, columnsNode?.range ?? nameRange,
                    "create_table needs at least one column: [column(\"id\", \"INTEGER\", primary_key=True), …]")
            }
            var constraints: [TableConstraint] = []
            if let node = arguments.named["constraints"], case .list(let elements, _) = evaluate(node) {
                for element in elements {
                    if case .constraint(let constraint) = element { constraints.append(constraint) }
                }
            }
            return .mutation([
                .createTable(
                    TableDefinition(
                        TableReference(parsing: table), columns: columns, constraints: constraints,
                        ifNotExists: boolArgument(arguments.named["if_not_exists"], default: true),
                        temporary: boolArgument(arguments.named["temporary"], default: false)))
            ])
        case "drop_table":
            guard let table = arguments.value("name", 0).flatMap(tableArgument) else { return .unknown }
            return .mutation([
                .dropTable(
                    TableReference(parsing: table), ifExists: boolArgument(arguments.named["if_exists"], default: true))
            ])
        case "create_index":
            guard let indexName = arguments.value("name", 0).flatMap({ stringArgument($0, what: "an index name") }),
                let table = arguments.value("table", 1).flatMap(tableArgument),
                let columnsNode = arguments.value("columns", 2)
            else { return .unknown }
            let columns = stringList(evaluate(columnsNode))
            checkTableColumns(table, columns, range: columnsNode.range)
            return .mutation([
                .createIndex(
                    IndexDefinition(
                        name: indexName, table: TableReference(parsing: table), columns: columns,
                        unique: boolArgument(arguments.named["unique"], default: false),
                        ifNotExists: boolArgument(arguments.named["if_not_exists"], default: true)))
            ])
        case "drop_index":
            guard let indexName = arguments.value("name", 0).flatMap({ stringArgument($0, what: "an index name") })
            else {
                return .unknown
            }
            if let tableNode = arguments.value("table", 1) { _ = evaluate(tableNode) }
            return .mutation([
                .dropIndex(name: indexName, ifExists: boolArgument(arguments.named["if_exists"], default: true))
            ])
        case "transaction":
            var options = TransactionOptions()
            options.savepoint = boolArgument(arguments.value("savepoint", 0), default: false)
            options.readonly = boolArgument(arguments.value("readonly", 1), default: false)
            for (index, name) in ["isolation_level", "timeout"].enumerated() {
                if let node = arguments.value(name, index + 2) { _ = evaluate(node) }
            }
            return .transactionContext(options)
        case "create_dataframe":
            guard let dataNode = arguments.value("data", 0) else { return .unknown }
            guard let (columns, rows) = rowsOf(evaluate(dataNode), range: dataNode.range) else { return .unknown }
            for (index, name) in ["schema", "pk", "auto_pk"].enumerated() {
                if let node = arguments.value(name, index + 1) { _ = evaluate(node) }
            }
            let types = columns.indices.map { index -> SQLType in
                guard let first = rows.first, index < first.count, case .literal(let value) = first[index] else {
                    return .unknown
                }
                return value.checkerType
            }
            return .frame(
                Frame(
                    plan: .values(columns: columns, rows: rows),
                    columns: zip(columns, types).map { PlanColumn(name: $0.0, type: $0.1) },
                    origins: ColumnOrigins(repeating: dataNode.range, count: columns.count), isComplete: true))
        default:
            return .unknown
        }
    }

    /// A table name argument, reported when the catalog does not know it.
    func tableArgument(_ node: SyntaxNode) -> String? {
        guard let table = stringArgument(node, what: "a table name") else { return nil }
        let range = StringLiteral(node) != nil ? innerRange(of: node) : node.range
        _ = knownTable(table, range: range)
        return table
    }

    /// The catalog's table, reporting MOL2002 (with suggestions) when there is a catalog and it lacks the table.
    @discardableResult
    func knownTable(_ name: String, range: ByteRange, recordSymbol: Bool = true) -> TableInfo? {
        knownTableIndex(name, range: range, recordSymbol: recordSymbol).map { catalog.tables[$0] }
    }

    /// ``knownTable(_:range:recordSymbol:)`` as a position in the catalog's tables.
    func knownTableIndex(_ name: String, range: ByteRange, recordSymbol: Bool = true) -> Int? {
        // The catalog's own index is one hash lookup, as a cache here would be (and filling one cost more). It is
        // read in place, through an inout access: calling a method on the stored property copies the struct (a
        // retain and a release of each of its arrays and dictionaries, about 350 instructions).
        let index = Self.tableIndex(named: name, in: &catalog)
        if recordSymbol { record(.table(index.map { catalog.tables[$0] }, name: name, range: range)) }
        if index == nil && hasCatalog {
            reportUnknown(
                .unknownTable, range, "unknown table '\(name)'", name: name, candidates: catalog.tableNames)
        }
        return index
    }

    /// `catalog.tableIndex(named:)` on the catalog in place (see ``knownTableIndex(_:range:recordSymbol:)``).
    private static func tableIndex(named name: String, in catalog: inout Catalog) -> Int? {
        catalog.tableIndex(named: name)
    }

    /// The DataFrame of `db.table(name)`: the catalog's columns, or an unknown schema.
    func tableFrame(_ name: String, range: ByteRange, origin: ByteRange, recordSymbol: Bool = true) -> Frame {
        let reference = TableReference(parsing: name)
        guard let index = knownTableIndex(name, range: range, recordSymbol: recordSymbol) else {
            unknownTablesRead.insert(reference.name)
            return Frame(plan: .scan(reference), columns: [], origins: .none, isComplete: false)
        }
        let columns: [PlanColumn]
        if reference.name == catalog.tables[index].name {
            // Qualified by the table's own name: the catalog's shared copy.
            columns = catalog.planColumns[index]
        } else if let cached = tableColumns[name] {
            columns = cached
        } else {
            let info = catalog.tables[index]
            let qualifiers = [reference.name]
            columns = info.columns.map {
                PlanColumn(
                    name: $0.name, type: $0.type, isNullable: $0.isNullable, qualifiers: qualifiers,
                    sourceTable: info.name)
            }
            tableColumns[name] = columns
        }
        return Frame(
            plan: .scan(reference), columns: columns, origins: ColumnOrigins(repeating: origin, count: columns.count),
            isComplete: true)
    }

    private func checkTableColumns(_ table: String, _ columns: [String], range: ByteRange) {
        guard let info = catalog.table(named: table) else { return }
        for column in columns where info.column(named: column) == nil {
            reportUnknown(
                .unknownColumn, range, "table '\(table)' has no column '\(column)'", name: column,
                candidates: info.columns.map(\.name))
        }
    }

    /// `set={"col": value}` / `when_matched={…}` as assignments, values evaluated in the table's scope.
    private func assignmentsOf(_ node: SyntaxNode?, frame: Frame) -> [Assignment] {
        guard let node else { return [] }
        let value = evaluate(node)
        guard case .dict(let entries) = value else {
            if !value.isUnknown {
                report(.argumentTypeMismatch, node.range, "expected a dict of column: value, got \(value.kind)")
            }
            return []
        }
        var assignments: [Assignment] = []
        for entry in entries {
            guard let key = entry.key else { continue }
            if frame.isComplete && matches(ColumnReference(key), in: frame.columns).isEmpty {
                reportUnknown(
                    .unknownColumn, entry.keyRange, "unknown column '\(key)'", name: key,
                    candidates: frame.columns.map(\.name), replacementQuote: "\"")
            }
            let expression = literalExpression(entry.value, range: entry.valueRange)
            if let target = frame.columns.first(where: { $0.name == key }), case .column(let column) = entry.value,
                !comparable(target.type, column.type)
                    || (arithmeticType(target.type, column.type) == nil && target.type.isNumeric
                        && column.type == .text)
            {
                report(
                    .argumentTypeMismatch, entry.valueRange,
                    "'\(key)' is \(target.type.rawValue), but the value is \(column.type.rawValue)")
            }
            assignments.append(Assignment(key, expression.unaliased))
        }
        return assignments
    }

    func boolArgument(_ node: SyntaxNode?, default fallback: Bool) -> Bool {
        guard let node else { return fallback }
        switch evaluate(node) {
        case .scalar(.boolean(let value)): return value
        case .scalar(.integer(let value)): return value != 0
        case .unknown: return fallback
        case let other:
            report(.argumentTypeMismatch, node.range, "expected True or False, got \(other.kind)")
            return fallback
        }
    }

    // MARK: - Writers and records

    static let writerSignatures: [String: Signature] = [
        "mode": Signature(
            ["save_mode"], enumerated: ["save_mode": ["append", "overwrite", "error", "errorifexists", "ignore"]]),
        "insert_into": Signature(["table", "columns"], minimum: 1, keywords: ["overwrite"]),
        "save_as_table": Signature(
            ["name"], keywords: ["mode", "primary_key"],
            enumerated: ["mode": ["append", "overwrite", "error", "errorifexists", "ignore"]]),
        "option": Signature(["key", "value"]), "options": Signature(anyKeywords: true),
        "format": Signature(["source"]), "partition_by": Signature(["cols"], variadic: true),
        "primary_key": Signature(["cols"], variadic: true),
    ]

    func callWriterMethod(
        _ frame: Frame, mode: String?, name: String, nameRange: ByteRange, call: CallExpression, node: SyntaxNode
    )
        -> Value
    {
        let method = snakeCase(name)
        let signatures = Self.writerSignatures
        guard let signature = signatures[method] else {
            reportUnknown(
                .unknownMethod, nameRange, "DataFrameWriter has no method '\(name)' in .moltres files", name: name,
                candidates: ["mode", "insertInto", "insert_into", "save_as_table", "saveAsTable"])
            evaluateArgumentsLoosely(call)
            return .unknown
        }
        record(.method(name: method, receiver: .writer, range: nameRange))
        let arguments = bindArguments(call, signature, name: method, calleeRange: nameRange)
        switch method {
        case "mode":
            guard let node = arguments.value("save_mode", 0), let text = stringArgument(node, what: "a save mode")
            else {
                return .writer(frame, mode: mode)
            }
            return .writer(frame, mode: text.lowercased())
        case "insert_into":
            guard let tableNode = arguments.value("table", 0), let table = tableArgument(tableNode) else {
                return .unknown
            }
            var columns: [String]?
            if let node = arguments.value("columns", 1) { columns = stringList(evaluate(node)) }
            if let info = catalog.table(named: table), frame.isComplete, columns == nil,
                info.columns.count != frame.columns.count
            {
                report(
                    .invalidUse, tableNode.range,
                    "'\(table)' has \(info.columns.count) columns but the DataFrame has \(frame.columns.count); pass columns=[…]"
                )
            }
            return .mutation([.insertSelect(table: TableReference(parsing: table), columns: columns, query: frame.plan)]
            )
        case "save_as_table":
            guard let tableNode = arguments.value("name", 0),
                let table = stringArgument(tableNode, what: "a table name")
            else {
                return .unknown
            }
            var saveMode = mode ?? "error"
            if let node = arguments.named["mode"], let text = stringLiteral(node) { saveMode = text.lowercased() }
            var primaryKey: [String] = []
            if let node = arguments.named["primary_key"] { primaryKey = stringList(evaluate(node)) }
            let reference = TableReference(parsing: table)
            let insert = MutationPlan.insertSelect(
                table: reference, columns: frame.columns.map(\.name), query: frame.plan)
            if saveMode == "append" { return .mutation([insert]) }
            guard frame.isComplete, !frame.columns.isEmpty else {
                report(.invalidUse, nameRange, "save_as_table() needs the DataFrame's columns, which are unknown here")
                return .mutation([insert])
            }
            let definition = TableDefinition(
                reference,
                columns: frame.columns.map {
                    ColumnDefinition(
                        $0.name, $0.type == .unknown ? .text : $0.type, nullable: !primaryKey.contains($0.name),
                        primaryKey: primaryKey.contains($0.name))
                }, ifNotExists: saveMode == "ignore")
            var mutations: [MutationPlan] = []
            if saveMode == "overwrite" { mutations.append(.dropTable(reference, ifExists: true)) }
            mutations += [.createTable(definition), insert]
            return .mutation(mutations)
        default:
            for value in arguments.positional.nodes + arguments.named.values { _ = evaluate(value) }
            return .writer(frame, mode: mode)
        }
    }

    func callRecordsMethod(
        columns: [String], rows: [[String: Expression]], name: String, nameRange: ByteRange, call: CallExpression
    )
        -> Value
    {
        let method = snakeCase(name)
        guard method == "insert_into" else {
            reportUnknown(
                .unknownMethod, nameRange, "Records has no method '\(name)'", name: name, candidates: ["insert_into"])
            evaluateArgumentsLoosely(call)
            return .unknown
        }
        record(.method(name: method, receiver: .records, range: nameRange))
        let arguments = bindArguments(call, Signature(["table"]), name: method, calleeRange: nameRange)
        guard let tableNode = arguments.value("table", 0), let table = tableArgument(tableNode) else { return .unknown }
        checkTableColumns(table, columns, range: tableNode.range)
        return .mutation(MutationPlan.inserts(into: TableReference(parsing: table), columns: columns, rows: rows))
    }
}
