import Testing

@testable import Moltres

/// The runtime part of the diagnostics catalogue: every example compiles cleanly and, run on an in-memory SQLite
/// database holding the catalogue's tables, fails with exactly its code.
@Suite struct RuntimeDiagnosticsTests {
    @Test(arguments: DiagnosticCatalog.runtime)
    func exampleFailsWithItsCode(entry: DiagnosticCatalog.Entry) throws {
        let source = SourceText(bytes: Array(entry.example.utf8))
        let compilation = compile(source, catalog: DiagnosticCatalog.exampleCatalog, dialect: .sqlite)
        #expect(compilation.diagnostics.isEmpty, "\(entry.code): \(compilation.diagnostics.map(\.description))")

        let session = try Session.connect("sqlite:///:memory:")
        try session.connection.execute(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, email TEXT, country TEXT, active BOOLEAN)")
        try session.connection.execute(
            "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount REAL, status TEXT, "
                + "created_at TIMESTAMP)")
        let steps = ScriptStep.steps(of: compilation.statements, source: source)
        #expect(!steps.isEmpty)
        var failure: ScriptError?
        do {
            _ = try ScriptRunner(session: session).run(steps)
        } catch let error as ScriptError {
            failure = error
        }
        #expect(failure?.code == entry.code.rawValue, "\(entry.code): \(String(describing: failure))")
        // Nothing of a failed write stays.
        #expect(try session.connection.collect("SELECT count(*) FROM orders").rows == [[0]])
    }
}
