import Testing

@testable import Moltres

/// The SQL check of `compile` (dialect diagnostics, `MOL4xxx`) over a long file: every failure reported once, at
/// the function it names, alongside the binder's own.
@Suite struct SQLCheckTests {
    /// 300 query statements; every 37th and the last select `F.rand(42)` (MOL4001 on SQLite, found by generating
    /// the SQL) and every 53rd is a lateral join (MOL4002, found by the binder), so SQL failures fall at the first and
    /// last statements too, between the binder's own.
    @Test func manyStatementsReportEveryFailureOnceInOrder() {
        var lines: [String] = []
        var expected: [(line: Int, code: String)] = []
        for index in 0..<300 {
            if index % 37 == 0 || index == 299 {
                lines.append("db.table(\"orders\").select(F.rand(42))")
                expected.append((index, "MOL4001"))
            } else if index % 53 == 0 {
                lines.append("db.table(\"orders\").join(db.table(\"customers\"), on=\"id\", lateral=True)")
                expected.append((index, "MOL4002"))
            } else {
                lines.append("db.table(\"orders\").where(col(\"amount\") > \(index)).select(\"id\")")
            }
        }
        let text = lines.joined(separator: "\n") + "\n"
        let source = SourceText(bytes: Array(text.utf8))
        let compilation = compile(source, catalog: DiagnosticCatalog.exampleCatalog, dialect: .sqlite)
        let found = compilation.diagnostics.map { diagnostic in
            (
                line: source.position(of: diagnostic.range.start, encoding: .utf32).zeroBasedLine,
                code: diagnostic.code.rawValue
            )
        }
        #expect(found.map(\.line) == expected.map(\.line))
        #expect(found.map(\.code) == expected.map(\.code))
        // A MOL4001 points at the function, not the whole statement.
        for diagnostic in compilation.diagnostics where diagnostic.code.rawValue == "MOL4001" {
            let start = Int(diagnostic.range.start)
            #expect(Array(Array(text.utf8)[start..<start + 4]) == Array("rand".utf8))
        }
        // The same statements one at a time give the same diagnostics.
        for (line, code) in expected {
            let single = compile(lines[line] + "\n", catalog: DiagnosticCatalog.exampleCatalog, dialect: .sqlite)
            #expect(single.diagnostics.map(\.code.rawValue) == [code])
        }
    }

    /// A typo in a binding is reported where it is written, once, not again by the SQL check at every statement
    /// that uses the binding.
    @Test func aTypoInABindingIsReportedOnceNotAtEveryUse() {
        let text = """
            big = db.table("orders").where(col("amout") > 100)
            big.select("id").show()
            big.group_by("status").agg(F.sum(col("amount")).alias("t")).show()
            db.table("orders").where(col("amout") > 1).show()

            """
        let compilation = compile(text, catalog: DiagnosticCatalog.exampleCatalog, dialect: .sqlite)
        let lines = compilation.diagnostics.map { diagnostic in
            SourceText(bytes: Array(text.utf8)).position(of: diagnostic.range.start, encoding: .utf32).zeroBasedLine
        }
        // The binding's typo once (line 0); the same typo written again on line 3 is its own diagnostic.
        #expect(lines == [0, 3], "\(compilation.diagnostics)")
        #expect(compilation.diagnostics.allSatisfy { $0.code.rawValue == "MOL2001" })
    }
}
