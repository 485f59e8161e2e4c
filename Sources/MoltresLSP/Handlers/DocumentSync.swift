import Foundation
import Moltres
import MoltresProtocol

extension LanguageServer {
    /// `textDocument/didOpen`.
    func handleDidOpen(_ params: DidOpenTextDocumentParams) {
        let document = params.textDocument
        _ = documents.open(uri: document.uri, version: document.version, text: document.text)
        scheduleDiagnostics(document.uri, immediately: true)
    }

    /// `textDocument/didChange`: applies full or incremental changes in order.
    func handleDidChange(_ params: DidChangeTextDocumentParams) {
        let uri = params.textDocument.uri
        DiagnosticsTrace.mark(params.textDocument.version, "received")
        guard
            documents.change(
                uri: uri, version: params.textDocument.version, changes: params.contentChanges, encoding: encoding)
                != nil
        else {
            log("didChange for a document that is not open: \(uri)", type: .warning)
            return
        }
        // Leading and trailing debounce: an edit after a quiet spell is checked at once (diagnostics follow a
        // pause in typing without waiting), while edits in quick succession wait for the delay after the last.
        let now = DispatchTime.now()
        let previous = lastEdits.withLock { edits in
            defer { edits[uri] = now }
            return edits[uri]
        }
        let quiet = previous.map { now > $0 + diagnosticsDelay } ?? true
        DiagnosticsTrace.mark(params.textDocument.version, quiet ? "applied" : "applied-debounced")
        scheduleDiagnostics(uri, immediately: quiet)
    }

    /// `textDocument/didClose`: forgets the document and clears its diagnostics.
    func handleDidClose(_ params: DidCloseTextDocumentParams) {
        documents.close(uri: params.textDocument.uri)
        semanticTokensResults.withLock { _ = $0.removeValue(forKey: params.textDocument.uri) }
        lastEdits.withLock { _ = $0.removeValue(forKey: params.textDocument.uri) }
        state.withLock { state in
            state.analyses[params.textDocument.uri] = nil
            state.published[params.textDocument.uri] = nil
            state.databaseDiagnostics[params.textDocument.uri] = nil
            state.sqlCheckMemos[params.textDocument.uri] = nil
        }
        connection.send(
            notification: PublishDiagnosticsNotification.self,
            params: PublishDiagnosticsParams(uri: params.textDocument.uri, diagnostics: []))
    }

    /// `textDocument/didSave`: nothing to do (the text is already current); a saved `moltres.toml` reloads.
    func handleDidSave(_ params: DidSaveTextDocumentParams) {
        if params.textDocument.uri.hasSuffix("/moltres.toml") {
            reloadConfiguration()
            refreshCatalogs(reason: "moltres.toml saved")
        }
    }

    // MARK: Diagnostics

    /// Publishes diagnostics for the newest version of `uri` after the debounce, unless a newer version arrives.
    ///
    /// With `validate`, the queries are then prepared on the database (without running them) and any error it
    /// reports is added as a MOL6001 diagnostic.
    func scheduleDiagnostics(_ uri: DocumentUri, immediately: Bool = false, validate: Bool = true) {
        guard let version = documents.version(uri) else { return }
        let delay: DispatchTimeInterval = immediately ? .milliseconds(0) : diagnosticsDelay
        analysisQueue.asyncAfter(deadline: .now() + delay) { [self] in
            guard documents.version(uri) == version, let snapshot = documents.snapshot(uri) else { return }
            DiagnosticsTrace.mark(version, "started")
            if DiagnosticsTrace.path != nil {
                _ = snapshot.tree
                DiagnosticsTrace.mark(version, "parsed")
            }
            let diagnostics = diagnostics(for: snapshot)
            DiagnosticsTrace.mark(version, "converted")
            // Drop the result if the document changed while it was computed.
            guard documents.version(uri) == version else { return }
            let unchanged = state.withLock { state -> Bool in
                if let last = state.published[uri], last.version == version, last.diagnostics == diagnostics {
                    return true
                }
                state.published[uri] = (version, diagnostics)
                return false
            }
            if !unchanged {
                connection.send(
                    notification: PublishDiagnosticsNotification.self,
                    params: PublishDiagnosticsParams(uri: uri, version: version, diagnostics: diagnostics))
            }
            DiagnosticsTrace.mark(version, "sent")
            if validate { validateOnDatabase(snapshot) }
            // Build what hover and completion need now, after the diagnostics are out, unless the document
            // moved on: the first request on this version then answers in microseconds, on the read thread.
            if documents.version(uri) == version, let analysis = currentAnalysis(of: snapshot) { analysis.prewarm() }
            DiagnosticsTrace.mark(version, "prewarmed")
            DiagnosticsTrace.flush(version)
        }
    }

    /// The most query statements of one document prepared on the database per edit.
    static let validationLimit = 200

    /// The queries the database can prepare as it is: the runnable ones before the file's first `CREATE TABLE` or
    /// `DROP TABLE` (those after it were checked against the schema as the file changes it, which the database
    /// does not have until the file runs), and before a `connect(...)` to another database unless the caller
    /// validates each database's statements on it (`acrossConnections`).
    static func queriesToValidate(
        _ statements: [CompiledStatement], acrossConnections: Bool = false
    ) -> [CompiledStatement] {
        func changesSchema(_ statement: CompiledStatement) -> Bool {
            statement.children.contains(where: changesSchema) || statement.mutations.contains(where: \.changesSchema)
        }
        var queries: [CompiledStatement] = []
        var connection: String?
        for statement in statements {
            if changesSchema(statement) { break }
            if !acrossConnections, statement.kind == .connect, let target = statement.connectionTarget {
                if let connection, connection != target { break }
                connection = target
            }
            if statement.isRunnable && statement.kind == .query { queries.append(statement) }
        }
        return queries
    }

    /// Prepares each error-free query of a snapshot on its database (`describe`, which compiles the SQL without
    /// running it) and publishes the database's errors as MOL6001 diagnostics on the statements. In a file that
    /// connects to several databases, each query is prepared on the database of the `connect(...)` before it.
    func validateOnDatabase(_ snapshot: DocumentSnapshot) {
        // The file's own target, found once: finding it reads the file's statements.
        guard let fileTarget = connectionTarget(for: snapshot) else { return }
        databaseQueue.async { [self] in
            guard documents.version(snapshot.uri) == snapshot.version else { return }
            let whole = analysis(of: snapshot)
            // The queries per database, each database's only once its schema is loaded (the checker has run).
            var groups: [(target: ConnectionTarget, queries: [CompiledStatement])] = []
            let queries = Self.queriesToValidate(
                whole.compilation.statements, acrossConnections: !whole.regions.isEmpty)
            for statement in queries.prefix(Self.validationLimit) {
                let region = whole.connectArgument(at: statement.range.start)
                let target = region.flatMap(target(connect:)) ?? fileTarget
                guard state.withLock({ $0.catalogs[target.url] != nil }) else { continue }
                if let index = groups.firstIndex(where: { $0.target == target }) {
                    groups[index].queries.append(statement)
                } else {
                    groups.append((target, [statement]))
                }
            }
            guard !groups.isEmpty else { return }
            var found: [Moltres.Diagnostic] = []
            for (target, queries) in groups {
                let database: any DatabaseConnection
                do {
                    database = try validationConnection(target)
                } catch {
                    reportLostConnection(target, error)
                    return
                }
                let analysis = whole.scoped(at: queries[0].range.start)
                for statement in queries {
                    guard let sql = try? statement.sql(dialect: target.dialect, catalog: analysis.catalog) else {
                        continue
                    }
                    do {
                        _ = try database.describe(sql.text)
                    } catch let error as DatabaseError
                        where error.kind == .sql || (error.kind == .other && !Self.isConnectionFailure(error))
                    {
                        found.append(
                            Moltres.Diagnostic(
                                code: databaseErrorCode, range: statement.range,
                                message: "the database reported: \(error.message)"))
                    } catch {
                        // A connection problem (the server stopped or restarted): forget the connection, tell the
                        // user once, and keep the cached schema; the next validation connects again.
                        validationConnections.withLock { _ = $0.removeValue(forKey: target.url) }
                        reportLostConnection(target, error)
                        return
                    }
                }
            }
            found.sort { $0.range.start < $1.range.start }
            let changed = state.withLock { state -> Bool in
                let previous = state.databaseDiagnostics[snapshot.uri]
                let new = (snapshot.version, found)
                if previous?.version == new.0 && previous?.diagnostics == found { return false }
                if previous == nil && found.isEmpty { return false }
                state.databaseDiagnostics[snapshot.uri] = found.isEmpty ? nil : new
                return true
            }
            if changed { scheduleDiagnostics(snapshot.uri, immediately: true, validate: false) }
        }
    }

    /// A read-only connection kept open for validation; used only on the database queue.
    private func validationConnection(_ target: ConnectionTarget) throws -> any DatabaseConnection {
        if let open = validationConnections.withLock({ $0[target.url] }) { return open }
        // Through a session, which registers the dialect's functions (`moltres_upper`, `moltres_md5`, …) on the
        // connection: without them SQLite refuses to prepare any query that uses one.
        let database = try Session(connection: Database.open(target.url, readOnly: true)).connection
        validationConnections.withLock { $0[target.url] = database }
        state.withLock { _ = $0.connectionErrors.removeValue(forKey: target.url) }
        return database
    }

    /// Whether an error with no better kind is a lost connection rather than a problem of the statement: the
    /// server did not give an SQLSTATE (PostgreSQL) nor an extended result code (SQLite).
    static func isConnectionFailure(_ error: DatabaseError) -> Bool {
        error.kind == .connection || (error.sqlState == nil && error.sqliteCode == nil)
    }

    /// Shows a `window/showMessage` warning the first time a connection that worked fails (until it works again or
    /// the schema is refreshed): the editor keeps the cached schema, and database checks pause.
    private func reportLostConnection(_ target: ConnectionTarget, _ error: any Error) {
        let message = (error as? DatabaseError)?.message ?? "\(error)"
        let first = state.withLock { state -> Bool in
            defer { state.connectionErrors[target.url] = message }
            return state.connectionErrors[target.url] == nil
        }
        guard first else { return }
        log("lost the connection to \(target.displayURL): \(message)", type: .warning)
        show(
            "Moltres: cannot reach \(target.displayURL) (\(message)). Completions use the cached schema; "
                + "run \"Moltres: Refresh Schema\" when the database is back.", type: .warning)
    }

    /// Re-publishes diagnostics for every open document (after the schema changed).
    func republishAllDiagnostics() {
        for document in documents.all { scheduleDiagnostics(document.uri, immediately: true) }
    }

    /// The LSP diagnostics of a snapshot.
    func diagnostics(for snapshot: DocumentSnapshot) -> [MoltresProtocol.Diagnostic] {
        let converter = converter(snapshot)
        var diagnostics = analysis(of: snapshot).diagnostics
        DiagnosticsTrace.mark(snapshot.version, "analysed")
        if let fromDatabase = state.withLock({ $0.databaseDiagnostics[snapshot.uri] }),
            fromDatabase.version == snapshot.version
        {
            diagnostics += fromDatabase.diagnostics
        }
        diagnostics += unreachableConnectionDiagnostics(snapshot)
        return diagnostics.map { lspDiagnostic($0, converter: converter, uri: snapshot.uri) }
    }

    /// A MOL6002 warning on each `connect("…")` argument of the file whose database could not be reached (its
    /// schema failed to load and none is cached): its tables and columns are not being checked.
    func unreachableConnectionDiagnostics(_ snapshot: DocumentSnapshot) -> [Moltres.Diagnostic] {
        var found: [Moltres.Diagnostic] = []
        for statement in snapshot.tree.root.statements {
            guard statement.kind == .bindingStatement, let binding = BindingStatement(statement),
                let value = binding.value, value.firstToken?.text == "connect", let call = CallExpression(value),
                call.calleeName == "connect", let first = call.positionalArguments.first?.value,
                let literal = StringLiteral(first), let target = target(connect: literal.value)
            else { continue }
            let error = state.withLock { state in
                state.catalogs[target.url] == nil ? state.connectionErrors[target.url] : nil
            }
            guard let error else { continue }
            // The URL in the error may carry a password from the environment: shown redacted.
            let reason = error.replacingOccurrences(of: target.url, with: target.displayURL)
            found.append(
                Moltres.Diagnostic(
                    code: DiagnosticCode("MOL6002"), severity: .warning, range: first.range,
                    message: "cannot connect to \(target.displayURL) (\(reason)); tables and columns are not checked"))
        }
        return found
    }

    /// Converts an engine diagnostic.
    func lspDiagnostic(
        _ diagnostic: Moltres.Diagnostic, converter: PositionConverter, uri: DocumentUri
    ) -> MoltresProtocol.Diagnostic {
        let related = diagnostic.related.map { information in
            DiagnosticRelatedInformation(
                location: Location(uri: uri, range: converter.range(of: information.range)),
                message: information.message)
        }
        return MoltresProtocol.Diagnostic(
            range: converter.range(of: diagnostic.range),
            severity: MoltresProtocol.DiagnosticSeverity(rawValue: diagnostic.severity.rawValue),
            code: .string(diagnostic.code.rawValue), source: "moltres", message: diagnostic.message,
            relatedInformation: related.isEmpty ? nil : related)
    }
}
