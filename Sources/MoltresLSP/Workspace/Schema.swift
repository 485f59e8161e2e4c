import Foundation
import Moltres
import MoltresProtocol

/// Where a document's statements run: a URL and its dialect.
struct ConnectionTarget: Sendable, Hashable {
    /// The URL to open (password substituted, relative SQLite paths made absolute); never shown to the user.
    var url: String
    /// The dialect SQL is generated for.
    var dialect: DatabaseKind
    /// The connection's name in the configuration, when it has one.
    var name: String?

    /// The URL with its password hidden, for messages.
    var displayURL: String { ServerConfiguration.redacted(url) }
}

/// Marks the database queue, so code can tell whether it runs there.
let databaseQueueKey = DispatchSpecificKey<Bool>()

/// The key under which the offline schema file's catalog is cached.
private let schemaFileKey = "schema-file"

extension LanguageServer {
    /// The connection a document uses: its own `db = connect("…")` (a URL or a configured connection's name),
    /// else the selected or default connection of the workspace; `nil` when there is none.
    func connectionTarget(for snapshot: DocumentSnapshot?) -> ConnectionTarget? {
        if let snapshot, let argument = connectArgument(in: snapshot.tree), let target = target(connect: argument) {
            return target
        }
        let (configuration, root) = state.withLock { ($0.configuration, $0.rootURL) }
        return configuration.currentConnection.map { target(for: $0, root: root) }
    }

    /// The target of a `connect("…")` argument: a URL, or the name of a configured connection.
    func target(connect argument: String) -> ConnectionTarget? {
        let (configuration, root) = state.withLock { ($0.configuration, $0.rootURL) }
        if argument.contains("://") || argument.hasPrefix("sqlite:") {
            let url = ServerConfiguration.resolvedURL(connect: argument, root: root)
            let kind = (try? ConnectionURL(url))?.kind ?? .sqlite
            return ConnectionTarget(url: url, dialect: kind)
        }
        return configuration.connections[argument].map { target(for: $0, root: root) }
    }

    /// The schema of a target if it is loaded; otherwise starts loading it (diagnostics are published again when it
    /// arrives) and answers with no schema, so nothing is reported as unknown meanwhile.
    func cachedCatalog(_ target: ConnectionTarget) -> Catalog {
        let (cached, loading, failed) = state.withLock {
            ($0.catalogs[target.url], $0.loadingCatalogs.contains(target.url), $0.connectionErrors[target.url] != nil)
        }
        if let cached { return cached }
        if !loading && !failed { loadCatalog(target) }
        return .empty
    }

    /// A target for a configured connection.
    func target(for connection: ConnectionSettings, root: URL?) -> ConnectionTarget {
        let url = ServerConfiguration.resolvedURL(for: connection, root: root)
        let dialect = connection.dialect ?? (try? ConnectionURL(url))?.kind ?? .sqlite
        return ConnectionTarget(url: url, dialect: dialect, name: connection.name)
    }

    /// The string argument of the first `connect("…")` call bound at the top level of a file.
    func connectArgument(in tree: SyntaxTree) -> String? { connectArguments(in: tree, limit: 1).first }

    /// The string arguments of the `connect("…")` calls bound at the top level of a file, in order (the first
    /// `limit` of them).
    func connectArguments(in tree: SyntaxTree, limit: Int = .max) -> [String] {
        var arguments: [String] = []
        for statement in tree.root.statements where arguments.count < limit {
            // Only `name = connect(…)`: the first token of the value is the identifier `connect`.
            guard statement.kind == .bindingStatement, let binding = BindingStatement(statement),
                let value = binding.value, value.firstToken?.text == "connect", let call = CallExpression(value),
                call.calleeName == "connect", let first = call.positionalArguments.first?.value,
                let literal = StringLiteral(first)
            else { continue }
            arguments.append(literal.value)
        }
        return arguments
    }

    /// The catalog for a document: the live schema of its connection when loaded, else the offline schema file,
    /// else an empty catalog. Starts a background load when the connection's schema is not cached yet.
    func catalog(for snapshot: DocumentSnapshot?) -> Catalog {
        let target = connectionTarget(for: snapshot)
        let (cached, offline, loading) = state.withLock { state in
            (target.flatMap { state.catalogs[$0.url] }, state.catalogs[schemaFileKey], state.loadingCatalogs)
        }
        if let cached { return cached }
        if let target, !loading.contains(target.url), state.withLock({ $0.connectionErrors[target.url] }) == nil {
            loadCatalog(target)
        }
        // Right after startup the schema is usually moments away: wait a little for it rather than answer the
        // first requests without tables. Never on the database queue, which is the one loading it.
        if let target, DispatchQueue.getSpecific(key: databaseQueueKey) == nil {
            let deadline = ContinuousClock.now + .seconds(3)
            while ContinuousClock.now < deadline, state.withLock({ $0.loadingCatalogs.contains(target.url) }) {
                Thread.sleep(forTimeInterval: 0.01)
            }
            if let loaded = state.withLock({ $0.catalogs[target.url] }) { return loaded }
        }
        return offline ?? loadSchemaFile() ?? .empty
    }

    /// Reads the configured offline schema file into the cache.
    @discardableResult
    func loadSchemaFile() -> Catalog? {
        let (configuration, root) = state.withLock { ($0.configuration, $0.rootURL) }
        guard let path = configuration.schemaFile else { return nil }
        let url =
            path.hasPrefix("/")
            ? URL(fileURLWithPath: path) : (root ?? URL(fileURLWithPath: ".")).appendingPathComponent(path)
        do {
            let catalog = try Catalog(jsonData: Data(contentsOf: url))
            state.withLock { $0.catalogs[schemaFileKey] = catalog }
            return catalog
        } catch {
            log("cannot read the schema file \(url.path): \(error)", type: .warning)
            return nil
        }
    }

    /// Forgets every cached schema and loads the current connection's (and every open document's) again.
    func refreshCatalogs(reason: String) {
        forgetCatalogs()
        validationConnections.withLock { $0 = [:] }
        loadSchemaFile()
        var targets = Set<ConnectionTarget>()
        if let target = connectionTarget(for: nil) { targets.insert(target) }
        for document in documents.all {
            if let target = connectionTarget(for: document) { targets.insert(target) }
        }
        log("loading schemas (\(reason))")
        for target in targets { loadCatalog(target) }
        if targets.isEmpty { republishAllDiagnostics() }
    }

    /// Empties the schema cache before a reload; the live schemas are kept aside (`replacedCatalogs`) until their
    /// connection's new load succeeds or fails.
    func forgetCatalogs() {
        state.withLock { state in
            for (key, catalog) in state.catalogs where key != schemaFileKey {
                state.replacedCatalogs[key] = catalog
            }
            state.catalogs = [:]
            state.connectionErrors = [:]
            state.catalogGeneration += 1
        }
    }

    /// Loads a connection's schema on the database queue, reporting `$/progress`, then re-publishes diagnostics.
    func loadCatalog(_ target: ConnectionTarget) {
        let started = state.withLock { $0.loadingCatalogs.insert(target.url).inserted }
        guard started else { return }
        databaseQueue.async { [self] in
            _ = loadCatalogNow(target)
        }
    }

    /// Loads a connection's schema on the calling thread (the database queue), caches it and re-publishes
    /// diagnostics.
    func loadCatalogNow(_ target: ConnectionTarget) -> Result<Catalog, Error> {
        state.withLock { _ = $0.loadingCatalogs.insert(target.url) }
        let result = withProgress(title: "Loading schema", message: target.displayURL) { () throws -> Catalog in
            let database = try Database.open(target.url, readOnly: true)
            return try database.loadCatalog()
        }
        state.withLock { state in
            state.loadingCatalogs.remove(target.url)
            state.catalogGeneration += 1
            switch result {
            case .success(let catalog):
                state.catalogs[target.url] = catalog
                state.connectionErrors[target.url] = nil
            case .failure(let error):
                state.connectionErrors[target.url] = "\(error)"
                // Unreachable now: go on with the schema the refresh dropped, as after a lost connection.
                if state.catalogs[target.url] == nil, let previous = state.replacedCatalogs[target.url] {
                    state.catalogs[target.url] = previous
                }
            }
            state.replacedCatalogs[target.url] = nil
        }
        switch result {
        case .success(let catalog):
            log("schema of \(target.displayURL): \(catalog.tables.count) tables", type: .info)
        case .failure(let error):
            log("cannot load the schema of \(target.displayURL): \(error)", type: .warning)
        }
        republishAllDiagnostics()
        return result
    }

    /// Runs `body` between `$/progress` begin and end notifications (when the client supports work-done
    /// progress), and returns its result.
    func withProgress<Value>(
        title: String, message: String? = nil, _ body: () throws -> Value
    ) -> Result<Value, Error> {
        let token: ProgressToken? = state.withLock { state in
            guard state.supportsWorkDoneProgress else { return nil }
            defer { state.nextProgressToken += 1 }
            return .string("moltres-\(state.nextProgressToken)")
        }
        if let token {
            let created = DispatchSemaphore(value: 0)
            connection.send(
                request: WorkDoneProgressCreateRequest.self, params: WorkDoneProgressCreateParams(token: token)
            ) { _ in
                created.signal()
            }
            _ = created.wait(timeout: .now() + 2)
            connection.send(
                notification: ProgressNotification.self,
                params: ProgressParams(
                    token: token, value: .begin(WorkDoneProgressBegin(title: title, message: message))))
        }
        let result = Result { try body() }
        if let token {
            let end: String
            switch result {
            case .success: end = "done"
            case .failure(let error): end = "failed: \(error)"
            }
            connection.send(
                notification: ProgressNotification.self,
                params: ProgressParams(token: token, value: .end(WorkDoneProgressEnd(message: end))))
        }
        return result
    }
}
