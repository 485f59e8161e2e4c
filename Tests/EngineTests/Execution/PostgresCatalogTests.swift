import Foundation
import Testing

@testable import Moltres

/// Catalog introspection from `pg_catalog`.
@Suite(.enabled(if: PostgresTestServer.shouldRun)) struct PostgresCatalogTests {
    private func withSchema(_ body: (PostgresConnection, String, String) throws -> Void) throws {
        let (connection, schema) = try PostgresTestServer.connectInFreshSchema("cat")
        let other = schema + "_other"
        defer {
            PostgresTestServer.dropSchema(schema, on: connection)
            PostgresTestServer.dropSchema(other, on: connection)
        }
        try connection.execute(
            """
            CREATE TABLE customers (
                id bigserial PRIMARY KEY,
                email varchar(200) NOT NULL,
                created date DEFAULT CURRENT_DATE,
                balance numeric(12, 2) DEFAULT 0
            );
            CREATE UNIQUE INDEX customers_email ON customers (lower(email));
            CREATE TABLE "order" (
                region text NOT NULL,
                number int NOT NULL,
                customer_id bigint REFERENCES customers (id) ON DELETE CASCADE,
                "Select" text,
                "Mixed Case" int,
                PRIMARY KEY (region, number)
            );
            CREATE INDEX order_customer ON "order" (customer_id, "Mixed Case");
            CREATE TABLE order_lines (
                region text,
                number int,
                line int,
                FOREIGN KEY (region, number) REFERENCES "order" (region, number) ON UPDATE CASCADE,
                PRIMARY KEY (region, number, line)
            );
            CREATE VIEW big_customers AS SELECT id, email FROM customers WHERE balance > 1000;
            CREATE MATERIALIZED VIEW order_counts AS SELECT region, count(*) AS n FROM "order" GROUP BY region;
            CREATE TABLE "Mixed Case" ("Select" int PRIMARY KEY, "order" text UNIQUE);
            CREATE TABLE events (id int, at date NOT NULL) PARTITION BY RANGE (at);
            CREATE SCHEMA \(other);
            CREATE TABLE \(other).archived (id int PRIMARY KEY, customer_id bigint REFERENCES customers (id));
            """)
        try body(connection, schema, other)
    }

    @Test func tablesViewsColumnsKeysAndIndexes() throws {
        try withSchema { connection, schema, other in
            let catalog = try connection.loadCatalog()
            #expect(catalog.kind == .postgresql)
            #expect(catalog.defaultSchema == schema)
            #expect(catalog.searchPath == [schema])

            let customers = try #require(catalog.table(named: "customers", schema: schema))
            #expect(customers.kind == .table)
            #expect(customers.columns.map(\.name) == ["id", "email", "created", "balance"])
            #expect(
                customers.columns.map(\.declaredType) == ["bigint", "character varying(200)", "date", "numeric(12,2)"])
            #expect(customers.columns.map(\.type) == [.integer, .text, .date, .decimal])
            #expect(customers.columns.map(\.isNullable) == [false, false, true, true])
            #expect(customers.columns[0].defaultValue?.hasPrefix("nextval(") == true)
            #expect(customers.columns[2].defaultValue == "CURRENT_DATE")
            #expect(customers.columns[0].primaryKeyPosition == 1)
            #expect(customers.primaryKey == ["id"])
            let emailIndex = try #require(customers.indexes.first { $0.name == "customers_email" })
            #expect(emailIndex.isUnique && !emailIndex.isPrimary)
            #expect(emailIndex.columns == ["lower(email::text)"])
            #expect(customers.indexes.contains { $0.isPrimary && $0.columns == ["id"] })

            let order = try #require(catalog.table(named: "order"))
            #expect(order.columns.map(\.name) == ["region", "number", "customer_id", "Select", "Mixed Case"])
            #expect(order.primaryKey == ["region", "number"])
            #expect(order.columns.map(\.primaryKeyPosition) == [1, 2, nil, nil, nil])
            #expect(
                order.foreignKeys == [
                    ForeignKeyInfo(
                        name: "order_customer_id_fkey", columns: ["customer_id"], referencedSchema: schema,
                        referencedTable: "customers", referencedColumns: ["id"], onUpdate: "NO ACTION",
                        onDelete: "CASCADE")
                ])
            #expect(
                order.indexes.contains { $0.name == "order_customer" && $0.columns == ["customer_id", "Mixed Case"] })

            let lines = try #require(catalog.table(named: "order_lines"))
            #expect(lines.primaryKey == ["region", "number", "line"])
            #expect(lines.foreignKeys.count == 1)
            #expect(lines.foreignKeys[0].columns == ["region", "number"])
            #expect(lines.foreignKeys[0].referencedTable == "order")
            #expect(lines.foreignKeys[0].referencedColumns == ["region", "number"])
            #expect(lines.foreignKeys[0].onUpdate == "CASCADE")

            let mixed = try #require(catalog.table(named: "Mixed Case"))
            #expect(mixed.columns.map(\.name) == ["Select", "order"])
            #expect(mixed.primaryKey == ["Select"])
            #expect(mixed.indexes.contains { $0.isUnique && !$0.isPrimary && $0.columns == ["order"] })
            let events = try #require(catalog.table(named: "events"))
            #expect(events.kind == .table)
            #expect(events.columns.map(\.isNullable) == [true, false])

            let view = try #require(catalog.table(named: "big_customers"))
            #expect(view.kind == .view)
            #expect(view.columns.map(\.name) == ["id", "email"])
            let materialized = try #require(catalog.table(named: "order_counts"))
            #expect(materialized.kind == .view)
            #expect(materialized.columns.map(\.declaredType) == ["text", "bigint"])

            // A schema off the search path is listed, qualified.
            let archived = try #require(catalog.table(named: "\(other).archived"))
            #expect(archived.foreignKeys.first?.referencedSchema == schema)
            #expect(catalog.tableNames.contains("\(other).archived"))
            #expect(catalog.tableNames.contains("customers"))
            #expect(!catalog.tables.contains { $0.schema == "pg_catalog" || $0.schema == "information_schema" })

            // Putting it on the search path changes the lookup order and the default schema.
            try connection.execute("SET search_path = \(other), \(schema)")
            let reordered = try connection.loadCatalog()
            #expect(reordered.searchPath == [other, schema])
            #expect(reordered.defaultSchema == other)
            #expect(reordered.tableNames.contains("archived"))
        }
    }

    @Test func catalogJSONRoundTrips() throws {
        try withSchema { connection, _, _ in
            let catalog = try connection.loadCatalog()
            let decoded = try Catalog(jsonData: catalog.jsonData())
            #expect(decoded == catalog)
            #expect(decoded.table(named: "order")?.columns.count == 5)
        }
    }

    /// A table dropped by another session while the catalog is read fails the read with "could not open relation
    /// with OID" (a parallel test dropping its schema did it in CI): the read is made again, three times in all;
    /// any other error is thrown at once.
    @Test func aRelationThatVanishesDuringTheReadIsReadAgain() throws {
        let vanished = DatabaseError(
            kind: .other, message: "could not open relation with OID 21381", sqlState: "XX000")
        var calls = 0
        let value = try PostgresConnection.retryingVanishedRelations { () throws -> Int in
            calls += 1
            if calls < 3 { throw vanished }
            return 7
        }
        #expect(value == 7 && calls == 3)
        calls = 0
        #expect(throws: DatabaseError.self) {
            try PostgresConnection.retryingVanishedRelations { () throws -> Int in
                calls += 1
                throw vanished
            }
        }
        #expect(calls == 3)
        calls = 0
        #expect(throws: DatabaseError.self) {
            try PostgresConnection.retryingVanishedRelations { () throws -> Int in
                calls += 1
                throw DatabaseError(kind: .sql, message: "permission denied", sqlState: "42501")
            }
        }
        #expect(calls == 1)
    }

    @Test func manyTablesLoad() throws {
        let (connection, schema) = try PostgresTestServer.connectInFreshSchema("many")
        defer { PostgresTestServer.dropSchema(schema, on: connection) }
        var script = ""
        for index in 0..<500 {
            script +=
                "CREATE TABLE t\(index) (id int PRIMARY KEY, name text, parent int REFERENCES t\(max(0, index - 1)) (id));\n"
        }
        try connection.execute(script)
        let catalog = try connection.loadCatalog()
        #expect(catalog.tables.filter { $0.schema == schema }.count == 500)
        #expect(catalog.table(named: "t499")?.foreignKeys.first?.referencedTable == "t498")
    }
}
