import CSQLite

/// The current row of a query read in place, handed to ``DataFrame/forEachRow(_:)`` and
/// ``PreparedQuery/forEachRow(_:_:)`` once per row.
///
/// Reading a value through ``reference(at:)`` borrows it from the driver's memory (``DatabaseValueRef``): no
/// allocation or copy per cell, which is what a result of long text costs through ``DataFrame/stream(_:)``
/// (a heap `String` per text cell over 15 bytes). ``subscript(_:)`` copies one value out when it is needed.
///
/// A view is valid only during the call it is passed to: do not store it, or the references read from it.
public struct RowView {
    /// The statement being stepped when the cursor is SQLite's: a value is read straight from it, inlined into
    /// the caller's loop, with no reference counted on the way (``cursor`` keeps the statement alive).
    @usableFromInline let sqliteStatement: OpaquePointer?
    /// What a PostgreSQL cursor reads its current row with (the result, the row, the decoders), when the cursor is
    /// PostgreSQL's: a pointer to memory the cursor owns (``cursor`` keeps it alive), so a read costs no retain and
    /// release. (Through an `unowned(unsafe)` reference to the cursor every value cost one: the reference is
    /// retained when loaded.)
    @usableFromInline let postgresReader: UnsafeMutablePointer<PostgresRowReader>?
    /// The cursor, held strongly.
    @usableFromInline let cursor: any RowCursor
    /// The columns read as booleans, first 64 as a bit set: SQLite's columns declared `BOOLEAN` and the columns
    /// the plan types as boolean (SQLite returns both as 0 and 1).
    @usableFromInline let booleanMask: UInt64
    /// The same beyond the 64th column.
    @usableFromInline let otherBooleans: [Int]
    /// The number of columns.
    public let count: Int

    init(_ cursor: any RowCursor, booleans: [Int]) {
        self.cursor = cursor
        count = cursor.columns.count
        var booleans = Set(booleans)
        if let sqlite = cursor as? SQLiteCursor {
            sqliteStatement = sqlite.statement.handle
            booleans.formUnion((0..<count).filter { sqlite.statement.isBooleanColumn($0) })
        } else {
            sqliteStatement = nil
        }
        postgresReader = (cursor as? PostgresCursor)?.reader
        booleanMask = booleans.reduce(0) { $1 < 64 ? $0 | (1 << UInt64($1)) : $0 }
        otherBooleans = booleans.filter { $0 >= 64 }.sorted()
    }

    @inlinable
    func isBoolean(_ index: Int) -> Bool {
        index < 64 ? booleanMask & (1 << UInt64(index)) != 0 : otherBooleans.contains(index)
    }

    /// The value of column `index` read in place: text and blobs point into the driver's memory and are valid
    /// only during the call the view was passed to. `.null` for an index out of range.
    @inlinable @inline(__always)
    public func reference(at index: Int) -> DatabaseValueRef {
        guard index >= 0, index < count else { return .null }
        if let sqliteStatement {
            // The view only exists while the cursor is on a row.
            guard let value = sqlite3_column_value(sqliteStatement, Int32(truncatingIfNeeded: index)) else {
                return .null
            }
            return DatabaseValueRef(sqliteValue: value, isBoolean: isBoolean(index))
        }
        if let postgresReader {
            switch postgresReader.pointee.reference(at: index) {
            case .value(let value): return value
            // A bytea value is decoded into a buffer the cursor owns until it moves.
            case .blob: return cursor.reference(at: index)
            }
        }
        return cursor.reference(at: index)
    }

    /// The value of column `index`, copied out (`.null` for an index out of range).
    @inlinable
    public subscript(index: Int) -> DatabaseValue { reference(at: index).value }
}

@available(*, unavailable)
extension RowView: Sendable {}
