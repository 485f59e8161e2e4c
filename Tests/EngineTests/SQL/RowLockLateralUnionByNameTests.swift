import Testing

@testable import Moltres

/// `unionByName`, `select_for_update`/`select_for_share`, `join(lateral=True)` and `join(hints=)` beyond the golden
/// cases: `.moltres` lowering, errors, hostile hint text, and lateral results checked against another query.
@Suite struct RowLockLateralUnionByNameTests {
    static let catalog = SemanticTestSupport.demoCatalog

    func codes(_ source: String, dialect: DatabaseKind) -> [String] {
        compile(source, catalog: Self.catalog, dialect: dialect).diagnostics.map(\.code.rawValue)
    }

    func sql(_ source: String, dialect: DatabaseKind) throws -> String {
        let compilation = compile(source, catalog: Self.catalog, dialect: dialect)
        #expect(compilation.diagnostics.filter { $0.severity == .error }.isEmpty, "\(compilation.diagnostics)")
        let statement = try #require(compilation.statements.last)
        return try statement.sqlStatements(dialect: dialect, catalog: Self.catalog).map(\.text).joined(
            separator: ";\n")
    }

    @Test func unionByNameFromMoltresSource() throws {
        let source = """
            a = db.table("customers").select("id", "name")
            a.unionByName(db.table("products").select("price", "id"), allowMissingColumns=True).order_by("id")

            """
        let text = try sql(source, dialect: .postgresql)
        #expect(text.contains("CAST(NULL AS DOUBLE PRECISION) AS \"price\""), "\(text)")
        #expect(text.contains("CAST(NULL AS TEXT) AS \"name\""), "\(text)")
        #expect(text.contains("UNION ALL"))
        #expect(
            codes("db.table(\"orders\").union_by_name(db.table(\"orders\").select(\"id\"))\n", dialect: .sqlite) == [
                "MOL3007"
            ])
        #expect(
            codes(
                "db.table(\"orders\").select(\"id\").union_by_name(db.table(\"orders\").select(\"id\"), allow_missing_columns=\"yes\")\n",
                dialect: .sqlite) == ["MOL2012"])
    }

    @Test func unionByNameNeedsMatchingNames() {
        let orders = DataFrame.table("orders")
        let missing = orders.select("id", "amount").unionByName(orders.select("id"))
        #expect(throws: PlanError.self) { try missing.sql(dialect: SQLiteDialect(), catalog: Self.catalog) }
        do {
            _ = try missing.sql(dialect: SQLiteDialect(), catalog: Self.catalog)
        } catch let error as PlanError {
            #expect(error.diagnosticCode == .invalidUse)
            #expect(error.message.contains("'amount' is missing on the right side"))
        } catch {
            Issue.record("\(error)")
        }
        let duplicate = orders.join(DataFrame.table("customers"), on: col("orders.customer_id") == col("customers.id"))
            .unionByName(orders, allowMissingColumns: true)
        #expect(throws: PlanError.self) { try duplicate.sql(dialect: SQLiteDialect(), catalog: Self.catalog) }
    }

    @Test func rowLocksFromMoltresSource() throws {
        let plain = "db.table(\"orders\").where(col(\"id\") == 1).select_for_update()\n"
        #expect(try sql(plain, dialect: .postgresql).hasSuffix("FOR UPDATE"))
        #expect(!(try sql(plain, dialect: .sqlite).contains("FOR")))
        #expect(codes(plain, dialect: .sqlite) == ["MOL4002"])  // the no-op is a warning
        #expect(compile(plain, catalog: Self.catalog).diagnostics.allSatisfy { $0.severity == .warning })
        let nowait = "db.table(\"orders\").selectForUpdate(nowait=True)\n"
        #expect(try sql(nowait, dialect: .postgresql).hasSuffix("FOR UPDATE NOWAIT"))
        let onSQLite = compile(nowait, catalog: Self.catalog, dialect: .sqlite).diagnostics
        #expect(onSQLite.map(\.code) == [.unsupportedFeature] && onSQLite.first?.severity == .error)
        let share = "db.table(\"orders\").select_for_share(skip_locked=True, of=[\"orders\"])\n"
        #expect(try sql(share, dialect: .postgresql).hasSuffix("FOR SHARE OF \"orders\" SKIP LOCKED"))
        let afterGroup =
            "db.table(\"orders\").group_by(\"status\").agg(F.count(\"*\").alias(\"n\")).select_for_update()\n"
        #expect(codes(afterGroup, dialect: .postgresql) == ["MOL3007"])
    }

    @Test func lateralAndHintsFromMoltresSource() throws {
        let source = """
            c = db.table("customers")
            c.join(db.table("orders").where(col("customer_id") == col("customers.id")).limit(2), lateral=True, hints="Leading(customers orders)")

            """
        let text = try sql(source, dialect: .postgresql)
        #expect(text.hasPrefix("/*+ Leading(customers orders) */ SELECT"), "\(text)")
        #expect(text.contains("CROSS JOIN LATERAL (SELECT"), "\(text)")
        #expect(codes(source, dialect: .sqlite) == ["MOL4002"])
        let right = "db.table(\"customers\").join(db.table(\"orders\"), on=\"id\", how=\"right\", lateral=True)\n"
        #expect(codes(right, dialect: .postgresql) == ["MOL3007"])
        #expect(
            codes("db.table(\"orders\").join(db.table(\"customers\"), hints=3)\n", dialect: .postgresql) == ["MOL2012"])
    }

    /// Hostile hint text never leaves the comment: no `*/`, `/*` or control character survives, on any input.
    @Test func hintTextCannotEndTheComment() {
        let payloads = [
            "*/ DROP TABLE orders; --", "/* nested", "**//**", "*\u{0}/", "a*", "/", "*", "\u{0}", "x\r\n*/",
            "*\u{301}/", "é*/ü", "*/*/*/", String(repeating: "*/", count: 100),
        ]
        for payload in payloads {
            let text = "/*+ " + hintCommentText(payload) + " */"
            let body = text.dropFirst(2).dropLast(2)
            #expect(!body.contains("*/") && !body.contains("/*"), "\(payload.debugDescription) → \(text)")
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 }, "\(payload.debugDescription)")
        }
    }

    /// A lateral join on PostgreSQL gives the same rows as the window-function formulation on SQLite
    /// (each customer's largest order).
    @Test(.enabled(if: PlanPostgres.shouldRun)) func lateralMatchesWindowFormulation() throws {
        let sqlite = try ExecutionTests.sqliteSession()
        let (postgres, cleanup) = try ExecutionTests.postgresSession()
        defer { cleanup() }
        let customers = DataFrame.table("customers")
        let orders = DataFrame.table("orders")
        let lateral = customers.join(
            orders.where(col("orders.customer_id") == col("customers.id")).orderBy(col("amount").desc(), col("id"))
                .limit(1).select(col("id").alias("order_id"), "amount"),
            lateral: true
        ).select(col("customers.id"), "order_id", "amount").orderBy("id")
        let window = orders.withColumn(
            "rn",
            F.row_number().over(partitionBy: ["customer_id"], orderBy: [col("amount").desc(), col("id")])
        ).where(col("rn") == 1).select(col("customer_id").alias("id"), col("id").alias("order_id"), "amount")
            .orderBy("id")
        func rows(_ frame: DataFrame, _ session: Session) throws -> [[String]] {
            let statement = try frame.sql(dialect: session.dialect, catalog: session.catalog())
            return try session.collect(statement).rows.map { $0.map(ExecutionTests.normalize) }
        }
        let expected = try rows(window, sqlite)
        #expect(expected.count > 5)
        #expect(try rows(lateral, postgres) == expected)
        #expect(throws: PlanError.self) { try lateral.sql(dialect: SQLiteDialect(), catalog: Self.catalog) }
    }

    /// `FOR UPDATE NOWAIT` really locks on PostgreSQL: a second connection's NOWAIT lock on the same row fails
    /// while the first transaction is open, and `SKIP LOCKED` skips it.
    @Test(.enabled(if: PlanPostgres.shouldRun)) func rowLocksLockOnPostgres() throws {
        let (connection, schema) = try PlanPostgres.connectInFreshSchema()
        defer { _ = try? connection.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE") }
        try DemoShop.create(on: connection)
        let first = try Session(connection: connection)
        let other = try Database.open(try #require(PlanPostgres.url))
        try other.execute("SET search_path = \(schema)")
        let second = try Session(connection: other)
        let target = DataFrame.table("orders").where(col("id") == 1).select("id")
        try first.transaction { session in
            let locked = try session.collect(
                try target.selectForUpdate().sql(dialect: session.dialect, catalog: session.catalog()))
            #expect(locked.rows.count == 1)
            let nowait = try target.selectForUpdate(nowait: true).sql(dialect: second.dialect, catalog: Self.catalog)
            #expect(throws: (any Error).self) { try second.collect(nowait) }
            let skip = try target.selectForUpdate(skipLocked: true).sql(dialect: second.dialect, catalog: Self.catalog)
            #expect(try second.collect(skip).rows.isEmpty)
        }
    }
}
