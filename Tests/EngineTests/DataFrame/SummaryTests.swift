import Foundation
import Testing

@testable import Moltres

/// `summary()` as PySpark defines it: one row per statistic, a text column per numeric or text column. It returned
/// the DataFrame's own rows unchanged (the Python library returns `[]` on SQLite).
@Suite(.serialized) struct SummaryTests {
    private static func rows(_ frame: DataFrame) throws -> [[DatabaseValue]] {
        try frame.collect().rows.map { Array($0) }
    }

    private static func check(_ session: Session) throws {
        let products = session.table("products").select("price", "stock", "name")
        let summary = try rows(products.summary())
        #expect(summary.map(\.first) == LogicalPlan.summaryStatistics.map { .text($0) })
        #expect(try products.summary().columns() == ["summary", "price", "stock", "name"])
        let byName = Dictionary(uniqueKeysWithValues: summary.map { ($0[0].description, Array($0.dropFirst())) })
        #expect(byName["count"] == [.text("24"), .text("24"), .text("24")])
        #expect(byName["min"] == [.text("12.53"), .text("0"), .text("Backpack")])
        #expect(byName["max"]?.prefix(2) == [.text("398.42"), .text("199")])
        #expect(byName["50%"] == [.text("144.13"), .text("145"), .null])
        #expect(byName["mean"]?[2] == .null)
        // The same numbers as the aggregates themselves.
        let average = try rows(products.agg(F.avg(col("stock")).alias("a")))[0][0]
        #expect(byName["mean"]?[1] == .text(average.description))
        // Chosen statistics, in the order given.
        #expect(
            try rows(products.select("stock").summary("max", "10%", "count")).map(\.first) == ["max", "10%", "count"])
        #expect(throws: PlanError.self) { try products.summary("median").collect() }
    }

    @Test func summaryOnSQLite() throws { try ExecutionTests.withDemoShop(onPostgres: false, Self.check) }

    @Test(.enabled(if: PlanPostgres.shouldRun)) func summaryOnPostgres() throws {
        try ExecutionTests.withDemoShop(onPostgres: true, Self.check)
    }

    @Test func summaryInTheLanguage() throws {
        SemanticTestSupport.check("db.table(\"products\").summary(\"median\")\n", ["MOL3004"])
        let compilation = compile(
            "db.table(\"products\").select(\"price\", \"name\").summary(\"count\", \"max\").select(\"summary\", \"name\")\n",
            catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        let sql = try compilation.statements[0].sql(dialect: .sqlite, catalog: SemanticTestSupport.demoCatalog)
        #expect(sql.text.contains("UNION ALL"))
    }
}
