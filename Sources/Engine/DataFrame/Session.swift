import Foundation

/// A connected database as the DataFrame API sees it: the `db` of `db.table("orders")`.
///
/// It owns one connection, knows its dialect, caches the catalog, builds DataFrames and runs CRUD and DDL.
/// Every mutation runs in one transaction (a savepoint inside ``transaction(_:)``), so a failure leaves nothing.
///
/// ```swift
/// let db = try Database.connect("sqlite:///:memory:")
/// try db.createTable("t", columns: [column("id", "INTEGER", primaryKey: true), column("name", "TEXT")])
/// try db.insert("t", rows: [["id": 1, "name": "a"]])
/// let rows = try db.table("t").where(col("id") == 1).collect()
/// ```
///
/// - Important: A session serializes its use of the connection with a lock; a ``DataFrame/stream(_:)`` body must
///   not run other statements on the same session.
public final class Session: @unchecked Sendable {
    /// The connection.
    public let connection: any DatabaseConnection
    /// The same connection when it is SQLite, so reads call the driver directly (no witness call per row).
    private let sqlite: SQLiteConnection?
    /// The dialect SQL is generated for.
    public let dialect: any Dialect
    private let lock = RecursiveMutex()
    private var cachedCatalog: Catalog?

    /// Wraps an open connection, choosing the dialect from its kind and registering the dialect's custom functions.
    public init(connection: any DatabaseConnection) throws {
        self.connection = connection
        self.sqlite = connection as? SQLiteConnection
        switch connection.kind {
        case .sqlite: dialect = SQLiteDialect()
        case .postgresql: dialect = PostgresDialect()
        }
        try Self.registerCustomFunctions(of: dialect, on: connection)
    }

    /// Opens a connection from a URL (`sqlite:///shop.db`, `sqlite:///:memory:`, `postgresql://…`).
    public static func connect(_ url: String, readOnly: Bool = false) throws -> Session {
        try Session(connection: Database.open(url, readOnly: readOnly))
    }

    private static func registerCustomFunctions(of dialect: any Dialect, on connection: any DatabaseConnection) throws {
        guard let sqlite = connection as? SQLiteConnection else { return }
        try sqlite.registerStatistics()
        for function in dialect.customFunctions {
            try sqlite.registerFunction(
                name: function.name, argumentCount: function.argumentCount, deterministic: function.deterministic,
                function.implementation)
        }
    }

    private func locked<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// The database's schema, read once and cached; `refresh` reads it again.
    public func catalog(refresh: Bool = false) throws -> Catalog {
        try locked {
            if !refresh, let cachedCatalog { return cachedCatalog }
            let catalog = try connection.loadCatalog()
            cachedCatalog = catalog
            return catalog
        }
    }

    /// The output columns of a plan against this database's schema.
    func schema(of plan: LogicalPlan) throws -> [PlanColumn] {
        try generateSQL(for: plan, dialect: dialect, catalog: catalog()).resultColumns
    }

    // MARK: - Sources

    /// A table or view (`db.table("orders")`); chain transforms directly.
    public func table(_ name: String) -> DataFrame {
        DataFrame(.scan(TableReference(parsing: name)), session: self)
    }

    /// A query in the database's own SQL with `:name` parameters, usable as a source.
    public func sql(_ text: String, _ parameters: [String: DatabaseValue] = [:]) -> DataFrame {
        DataFrame(.rawSQL(RawSQL(text, parameters: parameters)), session: self)
    }

    /// Literal rows as a DataFrame (`VALUES`).
    public func createDataFrame(_ rows: [[DatabaseValue]], columns: [String]) -> DataFrame {
        DataFrame(.values(columns: columns, rows: rows.map { $0.map { Expression.literal($0) } }), session: self)
    }

    // MARK: - Running

    func collect(_ statement: SQLStatement, booleanColumns: [Int]? = nil) throws -> QueryResult {
        try collect(
            statement.text, parameters: statement.parameters,
            booleanColumns: booleanColumns ?? statement.integerBooleanColumns(on: connection.kind))
    }

    /// Runs `sql` with `parameters` and collects its rows, reading the `booleanColumns` integers as booleans.
    ///
    /// The SQL text and the values are passed apart, so a ``PreparedQuery`` runs with new values without copying
    /// its ``SQLStatement`` (a copy retains and releases each of its fields: about 170 instructions a query).
    func collect(_ sql: String, parameters: [DatabaseValue], booleanColumns: [Int]) throws -> QueryResult {
        var result = try collect(sql, parameters: parameters)
        if !booleanColumns.isEmpty { result.rows.decodeBooleans(inColumns: booleanColumns) }
        return result
    }

    func collect(_ sql: String, parameters: [DatabaseValue]) throws -> QueryResult {
        try locked {
            if let sqlite { return try sqlite.collect(sql, parameters: parameters) }
            return try connection.collect(sql, parameters: parameters)
        }
    }

    /// ``collect(_:parameters:booleanColumns:)`` with the parameters lent as a buffer: a ``PreparedQuery`` passes
    /// its caller's array this way, so an array literal of parameters (`byID.collect([.integer(id)])`) does not
    /// escape and the compiler can keep it on the stack instead of allocating it for every query.
    @usableFromInline
    func collect(
        _ sql: String, parameterBuffer parameters: UnsafeBufferPointer<DatabaseValue>, booleanColumns: [Int]
    ) throws -> QueryResult {
        var result = try locked {
            if let sqlite { return try sqlite.collect(sql, boundTo: parameters) }
            return try connection.collect(sql, parameters: Array(parameters))
        }
        if !booleanColumns.isEmpty { result.rows.decodeBooleans(inColumns: booleanColumns) }
        return result
    }

    func stream(
        _ statement: SQLStatement, booleanColumns: [Int]? = nil, _ body: ([DatabaseValue]) throws -> Void
    ) throws {
        try stream(
            statement.text, parameters: statement.parameters,
            booleanColumns: booleanColumns ?? statement.integerBooleanColumns(on: connection.kind), body)
    }

    /// Runs `sql` with `parameters` and calls `body` with each row in one reused array (the `booleanColumns`
    /// integers read as booleans).
    func stream(
        _ sql: String, parameters: [DatabaseValue], booleanColumns: [Int], _ body: ([DatabaseValue]) throws -> Void
    ) throws {
        try locked {
            if let sqlite {
                try Self.stream(sqlite.cursor(sql, parameters: parameters), booleans: booleanColumns, body)
            } else {
                let cursor = try connection.query(sql, parameters: parameters)
                // Specialized for PostgreSQL's cursor too: its `next` and `readRow` become direct calls.
                if let postgres = cursor as? PostgresCursor {
                    try Self.stream(postgres, body)
                } else {
                    try Self.stream(cursor, body)
                }
            }
        }
    }

    /// Runs `statement` and calls `body` with each row read in place (see ``RowView``).
    func forEachRow(
        _ statement: SQLStatement, booleanColumns: [Int]? = nil, _ body: (RowView) throws -> Void
    ) throws {
        try forEachRow(
            statement.text, parameters: statement.parameters,
            booleanColumns: booleanColumns ?? statement.integerBooleanColumns(on: connection.kind), body)
    }

    /// Runs `sql` with `parameters` and calls `body` with each row read in place (see ``RowView``).
    func forEachRow(
        _ sql: String, parameters: [DatabaseValue], booleanColumns: [Int], _ body: (RowView) throws -> Void
    ) throws {
        try locked {
            let cursor: any RowCursor
            let booleans: [Int]
            if let sqlite {
                cursor = try sqlite.cursor(sql, parameters: parameters)
                booleans = booleanColumns
            } else {
                cursor = try connection.query(sql, parameters: parameters)
                booleans = []
            }
            defer { cursor.close() }
            let row = RowView(cursor, booleans: booleans)
            while try cursor.next() { try body(row) }
        }
    }

    /// Steps `cursor` to the end, handing each row to `body` in one reused array (the `booleans` columns read as
    /// booleans in place); specialized for the SQLite and PostgreSQL cursors, so `next` and `readRow` are direct
    /// calls.
    private static func stream<Cursor: RowCursor>(
        _ cursor: Cursor, booleans: [Int] = [], _ body: ([DatabaseValue]) throws -> Void
    ) throws {
        defer { cursor.close() }
        var row: [DatabaseValue] = []
        row.reserveCapacity(cursor.columns.count)
        if booleans.isEmpty {
            while try cursor.next() {
                cursor.readRow(into: &row)
                try body(row)
            }
            return
        }
        while try cursor.next() {
            cursor.readRow(into: &row)
            for column in booleans { row[column].decodeBoolean() }
            try body(row)
        }
    }

    /// Runs a mutation atomically and returns the number of rows it changed.
    @discardableResult
    public func run(_ mutation: MutationPlan) throws -> Int { try run([mutation]) }

    /// Runs mutations in order in one transaction and returns the number of rows they changed.
    @discardableResult
    public func run(_ mutations: [MutationPlan]) throws -> Int {
        try locked {
            let catalog = (try? catalog()) ?? .empty
            let statements = try mutations.flatMap { try generateSQL(for: $0, dialect: dialect, catalog: catalog) }
            let changed = try connection.transaction {
                try statements.reduce(0) { $0 + (try connection.execute($1.text, parameters: $1.parameters)) }
            }
            if mutations.contains(where: \.changesCatalog) { cachedCatalog = nil }
            return changed
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// Calls nest as savepoints.
    @discardableResult
    public func transaction<Result>(readOnly: Bool = false, _ body: (Session) throws -> Result) throws -> Result {
        try locked { try connection.transaction(readOnly: readOnly) { try body(self) } }
    }

    // MARK: - CRUD

    private func orderedColumns(of table: String, keys: Set<String>) -> [String] {
        let known = (try? catalog().table(named: table))?.columns.map(\.name) ?? []
        let ordered = known.filter { keys.contains($0) }
        return ordered + keys.subtracting(ordered).sorted()
    }

    /// Inserts rows given as column → value maps, in batches within the dialect's parameter limit, atomically.
    /// A key a row lacks takes the column's `DEFAULT` (write `.null` for `NULL`). Returns the number of rows
    /// inserted.
    @discardableResult
    public func insert(_ table: String, rows: [[String: DatabaseValue]]) throws -> Int {
        guard !rows.isEmpty else { return 0 }
        let columns = orderedColumns(of: table, keys: Set(rows.flatMap(\.keys)))
        return try run(
            MutationPlan.inserts(
                into: TableReference(parsing: table), columns: columns,
                rows: rows.map { $0.mapValues { Expression.literal($0) } }))
    }

    /// Inserts rows given as value lists in `columns` order.
    @discardableResult
    public func insert(_ table: String, columns: [String], rows: [[DatabaseValue]]) throws -> Int {
        guard !rows.isEmpty else { return 0 }
        return try run(
            .insert(
                table: TableReference(parsing: table), columns: columns,
                rows: rows.map { $0.map { Expression.literal($0) } }))
    }

    /// Updates the rows where `condition` holds; values may be literals or column expressions
    /// (`["price": col("price") * 2]`).
    @discardableResult
    public func update(
        _ table: String, where condition: Column, set values: [String: any ColumnConvertible]
    ) throws
        -> Int
    {
        let assignments = values.keys.sorted().map { Assignment($0, values[$0]!.columnExpression) }
        return try run(
            .update(table: TableReference(parsing: table), assignments: assignments, where: condition.expression))
    }

    /// Deletes the rows where `condition` holds.
    @discardableResult
    public func delete(_ table: String, where condition: Column) throws -> Int {
        try run(.delete(table: TableReference(parsing: table), where: condition.expression))
    }

    /// Inserts rows, updating the existing row when the `on` key columns conflict (`whenMatched`: values or
    /// expressions, `excluded("c")` for the proposed value) or keeping it when `whenMatched` is `nil`.
    @discardableResult
    public func merge(
        _ table: String, rows: [[String: DatabaseValue]], on keys: [String],
        whenMatched: [String: any ColumnConvertible]? = nil
    ) throws -> Int {
        guard !rows.isEmpty else { return 0 }
        let columns = orderedColumns(of: table, keys: Set(rows.flatMap(\.keys)))
        let action: Upsert.Action
        if let whenMatched {
            action = .update(whenMatched.keys.sorted().map { Assignment($0, whenMatched[$0]!.columnExpression) })
        } else {
            action = .doNothing
        }
        // A key a row lacks takes the column's default, as in insert.
        let groups = MutationPlan.rowGroups(
            columns: columns, rows: rows.map { $0.mapValues { Expression.literal($0) } })
        return try run(
            groups.map {
                .upsert(
                    Upsert(
                        table: TableReference(parsing: table), columns: $0.columns, rows: $0.rows,
                        conflictColumns: keys, action: action))
            })
    }

    /// Creates a table (`IF NOT EXISTS` by default).
    public func createTable(
        _ name: String, columns: [ColumnDefinition], constraints: [TableConstraint] = [], ifNotExists: Bool = true,
        temporary: Bool = false
    ) throws {
        try run(
            .createTable(
                TableDefinition(
                    TableReference(parsing: name), columns: columns, constraints: constraints, ifNotExists: ifNotExists,
                    temporary: temporary)))
    }

    /// Drops a table (`IF EXISTS` by default).
    public func dropTable(_ name: String, ifExists: Bool = true) throws {
        try run(.dropTable(TableReference(parsing: name), ifExists: ifExists))
    }

    /// Creates an index.
    public func createIndex(
        _ name: String, table: String, columns: [String], unique: Bool = false, ifNotExists: Bool = true
    ) throws {
        try run(
            .createIndex(
                IndexDefinition(
                    name: name, table: TableReference(parsing: table), columns: columns, unique: unique,
                    ifNotExists: ifNotExists)))
    }

    /// Drops an index.
    public func dropIndex(_ name: String, ifExists: Bool = true) throws {
        try run(.dropIndex(name: name, ifExists: ifExists))
    }
}

extension Database {
    /// Connects the DataFrame API to a database: `let db = try Database.connect("sqlite:///shop.db")`.
    public static func connect(_ url: String, readOnly: Bool = false) throws -> Session {
        try Session.connect(url, readOnly: readOnly)
    }
}

extension TableReference {
    /// Parses `"schema.table"` or `"table"`.
    public init(parsing text: String) {
        guard text.containsASCII(UInt8(ascii: ".")) else {
            self.init(text)
            return
        }
        if let dot = text.firstIndex(of: "."), dot != text.startIndex, text.index(after: dot) != text.endIndex {
            self.init(String(text[text.index(after: dot)...]), schema: String(text[..<dot]))
        } else {
            self.init(text)
        }
    }
}

/// A column definition for ``Session/createTable(_:columns:constraints:ifNotExists:temporary:)``, as
/// `column(name, type_name, nullable, default, primary_key, precision, scale)` in the API.
public func column(
    _ name: String, _ typeName: String, nullable: Bool = true, default defaultValue: DatabaseValue? = nil,
    primaryKey: Bool = false, precision: Int? = nil, scale: Int? = nil, unique: Bool = false
) -> ColumnDefinition {
    ColumnDefinition(
        name, typeName: typeName, precision: precision, scale: scale, nullable: nullable && !primaryKey,
        default: defaultValue, primaryKey: primaryKey, unique: unique)
}

/// The proposed value of a column in ``Session/merge(_:rows:on:whenMatched:)`` (`excluded.column`).
public func excluded(_ name: String) -> Column { Column(.column(ColumnReference(name, qualifier: "excluded"))) }

/// A recursive mutex on `pthread_mutex_t` directly, for the session's lock (a transaction body runs statements
/// on the session it holds). A lock and unlock pair costs about 75 instructions on Linux, `NSRecursiveLock`'s
/// about 95 (its class methods around the same pthread calls).
private final class RecursiveMutex: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() {
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_RECURSIVE))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always)
    func lock() { pthread_mutex_lock(mutex) }

    @inline(__always)
    func unlock() { pthread_mutex_unlock(mutex) }
}
