import ArgumentParser
import Foundation
import Moltres

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the tables, views and columns of a database.",
        discussion: """
            Without --json: a readable listing of every table and view with its columns, keys and indexes. \
            With --json: the catalog as a schema file, usable offline with `--schema FILE`.
            Exit status: 0 on success, 1 when the database cannot be opened or read, 64 on a bad command line.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .long, help: "Print the catalog as JSON (a schema file).")
    var json = false

    func run() throws {
        let connection = try database.open(readOnly: true)
        let catalog: Catalog
        do {
            catalog = try connection.loadCatalog()
        } catch let error as DatabaseError {
            throw CommandFailure("cannot read the schema: \(error.message)")
        }
        if json {
            var data = try catalog.jsonData()
            data.append(UInt8(ascii: "\n"))
            FileHandle.standardOutput.write(data)
        } else {
            print(CatalogListing(catalog: catalog).render(), terminator: "")
        }
    }
}
