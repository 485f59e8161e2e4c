import ArgumentParser
import Foundation
import Moltres

/// Where the compiling commands (`check`, `sql`) get the database schema from: a live database or a schema file.
struct CatalogOptions: ParsableArguments {
    @Option(name: .long, help: "Read the schema from this database (default: $MOLTRES_DSN when set).")
    var db: String?

    @Option(name: .long, help: "Read the schema from a file written by `moltres schema --json`.")
    var schema: String?

    func validate() throws {
        if db != nil && schema != nil {
            throw ValidationError("give either --db or --schema, not both")
        }
    }

    /// The schema given on the command line (or `$MOLTRES_DSN`), which overrides the file's `connect(...)` calls.
    func fixedTarget() throws -> CompilationTarget? {
        try load().map { CompilationTarget(catalog: $0, dialect: $0.kind ?? .sqlite) }
    }

    /// The catalog and its database kind, or `nil` when neither option (nor `$MOLTRES_DSN`) names one.
    func load() throws -> Catalog? {
        if let schema {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: schema))
            } catch {
                throw CommandFailure("cannot read the schema file \(schema): \(error.localizedDescription)")
            }
            do {
                return try Catalog(jsonData: data)
            } catch {
                throw CommandFailure("\(schema) is not a schema file (write one with `moltres schema --json`)")
            }
        }
        let environment = ProcessInfo.processInfo.environment["MOLTRES_DSN"].flatMap { $0.isEmpty ? nil : $0 }
        guard let url = db ?? environment else { return nil }
        do {
            let connection = try Database.open(url, readOnly: true)
            var catalog = try connection.loadCatalog()
            if catalog.kind == nil { catalog.kind = connection.kind }
            return catalog
        } catch let error as DatabaseError {
            throw CommandFailure("cannot read the schema of \(ConnectionURL.redact(url)): \(error.message)")
        }
    }
}

/// The schemas of the databases a file's `connect(...)` calls name, each read once (read-only).
///
/// A database that cannot be read leaves its statements unchecked (an empty schema) with a note on stderr:
/// `check` and `sql` still work offline.
final class ConnectionSchemas {
    private(set) var targets: [String: CompilationTarget] = [:]
    private(set) var order: [String] = []

    func target(_ url: String) -> CompilationTarget {
        if let known = targets[url] { return known }
        var target = CompilationTarget(catalog: .empty, dialect: (try? ConnectionURL(url))?.kind ?? .sqlite)
        do {
            let connection = try Database.open(url, readOnly: true)
            var catalog = try connection.loadCatalog()
            if catalog.kind == nil { catalog.kind = connection.kind }
            target = CompilationTarget(catalog: catalog, dialect: connection.kind)
        } catch {
            SourceFiles.printError(
                "moltres: note: cannot read the schema of \(ConnectionURL.redact(url)); "
                    + "names after its connect(...) are not checked\n")
        }
        targets[url] = target
        order.append(url)
        return target
    }
}
