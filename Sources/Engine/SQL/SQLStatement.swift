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
    let generator = SQLGenerator(dialect: dialect, catalog: catalog)
    let (tree, columns) = try generator.queryTree(for: plan)
    let statement = generator.statementHints.isEmpty ? tree : .hinted(generator.statementHints, tree)
    return try checked(SQLPrinter.statement(for: statement, dialect: dialect, resultColumns: columns))
}

/// Refuses SQL text with a NUL character: databases read SQL as a C string, so a NUL in an identifier or in raw
/// SQL would cut the statement short; the printer also writes an empty identifier as NUL.
/// (Values are parameters and may hold NUL where the database allows.)
private func checked(_ statement: SQLStatement) throws -> SQLStatement {
    if statement.text.utf8.contains(0) {
        throw PlanError(
            .identifierTooLong,
            message: "a name is empty, longer than the database allows, or contains a NUL character (U+0000), "
                + "or raw SQL text contains a NUL")
    }
    return statement
}

/// Generates the statements of a mutation for a dialect, run in order in one transaction.
///
/// An insert of many rows becomes several statements when its values exceed the dialect's parameter limit.
public func generateSQL(
    for mutation: MutationPlan, dialect: any Dialect, catalog: Catalog = .empty
) throws
    -> [SQLStatement]
{
    let generator = SQLGenerator(dialect: dialect, catalog: catalog)
    return try generator.mutationTrees(for: mutation).map {
        try checked(SQLPrinter.statement(for: $0, dialect: dialect, resultColumns: []))
    }
}
