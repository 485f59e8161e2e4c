import Foundation
import Synchronization

/// Compiles a `.moltres` file: parses it, then binds names, columns and types against `catalog`, producing the
/// per-statement plans and every diagnostic (syntax and semantic, sorted by position).
///
/// Never throws and never gives up: any input yields a ``Compilation``; statements with errors are kept (not
/// runnable) and the rest still analyse. Without a catalog, tables have unknown schemas and column names are
/// not checked. With `generatesSQL` (the default), each statement without errors is also turned into SQL for
/// `dialect`, so constructs the database cannot run are reported (`MOL4xxx`) here rather than at run time.
///
/// ```swift
/// let compilation = compile("db.table(\"orders\").where(col(\"amount\") > 100)\n", catalog: catalog)
/// let sql = try compilation.statements[0].sql(dialect: .sqlite, catalog: catalog)
/// ```
public func compile(
    _ source: String, catalog: Catalog = .empty, dialect: DatabaseKind = .sqlite, generatesSQL: Bool = true
) -> Compilation {
    compile(SourceText(source), catalog: catalog, dialect: dialect, generatesSQL: generatesSQL)
}

/// Compiles source bytes (which may be invalid UTF-8); see ``compile(_:catalog:dialect:)-(String,_,_)``.
public func compile(
    _ source: SourceText, catalog: Catalog = .empty, dialect: DatabaseKind = .sqlite, generatesSQL: Bool = true
) -> Compilation {
    compile(parse(source).tree, catalog: catalog, dialect: dialect, generatesSQL: generatesSQL)
}

/// Compiles an already parsed tree (the language server keeps one tree per document version and does not parse it
/// twice); see ``compile(_:catalog:dialect:)-(String,_,_)``.
///
/// With `memo`, the SQL check reuses the outcome of statements it checked in an earlier compilation with the same
/// memo (the language server keeps one per document) when nothing it depends on changed; see ``SQLCheckMemo``. The
/// result is exactly that of a compilation without one.
public func compile(
    _ tree: SyntaxTree, catalog: Catalog = .empty, dialect: DatabaseKind = .sqlite, generatesSQL: Bool = true,
    memo: SQLCheckMemo? = nil
) -> Compilation {
    let syntaxDiagnostics = tree.diagnostics
    // The records for queries by position are made only when first asked for (`EditorFacts`): `moltres check`,
    // `sql` and `run` never ask, and binding without them is markedly faster.
    let binder = Binder(tree: tree, catalog: catalog, dialect: dialect, recordsFacts: false)
    let statements = binder.bindFile()
    let facts = EditorFacts(tree: tree, catalog: catalog, dialect: dialect)
    var diagnostics = syntaxDiagnostics + semanticDiagnostics(binder.diagnostics, tree: tree)
    if generatesSQL {
        let check = {
            sqlDiagnostics(
                statements, diagnostics: diagnostics, symbols: { facts.value.symbols }, catalog: catalog,
                dialect: dialect, source: tree.source, memo: $0)
        }
        diagnostics += memo.map { memo in memo.withLock { check($0) } } ?? check(nil)
    }
    if diagnostics.count > 1 {
        diagnostics = diagnostics.enumerated().sorted { left, right in
            (left.element.range.start, left.offset) < (right.element.range.start, right.offset)
        }.map(\.element)
    }
    let errorRanges = diagnostics.filter { $0.severity == .error }.map(\.range)
    return Compilation(
        tree: tree, diagnostics: diagnostics,
        statements: errorRanges.isEmpty ? statements : statements.map { $0.markingErrors(errorRanges) },
        facts: facts, catalog: catalog)
}

/// The binder's records for queries by position (symbols, bindings, column scopes, member bases, call sites),
/// made on first use by binding the tree again with recording on; binding is deterministic, so they are the
/// records the first binding would have made.
final class EditorFacts: Sendable {
    private let tree: SyntaxTree
    private let catalog: Catalog
    private let dialect: DatabaseKind
    /// The records once made. A `Mutex` is stored inline: every compilation makes one of these, and an `NSLock`
    /// (an object with a pthread mutex, made and destroyed) cost about 800 instructions of a 10-step pipeline.
    private let facts = Mutex<SemanticFacts?>(nil)

    init(tree: SyntaxTree, catalog: Catalog, dialect: DatabaseKind) {
        self.tree = tree
        self.catalog = catalog
        self.dialect = dialect
    }

    var value: SemanticFacts {
        facts.withLock { facts in
            if let facts { return facts }
            let binder = Binder(tree: tree, catalog: catalog, dialect: dialect, recordsFacts: true)
            _ = binder.bindFile()
            let made = SemanticFacts(
                symbols: binder.symbols, bindings: binder.bindingTimeline, columnScopes: binder.columnScopes,
                memberBases: binder.memberBases, callSites: binder.callSites)
            facts = made
            return made
        }
    }
}

/// The binder's diagnostics, without its errors inside statements that have a syntax error: while a line is being
/// typed, its syntax error is the one thing worth saying (warnings and hints stay).
private func semanticDiagnostics(_ diagnostics: [Diagnostic], tree: SyntaxTree) -> [Diagnostic] {
    let syntaxErrors = tree.diagnostics.filter { $0.severity == .error }
    guard !syntaxErrors.isEmpty, !diagnostics.isEmpty else { return diagnostics }
    var broken = Set<Int>()
    for diagnostic in syntaxErrors {
        if let statement = tree.statement(containing: diagnostic.range.start) { broken.insert(statement.index) }
    }
    return diagnostics.filter { diagnostic in
        guard diagnostic.severity == .error, let statement = tree.statement(containing: diagnostic.range.start) else {
            return true
        }
        return !broken.contains(statement.index)
    }
}

/// The diagnostics of generating SQL for each statement that has no error yet.
private func sqlDiagnostics(
    _ statements: [CompiledStatement], diagnostics: [Diagnostic], symbols: () -> [SymbolRecord],
    catalog: Catalog, dialect: DatabaseKind, source: SourceText, memo: SQLCheckMemo.Locked?
) -> [Diagnostic] {
    memo?.start(catalog: catalog, dialect: dialect)
    defer { memo?.finish() }
    let errorRanges = diagnostics.filter { $0.severity == .error }.map(\.range)
    var result: [Diagnostic] = []
    /// Whether the binder reported an error with this code about the same quoted name ("unknown column 'x'").
    func alreadyReported(_ diagnostic: Diagnostic) -> Bool {
        guard diagnostic.code.rawValue.hasPrefix("MOL2"), let open = diagnostic.message.firstIndex(of: "'"),
            let close = diagnostic.message[diagnostic.message.index(after: open)...].firstIndex(of: "'")
        else { return false }
        let subject = diagnostic.message[...close]
        return diagnostics.contains {
            $0.severity == .error && $0.code == diagnostic.code && $0.message.hasPrefix(subject)
        }
    }
    // Each statement is checked against the schema as the statements before it leave it (tables created or
    // dropped by the file), as the binder did; without a catalog nothing is assumed.
    let followsSchemaChanges = !catalog.tables.isEmpty
    var catalog = catalog
    // The schema the statements meet, for the memo: 0 is `catalog` as given, each change after it a new number.
    var schemaState = 0
    /// The error of generating the statement's SQL, if any: the memo's when it checked the same statement against
    /// the same schema before.
    func sqlError(_ statement: CompiledStatement) -> Diagnostic? {
        let key = memo.map { _ in
            SQLCheckMemo.Key(text: source.bytes[statement.range.start..<statement.range.end], schemaState: schemaState)
        }
        if let key, let outcome = memo?.outcome(key, statement) {
            return outcome.map { diagnostic in
                var diagnostic = diagnostic
                diagnostic.range = statement.range
                return diagnostic
            }
        }
        let failure: Diagnostic?
        do {
            _ = try statement.sqlStatements(dialect: dialect, catalog: catalog)
            failure = nil
        } catch let error as CompileError {
            failure = error.diagnostic
        } catch {
            failure = Diagnostic(code: .invalidUse, range: statement.range, message: "\(error)")
        }
        if let key { memo?.store(failure, key, statement) }
        return failure
    }
    func visit(_ statement: CompiledStatement) {
        statement.children.forEach(visit)
        defer {
            if followsSchemaChanges, statement.kind == .mutation {
                // Only `CREATE TABLE` and `DROP TABLE` change the catalog (`applySchemaChange` ignores the rest).
                for mutation in statement.mutations where mutation.changesSchema {
                    catalog.applySchemaChange(mutation)
                    if let memo { schemaState = memo.schemaState(after: schemaState, mutation) }
                }
            }
        }
        guard statement.kind == .query || statement.kind == .mutation,
            !errorRanges.contains(where: { statement.range.contains($0) })
        else { return }
        if let plan = statement.plan, plan.isDeeper(than: SQLGenerator.depthLimit) {
            // The generator would refuse it; said here without generating (or comparing such a plan in the memo).
            result.append(
                Diagnostic(
                    code: .nestingTooDeep, range: statement.range,
                    message: SQLGenerator.tooDeepMessage))
            return
        }
        if var diagnostic = sqlError(statement) {
            // A name the binder already reported where it is written (in a binding this statement uses) is not
            // reported again at every use: one typo, one diagnostic.
            if alreadyReported(diagnostic) { return }
            // Point at the function the message names, when it is in the statement.
            for record in symbols() where statement.range.contains(record.range) {
                if case .function(let function, let range) = record.symbol,
                    diagnostic.message.hasPrefix(function.name + "()")
                        || diagnostic.message.hasPrefix(function.name + " ")
                {
                    diagnostic.range = range
                    break
                }
            }
            result.append(diagnostic)
        }
    }
    statements.forEach(visit)
    return result
}

/// What the SQL check of a compilation keeps for the next compilation of the same document: whether generating
/// each statement's SQL failed, and how.
///
/// The outcome of generating a statement's SQL depends only on the statement's kind, plan and mutations, the
/// dialect, and the catalog as the statements before it leave it. An entry is found by the statement's text and
/// the schema it meets (the catalog given to ``compile(_:catalog:dialect:generatesSQL:memo:)-(SyntaxTree,_,_,_,_)``
/// and the `CREATE TABLE`/`DROP TABLE` changes of the file before it), and used only when the kind, plan and
/// mutations it was made for equal the statement's: a binding the statement reads that changed gives another plan,
/// so the statement is checked again. A different catalog or dialect empties the memo. Only the entries the last
/// compilation used are kept. The result is exactly that of checking every statement again
/// (`SQLCheckMemoTests`).
public final class SQLCheckMemo: @unchecked Sendable {
    struct Key: Hashable {
        let text: ArraySlice<UInt8>
        let schemaState: Int

        static func == (left: Key, right: Key) -> Bool {
            guard left.schemaState == right.schemaState, left.text.count == right.text.count else { return false }
            return left.text.withUnsafeBytes { leftBytes in
                right.text.withUnsafeBytes { rightBytes in
                    leftBytes.count == 0
                        || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0
                }
            }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(schemaState)
            text.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    fileprivate struct Entry {
        let kind: CompiledStatement.Kind
        let plan: LogicalPlan?
        let mutations: [MutationPlan]
        /// The diagnostic, whose range was the statement's.
        let error: Diagnostic?

        func matches(_ statement: CompiledStatement) -> Bool {
            kind == statement.kind && plan == statement.plan && mutations == statement.mutations
        }
    }

    fileprivate struct SchemaChange: Hashable {
        let state: Int
        let mutation: MutationPlan
    }

    /// The memo while one SQL check holds its lock.
    final class Locked {
        private var catalog: Catalog?
        private var dialect: DatabaseKind?
        private var entries: [Key: Entry] = [:]
        private var used: [Key: Entry] = [:]
        private var schemaStates: [SchemaChange: Int] = [:]
        private var usedSchemaStates: [SchemaChange: Int] = [:]
        private var nextSchemaState = 1
        private(set) var reused = 0
        private(set) var checked = 0

        /// Empties the memo unless it was made for this catalog and dialect.
        func start(catalog: Catalog, dialect: DatabaseKind) {
            if self.dialect != dialect || self.catalog != catalog {
                entries = [:]
                schemaStates = [:]
                self.catalog = catalog
                self.dialect = dialect
            }
            used = [:]
            usedSchemaStates = [:]
            reused = 0
            checked = 0
        }

        /// Keeps only what this check used.
        func finish() {
            entries = used
            schemaStates = usedSchemaStates
            used = [:]
            usedSchemaStates = [:]
        }

        /// The number of the schema after `mutation` changed schema number `state`.
        func schemaState(after state: Int, _ mutation: MutationPlan) -> Int {
            let change = SchemaChange(state: state, mutation: mutation)
            let number: Int
            if let known = schemaStates[change] ?? usedSchemaStates[change] {
                number = known
            } else {
                number = nextSchemaState
                nextSchemaState += 1
            }
            usedSchemaStates[change] = number
            return number
        }

        /// The stored error (`.some(nil)`: the SQL was generated) of a statement checked before exactly as now.
        func outcome(_ key: Key, _ statement: CompiledStatement) -> Diagnostic?? {
            guard let entry = used[key] ?? entries[key], entry.matches(statement) else { return nil }
            // Kept with this version's plan and text, so the memo holds nothing of the version before.
            used[key] = Entry(
                kind: statement.kind, plan: statement.plan, mutations: statement.mutations, error: entry.error)
            reused += 1
            return .some(entry.error)
        }

        /// Stores what checking `statement` gave, if it can be given again at another position: the error covers
        /// the statement (as every SQL generation error does) and points nowhere else.
        func store(_ error: Diagnostic?, _ key: Key, _ statement: CompiledStatement) {
            checked += 1
            if let error, error.range != statement.range || !error.related.isEmpty || !error.fixes.isEmpty { return }
            used[key] = Entry(kind: statement.kind, plan: statement.plan, mutations: statement.mutations, error: error)
        }
    }

    private let lock = NSLock()
    private let locked = Locked()

    /// An empty memo.
    public init() {}

    /// How many statements the last SQL check took from the memo, and how many it generated SQL for.
    public var lastCheck: (reused: Int, checked: Int) { withLock { ($0.reused, $0.checked) } }

    func withLock<Result>(_ body: (Locked) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(locked)
    }
}

/// The result of ``compile(_:catalog:dialect:)-(String,_,_)``: the tree, the diagnostics, the statements, and
/// queries by position for the editor.
public struct Compilation: Sendable {
    /// The syntax tree.
    public let tree: SyntaxTree
    /// Syntax and semantic diagnostics, sorted by position.
    public let diagnostics: [Diagnostic]
    /// The top-level statements in order; a `with` block's statements are its ``CompiledStatement/children``.
    public let statements: [CompiledStatement]

    let editorFacts: EditorFacts
    let catalog: Catalog

    /// What the binder recorded for queries by position (made on first use).
    var facts: SemanticFacts { editorFacts.value }

    init(
        tree: SyntaxTree, diagnostics: [Diagnostic], statements: [CompiledStatement], facts: EditorFacts,
        catalog: Catalog
    ) {
        self.tree = tree
        self.diagnostics = diagnostics
        self.statements = statements
        self.editorFacts = facts
        self.catalog = catalog
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The innermost statement whose range contains `byteOffset` (a statement of a `with` block rather than the
    /// block); a statement's range includes its end.
    public func statement(containing byteOffset: Int) -> CompiledStatement? {
        var candidates = statements
        var found: CompiledStatement?
        while let match = candidates.first(where: { $0.range.touches(byteOffset) }) {
            found = match
            candidates = match.children
        }
        return found
    }

    /// What is at `byteOffset`: a binding, table, column, function, method or DataFrame step (the innermost).
    public func symbol(at byteOffset: Int) -> SemanticSymbol? {
        var best: SemanticSymbol?
        var bestLength = Int.max
        for record in facts.symbols where record.range.touches(byteOffset) && record.range.length < bestLength {
            best = record.symbol
            bestLength = record.range.length
        }
        return best
    }

    /// The names visible at `byteOffset`, predefined names included; a shadowed name appears once, with its
    /// latest binding.
    public func bindings(visibleAt byteOffset: Int) -> [BindingInfo] {
        var result: [BindingInfo] = []
        var positions: [String: Int] = [:]
        for info in Binder.predefinedInfos + facts.bindings
        where info.visibleFrom <= byteOffset && byteOffset <= info.visibleUntil {
            if let position = positions[info.name] {
                result[position] = info
            } else {
                positions[info.name] = result.count
                result.append(info)
            }
        }
        return result
    }

    /// What the user is typing at `byteOffset`, for completion; see ``CompletionContext``.
    public func completionContext(at byteOffset: Int) -> CompletionContext {
        CompletionResolver(compilation: self).context(at: byteOffset)
    }

    /// What the value before the `.` at `dotOffset` is, as the binder evaluated it (`nil` when it recorded none).
    public func memberBaseKind(atDot dotOffset: Int) -> ValueKind? {
        facts.memberBases.last { $0.dotOffset == dotOffset }?.kind
    }

    /// The columns in scope at `byteOffset` inside a DataFrame step's arguments (those of the innermost step's
    /// argument list containing it, as `col("` completes them), or `nil` outside any step.
    public func columnsInScope(at byteOffset: Int) -> [PlanColumn]? {
        var best: ColumnScopeRecord?
        for scope in facts.columnScopes where scope.range.start < byteOffset && byteOffset <= scope.range.end {
            if best == nil || scope.range.length <= best!.range.length { best = scope }
        }
        return best?.columns
    }
}

/// What the binder learned, kept for queries by position.
struct SemanticFacts: Sendable {
    var symbols: [SymbolRecord]
    var bindings: [BindingInfo]
    var columnScopes: [ColumnScopeRecord]
    var memberBases: [MemberBaseRecord]
    var callSites: [CallSiteRecord]
}

/// One statement of a compiled file.
public struct CompiledStatement: Sendable {
    /// What the statement does.
    public enum Kind: Sendable, Hashable {
        /// A runnable query (a DataFrame expression or an action).
        case query
        /// A write or DDL statement.
        case mutation
        /// `name = value` that runs nothing.
        case binding
        /// `import …` / `from … import …` (no effect).
        case importStatement
        /// `db = connect("…")`.
        case connect
        /// `with db.transaction(…) as txn:` with its statements as ``CompiledStatement/children``.
        case transaction
        /// Anything else: transaction control (`txn.rollback()`), expressions that do nothing, errors.
        case other
    }

    /// What the statement does.
    public let kind: Kind
    /// The statement's bytes.
    public let range: ByteRange
    /// The bound name of `name = …`.
    public let bindingName: String?
    /// The query, with the action (`count()`, `head(5)`) already applied.
    public let plan: LogicalPlan?
    /// The action that ends a query, if any.
    public let action: QueryAction?
    /// The mutation (the first, when ``mutations`` has several).
    public let mutation: MutationPlan?
    /// Every mutation the statement runs, in order (`save_as_table` creates the table, then inserts).
    public let mutations: [MutationPlan]
    /// The URL or connection name of `db = connect("…")`.
    public let connectionTarget: String?
    /// The statements of a `with` block.
    public let children: [CompiledStatement]
    /// The options of a `with db.transaction(...)` block.
    public let transactionOptions: TransactionOptions?
    /// What a `txn.commit()`/`rollback()`/`savepoint()` statement does.
    public let transactionAction: TransactionAction?
    /// The output columns of a query, as far as known.
    public let schema: [PlanColumn]
    /// Whether an error diagnostic lies in the statement's range.
    public let hasErrors: Bool

    init(
        kind: Kind, range: ByteRange, bindingName: String? = nil, plan: LogicalPlan? = nil,
        action: QueryAction? = nil, mutations: [MutationPlan] = [], connectionTarget: String? = nil,
        children: [CompiledStatement] = [], transactionOptions: TransactionOptions? = nil,
        transactionAction: TransactionAction? = nil, schema: [PlanColumn] = [], hasErrors: Bool = false
    ) {
        self.kind = kind
        self.range = range
        self.bindingName = bindingName
        self.plan = plan
        self.action = action
        self.mutation = mutations.first
        self.mutations = mutations
        self.connectionTarget = connectionTarget
        self.children = children
        self.transactionOptions = transactionOptions
        self.transactionAction = transactionAction
        self.schema = schema
        self.hasErrors = hasErrors
    }

    /// A query or mutation with no error diagnostic in its range.
    public var isRunnable: Bool {
        guard !hasErrors else { return false }
        switch kind {
        case .query: return plan != nil
        case .mutation: return !mutations.isEmpty
        case .binding, .importStatement, .connect, .transaction, .other: return false
        }
    }

    /// The SQL of a query, or of a mutation that is one statement (see ``sqlStatements(dialect:catalog:)``).
    ///
    /// Throws a ``CompileError`` whose diagnostic covers the statement: `MOL4xxx` when the dialect cannot express
    /// something, or the plan's error.
    public func sql(dialect: DatabaseKind, catalog: Catalog) throws -> SQLStatement {
        let statements = try sqlStatements(dialect: dialect, catalog: catalog)
        guard let first = statements.first else {
            throw CompileError(
                Diagnostic(code: .invalidUse, range: range, message: "this statement has no SQL"))
        }
        if statements.count == 1 { return first }
        let text = statements.map(\.text).joined(separator: ";\n")
        return SQLStatement(
            text: text, prettyText: text, parameters: statements.flatMap(\.parameters), resultColumns: [])
    }

    /// Every SQL statement the statement runs, in order: one for a query, one or more for a mutation (large
    /// inserts are split into batches, `save_as_table` creates then inserts).
    public func sqlStatements(dialect: DatabaseKind, catalog: Catalog) throws -> [SQLStatement] {
        let dialectValue = makeDialect(dialect)
        do {
            if let plan, kind == .query { return [try generateSQL(for: plan, dialect: dialectValue, catalog: catalog)] }
            if kind == .mutation {
                return try mutations.flatMap { try generateSQL(for: $0, dialect: dialectValue, catalog: catalog) }
            }
        } catch let error as PlanError {
            throw CompileError(
                Diagnostic(code: error.diagnosticCode, range: range, message: error.message))
        }
        throw CompileError(Diagnostic(code: .invalidUse, range: range, message: "this statement has no SQL"))
    }

    func markingErrors(_ errorRanges: [ByteRange]) -> CompiledStatement {
        let children = children.map { $0.markingErrors(errorRanges) }
        let hasErrors =
            errorRanges.contains { range.contains($0) || (range.touches($0.start) && $0.isEmpty) }
        return CompiledStatement(
            kind: kind, range: range, bindingName: bindingName, plan: plan, action: action, mutations: mutations,
            connectionTarget: connectionTarget, children: children, transactionOptions: transactionOptions,
            transactionAction: transactionAction, schema: schema, hasErrors: hasErrors)
    }
}

/// The SQL dialect for a database kind.
public func makeDialect(_ kind: DatabaseKind) -> any Dialect {
    switch kind {
    case .sqlite: SQLiteDialect()
    case .postgresql: PostgresDialect()
    }
}

extension LogicalPlan {
    /// Whether the chain of first inputs is longer than `limit` steps (checked iteratively): such plans are not
    /// turned into SQL while checking, which would recurse as deep.
    func isDeeper(than limit: Int) -> Bool {
        var current = self
        var depth = 0
        while depth <= limit {
            switch current {
            case .scan, .values, .rawSQL, .cteReference: return false
            case .project(let input, _), .withColumns(let input, _), .renameColumns(let input, _),
                .dropColumns(let input, _), .filter(let input, _), .aggregate(let input, _, _), .sort(let input, _),
                .limit(let input, _, _), .distinct(let input), .alias(let input, _), .binding(_, let input, _),
                .explode(let input, _, _), .sample(let input, _, _), .rowLock(let input, _):
                current = input
            case .join(let join): current = join.left
            case .setOperation(_, let left, _), .unionByName(let left, _, _): current = left
            case .recursiveCTE(_, let initial, _, _): current = initial
            case .pivot(let pivot): current = pivot.input
            }
            depth += 1
        }
        return true
    }
}
