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

/// One `connect(...)` region of a file: the statements from a `connect(...)` up to the next one that names another
/// database (the statements before the first `connect(...)` belong to the first region).
public struct ConnectionRegion: Sendable {
    /// The `connect(...)` argument as written: a URL or a configured connection's name.
    public let target: String
    /// The byte offset where the region starts: 0 for the first region, else the start of its `connect(...)`.
    public let start: Int
    /// The whole file compiled against this region's schema (read this region's statements from it): what
    /// completion, hover and the statements of the region see.
    public let compilation: Compilation
}

/// A file compiled the way it runs (see ``compileFollowingConnections(_:fixed:target:)``), with its regions.
public struct ConnectedCompilation: Sendable {
    /// Each statement, and its diagnostics, from the compilation of its region.
    public let compilation: Compilation
    /// The file's regions in order; empty when the file compiles against one schema (no `connect(...)`, one
    /// database, or a `fixed` target).
    public let regions: [ConnectionRegion]

    /// The region `offset` lies in, if the file has several.
    public func region(at offset: Int) -> ConnectionRegion? { regions.last { $0.start <= offset } }
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
    try compileConnectionRegions(source, fixed: fixed, target: target).compilation
}

/// ``compileFollowingConnections(_:fixed:target:)``, keeping each region's own compilation (for queries by position
/// in a file that connects to several databases).
public func compileConnectionRegions(
    _ source: SourceText, fixed: CompilationTarget?, target: (String) throws -> CompilationTarget
) rethrows -> ConnectedCompilation {
    func single(_ compilation: Compilation) -> ConnectedCompilation {
        ConnectedCompilation(compilation: compilation, regions: [])
    }
    if let fixed { return single(compile(source, catalog: fixed.catalog, dialect: fixed.dialect)) }
    let draft = compile(source, generatesSQL: false)
    var regionURL: [String] = []
    var current: String?
    for statement in draft.statements {
        if statement.kind == .connect, let url = statement.connectionTarget { current = url }
        regionURL.append(current ?? "")
    }
    guard let firstURL = regionURL.first(where: { !$0.isEmpty }) else { return single(compile(source)) }
    for index in regionURL.indices where regionURL[index].isEmpty { regionURL[index] = firstURL }
    var byURL: [String: Compilation] = [:]
    var order: [String] = []
    for url in regionURL where byURL[url] == nil {
        let schema = try target(url)
        byURL[url] = compile(source, catalog: schema.catalog, dialect: schema.dialect)
        order.append(url)
    }
    let first = byURL[order[0]]!
    if order.count == 1 { return single(first) }
    // Each statement, and each diagnostic inside it, from the compilation for its region.
    var statements: [CompiledStatement] = []
    var diagnostics: [Diagnostic] = []
    var claimed: [ByteRange] = []
    var regions: [ConnectionRegion] = []
    for (index, url) in regionURL.enumerated() {
        let compilation = byURL[url]!
        guard index < compilation.statements.count else { return single(first) }
        let statement = compilation.statements[index]
        if regions.last?.target != url {
            regions.append(
                ConnectionRegion(
                    target: url, start: regions.isEmpty ? 0 : statement.range.start, compilation: compilation))
        }
        statements.append(statement)
        claimed.append(statement.range)
        diagnostics += compilation.diagnostics.filter { statement.range.contains($0.range) }
    }
    // What lies outside every statement (a syntax error between statements) comes from the first compilation.
    diagnostics += first.diagnostics.filter { diagnostic in !claimed.contains { $0.contains(diagnostic.range) } }
    diagnostics.sort { ($0.range.start, $0.range.end) < ($1.range.start, $1.range.end) }
    let merged = Compilation(
        tree: first.tree, diagnostics: diagnostics, statements: statements, facts: first.editorFacts,
        catalog: first.catalog)
    return ConnectedCompilation(compilation: merged, regions: regions)
}

/// `compileFollowingConnections(_:fixed:target:)` for source text.
public func compileFollowingConnections(
    _ source: String, fixed: CompilationTarget?, target: (String) throws -> CompilationTarget
) rethrows -> Compilation {
    try compileFollowingConnections(SourceText(source), fixed: fixed, target: target)
}
