/// A schema for compiling: the catalog and the dialect of its database.
public struct CompilationTarget: Sendable {
    /// The tables and columns names resolve against.
    public var catalog: Catalog
    /// The dialect SQL is generated for.
    public var dialect: DatabaseKind

    /// Creates a target.
    public init(catalog: Catalog, dialect: DatabaseKind) {
        self.catalog = catalog
        self.dialect = dialect
    }
}

/// Compiles a file the way it runs: each statement against the schema of the database in effect where it stands.
///
/// With `fixed` (the command line's `--db`/`--schema`/`$MOLTRES_DSN`, which override the file's `connect(...)`),
/// everything compiles against it. Otherwise the statements up to the second `connect(...)` use the first
/// `connect(...)`'s database (as `moltres run` does), and each later `connect(...)` switches the schema for the
/// statements after it. `target(url)` loads a URL's schema; it is called once per distinct URL. A file without
/// `connect(...)` compiles without a schema.
public func compileFollowingConnections(
    _ source: SourceText, fixed: CompilationTarget?, target: (String) throws -> CompilationTarget
) rethrows -> Compilation {
    if let fixed { return compile(source, catalog: fixed.catalog, dialect: fixed.dialect) }
    let draft = compile(source, generatesSQL: false)
    var regionURL: [String] = []
    var current: String?
    for statement in draft.statements {
        if statement.kind == .connect, let url = statement.connectionTarget { current = url }
        regionURL.append(current ?? "")
    }
    guard let firstURL = regionURL.first(where: { !$0.isEmpty }) else { return compile(source) }
    for index in regionURL.indices where regionURL[index].isEmpty { regionURL[index] = firstURL }
    var byURL: [String: Compilation] = [:]
    var order: [String] = []
    for url in regionURL where byURL[url] == nil {
        let schema = try target(url)
        byURL[url] = compile(source, catalog: schema.catalog, dialect: schema.dialect)
        order.append(url)
    }
    let first = byURL[order[0]]!
    if order.count == 1 { return first }
    // Each statement, and each diagnostic inside it, from the compilation for its region.
    var statements: [CompiledStatement] = []
    var diagnostics: [Diagnostic] = []
    var claimed: [ByteRange] = []
    for (index, url) in regionURL.enumerated() {
        let compilation = byURL[url]!
        guard index < compilation.statements.count else { return first }
        let statement = compilation.statements[index]
        statements.append(statement)
        claimed.append(statement.range)
        diagnostics += compilation.diagnostics.filter { statement.range.contains($0.range) }
    }
    // What lies outside every statement (a syntax error between statements) comes from the first compilation.
    diagnostics += first.diagnostics.filter { diagnostic in !claimed.contains { $0.contains(diagnostic.range) } }
    diagnostics.sort { ($0.range.start, $0.range.end) < ($1.range.start, $1.range.end) }
    return Compilation(
        tree: first.tree, diagnostics: diagnostics, statements: statements, facts: first.editorFacts,
        catalog: first.catalog)
}

/// `compileFollowingConnections(_:fixed:target:)` for source text.
public func compileFollowingConnections(
    _ source: String, fixed: CompilationTarget?, target: (String) throws -> CompilationTarget
) rethrows -> Compilation {
    try compileFollowingConnections(SourceText(source), fixed: fixed, target: target)
}
