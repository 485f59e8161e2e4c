import Foundation
import Moltres
import MoltresProtocol

/// The code of database errors mapped back onto a statement (LANGUAGE.md, Diagnostics: MOL6xxx).
let databaseErrorCode = DiagnosticCode("MOL6001")

extension LanguageServer {
    /// `moltres.showSQL`, `moltres.runQuery`, `moltres.runFile` and `moltres.explain`; runs on the database queue.
    func statementCommand(
        _ command: String, arguments: StatementCommandArguments, context: RequestContext<LSPAny?>
    ) throws -> LSPAny? {
        let snapshot = try snapshot(arguments.uri)
        var target = connectionTarget(for: snapshot)
        if let name = arguments.connection {
            let (configuration, root) = state.withLock { ($0.configuration, $0.rootURL) }
            guard let connection = configuration.connections[name] else {
                throw ResponseError(code: ResponseError.invalidParams, message: "unknown connection '\(name)'")
            }
            target = self.target(for: connection, root: root)
        }
        let dialect = arguments.dialect ?? target?.dialect ?? .sqlite
        let catalog = catalog(for: snapshot)
        let compilation = compile(snapshot.source, catalog: catalog, dialect: dialect)

        func statementAtPosition() throws -> CompiledStatement {
            guard let position = arguments.position else {
                throw ResponseError(code: ResponseError.invalidParams, message: "\(command) needs a position")
            }
            let offset = PositionConverter(source: snapshot.source, encoding: encoding).byteOffset(of: position)
            // Prefer the statement that starts at or before the position and ends after it: at a line start,
            // the statement of that line rather than the one ending there.
            func innermost(_ statements: [CompiledStatement]) -> CompiledStatement? {
                guard let match = statements.first(where: { $0.range.contains(offset) }) else { return nil }
                return innermost(match.children) ?? match
            }
            guard let statement = innermost(compilation.statements) ?? compilation.statement(containing: offset) else {
                throw ResponseError(code: ResponseError.requestFailed, message: "no statement at this position")
            }
            try requireRunnable(statement, compilation: compilation)
            return statement
        }

        switch command {
        case "moltres.showSQL":
            if arguments.wholeFile {
                let statements = try runnableStatements(compilation).map { statement -> LSPAny in
                    let sql = try sqlOf(statement, dialect: dialect, catalog: catalog)
                    return [
                        "line": .integer(Int64(snapshot.source.line(containing: statement.range.start))),
                        "kind": .string(kindName(statement)), "sql": .string(sql.prettyText),
                        "parameters": .array(sql.parameters.map(json)),
                    ]
                }
                return ["dialect": .string(dialect.rawValue), "statements": .array(statements)]
            }
            let sql = try sqlOf(try statementAtPosition(), dialect: dialect, catalog: catalog)
            return [
                "sql": .string(sql.prettyText), "parameters": .array(sql.parameters.map(json)),
                "dialect": .string(dialect.rawValue),
            ]
        case "moltres.runQuery":
            let statement = try statementAtPosition()
            let target = try requireTarget(target)
            if statement.kind == .mutation, let refusal = writeRefusal(arguments) { return refusal }
            return try withProgress(title: "Running query", message: target.displayURL) {
                try run(
                    statement, target: target, snapshot: snapshot, catalog: catalog, arguments: arguments,
                    context: context)
            }.get()
        case "moltres.runFile":
            let target = try requireTarget(target)
            let statements = try runnableStatements(compilation)
            let writes = statements.contains { $0.kind == .mutation }
            if writes, let refusal = writeRefusal(arguments) { return refusal }
            // One connection for the whole file; the statements of a `with` block run in one transaction.
            let database = try open(target, readOnly: !writes)
            var results: [LSPAny] = []
            func runOne(_ statement: CompiledStatement) throws {
                if context.isCancelled {
                    throw ResponseError(code: ResponseError.requestCancelled, message: "cancelled")
                }
                var result = try run(
                    statement, target: target, snapshot: snapshot, catalog: catalog, arguments: arguments,
                    context: context, database: database)
                if case .object(var object) = result {
                    object["line"] = .integer(Int64(snapshot.source.line(containing: statement.range.start) + 1))
                    object["kind"] = .string(kindName(statement))
                    result = .object(object)
                }
                results.append(result)
            }
            for statement in compilation.statements {
                if statement.kind == .transaction {
                    let readOnly = statement.transactionOptions?.readonly ?? false
                    try database.transaction(readOnly: readOnly) {
                        for child in statement.children where child.isRunnable { try runOne(child) }
                    }
                } else if statement.isRunnable {
                    try runOne(statement)
                }
            }
            return ["statements": .array(results)]
        case "moltres.explain":
            let statement = try statementAtPosition()
            let target = try requireTarget(target)
            guard statement.kind == .query else {
                throw ResponseError(code: ResponseError.requestFailed, message: "only queries can be explained")
            }
            let sql = try sqlOf(statement, dialect: target.dialect, catalog: catalog)
            let prefix = target.dialect == .sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN "
            let database = try open(target, readOnly: true)
            let result = try track(database, context: context) {
                try database.collect(prefix + sql.text, parameters: sql.parameters)
            }
            let plan = result.rows.map { row in
                row.map(\.description).joined(separator: target.dialect == .sqlite ? " | " : "")
            }.joined(separator: "\n")
            return ["plan": .string(plan), "sql": .string(sql.prettyText)]
        default:
            throw ResponseError(code: ResponseError.invalidParams, message: "unknown command \(command)")
        }
    }

    // MARK: Running

    private func run(
        _ statement: CompiledStatement, target: ConnectionTarget, snapshot: DocumentSnapshot, catalog: Catalog,
        arguments: StatementCommandArguments, context: RequestContext<LSPAny?>,
        database shared: (any DatabaseConnection)? = nil
    ) throws -> LSPAny {
        let configuration = state.withLock { $0.configuration }
        let limit = max(1, arguments.limit ?? configuration.rowLimit)
        let started = ContinuousClock.now
        func elapsed() -> LSPAny {
            let duration = ContinuousClock.now - started
            return .double(Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
        }
        if statement.kind == .mutation {
            let statements = try sqlStatementsOf(statement, dialect: target.dialect, catalog: catalog)
            let database = try shared ?? open(target, readOnly: false)
            let count = try report(statement, in: snapshot) {
                try track(database, context: context) {
                    try database.transaction {
                        try statements.reduce(0) { $0 + (try database.execute($1.text, parameters: $1.parameters)) }
                    }
                }
            }
            // A write may change the schema (DDL) — reload it in the background.
            refreshCatalogs(reason: "after a write")
            return [
                "kind": "mutation", "rowCount": .integer(Int64(count)), "elapsedMs": elapsed(),
                "sql": .string(statements.map(\.text).joined(separator: ";\n")),
            ]
        }
        let sql = try sqlOf(statement, dialect: target.dialect, catalog: catalog)
        let database = try shared ?? open(target, readOnly: true)
        let (columns, rows, truncated) = try report(statement, in: snapshot) {
            try track(database, context: context) { () throws -> ([ResultColumn], [[DatabaseValue]], Bool) in
                let cursor = try database.query(sql.text, parameters: sql.parameters)
                defer { cursor.close() }
                var rows: [[DatabaseValue]] = []
                var truncated = false
                while try cursor.next() {
                    if rows.count == limit {
                        truncated = true
                        break
                    }
                    rows.append(cursor.columns.indices.map { cursor.value(at: $0) })
                }
                return (cursor.columns, rows, truncated)
            }
        }
        clearDatabaseDiagnostics(snapshot.uri)
        return [
            "kind": "query",
            "columns": .array(
                columns.map { ["name": .string($0.name), "type": .string($0.declaredType ?? $0.type.rawValue)] }),
            "rows": .array(rows.map { .array($0.map(json)) }), "rowCount": .integer(Int64(rows.count)),
            "truncated": .bool(truncated), "elapsedMs": elapsed(), "sql": .string(sql.prettyText),
        ]
    }

    /// Opens a connection for a command, with the configured statement timeout.
    private func open(_ target: ConnectionTarget, readOnly: Bool) throws -> any DatabaseConnection {
        do {
            let database = try Database.open(target.url, readOnly: readOnly)
            let seconds = state.withLock { $0.configuration.queryTimeoutSeconds }
            if seconds > 0 { database.statementTimeout = .milliseconds(Int64(seconds * 1000)) }
            return database
        } catch {
            throw ResponseError(
                code: ResponseError.requestFailed, message: "cannot connect to \(target.displayURL): \(error)")
        }
    }

    /// Runs `body` with the connection registered for `$/cancelRequest`, which interrupts it in the database.
    private func track<Value>(
        _ database: any DatabaseConnection, context: RequestContext<LSPAny?>, _ body: () throws -> Value
    ) throws -> Value {
        let canceller = database.makeCanceller()
        let key = context.id.description
        runningQueries.withLock { $0[key] = canceller }
        defer { runningQueries.withLock { _ = $0.removeValue(forKey: key) } }
        context.cancellationToken.onCancel { canceller.cancel() }
        do {
            return try body()
        } catch let error as DatabaseError where error.kind == .cancelled || context.isCancelled {
            throw ResponseError(code: ResponseError.requestCancelled, message: "the query was cancelled")
        }
    }

    /// Runs `body`; a database error becomes a MOL6001 diagnostic on the statement and a RequestFailed reply.
    private func report<Value>(
        _ statement: CompiledStatement, in snapshot: DocumentSnapshot, _ body: () throws -> Value
    ) throws -> Value {
        do {
            return try body()
        } catch let error as ResponseError {
            throw error
        } catch {
            let message = (error as? DatabaseError)?.message ?? "\(error)"
            let diagnostic = Moltres.Diagnostic(
                code: databaseErrorCode, range: statement.range, message: "the database reported: \(message)")
            state.withLock { $0.databaseDiagnostics[snapshot.uri] = (snapshot.version, [diagnostic]) }
            scheduleDiagnostics(snapshot.uri, immediately: true)
            throw ResponseError(code: ResponseError.requestFailed, message: "the database reported: \(message)")
        }
    }

    private func clearDatabaseDiagnostics(_ uri: DocumentUri) {
        let had = state.withLock { $0.databaseDiagnostics.removeValue(forKey: uri) != nil }
        if had { scheduleDiagnostics(uri, immediately: true) }
    }

    // MARK: Helpers

    private func requireTarget(_ target: ConnectionTarget?) throws -> ConnectionTarget {
        guard let target else {
            throw ResponseError(
                code: ResponseError.requestFailed,
                message: "no database connection: add one to moltres.toml or the moltres.connections setting")
        }
        return target
    }

    private func requireRunnable(_ statement: CompiledStatement, compilation: Compilation) throws {
        guard statement.isPreviewable else {
            let error = compilation.diagnostics.first {
                $0.severity == .error && statement.range.touches($0.range.start)
            }
            let reason = error.map { "\($0.message) [\($0.code)]" } ?? "it is not a query or a write statement"
            throw ResponseError(code: ResponseError.requestFailed, message: "this statement cannot run: \(reason)")
        }
    }

    /// The runnable statements of a file, `with` blocks flattened, in order.
    private func runnableStatements(_ compilation: Compilation) throws -> [CompiledStatement] {
        func flatten(_ statements: [CompiledStatement]) -> [CompiledStatement] {
            statements.flatMap { $0.kind == .transaction ? flatten($0.children) : [$0] }
        }
        return flatten(compilation.statements).filter(\.isRunnable)
    }

    private func sqlOf(_ statement: CompiledStatement, dialect: DatabaseKind, catalog: Catalog) throws -> SQLStatement {
        do {
            if statement.kind == .binding, let plan = statement.plan {
                return try generateSQL(for: plan, dialect: makeDialect(dialect), catalog: catalog)
            }
            return try statement.sql(dialect: dialect, catalog: catalog)
        } catch let error as CompileError {
            throw ResponseError(
                code: ResponseError.requestFailed, message: "\(error.diagnostic.message) [\(error.diagnostic.code)]")
        } catch let error as PlanError {
            throw ResponseError(code: ResponseError.requestFailed, message: "\(error.message) [\(error.code)]")
        }
    }

    private func sqlStatementsOf(
        _ statement: CompiledStatement, dialect: DatabaseKind, catalog: Catalog
    ) throws -> [SQLStatement] {
        do {
            return try statement.sqlStatements(dialect: dialect, catalog: catalog)
        } catch let error as CompileError {
            throw ResponseError(
                code: ResponseError.requestFailed, message: "\(error.diagnostic.message) [\(error.diagnostic.code)]")
        }
    }

    /// The reply that asks the client to confirm a write, or `nil` when writes may run.
    private func writeRefusal(_ arguments: StatementCommandArguments) -> LSPAny? {
        let allowed = state.withLock { $0.configuration.allowWrites }
        if allowed || arguments.confirmed { return nil }
        return [
            "needsConfirmation": true,
            "message":
                "This statement writes to the database. Run it? (Set allow_writes = true in moltres.toml to stop asking.)",
        ]
    }

    /// `query` or `mutation`, as the commands report it.
    private func kindName(_ statement: CompiledStatement) -> String {
        statement.kind == .mutation ? "mutation" : "query"
    }

    /// A database value as JSON (blobs as hex text).
    func json(_ value: DatabaseValue) -> LSPAny {
        switch value {
        case .null: return .null
        case .integer(let integer): return .integer(integer)
        case .real(let real): return real.isFinite ? .double(real) : .string(String(real))
        case .text(let text): return .string(text)
        case .blob(let bytes): return .string(bytes.map { String(format: "%02x", $0) }.joined())
        case .boolean(let bool): return .bool(bool)
        }
    }
}

extension CompiledStatement {
    /// A runnable statement, or an error-free binding whose value is a DataFrame (the editor previews it).
    var isPreviewable: Bool {
        isRunnable || (kind == .binding && plan != nil && !hasErrors)
    }
}
