/// A DataFrame query compiled to SQL once and run many times with new values for its parameters.
///
/// Every literal of a pipeline is a bind parameter, so a point query such as
/// `db.table("t").where(col("id") == 0)` compiles to SQL with one parameter; ``collect(_:)`` and
/// ``stream(_:_:)`` run that SQL with the values given instead of the compiled ones, without planning or
/// generating SQL again. The drivers keep the prepared statement in their statement caches, and a read runs
/// as one statement (no transaction around it).
///
/// ```swift
/// let byID = try db.table("orders").where(col("id") == 0).select("id", "amount").prepare()
/// for id in ids { let rows = try byID.collect([.integer(id)]).rows }
/// ```
public struct PreparedQuery: Sendable {
    /// The compiled statement: its SQL, the parameters compiled from the pipeline's literals (in placeholder
    /// order), and its result columns.
    public let statement: SQLStatement
    /// The session that runs it.
    public let session: Session
    /// The result columns read back as booleans (SQLite's 0 and 1 for boolean expressions), found once.
    @usableFromInline let booleanColumns: [Int]

    init(statement: SQLStatement, session: Session) {
        self.statement = statement
        self.session = session
        self.booleanColumns = statement.integerBooleanColumns(on: session.connection.kind)
    }

    /// The parameter values compiled from the pipeline, in placeholder order: the shape ``collect(_:)`` takes.
    public var parameters: [DatabaseValue] { statement.parameters }

    /// Runs the query with `parameters` in place of the compiled values and returns all rows.
    ///
    /// - Throws: ``DatabaseError`` of kind `.misuse` when the count differs from ``parameters``'s.
    ///
    /// Inlinable, and the values are lent to the session as a buffer: the caller's array literal then does not
    /// escape, and the compiler keeps it on the stack instead of allocating and freeing it for every query.
    @inlinable
    public func collect(_ parameters: [DatabaseValue]) throws -> QueryResult {
        try checkCount(parameters)
        return try parameters.withUnsafeBufferPointer { buffer in
            try session.collect(statement.text, parameterBuffer: buffer, booleanColumns: booleanColumns)
        }
    }

    /// Runs the query with the compiled parameter values and returns all rows.
    public func collect() throws -> QueryResult {
        try session.collect(statement.text, parameters: statement.parameters, booleanColumns: booleanColumns)
    }

    /// Runs the query with `parameters` in place of the compiled values, calling `body` with each row as it
    /// arrives (the array passed in is reused for the next row).
    public func stream(_ parameters: [DatabaseValue], _ body: ([DatabaseValue]) throws -> Void) throws {
        try checkCount(parameters)
        try session.stream(statement.text, parameters: parameters, booleanColumns: booleanColumns, body)
    }

    /// Runs the query with `parameters` in place of the compiled values, calling `body` with each row read in
    /// place (``RowView``).
    public func forEachRow(_ parameters: [DatabaseValue], _ body: (RowView) throws -> Void) throws {
        try checkCount(parameters)
        try session.forEachRow(statement.text, parameters: parameters, booleanColumns: booleanColumns, body)
    }

    @usableFromInline
    func checkCount(_ parameters: [DatabaseValue]) throws {
        guard parameters.count == statement.parameters.count else {
            throw DatabaseError(
                kind: .misuse,
                message:
                    "the prepared query takes \(statement.parameters.count) parameters but \(parameters.count) were given",
                sql: statement.text)
        }
    }
}

extension DataFrame {
    /// Compiles the query once for its session's database, to run many times with new parameter values.
    public func prepare() throws -> PreparedQuery {
        guard let session else {
            throw PlanError.invalidUse("this DataFrame has no database; create it from a Session to prepare it")
        }
        return PreparedQuery(statement: try sql(dialect: session.dialect), session: session)
    }
}
