import Foundation
import Testing

@testable import Moltres

@Suite struct CatalogTests {
    let catalog = Catalog(
        kind: .postgresql, defaultSchema: "public", searchPath: ["public"],
        tables: [
            TableInfo(
                schema: "public", name: "orders",
                columns: [
                    ColumnInfo(name: "id", declaredType: "integer", isNullable: false, primaryKeyPosition: 1),
                    ColumnInfo(name: "customer_id", declaredType: "integer", isNullable: false),
                    ColumnInfo(name: "amount", declaredType: "numeric(10,2)"),
                ], primaryKey: ["id"],
                foreignKeys: [
                    ForeignKeyInfo(
                        columns: ["customer_id"], referencedSchema: "public", referencedTable: "customers",
                        referencedColumns: ["id"])
                ],
                indexes: [IndexInfo(name: "orders_pkey", columns: ["id"], isUnique: true, isPrimary: true)]),
            TableInfo(schema: "sales", name: "orders", columns: [ColumnInfo(name: "x", declaredType: "text")]),
            TableInfo(
                schema: "public", name: "Mixed Case", kind: .view,
                columns: [ColumnInfo(name: "Select", declaredType: "text")]),
        ])

    @Test func unqualifiedNamesFollowTheSearchPath() {
        #expect(catalog.table(named: "orders")?.schema == "public")
        #expect(catalog.table(named: "sales.orders")?.schema == "sales")
        #expect(catalog.table(named: "orders", schema: "sales")?.columns.first?.name == "x")
    }

    @Test func namesMatchExactlyFirstThenIgnoringCase() {
        #expect(catalog.table(named: "Mixed Case")?.kind == .view)
        #expect(catalog.table(named: "mixed case")?.name == "Mixed Case")
        #expect(catalog.table(named: "ORDERS")?.schema == "public")
        #expect(catalog.table(named: "nope") == nil)
        #expect(catalog.table(named: "orders")?.column(named: "AMOUNT")?.type == .decimal)
    }

    @Test func tableNamesQualifyOnlyOffThePath() {
        #expect(catalog.tableNames == ["orders", "sales.orders", "Mixed Case"])
    }

    @Test func jsonRoundTripKeepsEverything() throws {
        let data = try catalog.jsonData()
        let decoded = try Catalog(jsonData: data)
        #expect(decoded == catalog)
        #expect(decoded.table(named: "sales.orders")?.schema == "sales")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"format\" : \"moltres-catalog/1\""))
    }

    @Test func rejectsAnUnknownFileFormat() {
        let data = Data(#"{"format": "moltres-catalog/99", "tables": []}"#.utf8)
        #expect(throws: DecodingError.self) { try Catalog(jsonData: data) }
    }

    @Test func listingShowsKeysAndIndexes() {
        let text = CatalogListing(catalog: catalog).render()
        #expect(text.contains("public.orders (table, 3 columns)"))
        #expect(text.contains("→ customers.id"))
        #expect(text.contains("public.Mixed Case (view, 1 columns)"))
    }

    /// Names read from a database (which anyone may have created) reach the terminal without control characters:
    /// an escape sequence in a table, column or index name is shown as control pictures.
    @Test func listingShowsControlCharactersInNames() throws {
        let connection = try SQLiteConnection(url: ConnectionURL("sqlite:///:memory:"))
        try connection.executeScript(
            """
            CREATE TABLE "t\u{1B}[2J" ("c\u{1B}]0;x\u{07}" INTEGER, "d\u{9B}" TEXT);
            CREATE INDEX "i\u{1B}[31m" ON "t\u{1B}[2J" ("d\u{9B}");
            """)
        let text = CatalogListing(catalog: try connection.loadCatalog()).render()
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) })
        #expect(text.contains("t␛[2J (table, 2 columns)"))
        #expect(text.contains("c␛]0;x␇"))
        #expect(text.contains("index i␛[31m on (d�)"))
    }
}

@Suite struct SQLTypeTests {
    @Test(arguments: [
        ("INTEGER", SQLType.integer), ("int8", .integer), ("BIGINT", .integer), ("VARCHAR(20)", .text),
        ("character varying", .text), ("double precision", .real), ("REAL", .real), ("NUMERIC(10, 2)", .decimal),
        ("boolean", .boolean), ("timestamptz", .timestamp), ("TIMESTAMP", .timestamp), ("date", .date),
        ("bytea", .blob), ("BLOB", .blob), ("jsonb", .json), ("", .unknown), ("MEDIUMINT UNSIGNED", .integer),
        ("NATIVE CHARACTER(70)", .text), ("FLOATING POINT", .integer), ("weird", .unknown),
        ("  Varchar (20) ", .text), ("\tTIMESTAMP WITH TIME ZONE\t", .timestamp), ("(8)", .unknown), ("   ", .unknown),
        ("DÉCIMAL", .unknown), ("ınt", .unknown),
    ])
    func mapsDeclaredNames(name: String, type: SQLType) {
        #expect(SQLType(declaredTypeName: name) == type)
    }
}
