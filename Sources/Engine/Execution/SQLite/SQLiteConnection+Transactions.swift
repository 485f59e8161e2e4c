import CSQLite

extension SQLiteConnection {
    /// Whether a transaction is open (`sqlite3_get_autocommit` is off).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Starts a deferred transaction; `readOnly` turns `PRAGMA query_only` on until it ends.
    public func beginTransaction(readOnly: Bool) throws {
        try execute("BEGIN")
        guard readOnly else { return }
        do {
            let wasQueryOnly = try collect("PRAGMA query_only").rows.first?.first == .integer(1)
            if !wasQueryOnly {
                try execute("PRAGMA query_only = ON")
                queryOnlyNeedsRestore = true
            }
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// Commits the open transaction.
    public func commit() throws {
        defer { restoreQueryOnlyIfTransactionEnded() }
        try execute("COMMIT")
    }

    /// Rolls the open transaction back.
    public func rollback() throws {
        defer { restoreQueryOnlyIfTransactionEnded() }
        try execute("ROLLBACK")
    }

    /// Creates a savepoint; the name is quoted, so any text works.
    public func savepoint(_ name: String) throws {
        try execute("SAVEPOINT \(Self.quoteIdentifier(name))")
    }

    /// Rolls back to a savepoint, keeping it (and the work done before it).
    public func rollback(toSavepoint name: String) throws {
        try execute("ROLLBACK TO SAVEPOINT \(Self.quoteIdentifier(name))")
    }

    /// Releases a savepoint, keeping its changes.
    public func releaseSavepoint(_ name: String) throws {
        defer { restoreQueryOnlyIfTransactionEnded() }
        try execute("RELEASE SAVEPOINT \(Self.quoteIdentifier(name))")
    }

    /// Switches `PRAGMA query_only` back off once the read-only transaction that switched it on has ended,
    /// however it ended (commit, rollback, or SQLite rolling back on its own after an error).
    func restoreQueryOnlyIfTransactionEnded() {
        guard queryOnlyNeedsRestore, sqlite3_get_autocommit(handle) != 0 else { return }
        queryOnlyNeedsRestore = false
        // Run directly: failure here would only mean the connection is unusable anyway.
        sqlite3_exec(handle, "PRAGMA query_only = OFF", nil, nil, nil)
    }

    /// Quotes an identifier for SQLite: `"name"`, with embedded quotes doubled.
    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
