import CSQLite

/// Streams the rows of a SQLite query with `sqlite3_step`, one row at a time.
///
/// The cursor borrows a statement from the connection's cache; ``close()``, the last row,
/// an error or `deinit` resets the statement and gives it back.
///
/// - Important: Values returned by ``value(at:)`` are copied out of SQLite's memory, but the cursor itself
///   must stay on the connection's thread and must not outlive the statement it steps.
public final class SQLiteCursor: RowCursor {
    @usableFromInline enum State {
        /// The first row has been stepped to but not handed out by ``next()`` yet.
        case pending
        case onRow
        case finished
    }

    private let connection: SQLiteConnection
    /// The statement being stepped (internal so tests can check statement reuse).
    @usableFromInline let statement: SQLiteStatement
    private let handle: OpaquePointer
    @usableFromInline let booleanMask: UInt64
    @usableFromInline let columnCount: Int
    /// Read for every value; exempt from dynamic exclusivity checks, since a cursor is used from one thread
    /// and no access to it overlaps another.
    @usableFromInline @exclusivity(unchecked) var state = State.finished
    /// The result's columns with their declared types.
    public var columns: [ResultColumn] { statement.columns }

    /// Takes over a checked-out, bound statement and steps to the first row, so the result columns are exact
    /// (SQLite re-prepares a statement inside its first step after a schema change) and errors surface here.
    init(connection: SQLiteConnection, statement: SQLiteStatement) throws {
        self.connection = connection
        self.statement = statement
        self.handle = statement.handle
        let code = sqlite3_step(handle)
        statement.refreshColumnsIfReprepared()
        self.booleanMask = statement.booleanMask
        self.columnCount = statement.columns.count
        switch code {
        case SQLITE_ROW:
            state = .pending
        case SQLITE_DONE:
            connection.finish(statement)
        default:
            let error = connection.error(code: code, sql: statement.sql)
            connection.finish(statement)
            throw error
        }
    }

    deinit {
        close()
    }

    /// Steps to the next row; returns `false` after the last one and gives the statement back.
    public func next() throws -> Bool {
        switch state {
        case .onRow:
            break
        case .pending:
            state = .onRow
            return true
        case .finished:
            return false
        }
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE {
            close()
            return false
        }
        let error = connection.error(code: code, sql: statement.sql)
        close()
        throw error
    }

    /// The value of column `index` of the current row, or `.null` when there is no current row.
    ///
    /// Inlinable, so a caller's loop over the columns reads each value without a call into this module per
    /// value (about 30 instructions a value: the call, the saved registers, the checks done again).
    @inlinable
    public func value(at index: Int) -> DatabaseValue {
        guard state == .onRow, index >= 0, index < columnCount else { return .null }
        let isBoolean = index < 64 ? booleanMask & (1 << UInt64(index)) != 0 : statement.isBooleanColumn(index)
        return statement.value(at: Int32(truncatingIfNeeded: index), isBoolean: isBoolean)
    }

    /// The value of column `index` of the current row read in place: text and blobs point into SQLite's column
    /// buffer and stay valid until the cursor moves (``next()``, ``close()``), or until another read of the same
    /// column converts it; `.null` when there is no current row.
    ///
    /// Inlined into the caller (a call per value costs about a third of the read); no allocation, copy or UTF-8
    /// check for any value.
    @inlinable @inline(__always)
    public func reference(at index: Int) -> DatabaseValueRef {
        guard state == .onRow, index >= 0, index < columnCount,
            let value = sqlite3_column_value(statement.handle, Int32(truncatingIfNeeded: index))
        else { return .null }
        let isBoolean = index < 64 ? booleanMask & (1 << UInt64(index)) != 0 : statement.isBooleanColumn(index)
        return DatabaseValueRef(sqliteValue: value, isBoolean: isBoolean)
    }

    /// Replaces `row` with the current row's values, decoded in one loop; empty when there is no current row.
    ///
    /// When `row` already has one slot per column (the row before), the values are written in place.
    public func readRow(into row: inout [DatabaseValue]) {
        guard state == .onRow else {
            row.removeAll(keepingCapacity: true)
            return
        }
        let count = columnCount
        if row.count != count {
            row.removeAll(keepingCapacity: true)
            row.append(contentsOf: repeatElement(.null, count: count))
        }
        let mask = booleanMask
        let statement = statement
        let smallASCII = statement.smallASCII
        let reuseStrings = statement.reuseStrings
        // The row's slots are written in place; a long text cell goes into the storage of the string its slot held
        // (``DatabaseValue/assign(_:to:smallASCII:reuseStrings:)``) unless the caller kept that string or the row.
        // Asked only when there is a column: an index out of range sets the connection's error code.
        let first = count > 0 ? sqlite3_column_value(handle, 0) : nil
        row.withUnsafeMutableBufferPointer { slots in
            @inline(__always) func read(_ index: Int, isBoolean: Bool) {
                if let value = statement.resultValue(index, first: first) {
                    DatabaseValue.assign(
                        DatabaseValueRef(sqliteValue: value, isBoolean: isBoolean),
                        to: slots.baseAddress.unsafelyUnwrapped + index, smallASCII: smallASCII,
                        reuseStrings: reuseStrings)
                } else {
                    slots[index] = .null
                }
            }
            // No boolean column (the usual case): the loop without the per-value mask test.
            if mask == 0 && count <= 64 {
                for index in 0..<count { read(index, isBoolean: false) }
                return
            }
            for index in 0..<count {
                read(index, isBoolean: index < 64 ? mask & (1 << UInt64(index)) != 0 : statement.isBooleanColumn(index))
            }
        }
    }

    /// Appends the current row's values to `values`, decoded in one loop; nothing when there is no current row.
    public func appendRow(to values: inout [DatabaseValue]) {
        guard state == .onRow else { return }
        let handle = handle
        let mask = booleanMask
        let smallASCII = statement.smallASCII
        for index in 0..<columnCount {
            let isBoolean = index < 64 ? mask & (1 << UInt64(index)) != 0 : statement.isBooleanColumn(index)
            if let value = sqlite3_column_value(handle, Int32(truncatingIfNeeded: index)) {
                values.append(DatabaseValue(sqliteValue: value, isBoolean: isBoolean, smallASCII: smallASCII))
            } else {
                values.append(.null)
            }
        }
    }

    /// Ends the query and gives the statement back to the connection's cache.
    public func close() {
        guard state != .finished else { return }
        state = .finished
        connection.finish(statement)
    }
}

@available(*, unavailable)
extension SQLiteCursor: Sendable {}
