import CPostgres

/// Streams the rows of a query running on a ``PostgresConnection``, one `PGresult` per row
/// (libpq's single-row mode, https://www.postgresql.org/docs/current/libpq-single-row-mode.html).
///
/// Only the current row is in memory. ``close()`` (also run when the cursor is released) ends an
/// unfinished query: it reads what has already arrived, asks the server to cancel the rest
/// (outside a transaction only, because a cancel aborts the transaction), and reads results until
/// libpq reports the end, so the connection is ready for the next statement.
///
/// - Important: Use it on the connection's thread only, and start no other statement while it is open;
///   if one is started anyway, the cursor is closed first and its ``next()`` then throws `.misuse`.
public final class PostgresCursor: RowCursor {
    /// The result's columns, described when the statement was prepared.
    public let columns: [ResultColumn]
    @usableFromInline let decoders: [PostgresDecoder]
    /// Where a row is read from: the result holding the current row, the row's index in it, and the column
    /// decoders, in memory of the cursor's own (allocated in `init`, freed in `deinit`).
    ///
    /// A ``RowView`` keeps this pointer and reads values through it, inlined into the caller's loop: reading
    /// through a reference to the cursor instead costs a retain and a release per value (an `unowned(unsafe)`
    /// reference is retained when it is loaded), which made `forEachRow` slower than `stream`.
    @usableFromInline let reader: UnsafeMutablePointer<PostgresRowReader>
    private let connection: PostgresConnection
    private let sql: String
    /// The first result while it holds the current row (it owns its handle).
    @exclusivity(unchecked) private var current: PostgresResult?
    /// The result holding the current row.
    ///
    /// Results after the first (one per row in single-row mode) are owned by the cursor directly and cleared in
    /// ``releaseCurrent()``: no wrapper object is allocated and freed per row. The cursor is a `final class` whose
    /// `deinit` closes it, so every result still has exactly one owner that frees it.
    @inlinable var currentHandle: OpaquePointer? {
        get { reader.pointee.handle }
        set { reader.pointee.handle = newValue }
    }
    /// Whether ``currentHandle`` is owned here (cleared with `PQclear`) rather than by ``current``.
    @exclusivity(unchecked) private var ownsCurrentHandle = false
    /// The index of the current row in ``currentHandle``.
    @inlinable var currentRow: Int32 {
        get { reader.pointee.row }
        set { reader.pointee.row = newValue }
    }
    // The per-row state is read for every row and value; a cursor is used from one thread and no access to it
    // overlaps another, so it is exempt from dynamic exclusivity checks (a `swift_beginAccess` call each).
    /// Decoded `bytea` values lent by ``reference(at:)`` for the current row; freed when the cursor moves.
    @usableFromInline @exclusivity(unchecked) var rowBuffers: [UnsafeMutableRawBufferPointer] = []
    @exclusivity(unchecked) private var currentRowCount: Int32 = 0
    /// The first result, read when the query started and not yet handed out.
    @exclusivity(unchecked) private var pending: PostgresResult?
    /// Whether the query has ended (all rows read, failed, or closed).
    @exclusivity(unchecked) private(set) var isFinished = false
    @exclusivity(unchecked) private var closedByConnection = false
    /// Whether a transaction was open when the query started.
    let startedInTransaction: Bool

    init(
        connection: PostgresConnection, statement: PostgresPreparedStatement, first: PostgresResult, sql: String,
        startedInTransaction: Bool
    ) {
        self.connection = connection
        self.columns = statement.columns
        self.decoders = statement.decoders
        reader = .allocate(capacity: 1)
        reader.initialize(to: PostgresRowReader(decoders: statement.decoders))
        self.sql = sql
        self.startedInTransaction = startedInTransaction
        self.pending = first
        if first.status != PGRES_SINGLE_TUPLE && first.status != PGRES_TUPLES_OK {
            // A statement without rows (an INSERT without RETURNING, say): it is complete.
            pending = nil
            connection.drainResults()
            isFinished = true
        }
    }

    deinit {
        close()
        reader.pointee.decoders.deallocate()
        reader.deinitialize(count: 1)
        reader.deallocate()
    }

    /// Advances to the next row; returns `false` after the last one.
    ///
    /// - Throws: ``DatabaseError`` when the query fails while streaming (it may fail after some rows),
    ///   or `.misuse` when the cursor was closed because another statement started.
    public func next() throws -> Bool {
        if !rowBuffers.isEmpty { freeRowBuffers() }
        if currentRow + 1 < currentRowCount {
            currentRow += 1
            return true
        }
        releaseCurrent()
        if isFinished {
            if closedByConnection {
                throw DatabaseError(
                    kind: .misuse,
                    message: "the cursor was closed because another statement started on its connection", sql: sql)
            }
            return false
        }
        while true {
            // `first` is the wrapped first result; later ones are raw handles this cursor owns until cleared.
            let first = pending
            let handle: OpaquePointer
            if let first {
                handle = first.handle
                pending = nil
            } else if let raw = PQgetResult(connection.handle) {
                handle = raw
            } else {
                finish()
                return false
            }
            let status = PQresultStatus(handle)
            let rowCount = PQntuples(handle)
            if status == PGRES_SINGLE_TUPLE || (status == PGRES_TUPLES_OK && rowCount > 0) {
                current = first
                currentHandle = handle
                ownsCurrentHandle = first == nil
                currentRow = 0
                currentRowCount = rowCount
                return true
            }
            if status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE || status == PGRES_NONFATAL_ERROR {
                let error = connection.makeError(from: first ?? PostgresResult(taking: handle), sql: sql)
                connection.drainResults()
                finish()
                throw error
            }
            // The empty PGRES_TUPLES_OK that ends single-row mode: read on until libpq returns NULL.
            if first == nil { PQclear(handle) }
        }
    }

    private func freeRowBuffers() {
        for buffer in rowBuffers { buffer.deallocate() }
        rowBuffers.removeAll(keepingCapacity: true)
    }

    /// Lets go of the result holding the current row, clearing it when the cursor owns it.
    @inline(__always)
    private func releaseCurrent() {
        if !rowBuffers.isEmpty { freeRowBuffers() }
        if ownsCurrentHandle, let currentHandle { PQclear(currentHandle) }
        ownsCurrentHandle = false
        current = nil
        currentHandle = nil
        currentRowCount = 0
    }

    /// The value of column `index` in the current row; `.null` before the first row or after the last.
    @inline(__always)
    public func value(at index: Int) -> DatabaseValue {
        precondition(index >= 0 && index < decoders.count, "column index \(index) out of range 0..<\(decoders.count)")
        guard let handle = currentHandle,
            let (bytes, length) = postgresField(handle, currentRow, Int32(truncatingIfNeeded: index))
        else { return .null }
        return decoders[index].decode(bytes, length: length)
    }

    /// The value of column `index` in the current row read in place: text points into the `PGresult` holding the
    /// row and stays valid until the cursor moves (``next()``, ``close()``); `.null` before the first row or after
    /// the last. A `bytea` value is decoded into a buffer the cursor frees when it moves.
    @inlinable
    public func reference(at index: Int) -> DatabaseValueRef {
        precondition(index >= 0 && index < decoders.count, "column index \(index) out of range 0..<\(decoders.count)")
        switch reader.pointee.reference(at: index) {
        case .value(let value): return value
        case .blob(let bytes, let length): return .blob(rowBuffer(decodeBytea(bytes, length: length)))
        }
    }

    /// Copies `bytes` into a buffer that lives until the cursor moves to another row.
    @usableFromInline
    func rowBuffer(_ bytes: [UInt8]) -> UnsafeRawBufferPointer {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        rowBuffers.append(buffer)
        return UnsafeRawBufferPointer(buffer)
    }

    /// Replaces `row` with the current row's values, decoded in one loop (in place when `row` already has one
    /// slot per column); empty when there is no current row.
    public func readRow(into row: inout [DatabaseValue]) {
        guard let handle = currentHandle else {
            row.removeAll(keepingCapacity: true)
            return
        }
        let count = decoders.count
        if row.count != count {
            row.removeAll(keepingCapacity: true)
            row.append(contentsOf: repeatElement(.null, count: count))
        }
        let rowIndex = currentRow
        let smallASCII = reader.pointee.smallASCII
        let reuseStrings = reader.pointee.reuseStrings
        decoders.withUnsafeBufferPointer { decoders in
            row.withUnsafeMutableBufferPointer { slots in
                for index in 0..<count {
                    if let (bytes, length) = postgresField(handle, rowIndex, Int32(truncatingIfNeeded: index)) {
                        // A long text goes into the storage of the string the slot held, when nothing else holds it
                        // (``DatabaseValue/assign(_:to:smallASCII:reuseStrings:)``), as on SQLite.
                        if decoders[index] == .text, length > 15 {
                            let text = UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self)
                            DatabaseValue.assign(
                                .text(UnsafeBufferPointer(start: text, count: length)),
                                to: slots.baseAddress.unsafelyUnwrapped + index, smallASCII: smallASCII,
                                reuseStrings: reuseStrings)
                        } else {
                            slots[index] = decoders[index].decode(bytes, length: length, smallASCII: smallASCII)
                        }
                    } else {
                        slots[index] = .null
                    }
                }
            }
        }
    }

    /// Appends the current row's values to `values`, decoded in one loop; nothing when there is no current row.
    public func appendRow(to values: inout [DatabaseValue]) {
        guard let handle = currentHandle else { return }
        let rowIndex = currentRow
        let smallASCII = reader.pointee.smallASCII
        decoders.withUnsafeBufferPointer { decoders in
            for index in decoders.indices {
                if let (bytes, length) = postgresField(handle, rowIndex, Int32(truncatingIfNeeded: index)) {
                    values.append(decoders[index].decode(bytes, length: length, smallASCII: smallASCII))
                } else {
                    values.append(.null)
                }
            }
        }
    }

    /// Whether column `index` of the current row is `NULL`.
    public func isNull(at index: Int) -> Bool {
        guard let handle = currentHandle else { return true }
        return PQgetisnull(handle, currentRow, Int32(truncatingIfNeeded: index)) == 1
    }

    /// Ends the query, discarding rows not read, and leaves the connection ready for the next statement.
    public func close() {
        releaseCurrent()
        pending = nil
        guard !isFinished else { return }
        let handle = connection.handle
        // Read whatever has already arrived without blocking; if the query ends there, no cancel is needed.
        // The read-ahead is bounded: a fast server can send rows as quickly as they are dropped.
        var ended = false
        if PQconsumeInput(handle) == 1 {
            var dropped = 0
            while dropped < 256 && PQisBusy(handle) == 0 {
                guard let raw = PQgetResult(handle) else {
                    ended = true
                    break
                }
                PQclear(raw)
                dropped += 1
            }
        }
        if !ended {
            // A cancelled statement aborts the transaction it runs in, so inside one the rest is read and dropped.
            if !startedInTransaction { connection.cancelRunningStatement() }
            connection.drainResults()
        }
        finish()
    }

    /// Called by the connection when another statement starts while this cursor is open.
    func closeBecauseAnotherStatementStarts() {
        guard !isFinished else { return }
        close()
        closedByConnection = true
    }

    private func finish() {
        isFinished = true
        if connection.activeCursor === self { connection.activeCursor = nil }
    }
}

@available(*, unavailable)
extension PostgresCursor: Sendable {}

/// What reading a value of a PostgreSQL cursor's current row needs, kept in memory the cursor allocates: the
/// result holding the row, the row's index, the column decoders. Plain values and pointers, so a ``RowView``
/// reads through a pointer to it with no reference counting (the view holds the cursor, which frees it).
@usableFromInline
struct PostgresRowReader {
    /// The result holding the current row; `nil` before the first row and after the last.
    @usableFromInline var handle: OpaquePointer?
    /// The index of the current row in ``handle``.
    @usableFromInline var row: Int32 = 0
    /// One decoder per column (owned: allocated here, freed by the cursor's `deinit`).
    @usableFromInline let decoders: UnsafeMutableBufferPointer<PostgresDecoder>
    /// ``SmallASCIIString/isUsable``, read once per cursor rather than once per text cell.
    @usableFromInline let smallASCII = SmallASCIIString.isUsable
    /// ``ReusedStringStorage/isUsable``, read once here rather than once per row.
    @usableFromInline let reuseStrings = ReusedStringStorage.isUsable

    init(decoders: [PostgresDecoder]) {
        handle = nil
        self.decoders = .allocate(capacity: decoders.count)
        _ = self.decoders.initialize(from: decoders)
    }

    /// A value read in place, or the raw text of a `bytea` value, which the cursor decodes into a buffer it owns.
    @usableFromInline
    enum Read {
        case value(DatabaseValueRef)
        case blob(UnsafePointer<UInt8>, length: Int)
    }

    /// Column `index` (in range) of the current row, read in place; `.null` when there is no current row.
    @inlinable @inline(__always)
    func reference(at index: Int) -> Read {
        guard let handle, let (bytes, length) = postgresField(handle, row, Int32(truncatingIfNeeded: index)) else {
            return .value(.null)
        }
        let raw = UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self)
        switch decoders[index] {
        case .integer:
            if let value = parseDecimalInteger(raw, length: length) { return .value(.integer(value)) }
            return .value(.text(UnsafeBufferPointer(start: raw, count: length)))
        case .text:
            return .value(.text(UnsafeBufferPointer(start: raw, count: length)))
        case .real:
            return .value(.real(parsePostgresReal(raw, length: length)))
        case .boolean:
            return .value(.boolean(length > 0 && raw[0] == UInt8(ascii: "t")))
        case .blob:
            return .blob(raw, length: length)
        }
    }
}

/// The text of column `column` in row `row` of `handle` and its length in bytes, or `nil` for `NULL`.
///
/// The length is read first: libpq gives a `NULL` the length 0, so `PQgetisnull` is asked only about empty
/// values, and a non-empty value costs two libpq calls instead of three (each call checks the row and column
/// numbers again; about 24 instructions).
@inlinable @inline(__always)
func postgresField(_ handle: OpaquePointer, _ row: Int32, _ column: Int32) -> (UnsafePointer<CChar>, Int)? {
    let length = PQgetlength(handle, row, column)
    if length == 0, PQgetisnull(handle, row, column) == 1 { return nil }
    return (UnsafePointer(PQgetvalue(handle, row, column)), Int(length))
}
