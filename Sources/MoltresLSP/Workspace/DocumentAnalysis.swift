import Foundation
import Moltres

/// What the server knows about one document version: its tree, the catalog and dialect it is checked against,
/// its diagnostics and its bindings.
struct DocumentAnalysis: Sendable {
    /// The analysed snapshot.
    let snapshot: DocumentSnapshot
    /// The schema names are resolved against.
    let catalog: Catalog
    /// The dialect SQL is generated for.
    let dialect: DatabaseKind
    /// The compiler's result: statements, plans, symbols and diagnostics.
    let compilation: Compilation
    /// Every diagnostic: syntax, then semantic.
    var diagnostics: [Moltres.Diagnostic] { compilation.diagnostics }
    /// The bindings and their uses, indexed on first use (navigation, inlay hints): not on the diagnostics path.
    var bindings: BindingIndex { bindingIndex.value }
    let bindingIndex: LazyBindingIndex
    /// The compiler's symbols sorted by position, for ``symbol(at:)``.
    let symbolIndex: SymbolIndex
    /// Answers computed for this version (SQL per step, encoded hover and completion results); they go with the
    /// analysis, so an edit or a new catalog starts empty.
    let cache = AnalysisCache()
    /// In a file that connects to several databases, each region's analysis (from where it starts): the region's
    /// statements compiled against its own database's schema, for completion, hover and commands there. Empty
    /// when the file uses one database.
    var regions: [(start: Int, connect: String, analysis: DocumentAnalysis)] = []

    /// The analysis that queries at `offset` read: its region's in a file that connects to several databases,
    /// else this one.
    func scoped(at offset: Int) -> DocumentAnalysis { regions.last { $0.start <= offset }?.analysis ?? self }

    /// The semantic tokens of the file (or of `window`): in a file that connects to several databases, each
    /// region's from its own compilation, so its tables and columns are classified against its own schema.
    func semanticTokens(in window: ByteRange? = nil) -> [SemanticTokenClassifier.Classified] {
        guard !regions.isEmpty else { return SemanticTokenClassifier.classify(compilation, in: window) }
        var tokens: [SemanticTokenClassifier.Classified] = []
        for (index, region) in regions.enumerated() {
            let end = index + 1 < regions.count ? regions[index + 1].start : Int.max
            var part = ByteRange(start: region.start, end: end)
            if let window {
                part = ByteRange(start: max(part.start, window.start), end: min(part.end, window.end))
                guard part.start <= part.end else { continue }
            }
            tokens += SemanticTokenClassifier.classify(region.analysis.compilation, in: part).filter {
                $0.range.start >= region.start && $0.range.start < end
            }
        }
        return tokens
    }

    /// The `connect(...)` argument of the region `offset` lies in, in a file that connects to several databases.
    func connectArgument(at offset: Int) -> String? { regions.last { $0.start <= offset }?.connect }

    /// What is at `offset`, as ``Compilation/symbol(at:)`` answers (the innermost symbol, the first recorded of
    /// equal ones), by binary search instead of a scan of every symbol of the file.
    func symbol(at offset: Int) -> SemanticSymbol? { symbolIndex.symbol(at: offset) }

    /// Whether the records that queries by position need (the compiler's editor facts, the symbol and binding
    /// indexes) are built, so a hover or completion costs microseconds rather than a second binding of the file.
    var isWarm: Bool { symbolIndex.isBuilt && bindingIndex.isBuilt }

    /// Builds what queries by position need ahead of the first one (after the diagnostics are out).
    func prewarm() {
        _ = symbolIndex.symbol(at: 0)
        _ = bindingIndex.value
    }
}

/// Per-analysis caches; thread-safe. Each table is emptied when it grows past a bound (entries, or 8 MiB of
/// encoded answers).
final class AnalysisCache: @unchecked Sendable {
    /// A position request's answer: the method, the position and the configuration generation it was made under.
    struct Key: Hashable {
        var method: String
        var line: Int
        var character: Int
        var configuration: Int
    }

    private let lock = NSLock()
    private var responses: [Key: [UInt8]] = [:]
    private var responseBytes = 0
    private var stepSQL: [ByteRange: Result<String, CacheableError>] = [:]
    private static let limit = 4_096
    /// The most bytes of encoded answers kept (a completion list is up to tens of KB; the benchmark's 200 come to
    /// about 1 MiB).
    private static let byteLimit = 8 << 20

    /// The encoded answer of a position request, if one was stored.
    func response(_ key: Key) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        return responses[key]
    }

    /// Stores the encoded answer of a position request.
    func store(_ bytes: [UInt8], for key: Key) {
        lock.lock()
        defer { lock.unlock() }
        if responses.count >= Self.limit || responseBytes + bytes.count > Self.byteLimit {
            responses.removeAll()
            responseBytes = 0
        }
        responses[key] = bytes
        responseBytes += bytes.count
    }

    /// The pretty SQL of the pipeline step at `range`, made by `make` the first time.
    func sql(forStep range: ByteRange, make: () throws -> String) -> Result<String, CacheableError> {
        lock.lock()
        if let cached = stepSQL[range] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let made: Result<String, CacheableError>
        do {
            made = .success(try make())
        } catch {
            made = .failure(CacheableError(description: "\(error)"))
        }
        lock.lock()
        defer { lock.unlock() }
        if stepSQL.count >= Self.limit { stepSQL.removeAll(keepingCapacity: true) }
        stepSQL[range] = made
        return made
    }
}

/// An error kept as its description.
struct CacheableError: Error, CustomStringConvertible {
    let description: String
}

/// The symbols of a compilation sorted by start, built on first use.
final class SymbolIndex: @unchecked Sendable {
    private let compilation: Compilation
    private let lock = NSLock()
    private var built: (entries: [(range: ByteRange, order: Int, symbol: SemanticSymbol)], longest: Int)?

    init(_ compilation: Compilation) { self.compilation = compilation }

    /// Whether the index (and so the compiler's editor facts) is built.
    var isBuilt: Bool {
        lock.lock()
        defer { lock.unlock() }
        return built != nil
    }

    func symbol(at offset: Int) -> SemanticSymbol? {
        let (entries, longest) = index()
        // The last entry starting at or before the offset; earlier ones can only touch it within `longest`.
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].range.start <= offset { low = middle + 1 } else { high = middle }
        }
        var best: (length: Int, order: Int, symbol: SemanticSymbol)?
        var index = low - 1
        while index >= 0, entries[index].range.start >= offset - longest {
            let entry = entries[index]
            if entry.range.touches(offset) {
                let candidate = (entry.range.length, entry.order, entry.symbol)
                if best == nil || (candidate.0, candidate.1) < (best!.length, best!.order) { best = candidate }
            }
            index -= 1
        }
        return best?.symbol
    }

    private func index() -> (entries: [(range: ByteRange, order: Int, symbol: SemanticSymbol)], longest: Int) {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        // Sort keys, not the symbols (moving a symbol, an enum with schema and plan payloads, retains and releases
        // them): start << 32 | recording order, so ties keep the order of recording and the sort compares plain
        // integers (files and symbol counts stay below 4 Gi).
        let occurrences = compilation.symbolOccurrences
        var keys = occurrences.indices.map {
            UInt64(UInt32(truncatingIfNeeded: occurrences[$0].range.start)) << 32 | UInt64($0)
        }
        keys.sort()
        var entries: [(range: ByteRange, order: Int, symbol: SemanticSymbol)] = []
        entries.reserveCapacity(keys.count)
        var longest = 0
        for key in keys {
            let position = Int(key & 0xFFFF_FFFF)
            let occurrence = occurrences[position]
            entries.append((occurrence.range, position, occurrence.symbol))
            longest = max(longest, occurrence.range.length)
        }
        let result = (entries, longest)
        built = result
        return result
    }
}

/// A ``BindingIndex`` built the first time it is asked for, once, from any thread.
final class LazyBindingIndex: @unchecked Sendable {
    private let tree: SyntaxTree
    private let lock = NSLock()
    private var index: BindingIndex?

    init(_ tree: SyntaxTree) { self.tree = tree }

    /// Whether the index is built.
    var isBuilt: Bool {
        lock.lock()
        defer { lock.unlock() }
        return index != nil
    }

    var value: BindingIndex {
        lock.lock()
        defer { lock.unlock() }
        if let index { return index }
        let built = BindingIndex(tree)
        index = built
        return built
    }
}

extension LanguageServer {
    /// Analyses a snapshot against its connection's catalog.
    ///
    /// The result is cached per document version and catalog generation, so a burst of requests on one version
    /// analyses it once.
    func analysis(of snapshot: DocumentSnapshot) -> DocumentAnalysis {
        if let current = currentAnalysis(of: snapshot) { return current }
        let generation = state.withLock { $0.catalogGeneration }
        if let cached = state.withLock({ $0.analyses[snapshot.uri] }), cached.version == snapshot.version,
            cached.generation == generation, cached.analysis.snapshot.tree == snapshot.tree
        {
            return cached.analysis
        }
        // Let the previous version's analysis go first: the old and the new one are not both held at the peak. It is
        // freed here, outside the state lock (the read thread takes that lock). Freeing it on another thread while
        // this version is parsed and bound took its 19M instructions (of 215M) off this path, but the server's peak
        // RSS in the benchmark rose from about 53 to 60 MiB, the target.
        let previous = state.withLock { state -> DocumentAnalysis? in
            guard let cached = state.analyses[snapshot.uri], cached.version < snapshot.version else { return nil }
            state.analyses[snapshot.uri] = nil
            return cached.analysis
        }
        _ = consume previous  // freed now, not at the end of the function
        let analysis = makeAnalysis(of: snapshot)
        state.withLock { state in
            if snapshot.version >= (state.analyses[snapshot.uri]?.version ?? Int.min) {
                state.analyses[snapshot.uri] = (snapshot.version, generation, analysis)
            }
        }
        return analysis
    }

    /// The cached analysis of exactly this snapshot under the current catalogs, if there is one (never computes).
    func currentAnalysis(of snapshot: DocumentSnapshot) -> DocumentAnalysis? {
        state.withLock { state in
            guard let cached = state.analyses[snapshot.uri], cached.version == snapshot.version,
                cached.generation == state.catalogGeneration, cached.analysis.snapshot.isSame(as: snapshot)
            else { return nil }
            return cached.analysis
        }
    }

    private func makeAnalysis(of snapshot: DocumentSnapshot) -> DocumentAnalysis {
        let catalog = catalog(for: snapshot)
        let dialect = connectionTarget(for: snapshot)?.dialect ?? catalog.kind ?? .sqlite
        let bindingIndex = LazyBindingIndex(snapshot.tree)
        if Set(connectArguments(in: snapshot.tree)).count > 1 {
            // A file that connects to several databases: each statement's diagnostics come from compiling it
            // against the schema of the connect(...) before it, as `moltres check` does; queries by position read
            // the compilation of the region they are in.
            let first = connectionTarget(for: snapshot)?.url
            var targets: [String: CompilationTarget] = [:]
            let connected = compileConnectionRegions(snapshot.source, fixed: nil) { argument in
                let compilationTarget: CompilationTarget
                if let target = target(connect: argument) {
                    compilationTarget = CompilationTarget(
                        catalog: target.url == first ? catalog : cachedCatalog(target), dialect: target.dialect)
                } else {
                    compilationTarget = CompilationTarget(catalog: .empty, dialect: dialect)
                }
                targets[argument] = compilationTarget
                return compilationTarget
            }
            var analysis = DocumentAnalysis(
                snapshot: snapshot, catalog: catalog, dialect: dialect, compilation: connected.compilation,
                bindingIndex: bindingIndex, symbolIndex: SymbolIndex(connected.compilation))
            analysis.regions = connected.regions.map { region in
                let target = targets[region.target] ?? CompilationTarget(catalog: catalog, dialect: dialect)
                let scoped = DocumentAnalysis(
                    snapshot: snapshot, catalog: target.catalog, dialect: target.dialect,
                    compilation: region.compilation, bindingIndex: bindingIndex,
                    symbolIndex: SymbolIndex(region.compilation))
                return (region.start, region.target, scoped)
            }
            return analysis
        }
        // The snapshot's tree (already parsed to find the connection): one parse per version, one tree.
        // The statements the edit left as they were, against the same schema, reuse their SQL check.
        let memo = state.withLock { state in
            if let memo = state.sqlCheckMemos[snapshot.uri] { return memo }
            let memo = SQLCheckMemo()
            state.sqlCheckMemos[snapshot.uri] = memo
            return memo
        }
        let compilation = compile(snapshot.tree, catalog: catalog, dialect: dialect, memo: memo)
        return DocumentAnalysis(
            snapshot: snapshot, catalog: catalog, dialect: dialect, compilation: compilation,
            bindingIndex: bindingIndex, symbolIndex: SymbolIndex(compilation))
    }
}
