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
        return DocumentAnalysis(
            snapshot: snapshot, catalog: catalog, dialect: dialect,
            compilation: compile(snapshot.source, catalog: catalog, dialect: dialect),
            bindingIndex: LazyBindingIndex(snapshot.tree))
    }
}
