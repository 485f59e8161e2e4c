import Foundation
import Testing

@testable import Moltres

/// Values written into typed columns are stored as PostgreSQL stores them, on SQLite too: text is read as the
/// column's type (SQLite's affinity kept `'2024-02-03'` as it was in a TIMESTAMP column, `'abc'` in an INTEGER one),
/// and DECIMAL(p, s) keeps s decimals.
@Suite(.serialized) struct AssignmentTests {
    private static func check(_ session: Session) throws {
        try session.dropTable("assignment_probe")
        try session.createTable(
            "assignment_probe",
            columns: [
                column("id", "INTEGER", primaryKey: true), column("at", "TIMESTAMP"), column("day", "DATE"),
                column("price", "DECIMAL", precision: 10, scale: 2), column("flag", "BOOLEAN"), column("n", "INTEGER"),
                column("code", "VARCHAR(4)"), column("total", "DECIMAL(8, 1)"),
            ])
        defer { _ = try? session.dropTable("assignment_probe") }
        _ = try session.insert(
            "assignment_probe",
            rows: [
                [
                    "id": 1, "at": "2024-02-03", "day": "2024-02-03 10:11:12", "price": 1.255, "flag": "true",
                    "n": " 12 ", "code": "ab", "total": 2.25,
                ],
                [
                    "id": 2, "at": "2024-02-03T04:05:06.5", "day": "2024-2-3", "price": "2.5", "flag": "off", "n": 7,
                    "code": "abcd   ", "total": "-0.05",
                ],
            ])
        _ = try session.update("assignment_probe", where: col("id") == 2, set: ["price": col("price") / 3])
        _ = try session.merge(
            "assignment_probe", rows: [["id": 1, "at": "2024-03-04 05:06:07+01"]], on: ["id"],
            whenMatched: ["at": lit("2024-03-04 05:06:07+01")])
        let rows = try session.table("assignment_probe").select(
            "id", col("at").cast("string").alias("at"), col("day").cast("string").alias("day"), "price", "flag", "n",
            "code", "total"
        ).orderBy("id").collect().rows.map { $0.map(ExecutionTests.normalize) }
        // VARCHAR(4) keeps its length and DECIMAL(8, 1) its scale when written in the type name, as PostgreSQL
        // stores them: spaces past the length are cut, more characters are an error (below).
        #expect(
            rows == [
                ["1", "2024-03-04 05:06:07", "2024-02-03", "1.26", "1", "12", "ab", "2.3"],
                ["2", "2024-02-03 04:05:06.5", "2024-02-03", "0.83", "0", "7", "abcd", "-0.1"],
            ])
        for (values, message) in [
            (["id": DatabaseValue.integer(3), "n": "abc"], #"invalid input syntax for type bigint: "abc""#),
            (["id": 4, "at": "2024-02-30 10:00"], #"date/time field value out of range"#),
            (["id": 5, "code": "abcde"], "value too long for type character varying(4)"),
        ] {
            #expect {
                try session.insert("assignment_probe", rows: [values])
            } throws: { error in
                "\(error)".contains(message)
            }
        }
        #expect(try session.table("assignment_probe").count() == 2)
    }

    @Test func onSQLite() throws { try ExecutionTests.withDemoShop(onPostgres: false, Self.check) }

    @Test(.enabled(if: PlanPostgres.shouldRun)) func onPostgres() throws {
        try ExecutionTests.withDemoShop(onPostgres: true, Self.check)
    }
}
