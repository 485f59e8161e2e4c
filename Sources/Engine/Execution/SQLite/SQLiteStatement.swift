import CSQLite

/// A compiled SQLite statement: it owns one `sqlite3_stmt*` and finalizes it in `deinit`.
///
/// Statements are made and recycled by ``SQLiteStatementCache``; a ``SQLiteCursor`` steps one at a time.
/// The result columns are read once when the statement is prepared and again only when SQLite
/// re-prepares it after a schema change.
///
/// - Important: A statement belongs to the connection that prepared it and is used from one thread at a time.
@usableFromInline
final class SQLiteStatement {
    /// The `sqlite3_stmt*` this object owns.
    @usableFromInline let handle: OpaquePointer
    /// The SQL text it was prepared from (the cache key).
    let sql: String
    /// Whether the SQL text holds more statements after this one (a script).
    let hasTrailingStatements: Bool
    /// How many parameters the statement takes (the largest parameter index).
    let parameterCount: Int
    /// The result columns; empty for statements that return no rows.
    private(set) var columns: [ResultColumn]
    /// Bit `i` is set when result column `i` (below 64) is declared boolean, so integers there decode as `.boolean`.
    ///
    /// A plain integer, so a cursor can copy it without reference counting; wider results use ``isBooleanColumn(_:)``.
    private(set) var booleanMask: UInt64
    /// Whether a cursor or an `execute` is using the statement now; the cache does not hand it out twice.
    var isInUse = false
    /// Whether the statement is held by the cache (otherwise it is finalized when its user drops it).
    var isCached = false
    /// The cache's clock value at the last check-out, for least-recently-used eviction.
    var lastUsed: UInt64 = 0
    /// ``SmallASCIIString/isUsable``, read once here rather than once per text cell.
    @usableFromInline let smallASCII = SmallASCIIString.isUsable
    /// ``ReusedStringStorage/isUsable``, read once here rather than once per text cell.
    @usableFromInline let reuseStrings = ReusedStringStorage.isUsable
    /// ``resultValueStride``, read once here.
    @usableFromInline let valueStride = SQLiteStatement.resultValueStride
    /// The values of the one-row result last collected from this statement, written over by the next collect when
    /// the caller has let go of them (``SQLiteConnection/collect(_:parameters:)``); empty when there is none.
    var recycledRow: [DatabaseValue] = []
    /// Results wider than this are not kept for the next run.
    static let recycledRowLimit = 64
    /// Nor results with a text longer than this (a kept row keeps its strings alive until the next run).
    static let recycledTextLimit = 4096
    private var holdsLargeBindings = false
    private var reprepareCount: Int32

    /// Compiles the first statement of `sql`.
    ///
    /// Throws a `.sql` error with SQLite's message when the SQL does not compile, and `.misuse` when the text
    /// holds no statement at all (only whitespace or comments).
    init(database: OpaquePointer, sql: String, persistent: Bool) throws {
        var text = sql
        var statement: OpaquePointer?
        var trailing = false
        let code: Int32 = text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return SQLITE_OK }
            let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
            var tail: UnsafePointer<CChar>?
            let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
            let code = sqlite3_prepare_v3(database, chars, Int32(utf8.count), flags, &statement, &tail)
            if code == SQLITE_OK, let tail {
                trailing = Self.containsStatement(
                    database: database, from: tail, end: chars + utf8.count)
            }
            return code
        }
        guard code == SQLITE_OK else {
            // On failure `*ppStmt` is NULL (https://www.sqlite.org/c3ref/prepare.html), so nothing leaks.
            throw DatabaseError(sqliteCode: code, database: database, sql: sql)
        }
        guard let statement else {
            throw DatabaseError(kind: .misuse, message: "the SQL text contains no statement", sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.hasTrailingStatements = trailing
        self.parameterCount = Int(sqlite3_bind_parameter_count(statement))
        self.columns = Self.readColumns(statement)
        self.booleanMask = Self.booleanMask(columns)
        self.reprepareCount = sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 0)
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Whether anything but whitespace, comments and semicolons follows in a script.
    ///
    /// A following statement that fails to compile (it may use a table the first statement creates)
    /// still counts as a statement.
    private static func containsStatement(
        database: OpaquePointer, from start: UnsafePointer<CChar>, end: UnsafePointer<CChar>
    ) -> Bool {
        var position = start
        while position < end {
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v2(database, position, Int32(end - position), &statement, &tail)
            if code != SQLITE_OK { return true }
            if let statement {
                sqlite3_finalize(statement)
                return true
            }
            guard let tail, tail > position else { return false }
            position = tail
        }
        return false
    }

    private static func readColumns(_ statement: OpaquePointer) -> [ResultColumn] {
        let count = sqlite3_column_count(statement)
        var columns: [ResultColumn] = []
        columns.reserveCapacity(Int(count))
        for index in 0..<count {
            let name = sqlite3_column_name(statement, index).map { String(cString: $0) } ?? "column\(index + 1)"
            let declaredType = sqlite3_column_decltype(statement, index).map { String(cString: $0) }
            columns.append(ResultColumn(name: name, declaredType: declaredType))
        }
        return columns
    }

    /// Re-reads the result columns when SQLite has re-prepared the statement since they were read.
    ///
    /// SQLite re-prepares a statement transparently inside `sqlite3_step` after a schema change
    /// (https://www.sqlite.org/c3ref/prepare.html), and `SELECT *` may then return other columns.
    func refreshColumnsIfReprepared() {
        let count = sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)
        guard count != reprepareCount else { return }
        reprepareCount = count
        columns = Self.readColumns(handle)
        booleanMask = Self.booleanMask(columns)
    }

    private static func booleanMask(_ columns: [ResultColumn]) -> UInt64 {
        var mask: UInt64 = 0
        for (index, column) in columns.prefix(64).enumerated() where column.type == .boolean {
            mask |= 1 << UInt64(index)
        }
        return mask
    }

    /// Whether result column `index` is declared boolean (any index; the mask covers the first 64).
    @usableFromInline
    func isBooleanColumn(_ index: Int) -> Bool {
        index < 64 ? booleanMask & (1 << UInt64(index)) != 0 : columns[index].type == .boolean
    }

    // MARK: Binding

    /// Binds `parameters` to `?1 … ?n` in order; the count must match the statement's.
    ///
    /// Generic so a caller's buffer (``PreparedQuery/collect(_:)`` passes its array's) binds without an array.
    func bind<Values: Collection<DatabaseValue>>(_ parameters: Values) throws {
        guard parameters.count == parameterCount else {
            throw DatabaseError(
                kind: .misuse,
                message: "the statement takes \(parameterCount) parameters but \(parameters.count) were given",
                sql: sql)
        }
        var index: Int32 = 1
        for parameter in parameters {
            let code = bind(parameter, at: index)
            guard code == SQLITE_OK else {
                throw DatabaseError(sqliteCode: code, database: sqlite3_db_handle(handle), sql: sql)
            }
            index += 1
        }
    }

    /// Binds one value; `SQLITE_TRANSIENT` makes SQLite copy text and blobs before the call returns.
    @inline(__always)
    private func bind(_ value: DatabaseValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            // SQLite stores NaN as NULL; infinities are kept.
            return sqlite3_bind_double(handle, index, real)
        case .boolean(let boolean):
            return sqlite3_bind_int64(handle, index, boolean ? 1 : 0)
        case .text(let string):
            var string = string
            return string.withUTF8 { utf8 in
                if utf8.count > Self.largeBindingBytes { holdsLargeBindings = true }
                // A NULL pointer would bind SQL NULL, so an empty string points at a static empty C string.
                let pointer = UnsafeRawPointer(utf8.baseAddress ?? Self.emptyText.utf8Start)
                return sqlite3_bind_text64(
                    handle, index, pointer.assumingMemoryBound(to: CChar.self), UInt64(utf8.count),
                    moltres_sqlite_transient(), UInt8(SQLITE_UTF8))
            }
        case .blob(let bytes):
            // `sqlite3_bind_blob64` with a NULL pointer binds NULL, so an empty blob is a zero-length zeroblob.
            if bytes.isEmpty { return sqlite3_bind_zeroblob(handle, index, 0) }
            if bytes.count > Self.largeBindingBytes { holdsLargeBindings = true }
            return bytes.withUnsafeBytes { raw in
                sqlite3_bind_blob64(handle, index, raw.baseAddress, UInt64(raw.count), moltres_sqlite_transient())
            }
        }
    }

    private static let emptyText: StaticString = ""
    /// Bound values above this size are released when the statement is reset, not kept until the next bind.
    private static let largeBindingBytes = 4096

    /// Resets the statement so it can run again, releasing large bound values.
    ///
    /// The result of `sqlite3_reset` repeats the last step's error, which the caller has already reported.
    func reset() {
        sqlite3_reset(handle)
        if holdsLargeBindings {
            sqlite3_clear_bindings(handle)
            holdsLargeBindings = false
        }
    }

    // MARK: Reading

    /// The distance in bytes between the `sqlite3_value`s of consecutive result columns, or 0 when it is not known.
    ///
    /// `sqlite3_column_value(statement, i)` answers `&pResultRow[i]`: the current row's values are one array of
    /// SQLite's `Mem` structs. Each call also enters and leaves the connection's mutex (no-ops in our no-mutex
    /// connections, but calls nonetheless), checks the index and runs SQLite's error bookkeeping: about 50
    /// instructions, against about 60 for the whole decoding of an integer. So a row is read by asking for its
    /// first value and stepping from it by this stride. The stride is measured once per process on a row of five
    /// values of every storage class, and used only when every column's value sits exactly there and reads back
    /// right; otherwise it is 0 and every value is asked for.
    @usableFromInline static let resultValueStride: Int = measureResultValueStride()

    private static func measureResultValueStride() -> Int {
        var database: OpaquePointer?
        defer { sqlite3_close_v2(database) }
        guard sqlite3_open_v2(":memory:", &database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
            let database
        else { return 0 }
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(database, "SELECT 7, 'text', 2.5, NULL, x'0102', 9", -1, &statement, nil) == SQLITE_OK,
            let statement, sqlite3_step(statement) == SQLITE_ROW, let first = sqlite3_column_value(statement, 0),
            let second = sqlite3_column_value(statement, 1)
        else { return 0 }
        let stride = UnsafeRawPointer(second) - UnsafeRawPointer(first)
        guard stride > 0 else { return 0 }
        for index in 0..<6 {
            let stepped = OpaquePointer(UnsafeRawPointer(first) + index * stride)
            guard sqlite3_column_value(statement, Int32(index)) == stepped else { return 0 }
        }
        func value(_ index: Int) -> OpaquePointer { OpaquePointer(UnsafeRawPointer(first) + index * stride) }
        let text = sqlite3_value_text(value(1)).map { String(cString: $0) }
        guard sqlite3_value_type(value(0)) == SQLITE_INTEGER, sqlite3_value_int64(value(0)) == 7, text == "text",
            sqlite3_value_double(value(2)) == 2.5, sqlite3_value_type(value(3)) == SQLITE_NULL,
            sqlite3_value_type(value(4)) == SQLITE_BLOB, sqlite3_value_bytes(value(4)) == 2,
            sqlite3_value_int64(value(5)) == 9
        else { return 0 }
        return stride
    }

    /// The value of column `index` of the current row, given the row's first value (`sqlite3_column_value(…, 0)`,
    /// asked once per row); the caller makes sure the statement is on a row and `index` is in range.
    @inlinable @inline(__always)
    func resultValue(_ index: Int, first: OpaquePointer?) -> OpaquePointer? {
        if valueStride != 0, let first { return OpaquePointer(UnsafeRawPointer(first) + index &* valueStride) }
        return sqlite3_column_value(handle, Int32(truncatingIfNeeded: index))
    }

    /// Copies the value of column `index` of the current row out of SQLite's memory.
    ///
    /// The storage class picks the case; an integer in a column declared `BOOLEAN`/`BOOL` becomes `.boolean`.
    /// Text is read with its byte length, so NUL characters inside it survive.
    ///
    /// The column is read through `sqlite3_column_value` and the `sqlite3_value_*` accessors: one API call
    /// fewer per value than `sqlite3_column_type` plus `sqlite3_column_*`, each of which also runs SQLite's
    /// per-call error bookkeeping. The value is "unprotected", and SQLite warns that reading it with
    /// `sqlite3_value_*` "is not threadsafe" (https://www.sqlite.org/c3ref/column_blob.html); that is fine here,
    /// because a connection and its statements are only ever used from one thread at a time.
    @inlinable
    func value(at index: Int32, isBoolean: Bool) -> DatabaseValue {
        guard let value = sqlite3_column_value(handle, index) else { return .null }
        return DatabaseValue(sqliteValue: value, isBoolean: isBoolean, smallASCII: smallASCII)
    }
}

@available(*, unavailable)
extension SQLiteStatement: Sendable {}

extension DatabaseValue {
    /// Copies an `sqlite3_value` (a result column or a function argument) out of SQLite's memory.
    ///
    /// The storage class picks the case; an integer becomes `.boolean` when `isBoolean` says its column was
    /// declared `BOOLEAN`/`BOOL`. Text is read with its byte length, so NUL characters inside it survive.
    @inlinable
    init(sqliteValue value: OpaquePointer, isBoolean: Bool) {
        self.init(sqliteValue: value, isBoolean: isBoolean, smallASCII: SmallASCIIString.isUsable)
    }

    /// ``init(sqliteValue:isBoolean:)`` with ``SmallASCIIString/isUsable`` read by the caller: the value read in
    /// place (``DatabaseValueRef/init(sqliteValue:isBoolean:)``), then copied out.
    @inlinable
    init(sqliteValue value: OpaquePointer, isBoolean: Bool, smallASCII: Bool) {
        self = DatabaseValueRef(sqliteValue: value, isBoolean: isBoolean).owned(smallASCII: smallASCII)
    }
}
