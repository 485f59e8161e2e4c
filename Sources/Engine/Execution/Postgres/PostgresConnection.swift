import CPostgres

/// Placeholder until the PostgreSQL driver lands: it refuses to open.
public final class PostgresConnection {
    init(url: ConnectionURL, readOnly: Bool) throws {
        throw DatabaseError(kind: .connection, message: "the PostgreSQL driver is not built yet")
    }
}
