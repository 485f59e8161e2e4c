import Testing

@testable import Moltres

@Suite struct DiagnosticCatalogTests {
    @Test(arguments: DiagnosticCatalog.syntax)
    func exampleProducesExactlyItsCode(entry: DiagnosticCatalog.Entry) {
        let source = SourceText(bytes: DiagnosticCatalog.exampleBytes(entry))
        let (tree, diagnostics) = parse(source)
        SyntaxTestSupport.checkInvariants(source, tree)
        #expect(diagnostics.map(\.code) == [entry.code], "\(entry.example.debugDescription): \(diagnostics)")
        #expect(diagnostics.allSatisfy { !$0.message.isEmpty })
    }

    @Test func codesAreUniqueSyntaxCodes() {
        let codes = DiagnosticCatalog.syntax.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0.rawValue.hasPrefix("MOL1") && $0.rawValue.count == 7 })
        #expect(codes == codes.sorted())
    }
}
