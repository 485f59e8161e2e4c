import CPostgres
import Foundation

/// A connection to a PostgreSQL server through libpq.
///
/// It owns one `PGconn`, closed with `PQfinish` when the connection is released.
/// Statements with parameters, and every query, run as prepared statements from a bounded cache;
/// query rows stream in libpq's single-row mode, so no result is held whole in memory.
///
/// ```swift
/// let connection = try PostgresConnection(url: ConnectionURL("postgresql://me@/shop?host=/run/postgresql"))
/// let cursor = try connection.query("SELECT id, name FROM customers WHERE id = $1", parameters: [42])
/// while try cursor.next() { print(cursor.value(at: 1)) }
/// ```
///
/// - Important: Not thread-safe: use it from one thread at a time.
///   Only a ``makeCanceller()`` value may be used from another thread.
public final class PostgresConnection: DatabaseConnection {
    /// Always `.postgresql`.
    public var kind: DatabaseKind { .postgresql }
    /// The URL the connection was opened with; its description hides the password.
    public let url: ConnectionURL
    /// Whether the connection refuses writes (`default_transaction_read_only = on`).
    public let isReadOnly: Bool

    /// The libpq connection handle, valid until `deinit`.
    let handle: OpaquePointer
    /// Prepared statements, by SQL text and parameter types.
    var statementCache: PostgresStatementCache
    /// Shared with cancellers, so a cancelled statement is reported as `.cancelled`.
    let cancelState = PostgresCancelState()
    /// The cursor currently streaming rows, if any; it is closed before another statement starts.
    weak var activeCursor: PostgresCursor?
    private var cancellers: [WeakCanceller] = []
    private let noticeLog = PostgresNoticeLog()
    private var typeNames: [Oid: String] = PostgresType.names
    private var pendingDeallocations: [String] = []
    private var timeoutNeedsApplying = false
    private var timeoutAppliedInTransaction = false

    /// The default number of prepared statements kept per connection.
    public static let defaultStatementCacheCapacity = 64

    /// How long connecting may take, in seconds, unless the URL's `connect_timeout` or the `PGCONNECT_TIMEOUT`
    /// environment variable says otherwise. libpq's own default is to wait forever, which leaves
    /// `moltres check` hanging on a host that does not answer.
    public static let defaultConnectTimeoutSeconds = 10

    /// Connects to the server a `postgresql://` URL names.
    ///
    /// The URL's host, port, user, password and database become libpq's `host`, `port`, `user`,
    /// `password` and `dbname`; other URL options (`sslmode`, `connect_timeout`, `application_name`, …)
    /// pass through as libpq connection keywords. The client encoding is always UTF-8. Connecting gives up after
    /// ``defaultConnectTimeoutSeconds`` unless the URL or `PGCONNECT_TIMEOUT` sets `connect_timeout`.
    ///
    /// - Throws: ``DatabaseError`` of kind `.authentication` when the server refuses the credentials,
    ///   `.connection` when it cannot be reached, `.invalidURL` for options libpq does not know.
    ///   No error contains the password.
    public init(
        url: ConnectionURL, readOnly: Bool = false, statementCacheCapacity: Int = defaultStatementCacheCapacity
    )
        throws
    {
        guard url.kind == .postgresql else {
            throw DatabaseError(kind: .misuse, message: "PostgresConnection cannot open '\(url)'")
        }
        var parameters: [(String, String)] = []
        func set(_ keyword: String, _ value: String) {
            parameters.removeAll { $0.0 == keyword }
            parameters.append((keyword, value))
        }
        set("application_name", "moltres")
        if getenv("PGCONNECT_TIMEOUT") == nil { set("connect_timeout", String(Self.defaultConnectTimeoutSeconds)) }
        if let host = url.host { set("host", host) }
        if let port = url.port { set("port", String(port)) }
        if let user = url.user { set("user", user) }
        if let password = url.password { set("password", password) }
        if let database = url.database { set("dbname", database) }
        for (key, value) in url.options { set(key, value) }
        // Decoding assumes UTF-8, so the URL cannot change it.
        set("client_encoding", "UTF8")

        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let connection = (keywords.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { keywordPointers in
            (values.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { valuePointers in
                PQconnectdbParams(keywordPointers.baseAddress, valuePointers.baseAddress, 0)
            }
        }
        guard let connection else {
            throw DatabaseError(kind: .connection, message: "could not connect to \(url): libpq is out of memory")
        }
        // libpq returns a connection object even when connecting failed, and it must still be freed.
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            PQfinish(connection)
            throw Self.connectionError(message, url: url)
        }
        self.handle = connection
        self.url = url
        self.isReadOnly = readOnly
        self.statementCache = PostgresStatementCache(capacity: statementCacheCapacity)
        PQsetNoticeProcessor(
            connection,
            { context, message in
                guard let context, let message else { return }
                Unmanaged<PostgresNoticeLog>.fromOpaque(context).takeUnretainedValue().append(String(cString: message))
            },
            Unmanaged.passUnretained(noticeLog).toOpaque())
        if readOnly {
            try runSimple("SET default_transaction_read_only = on")
        }
    }

    deinit {
        for canceller in cancellers { canceller.value?.invalidate() }
        PQfinish(handle)
    }

    /// Builds a connection error from libpq's message, without the password, and classifies it.
    static func connectionError(_ libpqMessage: String, url: ConnectionURL) -> DatabaseError {
        var message = libpqMessage.trimmingTrailingWhitespace()
        if let password = url.password, !password.isEmpty {
            message = message.replacingOccurrences(of: password, with: "***")
        }
        let lowercased = message.lowercased()
        let kind: DatabaseError.Kind
        if lowercased.contains("password authentication failed") || lowercased.contains("no password supplied")
            || lowercased.contains("authentication failed") || lowercased.contains("no pg_hba.conf entry")
        {
            kind = .authentication
        } else if lowercased.contains("invalid connection option") || lowercased.contains("invalid sslmode value")
            || lowercased.contains("invalid integer value") || lowercased.contains("invalid value for parameter")
        {
            kind = .invalidURL
        } else {
            kind = .connection
        }
        return DatabaseError(kind: kind, message: "could not connect to \(url): \(message)")
    }

    // MARK: - Notices

    /// The most recent notices and warnings the server sent (`RAISE NOTICE`, …), oldest first.
    ///
    /// libpq would print them to stderr; the connection keeps the last few here instead.
    public var notices: [String] { noticeLog.messages }

    // MARK: - Statements

    /// Runs one statement and returns the number of rows it changed (`PQcmdTuples`; 0 when it reports none).
    ///
    /// Without parameters it uses the simple query protocol, so `sql` may hold several statements
    /// separated by semicolons (the count is the last one's); with parameters it runs a cached prepared
    /// statement whose placeholders are `$1`, `$2`, ….
    @discardableResult
    public func execute(_ sql: String, parameters: [DatabaseValue]) throws -> Int {
        if parameters.isEmpty { return try runSimple(sql) }
        let start = try startPrepared(sql, parameters: parameters, singleRow: false)
        var last = start.first
        while let raw = PQgetResult(handle) {
            last = PostgresResult(taking: raw)
            if last.isError {
                let error = makeError(from: last, sql: sql)
                drainResults()
                throw error
            }
        }
        return last.affectedRowCount
    }

    /// Starts a query and returns a cursor that streams its rows (single-row mode).
    ///
    /// Placeholders are `$1`, `$2`, …; see ``execute(_:parameters:)`` for how values are typed.
    public func query(_ sql: String, parameters: [DatabaseValue]) throws -> any RowCursor {
        try startQuery(sql, parameters: parameters)
    }

    /// Like ``query(_:parameters:)``, but returns the concrete cursor type.
    public func startQuery(_ sql: String, parameters: [DatabaseValue] = []) throws -> PostgresCursor {
        try closeActiveCursor()
        let status = PQtransactionStatus(handle)
        let inTransaction = status == PQTRANS_INTRANS || status == PQTRANS_INERROR
        let start = try startPrepared(sql, parameters: parameters, singleRow: true)
        let cursor = PostgresCursor(
            connection: self, statement: start.statement, first: start.first, sql: sql,
            startedInTransaction: inTransaction)
        if !cursor.isFinished { activeCursor = cursor }
        return cursor
    }

    /// Prepares `sql` on the unnamed statement and returns its result columns, without running it.
    public func describe(_ sql: String) throws -> [ResultColumn] {
        try prepareForStatement(sql)
        guard let prepared = PQprepare(handle, "", sql, 0, nil) else { throw connectionLost(sql: sql) }
        let prepareResult = PostgresResult(taking: prepared)
        if prepareResult.isError { throw makeError(from: prepareResult, sql: sql) }
        guard let described = PQdescribePrepared(handle, "") else { throw connectionLost(sql: sql) }
        let description = PostgresResult(taking: described)
        if description.isError { throw makeError(from: description, sql: sql) }
        return try columns(of: description).columns
    }

    // MARK: - Transactions

    /// Starts a transaction (`BEGIN`, or `BEGIN READ ONLY`).
    public func beginTransaction(readOnly: Bool) throws {
        try runSimple(readOnly ? "BEGIN READ ONLY" : "BEGIN")
    }

    /// Commits the open transaction.
    ///
    /// When an earlier statement failed, PostgreSQL can only roll the transaction back; this rolls it back
    /// and throws, rather than reporting a commit that did not happen.
    public func commit() throws {
        try closeActiveCursor()
        if PQtransactionStatus(handle) == PQTRANS_INERROR {
            try runSimple("ROLLBACK")
            throw DatabaseError(
                kind: .sql,
                message: "the transaction was rolled back, not committed, because a statement in it failed",
                sqlState: "25P02", sql: "COMMIT")
        }
        try runSimple("COMMIT")
    }

    /// Rolls the open transaction back.
    public func rollback() throws {
        try runSimple("ROLLBACK")
    }

    /// Whether a transaction is open (also when it has failed and awaits a rollback).
    public var isInTransaction: Bool {
        switch PQtransactionStatus(handle) {
        case PQTRANS_INTRANS, PQTRANS_INERROR: return true
        case PQTRANS_ACTIVE: return activeCursor?.startedInTransaction ?? false
        default: return false
        }
    }

    /// Creates a savepoint (`SAVEPOINT "name"`).
    public func savepoint(_ name: String) throws {
        try runSimple("SAVEPOINT \(Self.quoteIdentifier(name))")
    }

    /// Rolls back to a savepoint, keeping it (`ROLLBACK TO SAVEPOINT "name"`).
    public func rollback(toSavepoint name: String) throws {
        try runSimple("ROLLBACK TO SAVEPOINT \(Self.quoteIdentifier(name))")
    }

    /// Releases a savepoint, keeping its changes (`RELEASE SAVEPOINT "name"`).
    public func releaseSavepoint(_ name: String) throws {
        try runSimple("RELEASE SAVEPOINT \(Self.quoteIdentifier(name))")
    }

    /// Quotes an identifier for PostgreSQL: `"name"`, with embedded quotes doubled.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - Timeout and cancellation

    /// The longest a statement may run before it fails with `.timeout` (`statement_timeout`); `nil` means no limit.
    ///
    /// The setting is sent before the next statement. Set inside a transaction, it is sent again once
    /// the transaction ends, because a rollback would undo it.
    public var statementTimeout: Duration? {
        didSet {
            timeoutNeedsApplying = true
            if activeCursor == nil { applySettings() }
        }
    }

    /// A value that cancels this connection's running statement from another thread with `PQcancel`.
    public func makeCanceller() -> any QueryCanceller {
        makePostgresCanceller()
    }

    /// Like ``makeCanceller()``, with the concrete type.
    public func makePostgresCanceller() -> PostgresCanceller {
        let canceller = PostgresCanceller(connection: handle, state: cancelState)
        cancellers.removeAll { $0.value == nil }
        cancellers.append(WeakCanceller(value: canceller))
        return canceller
    }

    // MARK: - Internals

    /// Closes a streaming cursor, applies pending settings, and checks the SQL can be sent.
    func prepareForStatement(_ sql: String) throws {
        if sql.utf8.contains(0) {
            throw DatabaseError(
                kind: .sql, message: "the SQL text contains a NUL byte (U+0000), which PostgreSQL does not accept",
                sqlState: "22021", sql: sql)
        }
        try closeActiveCursor()
        if PQstatus(handle) == CONNECTION_BAD { try reconnect(sql: sql) }
        _ = cancelState.wasRequested(reset: true)
        if timeoutNeedsApplying || timeoutAppliedInTransaction || !pendingDeallocations.isEmpty { applySettings() }
    }

    /// Re-establishes a connection that was lost (the server ended the session, the server restarted, or libpq
    /// closed the socket after a protocol error) with `PQreset`, before the next statement.
    ///
    /// The new session starts clean: prepared statements, session settings and any transaction that was open
    /// are gone (the server rolled the transaction back when the session ended), so the statement cache is
    /// emptied, the statement timeout and read-only mode are applied again, and cancellers are pointed at the
    /// new backend. The statement that met the lost connection has already failed with a `.connection` error;
    /// when the server cannot be reached again, this throws one too and the next statement tries again.
    private func reconnect(sql: String?) throws {
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace()
            throw DatabaseError(
                kind: .connection,
                message: "the connection to the server was lost and could not be re-established: \(message)",
                sql: sql)
        }
        statementCache.removeAll()
        pendingDeallocations = []
        timeoutAppliedInTransaction = false
        timeoutNeedsApplying = statementTimeout != nil
        cancellers.removeAll { $0.value == nil }
        for canceller in cancellers { canceller.value?.reconnect(to: handle) }
        reconnectCount += 1
        if isReadOnly { _ = try runRaw("SET default_transaction_read_only = on") }
    }

    /// How many times the connection was re-established after being lost.
    public private(set) var reconnectCount = 0

    private func closeActiveCursor() throws {
        if let cursor = activeCursor {
            cursor.closeBecauseAnotherStatementStarts()
            activeCursor = nil
        }
    }

    /// Sends the statement timeout and pending `DEALLOCATE`s when the connection is in a state to take them.
    private func applySettings() {
        let status = PQtransactionStatus(handle)
        if timeoutAppliedInTransaction && status == PQTRANS_IDLE {
            timeoutNeedsApplying = true
            timeoutAppliedInTransaction = false
        }
        if timeoutNeedsApplying && status != PQTRANS_INERROR && status != PQTRANS_ACTIVE {
            var milliseconds: Int64 = 0
            if let timeout = statementTimeout, timeout > .zero {
                let (seconds, attoseconds) = timeout.components
                milliseconds = max(1, seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
            }
            if (try? runRaw("SET statement_timeout = \(milliseconds)")) != nil {
                timeoutNeedsApplying = false
                timeoutAppliedInTransaction = status != PQTRANS_IDLE
            }
        }
        if !pendingDeallocations.isEmpty && status == PQTRANS_IDLE {
            let names = pendingDeallocations
            pendingDeallocations = []
            for name in names {
                if (try? runRaw("DEALLOCATE \(name)")) == nil { pendingDeallocations.append(name) }
            }
        }
    }

    /// Runs SQL through the simple query protocol (`PQexec`) after the usual checks.
    @discardableResult
    func runSimple(_ sql: String) throws -> Int {
        try prepareForStatement(sql)
        return try runRaw(sql).affectedRowCount
    }

    /// Runs SQL with `PQexec` and returns its last result, throwing when it failed.
    @discardableResult
    private func runRaw(_ sql: String) throws -> PostgresResult {
        guard let raw = PQexec(handle, sql) else { throw connectionLost(sql: sql) }
        let result = PostgresResult(taking: raw)
        if result.isError { throw makeError(from: result, sql: sql) }
        return result
    }

    /// Sends several statements in one round trip and returns each one's result, held in memory.
    func runSimpleCollectingResults(_ sql: String) throws -> [PostgresResult] {
        try prepareForStatement(sql)
        guard PQsendQuery(handle, sql) == 1 else { throw connectionLost(sql: sql) }
        var results: [PostgresResult] = []
        var failure: DatabaseError?
        while let raw = PQgetResult(handle) {
            let result = PostgresResult(taking: raw)
            if result.isError, failure == nil { failure = makeError(from: result, sql: sql) }
            results.append(result)
        }
        if let failure { throw failure }
        return results
    }

    /// Prepares (or reuses) the statement for `sql`, sends it with `parameters`, and reads its first result.
    ///
    /// A statement the server no longer knows (after `DEALLOCATE ALL` or `DISCARD ALL`) or whose
    /// result shape changed (`cached plan must not change result type`) is prepared again once,
    /// when no transaction is open.
    func startPrepared(
        _ sql: String, parameters: [DatabaseValue], singleRow: Bool
    ) throws -> (
        statement: PostgresPreparedStatement, first: PostgresResult
    ) {
        try prepareForStatement(sql)
        if parameters.count > Self.maximumDescribableParameters {
            throw DatabaseError(
                kind: .misuse,
                message:
                    "the statement has \(parameters.count) parameters, more than the \(Self.maximumDescribableParameters)"
                    + " libpq \(PQlibVersion() / 10000) can describe (it drops the connection on a parameter description"
                    + " over 30,000 bytes); split it into smaller statements",
                sql: sql)
        }
        let values = try PostgresParameters(parameters, sql: sql)
        let key = PostgresStatementCache.Key(sql: sql, parameterTypes: values.types)
        var attempt = 0
        while true {
            attempt += 1
            let statement = try preparedStatement(for: key, parameters: values)
            let sent = values.withPointers { pointers, lengths, formats in
                PQsendQueryPrepared(handle, statement.name, values.count, pointers, lengths, formats, 0)
            }
            guard sent == 1 else { throw connectionLost(sql: sql) }
            if singleRow { PQsetSingleRowMode(handle) }
            guard let raw = PQgetResult(handle) else { throw connectionLost(sql: sql) }
            let first = PostgresResult(taking: raw)
            if first.isError {
                let error = makeError(from: first, sql: sql)
                drainResults()
                let stale =
                    error.sqlState == "26000"
                    || (error.sqlState == "0A000" && error.message.contains("cached plan must not change result type"))
                if stale && attempt == 1 && PQtransactionStatus(handle) == PQTRANS_IDLE {
                    statementCache.remove(key)
                    if error.sqlState == "0A000" { pendingDeallocations.append(statement.name) }
                    continue
                }
                throw error
            }
            return (statement, first)
        }
    }

    private func preparedStatement(
        for key: PostgresStatementCache.Key, parameters: PostgresParameters
    ) throws
        -> PostgresPreparedStatement
    {
        if let statement = statementCache.statement(for: key) { return statement }
        let name = statementCache.makeName()
        let types = parameters.types
        guard
            let prepared = types.withUnsafeBufferPointer({ types in
                PQprepare(handle, name, key.sql, Int32(types.count), types.baseAddress)
            })
        else { throw connectionLost(sql: key.sql) }
        let prepareResult = PostgresResult(taking: prepared)
        if prepareResult.isError { throw makeError(from: prepareResult, sql: key.sql) }
        guard let described = PQdescribePrepared(handle, name) else { throw connectionLost(sql: key.sql) }
        let description = PostgresResult(taking: described)
        if description.isError {
            pendingDeallocations.append(name)
            throw makeError(from: description, sql: key.sql)
        }
        let (columns, decoders) = try columns(of: description)
        let statement = PostgresPreparedStatement(name: name, columns: columns, decoders: decoders)
        if let evicted = statementCache.insert(statement, for: key) {
            pendingDeallocations.append(evicted.name)
            applySettings()
        }
        return statement
    }

    /// The columns of a result or statement description, with type names looked up once per unknown OID.
    func columns(of result: PostgresResult) throws -> (columns: [ResultColumn], decoders: [PostgresDecoder]) {
        let count = result.columnCount
        var oids: [Oid] = []
        oids.reserveCapacity(count)
        for index in 0..<count { oids.append(PQftype(result.handle, Int32(index))) }
        let unknown = Set(oids.filter { typeNames[$0] == nil && $0 != 0 })
        if !unknown.isEmpty {
            let list = unknown.map { String($0) }.joined(separator: ",")
            let lookup = try runRaw(
                "SELECT oid::int8, format_type(oid, NULL) FROM pg_catalog.pg_type WHERE oid IN (\(list))")
            for row in 0..<lookup.rowCount {
                let oid = Oid(String(cString: PQgetvalue(lookup.handle, Int32(row), 0))) ?? 0
                typeNames[oid] = String(cString: PQgetvalue(lookup.handle, Int32(row), 1))
            }
        }
        var columns: [ResultColumn] = []
        var decoders: [PostgresDecoder] = []
        for (index, oid) in oids.enumerated() {
            let name = String(cString: PQfname(result.handle, Int32(index)))
            let typeName = typeNames[oid]
            columns.append(
                ResultColumn(name: name, declaredType: typeName, type: PostgresType.sqlType(oid: oid, name: typeName)))
            decoders.append(PostgresType.decoder(for: oid))
        }
        return (columns, decoders)
    }

    /// Reads and discards results until libpq reports the end of the command.
    func drainResults() {
        while let raw = PQgetResult(handle) { PQclear(raw) }
    }

    /// Builds the error for a failed result.
    func makeError(from result: PostgresResult, sql: String?) -> DatabaseError {
        var error = result.error(sql: sql, connection: handle, cancelRequested: cancelState.wasRequested())
        // A session the server ends (57P01–57P03) reports its error before libpq sees the socket close.
        if PQstatus(handle) == CONNECTION_BAD || error.sqlState?.hasPrefix("57P0") == true {
            error.kind = .connection
            error.message += Self.lostConnectionNote
        }
        return error
    }

    /// The error for a call that could not even send or receive (the connection is gone).
    func connectionLost(sql: String?) -> DatabaseError {
        let message = String(cString: PQerrorMessage(handle)).trimmingTrailingWhitespace()
        let isLost = PQstatus(handle) == CONNECTION_BAD
        return DatabaseError(
            kind: isLost ? .connection : .other,
            message: (message.isEmpty ? "libpq reported a failure without a message" : message)
                + (isLost ? Self.lostConnectionNote : ""),
            sql: sql)
    }

    /// The most parameters a statement may have so that libpq accepts the server's description of it.
    ///
    /// libpq before 16 treats a ParameterDescription message over 30,000 bytes (2 + 4 per parameter) as a
    /// protocol violation and closes the connection, losing any open transaction; such statements are refused
    /// before they are sent. With a newer libpq the server's own limit (65,535) applies.
    static let maximumDescribableParameters = PQlibVersion() < 160_000 ? 7_498 : 65_535

    /// Appended to the message of an error that ended the session.
    static let lostConnectionNote =
        " (the connection to the server was lost; any open transaction was rolled back, and the next statement"
        + " reconnects)"

    /// Asks the server to stop the running statement, for a cursor closed early.
    func cancelRunningStatement() {
        guard let cancel = PQgetCancel(handle) else { return }
        defer { PQfreeCancel(cancel) }
        var errorBuffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &errorBuffer, Int32(errorBuffer.count))
    }
}

@available(*, unavailable)
extension PostgresConnection: Sendable {}

private struct WeakCanceller {
    weak var value: PostgresCanceller?
}

/// Keeps the last notices libpq hands to the notice processor.
final class PostgresNoticeLog {
    private(set) var messages: [String] = []
    private let limit = 20

    func append(_ message: String) {
        if messages.count == limit { messages.removeFirst() }
        messages.append(message.trimmingTrailingWhitespace())
    }
}

@available(*, unavailable)
extension PostgresNoticeLog: Sendable {}
