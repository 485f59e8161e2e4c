import CSQLite

/// Placeholder until the SQLite driver lands: it refuses to open.
public final class SQLiteConnection {
    init(url: ConnectionURL, readOnly: Bool) throws {
        throw DatabaseError(kind: .connection, message: "the SQLite driver is not built yet")
    }
}
