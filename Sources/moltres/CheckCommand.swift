import ArgumentParser
import Foundation
import Moltres

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check .moltres files: syntax, names, types and API use.",
        discussion: """
            Prints one line per diagnostic, `path:line:col: severity: message [CODE]` (1-based; columns count \
            characters), sorted by position; with --format json, one JSON array of objects with file, line, \
            column, endLine, endColumn, severity, code, message and fixes. Tables and columns are checked \
            against --db, --schema or $MOLTRES_DSN when given; otherwise against the database of each \
            `connect(...)` in the file, for the statements after it (read once per URL; one that cannot be read \
            leaves its statements unchecked).
            Exit status: 0 when no file has an error (warnings allowed); 1 when a file has an error or cannot be \
            read; 64 on a bad command line.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Argument(help: "The files to check.")
    var files: [String]

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let fixed = try catalogOptions.fixedTarget()
        let schemas = ConnectionSchemas()
        var failed = false
        var reports: [DiagnosticReport] = []
        for path in files {
            let source: SourceText
            do {
                source = try SourceFiles.read(path)
            } catch let error as CommandFailure {
                SourceFiles.printError("moltres check: \(error.description)\n")
                failed = true
                continue
            }
            let compilation = compileFollowingConnections(source, fixed: fixed, target: schemas.target)
            let report = DiagnosticReport(path: path, source: source, diagnostics: compilation.diagnostics)
            if report.hasErrors { failed = true }
            switch format {
            case .text: print(report.text, terminator: "")
            case .json: reports.append(report)
            }
        }
        if format == .json { print(DiagnosticReport.jsonArray(reports), terminator: "") }
        if failed { throw ExitCode(1) }
    }
}
