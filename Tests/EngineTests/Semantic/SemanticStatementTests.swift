import Foundation
import Testing

@testable import Moltres

/// Statements, their kinds, and SQL that runs.
@Suite struct SemanticStatementTests {
    static let languageExample = """
        from moltres import col, lit, connect          # accepted and ignored: paste-friendly
        from moltres.expressions import functions as F

        db = connect("sqlite:///shop.db")              # optional; else the workspace's default connection

        big = db.table("orders").select().where((col("amount") > 100) & (col("status") != "cancelled"))

        by_country = (
            big.join(db.table("customers"), on=[col("orders.customer_id") == col("customers.id")], how="left")
               .group_by("country")
               .agg(F.sum(col("amount")).alias("total"), F.count("*").alias("n"))
               .order_by(col("total").desc())
               .limit(10)
        )
        by_country                                       # a query statement: runnable, previewable

        db.update("customers", where=col("email").is_null(), set={"active": False})

        """

    @Test func languageExampleKinds() {
        let compilation = compile(Self.languageExample, catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        #expect(
            compilation.statements.map(\.kind) == [
                .importStatement, .importStatement, .connect, .binding, .binding, .query, .mutation,
            ])
        #expect(compilation.statements[2].connectionTarget == "sqlite:///shop.db")
        #expect(compilation.statements[3].bindingName == "big")
        #expect(compilation.statements[5].isRunnable)
        #expect(compilation.statements[6].isRunnable)
        #expect(compilation.statements[5].schema.map(\.name) == ["country", "total", "n"])
    }

    /// pivot().agg() takes several aggregates, as PySpark does: value_alias columns, value by value.
    @Test func aPivotTakesSeveralAggregates() {
        let compilation = compile(
            "db.table(\"orders\").group_by(\"customer_id\").pivot(\"status\", values=[\"paid\", \"shipped\"])"
                + ".agg(F.sum(col(\"amount\")).alias(\"s\"), F.count(\"*\"))\n",
            catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        #expect(
            compilation.statements[0].schema.map(\.name) == [
                "customer_id", "paid_s", "paid_count(*)", "shipped_s", "shipped_count(*)",
            ])
        SemanticTestSupport.check(
            "db.table(\"orders\").group_by(\"customer_id\").pivot(\"status\", values=[\"paid\"]).agg(col(\"id\"))\n",
            ["MOL3005"])
    }

    /// A count is never NULL; a sum may be (no rows, or only NULLs).
    @Test func countsAreNotNullable() {
        let compilation = compile(
            "db.table(\"orders\").group_by(\"status\").agg(F.count(\"*\").alias(\"n\"), "
                + "F.count_distinct(col(\"customer_id\")).alias(\"c\"), F.sum(col(\"amount\")).alias(\"s\"))\n",
            catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        #expect(compilation.statements[0].schema.map(\.isNullable) == [false, false, false, true])
    }

    /// A chain of thousands of bindings binds (each column keeps a bounded list of binding names: they made
    /// binding quadratic, 8,000 bindings took 3 s); a method chain of more than 10,000 steps is MOL1015.
    @Test func longChainsOfBindingsAndSteps() throws {
        var text = "x0 = db.table(\"orders\")\n"
        for index in 1..<2_000 { text += "x\(index) = x\(index - 1).where(col(\"x\(index - 1).id\") > \(index))\n" }
        text += "x1999.select(\"id\")\n"
        let compilation = compile(text, catalog: SemanticTestSupport.demoCatalog)
        // It binds; only its SQL, 4,000 levels deep through the bindings, is past the generator's limit.
        #expect(compilation.diagnostics.map(\.code.rawValue) == ["MOL1015"], "\(compilation.diagnostics.prefix(3))")
        let qualifiers = compilation.statements.last?.schema.first?.qualifiers ?? []
        #expect(qualifiers.count <= Binder.maximumBindingQualifiers + 1 && qualifiers.contains("x1998"))
        let steps = "db.table(\"orders\")" + String(repeating: ".where(col(\"id\") > 1)", count: 10_001) + "\n"
        let chain = compile(steps, catalog: SemanticTestSupport.demoCatalog)
        #expect(chain.diagnostics.map(\.code.rawValue) == ["MOL1015"])
    }

    /// A binding named like a table the file reads (unknown to the catalog) gets a CTE name of its own.
    @Test func aBindingNamedLikeAnUnknownTableReadGetsItsOwnCTEName() throws {
        let compilation = compile(
            "events = db.table(\"events\").where(col(\"n\") > 1)\nevents.union(events)\n", catalog: .empty)
        let sql = try #require(compilation.statements.last).sql(dialect: .sqlite, catalog: .empty)
        #expect(sql.text.contains("WITH \"events_cte\" AS"), "\(sql.text)")
    }

    /// Exploding an array built here gives its elements' type; other arrays give an unknown type.
    @Test func explodedElementsKeepTheirType() {
        let compilation = compile(
            """
            db.table("orders").explode(F.array(col("id"), col("customer_id")), "n")
            db.table("orders").explode(F.split(col("status"), "a"), "part")
            db.table("orders").explode(F.array(col("id"), col("status")), "mixed")
            db.table("orders").explode(F.array(col("amount"), col("id")), "number")

            """,
            catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        #expect(compilation.statements.map { $0.schema.last?.type } == [.integer, .text, .text, .real])
    }

    @Test func languageExampleRunsOnSQLite() throws {
        let compilation = compile(Self.languageExample, catalog: SemanticTestSupport.demoCatalog)
        let query = compilation.statements[5]
        let statement = try query.sql(dialect: .sqlite, catalog: SemanticTestSupport.demoCatalog)
        let session = try SemanticTestSupport.demoSession()
        let result = try session.connection.collect(statement.text, parameters: statement.parameters)
        #expect(result.columns.map(\.name) == ["country", "total", "n"])
        #expect(!result.rows.isEmpty && result.rows.count <= 10)
        // The same numbers as the Swift API computes.
        let expected = try session.table("orders").where((col("amount") > 100) & (col("status") != "cancelled"))
            .join(session.table("customers"), on: col("orders.customer_id") == col("customers.id"), how: .left)
            .groupBy("country").agg(F.sum(col("amount")).alias("total"), F.count().alias("n"))
            .orderBy(col("total").desc()).limit(10).collect()
        #expect(result.rows == expected.rows)
        let update = try compilation.statements[6].sqlStatements(
            dialect: .sqlite, catalog: SemanticTestSupport.demoCatalog)
        #expect(update.count == 1)
        #expect(update[0].text.hasPrefix("UPDATE"))
    }

    @Test func actionsAndMutations() throws {
        let source = """
            orders = db.table("orders")
            n = orders.count()
            orders.head(3)
            orders.where(col("amount") > 10).show()
            rows = db.insert("customers", [{"id": 1000, "name": "Ada", "country": "UK", "created_at": "2024-01-01"}])
            db.delete("orders", where=col("id") == 1)
            orders.write.insertInto("orders")
            orders.to_sql()

            """
        let compilation = compile(source, catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        let statements = compilation.statements
        #expect(statements.map(\.kind) == [.binding, .query, .query, .query, .mutation, .mutation, .mutation, .query])
        #expect(statements[1].action == .count && statements[1].bindingName == "n")
        #expect(statements[2].action == .head(3))
        #expect(statements[3].action == .show(20))
        #expect(statements[7].action == .toSQL)
        if case .insert(_, let columns, let rows)? = statements[4].mutation {
            #expect(columns == ["id", "name", "country", "created_at"])
            #expect(rows.count == 1)
        } else {
            Issue.record("not an insert")
        }
        let session = try SemanticTestSupport.demoSession()
        for statement in statements where statement.kind == .query {
            let sql = try statement.sql(dialect: .sqlite, catalog: SemanticTestSupport.demoCatalog)
            _ = try session.connection.collect(sql.text, parameters: sql.parameters)
        }
        let counted = try statements[1].sql(dialect: .sqlite, catalog: SemanticTestSupport.demoCatalog)
        let result = try session.connection.collect(counted.text, parameters: counted.parameters)
        #expect(result.rows.count == 1)
        let headed = try statements[2].sql(dialect: .sqlite, catalog: SemanticTestSupport.demoCatalog)
        #expect(try session.connection.collect(headed.text, parameters: headed.parameters).rows.count == 3)
    }

    @Test func transactionBlocks() {
        let source = """
            with db.transaction(savepoint=True, readonly=False) as txn:
                db.update("orders", where=col("status") == "pending", set={"status": "cancelled"})
                point = txn.savepoint()
                txn.rollback()

            """
        let compilation = compile(source, catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        let block = compilation.statements[0]
        #expect(block.kind == .transaction)
        #expect(block.transactionOptions == TransactionOptions(savepoint: true, readonly: false, alias: "txn"))
        #expect(block.children.map(\.kind) == [.mutation, .other, .other])
        #expect(block.children[1].transactionAction == .savepoint(name: nil))
        #expect(block.children[2].transactionAction == .rollback)
        let inner = compilation.statement(containing: block.children[0].range.start + 3)
        #expect(inner?.kind == .mutation)
    }

    @Test func bindingUsedByTwoQueriesBecomesACTE() throws {
        let source = """
            big = db.table("orders").where(col("amount") > 100)
            big.select("id")
            big.group_by("status").agg(F.count("*").alias("n"))

            """
        let compilation = compile(source, catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        let sql = try compilation.statements[1].sql(dialect: .sqlite, catalog: SemanticTestSupport.demoCatalog)
        #expect(sql.text.contains("WITH"), "\(sql.text)")
        let session = try SemanticTestSupport.demoSession()
        for statement in compilation.statements.dropFirst() {
            let text = try statement.sql(dialect: .sqlite, catalog: SemanticTestSupport.demoCatalog)
            _ = try session.connection.collect(text.text, parameters: text.parameters)
        }
    }

    @Test func erroneousStatementsAreNotRunnable() {
        let compilation = compile(
            "db.table(\"orders\").select(\"nope\")\ndb.table(\"orders\").select(\"id\")\n",
            catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.statements.map(\.isRunnable) == [false, true])
    }

    @Test func everyFixtureCompilesWithoutCrashingAtEveryTruncation() {
        for name in ["shop_report", "transactions", "windows", "broken"] {
            let bytes = Array(SemanticFixtures.bytes(name))
            #expect(!bytes.isEmpty)
            for length in 0...bytes.count {
                let compilation = compile(
                    SourceText(bytes: Array(bytes[0..<length])), catalog: SemanticTestSupport.demoCatalog)
                _ = compilation.completionContext(at: length)
                _ = compilation.symbol(at: max(0, length - 1))
            }
        }
    }
}

/// Reads the shared `.moltres` fixtures.
enum SemanticFixtures {
    static func bytes(_ name: String) -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name + ".moltres")
        return (try? [UInt8](Data(contentsOf: url))) ?? []
    }
}

/// Hostile shapes: very long chains and deep nesting compile without overflowing the stack.
@Suite struct SemanticRobustnessTests {
    @Test func longChainsAndDeepNesting() {
        let chain = "db.table(\"orders\")" + String(repeating: ".where(col(\"amount\") > 1)", count: 5_000) + "\n"
        let compilation = compile(chain, catalog: SemanticTestSupport.demoCatalog, generatesSQL: false)
        #expect(compilation.statements.count == 1)
        let nested = "x = " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000) + "\n"
        _ = compile(nested, catalog: SemanticTestSupport.demoCatalog)
        let sums = "x = col(\"a\")" + String(repeating: " + col(\"a\")", count: 5_000) + "\n"
        _ = compile(sums, catalog: SemanticTestSupport.demoCatalog)
    }

    @Test func randomTokenSoupCompiles() {
        let pieces = [
            "db", ".", "table", "(", ")", "\"orders\"", "col", "\"amount\"", ",", "=", ">", "F", "sum", "select",
            "where", "group_by", "agg", "join", "on", "how", "\"left\"", "[", "]", "{", "}", ":", "1", "\n", "with",
            "as", "t", "    ", "alias", "over", "lit", "None", "&", "|", "~", "-", "*", "\"", "x",
        ]
        var state: UInt64 = 0x5EED
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<40 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            let compilation = compile(text, catalog: SemanticTestSupport.demoCatalog)
            _ = compilation.completionContext(at: text.utf8.count / 2)
        }
    }
}
