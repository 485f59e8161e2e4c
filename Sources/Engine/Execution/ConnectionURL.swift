import Foundation

/// A parsed database URL in the forms Moltres (and SQLAlchemy) users already write.
///
/// Accepted forms:
/// - `sqlite:///relative/path.db` (relative to the working directory), `sqlite:////abs/path.db`,
///   `sqlite:///:memory:` and `sqlite://` (in-memory), with optional `?mode=ro|rw|rwc` and `?timeout=seconds`;
/// - `postgresql://user:pass@host:port/db?sslmode=…&host=/socket/dir` (also `postgres://`),
///   with a `+driver` suffix accepted and ignored (`postgresql+psycopg2://…`, `sqlite+pysqlite://…`).
///
/// The password is kept for connecting but never appears in ``description`` or any error.
public struct ConnectionURL: Sendable, Hashable, CustomStringConvertible {
    /// Where a SQLite database lives.
    public enum SQLiteLocation: Sendable, Hashable {
        /// A private in-memory database.
        case memory
        /// A file path, relative to the working directory or absolute.
        case file(String)
    }

    /// The database system the URL names.
    public var kind: DatabaseKind
    /// For SQLite: where the database is.
    public var sqliteLocation: SQLiteLocation?
    /// For PostgreSQL: user name, if given.
    public var user: String?
    /// For PostgreSQL: the password, if given. Never printed.
    public var password: String?
    /// For PostgreSQL: host name or socket directory.
    public var host: String?
    /// For PostgreSQL: port.
    public var port: Int?
    /// For PostgreSQL: database name.
    public var database: String?
    /// Query options in the order given (`sslmode`, `mode`, `connect_timeout`, …), decoded.
    public var options: [(key: String, value: String)]

    /// Parses a URL, or throws a ``DatabaseError`` of kind `.invalidURL` that names the problem.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let schemeEnd = trimmed.range(of: "://") else {
            throw DatabaseError(
                kind: .invalidURL,
                message:
                    "'\(Self.redact(trimmed))' is not a database URL: expected 'sqlite:///path.db' or 'postgresql://user@host/db'"
            )
        }
        var scheme = String(trimmed[..<schemeEnd.lowerBound]).lowercased()
        if let plus = scheme.firstIndex(of: "+") { scheme = String(scheme[..<plus]) }
        var rest = String(trimmed[schemeEnd.upperBound...])
        var options: [(key: String, value: String)] = []
        if let question = rest.firstIndex(of: "?") {
            let query = rest[rest.index(after: question)...]
            rest = String(rest[..<question])
            for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let key = Self.percentDecoded(String(parts[0])), !key.isEmpty else {
                    throw DatabaseError(kind: .invalidURL, message: "malformed query option '\(pair)' in database URL")
                }
                let value = parts.count > 1 ? Self.percentDecoded(String(parts[1])) : ""
                guard let value else {
                    throw DatabaseError(kind: .invalidURL, message: "malformed percent-encoding in option '\(key)'")
                }
                options.append((key, value))
            }
        }
        self.options = options
        switch scheme {
        case "sqlite", "sqlite3":
            kind = .sqlite
            // After "sqlite://" comes an (empty) authority, then "/" and the path.
            if rest.isEmpty || rest == "/" || rest == "/:memory:" || rest == ":memory:" {
                sqliteLocation = .memory
            } else if rest.hasPrefix("/") {
                let path = String(rest.dropFirst())
                guard let decoded = Self.percentDecoded(path) else {
                    throw DatabaseError(kind: .invalidURL, message: "malformed percent-encoding in SQLite path")
                }
                sqliteLocation = .file(decoded)
            } else {
                throw DatabaseError(
                    kind: .invalidURL,
                    message:
                        "SQLite URL 'sqlite://\(rest)' has a host part; write 'sqlite:///relative.db' or 'sqlite:////absolute/path.db'"
                )
            }
        case "postgresql", "postgres", "pgsql":
            kind = .postgresql
            var authority = rest
            var path = ""
            if let slash = rest.firstIndex(of: "/") {
                authority = String(rest[..<slash])
                path = String(rest[rest.index(after: slash)...])
            }
            if let at = authority.lastIndex(of: "@") {
                let credentials = String(authority[..<at])
                authority = String(authority[authority.index(after: at)...])
                let userAndPassword = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard let decodedUser = Self.percentDecoded(String(userAndPassword[0])) else {
                    throw DatabaseError(kind: .invalidURL, message: "malformed percent-encoding in user name")
                }
                user = decodedUser.isEmpty ? nil : decodedUser
                if userAndPassword.count > 1 {
                    guard let decodedPassword = Self.percentDecoded(String(userAndPassword[1])) else {
                        throw DatabaseError(kind: .invalidURL, message: "malformed percent-encoding in password")
                    }
                    password = decodedPassword
                }
            }
            if !authority.isEmpty {
                var hostPart = authority
                if authority.hasPrefix("[") {
                    // An IPv6 literal: [::1]:5432
                    guard let close = authority.firstIndex(of: "]") else {
                        throw DatabaseError(kind: .invalidURL, message: "unclosed '[' in IPv6 host")
                    }
                    hostPart = String(authority[authority.index(after: authority.startIndex)..<close])
                    let after = authority[authority.index(after: close)...]
                    if after.hasPrefix(":") { try setPort(String(after.dropFirst())) }
                } else if let colon = authority.lastIndex(of: ":") {
                    hostPart = String(authority[..<colon])
                    try setPort(String(authority[authority.index(after: colon)...]))
                }
                guard let decodedHost = Self.percentDecoded(hostPart) else {
                    throw DatabaseError(kind: .invalidURL, message: "malformed percent-encoding in host")
                }
                host = decodedHost.isEmpty ? nil : decodedHost
            }
            if !path.isEmpty {
                guard let decodedDatabase = Self.percentDecoded(path) else {
                    throw DatabaseError(kind: .invalidURL, message: "malformed percent-encoding in database name")
                }
                database = decodedDatabase
            }
            // libpq's own `host=`/`port=`/`user=`/`dbname=` query options override the authority part.
            for (key, value) in options {
                switch key {
                case "host": host = value
                case "port": try setPort(value)
                case "user": user = value
                case "dbname": database = value
                case "password":
                    password = value
                default: break
                }
            }
            self.options = options.filter { !["host", "port", "user", "dbname", "password"].contains($0.key) }
        default:
            let supported = "'sqlite' and 'postgresql'"
            throw DatabaseError(
                kind: .invalidURL,
                message: "unsupported database '\(scheme)' in URL: Moltres for Swift supports \(supported)"
            )
        }
    }

    private mutating func setPort(_ text: String) throws {
        guard !text.isEmpty else { return }
        guard let value = Int(text), (1...65535).contains(value) else {
            throw DatabaseError(kind: .invalidURL, message: "port '\(text)' is not a number from 1 to 65535")
        }
        port = value
    }

    /// The value of a query option, if it was given.
    public func option(_ key: String) -> String? {
        options.last(where: { $0.key == key })?.value
    }

    /// The URL with the password replaced by `***`.
    public var description: String {
        switch kind {
        case .sqlite:
            var text: String
            switch sqliteLocation ?? .memory {
            case .memory: text = "sqlite:///:memory:"
            case .file(let path): text = "sqlite:///" + path
            }
            if !options.isEmpty { text += "?" + options.map { "\($0.key)=\($0.value)" }.joined(separator: "&") }
            return text
        case .postgresql:
            var text = "postgresql://"
            if let user {
                text += user
                if password != nil { text += ":***" }
                text += "@"
            }
            if let host, !host.hasPrefix("/") { text += host.contains(":") ? "[\(host)]" : host }
            if let port { text += ":\(port)" }
            text += "/" + (database ?? "")
            var shown = options
            if let host, host.hasPrefix("/") { shown.insert(("host", host), at: 0) }
            if !shown.isEmpty { text += "?" + shown.map { "\($0.key)=\($0.value)" }.joined(separator: "&") }
            return text
        }
    }

    /// Replaces anything that looks like a password in a raw URL string with `***`.
    ///
    /// Used for error messages about URLs that could not be parsed at all.
    public static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let afterScheme = text[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return text
        }
        return String(text[..<authority.index(after: colon)]) + "***" + String(text[at...])
    }

    static func percentDecoded(_ text: String) -> String? {
        guard text.contains("%") || text.contains("+") else { return text }
        return text.removingPercentEncoding
    }

    public static func == (lhs: ConnectionURL, rhs: ConnectionURL) -> Bool {
        lhs.kind == rhs.kind && lhs.sqliteLocation == rhs.sqliteLocation && lhs.user == rhs.user
            && lhs.password == rhs.password && lhs.host == rhs.host && lhs.port == rhs.port
            && lhs.database == rhs.database && lhs.options.elementsEqual(rhs.options, by: { $0 == $1 })
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(sqliteLocation)
        hasher.combine(user)
        hasher.combine(host)
        hasher.combine(port)
        hasher.combine(database)
    }
}

/// The database systems Moltres connects to.
public enum DatabaseKind: String, Sendable, Hashable, Codable, CaseIterable {
    case sqlite
    case postgresql
}
