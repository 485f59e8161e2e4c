import ArgumentParser
import Foundation
import Moltres

@main
struct MoltresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moltres",
        abstract: "The DataFrame layer for SQL: compile, check and run .moltres pipelines.",
        discussion: """
            Exit status: 0 on success; 1 when the database, the input file or the checked code reported an error \
            (the message on stderr says where); 64 for a command line that could not be understood.

            Connection URLs: sqlite:///relative.db, sqlite:////absolute/path.db, sqlite:///:memory:, \
            postgresql://user:password@host:port/database?sslmode=require (also ?host=/socket/dir). \
            Without --db, the MOLTRES_DSN environment variable is used.
            """,
        subcommands: [
            CheckCommand.self,
            FmtCommand.self,
            SQLCommand.self,
            RunCommand.self,
            SchemaCommand.self,
            DemoCommand.self,
            LSPCommand.self,
        ]
    )

    /// `moltres lsp [--stdio]` starts without argument parsing: editors spawn it often, and ArgumentParser's
    /// reflection over the whole command tree was about a tenth of the time to answer `initialize`.
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "lsp", arguments.dropFirst().allSatisfy({ $0 == "--stdio" }) {
            do {
                try LSPCommand().run()
            } catch {
                exit(withError: error)
            }
        }
        main(nil)
    }
}

/// Options shared by commands that connect to a database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "Database URL (default: $MOLTRES_DSN).")
    var db: String?

    /// Opens the connection, or exits with a clear message.
    func open(readOnly: Bool = false) throws -> any DatabaseConnection {
        guard let url = db ?? ProcessInfo.processInfo.environment["MOLTRES_DSN"], !url.isEmpty else {
            throw ValidationError("no database: pass --db URL or set MOLTRES_DSN")
        }
        do {
            return try Database.open(url, readOnly: readOnly)
        } catch let error as DatabaseError {
            throw CommandFailure(opening: url, error)
        }
    }
}

/// A failure reported as `moltres: message` on stderr with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }

    /// A database that cannot be opened: the driver's message when it names the database and the reason (never the
    /// password), else that message after the redacted URL.
    init(opening url: String, _ error: DatabaseError) {
        self.init(
            error.kind == .connection ? error.message : "cannot open \(ConnectionURL.redact(url)): \(error.message)")
    }
}

extension CommandFailure: LocalizedError {
    var errorDescription: String? { description }
}
