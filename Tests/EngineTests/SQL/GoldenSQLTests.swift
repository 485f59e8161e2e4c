import Foundation
import Testing

@testable import Moltres

/// Golden SQL: each case of ``GoldenCases`` printed for each dialect and compared with
/// `Fixtures/golden.<dialect>.sql`. Run with `MOLTRES_REGENERATE=1` to rewrite the fixtures, then review the diff.
@Suite struct GoldenSQLTests {
    static let dialects: [any Dialect] = [SQLiteDialect(), PostgresDialect()]

    @Test(arguments: ["sqlite", "postgresql"])
    func goldenSQL(dialectName: String) throws {
        let dialect = Self.dialects.first { $0.name == dialectName }!
        try check(GoldenCases.all, dialect: dialect)
    }

    /// Renders every case, then compares the whole text with the fixture (or rewrites it).
    func check(_ cases: [GoldenCase], dialect: any Dialect) throws {
        let actual = cases.map { Self.render($0, dialect: dialect) }.joined(separator: "\n")
        let url = Fixtures.url("golden.\(dialect.name).sql")
        if Fixtures.regenerate {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        let expectedCases = Self.split(expected)
        let actualCases = Self.split(actual)
        for (name, text) in actualCases {
            #expect(expectedCases[name] == text, "case \(name) (\(dialect.name)) differs from the fixture")
        }
        #expect(
            Set(expectedCases.keys) == Set(actualCases.keys),
            "fixture cases differ; regenerate with MOLTRES_REGENERATE=1")
    }

    static func render(_ golden: GoldenCase, dialect: any Dialect) -> String {
        var text = "-- case: \(golden.name)\n"
        do {
            switch golden.input {
            case .query(let frame):
                let statement = try frame.sql(dialect: dialect, catalog: ShopCatalog.catalog)
                text += statement.prettyText + ";\n"
                text += "-- parameters: " + statement.parameters.map(Self.describe).joined(separator: ", ") + "\n"
                text +=
                    "-- columns: "
                    + statement.resultColumns.map { "\($0.name) \($0.type.rawValue)" }.joined(separator: ", ") + "\n"
            case .mutation(let mutation):
                for statement in try generateSQL(for: mutation, dialect: dialect, catalog: ShopCatalog.catalog) {
                    text += statement.prettyText + ";\n"
                    text += "-- parameters: " + statement.parameters.map(Self.describe).joined(separator: ", ") + "\n"
                }
            }
        } catch {
            text += "-- error: \(error)\n"
        }
        return text
    }

    static func describe(_ value: DatabaseValue) -> String {
        switch value {
        case .text(let text): return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        default: return value.description
        }
    }

    static func split(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for chunk in text.components(separatedBy: "-- case: ").dropFirst() {
            let name = String(chunk.prefix { $0 != "\n" })
            result[name] = chunk
        }
        return result
    }
}

/// Test fixtures beside the tests.
enum Fixtures {
    /// `MOLTRES_REGENERATE=1` rewrites expected outputs instead of comparing.
    static let regenerate = ProcessInfo.processInfo.environment["MOLTRES_REGENERATE"] == "1"

    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
    }
}
