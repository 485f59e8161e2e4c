/// A value of the abstract interpreter: what an expression of the file evaluates to, without running anything.
///
/// Values are copied, passed and returned at every step of a chain, so every case larger than a frame or a column
/// (a connection's target, a window, records, a writer, an action, DDL pieces) is `indirect` and a grouped frame
/// is an object (``Grouped``): the
/// enum is as large as a frame (26 bytes, passed in registers; `ValueLayoutTests` holds it there) instead of a
/// foreign-key constraint's 73.
enum Value: Sendable {
    /// Not known (after an error, or from an ignored import); using it reports nothing further.
    case unknown
    /// A connection; `target` is the URL or name given to `connect(...)`.
    indirect case database(target: String?)
    /// A DataFrame: plan and per-step schema.
    case frame(Frame)
    /// `df.group_by(...)` (a reference: its frame and keys are read where they are, not copied out of a box).
    case grouped(Grouped)
    /// `df.group_by(...).pivot(...)`.
    indirect case pivoted(Grouped, pivot: Expression, values: [DatabaseValue])
    /// A column expression.
    case column(ColumnValue)
    /// A window specification.
    indirect case window(WindowSpecification)
    /// A Python scalar.
    case scalar(DatabaseValue)
    /// A list (or tuple, when `isTuple`).
    case list([Value], isTuple: Bool)
    /// A dict; keys that are not strings are `nil`.
    case dict([DictEntry])
    /// A predefined callable.
    case callable(Callable)
    /// `F`, `Window`, `Records`.
    case namespace(Namespace)
    /// The transaction of a `with` block.
    case transaction
    /// `Records.from_list(rows)`.
    indirect case records(columns: [String], rows: [[String: Expression]])
    /// `df.na`: `fill(...)` and `drop(...)`, the same steps as `fillna(...)` and `dropna(...)`.
    case nullFunctions(Frame)
    /// `df.write`, with its `mode(...)`.
    indirect case writer(Frame, mode: String?)
    /// A mutation (or several, for `save_as_table`), not yet run.
    case mutation([MutationPlan])
    /// A DataFrame with an action applied (`count()`, `head(5)`, …).
    indirect case action(Frame, QueryAction)
    /// `column(name, type, …)` in `create_table`.
    indirect case columnDefinition(ColumnDefinition)
    /// `unique(...)`, `check(...)`, `foreign_key(...)`.
    indirect case constraint(TableConstraint)
    /// `txn.commit()`, `txn.rollback()`, ….
    case transactionControl(TransactionAction)
    /// `db.transaction(...)`, the context of a `with` block.
    indirect case transactionContext(TransactionOptions)

    /// The kind shown to the user.
    var kind: ValueKind {
        switch self {
        case .unknown: .unknown
        case .database: .database
        case .frame(let frame): .dataFrame(schema: frame.columns, isComplete: frame.isComplete)
        case .grouped(let grouped), .pivoted(let grouped, _, _):
            .groupedData(keys: grouped.keys.map { $0.outputName ?? "?" })
        case .column(let column): .column(column.type)
        case .window: .window
        case .scalar(let value): .scalar(value.checkerType)
        case .list: .list
        case .dict: .dict
        case .callable(let callable): .function(callable.name)
        case .namespace(let namespace): .namespace(namespace.rawValue)
        case .transaction: .transaction
        case .records: .records
        case .nullFunctions: .namespace("DataFrame.na")
        case .writer: .writer
        case .mutation: .mutation
        case .action(_, let action): action == .count ? .scalar(.integer) : .unknown
        case .columnDefinition, .constraint: .unknown
        case .transactionControl: .unknown
        case .transactionContext: .transaction
        }
    }

    /// The frame of a `.frame` value, leaving `.unknown` in its place (`nil`, and the value unchanged, for any
    /// other case).
    mutating func takeFrame() -> Frame? {
        guard case .frame(let frame) = self else { return nil }
        self = .unknown
        return frame
    }

    /// Whether the value is unknown (errors already reported).
    var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }
}

/// One `key: value` of a dict.
struct DictEntry: Sendable {
    var key: String?
    var keyRange: ByteRange
    var value: Value
    var valueRange: ByteRange
}

/// The namespaces among the predefined names.
enum Namespace: String, Sendable {
    case functions = "F"
    case window = "Window"
    case records = "Records"
}

/// A predefined callable.
enum Callable: Sendable {
    case col
    case lit
    case connect
    case column
    case function(BuiltinFunction)
    case unique
    case check
    case foreignKey
    case windowMethod(String)
    case recordsFromList

    var name: String {
        switch self {
        case .col: "col"
        case .lit: "lit"
        case .connect: "connect"
        case .column: "column"
        case .function(let function): function.name
        case .unique: "unique"
        case .check: "check"
        case .foreignKey: "foreign_key"
        case .windowMethod(let name): "Window.\(name)"
        case .recordsFromList: "Records.from_list"
        }
    }
}

/// A DataFrame value: its plan and the columns of its output.
struct Frame: Sendable {
    /// The plan so far.
    var plan: LogicalPlan
    /// The output columns known so far.
    var columns: [PlanColumn]
    /// For each column, the source range that made it (table call, alias, …), for related locations.
    var origins: ColumnOrigins
    /// Whether ``columns`` is all of them; false below an unknown table or raw SQL.
    var isComplete: Bool

    /// The scope in which the arguments of this frame's methods resolve column names.
    var scope: Scope { Scope(columns: columns, origins: origins, isComplete: isComplete) }
}

/// The result of `group_by`: an immutable object, so that `Value` stays small and the grouped step reads the
/// frame and keys where they are (a boxed struct was copied out of its box, a retain of each of its six references,
/// and the box freed with them).
final class Grouped: Sendable {
    let frame: Frame
    let keys: [Expression]
    let keyColumns: [PlanColumn]
    let keyOrigins: ColumnOrigins

    init(frame: consuming Frame, keys: [Expression], keyColumns: [PlanColumn], keyOrigins: ColumnOrigins) {
        self.frame = frame
        self.keys = keys
        self.keyColumns = keyColumns
        self.keyOrigins = keyOrigins
    }
}

/// The columns against which `col("x")` resolves, with the ones of enclosing queries (correlated subqueries).
struct Scope: Sendable {
    var columns: [PlanColumn]
    var origins: ColumnOrigins
    var isComplete: Bool
    /// Which push of a scope this is (``Binder/withScope(_:_:)`` numbers them), so that a column found in it can
    /// be known again by its position (``ColumnValue/position(inScope:)``).
    var serial: UInt32 = 0
}

/// A column expression with what the checker knows about it.
struct ColumnValue: Sendable {
    /// The expression.
    var expression: Expression
    /// Its type (`unknown` when not known).
    var type: SQLType
    /// Whether it may be NULL.
    var nullable: Bool = true
    /// For a column reference resolved to exactly one column of the innermost scope, that column's index there
    /// (`UInt16.max` otherwise) and the scope's ``Scope/serial``: a step that projects the column finds it without
    /// looking it up again. (Both sit in the padding after ``nullable``: the value stays three words.)
    private var scopeIndex = UInt16.max
    private var scopeSerial: UInt32 = 0
    /// Column references made outside any scope (a `Column` bound to a name), resolved where it is used.
    var pending: [PendingReference] = []

    init(_ expression: Expression, type: SQLType, nullable: Bool = true, pending: [PendingReference] = []) {
        self.expression = expression
        self.type = type
        self.nullable = nullable
        self.pending = pending.count > 1 ? Self.distinct(pending) : pending
    }

    /// A column reference resolved to column `index` of the scope numbered `serial`.
    init(_ reference: ColumnReference, type: SQLType, nullable: Bool, index: Int, serial: UInt32) {
        self.expression = .column(reference)
        self.type = type
        self.nullable = nullable
        if index < Int(UInt16.max) {
            self.scopeIndex = UInt16(index)
            self.scopeSerial = serial
        }
    }

    /// The index of the column this reference was resolved to, when it was resolved in the scope numbered
    /// `serial` and the expression is still that reference.
    @inline(__always)
    func position(inScope serial: UInt32) -> Int? {
        guard scopeIndex != .max, scopeSerial == serial, case .column = expression else { return nil }
        return Int(scopeIndex)
    }

    /// `references` without repeats, in source order: a binding used twice (`a + a`) must not double its
    /// pending references, or bindings of bindings would grow them exponentially. References in increasing
    /// source order (the usual case) are checked in one pass without hashing.
    private static func distinct(_ references: [PendingReference]) -> [PendingReference] {
        var ordered = true
        for index in 1..<references.count where references[index - 1].range.start >= references[index].range.start {
            ordered = false
            break
        }
        if ordered { return references }
        var seen = Set<PendingReference>()
        var result: [PendingReference] = []
        for reference in references where seen.insert(reference).inserted { result.append(reference) }
        result.sort { ($0.range.start, $0.range.end) < ($1.range.start, $1.range.end) }
        return result
    }
}

/// A column reference to resolve later, with where it was written.
struct PendingReference: Sendable, Hashable {
    var reference: ColumnReference
    var range: ByteRange
}

extension DatabaseValue {
    /// The checker type of a literal; `unknown` for `NULL`.
    var checkerType: SQLType {
        switch self {
        case .null: .unknown
        case .integer: .integer
        case .real: .real
        case .text: .text
        case .blob: .blob
        case .boolean: .boolean
        }
    }
}

/// For each column of a frame, the source range that made it (a `db.table(…)` call, an alias, a step's argument
/// list), read only for the related locations of an ambiguous-column report.
///
/// Most frames' columns all come from one place (a table's frame, a select of its columns, a grouped step's
/// keys), so that case is one range held inline (two 32-bit offsets, as small as the array it replaces): it
/// allocates nothing and copying it retains nothing, where an array of one range per column was allocated, filled,
/// copied and freed at every step. Other frames hold one range per column. Which columns the inline range covers
/// is not stored: it is every column of the frame, so operations that change the columns are told their counts.
enum ColumnOrigins: Sendable {
    /// Every column comes from the range `start..<end`.
    case same(start: UInt32, end: UInt32)
    /// One range per column.
    case each([ByteRange])

    /// No columns.
    static let none = ColumnOrigins.each([])

    /// `count` columns that all come from `range`.
    init(repeating range: ByteRange, count: Int) {
        if count == 0 {
            self = .none
            return
        }
        if let same = Self.packed(range) {
            self = same
            return
        }
        var ranges: [ByteRange] = []
        ranges.reserveCapacity(count)
        for _ in 0..<count { ranges.append(range) }
        self = .each(ranges)
    }

    /// `range` inline, when its offsets fit in 32 bits (a source of 4 GiB or more keeps an array).
    private static func packed(_ range: ByteRange) -> ColumnOrigins? {
        guard let start = UInt32(exactly: range.start), let end = UInt32(exactly: range.end) else { return nil }
        return .same(start: start, end: end)
    }

    /// The origin of column `index` of the frame, or `fallback` past the last one held.
    @inline(__always)
    func origin(at index: Int, default fallback: ByteRange) -> ByteRange {
        switch self {
        case .same(let start, let end): ByteRange(start: Int(start), end: Int(end))
        case .each(let ranges): index < ranges.count ? ranges[index] : fallback
        }
    }

    /// The origin of column `index`, `nil` past the last one held.
    func origin(at index: Int) -> ByteRange? {
        switch self {
        case .same(let start, let end): ByteRange(start: Int(start), end: Int(end))
        case .each(let ranges): index < ranges.count ? ranges[index] : nil
        }
    }

    /// One range per column, for a frame of `count` columns, with room for `room` more (one allocation for an
    /// inline range and the columns about to be added).
    private func ranges(count: Int, room: Int = 1) -> [ByteRange] {
        switch self {
        case .same:
            var ranges: [ByteRange] = []
            ranges.reserveCapacity(count + room)
            let range = origin(at: 0, default: .empty(at: 0))
            for _ in 0..<count { ranges.append(range) }
            return ranges
        case .each(let ranges): return ranges
        }
    }

    /// Adds `range` as the origin of a new column after the frame's `count` columns.
    mutating func append(_ range: ByteRange, after count: Int) {
        if count == 0 {
            self = ColumnOrigins(repeating: range, count: 1)
            return
        }
        if case .same = self, origin(at: 0, default: range) == range { return }
        var ranges = ranges(count: count)
        self = .none
        ranges.append(range)
        self = .each(ranges)
    }

    /// Adds `added` new columns that all come from `range` after the frame's `count` columns.
    mutating func append(_ range: ByteRange, count added: Int, after count: Int) {
        guard added > 0 else { return }
        if count == 0 {
            self = ColumnOrigins(repeating: range, count: added)
            return
        }
        if case .same = self, origin(at: 0, default: range) == range { return }
        // One array with room for all of them (appending one at a time grew it at the second).
        var ranges = ranges(count: count, room: added)
        self = .none
        ranges.reserveCapacity(count + added)
        for _ in 0..<added { ranges.append(range) }
        self = .each(ranges)
    }

    /// The origins of two frames' columns side by side (`leftCount` and `rightCount` columns).
    static func joined(
        _ left: ColumnOrigins, count leftCount: Int, _ right: ColumnOrigins, count rightCount: Int
    ) -> ColumnOrigins {
        if leftCount == 0 { return right }
        if rightCount == 0 { return left }
        if case .same = left, case .same = right,
            left.origin(at: 0, default: .empty(at: 0)) == right.origin(at: 0, default: .empty(at: 0))
        {
            return left
        }
        var ranges = left.ranges(count: leftCount, room: rightCount)
        ranges.reserveCapacity(leftCount + rightCount)
        for index in 0..<rightCount { ranges.append(right.origin(at: index, default: .empty(at: 0))) }
        return .each(ranges)
    }

    /// The origins with column `index` of the frame's `count` columns replaced by `range`.
    mutating func replace(at index: Int, with range: ByteRange, count: Int) {
        if case .same = self, origin(at: index, default: range) == range { return }
        var ranges = ranges(count: count)
        self = .none
        if index < ranges.count { ranges[index] = range }
        self = .each(ranges)
    }

    /// The origins of the columns at `indices`, in that order (`fallback` for any past the last one held).
    func selecting(_ indices: [Int], default fallback: ByteRange) -> ColumnOrigins {
        if case .same = self { return indices.isEmpty ? .none : self }
        var selected: [ByteRange] = []
        selected.reserveCapacity(indices.count)
        for index in indices { selected.append(origin(at: index, default: fallback)) }
        return .each(selected)
    }
}
