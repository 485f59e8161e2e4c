import Foundation
import Testing

@testable import Moltres

extension SQLiteTests {
    @Suite struct CatalogIntrospection {
        static let schema = """
            CREATE TABLE customer(id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(200) UNIQUE,
                active BOOLEAN NOT NULL DEFAULT 1);
            CREATE TABLE "order"(id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer ON DELETE CASCADE,
                "Select" TEXT DEFAULT 'x', placed_at TIMESTAMP, total NUMERIC(10, 2));
            CREATE TABLE "Mixed Case"(region TEXT, code INTEGER, label TEXT, PRIMARY KEY (code, region));
            CREATE TABLE shipment(id INTEGER PRIMARY KEY, "order" INTEGER REFERENCES "order"(id), region TEXT, code INTEGER,
                FOREIGN KEY (code, region) REFERENCES "Mixed Case"(code, region) ON UPDATE CASCADE);
            CREATE TABLE line(order_id INTEGER, position INTEGER, amount REAL GENERATED ALWAYS AS (position * 2.5) VIRTUAL,
                PRIMARY KEY (order_id, position)) WITHOUT ROWID;
            CREATE INDEX order_placed ON "order"(placed_at);
            CREATE UNIQUE INDEX order_customer_select ON "order"(customer_id, "Select");
            CREATE INDEX customer_lower_name ON customer(lower(name));
            CREATE VIEW big_order AS SELECT o.id, c.name AS customer FROM "order" AS o JOIN customer AS c ON c.id = o.customer_id;
            """

        func makeCatalog(in directory: TemporaryDirectory) throws -> (SQLiteConnection, Catalog) {
            let connection = try SQLiteConnection("sqlite:///" + directory.path("main.db"))
            try connection.executeScript(Self.schema)
            try connection.execute("ATTACH DATABASE ? AS archive", parameters: [.text(directory.path("archive.db"))])
            try connection.execute("CREATE TABLE archive.old_order(id INTEGER PRIMARY KEY, note TEXT)")
            return (connection, try connection.loadCatalog())
        }

        @Test func tablesViewsAndSchemas() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let (_, catalog) = try makeCatalog(in: directory)
            #expect(catalog.kind == .sqlite)
            #expect(catalog.defaultSchema == "main")
            #expect(catalog.searchPath == ["main", "archive"])
            let names = catalog.tables.map { "\($0.schema ?? "?").\($0.name)" }
            #expect(
                names == [
                    "main.Mixed Case", "main.big_order", "main.customer", "main.line", "main.order", "main.shipment",
                    "archive.old_order",
                ])
            #expect(catalog.table(named: "big_order")?.kind == .view)
            #expect(catalog.table(named: "big_order")?.columns.map(\.name) == ["id", "customer"])
            #expect(catalog.table(named: "archive.old_order")?.columns.map(\.name) == ["id", "note"])
            #expect(catalog.table(named: "SELECT") == nil)
        }

        @Test func columnsWithTypesNullabilityDefaultsAndKeys() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let (_, catalog) = try makeCatalog(in: directory)
            let order = try #require(catalog.table(named: "order"))
            #expect(
                order.columns == [
                    ColumnInfo(name: "id", declaredType: "INTEGER", isNullable: false, primaryKeyPosition: 1),
                    ColumnInfo(name: "customer_id", declaredType: "INTEGER", isNullable: false),
                    ColumnInfo(name: "Select", declaredType: "TEXT", defaultValue: "'x'"),
                    ColumnInfo(name: "placed_at", declaredType: "TIMESTAMP"),
                    ColumnInfo(name: "total", declaredType: "NUMERIC(10, 2)"),
                ])
            #expect(order.columns.map(\.type) == [.integer, .integer, .text, .timestamp, .decimal])
            #expect(order.primaryKey == ["id"])
            let customer = try #require(catalog.table(named: "customer"))
            #expect(
                customer.column(named: "active")
                    == ColumnInfo(
                        name: "active", declaredType: "BOOLEAN", type: .boolean, isNullable: false, defaultValue: "1"))
            // A composite key in key order, not column order; SQLite lets rowid-table key columns hold NULL.
            let mixed = try #require(catalog.table(named: "mixed case"))
            #expect(mixed.name == "Mixed Case")
            #expect(mixed.primaryKey == ["code", "region"])
            #expect(mixed.columns.map(\.primaryKeyPosition) == [2, 1, nil])
            #expect(mixed.columns.map(\.isNullable) == [true, true, true])
            // WITHOUT ROWID keys are NOT NULL; generated columns are listed.
            let line = try #require(catalog.table(named: "line"))
            #expect(line.columns.map(\.name) == ["order_id", "position", "amount"])
            #expect(line.columns.map(\.isNullable) == [false, false, true])
            #expect(line.primaryKey == ["order_id", "position"])
        }

        @Test func foreignKeys() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let (_, catalog) = try makeCatalog(in: directory)
            // `REFERENCES customer` without columns points at the parent's primary key.
            #expect(
                catalog.table(named: "order")?.foreignKeys == [
                    ForeignKeyInfo(
                        columns: ["customer_id"], referencedSchema: "main", referencedTable: "customer",
                        referencedColumns: ["id"], onUpdate: "NO ACTION", onDelete: "CASCADE")
                ])
            let shipmentKeys = try #require(catalog.table(named: "shipment")?.foreignKeys)
            #expect(
                Set(shipmentKeys) == [
                    ForeignKeyInfo(
                        columns: ["code", "region"], referencedSchema: "main", referencedTable: "Mixed Case",
                        referencedColumns: ["code", "region"], onUpdate: "CASCADE", onDelete: "NO ACTION"),
                    ForeignKeyInfo(
                        columns: ["order"], referencedSchema: "main", referencedTable: "order",
                        referencedColumns: ["id"],
                        onUpdate: "NO ACTION", onDelete: "NO ACTION"),
                ])
        }

        @Test func indexes() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let (_, catalog) = try makeCatalog(in: directory)
            #expect(
                catalog.table(named: "order")?.indexes == [
                    IndexInfo(name: "order_customer_select", columns: ["customer_id", "Select"], isUnique: true),
                    IndexInfo(name: "order_placed", columns: ["placed_at"], isUnique: false),
                ])
            #expect(
                catalog.table(named: "customer")?.indexes == [
                    IndexInfo(name: "customer_lower_name", columns: ["<expression>"], isUnique: false),
                    IndexInfo(name: "sqlite_autoindex_customer_1", columns: ["email"], isUnique: true),
                ])
            #expect(
                catalog.table(named: "Mixed Case")?.indexes == [
                    IndexInfo(
                        name: "sqlite_autoindex_Mixed Case_1", columns: ["code", "region"], isUnique: true,
                        isPrimary: true)
                ])
            #expect(catalog.table(named: "big_order")?.indexes == [])
        }

        @Test func jsonRoundTripIsEqual() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let (_, catalog) = try makeCatalog(in: directory)
            let data = try catalog.jsonData()
            let decoded = try Catalog(jsonData: data)
            #expect(decoded == catalog)
            #expect(decoded.tables.count == 7)
            #expect(String(decoding: data, as: UTF8.self).contains("\"Mixed Case\""))
        }

        @Test func tempSchemaIsIncludedOnlyWithTables() throws {
            let connection = try openMemoryDatabase()
            try connection.execute("CREATE TABLE kept(x)")
            #expect(try connection.loadCatalog().searchPath == ["main"])
            try connection.execute("CREATE TEMP TABLE scratch(y INTEGER NOT NULL)")
            let catalog = try connection.loadCatalog()
            #expect(catalog.searchPath == ["temp", "main"])
            #expect(catalog.table(named: "scratch")?.schema == "temp")
            #expect(catalog.table(named: "scratch")?.columns.first?.isNullable == false)
            #expect(catalog.tables.map(\.name) == ["kept", "scratch"])
        }
    }
}
