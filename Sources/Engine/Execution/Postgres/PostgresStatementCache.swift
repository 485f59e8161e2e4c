import CPostgres

/// A statement prepared on the server (`PQprepare`) under a generated name, with its result description.
final class PostgresPreparedStatement {
    /// The server-side name, `moltres_N`.
    let name: String
    /// The result columns, described once when the statement was prepared.
    let columns: [ResultColumn]
    /// How to decode each result column.
    let decoders: [PostgresDecoder]
    /// When the statement was last used, for least-recently-used eviction.
    var lastUse: UInt64 = 0

    init(name: String, columns: [ResultColumn], decoders: [PostgresDecoder]) {
        self.name = name
        self.columns = columns
        self.decoders = decoders
    }
}

@available(*, unavailable)
extension PostgresPreparedStatement: Sendable {}

/// A bounded least-recently-used cache of prepared statements, keyed by SQL text and parameter types.
///
/// The connection deallocates (`DEALLOCATE`) whatever the cache evicts.
struct PostgresStatementCache {
    /// What identifies a prepared statement: its text and the OIDs its parameters were prepared with.
    struct Key: Hashable {
        var sql: String
        var parameterTypes: [Oid]
    }

    /// The most statements kept prepared at once.
    let capacity: Int
    private var entries: [Key: PostgresPreparedStatement] = [:]
    private var clock: UInt64 = 0
    private var nextNumber = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The number of statements held.
    var count: Int { entries.count }

    /// The cached statement for `key`, marking it used.
    mutating func statement(for key: Key) -> PostgresPreparedStatement? {
        guard let statement = entries[key] else { return nil }
        clock &+= 1
        statement.lastUse = clock
        return statement
    }

    /// A fresh statement name.
    mutating func makeName() -> String {
        nextNumber += 1
        return "moltres_\(nextNumber)"
    }

    /// Adds a statement, returning the one evicted to make room, if any.
    mutating func insert(_ statement: PostgresPreparedStatement, for key: Key) -> PostgresPreparedStatement? {
        var evicted: PostgresPreparedStatement?
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            evicted = oldest.value
            entries[oldest.key] = nil
        }
        clock &+= 1
        statement.lastUse = clock
        entries[key] = statement
        return evicted
    }

    /// Forgets a statement (after the server lost it).
    mutating func remove(_ key: Key) {
        entries[key] = nil
    }

    /// Forgets every statement.
    mutating func removeAll() {
        entries.removeAll()
    }
}
