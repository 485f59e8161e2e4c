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
        let offset = arguments.position.map {
            PositionConverter(source: snapshot.source, encoding: encoding).byteOffset(of: $0)
        }
        // In a file that connects to several databases, a statement runs on (and compiles against) the database of
        // the connect(...) before it, as `moltres run` runs it.
        let whole = analysis(of: snapshot)
        let analysis = whole.scoped(at: offset ?? 0)
        var target = whole.connectArgument(at: offset ?? 0).flatMap(target(connect:)) ?? connectionTarget(for: snapshot)
        if let name = arguments.connection {
            let (configuration, root) = state.withLock { ($0.configuration, $0.rootURL) }
            guard let connection = configuration.connections[name] else {
                throw ResponseError(code: ResponseError.invalidParams, message: "unknown connection '\(name)'")
            }
            target = self.target(for: connection, root: root)
        }
        let dialect = arguments.dialect ?? target?.dialect ?? .sqlite
        let catalog = analysis.catalog
        let compilation =
            dialect == analysis.dialect
            ? analysis.compilation : compile(snapshot.source, catalog: catalog, dialect: dialect)
        // Several databases: the whole file runs as `moltres run` runs it, switching at each connect(...).
        let switchesConnections = !whole.regions.isEmpty && arguments.connection == nil

        func statementAtPosition(allowBlock: Bool = false) throws -> CompiledStatement {
            guard let offset else {
                throw ResponseError(code: ResponseError.invalidParams, message: "\(command) needs a position")
            }
            // Prefer the statement that starts at or before the position and ends after it: at a line start,
            // the statement of that line rather than the one ending there.
            func innermost(_ statements: [CompiledStatement]) -> CompiledStatement? {
                guard let match = statements.first(where: { $0.range.contains(offset) }) else { return nil }
                return innermost(match.children) ?? match
            }
            guard let statement = innermost(compilation.statements) ?? compilation.statement(containing: offset) else {
                throw ResponseError(code: ResponseError.requestFailed, message: "no statement at this position")
            }
            if allowBlock && statement.kind == .transaction { return statement }
            try requireRunnable(statement, compilation: compilation)
            return statement
        }
        func containsWrites(_ statements: [CompiledStatement]) -> Bool {
            statements.contains { $0.kind == .mutation || containsWrites($0.children) }
        }

        switch command {
        case "moltres.showSQL":
            if arguments.wholeFile {
                let file = switchesConnections ? whole.compilation : compilation
                let statements = try runnableStatements(file).map { statement -> LSPAny in
                    // Several databases: each statement in its own region's dialect (unless one was asked for).
                    let region = switchesConnections ? whole.scoped(at: statement.range.start) : analysis
                    let statementDialect = switchesConnections ? arguments.dialect ?? region.dialect : dialect
                    let sql = try sqlOf(statement, dialect: statementDialect, catalog: region.catalog)
                    return [
                        "line": .integer(Int64(snapshot.source.line(containing: statement.range.start))),
                        "kind": .string(kindName(statement)), "sql": .string(sql.prettyText),
                        "parameters": .array(sql.parameters.map(json)), "dialect": .string(statementDialect.rawValue),
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
            let statement = try statementAtPosition(allowBlock: true)
            let target = try requireTarget(target)
            if statement.kind == .transaction {
                // A `with db.transaction()` header: the block runs as one transaction, as `moltres run` runs it.
                let source = compilation.tree.source
                if let error = compilation.diagnostics.first(where: {
                    $0.severity == .error && statement.range.contains($0.range.start)
                }) {
                    let located = ScriptError(diagnostic: error, source: source)
                    throw ResponseError(
                        code: ResponseError.requestFailed,
                        message:
                            "the block has errors; nothing ran: line \(located.line): \(error.message) [\(error.code)]")
                }
                let writes = containsWrites([statement])
                if writes, let refusal = try writeRefusal(arguments) { return refusal }
                let steps = ScriptStep.steps(of: [statement], source: source, includeConnects: false)
                let results = try withProgress(title: "Running query", message: target.displayURL) {
                    try runScript(
                        steps, writes: writes, target: target, snapshot: snapshot, arguments: arguments,
                        context: context)
                }.get()
                return ["statements": .array(results.map { json($0) })]
            }
            let writes = statement.kind == .mutation
            if writes, let refusal = try writeRefusal(arguments) { return refusal }
            let source = compilation.tree.source
            let steps: [ScriptStep]
            if statement.kind == .binding, let plan = statement.plan {
                // A binding whose value is a DataFrame: preview its rows.
                let position = source.position(of: statement.range.start, encoding: .utf32)
                steps = [
                    ScriptStep(
                        action: .query(plan), range: statement.range, line: position.zeroBasedLine + 1,
                        column: position.column + 1)
                ]
            } else {
                steps = ScriptStep.steps(of: [statement], source: source, includeConnects: false)
            }
            let results = try withProgress(title: "Running query", message: target.displayURL) {
                try runScript(
                    steps, writes: writes, target: target, snapshot: snapshot, arguments: arguments, context: context)
            }.get()
            guard let result = results.first else {
                throw ResponseError(code: ResponseError.requestFailed, message: "this statement ran nothing")
            }
            return json(result)
        case "moltres.runFile":
            // The file runs as `moltres run` runs it: the shared ScriptRunner, `with db.transaction()` blocks in one
            // transaction (their results reported once committed), `txn.commit()` / `txn.rollback()` / savepoints
            // honoured, and nothing at all when the file has an error. The file's first `connect(...)` picked the
            // target; in a file that connects to several databases each later one switches to its database.
            let target = try requireTarget(target)
            let file = switchesConnections ? whole.compilation : compilation
            let source = file.tree.source
            if let error = file.diagnostics.first(where: { $0.severity == .error }) {
                let located = ScriptError(diagnostic: error, source: source)
                throw ResponseError(
                    code: ResponseError.requestFailed,
                    message: "the file has errors; nothing ran: line \(located.line): \(error.message) [\(error.code)]")
            }
            let steps = ScriptStep.steps(of: file.statements, source: source, includeConnects: switchesConnections)
            let writes = containsWrites(file.statements)
            if writes, let refusal = try writeRefusal(arguments) { return refusal }
            let results = try withProgress(title: "Running query", message: target.displayURL) {
                try runScript(
                    steps, writes: writes, target: target, snapshot: snapshot, arguments: arguments, context: context)
            }.get()
            return ["statements": .array(results.map { json($0) })]
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

    /// Runs script steps with the engine's `ScriptRunner` (what `moltres run` uses) on a fresh connection.
    ///
    /// The connection is read-only unless the steps write (and the write was allowed or confirmed); the runner is
    /// read-only too, so a write can never slip through. `$/cancelRequest` interrupts the running statement in the
    /// database; a failure becomes a diagnostic on the failing statement and a `RequestFailed` reply.
    private func runScript(
        _ steps: [ScriptStep], writes: Bool, target: ConnectionTarget, snapshot: DocumentSnapshot,
        arguments: StatementCommandArguments, context: RequestContext<LSPAny?>
    ) throws -> [StatementResult] {
        let configuration = state.withLock { $0.configuration }
        let limit = max(1, arguments.limit ?? configuration.rowLimit)
        let timeout: Duration? =
            configuration.queryTimeoutSeconds > 0
            ? .milliseconds(Int64(configuration.queryTimeoutSeconds * 1000)) : nil
        let database = try open(target, readOnly: !writes)
        let session: Session
        do {
            session = try Session(connection: database)
        } catch {
            throw ResponseError(
                code: ResponseError.requestFailed, message: "cannot connect to \(target.displayURL): \(error)")
        }
        let runner = ScriptRunner(
            session: session, options: ScriptRunOptions(rowLimit: limit, readOnly: !writes, statementTimeout: timeout)
        ) { [self] argument in
            // A `connect(...)` step (only in a file that connects to several databases): its database, opened as
            // the first one was and cancellable by the same request.
            guard let target = self.target(connect: argument) else {
                throw DatabaseError(kind: .connection, message: "no connection named '\(argument)'")
            }
            let database = try open(target, readOnly: !writes)
            let canceller = database.makeCanceller()
            runningQueries.withLock { $0[context.id.description] = canceller }
            context.cancellationToken.onCancel { canceller.cancel() }
            return try Session(connection: database)
        }
        var results: [StatementResult] = []
        do {
            try track(database, context: context) {
                try runner.run(steps) { result in
                    if context.isCancelled {
                        throw ResponseError(code: ResponseError.requestCancelled, message: "cancelled")
                    }
                    results.append(result)
                }
            }
        } catch let error as ScriptError {
            if context.isCancelled {
                throw ResponseError(code: ResponseError.requestCancelled, message: "the query was cancelled")
            }
            let diagnostic = Moltres.Diagnostic(
                code: DiagnosticCode(error.code), range: error.range, message: error.message)
            state.withLock { $0.databaseDiagnostics[snapshot.uri] = (snapshot.version, [diagnostic]) }
            scheduleDiagnostics(snapshot.uri, immediately: true)
            if results.contains(where: { $0.kind == .mutation }) { refreshCatalogs(reason: "after a write") }
            throw ResponseError(
                code: ResponseError.requestFailed, message: "line \(error.line): \(error.message) [\(error.code)]")
        }
        // A write may change the schema (DDL) — reload it in the background.
        if results.contains(where: { $0.kind == .mutation }) { refreshCatalogs(reason: "after a write") }
        clearDatabaseDiagnostics(snapshot.uri)
        return results
    }

    /// A statement's result as the commands report it: `{line, kind, sql, parameters, columns, rows, rowCount,
    /// truncated, elapsedMs}` (`sqlOnly: true` for `.to_sql()` / `.show_sql()`).
    private func json(_ result: StatementResult) -> LSPAny {
        let elapsed = result.elapsed.components
        var object: [String: LSPAny] = [
            "line": .integer(Int64(result.line)), "kind": .string(result.kind.rawValue),
            "sql": .string(result.sql), "parameters": .array(result.parameters.map(json)),
            "rowCount": .integer(Int64(result.rowCount)),
            "elapsedMs": .double(Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15),
        ]
        if result.kind == .query {
            object["columns"] = .array(
                result.columns.map { ["name": .string($0.name), "type": .string($0.typeName)] })
            object["rows"] = .array(result.rows.map { .array($0.map(json)) })
            object["truncated"] = .bool(result.truncated)
            if result.isSQLPreview { object["sqlOnly"] = true }
        }
        return .object(
            JSONObject(object.sorted { $0.key < $1.key }.map { JSONObject.Entry(key: $0.key, value: $0.value) }))
    }

    /// Opens a connection for a command, with the configured statement timeout and the dialect's functions
    /// registered (a session registers them: `moltres.explain` of a query using `F.upper` needs `moltres_upper`).
    private func open(_ target: ConnectionTarget, readOnly: Bool) throws -> any DatabaseConnection {
        do {
            let database = try Session(connection: Database.open(target.url, readOnly: readOnly)).connection
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

    /// The reply that asks the client to confirm a write, or `nil` when the write may run.
    ///
    /// Writes run when `allow_writes` is set or the command says `confirmed: true`. Otherwise a client that
    /// answers `window/showMessageRequest` is asked right away (this runs on the database queue, never on the
    /// read thread, so the answer can arrive while it waits); a declined or dismissed question throws
    /// `RequestCancelled`. A client without that capability gets a `needsConfirmation` reply and may resend
    /// the command with `confirmed: true`.
    private func writeRefusal(_ arguments: StatementCommandArguments) throws -> LSPAny? {
        let (allowed, canAsk) = state.withLock {
            ($0.configuration.allowWrites, $0.supportsShowMessageRequest)
        }
        if allowed || arguments.confirmed { return nil }
        let question = "This statement writes to the database. Run it?"
        guard canAsk else {
            return [
                "needsConfirmation": true,
                "message": .string(question + " (Set allow_writes = true in moltres.toml to stop asking.)"),
            ]
        }
        if try askToRunWrite(question) { return nil }
        throw ResponseError(code: ResponseError.requestCancelled, message: "not run: the write was not confirmed")
    }

    /// Asks the user through `window/showMessageRequest` and waits for the answer.
    private func askToRunWrite(_ question: String) throws -> Bool {
        let runTitle = "Run"
        let answer = Protected<Result<MessageActionItem?, ResponseError>?>(nil)
        let answered = DispatchSemaphore(value: 0)
        _ = connection.send(
            request: ShowMessageRequest.self,
            params: ShowMessageRequestParams(
                type: .warning, message: question,
                actions: [MessageActionItem(title: runTitle), MessageActionItem(title: "Cancel")])
        ) { result in
            answer.withLock { $0 = result }
            answered.signal()
        }
        answered.wait()
        switch answer.withLock({ $0 }) {
        case .success(let item): return item?.title == runTitle
        case .failure(let error): throw error
        case nil: return false
        }
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
