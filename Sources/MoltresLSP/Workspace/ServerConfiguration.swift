import Foundation
import Moltres
import MoltresProtocol

/// A named database connection from `moltres.toml` or the client's settings.
struct ConnectionSettings: Sendable, Hashable {
    /// The name used in settings and in `connect("name")`.
    var name: String
    /// The URL, without the password (which comes from ``passwordEnvironmentVariable``).
    var url: String
    /// The SQL dialect; taken from the URL when not given.
    var dialect: DatabaseKind?
    /// The environment variable that holds the password, if any.
    var passwordEnvironmentVariable: String?
}

/// Everything the server reads from `moltres.toml` and the client's settings.
///
/// `moltres.toml` is read first; the client's settings (section `moltres` of `initializationOptions` or
/// `workspace/didChangeConfiguration`) override it key by key. Passwords are never stored here: only the name of
/// the environment variable that holds one.
struct ServerConfiguration: Sendable, Hashable {
    /// Connections by name.
    var connections: [String: ConnectionSettings] = [:]
    /// The connection `db` means when a file does not say `connect(...)`.
    var defaultConnection: String?
    /// The connection picked with `moltres.selectConnection`, which wins over ``defaultConnection``.
    var activeConnection: String?
    /// The most rows `moltres.runQuery` returns.
    var rowLimit = 500
    /// The statement timeout for queries run from the editor.
    var queryTimeoutSeconds: Double = 30
    /// Whether write statements run without asking.
    var allowWrites = false
    /// An offline schema file (`moltres schema --json > schema.json`), relative to the workspace root.
    var schemaFile: String?
    /// Problems found while reading the configuration, shown to the user.
    var problems: [String] = []

    /// The connection in effect: the selected one, else the default, else the only one.
    var currentConnection: ConnectionSettings? {
        if let name = activeConnection ?? defaultConnection, let connection = connections[name] { return connection }
        return connections.count == 1 ? connections.values.first : nil
    }

    /// Reads `moltres.toml` text.
    mutating func apply(toml text: String) {
        let values: [String: TOMLSubset.Value]
        do {
            values = try TOMLSubset.parse(text)
        } catch {
            problems.append(error.description)
            return
        }
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: ".").map(String.init)
            if parts.count == 3, parts[0] == "connections", case .string(let string) = value {
                var connection = connections[parts[1]] ?? ConnectionSettings(name: parts[1], url: "")
                switch parts[2] {
                case "url": connection.url = string
                case "dialect": connection.dialect = DatabaseKind(dialectName: string)
                case "password_env": connection.passwordEnvironmentVariable = string
                default: problems.append("moltres.toml: unknown key '\(key)'")
                }
                connections[parts[1]] = connection
                continue
            }
            switch (key, value) {
            case ("default_connection", .string(let name)): defaultConnection = name
            case ("preview_row_limit", .integer(let limit)): rowLimit = max(1, limit)
            case ("query_timeout_seconds", .integer(let seconds)): queryTimeoutSeconds = Double(seconds)
            case ("query_timeout_seconds", .double(let seconds)): queryTimeoutSeconds = seconds
            case ("allow_writes", .bool(let allow)): allowWrites = allow
            case ("schema", .string(let path)): schemaFile = path
            default: problems.append("moltres.toml: unknown or mistyped key '\(key)'")
            }
        }
        for (name, connection) in connections where connection.url.isEmpty {
            problems.append("moltres.toml: connection '\(name)' has no url")
        }
    }

    /// Applies the client's settings: either the `moltres` section or its contents.
    mutating func apply(clientSettings settings: JSONValue) {
        let section = settings["moltres"] ?? settings
        guard case .object = section else { return }
        if let connections = section["connections"]?.objectValue {
            for entry in connections {
                let url = entry.value["url"]?.stringValue ?? entry.value.stringValue ?? ""
                self.connections[entry.key] = ConnectionSettings(
                    name: entry.key, url: url,
                    dialect: entry.value["dialect"]?.stringValue.flatMap(DatabaseKind.init(dialectName:)),
                    passwordEnvironmentVariable: entry.value["passwordEnv"]?.stringValue
                        ?? entry.value["password_env"]?.stringValue)
            }
        }
        if let name = section["defaultConnection"]?.stringValue { defaultConnection = name }
        if let name = section["activeConnection"]?.stringValue { activeConnection = name }
        if let limit = section["preview"]?["rowLimit"]?.integerValue { rowLimit = max(1, Int(limit)) }
        if let seconds = section["query"]?["timeoutSeconds"]?.doubleValue { queryTimeoutSeconds = seconds }
        if let allow = section["allowWrites"]?.boolValue { allowWrites = allow }
        if let path = section["schemaFile"]?.stringValue { schemaFile = path }
    }

    /// The URL to open for `connection`: the password substituted from its environment variable and a relative
    /// SQLite path made absolute against `root`.
    static func resolvedURL(
        for connection: ConnectionSettings, root: URL?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        var url = resolvedURL(connect: connection.url, root: root)
        if let variable = connection.passwordEnvironmentVariable, let password = environment[variable],
            let schemeEnd = url.range(of: "://")
        {
            let encoded = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? password
            let rest = url[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                let userInfo = rest[..<at]
                let user = userInfo.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
                url = String(url[..<schemeEnd.upperBound]) + user + ":" + encoded + String(rest[at...])
            } else {
                url += (url.contains("?") ? "&" : "?") + "password=" + encoded
            }
        }
        return url
    }

    /// A URL with any password hidden, in the user-info part and in a `password=` query parameter.
    static func redacted(_ url: String) -> String {
        var text = ConnectionURL.redact(url)
        if let range = text.range(of: #"([?&])password=[^&]*"#, options: .regularExpression) {
            let separator = text[range].first.map(String.init) ?? "?"
            text.replaceSubrange(range, with: separator + "password=***")
        }
        return text
    }

    /// Makes a relative `sqlite:///file.db` URL absolute against the workspace root; other URLs are unchanged.
    static func resolvedURL(connect url: String, root: URL?) -> String {
        let prefix = "sqlite:///"
        guard let root, url.hasPrefix(prefix), !url.hasPrefix(prefix + "/"), !url.hasPrefix(prefix + ":memory:")
        else { return url }
        return prefix + root.appendingPathComponent(String(url.dropFirst(prefix.count))).path
    }
}

extension DatabaseKind {
    /// Reads a dialect name as users write it (`sqlite`, `postgres`, `postgresql`, `pg`).
    init?(dialectName: String) {
        switch dialectName.lowercased() {
        case "sqlite", "sqlite3": self = .sqlite
        case "postgres", "postgresql", "pg", "pgsql": self = .postgresql
        default: return nil
        }
    }
}
