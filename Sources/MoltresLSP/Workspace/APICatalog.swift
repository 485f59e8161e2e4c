import Moltres

/// One method of the Moltres API, for completion, hover and signature help.
struct APIMethod: Sendable, Hashable {
    /// The method name.
    var name: String
    /// The parameters as written in the signature (`how="inner"`, `*columns`).
    var parameters: [String]
    /// What it returns (`DataFrame`, `Column`, `int`).
    var returns: String
    /// One line of documentation.
    var documentation: String

    /// `name(p1, p2) -> returns`.
    var signature: String { "\(name)(\(parameters.joined(separator: ", "))) -> \(returns)" }

    /// A snippet that calls the method with placeholders for required positional parameters.
    var snippet: String {
        let required = parameters.filter { !$0.contains("=") && !$0.hasPrefix("*") }
        if required.isEmpty { return parameters.isEmpty ? "\(name)()" : "\(name)($0)" }
        let placeholders = required.enumerated().map { "${\($0.offset + 1):\($0.element)}" }
        return "\(name)(\(placeholders.joined(separator: ", ")))"
    }
}

/// The receivers whose methods the server knows.
enum APIReceiver: String, Sendable {
    case database = "Database"
    case dataFrame = "DataFrame"
    case groupedData = "GroupedData"
    case column = "Column"
    case transaction = "Transaction"
    case window = "Window"
    case writer = "DataFrameWriter"
    case nullFunctions = "DataFrameNaFunctions"
}

/// The methods of the Moltres API by receiver (API.md §a–c), and the enumerated keyword values.
enum APICatalog {
    /// Methods of each receiver.
    static let methods: [APIReceiver: [APIMethod]] = [
        .database: [
            m("table", ["name"], "DataFrame", "A table of the database; `.select()` it to query it."),
            m("sql", ["sql", "**params"], "DataFrame", "A DataFrame over raw SQL; `:name` parameters bind."),
            m(
                "insert", ["table_name", "rows"], "int", "Inserts rows (a list of dicts or Records) in one transaction."
            ),
            m("update", ["table_name", "where=", "set="], "int", "Updates the rows matching `where` with `set`."),
            m("delete", ["table_name", "where="], "int", "Deletes the rows matching `where`."),
            m(
                "merge", ["table_name", "rows", "on=", "when_matched=None", "when_not_matched=None"], "int",
                "Upserts rows: INSERT … ON CONFLICT (on) DO UPDATE."),
            m(
                "create_table", ["name", "columns", "if_not_exists=True", "temporary=False", "constraints=None"],
                "CreateTableOperation", "Creates a table from `column(...)` definitions."),
            m("drop_table", ["name", "if_exists=True"], "DropTableOperation", "Drops a table."),
            m(
                "create_index", ["name", "table", "columns", "unique=False", "if_not_exists=True"], "Operation",
                "Creates an index."),
            m("drop_index", ["name", "table=None", "if_exists=True"], "Operation", "Drops an index."),
            m(
                "transaction", ["savepoint=False", "readonly=False", "isolation_level=None", "timeout=None"],
                "Transaction", "A transaction for a `with` block: committed at the end, rolled back on error."),
            m("create_dataframe", ["data", "schema=None", "pk=None"], "DataFrame", "A DataFrame over literal rows."),
            m("get_table_names", ["schema=None"], "list[str]", "The names of the tables."),
            m("get_view_names", ["schema=None"], "list[str]", "The names of the views."),
            m("get_columns", ["table"], "list[ColumnInfo]", "The columns of a table."),
            m("execute_sql", ["sql", "params=None"], "QueryResult", "Runs raw SQL."),
            m("explain", ["sql", "params=None"], "str", "The database's plan for a statement."),
            m("show_tables", [], "None", "Prints the tables."),
            m("close", [], "None", "Closes the connection."),
        ],
        .dataFrame: [
            m("select", ["*columns"], "DataFrame", "Projects columns; `select()` keeps all of them."),
            m("where", ["condition"], "DataFrame", "Keeps the rows where `condition` holds (HAVING after `agg`)."),
            m("filter", ["condition"], "DataFrame", "Same as `where`."),
            m(
                "join", ["other", "on=None", "how=\"inner\"", "lateral=False", "hints=None"], "DataFrame",
                "Joins another DataFrame; `how` is inner, left, right, outer, full, cross, semi or anti."),
            m("cross_join", ["other"], "DataFrame", "The cross product with another DataFrame."),
            m("semi_join", ["other", "on=None"], "DataFrame", "The rows that have a match (EXISTS)."),
            m("anti_join", ["other", "on=None"], "DataFrame", "The rows that have no match (NOT EXISTS)."),
            m("group_by", ["*columns"], "GroupedData", "Groups rows; follow with `.agg(...)`."),
            m("groupBy", ["*columns"], "GroupedData", "Same as `group_by`."),
            m("agg", ["*aggregations"], "DataFrame", "Aggregates the whole DataFrame into one row."),
            m("order_by", ["*columns"], "DataFrame", "Sorts the rows; use `col(...).desc()` for descending."),
            m("orderBy", ["*columns"], "DataFrame", "Same as `order_by`."),
            m("sort", ["*columns"], "DataFrame", "Same as `order_by`."),
            m("limit", ["count"], "DataFrame", "Keeps the first `count` rows."),
            m("offset", ["count"], "DataFrame", "Skips the first `count` rows."),
            m("distinct", [], "DataFrame", "Removes duplicate rows."),
            m("drop_duplicates", ["subset=None"], "DataFrame", "Removes duplicate rows (over `subset`)."),
            m("with_column", ["name", "expression"], "DataFrame", "Adds or replaces a column."),
            m("withColumn", ["name", "expression"], "DataFrame", "Same as `with_column`."),
            m("with_columns", ["mapping"], "DataFrame", "Adds or replaces several columns."),
            m("with_column_renamed", ["existing", "new"], "DataFrame", "Renames a column."),
            m("drop", ["*columns"], "DataFrame", "Removes columns."),
            m("alias", ["name"], "DataFrame", "Names the DataFrame, so `col(\"name.column\")` resolves."),
            m("union", ["other"], "DataFrame", "UNION (duplicates removed)."),
            m("union_all", ["other"], "DataFrame", "UNION ALL."),
            m(
                "union_by_name", ["other", "allowMissingColumns=False"], "DataFrame",
                "UNION ALL matching columns by name; allowMissingColumns fills a missing column with NULL."),
            m("intersect", ["other"], "DataFrame", "INTERSECT."),
            m("except_", ["other"], "DataFrame", "EXCEPT."),
            m(
                "fillna", ["value", "subset=None"], "DataFrame",
                "Replaces NULLs: a value fills the columns of its type (a string the text columns, a number the "
                    + "numeric ones, a bool the boolean ones); a dict gives each column its value."),
            m("dropna", ["how=\"any\"", "subset=None"], "DataFrame", "Drops rows with NULLs."),
            m("sample", ["fraction", "seed=None"], "DataFrame", "A random sample of the rows."),
            m("explode", ["column", "alias=\"value\""], "DataFrame", "One row per array element."),
            m("pivot", ["pivot_column", "values=None"], "DataFrame", "Turns values into columns."),
            m("cte", ["name"], "DataFrame", "Makes the DataFrame a named CTE."),
            m(
                "summary", ["*statistics"], "DataFrame",
                "One row per statistic (count, mean, stddev, min, 25%, 50%, 75%, max by default) and one text column "
                    + "per numeric or text column."),
            m(
                "describe", ["*columns"], "DataFrame",
                "count, mean, min and max of each column (all numeric columns by default) in one row."),
            m("collect", ["stream=False"], "list[dict]", "Runs the query and returns its rows."),
            m("show", ["n=20", "truncate=True"], "None", "Runs the query and prints the first rows."),
            m("count", [], "int", "Runs `count(*)` over the query."),
            m("first", [], "dict | None", "Runs the query with LIMIT 1."),
            m("head", ["n=5"], "list[dict]", "Runs the query with LIMIT n."),
            m("take", ["num"], "list[dict]", "Runs the query with LIMIT num."),
            m("tail", ["n=5"], "list[dict]", "The last n rows."),
            m("to_sql", [], "str", "The SQL of the query."),
            m("show_sql", [], "None", "Prints the SQL of the query."),
            m("explain", [], "str", "The database's plan for the query."),
            m("print_schema", [], "None", "Prints the columns and their types."),
        ],
        .groupedData: [
            m(
                "agg", ["*aggregations"], "DataFrame",
                "Aggregates each group: `agg(F.sum(col(\"x\")).alias(\"total\"))`."),
            m("count", [], "DataFrame", "The number of rows per group."),
            m("sum", ["*columns"], "DataFrame", "The sum of columns per group."),
            m("avg", ["*columns"], "DataFrame", "The average of columns per group."),
            m("min", ["*columns"], "DataFrame", "The minimum of columns per group."),
            m("max", ["*columns"], "DataFrame", "The maximum of columns per group."),
            m("pivot", ["pivot_column", "values=None"], "GroupedData", "Pivots a column into columns."),
        ],
        .column: [
            m("alias", ["name"], "Column", "Names the column in the output."),
            m("cast", ["type_name", "precision=None", "scale=None"], "Column", "CAST(x AS type)."),
            m("is_null", [], "Column", "x IS NULL."),
            m("is_not_null", [], "Column", "x IS NOT NULL."),
            m("isin", ["values"], "Column", "x IN (…) for a list or a DataFrame."),
            m("between", ["lower", "upper"], "Column", "x BETWEEN lower AND upper (inclusive)."),
            m("like", ["pattern"], "Column", "x LIKE pattern."),
            m("ilike", ["pattern"], "Column", "Case-insensitive LIKE."),
            m("startswith", ["prefix"], "Column", "x LIKE 'prefix%' (escaped)."),
            m("endswith", ["suffix"], "Column", "x LIKE '%suffix' (escaped)."),
            m("contains", ["text"], "Column", "x LIKE '%text%' (escaped)."),
            m("asc", [], "Column", "Ascending sort (in `order_by`)."),
            m("desc", [], "Column", "Descending sort (in `order_by`)."),
            m(
                "over", ["partition_by=None", "order_by=None", "rows_between=None", "range_between=None"], "Column",
                "Makes an aggregate or window function a window: OVER (PARTITION BY … ORDER BY …)."),
            m("filter", ["condition"], "Column", "An aggregate over the rows where `condition` holds."),
            m("otherwise", ["value"], "Column", "The ELSE of a `when(...)` chain."),
            m("when", ["condition", "value"], "Column", "Another WHEN of a `when(...)` chain."),
        ],
        .writer: [
            m(
                "mode", ["save_mode"], "DataFrameWriter",
                "What to do when the table exists: \"overwrite\", \"append\", …"),
            m(
                "save_as_table", ["name", "primary_key=None"], "None",
                "Creates the table and fills it: CREATE TABLE, then INSERT INTO … SELECT."),
            m("saveAsTable", ["name", "primary_key=None"], "None", "Alias of `save_as_table`."),
            m("insert_into", ["table_name"], "None", "Inserts the rows into an existing table."),
            m("insertInto", ["table_name"], "None", "Alias of `insert_into`."),
        ],
        .nullFunctions: [
            m("fill", ["value", "subset=None"], "DataFrame", "Replaces NULLs (as `fillna`)."),
            m("drop", ["how=\"any\"", "subset=None"], "DataFrame", "Drops rows with NULLs (as `dropna`)."),
        ],
        .transaction: [
            m("commit", [], "None", "Commits now."),
            m("rollback", [], "None", "Rolls back now."),
            m("savepoint", ["name=None"], "str", "Creates a savepoint."),
            m("rollback_to_savepoint", ["name"], "None", "Rolls back to a savepoint."),
            m("release_savepoint", ["name"], "None", "Releases a savepoint."),
        ],
        .window: [
            m("partitionBy", ["*columns"], "Window", "PARTITION BY."),
            m("orderBy", ["*columns"], "Window", "ORDER BY inside the window."),
            m("rowsBetween", ["start", "end"], "Window", "ROWS BETWEEN start AND end."),
        ],
    ]

    /// Keyword arguments whose values are a fixed set of strings.
    static let enumeratedValues: [String: [String]] = [
        "how": ["inner", "left", "right", "outer", "full", "cross", "semi", "anti"]
    ]

    /// Window frames for `rows_between=` / `range_between=`: the tuple and what it means.
    static let frameValues: [(String, String)] = [
        ("(None, 0)", "UNBOUNDED PRECEDING AND CURRENT ROW (a running total)"),
        ("(None, None)", "UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING (the whole partition)"),
        ("(0, None)", "CURRENT ROW AND UNBOUNDED FOLLOWING"),
        ("(-1, 1)", "1 PRECEDING AND 1 FOLLOWING"),
        ("(-6, 0)", "6 PRECEDING AND CURRENT ROW (a moving window of 7 rows)"),
    ]

    /// A method by receiver and name.
    static func method(_ name: String, of receiver: APIReceiver) -> APIMethod? {
        methods[receiver]?.first { $0.name == name }
    }

    /// Any receiver's method of that name (for hover and signature help where the receiver is unknown).
    static func anyMethod(_ name: String) -> (APIReceiver, APIMethod)? {
        for receiver in [
            APIReceiver.dataFrame, .database, .groupedData, .column, .transaction, .window, .writer, .nullFunctions,
        ] {
            if let method = method(name, of: receiver) { return (receiver, method) }
        }
        return nil
    }

    /// The signature of a builtin function: `sum(col) -> same type as col`.
    static func signature(of function: BuiltinFunction) -> String {
        var parameters = function.parameters
        if function.maximumArguments == nil, let last = parameters.popLast() { parameters.append("*" + last) }
        for index in parameters.indices where index >= function.minimumArguments && !parameters[index].hasPrefix("*") {
            parameters[index] += "=None"
        }
        return "F.\(function.name)(\(parameters.joined(separator: ", "))) -> \(describe(function.returnType, function))"
    }

    /// A snippet calling a builtin function with placeholders for its required parameters.
    static func snippet(of function: BuiltinFunction) -> String {
        let required = function.parameters.prefix(max(function.minimumArguments, 0))
        if required.isEmpty { return function.parameters.isEmpty ? "\(function.name)()" : "\(function.name)($0)" }
        let placeholders = required.enumerated().map { "${\($0.offset + 1):\($0.element)}" }
        return "\(function.name)(\(placeholders.joined(separator: ", ")))"
    }

    /// Documentation for a builtin function.
    static func documentation(of function: BuiltinFunction) -> String {
        var text = "\(function.category.rawValue.capitalized) function"
        switch function.kind {
        case .aggregate: text += " (aggregate; also usable with `.over(...)`)"
        case .window: text += " (window: use with `.over(...)`)"
        case .scalar, .special: break
        }
        if !function.aliases.isEmpty { text += ". Also: " + function.aliases.joined(separator: ", ") }
        return text + "."
    }

    private static func describe(_ type: BuiltinFunction.ReturnType, _ function: BuiltinFunction) -> String {
        switch type {
        case .fixed(let type): return type.rawValue
        case .argument(let index):
            return "type of \(function.parameters.indices.contains(index) ? function.parameters[index] : "argument")"
        case .widenedArguments: return "widest numeric argument type"
        case .fractionalOf: return "real"
        case .unknown: return "unknown"
        }
    }

    private static func m(
        _ name: String, _ parameters: [String], _ returns: String, _ documentation: String
    ) -> APIMethod {
        APIMethod(name: name, parameters: parameters, returns: returns, documentation: documentation)
    }
}
