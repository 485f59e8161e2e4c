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

    /// What is at `offset`, as ``Compilation/symbol(at:)`` answers (the innermost symbol, the first recorded of
    /// equal ones), by binary search instead of a scan of every symbol of the file.
    func symbol(at offset: Int) -> SemanticSymbol? { symbolIndex.symbol(at: offset) }
}

/// The symbols of a compilation sorted by start, built on first use.
final class SymbolIndex: @unchecked Sendable {
    private let compilation: Compilation
    private let lock = NSLock()
    private var built: (entries: [(range: ByteRange, order: Int, symbol: SemanticSymbol)], longest: Int)?

    init(_ compilation: Compilation) { self.compilation = compilation }

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
        let entries = compilation.symbolOccurrences.enumerated().map { (range: $1.range, order: $0, symbol: $1.symbol) }
            .sorted { ($0.range.start, $0.order) < ($1.range.start, $1.order) }
        let result = (entries, entries.map(\.range.length).max() ?? 0)
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
        let generation = state.withLock { $0.catalogGeneration }
        if let cached = state.withLock({ $0.analyses[snapshot.uri] }), cached.version == snapshot.version,
            cached.generation == generation, cached.analysis.snapshot.tree == snapshot.tree
        {
            return cached.analysis
        }
        // Let the previous version's analysis go first: the old and the new one are not both held at the peak.
        state.withLock { state in
            if let cached = state.analyses[snapshot.uri], cached.version < snapshot.version {
                state.analyses[snapshot.uri] = nil
            }
        }
        let analysis = makeAnalysis(of: snapshot)
        state.withLock { state in
            if snapshot.version >= (state.analyses[snapshot.uri]?.version ?? Int.min) {
                state.analyses[snapshot.uri] = (snapshot.version, generation, analysis)
            }
        }
        return analysis
    }

    private func makeAnalysis(of snapshot: DocumentSnapshot) -> DocumentAnalysis {
        let catalog = catalog(for: snapshot)
        let dialect = connectionTarget(for: snapshot)?.dialect ?? catalog.kind ?? .sqlite
        let compilation = compile(snapshot.source, catalog: catalog, dialect: dialect)
        return DocumentAnalysis(
            snapshot: snapshot, catalog: catalog, dialect: dialect, compilation: compilation,
            bindingIndex: LazyBindingIndex(snapshot.tree), symbolIndex: SymbolIndex(compilation))
    }
}
