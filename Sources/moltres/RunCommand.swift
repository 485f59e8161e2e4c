import ArgumentParser
import Foundation
import Moltres

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the statements of a .moltres file in order and print their results.",
        discussion: """
            Queries print their rows; mutations (insert, update, merge, delete, DDL) run atomically and print \
            the rows they changed; a `with db.transaction():` block runs in one transaction, rolled back on any \
            error. A file with compile errors runs nothing.
            The database is --db, else $MOLTRES_DSN, else the file's `db = connect(URL)`; with --db or \
            $MOLTRES_DSN the file's connect(...) calls are ignored, otherwise each switches the connection for \
            the statements after it.
            Formats: table (aligned, NULL shown as NULL, long values cut, a `(N rows, 1.2 ms)` footer), csv \
            (RFC 4180, a header line per query; result sets separated by a blank line), json (an array of row objects per statement), jsonl (one \
            object per executed statement: statement, line, kind, sql, columns, rows, rowCount, truncated, \
            elapsedMs).
            Errors are printed as `path:line:col: error: message [CODE]` on stderr.
            Exit status: 0 on success; 1 when the file has errors, cannot be read, or a statement fails \
            (statements before it stay done, the failing one leaves nothing); 64 on a bad command line.
            """
    )

    @Argument(help: "The .moltres file.")
    var file: String

    @Option(name: .long, help: "Database URL (default: $MOLTRES_DSN, else the file's connect(...)).")
    var db: String?

    @Option(name: .long, help: "Output format: table, csv, json or jsonl.")
    var format: ResultFormat = .table

    @Option(name: .long, help: "Print at most N rows of each query.")
    var limit: Int?

    @Flag(name: .long, help: "Print each statement's SQL (with its line) before its result (table format).")
    var showSQL = false

    @Flag(name: .long, help: "Refuse statements that write.")
    var readOnly = false

    @Option(name: .long, help: "Fail a statement that runs longer than this many seconds.")
    var timeout: Double?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout must be more than 0") }
    }

    func run() throws {
        let source = try SourceFiles.read(file)
        let environment = ProcessInfo.processInfo.environment["MOLTRES_DSN"].flatMap { $0.isEmpty ? nil : $0 }
        let given = db ?? environment

        // A first pass without a schema finds the file's connect(...); its diagnostics only matter when no database
        // can be found, since names can only be checked against the database's schema.
        let draft = compile(source)
        var steps = ScriptStep.steps(of: draft.statements, source: source, includeConnects: given == nil)
        let url: String
        if let given {
            url = given
        } else if case .connect(let target) = steps.first?.action {
            url = target
        } else {
            let draftReport = DiagnosticReport(path: file, source: source, diagnostics: draft.diagnostics)
            if draftReport.hasErrors {
                SourceFiles.printError(draftReport.text)
                throw ExitCode(1)
            }
            if steps.isEmpty { return }
            throw CommandFailure(
                "no database: pass --db URL, set MOLTRES_DSN, or start the file with db = connect(\"sqlite:///shop.db\")"
            )
        }
        let session: Session
        do {
            session = try openSession(url)
        } catch let error as DatabaseError {
            // The file's own connect(...): reported at its line, like every later one.
            guard given == nil, let connect = steps.first else { throw CommandFailure(opening: url, error) }
            let message = CommandFailure(opening: url, error).description
            SourceFiles.printError("\(file):\(connect.line):\(connect.column): error: \(message) [MOL6002]\n")
            throw ExitCode(1)
        }
        let catalog: Catalog
        do {
            catalog = try session.catalog()
        } catch let error as DatabaseError {
            throw CommandFailure("cannot read the schema of \(ConnectionURL.redact(url)): \(error.message)")
        }

        // The real pass: each statement against the schema and dialect of the database it runs on (the file's
        // connect(...) calls switch it, unless --db or $MOLTRES_DSN was given); each URL's schema is read once.
        let first = CompilationTarget(catalog: catalog, dialect: session.connection.kind)
        let schemas = ConnectionSchemas()
        let compilation = compileFollowingConnections(source, fixed: given == nil ? nil : first) { target in
            target == url ? first : schemas.target(target)
        }
        let report = DiagnosticReport(path: file, source: source, diagnostics: compilation.diagnostics)
        SourceFiles.printError(report.text)
        if report.hasErrors { throw ExitCode(1) }
        steps = ScriptStep.steps(of: compilation.statements, source: source, includeConnects: given == nil)
        if given == nil, case .connect = steps.first?.action { steps.removeFirst() }

        let options = ScriptRunOptions(
            rowLimit: limit, readOnly: readOnly, statementTimeout: timeout.map { .milliseconds(Int64($0 * 1000)) })
        let runner = ScriptRunner(session: session, options: options) { target in try openSession(target) }
        let formatter = ResultFormatter(format: format)
        let output = BufferedOutput()
        var firstResult = true
        func separate(_ result: StatementResult) {
            // Result sets are separated by a blank line (table and csv).
            if (format == .table || format == .csv) && !firstResult { output.write("\n") }
            if format == .table && showSQL { output.write(SQLListing.header(for: result)) }
            firstResult = false
        }
        // csv, json and jsonl are written row by row as the database returns them: a result of any size runs in
        // bounded memory. The table needs every row for its widths. A statement's output up to the buffer's size
        // (1 MiB) is written when it ends or not at all, as before streaming; a failing statement's unwritten output
        // is dropped, so only a result larger than that can end cut off (the error and the exit status say so).
        var streamed: (result: StatementResult, rows: Int)?
        let rowStream =
            formatter.streamsRows
            ? ScriptRowStream(
                begin: { result in
                    separate(result)
                    output.write(formatter.beginning(of: result))
                    streamed = (result, 0)
                },
                row: { row in
                    guard let current = streamed else { return }
                    output.write(formatter.row(row, at: current.rows, of: current.result))
                    streamed?.rows += 1
                }) : nil
        do {
            try runner.run(steps, rowStream: rowStream) { result in
                if result.rowsWereStreamed {
                    output.write(formatter.end(of: result))
                    streamed = nil
                } else {
                    separate(result)
                    output.write(formatter.render(result))
                }
                output.flush()
            }
        } catch let error as ScriptError {
            output.discard()
            SourceFiles.printError("\(file):\(error.line):\(error.column): error: \(error.message) [\(error.code)]\n")
            throw ExitCode(1)
        } catch {
            output.discard()
            throw error
        }
    }

    /// Opens a session; a failure is the driver's `DatabaseError` (its message never shows a password), which the
    /// callers place: at the file's `connect(...)` line, or as a plain message for `--db`.
    private func openSession(_ url: String) throws -> Session {
        try Session.connect(url, readOnly: readOnly)
    }
}

extension ResultFormat: ExpressibleByArgument {}

/// Standard output written in blocks of 1 MiB rather than a write per row.
private final class BufferedOutput {
    private var buffer: [UInt8] = []
    private let limit = 1 << 20

    init() { buffer.reserveCapacity(limit + 4096) }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= limit { flush() }
    }

    /// Drops what is not written yet.
    func discard() { buffer.removeAll(keepingCapacity: false) }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
