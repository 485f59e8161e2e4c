/// A value of the abstract interpreter: what an expression of the file evaluates to, without running anything.
enum Value: Sendable {
    /// Not known (after an error, or from an ignored import); using it reports nothing further.
    case unknown
    /// A connection; `target` is the URL or name given to `connect(...)`.
    case database(target: String?)
    /// A DataFrame: plan and per-step schema.
    case frame(Frame)
    /// `df.group_by(...)`.
    case grouped(Grouped)
    /// `df.group_by(...).pivot(...)`.
    case pivoted(Grouped, pivot: Expression, values: [DatabaseValue])
    /// A column expression.
    case column(ColumnValue)
    /// A window specification.
    case window(WindowSpecification)
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
    case records(columns: [String], rows: [[String: Expression]])
    /// `df.na`: `fill(...)` and `drop(...)`, the same steps as `fillna(...)` and `dropna(...)`.
    case nullFunctions(Frame)
    /// `df.write`, with its `mode(...)`.
    case writer(Frame, mode: String?)
    /// A mutation (or several, for `save_as_table`), not yet run.
    case mutation([MutationPlan])
    /// A DataFrame with an action applied (`count()`, `head(5)`, …).
    case action(Frame, QueryAction)
    /// `column(name, type, …)` in `create_table`.
    case columnDefinition(ColumnDefinition)
    /// `unique(...)`, `check(...)`, `foreign_key(...)`.
    case constraint(TableConstraint)
    /// `txn.commit()`, `txn.rollback()`, ….
    case transactionControl(TransactionAction)
    /// `db.transaction(...)`, the context of a `with` block.
    case transactionContext(TransactionOptions)

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
    var origins: [ByteRange]
    /// Whether ``columns`` is all of them; false below an unknown table or raw SQL.
    var isComplete: Bool

    /// The scope in which the arguments of this frame's methods resolve column names.
    var scope: Scope { Scope(columns: columns, origins: origins, isComplete: isComplete) }
}

/// The result of `group_by`.
struct Grouped: Sendable {
    var frame: Frame
    var keys: [Expression]
    var keyColumns: [PlanColumn]
    var keyOrigins: [ByteRange]
}

/// The columns against which `col("x")` resolves, with the ones of enclosing queries (correlated subqueries).
struct Scope: Sendable {
    var columns: [PlanColumn]
    var origins: [ByteRange]
    var isComplete: Bool
}

/// A column expression with what the checker knows about it.
struct ColumnValue: Sendable {
    /// The expression.
    var expression: Expression
    /// Its type (`unknown` when not known).
    var type: SQLType
    /// Whether it may be NULL.
    var nullable: Bool = true
    /// Column references made outside any scope (a `Column` bound to a name), resolved where it is used.
    var pending: [PendingReference] = []

    init(_ expression: Expression, type: SQLType, nullable: Bool = true, pending: [PendingReference] = []) {
        self.expression = expression
        self.type = type
        self.nullable = nullable
        self.pending = pending.count > 1 ? Self.distinct(pending) : pending
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
