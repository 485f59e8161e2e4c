/// An error reported by a database or a driver.
///
/// It carries the database's own code (the SQLite extended result code, or the PostgreSQL SQLSTATE),
/// the database's message and the SQL that failed, so a caller can map it back to the source.
/// Its `description` never contains a password: connection errors are built from redacted URLs.
public struct DatabaseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in categories a caller can act on.
    public enum Kind: String, Sendable, Hashable {
        /// The URL could not be understood (unknown scheme, malformed authority, bad option).
        case invalidURL
        /// The database could not be reached or opened, or the connection was lost.
        case connection
        /// Authentication failed.
        case authentication
        /// The SQL was rejected (syntax error, unknown table or column, type error).
        case sql
        /// A constraint was violated (unique, not null, foreign key, check).
        case constraint
        /// A write was attempted in read-only mode.
        case readOnly
        /// The statement was cancelled on request.
        case cancelled
        /// The statement ran past the statement timeout.
        case timeout
        /// The database is busy or locked.
        case busy
        /// The driver was used in a way it does not allow (for example, a bind count mismatch).
        case misuse
        /// Anything else the database reported.
        case other
    }

    /// The category of the failure.
    public var kind: Kind
    /// The database's message, as it gave it.
    public var message: String
    /// SQLite's extended result code, for errors from SQLite.
    public var sqliteCode: Int32?
    /// PostgreSQL's five-character SQLSTATE, for errors from PostgreSQL.
    public var sqlState: String?
    /// The SQL text that failed, when a statement was involved.
    public var sql: String?
    /// PostgreSQL's 1-based character position of the error in `sql`, when it reports one.
    public var position: Int?

    /// Creates an error.
    public init(
        kind: Kind, message: String, sqliteCode: Int32? = nil, sqlState: String? = nil, sql: String? = nil,
        position: Int? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqliteCode = sqliteCode
        self.sqlState = sqlState
        self.sql = sql
        self.position = position
    }

    /// `kind: message [code] in: sql`, stable and free of passwords.
    public var description: String {
        var text = "\(kind.rawValue) error: \(message)"
        if let sqlState { text += " [SQLSTATE \(sqlState)]" }
        if let sqliteCode { text += " [SQLite \(sqliteCode)]" }
        if let sql { text += " in: \(sql)" }
        return text
    }
}
