/// A column of a result set, as the database describes it.
public struct ResultColumn: Sendable, Hashable {
    /// The column's name in the result.
    public var name: String
    /// The type the database declared for it (`INTEGER`, `int8`, `text`, …), when it declares one.
    public var declaredType: String?
    /// The declared type mapped to a checker type.
    public var type: SQLType

    /// Creates a result column.
    public init(name: String, declaredType: String?, type: SQLType? = nil) {
        self.name = name
        self.declaredType = declaredType
        self.type = type ?? declaredType.map(SQLType.init(declaredTypeName:)) ?? .unknown
    }
}

/// A whole result, collected in memory.
public struct QueryResult: Sendable, Hashable {
    /// The result's columns, in order.
    public var columns: [ResultColumn]
    /// The rows, each with one value per column, stored flat (``QueryRows``); `rows[i][j]` is row `i`, column `j`.
    public var rows: QueryRows

    /// Creates a result from rows already stored flat.
    public init(columns: [ResultColumn], rows: QueryRows) {
        self.columns = columns
        self.rows = rows
    }

    /// Creates a result from an array of rows, each with one value per column.
    public init(columns: [ResultColumn], rows: [[DatabaseValue]]) {
        self.columns = columns
        self.rows = QueryRows(rows)
    }
}

/// A forward-only cursor over the rows of a running query.
///
/// Rows are produced one at a time as the database yields them; nothing holds the whole result.
/// Values of the current row are valid until the next call to ``next()``.
///
/// - Important: A cursor belongs to the connection that made it and must not outlive it
///   or be used from another thread. Start no other statement on the connection while a cursor is open;
///   ``close()`` (or dropping the cursor) ends the query early and leaves the connection ready.
public protocol RowCursor: AnyObject {
    /// The columns of the result.
    var columns: [ResultColumn] { get }
    /// Advances to the next row; returns `false` after the last row.
    func next() throws -> Bool
    /// The value of column `index` in the current row.
    func value(at index: Int) -> DatabaseValue
    /// The value of column `index` in the current row read in place (``DatabaseValueRef``: text and blobs point
    /// into the driver's memory and stay valid until the cursor moves); `.null` when there is no current row.
    func reference(at index: Int) -> DatabaseValueRef
    /// Replaces the contents of `row` with the values of the current row, one per column, reusing its storage.
    ///
    /// One call per row instead of one per value: a driver decodes the whole row in a tight loop. Call it
    /// only after ``next()`` returned `true`.
    func readRow(into row: inout [DatabaseValue])
    /// Appends the values of the current row, one per column, to `values` (a flat row store, as ``QueryRows``
    /// keeps). Call it only after ``next()`` returned `true`.
    func appendRow(to values: inout [DatabaseValue])
    /// Ends the query, discarding any rows not read.
    func close()
}

/// Cancels the statement running on a connection, from any thread.
///
/// Implemented with `sqlite3_interrupt` for SQLite and `PQcancel` for PostgreSQL.
public protocol QueryCanceller: Sendable {
    /// Asks the database to stop the statement running now; the statement fails with
    /// a ``DatabaseError`` of kind `.cancelled`. Does nothing when no statement runs.
    func cancel()
}

/// An open connection to a database.
///
/// One concrete class per database system wraps that system's C handle (`SQLiteConnection`,
/// `PostgresConnection`); this protocol is what the rest of the engine sees.
///
/// - Important: A connection is not thread-safe. Use it from one thread at a time;
///   only its ``makeCanceller()`` value may be used from another thread.
public protocol DatabaseConnection: AnyObject {
    /// Which database system this is.
    var kind: DatabaseKind { get }
    /// The URL the connection was opened with (its description hides the password).
    var url: ConnectionURL { get }
    /// Whether the connection refuses writes.
    var isReadOnly: Bool { get }

    /// Runs one statement that returns no rows (or whose rows are not wanted) and returns the
    /// number of rows it changed.
    @discardableResult
    func execute(_ sql: String, parameters: [DatabaseValue]) throws -> Int

    /// Starts a query and returns a cursor that streams its rows.
    func query(_ sql: String, parameters: [DatabaseValue]) throws -> any RowCursor

    /// Runs a query and collects all its rows (a default reads them through ``query(_:parameters:)``).
    func collect(_ sql: String, parameters: [DatabaseValue]) throws -> QueryResult

    /// Checks that `sql` compiles on this database without running it and returns its result columns.
    func describe(_ sql: String) throws -> [ResultColumn]

    /// Starts a transaction; `readOnly` makes the database refuse writes until it ends.
    func beginTransaction(readOnly: Bool) throws
    /// Commits the open transaction.
    func commit() throws
    /// Rolls the open transaction back.
    func rollback() throws
    /// Whether a transaction is open.
    var isInTransaction: Bool { get }
    /// Creates a savepoint with the given name inside the open transaction.
    func savepoint(_ name: String) throws
    /// Rolls back to a savepoint, keeping it.
    func rollback(toSavepoint name: String) throws
    /// Releases a savepoint, keeping its changes.
    func releaseSavepoint(_ name: String) throws

    /// The longest a statement may run before it fails with `.timeout`; `nil` means no limit.
    var statementTimeout: Duration? { get set }

    /// A value that cancels this connection's running statement from another thread.
    func makeCanceller() -> any QueryCanceller

    /// Reads the database's schema.
    func loadCatalog() throws -> Catalog
}

extension RowCursor {
    /// Reads the row value by value through ``value(at:)``; drivers replace it with a faster loop.
    public func readRow(into row: inout [DatabaseValue]) {
        row.removeAll(keepingCapacity: true)
        for index in columns.indices { row.append(value(at: index)) }
    }

    /// Appends the row value by value through ``value(at:)``; drivers replace it with a faster loop.
    public func appendRow(to values: inout [DatabaseValue]) {
        for index in columns.indices { values.append(value(at: index)) }
    }
}

extension DatabaseConnection {
    /// Runs a statement with no parameters.
    @discardableResult
    public func execute(_ sql: String) throws -> Int {
        try execute(sql, parameters: [])
    }

    /// Runs a query without parameters and collects all its rows.
    public func collect(_ sql: String) throws -> QueryResult {
        try collect(sql, parameters: [])
    }

    /// Runs a query and collects all its rows through a cursor.
    public func collect(_ sql: String, parameters: [DatabaseValue]) throws -> QueryResult {
        let cursor = try query(sql, parameters: parameters)
        defer { cursor.close() }
        let columns = cursor.columns
        var values: [DatabaseValue] = []
        var rowCount = 0
        while try cursor.next() {
            values.reserveRow(of: columns.count)
            cursor.appendRow(to: &values)
            rowCount += 1
        }
        return QueryResult(
            columns: columns, rows: QueryRows(values: values, columnCount: columns.count, rowCount: rowCount))
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// Inside an open transaction it uses a savepoint instead, so calls nest.
    public func transaction<Result>(readOnly: Bool = false, _ body: () throws -> Result) throws -> Result {
        if isInTransaction {
            let name = "moltres_nested_\(UInt32.random(in: 0...UInt32.max))"
            try savepoint(name)
            do {
                let result = try body()
                try releaseSavepoint(name)
                return result
            } catch {
                try? rollback(toSavepoint: name)
                try? releaseSavepoint(name)
                throw error
            }
        }
        try beginTransaction(readOnly: readOnly)
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            if isInTransaction { try? rollback() }
            throw error
        }
    }
}

/// Opens connections from URLs.
public enum Database {
    /// Opens a connection for a URL string such as `sqlite:///shop.db` or `postgresql://user@host/db`.
    public static func open(_ url: String, readOnly: Bool = false) throws -> any DatabaseConnection {
        try open(ConnectionURL(url), readOnly: readOnly)
    }

    /// Opens a connection for a parsed URL.
    public static func open(_ url: ConnectionURL, readOnly: Bool = false) throws -> any DatabaseConnection {
        switch url.kind {
        case .sqlite: return try SQLiteConnection(url: url, readOnly: readOnly)
        case .postgresql: return try PostgresConnection(url: url, readOnly: readOnly)
        }
    }
}
