import ArgumentParser
import Foundation
import Moltres

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create the demo shop database (customers, products, orders, order_items).",
        discussion: "Exit status: 0 on success, 1 when the database cannot be written, 64 on a bad command line."
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .long, help: "Drop the demo tables first if they exist.")
    var replace = false

    func run() throws {
        let connection = try database.open()
        do {
            let counts = try DemoShop.create(on: connection, replace: replace)
            let summary = DemoShop.tableNames.map { "\($0): \(counts[$0] ?? 0)" }.joined(separator: ", ")
            FileHandle.standardError.write(Data("created the demo shop (\(summary) rows) in \(connection.url)\n".utf8))
        } catch let error as DatabaseError {
            throw CommandFailure("cannot create the demo database: \(error.message)")
        }
    }
}
