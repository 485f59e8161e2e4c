import Foundation

/// The SQL stage's output: one statement ready to run.
public struct SQLStatement: Sendable {
    /// The SQL on one line.
    public var text: String
    /// The bound values, in placeholder order.
    public var parameters: [DatabaseValue]
    /// The columns a query yields (empty for statements that yield none).
    public var resultColumns: [PlanColumn]
    private let pretty: Pretty

    private enum Pretty {
        case text(String)
        case tree(SQLTree, any Dialect)
    }

    /// Creates a statement.
    public init(text: String, prettyText: String, parameters: [DatabaseValue], resultColumns: [PlanColumn]) {
        self.text = text
        self.pretty = .text(prettyText)
        self.parameters = parameters
        self.resultColumns = resultColumns
    }

    /// A statement whose pretty text is printed from `tree` when first asked for.
    init(text: String, tree: SQLTree, dialect: any Dialect, parameters: [DatabaseValue], resultColumns: [PlanColumn]) {
        self.text = text
        self.pretty = .tree(tree, dialect)
        self.parameters = parameters
        self.resultColumns = resultColumns
    }

    /// The same SQL with one clause per line and indented subqueries (printed on demand).
    public var prettyText: String {
        switch pretty {
        case .text(let text): return text
        case .tree(let tree, let dialect): return SQLPrinter.prettyText(for: tree, dialect: dialect)
        }
    }
}

/// Generates the SQL of a query plan for a dialect: the SQL stage's entry point.
///
/// ```swift
/// let statement = try generateSQL(for: plan, dialect: PostgresDialect(), catalog: catalog)
/// statement.text        // SELECT … FROM "orders" WHERE "orders"."amount" > $1
/// statement.parameters  // [.integer(100)]
/// ```
///
/// - Throws: ``PlanError`` for unknown names, type errors (`MOL2xxx`), API misuse (`MOL3xxx`) and
///   constructs the dialect cannot express (`MOL4xxx`).
public func generateSQL(for plan: LogicalPlan, dialect: any Dialect, catalog: Catalog = .empty) throws -> SQLStatement {
    if plan.isDeeper(than: deepPlanSteps) {
        return try onLargeStack { try generateSQLHere(for: plan, dialect: dialect, catalog: catalog) }
    }
    return try generateSQLHere(for: plan, dialect: dialect, catalog: catalog)
}

private func generateSQLHere(for plan: LogicalPlan, dialect: any Dialect, catalog: Catalog) throws -> SQLStatement {
    let generator = SQLGenerator(dialect: dialect, catalog: catalog)
    let (tree, columns) = try generator.queryTree(for: plan)
    let statement = generator.statementHints.isEmpty ? tree : .hinted(generator.statementHints, tree)
    return try checked(SQLPrinter.statement(for: statement, dialect: dialect, resultColumns: columns), dialect: dialect)
}

/// Refuses SQL text with a NUL character: databases read SQL as a C string, so a NUL in an identifier or in raw
/// SQL would cut the statement short; the printer also writes an empty or too long identifier as NUL.
/// (Values are parameters and may hold NUL where the database allows.)
private func checked(
    _ printed: (statement: SQLStatement, refusedName: String?), dialect: any Dialect
) throws
    -> SQLStatement
{
    guard printed.statement.text.utf8.contains(0) else { return printed.statement }
    let message: String
    switch printed.refusedName {
    case let name? where name.isEmpty:
        message = "a name is empty: \(dialect.name) cannot name a table or column with the empty string"
    case let name? where name.utf8.contains(0):
        message = "the name '\(shown(name))' contains a NUL character (U+0000), which no database allows in a name"
    case let name?:
        let limit = dialect.maximumIdentifierLength.map { " (\($0) at most)" } ?? ""
        message =
            "the name '\(shown(name))' is \(name.utf8.count) bytes, longer than \(dialect.name) allows\(limit); "
            + "it would be cut short silently, so use a shorter name"
    case nil:
        message = "the raw SQL text contains a NUL character (U+0000), which would cut the statement short"
    }
    throw PlanError(.identifierTooLong, message: message)
}

/// A name for a message: NULs made visible, at most 40 characters.
private func shown(_ name: String) -> String {
    let visible = name.replacingOccurrences(of: "\u{0}", with: "\\0")
    return visible.count > 40 ? String(visible.prefix(40)) + "…" : visible
}

/// Generates the statements of a mutation for a dialect, run in order in one transaction.
///
/// An insert of many rows becomes several statements when its values exceed the dialect's parameter limit.
public func generateSQL(
    for mutation: MutationPlan, dialect: any Dialect, catalog: Catalog = .empty
) throws
    -> [SQLStatement]
{
    if case .insertSelect(_, _, let query) = mutation, query.isDeeper(than: deepPlanSteps) {
        return try onLargeStack { try generateSQLHere(for: mutation, dialect: dialect, catalog: catalog) }
    }
    return try generateSQLHere(for: mutation, dialect: dialect, catalog: catalog)
}

private func generateSQLHere(
    for mutation: MutationPlan, dialect: any Dialect, catalog: Catalog
) throws
    -> [SQLStatement]
{
    let generator = SQLGenerator(dialect: dialect, catalog: catalog)
    return try generator.mutationTrees(for: mutation).map {
        try checked(SQLPrinter.statement(for: $0, dialect: dialect, resultColumns: []), dialect: dialect)
    }
}

/// A plan with more steps than this in a chain is generated on a thread of its own with a large stack: each step
/// is a level of recursion in the generator and the printer (about 16 KB of stack in a release build, 70 KB in a
/// debug one), and a thread's usual 8 MB held about 500 of them. The generator refuses more than
/// ``SQLGenerator/depthLimit`` levels in all.
private let deepPlanSteps = 32

/// Runs `body` on a new thread with a 512 MiB stack (address space: only the pages used are committed) and waits
/// for it.
private func onLargeStack<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    let outcome = LargeStackOutcome<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        outcome.result = Result { try body() }
        done.signal()
    }
    thread.stackSize = 512 << 20
    thread.start()
    done.wait()
    return try outcome.result!.get()
}

/// The result of ``onLargeStack(_:)``'s thread: written by it before it signals, read after the wait.
private final class LargeStackOutcome<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
