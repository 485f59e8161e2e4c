import Foundation

/// One thing a script does, in the order the file says: the runner's input.
///
/// ``ScriptRunner/steps(of:)`` turns a ``Compilation`` into steps; the library can build them from plans directly.
public struct ScriptStep: Sendable {
    /// What the step does.
    public enum Action: Sendable {
        /// Runs a query and yields its rows (or its last rows, its SQL, or the database's plan for it).
        case query(LogicalPlan, mode: QueryMode = .rows)
        /// Runs the mutations of one statement atomically (all or nothing) and yields their row count.
        case mutation([MutationPlan])
        /// Runs the nested steps in one transaction, rolled back on any error.
        case transaction([ScriptStep], readOnly: Bool)
        /// `txn.commit()`, `txn.rollback()`, `txn.savepoint()`… inside a transaction block.
        case transactionControl(TransactionAction)
        /// Switches the connection used by the following steps (`db = connect(URL)`).
        case connect(String)
    }

    /// What a query step yields.
    public enum QueryMode: Sendable, Hashable {
        /// The rows (up to the row limit).
        case rows
        /// Only the last `n` rows, in order (`.tail(n)`); every row is read.
        case lastRows(Int)
        /// The SQL, without running it (`.to_sql()`, `.show_sql()`): one row with a `sql` column.
        case sqlOnly
        /// The database's plan for the query (`.explain()`): `EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on PostgreSQL.
        case explain
    }

    /// What the step does.
    public var action: Action
    /// Where the statement is in the source.
    public var range: ByteRange
    /// The statement's 1-based line.
    public var line: Int
    /// The statement's 1-based column, counted in characters.
    public var column: Int

    /// Creates a step.
    public init(action: Action, range: ByteRange, line: Int, column: Int = 1) {
        self.action = action
        self.range = range
        self.line = line
        self.column = column
    }
}

/// Options of a script run.
public struct ScriptRunOptions: Sendable {
    /// The most rows a query returns; `nil` returns them all. Rows past the limit are not fetched.
    public var rowLimit: Int?
    /// Refuse mutations (a `MOL5002` error) instead of running them.
    public var readOnly: Bool
    /// The longest one statement may run; `nil` means no limit.
    public var statementTimeout: Duration?

    /// Creates options.
    public init(rowLimit: Int? = nil, readOnly: Bool = false, statementTimeout: Duration? = nil) {
        self.rowLimit = rowLimit
        self.readOnly = readOnly
        self.statementTimeout = statementTimeout
    }
}

/// The result of one executed statement.
public struct StatementResult: Sendable, Hashable {
    /// Whether the statement read or wrote.
    public enum Kind: String, Sendable, Hashable {
        /// A query: ``rows`` holds its rows.
        case query
        /// A mutation: ``rowCount`` is the number of rows it changed.
        case mutation
    }

    /// A result column with its type name.
    public struct Column: Sendable, Hashable {
        /// The column's name.
        public var name: String
        /// Its type (`integer`, `text`, …; `unknown` when neither the plan nor the database says).
        public var typeName: String

        /// Creates a column.
        public init(name: String, typeName: String) {
            self.name = name
            self.typeName = typeName
        }
    }

    /// The 1-based number of the executed statement within the run.
    public var statementNumber: Int
    /// The statement's 1-based line.
    public var line: Int
    /// Query or mutation.
    public var kind: Kind
    /// The SQL that ran (statements of a batched mutation joined by `;\n`).
    public var sql: String
    /// The bound parameters, in order (of all the statements of a mutation).
    public var parameters: [DatabaseValue]
    /// The result columns (empty for a mutation).
    public var columns: [Column]
    /// The rows, at most the row limit.
    public var rows: [[DatabaseValue]]
    /// Rows returned (queries) or changed (mutations).
    public var rowCount: Int
    /// Whether the query had more rows than the limit.
    public var truncated: Bool
    /// How long the statement took, fetching included.
    public var elapsed: Duration
    /// Whether the query only showed its SQL (`.to_sql()`, `.show_sql()`) instead of running.
    public var isSQLPreview = false
    /// Whether the rows went to a ``ScriptRowStream`` as they were read: ``rows`` is then empty and ``rowCount``
    /// says how many there were.
    public var rowsWereStreamed = false

    /// Creates a result.
    public init(
        statementNumber: Int, line: Int, kind: Kind, sql: String, parameters: [DatabaseValue] = [],
        columns: [Column], rows: [[DatabaseValue]], rowCount: Int, truncated: Bool = false,
        elapsed: Duration = .zero
    ) {
        self.statementNumber = statementNumber
        self.line = line
        self.kind = kind
        self.sql = sql
        self.parameters = parameters
        self.columns = columns
        self.rows = rows
        self.rowCount = rowCount
        self.truncated = truncated
        self.elapsed = elapsed
    }
}

/// Where a script run sends a query's rows as it reads them, so that a large result is never held in memory
/// (`moltres run --format csv|json|jsonl`).
///
/// For each query that streams, ``begin`` gets the result without its rows (its columns, SQL and parameters),
/// ``row`` gets each row in order, and the run's `onResult` then gets the result with ``StatementResult/rowCount``,
/// ``StatementResult/truncated`` and ``StatementResult/elapsed`` set and ``StatementResult/rowsWereStreamed`` true.
/// Queries inside a transaction block do not stream (their results are reported only once the block commits), nor
/// do `.tail(n)`, `.explain()` and `.to_sql()`.
public struct ScriptRowStream {
    /// Called before a streamed query's first row.
    public var begin: (StatementResult) throws -> Void
    /// Called with each row, booleans and JSON already read as in a collected result.
    public var row: ([DatabaseValue]) throws -> Void

    /// Creates a stream.
    public init(
        begin: @escaping (StatementResult) throws -> Void, row: @escaping ([DatabaseValue]) throws -> Void
    ) {
        self.begin = begin
        self.row = row
    }
}

/// A failure of a script run, located at the statement that failed.
public struct ScriptError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable code: the plan's code, `MOL6001` for an error the database reported,
    /// `MOL5002` for a write refused in read-only mode, `MOL5003` for transaction control outside its block,
    /// `MOL6002` for a connection that cannot be opened.
    public var code: String
    /// The message, for the user.
    public var message: String
    /// The failing statement's range.
    public var range: ByteRange
    /// The failing statement's 1-based line.
    public var line: Int
    /// The failing statement's 1-based column in characters.
    public var column: Int

    /// Creates an error.
    public init(code: String, message: String, range: ByteRange, line: Int, column: Int) {
        self.code = code
        self.message = message
        self.range = range
        self.line = line
        self.column = column
    }

    /// `line:column: error: message [CODE]`.
    public var description: String { "\(line):\(column): error: \(message) [\(code)]" }
}

/// Executes compiled statements in order against a connection and streams each result to a callback.
///
/// Queries return at most ``ScriptRunOptions/rowLimit`` rows; each mutation runs in one transaction (a savepoint
/// inside a transaction block), so a failure leaves nothing of it; a transaction block runs in one transaction
/// and is rolled back on any error; a `connect` step opens a new connection for the following steps.
/// The first failure stops the run with a ``ScriptError``.
///
/// ```swift
/// let runner = ScriptRunner(session: try Session.connect("sqlite:///shop.db"))
/// try runner.run(steps) { result in print(ResultFormatter(format: .table).render(result), terminator: "") }
/// ```
///
/// - Important: Not thread-safe; it uses its session's connection from the calling thread.
public final class ScriptRunner {
    /// The session the next step runs on (changed by `connect` steps).
    public private(set) var session: Session
    /// The options.
    public var options: ScriptRunOptions
    /// Opens the session a `connect(target)` step switches to.
    public var connector: (String) throws -> Session
    private var executedCount = 0

    /// Creates a runner on a session.
    public init(
        session: Session, options: ScriptRunOptions = ScriptRunOptions(),
        connector: @escaping (String) throws -> Session = { try Session.connect($0) }
    ) {
        self.session = session
        self.options = options
        self.connector = connector
    }

    /// Runs the steps in order, calling `onResult` after each executed query or mutation; with `rowStream`, the
    /// rows of queries outside transaction blocks go to it as they are read instead (see ``ScriptRowStream``).
    ///
    /// - Throws: ``ScriptError`` for the first step that fails, or whatever `onResult` or `rowStream` throws.
    public func run(
        _ steps: [ScriptStep], rowStream: ScriptRowStream? = nil, onResult: (StatementResult) throws -> Void
    ) throws {
        for step in steps {
            try run(step, rowStream: rowStream, onResult: onResult)
        }
    }

    /// Runs the steps and collects the results.
    public func run(_ steps: [ScriptStep]) throws -> [StatementResult] {
        var results: [StatementResult] = []
        try run(steps) { results.append($0) }
        return results
    }

    private func run(
        _ step: ScriptStep, rowStream: ScriptRowStream?, onResult: (StatementResult) throws -> Void
    ) throws {
        switch step.action {
        case .connect(let target):
            do {
                session = try connector(target)
            } catch let error as DatabaseError where error.kind == .connection {
                // The driver's message names the database (never its password) and the reason.
                throw ScriptError(
                    code: "MOL6002", message: error.message, range: step.range, line: step.line, column: step.column)
            } catch {
                throw failure(
                    step, error, defaultCode: "MOL6002", prefix: "cannot connect to \(ConnectionURL.redact(target)): ")
            }
        case .query(let plan, let mode):
            let result = try located(step) { try runQuery(plan, mode: mode, step: step, rowStream: rowStream) }
            try onResult(result)
        case .mutation(let mutations):
            let result = try located(step) { try runMutation(mutations, step: step) }
            try onResult(result)
        case .transactionControl(let action):
            try located(step) { try control(action, step: step) }
        case .transaction(let children, let readOnly):
            // Results are only reported once the block committed, so nothing is printed for a block that rolled back.
            var pending: [StatementResult] = []
            let connection = session.connection
            let transactionSession = session
            let outerReadOnly = transactionReadOnly
            let outerSavepoints = savepoints
            transactionReadOnly = readOnly || options.readOnly
            savepoints = []
            defer {
                transactionReadOnly = outerReadOnly
                savepoints = outerSavepoints
            }
            do {
                try connection.transaction(readOnly: transactionReadOnly) {
                    for child in children {
                        try run(child, rowStream: nil) { pending.append($0) }
                    }
                    if session !== transactionSession {
                        throw ScriptError(
                            code: DiagnosticCode.transactionMisuse.rawValue,
                            message: "connect(...) cannot switch connections inside a transaction",
                            range: step.range, line: step.line, column: step.column)
                    }
                }
            } catch let error as ScriptError {
                throw error
            } catch {
                throw failure(step, error, defaultCode: "MOL6001")
            }
            for result in pending { try onResult(result) }
        }
    }

    private func located<Result>(_ step: ScriptStep, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as ScriptError {
            throw error
        } catch {
            throw failure(step, error, defaultCode: "MOL6001")
        }
    }

    private func failure(
        _ step: ScriptStep, _ error: any Error, defaultCode: String, prefix: String = ""
    )
        -> ScriptError
    {
        let code: String
        let message: String
        switch error {
        case let error as PlanError:
            code = error.code
            message = error.message
        case let error as DatabaseError:
            code = defaultCode
            message = "the database reported: \(error.message)"
        default:
            code = defaultCode
            message = String(describing: error)
        }
        return ScriptError(
            code: code, message: prefix + message, range: step.range, line: step.line, column: step.column)
    }

    private func prepareConnection() {
        let connection = session.connection
        if connection.statementTimeout != options.statementTimeout {
            connection.statementTimeout = options.statementTimeout
        }
    }

    private func runQuery(
        _ plan: LogicalPlan, mode: ScriptStep.QueryMode, step: ScriptStep, rowStream: ScriptRowStream?
    ) throws
        -> StatementResult
    {
        prepareConnection()
        let catalog = (try? session.catalog()) ?? .empty
        let statement = try generateSQL(for: plan, dialect: session.dialect, catalog: catalog)
        if mode == .sqlOnly {
            executedCount += 1
            var result = StatementResult(
                statementNumber: executedCount, line: step.line, kind: .query, sql: statement.text,
                parameters: statement.parameters, columns: [StatementResult.Column(name: "sql", typeName: "text")],
                rows: [[.text(statement.text)]], rowCount: 1)
            result.isSQLPreview = true
            return result
        }
        var sql = statement.text
        if mode == .explain {
            switch session.connection.kind {
            case .sqlite: sql = "EXPLAIN QUERY PLAN " + sql
            case .postgresql: sql = "EXPLAIN " + sql
            }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let cursor = try session.connection.query(sql, parameters: statement.parameters)
        defer { cursor.close() }
        let driverColumns = cursor.columns
        let planColumns = mode == .explain ? [] : statement.resultColumns
        let columns = driverColumns.enumerated().map { index, column in
            let planType = index < planColumns.count ? planColumns[index].type : .unknown
            let type = planType != .unknown ? planType : column.type
            return StatementResult.Column(name: column.name, typeName: type.rawValue)
        }
        // SQLite's 0 and 1 for boolean expressions read as booleans, as PostgreSQL returns them; PostgreSQL writes
        // jsonb as `[1, 2]`, SQLite and JSON itself as `[1,2]`: the same text on both.
        let booleans = mode == .explain ? [] : statement.integerBooleanColumns(on: session.connection.kind)
        let jsonColumns =
            session.connection.kind == .postgresql ? planColumns.indices.filter { planColumns[$0].type == .json } : []
        func read() -> [DatabaseValue] {
            var row = driverColumns.indices.map { cursor.value(at: $0) }
            for column in booleans { row[column].decodeBoolean() }
            for column in jsonColumns {
                if case .text(let text) = row[column], let compact = JSONText.compacted(text) {
                    row[column] = .text(compact)
                }
            }
            return row
        }
        executedCount += 1
        var result = StatementResult(
            statementNumber: executedCount, line: step.line, kind: .query, sql: sql,
            parameters: statement.parameters, columns: columns, rows: [], rowCount: 0)
        var truncated = false
        if let rowStream, mode == .rows {
            try rowStream.begin(result)
            var count = 0
            while try cursor.next() {
                if let limit = options.rowLimit, count >= limit {
                    truncated = true
                    break
                }
                try rowStream.row(read())
                count += 1
            }
            result.rowCount = count
            result.rowsWereStreamed = true
        } else {
            var rows: [[DatabaseValue]] = []
            var keep = options.rowLimit
            if case .lastRows(let count) = mode { keep = min(count, options.rowLimit ?? count) }
            while try cursor.next() {
                if case .lastRows = mode, let keep {
                    // Dropped in batches, so `.tail(n)` of a long result costs one move per row, not n.
                    rows.append(read())
                    if rows.count > 2 * keep + 64 { rows.removeFirst(rows.count - keep) }
                    continue
                }
                if let limit = keep, rows.count >= limit {
                    truncated = true
                    break
                }
                rows.append(read())
            }
            if case .lastRows = mode, let keep, rows.count > keep { rows.removeFirst(rows.count - keep) }
            result.rows = rows
            result.rowCount = rows.count
        }
        result.truncated = truncated
        result.elapsed = clock.now - start
        return result
    }

    private var savepoints: [String] = []
    private var transactionReadOnly = false

    /// Commits or rolls back the block's work so far (the block then goes on in a new transaction), or manages a
    /// savepoint; `rollback_to_savepoint()` without a name goes back to the latest savepoint.
    private func control(_ action: TransactionAction, step: ScriptStep) throws {
        let connection = session.connection
        guard connection.isInTransaction else {
            throw ScriptError(
                code: DiagnosticCode.transactionMisuse.rawValue,
                message: "txn.… can only be used inside a `with db.transaction()` block",
                range: step.range, line: step.line, column: step.column)
        }
        func named(_ name: String?) throws -> String {
            if let name { return name }
            guard let last = savepoints.last else {
                throw ScriptError(
                    code: DiagnosticCode.transactionMisuse.rawValue, message: "there is no savepoint to go back to",
                    range: step.range,
                    line: step.line, column: step.column)
            }
            return last
        }
        switch action {
        case .commit:
            try connection.commit()
            savepoints.removeAll()
            try connection.beginTransaction(readOnly: transactionReadOnly)
        case .rollback:
            try connection.rollback()
            savepoints.removeAll()
            try connection.beginTransaction(readOnly: transactionReadOnly)
        case .savepoint(let name):
            let name = name ?? "moltres_savepoint_\(savepoints.count + 1)"
            try connection.savepoint(name)
            savepoints.append(name)
        case .rollbackToSavepoint(let name):
            try connection.rollback(toSavepoint: named(name))
        case .releaseSavepoint(let name):
            let name = try named(name)
            try connection.releaseSavepoint(name)
            savepoints.removeAll { $0 == name }
        }
    }

    private func runMutation(_ mutations: [MutationPlan], step: ScriptStep) throws -> StatementResult {
        if options.readOnly {
            throw ScriptError(
                code: "MOL5002", message: "this statement writes to the database, and the run is read-only",
                range: step.range, line: step.line, column: step.column)
        }
        prepareConnection()
        let catalog = (try? session.catalog()) ?? .empty
        let statements = try mutations.flatMap { try generateSQL(for: $0, dialect: session.dialect, catalog: catalog) }
        let connection = session.connection
        let clock = ContinuousClock()
        let start = clock.now
        let changed = try connection.transaction {
            try statements.reduce(0) { $0 + (try connection.execute($1.text, parameters: $1.parameters)) }
        }
        let elapsed = clock.now - start
        if mutations.contains(where: \.changesCatalog) { _ = try? session.catalog(refresh: true) }
        executedCount += 1
        return StatementResult(
            statementNumber: executedCount, line: step.line, kind: .mutation,
            sql: statements.map(\.text).joined(separator: ";\n"), parameters: statements.flatMap(\.parameters),
            columns: [], rows: [], rowCount: changed, elapsed: elapsed)
    }
}
