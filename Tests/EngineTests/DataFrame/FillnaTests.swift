import Foundation
import Testing

@testable import Moltres

/// `fillna` as PySpark defines it: a single value fills the columns of its own type (a string the text columns, a
/// number the numeric ones — cast to an integer column's type — a bool the boolean ones) and leaves the others;
/// a dict gives each column its value. Before, `fillna("none")` put `'none'` into every column: an integer column
/// got text on SQLite and PostgreSQL refused the query ("COALESCE types text and integer cannot be matched").
@Suite(.serialized) struct FillnaTests {
    /// `t`: one complete row and one row of NULLs.
    private static func create(on connection: any DatabaseConnection) throws {
        try connection.execute(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, price REAL, flag BOOLEAN)")
        try connection.execute("INSERT INTO t VALUES (1, 'a', 5, 2.5, TRUE), (2, NULL, NULL, NULL, NULL)")
    }

    /// The second row after each `fillna` (the first has no NULLs and must come back unchanged).
    private static let cases: [(source: String, filled: [DatabaseValue])] = [
        ("fillna(\"none\")", [.integer(2), .text("none"), .null, .null, .null]),
        ("fillna(0)", [.integer(2), .null, .integer(0), .real(0), .null]),
        ("fillna(0.5)", [.integer(2), .null, .integer(0), .real(0.5), .null]),
        ("fillna(False)", [.integer(2), .null, .null, .null, .boolean(false)]),
        ("fillna(7, subset=[\"qty\", \"name\"])", [.integer(2), .null, .integer(7), .null, .null]),
        ("fillna({\"name\": \"x\", \"price\": 1})", [.integer(2), .text("x"), .null, .real(1), .null]),
        ("na.fill(\"none\", subset=[\"name\"])", [.integer(2), .text("none"), .null, .null, .null]),
    ]

    private static func check(_ session: Session) throws {
        let catalog = try session.catalog()
        for (call, filled) in cases {
            let source = "db.table(\"t\").\(call).order_by(\"id\")\n"
            let compilation = compile(source, catalog: catalog, dialect: session.connection.kind)
            #expect(compilation.diagnostics.isEmpty, "\(call): \(compilation.diagnostics)")
            let sql = try compilation.statements[0].sql(dialect: session.connection.kind, catalog: catalog)
            let rows = try session.collect(sql).rows.map { Array($0) }
            #expect(rows.count == 2, "\(call)")
            #expect(rows.first == [.integer(1), .text("a"), .integer(5), .real(2.5), .boolean(true)], "\(call)")
            #expect(rows.last == filled, "\(call) on \(session.connection.kind)")
        }
        // The Swift API follows the same rule.
        let table = session.table("t").orderBy("id")
        #expect(try table.fillna(.text("none")).collect().rows.last.map(Array.init) == cases[0].filled)
        #expect(try table.fillna(.real(0.5)).collect().rows.last.map(Array.init) == cases[2].filled)
        #expect(
            try table.fillna(["name": .text("x"), "price": .integer(1)]).collect().rows.last.map(Array.init)
                == cases[5].filled)
        #expect(throws: PlanError.self) { try table.fillna(["qty": .text("x")]).collect() }
    }

    @Test func fillsOnlyTheColumnsOfTheValuesTypeOnSQLite() throws {
        let session = try Database.connect("sqlite:///:memory:")
        try Self.create(on: session.connection)
        try Self.check(session)
    }

    @Test(.enabled(if: PlanPostgres.shouldRun)) func fillsOnlyTheColumnsOfTheValuesTypeOnPostgres() throws {
        let (connection, schema) = try PlanPostgres.connectInFreshSchema()
        defer { _ = try? connection.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE") }
        try Self.create(on: connection)
        try Self.check(try Session(connection: connection))
    }

    @Test func aValueThatCannotFillItsColumnIsAnError() {
        SemanticTestSupport.check("db.table(\"orders\").fillna({\"status\": 3})\n", ["MOL2012"])
        SemanticTestSupport.check("db.table(\"orders\").fillna({\"stauts\": \"x\"})\n", ["MOL2001"])
        SemanticTestSupport.check("db.table(\"orders\").fillna([\"x\"])\n", ["MOL2012"])
        SemanticTestSupport.check("db.table(\"orders\").fillna(\"x\", subset=[\"nope\"])\n", ["MOL2001"])
    }
}
