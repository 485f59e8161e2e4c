import Testing

@testable import Moltres

/// The schema of each DataFrame step: the marker `‸` sits on the step's method name.
@Suite struct SemanticSchemaTests {
    static let cases: [(String, [String])] = [
        ("db.‸table(\"customers\")\n", ["id", "name", "email", "country", "active", "created_at"]),
        ("db.table(\"orders\").sel‸ect(\"id\", \"amount\")\n", ["id", "amount"]),
        ("db.table(\"orders\").select(\"id\").with_col‸umn(\"twice\", col(\"id\") * 2)\n", ["id", "twice"]),
        (
            "db.table(\"orders\").select(\"id\", \"amount\").withColumn‸(\"amount\", col(\"amount\") * 2)\n",
            ["id", "amount"]
        ),
        (
            "db.table(\"orders\").select(\"id\", \"status\").with_column_renamed‸(\"status\", \"state\")\n",
            ["id", "state"]
        ),
        ("db.table(\"orders\").select(\"id\", \"status\", \"amount\").dro‸p(\"status\")\n", ["id", "amount"]),
        (
            "db.table(\"orders\").select(\"id\", \"customer_id\").jo‸in(db.table(\"customers\").select(\"id\", \"name\"), on=col(\"orders.customer_id\") == col(\"customers.id\"))\n",
            ["id", "customer_id", "id", "name"]
        ),
        (
            "db.table(\"order_items\").select(\"order_id\", \"quantity\").jo‸in(db.table(\"orders\").select(col(\"id\").alias(\"order_id\"), \"status\"), on=\"order_id\")\n",
            ["order_id", "quantity", "status"]
        ),
        (
            "db.table(\"orders\").group_by(\"status\").a‸gg(F.sum(col(\"amount\")).alias(\"total\"), F.count(\"*\").alias(\"n\"))\n",
            ["status", "total", "n"]
        ),
        (
            "db.table(\"orders\").group_by(\"status\").agg(F.sum(col(\"amount\")).alias(\"total\")).wh‸ere(col(\"total\") > 1)\n",
            ["status", "total"]
        ),
        ("db.table(\"orders\").select(\"id\").ali‸as(\"o\")\n", ["id"]),
        ("db.table(\"orders\").select(\"id\").cou‸nt()\n", ["count"]),
        ("db.table(\"orders\").select(\"id\", \"amount\").hea‸d(3)\n", ["id", "amount"]),
        (
            "big = db.table(\"orders\").select(\"id\", \"amount\")\nbig.where(col(\"amount\") > 1).or‸der_by(\"id\")\n",
            ["id", "amount"]
        ),
    ]

    @Test(arguments: cases)
    func stepSchema(source: String, columns: [String]) {
        SemanticTestSupport.checkSchema(source, columns)
    }

    @Test func typesFlowThroughSteps() throws {
        let (source, offset) = SemanticTestSupport.locate(
            "db.table(\"orders\").group_by(\"status\").a‸gg(F.sum(col(\"amount\")).alias(\"total\"), F.count(\"*\").alias(\"n\"), F.avg(col(\"id\")).alias(\"m\"))\n"
        )
        let compilation = compile(source, catalog: SemanticTestSupport.demoCatalog)
        guard case .dataFrameStep(let schema, _, _)? = compilation.symbol(at: offset) else {
            Issue.record("no step")
            return
        }
        #expect(schema.map(\.type) == [.text, .real, .integer, .real])
    }

    @Test func columnAndTableSymbols() throws {
        let (source, offset) = SemanticTestSupport.locate("db.table(\"orders\").where(col(\"amo‸unt\") > 1)\n")
        let compilation = compile(source, catalog: SemanticTestSupport.demoCatalog)
        guard case .column(let column, _)? = compilation.symbol(at: offset) else {
            Issue.record("no column symbol: \(String(describing: compilation.symbol(at: offset)))")
            return
        }
        #expect(column.name == "amount")
        #expect(column.type == .real)
        #expect(column.sourceTable == "orders")
        let (tableSource, tableOffset) = SemanticTestSupport.locate("db.table(\"ord‸ers\")\n")
        guard
            case .table(let info, let name, _)? = compile(tableSource, catalog: SemanticTestSupport.demoCatalog).symbol(
                at: tableOffset)
        else {
            Issue.record("no table symbol")
            return
        }
        #expect(name == "orders")
        #expect(info?.columns.count == 5)
    }

    /// A selected or grouped column keeps the column it names in the step's own input, whatever scope it was
    /// resolved in first: a column of another DataFrame (`c["email"]`), one bound before, one in a subquery.
    @Test func projectedColumnsComeFromTheStepsInput() {
        func schema(_ source: String) -> [String] {
            let statement = compile(source, catalog: SemanticTestSupport.demoCatalog).statements.last
            return (statement?.schema ?? []).map {
                "\($0.qualifiers.joined(separator: ".")):\($0.name):\($0.type.rawValue):\($0.sourceTable ?? "-")"
            }
        }
        let customers = "c = db.table(\"customers\")\n"
        #expect(
            schema(customers + "db.table(\"products\").select(c[\"email\"], \"name\")\n") == [
                ":email:text:-", "products:name:text:products",
            ])
        #expect(
            schema(customers + "e = c[\"country\"]\ndb.table(\"orders\").select(\"id\", e)\n") == [
                "orders:id:integer:orders", ":country:text:-",
            ])
        #expect(
            schema(customers + "db.table(\"orders\").group_by(c[\"name\"]).agg(F.count(\"*\").alias(\"n\"))\n") == [
                ":name:text:-", ":n:integer:-",
            ])
        #expect(
            schema("db.table(\"orders\").select(\"status\", col(\"amount\"), \"id\")\n") == [
                "orders:status:text:orders", "orders:amount:real:orders", "orders:id:integer:orders",
            ])
    }

    @Test func bindingsAreVisibleAfterTheirStatementAndShadow() {
        let source = "a = db.table(\"orders\")\nb = a.select(\"id\")\na = 1\n"
        let compilation = compile(source, catalog: SemanticTestSupport.demoCatalog)
        let names = compilation.bindings(visibleAt: 0).map(\.name)
        #expect(names.contains("db") && names.contains("F") && names.contains("sum") && !names.contains("a"))
        let atEnd = compilation.bindings(visibleAt: source.utf8.count)
        #expect(atEnd.first { $0.name == "a" }?.valueKind == .scalar(.integer))
        guard case .dataFrame(let schema, _)? = atEnd.first(where: { $0.name == "b" })?.valueKind else {
            Issue.record("b is not a DataFrame")
            return
        }
        #expect(schema.map(\.name) == ["id"])
    }
}

/// Windows, subqueries and dialects.
@Suite struct SemanticFeatureTests {
    @Test(arguments: [
        (
            "w = Window.partitionBy(\"status\").orderBy(col(\"amount\").desc())\ndb.table(\"orders\").select(\"id\", F.rank().over(w).alias(\"r\"))\n",
            [String]()
        ),
        (
            "db.table(\"customers\").where(F.exists(db.table(\"orders\").where(col(\"orders.customer_id\") == col(\"customers.id\"))))\n",
            []
        ),
        (
            "db.table(\"orders\").select(F.lag(col(\"amount\"), 1).over(order_by=\"id\", rows_between=(None, 0)).alias(\"p\"))\n",
            []
        ),
        (
            "db.table(\"orders\").where(col(\"amount\") > F.scalar_subquery(db.table(\"orders\").agg(F.avg(col(\"amount\")))))\n",
            []
        ),
        ("db.table(\"orders\").select(\"id\").union(db.table(\"customers\").select(\"id\", \"name\"))\n", ["MOL3007"]),
        (
            "db.create_table(\"t\", [column(\"id\", \"INTEGER\", primary_key=True), column(\"x\", \"TEXT\")]).collect()\n",
            []
        ),
        (
            "Records.from_list([{\"id\": 5000, \"name\": \"Z\", \"country\": \"NO\", \"created_at\": \"2024-01-01\"}], database=db).insert_into(\"customers\")\n",
            []
        ),
        (
            "db.merge(\"customers\", [{\"id\": 1, \"name\": \"Ada\"}], on=[\"id\"], when_matched={\"name\": \"Ada\"})\n",
            []
        ),
        ("db.table(\"orders\").write.mode(\"append\").save_as_table(\"orders_copy\")\n", []),
    ])
    func compiles(source: String, codes: [String]) {
        SemanticTestSupport.check(source, codes)
    }

    @Test func languageExampleCompilesForPostgreSQL() throws {
        let compilation = compile(
            SemanticStatementTests.languageExample, catalog: SemanticTestSupport.demoCatalog, dialect: .postgresql)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        let sql = try compilation.statements[5].sql(dialect: .postgresql, catalog: SemanticTestSupport.demoCatalog)
        #expect(sql.text.contains("GROUP BY"))
    }

    @Test func hoverOnABindingAndAMethod() {
        let (source, offset) = SemanticTestSupport.locate("big = db.table(\"orders\")\nb‸ig.select(\"id\")\n")
        guard case .binding(let info)? = compile(source, catalog: SemanticTestSupport.demoCatalog).symbol(at: offset)
        else {
            Issue.record("no binding")
            return
        }
        #expect(info.name == "big")
        #expect(info.range == ByteRange(start: 0, end: 3))
        let (fSource, fOffset) = SemanticTestSupport.locate("db.table(\"orders\").select(F.s‸um(col(\"amount\")))\n")
        guard
            case .function(let function, _)? = compile(fSource, catalog: SemanticTestSupport.demoCatalog).symbol(
                at: fOffset)
        else {
            Issue.record("no function")
            return
        }
        #expect(function.name == "sum")
    }
}
