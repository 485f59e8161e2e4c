import ArgumentParser
import Foundation
import Moltres

struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Format .moltres files in the canonical layout, in place.",
        discussion: """
            Each file is rewritten atomically (a temporary file renamed over it). A file with syntax errors is \
            left untouched and reported. With --check nothing is written: the files that would change are listed; \
            --diff also writes nothing and prints what would change as a unified diff.
            Exit status: 0 when every file is formatted (or already was); 1 when a file was refused, could not be \
            read or written, or (with --check or --diff) would change; 64 on a bad command line.
            """
    )

    @Argument(help: "The files to format.")
    var files: [String]

    @Flag(name: .long, help: "Write nothing; list the files that would change and exit 1 if any would.")
    var check = false

    @Flag(name: .long, help: "Write nothing; print what would change as a unified diff and exit 1 if anything would.")
    var diff = false

    func run() throws {
        var failed = false
        for path in files {
            let source: SourceText
            do {
                source = try SourceFiles.read(path)
            } catch let error as CommandFailure {
                SourceFiles.printError("moltres fmt: \(error.description)\n")
                failed = true
                continue
            }
            let (tree, _) = Moltres.parse(source)
            switch SourceFormatter.format(tree) {
            case .failure(let refusal):
                SourceFiles.printError("\(path): not formatted: \(refusal.description)\n")
                if case .syntaxErrors(_, let first) = refusal {
                    let report = DiagnosticReport(path: path, source: source, diagnostics: [first])
                    SourceFiles.printError(report.text)
                }
                failed = true
            case .success(let formatted):
                guard Array(formatted.utf8) != source.bytes else { continue }
                if diff {
                    let old = String(decoding: source.bytes, as: UTF8.self)
                    print(UnifiedDiff.text(from: old, to: formatted, oldName: path, newName: path), terminator: "")
                    failed = true
                } else if check {
                    print(path)
                    failed = true
                } else {
                    do {
                        try SourceFiles.write(formatted, to: path)
                    } catch let error as CommandFailure {
                        SourceFiles.printError("moltres fmt: \(error.description)\n")
                        failed = true
                    }
                }
            }
        }
        if failed { throw ExitCode(1) }
    }
}
