/// A bounded, least-recently-used cache of prepared statements keyed by SQL text.
///
/// A statement in use by an open cursor is never handed out twice: a second request for the same SQL
/// while the first is open gets a freshly prepared statement that is finalized when its user lets it go.
final class SQLiteStatementCache {
    /// How many statements the cache keeps.
    let capacity: Int
    private var statements: [String: SQLiteStatement] = [:]
    private var clock: UInt64 = 0
    /// The statement handed out last: repeated SQL skips the dictionary's hashing.
    private var mostRecent: SQLiteStatement?

    /// Creates an empty cache that keeps at most `capacity` statements.
    init(capacity: Int) {
        precondition(capacity > 0, "a statement cache needs room for at least one statement")
        self.capacity = capacity
    }

    /// How many statements the cache holds.
    var count: Int { statements.count }

    /// Whether the cache holds a statement for `sql`.
    func contains(_ sql: String) -> Bool { statements[sql] != nil }

    /// The statement handed out last when it is idle and was prepared from `sql`, marked in use; `nil` otherwise
    /// (then ``checkOut(_:prepare:)`` looks further).
    @inline(__always)
    func checkOutMostRecent(_ sql: String) -> SQLiteStatement? {
        guard let recent = mostRecent, !recent.isInUse, recent.sql == sql else { return nil }
        clock &+= 1
        recent.isInUse = true
        recent.lastUsed = clock
        return recent
    }

    /// Returns an idle statement for `sql`, preparing one with `prepare` when there is none, and marks it in use.
    ///
    /// Give it back with ``checkIn(_:)`` after resetting it.
    func checkOut(_ sql: String, prepare: () throws -> SQLiteStatement) rethrows -> SQLiteStatement {
        clock &+= 1
        if let recent = mostRecent, !recent.isInUse, recent.sql == sql {
            recent.isInUse = true
            recent.lastUsed = clock
            return recent
        }
        if let cached = statements[sql] {
            if !cached.isInUse {
                cached.isInUse = true
                cached.lastUsed = clock
                mostRecent = cached
                return cached
            }
            // The cached statement is stepping for an open cursor; this one lives only as long as its user.
            let fresh = try prepare()
            fresh.isInUse = true
            return fresh
        }
        let fresh = try prepare()
        fresh.isInUse = true
        fresh.lastUsed = clock
        if statements.count >= capacity { evictLeastRecentlyUsed() }
        statements[sql] = fresh
        fresh.isCached = true
        mostRecent = fresh
        return fresh
    }

    /// Marks a statement idle again; the caller has reset it.
    @inline(__always)
    func checkIn(_ statement: SQLiteStatement) {
        statement.isInUse = false
    }

    /// Drops the least recently used idle statement (or, when all are in use, the least recently used one,
    /// which its cursor keeps alive until it closes).
    private func evictLeastRecentlyUsed() {
        var victim: SQLiteStatement?
        for statement in statements.values {
            guard let current = victim else {
                victim = statement
                continue
            }
            if current.isInUse && !statement.isInUse {
                victim = statement
            } else if current.isInUse == statement.isInUse && statement.lastUsed < current.lastUsed {
                victim = statement
            }
        }
        guard let victim else { return }
        statements[victim.sql] = nil
        victim.isCached = false
        if mostRecent === victim { mostRecent = nil }
    }

    /// Drops every statement; idle ones are finalized now, ones in use when their cursors close.
    func removeAll() {
        for statement in statements.values { statement.isCached = false }
        statements = [:]
        mostRecent = nil
    }
}

@available(*, unavailable)
extension SQLiteStatementCache: Sendable {}
