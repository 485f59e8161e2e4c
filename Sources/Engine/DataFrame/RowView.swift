/// The current row of a query read in place, handed to ``DataFrame/forEachRow(_:)`` and
/// ``PreparedQuery/forEachRow(_:_:)`` once per row.
///
/// Reading a value through ``reference(at:)`` borrows it from the driver's memory (``DatabaseValueRef``): no
/// allocation or copy per cell, which is what a result of long text costs through ``DataFrame/stream(_:)``
/// (a heap `String` per text cell over 15 bytes). ``subscript(_:)`` copies one value out when it is needed.
///
/// A view is valid only during the call it is passed to: do not store it, or the references read from it.
public struct RowView {
    /// The cursor when it is SQLite's: reading a value then inlines into the caller's loop. Unowned, so a read
    /// costs no retain and release: ``cursor`` holds the same object strongly for as long as the view exists.
    @usableFromInline unowned(unsafe) let sqlite: SQLiteCursor?
    /// The cursor when it is PostgreSQL's, likewise.
    @usableFromInline unowned(unsafe) let postgres: PostgresCursor?
    /// The cursor, held strongly.
    @usableFromInline let cursor: any RowCursor
    /// Columns the plan types as boolean that the database returns as integers (SQLite), as a bit set of the
    /// first 64 columns plus the rest.
    @usableFromInline let booleanMask: UInt64
    @usableFromInline let otherBooleans: [Int]
    /// The number of columns.
    public let count: Int

    init(_ cursor: any RowCursor, booleans: [Int]) {
        self.cursor = cursor
        sqlite = cursor as? SQLiteCursor
        postgres = cursor as? PostgresCursor
        booleanMask = booleans.reduce(0) { $1 < 64 ? $0 | (1 << UInt64($1)) : $0 }
        otherBooleans = booleans.filter { $0 >= 64 }
        count = cursor.columns.count
    }

    @inlinable
    func isBoolean(_ index: Int) -> Bool {
        index < 64 ? booleanMask & (1 << UInt64(index)) != 0 : otherBooleans.contains(index)
    }

    /// The value of column `index` read in place: text and blobs point into the driver's memory and are valid
    /// only during the call the view was passed to. `.null` for an index out of range.
    @inlinable
    public func reference(at index: Int) -> DatabaseValueRef {
        guard index >= 0, index < count else { return .null }
        let value: DatabaseValueRef
        if let sqlite {
            value = sqlite.reference(at: index)
        } else if let postgres {
            value = postgres.reference(at: index)
        } else {
            value = cursor.reference(at: index)
        }
        // A column the plan types as boolean, which SQLite returns as 0 or 1.
        if case .integer(let integer) = value, booleanMask != 0 || !otherBooleans.isEmpty, isBoolean(index) {
            return .boolean(integer != 0)
        }
        return value
    }

    /// The value of column `index`, copied out (`.null` for an index out of range).
    @inlinable
    public subscript(index: Int) -> DatabaseValue { reference(at: index).value }
}

@available(*, unavailable)
extension RowView: Sendable {}
