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
            print(SchemaListing(catalog: catalog).render(), terminator: "")
        }
    }
}

/// The readable listing `moltres schema` prints.
struct SchemaListing {
    var catalog: Catalog

    func render() -> String {
        if catalog.tables.isEmpty { return "(no tables)\n" }
        var text = ""
        let sorted = catalog.tables.sorted { ($0.schema ?? "", $0.name) < ($1.schema ?? "", $1.name) }
        for (position, table) in sorted.enumerated() {
            if position > 0 { text += "\n" }
            let qualified = table.schema.map { "\($0).\(table.name)" } ?? table.name
            text += "\(qualified) (\(table.kind.rawValue), \(table.columns.count) columns)\n"
            let rows: [[TextTable.Cell]] = table.columns.map { column in
                var key = ""
                if column.primaryKeyPosition != nil { key = "PK" }
                if let foreignKey = table.foreignKeys.first(where: { $0.columns.contains(column.name) }),
                    let index = foreignKey.columns.firstIndex(of: column.name)
                {
                    let target =
                        foreignKey.referencedColumns.indices.contains(index)
                        ? foreignKey.referencedColumns[index] : "?"
                    key += (key.isEmpty ? "" : ", ") + "→ \(foreignKey.referencedTable).\(target)"
                }
                return [
                    .init(text: column.name), .init(text: column.declaredType.isEmpty ? "—" : column.declaredType),
                    .init(text: column.isNullable ? "yes" : "no"), .init(text: column.defaultValue ?? ""),
                    .init(text: key),
                ]
            }
            let listing = TextTable(headings: ["column", "type", "nullable", "default", "key"], rows: rows)
            text += listing.render().split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.isEmpty ? "" : "  " + $0
            }.joined(separator: "\n")
            for index in table.indexes where !index.isPrimary {
                text +=
                    "  index \(index.name)\(index.isUnique ? " (unique)" : "") on (\(index.columns.joined(separator: ", ")))\n"
            }
        }
        return text
    }
}
