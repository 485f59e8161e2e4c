import CSQLite
import Foundation

/// A connection to a SQLite database over libsqlite3: it owns one `sqlite3*` and closes it in `deinit`.
///
/// Open it from a URL (`sqlite:///shop.db`, `sqlite:///:memory:`, `sqlite:///shop.db?mode=ro&timeout=10`):
///
/// ```swift
/// let connection = try SQLiteConnection(url: ConnectionURL("sqlite:///shop.db"))
/// try connection.execute("INSERT INTO item(name) VALUES (?)", parameters: ["pen"])
/// let result = try connection.collect("SELECT id, name FROM item")
/// ```
///
/// Every connection has extended result codes and `PRAGMA foreign_keys` on, a busy timeout (5 s unless the URL's
/// `timeout` option says otherwise) and a bounded cache of prepared statements keyed by SQL text.
///
/// Values: integers, reals, text and blobs travel as they are; booleans are stored as 0 and 1 and read back
/// as `.boolean` from columns declared `BOOLEAN` or `BOOL`.
/// SQLite has no NaN: a NaN bound as a parameter or produced by an expression is stored and read back as `NULL`
/// (https://www.sqlite.org/floatingpoint.html); infinities round-trip.
///
/// - Important: A connection is not thread-safe; use it from one thread at a time.
///   Only the value from ``makeCanceller()`` may be used from other threads.
public final class SQLiteConnection: DatabaseConnection {
    /// The URL the connection was opened with.
    public let url: ConnectionURL
    /// Whether the database refuses writes (opened read-only, or the file is not writable).
    public let isReadOnly: Bool
    /// The `sqlite3*` this object owns.
    let handle: OpaquePointer
    /// The prepared statements kept for reuse (internal so tests can look at it).
    let statementCache: SQLiteStatementCache
    private let canceller: SQLiteCanceller
    private let progress = SQLiteProgressState()
    /// Set while a read-only transaction has switched `PRAGMA query_only` on; cleared when it is switched off.
    ///
    /// Read before every statement; a connection is used from one thread at a time and no access to it overlaps
    /// another, so this and ``statementTimeout`` are exempt from dynamic exclusivity checks.
    @exclusivity(unchecked) var queryOnlyNeedsRestore = false

    /// How many prepared statements a connection keeps.
    public static let statementCacheCapacity = 64
    /// The busy timeout when the URL gives none.
    public static let defaultBusyTimeout: Duration = .seconds(5)

    /// Always `.sqlite`.
    public var kind: DatabaseKind { .sqlite }

    /// Opens the database a `sqlite:` URL names.
    ///
    /// `readOnly: true` or the URL option `mode=ro` opens it with `SQLITE_OPEN_READONLY` (a missing file is an error);
    /// `mode=rw` opens an existing file read-write; otherwise (`mode=rwc`, the default) the file is created
    /// when missing. `timeout=seconds` sets the busy timeout.
    ///
    /// Throws a `.connection` error naming the path when the file cannot be opened or is not a database,
    /// and `.invalidURL` for a URL that is not a SQLite URL or has a malformed option.
    public init(url: ConnectionURL, readOnly: Bool = false) throws {
        guard url.kind == .sqlite else {
            throw DatabaseError(kind: .invalidURL, message: "'\(url)' is not a SQLite URL")
        }
        let path: String
        switch url.sqliteLocation ?? .memory {
        case .memory: path = ":memory:"
        case .file(let file): path = file
        }
        let mode = url.option("mode")?.lowercased() ?? (readOnly ? "ro" : "rwc")
        var flags = SQLITE_OPEN_NOMUTEX
        switch readOnly ? "ro" : mode {
        case "ro": flags |= SQLITE_OPEN_READONLY
        case "rw": flags |= SQLITE_OPEN_READWRITE
        case "rwc": flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        default:
            throw DatabaseError(kind: .invalidURL, message: "SQLite option mode='\(mode)' is not one of ro, rw, rwc")
        }
        var busyTimeout = Self.defaultBusyTimeout
        if let text = url.option("timeout") {
            guard let seconds = Double(text), seconds >= 0, seconds.isFinite else {
                throw DatabaseError(
                    kind: .invalidURL, message: "SQLite option timeout='\(text)' is not a number of seconds")
            }
            busyTimeout = .milliseconds(Int64(seconds * 1000))
        }

        var database: OpaquePointer?
        let code = sqlite3_open_v2(path, &database, flags, nil)
        guard let database else {
            throw DatabaseError(
                kind: .connection, message: "cannot open SQLite database '\(path)': out of memory", sqliteCode: code)
        }
        // `sqlite3_open_v2` returns a handle even when it fails; it must be closed
        // (https://www.sqlite.org/c3ref/open.html).
        guard code == SQLITE_OK else {
            let error = Self.openError(
                code: sqlite3_extended_errcode(database), database: database, path: path, flags: flags)
            sqlite3_close_v2(database)
            throw error
        }
        sqlite3_extended_result_codes(database, 1)
        let milliseconds =
            busyTimeout.components.seconds * 1000 + busyTimeout.components.attoseconds / 1_000_000_000_000_000
        sqlite3_busy_timeout(database, Int32(clamping: milliseconds))
        // Reading the schema version touches the file header, so a directory or a file that is not a database
        // fails here, at open, rather than at the first query.
        for setup in ["PRAGMA schema_version", "PRAGMA foreign_keys = ON"] {
            let setupCode = sqlite3_exec(database, setup, nil, nil, nil)
            guard setupCode == SQLITE_OK else {
                let error = Self.openError(
                    code: sqlite3_extended_errcode(database), database: database, path: path, flags: flags)
                sqlite3_close_v2(database)
                throw error
            }
        }
        self.url = url
        self.handle = database
        self.isReadOnly = sqlite3_db_readonly(database, "main") == 1
        self.statementCache = SQLiteStatementCache(capacity: Self.statementCacheCapacity)
        self.canceller = SQLiteCanceller(handle: database)
    }

    /// Opens a URL string such as `sqlite:///shop.db`.
    public convenience init(_ url: String, readOnly: Bool = false) throws {
        try self.init(url: ConnectionURL(url), readOnly: readOnly)
    }

    private static func openError(code: Int32, database: OpaquePointer, path: String, flags: Int32) -> DatabaseError {
        let sqliteMessage =
            sqlite3_errmsg(database).map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        var message = "cannot open SQLite database '\(path)': \(sqliteMessage)"
        var isDirectory: ObjCBool = false
        if path != ":memory:" {
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                if flags & SQLITE_OPEN_CREATE == 0 {
                    message += " (the file does not exist, and read-only or mode=rw connections do not create it)"
                } else {
                    message += " (the file does not exist and could not be created)"
                }
            } else if isDirectory.boolValue {
                message += " (the path is a directory)"
            }
        }
        return DatabaseError(kind: .connection, message: message, sqliteCode: code)
    }

    deinit {
        canceller.invalidate()
        statementCache.removeAll()
        // `sqlite3_close_v2` defers the close until any statement still alive is finalized
        // (https://www.sqlite.org/c3ref/close.html).
        sqlite3_close_v2(handle)
    }

    // MARK: Running statements

    /// Runs one statement and returns how many rows it inserted, updated or deleted (0 for other statements).
    ///
    /// SQL text holding several statements runs as a script when there are no parameters
    /// (see ``executeScript(_:)``); with parameters it is a `.misuse` error.
    @discardableResult
    public func execute(_ sql: String, parameters: [DatabaseValue]) throws -> Int {
        let statement = try checkOut(sql)
        if statement.hasTrailingStatements {
            finish(statement)
            guard parameters.isEmpty else {
                throw DatabaseError(
                    kind: .misuse, message: "parameters can only be bound to a single statement, not a script",
                    sql: sql)
            }
            return try executeScript(sql)
        }
        defer { finish(statement) }
        try statement.bind(parameters)
        let totalBefore = sqlite3_total_changes64(handle)
        while true {
            let code = sqlite3_step(statement.handle)
            if code == SQLITE_ROW { continue }
            if code == SQLITE_DONE { break }
            throw error(code: code, sql: sql)
        }
        // `sqlite3_changes64` keeps the count of the last INSERT, UPDATE or DELETE, so it only applies
        // when this statement changed something.
        return sqlite3_total_changes64(handle) == totalBefore ? 0 : Int(sqlite3_changes64(handle))
    }

    /// Runs every statement of a script (no parameters) in order and returns the total number of changed rows.
    ///
    /// Useful for seeding a database: `try connection.executeScript("CREATE TABLE t(x); INSERT INTO t VALUES (1);")`.
    /// Stops at the first failing statement; statements before it stay done.
    @discardableResult
    public func executeScript(_ sql: String) throws -> Int {
        beginStatement()
        let totalBefore = sqlite3_total_changes64(handle)
        var text = sql
        try text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            var position = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            let end = position + utf8.count
            while position < end {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, position, Int32(end - position), &statement, &tail)
                guard code == SQLITE_OK else {
                    throw error(
                        code: code,
                        sql: String(
                            decoding: UnsafeRawBufferPointer(start: position, count: end - position), as: UTF8.self))
                }
                let next = tail ?? end
                guard let statement else {
                    if next <= position { break }
                    position = next
                    continue
                }
                defer { sqlite3_finalize(statement) }
                while true {
                    let stepCode = sqlite3_step(statement)
                    if stepCode == SQLITE_ROW { continue }
                    if stepCode == SQLITE_DONE { break }
                    let statementText = String(
                        decoding: UnsafeRawBufferPointer(start: position, count: next - position), as: UTF8.self)
                    throw error(code: stepCode, sql: statementText.trimmingCharacters(in: .whitespacesAndNewlines))
                }
                position = next
            }
        }
        return Int(sqlite3_total_changes64(handle) - totalBefore)
    }

    /// Starts a query and returns a cursor that streams its rows.
    public func query(_ sql: String, parameters: [DatabaseValue]) throws -> any RowCursor {
        try cursor(sql, parameters: parameters)
    }

    /// Starts a query and returns the concrete cursor (avoids the existential on hot paths).
    public func cursor(_ sql: String, parameters: [DatabaseValue] = []) throws -> SQLiteCursor {
        let statement = try checkOut(sql)
        do {
            guard !statement.hasTrailingStatements else {
                throw DatabaseError(
                    kind: .misuse, message: "a query must be a single statement; use executeScript for scripts",
                    sql: sql)
            }
            try statement.bind(parameters)
        } catch {
            finish(statement)
            throw error
        }
        // The cursor gives the statement back itself, also when its first step fails.
        return try SQLiteCursor(connection: self, statement: statement)
    }

    /// Runs a query and collects all its rows, stepping the statement directly: no cursor object, which matters
    /// for point queries run many times.
    public func collect(_ sql: String, parameters: [DatabaseValue]) throws -> QueryResult {
        try collect(sql, boundTo: parameters)
    }

    /// ``collect(_:parameters:)`` with the parameters in any collection (a buffer a ``PreparedQuery`` lends).
    func collect<Values: Collection<DatabaseValue>>(_ sql: String, boundTo parameters: Values) throws -> QueryResult {
        let statement = try checkOut(sql)
        defer { finish(statement) }
        guard !statement.hasTrailingStatements else {
            throw DatabaseError(
                kind: .misuse, message: "a query must be a single statement; use executeScript for scripts", sql: sql)
        }
        try statement.bind(parameters)
        var code = sqlite3_step(statement.handle)
        // SQLite re-prepares inside the first step after a schema change; the columns are read after it.
        statement.refreshColumnsIfReprepared()
        let columns = statement.columns
        let count = columns.count
        // Every value of every row goes into one flat array (``QueryRows``): one allocation for a point query,
        // and amortised growth instead of one array per row for large results. (`Array(unsafeUninitializedCapacity:)`
        // for the first row cost more: the unspecialized buffer allocation looks up the storage type's metadata.)
        var values: [DatabaseValue] = []
        var rowCount = 0
        // A query run again (a prepared point query) writes its row over the one it returned last time when the
        // caller has let go of that result: no array to allocate and free, and a long text cell goes into the
        // storage of the string its slot held. A result the caller still holds is never touched.
        var recyclable = false
        if code == SQLITE_ROW, statement.recycledRow.count == count, count > 0 {
            values = statement.recycledRow
            statement.recycledRow = []
            if values.isUniquelyReferenced() {
                recyclable = readRecycledRow(of: statement, into: &values)
                rowCount = 1
                code = sqlite3_step(statement.handle)
            } else {
                values = []
            }
        }
        let smallASCII = statement.smallASCII
        while code == SQLITE_ROW {
            values.reserveRow(of: count)
            // Asked only when there is a column: an index out of range sets the connection's error code.
            let first = count > 0 ? sqlite3_column_value(statement.handle, 0) : nil
            for index in 0..<count {
                if let value = statement.resultValue(index, first: first) {
                    values.append(
                        DatabaseValue(
                            sqliteValue: value, isBoolean: statement.isBooleanColumn(index), smallASCII: smallASCII))
                } else {
                    values.append(.null)
                }
            }
            rowCount += 1
            code = sqlite3_step(statement.handle)
        }
        guard code == SQLITE_DONE else { throw error(code: code, sql: sql) }
        if rowCount == 1 && (recyclable || count <= SQLiteStatement.recycledRowLimit && isRecyclable(values)) {
            statement.recycledRow = values
        }
        return QueryResult(columns: columns, rows: QueryRows(unchecked: values, columnCount: count, rowCount: rowCount))
    }

    /// Writes the current row over `values` (one row, held by nothing else); whether it may be kept for the next run.
    private func readRecycledRow(of statement: SQLiteStatement, into values: inout [DatabaseValue]) -> Bool {
        let handle = statement.handle
        let smallASCII = statement.smallASCII
        let reuseStrings = statement.reuseStrings
        let first = sqlite3_column_value(handle, 0)
        return values.withUnsafeMutableBufferPointer { slots -> Bool in
            var recyclable = true
            for index in slots.indices {
                guard let value = statement.resultValue(index, first: first) else {
                    slots[index] = .null
                    continue
                }
                let reference = DatabaseValueRef(sqliteValue: value, isBoolean: statement.isBooleanColumn(index))
                recyclable = recyclable && reference.isRecyclable
                DatabaseValue.assign(
                    reference, to: slots.baseAddress.unsafelyUnwrapped + index, smallASCII: smallASCII,
                    reuseStrings: reuseStrings)
            }
            return recyclable
        }
    }

    /// Whether a one-row result is small enough to keep for the next run: no blob, no text over 4 KiB.
    private func isRecyclable(_ values: [DatabaseValue]) -> Bool {
        values.allSatisfy { value in
            switch value {
            case .blob: return false
            case .text(let text): return text.utf8.count <= SQLiteStatement.recycledTextLimit
            default: return true
            }
        }
    }

    /// Compiles `sql` without running it and returns its result columns with their declared types.
    ///
    /// A statement that does not compile throws a `.sql` error carrying SQLite's message.
    public func describe(_ sql: String) throws -> [ResultColumn] {
        try SQLiteStatement(database: handle, sql: sql, persistent: false).columns
    }

    /// Takes a statement for `sql` from the cache (preparing it when needed) and starts the statement clock.
    private func checkOut(_ sql: String) throws -> SQLiteStatement {
        beginStatement()
        // The same SQL as last time (a prepared query run again): no closure context, no dictionary.
        if let recent = statementCache.checkOutMostRecent(sql) { return recent }
        return try statementCache.checkOut(sql) {
            try SQLiteStatement(database: handle, sql: sql, persistent: true)
        }
    }

    /// Resets a statement and gives it back to the cache.
    @inline(__always)
    func finish(_ statement: SQLiteStatement) {
        statement.reset()
        statementCache.checkIn(statement)
    }

    /// Work done before any statement starts: arm the timeout, undo a finished read-only transaction's pragma.
    @inline(__always)
    private func beginStatement() {
        if queryOnlyNeedsRestore { restoreQueryOnlyIfTransactionEnded() }
        progress.start(timeout: statementTimeout)
    }

    /// The error for a failed step or prepare on this connection, telling a timeout from a cancellation.
    func error(code: Int32, sql: String?) -> DatabaseError {
        var error = DatabaseError(sqliteCode: code, database: handle, sql: sql, timedOut: progress.timedOut)
        if error.kind == .timeout, let statementTimeout {
            error.message =
                "the statement ran longer than the statement timeout of \(statementTimeout) (\(error.message))"
        }
        return error
    }

    // MARK: Timeout and cancellation

    /// The longest a statement may run before it fails with a `.timeout` error; `nil` (the default) means no limit.
    ///
    /// Enforced by a progress handler that checks a monotonic deadline every 1,000 virtual-machine instructions
    /// and interrupts the statement once the deadline has passed. The clock starts when a statement starts
    /// (for a cursor: when ``query(_:parameters:)`` returns).
    @exclusivity(unchecked) public var statementTimeout: Duration? {
        didSet {
            if statementTimeout != nil {
                sqlite3_progress_handler(
                    handle, 1000, sqliteProgressHandler, Unmanaged.passUnretained(progress).toOpaque())
            } else {
                sqlite3_progress_handler(handle, 0, nil, nil)
            }
        }
    }

    /// A canceller that interrupts this connection's running statement from any thread (`sqlite3_interrupt`).
    ///
    /// It stays safe to call after the connection is gone: it then does nothing.
    public func makeCanceller() -> any QueryCanceller {
        canceller
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}
