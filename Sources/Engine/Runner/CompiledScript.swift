import Foundation

extension ScriptStep {
    /// The steps a compiled file runs, in order: queries, mutations, transaction blocks and `connect(...)` calls.
    ///
    /// Statements that run nothing (plain bindings, imports) are left out.
    /// `includeConnects: false` leaves out `connect(...)` too, for a run whose connection was given from outside.
    public static func steps(
        of statements: [CompiledStatement], source: SourceText, includeConnects: Bool = true
    ) -> [ScriptStep] {
        statements.compactMap { statement in
            let position = source.position(of: statement.range.start, encoding: .utf32)
            let line = position.zeroBasedLine + 1
            let column = position.column + 1
            let action: Action
            switch statement.kind {
            case .connect:
                guard includeConnects, let target = statement.connectionTarget else { return nil }
                action = .connect(target)
            case .transaction:
                let children = steps(of: statement.children, source: source, includeConnects: includeConnects)
                action = .transaction(children, readOnly: statement.transactionOptions?.readonly ?? false)
            case .query:
                guard let plan = statement.plan else { return nil }
                switch statement.action {
                case .tail(let count): action = .query(plan, mode: .lastRows(count))
                case .toSQL, .showSQL: action = .query(plan, mode: .sqlOnly)
                case .explain: action = .query(plan, mode: .explain)
                case .collect, .show, .count, .first, .head, .take, nil: action = .query(plan)
                }
            case .mutation:
                guard !statement.mutations.isEmpty else { return nil }
                action = .mutation(statement.mutations)
            case .other:
                guard let control = statement.transactionAction else { return nil }
                action = .transactionControl(control)
            case .binding, .importStatement:
                return nil
            }
            return ScriptStep(action: action, range: statement.range, line: line, column: column)
        }
    }
}

/// The SQL of a compiled file's statements, as `moltres sql` prints it.
///
/// ```
/// -- line 3
/// SELECT "status", SUM("amount") AS "total" FROM "orders" WHERE "amount" > ? GROUP BY "status";
/// -- parameters: [100]
/// ```
public struct SQLListing: Sendable {
    /// The compiled source, for line numbers.
    public var source: SourceText
    /// The catalog SQL is generated against.
    public var catalog: Catalog
    /// The dialect.
    public var dialect: DatabaseKind
    /// Whether to lay the SQL out over several lines.
    public var pretty: Bool
    /// The schema and dialect of each `connect(...)` URL: SQL after a `connect(...)` to one of them is generated
    /// against it (see ``compileFollowingConnections(_:fixed:target:)``); other URLs keep the current one.
    public var connectionTargets: [String: CompilationTarget] = [:]

    /// Creates a listing.
    public init(source: SourceText, catalog: Catalog, dialect: DatabaseKind, pretty: Bool) {
        self.source = source
        self.catalog = catalog
        self.dialect = dialect
        self.pretty = pretty
    }

    /// The listing, or the first statement whose SQL cannot be generated.
    public func render(_ statements: [CompiledStatement]) -> Result<String, ScriptError> {
        let steps = ScriptStep.steps(of: statements, source: source)
        var output = ""
        do {
            var target = CompilationTarget(catalog: catalog, dialect: dialect)
            try render(steps, into: &output, target: &target)
        } catch let error as ScriptError {
            return .failure(error)
        } catch {
            return .failure(ScriptError(code: "MOL6001", message: "\(error)", range: .empty(at: 0), line: 1, column: 1))
        }
        return .success(output)
    }

    private func render(_ steps: [ScriptStep], into output: inout String, target: inout CompilationTarget) throws {
        for step in steps {
            let dialect = makeDialect(target.dialect)
            let catalog = target.catalog
            do {
                switch step.action {
                case .connect(let url):
                    output += "-- line \(step.line): connect to \(ConnectionURL.redact(url))\n\n"
                    if let next = connectionTargets[url] { target = next }
                case .query(let plan, _):
                    let statement = try generateSQL(for: plan, dialect: dialect, catalog: catalog)
                    output += "-- line \(step.line)\n" + text(of: statement)
                case .mutation(let mutations):
                    // Later statements see the tables it makes or drops (as compiling did; not without a catalog).
                    var catalog = catalog
                    let statements = try mutations.flatMap { mutation in
                        defer { if !catalog.tables.isEmpty { catalog.applySchemaChange(mutation) } }
                        return try generateSQL(for: mutation, dialect: dialect, catalog: catalog)
                    }
                    target.catalog = catalog
                    output += "-- line \(step.line)\n" + statements.map(text(of:)).joined()
                case .transactionControl(let action):
                    output += "-- line \(step.line): \(Self.describe(action))\n\n"
                case .transaction(let children, let readOnly):
                    output += "-- line \(step.line): transaction\n"
                    output += readOnly ? "BEGIN READ ONLY;\n\n" : "BEGIN;\n\n"
                    try render(children, into: &output, target: &target)
                    output += "COMMIT;\n\n"
                }
            } catch let error as PlanError {
                throw ScriptError(
                    code: error.code, message: error.message, range: step.range, line: step.line, column: step.column)
            }
        }
    }

    /// `-- line N`, the SQL that ran and its parameters, as `moltres run --show-sql` prints them before a result.
    public static func header(for result: StatementResult) -> String {
        var text = "-- line \(result.line)\n\(result.sql);\n"
        if !result.parameters.isEmpty {
            text += "-- parameters: [" + result.parameters.map(JSONText.value).joined(separator: ", ") + "]\n"
        }
        return text
    }

    static func describe(_ action: TransactionAction) -> String {
        switch action {
        case .commit: "txn.commit()"
        case .rollback: "txn.rollback()"
        case .savepoint(let name): "txn.savepoint(\(name.map { "\"\($0)\"" } ?? ""))"
        case .rollbackToSavepoint(let name): "txn.rollback_to_savepoint(\(name.map { "\"\($0)\"" } ?? ""))"
        case .releaseSavepoint(let name): "txn.release_savepoint(\(name.map { "\"\($0)\"" } ?? ""))"
        }
    }

    private func text(of statement: SQLStatement) -> String {
        var result = (pretty ? statement.prettyText : statement.text) + ";\n"
        if !statement.parameters.isEmpty {
            result += "-- parameters: [" + statement.parameters.map(JSONText.value).joined(separator: ", ") + "]\n"
        }
        return result + "\n"
    }
}

extension ScriptRunner {
    /// Runs every statement of a compiled file in order, streaming each result to `onResult`.
    ///
    /// A compilation with an error diagnostic runs nothing: the first error is thrown as a ``ScriptError``.
    /// `includeConnects: false` ignores the file's `connect(...)` calls (the runner's session is used throughout).
    public func run(
        _ compilation: Compilation, includeConnects: Bool = true, onResult: (StatementResult) throws -> Void
    ) throws {
        let source = compilation.tree.source
        if let error = compilation.diagnostics.first(where: { $0.severity == .error }) {
            throw ScriptError(diagnostic: error, source: source)
        }
        try run(
            ScriptStep.steps(of: compilation.statements, source: source, includeConnects: includeConnects),
            onResult: onResult)
    }

    /// Runs one statement of a compiled file (the editor's "Run" on the statement under the cursor).
    ///
    /// A statement with an error diagnostic in its range is refused with that error.
    public func run(
        _ statement: CompiledStatement, of compilation: Compilation, onResult: (StatementResult) throws -> Void
    ) throws {
        let source = compilation.tree.source
        if let error = compilation.diagnostics.first(where: {
            $0.severity == .error && statement.range.touches($0.range.start)
        }) {
            throw ScriptError(diagnostic: error, source: source)
        }
        try run(ScriptStep.steps(of: [statement], source: source), onResult: onResult)
    }
}

extension ScriptError {
    /// The error for a diagnostic, located in `source`.
    public init(diagnostic: Diagnostic, source: SourceText) {
        let position = source.position(of: diagnostic.range.start, encoding: .utf32)
        self.init(
            code: diagnostic.code.rawValue, message: diagnostic.message, range: diagnostic.range,
            line: position.zeroBasedLine + 1, column: position.column + 1)
    }
}
