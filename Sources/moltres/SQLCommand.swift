import ArgumentParser
import Foundation
import Moltres

struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Print the SQL each runnable statement of a .moltres file compiles to.",
        discussion: """
            Each statement is printed after a `-- line N` header, followed by `-- parameters: [...]` when it \
            binds values. The dialect is --dialect, else that of --db/--schema, else that of the database each \
            `connect(...)` in the file names (whose schema the statements after it are resolved against), else \
            sqlite.
            Errors are printed as `path:line:col: error: message [CODE]` on stderr.
            Exit status: 0 on success; 1 when the file has errors or cannot be read; 64 on a bad command line.
            """
    )

    @Argument(help: "The .moltres file.")
    var file: String

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .long, help: "SQL dialect: sqlite or postgresql.")
    var dialect: DatabaseKind?

    @Flag(name: .long, help: "Print the SQL laid out over several lines.")
    var pretty = false

    func run() throws {
        let source = try SourceFiles.read(file)
        let fixed = try catalogOptions.fixedTarget()
        let schemas = ConnectionSchemas()
        let compilation = compileFollowingConnections(source, fixed: fixed, target: schemas.target)
        // Without --db/--schema, the SQL follows the file's connect(...) calls, starting with the first one's.
        let initial = fixed ?? schemas.order.first.flatMap { schemas.targets[$0] }
        let catalog = initial?.catalog ?? .empty
        let kind = dialect ?? initial?.dialect ?? .sqlite
        let report = DiagnosticReport(path: file, source: source, diagnostics: compilation.diagnostics)
        SourceFiles.printError(report.text)
        if report.hasErrors { throw ExitCode(1) }
        var listing = SQLListing(source: source, catalog: catalog, dialect: kind, pretty: pretty)
        if fixed == nil {
            listing.connectionTargets = schemas.targets.mapValues { target in
                CompilationTarget(catalog: target.catalog, dialect: dialect ?? target.dialect)
            }
        }
        switch listing.render(compilation.statements) {
        case .success(let text):
            print(text, terminator: "")
        case .failure(let error):
            SourceFiles.printError("\(file):\(error.line):\(error.column): error: \(error.message) [\(error.code)]\n")
            throw ExitCode(1)
        }
    }
}

extension DatabaseKind: ExpressibleByArgument {}
