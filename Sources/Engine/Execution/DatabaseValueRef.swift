import CSQLite

/// A value of a cursor's current row read in place: text and blobs point into the driver's own memory
/// (SQLite's column buffer, libpq's result), so reading one copies and allocates nothing.
///
/// It is the borrowed counterpart of ``DatabaseValue`` for hot loops that look at a value and move on (sum a
/// column, compare, hash, write the bytes somewhere). Producing a `DatabaseValue` for text longer than 15 bytes
/// means a heap `String` per cell (an allocation, a copy, a UTF-8 check and a free), which is most of what a
/// driver costs over raw C on text-heavy results; a `DatabaseValueRef` costs none of that.
///
/// A reference read with ``RowCursor/reference(at:)`` (or ``RowView/reference(at:)``) is valid until its cursor
/// moves: the next `next()`, `close()`, or the end of the row callback. Use it there and then; do not store it.
/// ``value`` makes the owned copy.
public enum DatabaseValueRef {
    /// SQL `NULL`.
    case null
    /// A 64-bit signed integer.
    case integer(Int64)
    /// A double-precision float.
    case real(Double)
    /// The UTF-8 bytes of a text value, as the database stored them (not validated, not NUL-terminated).
    case text(UnsafeBufferPointer<UInt8>)
    /// The bytes of a blob.
    case blob(UnsafeRawBufferPointer)
    /// A boolean.
    case boolean(Bool)

    /// The owned value, copied out of the driver's memory (text is decoded as ``DatabaseValue`` text always
    /// is: invalid UTF-8 is repaired with U+FFFD).
    @inlinable
    public var value: DatabaseValue { owned(smallASCII: SmallASCIIString.isUsable) }

    /// ``value`` with ``SmallASCIIString/isUsable`` read by the caller (once per statement, not per cell).
    @inlinable @inline(__always)
    func owned(smallASCII: Bool) -> DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let integer): return .integer(integer)
        case .real(let real): return .real(real)
        case .text(let bytes):
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return .text("") }
            return .text(String(databaseText: base, count: bytes.count, smallASCII: smallASCII))
        case .blob(let bytes): return .blob(Array(bytes))
        case .boolean(let boolean): return .boolean(boolean)
        }
    }
}

extension DatabaseValueRef {
    /// Whether the owned value may be kept in a recycled row: not a blob, and not a text over 4 KiB.
    @inlinable
    var isRecyclable: Bool {
        switch self {
        case .blob: return false
        case .text(let bytes): return bytes.count <= 4096
        default: return true
        }
    }

    /// An `sqlite3_value` (a result column) read in place; an integer becomes `.boolean` when `isBoolean`.
    @inlinable @inline(__always)
    init(sqliteValue value: OpaquePointer, isBoolean: Bool) {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER:
            let integer = sqlite3_value_int64(value)
            self = isBoolean ? .boolean(integer != 0) : .integer(integer)
        case SQLITE_FLOAT:
            self = .real(sqlite3_value_double(value))
        case SQLITE_TEXT:
            // The text first, then its length in bytes (https://www.sqlite.org/c3ref/value_blob.html).
            let text = sqlite3_value_text(value)
            let count = Int(sqlite3_value_bytes(value))
            self = .text(UnsafeBufferPointer(start: text, count: text == nil ? 0 : count))
        case SQLITE_BLOB:
            let blob = sqlite3_value_blob(value)
            let count = Int(sqlite3_value_bytes(value))
            self = .blob(UnsafeRawBufferPointer(start: blob, count: blob == nil ? 0 : count))
        default:
            self = .null
        }
    }
}
