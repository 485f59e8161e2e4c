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
    /// Every diagnostic: syntax, then semantic.
    let diagnostics: [Moltres.Diagnostic]
    /// The bindings and their uses.
    let bindings: BindingIndex
}

extension LanguageServer {
    /// Analyses a snapshot against its connection's catalog.
    func analysis(of snapshot: DocumentSnapshot) -> DocumentAnalysis {
        let catalog = catalog(for: snapshot)
        let dialect = connectionTarget(for: snapshot)?.dialect ?? catalog.kind ?? .sqlite
        return DocumentAnalysis(
            snapshot: snapshot, catalog: catalog, dialect: dialect, diagnostics: snapshot.tree.diagnostics,
            bindings: BindingIndex(snapshot.tree))
    }
}
