/// What kind of value an expression of a `.moltres` file has, as the checker sees it.
///
/// Hover shows it, completion picks members by it, and bindings carry it.
public enum ValueKind: Sendable, Hashable, CustomStringConvertible {
    /// A connection: `db`, or the result of `connect(...)`.
    case database
    /// A DataFrame with the columns known at that step; `isComplete` is false when more columns may exist
    /// (a table missing from the catalog, a raw SQL source), in which case unknown names are not errors.
    case dataFrame(schema: [PlanColumn], isComplete: Bool)
    /// The result of `group_by(...)`: call `agg(...)` on it.
    case groupedData(keys: [String])
    /// A column expression with its type.
    case column(SQLType)
    /// A window specification (`Window.partitionBy(...)`).
    case window
    /// A Python scalar: number, string, boolean or `None`.
    case scalar(SQLType)
    /// A list or tuple.
    case list
    /// A dict.
    case dict
    /// A callable such as `col`, `lit`, `connect` or an `F` function.
    case function(String)
    /// A namespace such as `F`, `Window` or `Records`.
    case namespace(String)
    /// The transaction object of `with db.transaction() as txn:`.
    case transaction
    /// `Records.from_list(...)`.
    case records
    /// `df.write`.
    case writer
    /// A statement that changes data or schema, not yet run.
    case mutation
    /// Not known, because of an earlier error or missing information.
    case unknown

    /// A short name for messages: `DataFrame`, `Column`, `Database`, ….
    public var description: String {
        switch self {
        case .database: "Database"
        case .dataFrame: "DataFrame"
        case .groupedData: "GroupedData"
        case .column(let type): type == .unknown ? "Column" : "Column (\(type.rawValue))"
        case .window: "Window"
        case .scalar(let type): type == .unknown ? "None" : type.rawValue
        case .list: "list"
        case .dict: "dict"
        case .function(let name): "function \(name)"
        case .namespace(let name): name
        case .transaction: "Transaction"
        case .records: "Records"
        case .writer: "DataFrameWriter"
        case .mutation: "mutation"
        case .unknown: "unknown"
        }
    }
}

/// A name visible in a file: a predefined name, a binding, an import or a `with … as` alias.
public struct BindingInfo: Sendable, Hashable {
    /// Where the name comes from.
    public enum Kind: Sendable, Hashable {
        /// `db`, `col`, `F`, … (no source range).
        case predefined
        /// `name = value`.
        case binding
        /// A name bound by `import`/`from … import` (accepted, no effect).
        case importName
        /// The alias of `with … as name:`.
        case withAlias
    }

    /// The name.
    public var name: String
    /// Where it comes from.
    public var kind: Kind
    /// The name's token where it is bound; empty at offset 0 for predefined names.
    public var range: ByteRange
    /// The bound value's kind.
    public var valueKind: ValueKind
    /// The first byte at which the name is visible (the end of its statement); 0 for predefined names.
    public var visibleFrom: Int
    /// The last byte at which it is visible (the end of the `with` block for its alias; the end of file otherwise).
    public var visibleUntil: Int

    /// Creates a binding description.
    public init(
        name: String, kind: Kind, range: ByteRange, valueKind: ValueKind, visibleFrom: Int,
        visibleUntil: Int = Int.max
    ) {
        self.name = name
        self.kind = kind
        self.range = range
        self.valueKind = valueKind
        self.visibleFrom = visibleFrom
        self.visibleUntil = visibleUntil
    }
}

/// What is at a position of the file, for hover and go-to-definition.
public enum SemanticSymbol: Sendable {
    /// A use (or the definition) of a bound name.
    case binding(BindingInfo)
    /// A table name (the string in `db.table("orders")`); `nil` info when the catalog does not know it.
    case table(TableInfo?, name: String, range: ByteRange)
    /// A column name (in `col("x")`, `select("x")`, …) resolved to a column of the step's input.
    case column(PlanColumn, range: ByteRange)
    /// A function of the `F` registry.
    case function(BuiltinFunction, range: ByteRange)
    /// A method (or attribute) name on a receiver that is not a DataFrame.
    case method(name: String, receiver: ValueKind, range: ByteRange)
    /// A step of a DataFrame chain: the plan up to and including it, and its output columns.
    case dataFrameStep(schema: [PlanColumn], plan: LogicalPlan, range: ByteRange)

    /// The source range the symbol covers; for a binding, the name where it is bound (its definition), while
    /// ``Compilation/symbol(at:)`` finds it at every use.
    public var range: ByteRange {
        switch self {
        case .binding(let info): info.range
        case .table(_, _, let range), .column(_, let range), .function(_, let range), .method(_, _, let range),
            .dataFrameStep(_, _, let range):
            range
        }
    }
}

/// What the user is typing at a position, for completion.
public enum CompletionContext: Sendable {
    /// After `db.` (or another Database value).
    case databaseMember
    /// Inside the string of `db.table("…`: table names.
    case tableName(prefix: String)
    /// Inside a string naming a column (`col("…`, `select("…`, `group_by("…`, …): the columns in scope at that step.
    case columnName(prefix: String, columns: [PlanColumn])
    /// After `.` on a DataFrame: its methods (and its columns, as `df.col`).
    case dataFrameMember(schema: [PlanColumn])
    /// After `.` on the result of `group_by(...)`.
    case groupedDataMember
    /// After `.` on a column expression.
    case columnMember
    /// After `F.`.
    case functionMember
    /// After `.` on a `Window` specification or the `Window` namespace.
    case windowMember
    /// After `.` on the transaction of a `with` block.
    case transactionMember
    /// After `.` on `df.write`.
    case writerMember
    /// Where a keyword argument may be written: the function or method and its keyword names.
    case keywordArgument(function: String, names: [String])
    /// Inside the string value of an enumerated keyword such as `how="…`.
    case keywordValue(name: String, values: [String])
    /// At the start of a statement or an expression: the visible bindings (predefined names included).
    case topLevel(bindings: [BindingInfo])
    /// Nothing to complete (inside a comment, a number, a string that names nothing).
    case none
}

/// The options of `with db.transaction(savepoint=…, readonly=…) as txn:`.
public struct TransactionOptions: Sendable, Hashable {
    /// `savepoint=True`: nest as a savepoint.
    public var savepoint: Bool
    /// `readonly=True`: no writes allowed.
    public var readonly: Bool
    /// The `as` name, if any.
    public var alias: String?

    /// Creates options.
    public init(savepoint: Bool = false, readonly: Bool = false, alias: String? = nil) {
        self.savepoint = savepoint
        self.readonly = readonly
        self.alias = alias
    }
}

/// What a transaction-control call inside a `with` block does (`txn.rollback()`, …).
public enum TransactionAction: Sendable, Hashable {
    /// `txn.commit()`.
    case commit
    /// `txn.rollback()`.
    case rollback
    /// `txn.savepoint(name=None)`.
    case savepoint(name: String?)
    /// `txn.rollback_to_savepoint(name)`.
    case rollbackToSavepoint(name: String?)
    /// `txn.release_savepoint(name)`.
    case releaseSavepoint(name: String?)
}

/// The action that ends a query statement, already applied to its plan where it changes the rows.
public enum QueryAction: Sendable, Hashable {
    /// `.collect()`.
    case collect
    /// `.show(n=20)`: the plan is limited to `n` rows.
    case show(Int)
    /// `.count()`: the plan yields one row with a `count` column.
    case count
    /// `.first()`: limited to one row.
    case first
    /// `.head(n=5)`: limited to `n` rows.
    case head(Int)
    /// `.take(n)`: limited to `n` rows.
    case take(Int)
    /// `.tail(n=5)`: all rows are fetched; the last `n` are shown.
    case tail(Int)
    /// `.to_sql()`: show the SQL, run nothing.
    case toSQL
    /// `.show_sql()`: show the SQL, run nothing.
    case showSQL
    /// `.explain()`: show the database's plan.
    case explain
}

/// An error from ``CompiledStatement/sql(dialect:catalog:)``, carrying a diagnostic placed on the statement.
public struct CompileError: Error, Sendable, CustomStringConvertible {
    /// The diagnostic, with a stable code.
    public var diagnostic: Diagnostic

    /// Creates an error.
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    /// The diagnostic's description.
    public var description: String { diagnostic.description }
}
