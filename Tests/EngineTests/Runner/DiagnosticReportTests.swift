import Foundation
import Testing

@testable import Moltres

@Suite struct DiagnosticReportTests {
    func diagnostic(
        _ start: Int, _ end: Int, _ severity: DiagnosticSeverity = .error, code: String = "MOL1001"
    )
        -> Diagnostic
    {
        Diagnostic(
            code: DiagnosticCode(code), severity: severity, range: ByteRange(start: start, end: end), message: "m")
    }

    @Test func linesAndColumnsAreOneBasedAndCountCharacters() {
        // "é" is 2 bytes and "😀" 4 bytes, but one character each.
        let source = SourceText("a = 1\nb = \"é😀\" +\n")
        let start = source.bytes.count - 2
        let report = DiagnosticReport(path: "f.moltres", source: source, diagnostics: [diagnostic(start, start + 1)])
        #expect(report.text == "f.moltres:2:10: error: m [MOL1001]\n")
        #expect(report.entries[0].endColumn == 11)
    }

    @Test func entriesAreSortedByPosition() {
        let source = SourceText("abc\ndef\n")
        let report = DiagnosticReport(
            path: "p", source: source,
            diagnostics: [diagnostic(5, 6), diagnostic(0, 1, .warning, code: "MOL7001"), diagnostic(1, 2)])
        #expect(report.entries.map { "\($0.line):\($0.column)" } == ["1:1", "1:2", "2:2"])
        #expect(report.hasErrors)
        let warningsOnly = DiagnosticReport(path: "p", source: source, diagnostics: [diagnostic(0, 1, .warning)])
        #expect(!warningsOnly.hasErrors)
    }

    @Test func json() {
        let source = SourceText("x\n")
        let report = DiagnosticReport(path: "a\"b", source: source, diagnostics: [diagnostic(0, 1)])
        #expect(
            DiagnosticReport.jsonArray([report])
                == "[\n  {\"file\": \"a\\\"b\", \"line\": 1, \"column\": 1, \"endLine\": 1, \"endColumn\": 2, "
                + "\"severity\": \"error\", \"code\": \"MOL1001\", \"message\": \"m\", \"fixes\": []}\n]\n")
        #expect(DiagnosticReport.jsonArray([]) == "[]\n")
    }
}
