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
