/// The rows of a collected result, stored flat: every value of every row in one array, row after row.
///
/// One allocation holds the whole result instead of one array per row, which keeps `collect` of many rows
/// (and of one row, for point queries) cheap. It reads like an array of rows: `rows[i][j]`, `rows.count`,
/// `for row in rows`, `rows.first?.first`, `rows.map { … }`, and compares equal to an array literal of rows
/// (`result.rows == [[1, "a"]]`). Each row is a ``QueryRow``, a view that shares the storage.
///
/// Every row has the same number of values (the result's column count).
public struct QueryRows: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral {
    /// Every value, row-major: row `i` is `values[i * columnCount ..< (i + 1) * columnCount]`.
    public private(set) var values: [DatabaseValue]
    /// How many values each row has.
    public let columnCount: Int
    /// How many rows there are (kept apart, so rows of zero columns still count).
    @usableFromInline internal var rowCount: Int

    /// Rows over `values`, `columnCount` values per row; `values.count` must be a multiple of `columnCount`
    /// (and `rowCount` gives the number of rows when `columnCount` is 0).
    public init(values: [DatabaseValue], columnCount: Int, rowCount: Int? = nil) {
        precondition(columnCount >= 0, "a row has a non-negative number of values")
        if columnCount > 0 {
            precondition(
                values.count % columnCount == 0,
                "\(values.count) values do not make whole rows of \(columnCount) values")
        } else {
            precondition(values.isEmpty, "rows without columns hold no values")
        }
        self.values = values
        self.columnCount = columnCount
        self.rowCount = columnCount > 0 ? values.count / columnCount : (rowCount ?? 0)
    }

    /// Rows a driver has just collected: `rowCount` rows of `columnCount` values, which the driver guarantees, so
    /// nothing is checked (a point query runs this once per query).
    init(unchecked values: [DatabaseValue], columnCount: Int, rowCount: Int) {
        self.values = values
        self.columnCount = columnCount
        self.rowCount = rowCount
    }

    /// Rows copied from an array of rows; every row must have the same number of values.
    public init<Rows: Sequence>(_ rows: Rows) where Rows.Element: Collection, Rows.Element.Element == DatabaseValue {
        var values: [DatabaseValue] = []
        var columnCount: Int?
        var count = 0
        for row in rows {
            if let columnCount {
                precondition(row.count == columnCount, "every row must have \(columnCount) values, not \(row.count)")
            } else {
                columnCount = row.count
                values.reserveCapacity(row.count * rows.underestimatedCount)
            }
            values.append(contentsOf: row)
            count += 1
        }
        self.init(values: values, columnCount: columnCount ?? 0, rowCount: count)
    }

    /// Rows from a literal such as `[[1, "a"], [2, "b"]]`.
    public init(arrayLiteral rows: [DatabaseValue]...) {
        self.init(rows)
    }

    /// No rows.
    public init() {
        self.init(values: [], columnCount: 0)
    }

    /// Reads the integers of the given columns as booleans (0 is false, any other value true); other values stay.
    mutating func decodeBooleans(inColumns columns: [Int]) {
        guard !columns.isEmpty, columnCount > 0 else { return }
        var start = 0
        while start < values.count {
            for column in columns { values[start + column].decodeBoolean() }
            start += columnCount
        }
    }

    /// Appends one row; it must have ``columnCount`` values.
    public mutating func append<Row: Collection>(_ row: Row) where Row.Element == DatabaseValue {
        precondition(row.count == columnCount, "every row must have \(columnCount) values, not \(row.count)")
        values.append(contentsOf: row)
        rowCount += 1
    }

    // The accessors are inlinable, so reading rows from another module costs what reading nested arrays did.
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { rowCount }
    @inlinable public var count: Int { rowCount }

    /// Row `index`.
    @inlinable
    public subscript(index: Int) -> QueryRow {
        precondition(index >= 0 && index < rowCount, "row index \(index) out of range 0..<\(rowCount)")
        return QueryRow(storage: values, start: index &* columnCount, count: columnCount)
    }

    /// The rows as arrays (a copy).
    public var arrays: [[DatabaseValue]] { map { Array($0) } }

    /// Iterates the rows without checking each index again (every row of the store is whole).
    public struct Iterator: IteratorProtocol {
        @usableFromInline let rows: QueryRows
        @usableFromInline var index = 0

        @inlinable
        init(rows: QueryRows) { self.rows = rows }

        @inlinable
        public mutating func next() -> QueryRow? {
            guard index < rows.rowCount else { return nil }
            defer { index &+= 1 }
            return QueryRow(storage: rows.values, start: index &* rows.columnCount, count: rows.columnCount)
        }
    }

    @inlinable
    public func makeIterator() -> Iterator { Iterator(rows: self) }

    public static func == (left: QueryRows, right: QueryRows) -> Bool {
        left.rowCount == right.rowCount && (left.rowCount == 0 || left.columnCount == right.columnCount)
            && left.values == right.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rowCount)
        guard rowCount > 0 else { return }
        hasher.combine(columnCount)
        hasher.combine(values)
    }
}

extension Array where Element == DatabaseValue {
    /// Makes room for one more row of `count` values in a flat row store that a driver is filling.
    ///
    /// The first row gets exactly its size (a point query allocates once, no more than it needs). After that the
    /// capacity doubles, and from 64 Ki values it quadruples: a large result is then copied into a new buffer
    /// about half as often and in total about a third as much, and the capacity past its last row is never
    /// written, so those pages are never touched and cost address space, not memory.
    @inline(__always)
    mutating func reserveRow(of count: Int) {
        let needed = self.count + count
        guard needed > capacity else { return }
        if isEmpty {
            reserveCapacity(count)
        } else {
            reserveCapacity(Swift.max(needed, capacity < 65_536 ? capacity * 2 : capacity * 4))
        }
    }
}

extension QueryRows: CustomStringConvertible, CustomDebugStringConvertible {
    /// The rows as an array of arrays would print them.
    public var description: String { arrays.description }
    public var debugDescription: String { arrays.debugDescription }
}

/// One row of a ``QueryRows``: a view of its values in the shared storage, indexed from 0.
public struct QueryRow: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral {
    @usableFromInline internal let storage: [DatabaseValue]
    @usableFromInline internal let start: Int
    /// How many values the row has.
    public let count: Int

    @inlinable
    internal init(storage: [DatabaseValue], start: Int, count: Int) {
        self.storage = storage
        self.start = start
        self.count = count
    }

    /// A row holding `values`.
    public init(_ values: [DatabaseValue]) {
        self.init(storage: values, start: 0, count: values.count)
    }

    /// A row from a literal such as `[1, "a"]`.
    public init(arrayLiteral values: DatabaseValue...) {
        self.init(values)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    /// The value of column `index`.
    @inlinable
    public subscript(index: Int) -> DatabaseValue {
        precondition(index >= 0 && index < count, "column index \(index) out of range 0..<\(count)")
        return storage[start &+ index]
    }

    /// Iterates the row's values, read from the shared storage without checking each index again (a row's range
    /// lies inside its storage by construction).
    public struct Iterator: IteratorProtocol {
        @usableFromInline let storage: [DatabaseValue]
        @usableFromInline var position: Int
        @usableFromInline let end: Int

        @inlinable
        init(storage: [DatabaseValue], position: Int, end: Int) {
            self.storage = storage
            self.position = position
            self.end = end
        }

        @inlinable
        public mutating func next() -> DatabaseValue? {
            guard position < end else { return nil }
            defer { position &+= 1 }
            return storage.withUnsafeBufferPointer { $0[position] }
        }
    }

    @inlinable
    public func makeIterator() -> Iterator { Iterator(storage: storage, position: start, end: start &+ count) }

    public static func == (left: QueryRow, right: QueryRow) -> Bool {
        left.elementsEqual(right)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for value in self { hasher.combine(value) }
    }

    /// Whether the row holds exactly `values`, in order.
    public static func == (left: QueryRow, right: [DatabaseValue]) -> Bool {
        left.elementsEqual(right)
    }

    /// Whether the row holds exactly `values`, in order.
    public static func == (left: [DatabaseValue], right: QueryRow) -> Bool {
        left.elementsEqual(right)
    }
}

extension QueryRow: CustomStringConvertible, CustomDebugStringConvertible {
    /// The row as an array would print it.
    public var description: String { Array(self).description }
    public var debugDescription: String { Array(self).debugDescription }
}
