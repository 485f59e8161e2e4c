import Foundation
import Testing

@testable import Moltres

/// The README's Swift example, run as written against the demo shop, so the README stays true.
@Suite struct ReadmeExampleTests {
    @Test func theReadmeExampleRuns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("moltres-readme-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = "sqlite:///" + directory.appendingPathComponent("shop.db").path
        try DemoShop.create(on: Database.open(url))

        let db = try Database.connect(url)
        let totals = db.table("orders")
            .where(col("amount") > 100)
            .groupBy("status")
            .agg(sum(col("amount")).alias("total"), F.count().alias("n"))
            .where(col("total") > 1_000)
            .orderBy(col("total").desc())

        let sqliteText = try totals.sql().prettyText
        #expect(sqliteText.contains("HAVING"))
        let postgresText = try totals.sql(dialect: PostgresDialect()).text
        #expect(postgresText.contains("$1"))
        let result = try totals.collect()
        #expect(result.columns.map(\.name) == ["status", "total", "n"])
        #expect(!result.rows.isEmpty)
        var streamed = 0
        try totals.stream { _ in streamed += 1 }
        #expect(streamed == result.rows.count)
        var statuses: [DatabaseValue] = []
        try totals.forEachRow { row in statuses.append(row.reference(at: 0).value) }
        #expect(statuses == result.rows.map { $0[0] })

        try db.createTable("audit", columns: [column("id", "INTEGER", primaryKey: true), column("note", "TEXT")])
        #expect(try db.insert("audit", rows: [["id": 1, "note": "hello"]]) == 1)
        let audioBefore = try db.table("products").where(col("category") == "audio").select("price").collect()
        try db.update("products", where: col("category") == "audio", set: ["price": col("price") * 2])
        let audioAfter = try db.table("products").where(col("category") == "audio").select("price").collect()
        #expect(audioAfter.rows.count == audioBefore.rows.count)
        for (before, after) in zip(audioBefore.rows, audioAfter.rows) {
            guard case .real(let old) = before[0], case .real(let new) = after[0] else {
                Issue.record("prices should be reals: \(before) \(after)")
                continue
            }
            #expect(abs(new - old * 2) < 1e-9)
        }
        try db.merge("audit", rows: [["id": 1, "note": "again"]], on: ["id"], whenMatched: ["note": excluded("note")])
        #expect(try db.table("audit").select("note").collect().rows == [[.text("again")]])
        try db.transaction { db in try db.delete("audit", where: col("id") == 1) }
        #expect(try db.table("audit").count() == 0)
    }
}
