import CSQLite

extension DatabaseError {
    /// Builds an error from a SQLite result code, taking the message from the connection.
    ///
    /// The code is the extended result code (the driver turns extended codes on when it opens a connection);
    /// its primary part (`code & 0xFF`) picks the kind:
    /// `SQLITE_CONSTRAINT_*` → `.constraint`, `SQLITE_READONLY_*` → `.readOnly`,
    /// `SQLITE_INTERRUPT` → `.timeout` when the statement timeout fired and `.cancelled` otherwise,
    /// `SQLITE_BUSY`/`SQLITE_LOCKED` → `.busy`, `SQLITE_CANTOPEN`/`SQLITE_NOTADB` → `.connection`,
    /// `SQLITE_ERROR` → `.sql`, `SQLITE_MISUSE`/`SQLITE_RANGE` → `.misuse`, anything else → `.other`.
    ///
    /// - Important: Call it right after the failing call: `sqlite3_errmsg` describes the most recent failure
    ///   on the connection (https://www.sqlite.org/c3ref/errcode.html).
    init(sqliteCode code: Int32, database: OpaquePointer?, sql: String?, timedOut: Bool = false) {
        let message: String
        if let database, let text = sqlite3_errmsg(database) {
            message = String(cString: text)
        } else {
            message = String(cString: sqlite3_errstr(code))
        }
        self.init(
            kind: Self.kind(forSQLiteCode: code, timedOut: timedOut), message: message, sqliteCode: code, sql: sql)
    }

    /// The error kind for a SQLite (extended) result code.
    static func kind(forSQLiteCode code: Int32, timedOut: Bool) -> Kind {
        switch code & 0xFF {
        case SQLITE_CONSTRAINT: return .constraint
        case SQLITE_READONLY: return .readOnly
        case SQLITE_INTERRUPT: return timedOut ? .timeout : .cancelled
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy
        case SQLITE_CANTOPEN, SQLITE_NOTADB: return .connection
        case SQLITE_ERROR: return .sql
        case SQLITE_MISUSE, SQLITE_RANGE: return .misuse
        case SQLITE_AUTH, SQLITE_PERM: return .authentication
        default: return .other
        }
    }
}
