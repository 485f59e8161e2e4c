import Foundation
import Moltres
import MoltresProtocol

/// The argument object of the statement commands: `{uri, position, limit?, connection?, dialect?, scope?,
/// confirmed?}`.
struct StatementCommandArguments: Sendable {
    var uri: DocumentUri
    var position: Position?
    var limit: Int?
    var connection: String?
    var dialect: DatabaseKind?
    var wholeFile: Bool
    var confirmed: Bool

    /// Reads the first argument of a command.
    init(_ value: LSPAny?) throws {
        guard let value, case .object = value, let uri = value["uri"]?.stringValue else {
            throw ResponseError(
                code: ResponseError.invalidParams, message: "expected an argument {\"uri\": …, \"position\": …}")
        }
        self.uri = uri
        if let position = value["position"], let line = position["line"]?.integerValue,
            let character = position["character"]?.integerValue
        {
            self.position = Position(line: Int(line), character: Int(character))
        }
        limit = value["limit"]?.integerValue.map { Int($0) }
        connection = value["connection"]?.stringValue
        if let name = value["dialect"]?.stringValue {
            guard let dialect = DatabaseKind(dialectName: name) else {
                throw ResponseError(
                    code: ResponseError.invalidParams, message: "unknown dialect '\(name)' (sqlite or postgresql)")
            }
            self.dialect = dialect
        }
        wholeFile = value["scope"]?.stringValue == "file"
        confirmed = value["confirmed"]?.boolValue ?? false
    }
}

extension LanguageServer {
    /// `workspace/executeCommand`: the `moltres.*` commands. Database work runs on the database queue (showSQL,
    /// which needs no database, on the request queue); a `$/cancelRequest` for a running query interrupts it in the
    /// database.
    func handleExecuteCommand(_ params: ExecuteCommandParams, _ context: RequestContext<LSPAny?>) {
        let argument = params.arguments?.first
        switch params.command {
        case "moltres.refreshSchema":
            databaseQueue.async { [self] in context.reply { try refreshSchemaCommand() } }
        case "moltres.selectConnection":
            context.reply { try selectConnectionCommand(argument) }
        case "moltres.showSQL", "moltres.runQuery", "moltres.runFile", "moltres.explain":
            // showSQL needs no database: not behind a running query on the database queue.
            let queue = params.command == "moltres.showSQL" ? requestQueue : databaseQueue
            queue.async { [self] in
                if context.isCancelled {
                    context.reply(error: ResponseError(code: ResponseError.requestCancelled, message: "cancelled"))
                    return
                }
                context.reply {
                    try statementCommand(
                        params.command, arguments: StatementCommandArguments(argument), context: context)
                }
            }
        default:
            context.reply(
                error: ResponseError(
                    code: ResponseError.invalidParams,
                    message: "unknown command '\(params.command)'; known: \(Self.commands.joined(separator: ", "))"))
        }
    }

    /// The reply of `moltres.refreshSchema`: the number of tables and views, their names, and the connection.
    static func schemaSummary(_ catalog: Catalog, connection: LSPAny) -> LSPAny {
        [
            "tables": .integer(Int64(catalog.tables.count)),
            "tableNames": .array(catalog.tableNames.map { .string($0) }),
            "connection": connection,
        ]
    }

    /// `moltres.refreshSchema`: reloads the current connection's schema now → `{tables, tableNames, connection}`.
    func refreshSchemaCommand() throws -> LSPAny? {
        forgetCatalogs()
        loadSchemaFile()
        guard let target = connectionTarget(for: nil) else {
            let catalog = catalog(for: nil)
            return Self.schemaSummary(catalog, connection: .null)
        }
        switch loadCatalogNow(target) {
        case .success(let catalog):
            return Self.schemaSummary(catalog, connection: .string(target.displayURL))
        case .failure(let error):
            throw ResponseError(code: ResponseError.requestFailed, message: "cannot load the schema: \(error)")
        }
    }

    /// `moltres.selectConnection {connection}` → `{connection, url}` (password hidden).
    func selectConnectionCommand(_ argument: LSPAny?) throws -> LSPAny? {
        guard let name = argument?["connection"]?.stringValue ?? argument?.stringValue else {
            throw ResponseError(code: ResponseError.invalidParams, message: "expected {\"connection\": name}")
        }
        let configuration = state.withLock { $0.configuration }
        guard let connection = configuration.connections[name] else {
            let known = configuration.connections.keys.sorted().joined(separator: ", ")
            throw ResponseError(
                code: ResponseError.invalidParams,
                message: "unknown connection '\(name)'\(known.isEmpty ? "" : "; configured: \(known)")")
        }
        state.withLock { $0.configuration.activeConnection = name }
        refreshCatalogs(reason: "connection \(name) selected")
        return ["connection": .string(name), "url": .string(ServerConfiguration.redacted(connection.url))]
    }
}
