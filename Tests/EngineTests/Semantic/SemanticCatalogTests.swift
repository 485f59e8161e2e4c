import Foundation
import Testing

@testable import Moltres

/// The diagnostics catalogue: every example produces exactly its code, codes are unique, and the docs page is
/// generated from the table.
@Suite struct SemanticCatalogTests {
    @Test(arguments: DiagnosticCatalog.all)
    func exampleProducesExactlyItsCode(entry: DiagnosticCatalog.Entry) {
        let dialect = DiagnosticCatalog.exampleDialects[entry.code] ?? .sqlite
        let compilation = compile(
            SourceText(bytes: DiagnosticCatalog.exampleBytes(entry)), catalog: DiagnosticCatalog.exampleCatalog,
            dialect: dialect)
        #expect(
            compilation.diagnostics.map(\.code) == [entry.code],
            "\(entry.code): \(compilation.diagnostics.map(\.description))")
    }

    @Test func codesAreUnique() {
        let codes = DiagnosticCatalog.all.map(\.code)
        #expect(Set(codes).count == codes.count)
    }

    @Test func documentationIsGeneratedFromTheTable() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/diagnostics.md")
        let generated = DiagnosticCatalog.markdown()
        if ProcessInfo.processInfo.environment["MOLTRES_UPDATE_FIXTURES"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try generated.write(to: url, atomically: true, encoding: .utf8)
        }
        let stored = try String(contentsOf: url, encoding: .utf8)
        #expect(stored == generated, "docs/diagnostics.md is stale: run the tests with MOLTRES_UPDATE_FIXTURES=1")
        for entry in DiagnosticCatalog.all { #expect(stored.contains(entry.code.rawValue)) }
    }
}
