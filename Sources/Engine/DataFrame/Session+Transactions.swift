/// Savepoints and `Records`, as `with db.transaction() as txn: txn.savepoint()` and
/// `Records.from_list(rows, database=db).insert_into("t")` in the API.
extension Session {
    /// Creates a savepoint inside the open transaction and returns its name.
    @discardableResult
    public func savepoint(_ name: String? = nil) throws -> String {
        let chosen = name ?? "moltres_savepoint_\(UInt32.random(in: 0...UInt32.max))"
        try connection.savepoint(chosen)
        return chosen
    }

    /// Undoes everything since the savepoint, keeping it.
    public func rollback(toSavepoint name: String) throws { try connection.rollback(toSavepoint: name) }

    /// Forgets the savepoint, keeping its changes.
    public func releaseSavepoint(_ name: String) throws { try connection.releaseSavepoint(name) }

    /// Whether a transaction is open.
    public var isInTransaction: Bool { connection.isInTransaction }

    /// Rows waiting to be inserted: `db.records(rows).insertInto("t")`.
    public func records(_ rows: [[String: DatabaseValue]]) -> Records { Records(session: self, rows: rows) }
}

/// A list of rows bound to a session, inserted with ``insertInto(_:)``.
public struct Records: Sendable {
    let session: Session
    /// The rows, as column → value maps.
    public let rows: [[String: DatabaseValue]]

    /// Inserts the rows into `table` in batches, atomically, and returns how many were inserted.
    @discardableResult
    public func insertInto(_ table: String) throws -> Int { try session.insert(table, rows: rows) }

    /// Same as ``insertInto(_:)``.
    @discardableResult
    public func insert_into(_ table: String) throws -> Int { try insertInto(table) }
}
