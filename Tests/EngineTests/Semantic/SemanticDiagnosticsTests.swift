import Testing

@testable import Moltres

/// Each case: source and the exact diagnostic codes it must produce against the demo shop, in order.
@Suite struct SemanticDiagnosticsTests {
    static let cases: [(String, [String])] = [
        // Clean pipelines.
        ("db.table(\"orders\").select()\n", []),
        ("db.table(\"orders\").where(col(\"amount\") > 100).select(\"id\", \"status\")\n", []),
        (
            "db.table(\"orders\").group_by(\"status\").agg(F.sum(col(\"amount\")).alias(\"total\")).where(col(\"total\") > 10)\n",
            []
        ),
        (
            "df = db.table(\"orders\")\ndf.groupBy(\"status\").agg(F.count(\"*\").alias(\"n\")).orderBy(col(\"n\").desc())\n",
            []
        ),
        ("db.table(\"orders\").withColumn(\"double\", col(\"amount\") * 2).select(\"double\")\n", []),
        (
            "db.table(\"orders\").select(F.row_number().over(partition_by=\"status\", order_by=col(\"amount\").desc()).alias(\"rn\"))\n",
            []
        ),
        (
            "db.table(\"orders\").select(F.when(col(\"amount\") > 10, \"big\").otherwise(\"small\").alias(\"size\"))\n",
            []
        ),
        ("db.table(\"customers\").where(col(\"name\") + \" \" == \"Ada \")\n", []),
        ("db.table(\"orders\").where(\"amount > 10 AND status = 'paid'\")\n", []),
        ("db.table(\"orders\").where(col(\"id\").isin(db.table(\"order_items\").select(\"order_id\")))\n", []),
        // Names.
        ("db.table(\"orders\").select(\"amout\")\n", ["MOL2001"]),
        ("db.table(\"orders\").where(col(\"statos\") == \"paid\")\n", ["MOL2001"]),
        ("db.table(\"ordrs\").select(\"anything\")\n", ["MOL2002"]),
        ("ordrs.select()\n", ["MOL2004"]),
        ("db.table(\"orders\").select(F.summ(col(\"amount\")))\n", ["MOL2005"]),
        (
            "db.table(\"orders\").join(db.table(\"customers\"), on=col(\"orders.customer_id\") == col(\"customers.id\")).select(\"id\")\n",
            ["MOL2003"]
        ),
        (
            "db.table(\"orders\").join(db.table(\"customers\"), on=col(\"orders.customer_id\") == col(\"customers.id\")).select(\"customers.id\", \"country\")\n",
            []
        ),
        (
            "o = db.table(\"orders\").alias(\"o\")\no.join(db.table(\"customers\").alias(\"c\"), on=col(\"o.customer_id\") == col(\"c.id\")).select(\"o.id\", \"c.name\")\n",
            []
        ),
        ("db.table(\"orders\").select(col(\"x.id\"))\n", ["MOL2001"]),
        // Alias scope: visible in following steps only.
        ("db.table(\"orders\").select(col(\"amount\").alias(\"a\"), col(\"a\"))\n", ["MOL2001"]),
        ("db.table(\"orders\").select(col(\"amount\").alias(\"a\")).where(col(\"a\") > 1)\n", []),
        // After aggregation only keys and aggregates exist.
        (
            "db.table(\"orders\").group_by(\"status\").agg(F.sum(col(\"amount\")).alias(\"t\")).select(\"amount\")\n",
            ["MOL2001"]
        ),
        ("db.table(\"orders\").group_by(\"status\").agg(col(\"amount\"))\n", ["MOL3005"]),
        ("db.table(\"orders\").where(F.sum(col(\"amount\")) > 1)\n", ["MOL3005"]),
        ("db.table(\"orders\").select(F.sum(col(\"amount\")), col(\"status\"))\n", ["MOL3005"]),
        // Types.
        ("db.table(\"orders\").select(col(\"status\") + 1)\n", ["MOL2010"]),
        ("db.table(\"orders\").where(col(\"status\") > 100)\n", ["MOL2011"]),
        ("db.table(\"orders\").where(col(\"amount\"))\n", ["MOL2013"]),
        ("db.table(\"orders\").limit(\"ten\")\n", ["MOL2012"]),
        ("db.table(\"orders\").select(col(\"amount\").cast(\"currency\"))\n", ["MOL2014"]),
        // API misuse.
        ("db.table(\"orders\").selct()\n", ["MOL3001"]),
        ("db.table(\"orders\").limit()\n", ["MOL3002"]),
        ("db.table(\"orders\").limit(1, 2)\n", ["MOL3002"]),
        ("db.table(\"orders\").join(db.table(\"customers\"), on=\"id\", kind=\"left\")\n", ["MOL3003"]),
        ("db.table(\"orders\").join(db.table(\"customers\"), on=\"id\", how=\"sideways\")\n", ["MOL3004"]),
        ("db.table(\"orders\").join(db.table(\"customers\"), on=\"id\", how=\"left\")\n", []),
        ("db.table(\"orders\").select(F.row_number())\n", ["MOL3006"]),
        ("db.table(\"orders\").select(F.col(\"id\"))\n", ["MOL2005"]),
        // monotonically_increasing_id() needs no over(), as in PySpark.
        ("db.table(\"orders\").select(F.monotonically_increasing_id().alias(\"n\"), \"id\")\n", []),
        ("db.table(\"orders\").select(col(\"amount\").desc())\n", ["MOL3008"]),
        ("db.table(\"orders\").limit(-1)\n", ["MOL3007"]),
        ("db.table(\"orders\").select(F.upper())\n", ["MOL3002"]),
        ("db.table(\"orders\").select(F.lag(col(\"amount\"), offset=2, fill=0).over(order_by=\"id\"))\n", ["MOL3003"]),
        // camelCase and snake_case both work.
        (
            "db.table(\"orders\").groupBy(\"status\").agg(F.countDistinct(col(\"customer_id\")).alias(\"c\")).orderBy(\"c\")\n",
            []
        ),
        ("db.table(\"orders\").withColumnRenamed(\"amount\", \"total\").select(\"total\")\n", []),
        // No cascades: an error makes the value unknown and later steps stay quiet.
        ("db.table(\"orders\").selct(\"a\").where(col(\"b\") > 1).limit(5)\n", ["MOL3001"]),
        ("x = nope.table(\"t\")\nx.select(\"a\").where(col(\"b\") > 1)\n", ["MOL2004"]),
        // Safety.
        ("db.delete(\"orders\")\n", ["MOL5001"]),
        ("db.update(\"orders\", set={\"status\": \"x\"})\n", ["MOL5001"]),
        ("db.update(\"orders\", where=col(\"id\") == 1, set={\"status\": \"x\"})\n", []),
        ("db.update(\"orders\", where=col(\"id\") == 1, set={\"statu\": \"x\"})\n", ["MOL2001"]),
        (
            "with db.transaction(readonly=True) as t:\n    db.delete(\"orders\", where=col(\"id\") == 1)\n",
            ["MOL5002"]
        ),
        ("with db.transaction() as t:\n    t.commit()\nt.rollback()\n", ["MOL5003"]),
        // Syntax errors come through, and the rest still analyses.
        ("x = (a > 1) and (b < 2)\ndb.table(\"orders\").select(\"nope\")\n", ["MOL1011", "MOL2001"]),
    ]

    @Test(arguments: cases)
    func codes(source: String, expected: [String]) {
        SemanticTestSupport.check(source, expected)
    }

    @Test func withoutACatalogUnknownTablesAreNotErrors() {
        SemanticTestSupport.check(
            "db.table(\"whatever\").select(\"a\", \"b\").where(col(\"a\") > 1)\n", [], catalog: .empty)
        SemanticTestSupport.check(
            "db.table(\"t\").select(\"a\").where(col(\"zz\") > 1)\n", ["MOL2001"], catalog: .empty)
    }

    /// A wrong item that still names its column (`….alias("u")`) is one diagnostic: the steps after it find `u`
    /// (they reported "unknown column 'u'" as well).
    @Test func aNamedItemThatIsWrongIsOneDiagnostic() {
        let cases = [
            "db.table(\"products\").select(F.upperr(col(\"name\")).alias(\"u\"), \"id\").where(col(\"u\") == \"X\")\n",
            "db.table(\"products\").group_by(\"category\").agg(F.summ(col(\"price\")).alias(\"t\")).order_by(\"t\")\n",
            "db.table(\"products\").select(F.json_objectt(col(\"name\")).name(\"j\")).order_by(\"j\")\n",
        ]
        for source in cases { SemanticTestSupport.check(source, ["MOL2005"]) }
        // A column the step really lacks is still reported.
        SemanticTestSupport.check(
            "db.table(\"products\").select(F.upperr(col(\"name\")).alias(\"u\")).where(col(\"v\") == 1)\n",
            ["MOL2005", "MOL2001"])
    }

    @Test func unknownColumnSuggestsAndFixes() throws {
        let source = "db.table(\"orders\").select(\"amout\")\n"
        let diagnostic = try #require(compile(source, catalog: SemanticTestSupport.demoCatalog).diagnostics.first)
        #expect(diagnostic.message.contains("did you mean 'amount'"))
        let fix = try #require(diagnostic.fixes.first)
        #expect(fix.edits.count == 1)
        var text = Array(source.utf8)
        text.replaceSubrange(fix.edits[0].range.start..<fix.edits[0].range.end, with: Array(fix.edits[0].newText.utf8))
        #expect(String(decoding: text, as: UTF8.self) == "db.table(\"orders\").select(\"amount\")\n")
    }

    @Test func ambiguousColumnListsCandidatesWithLocations() throws {
        let source =
            "db.table(\"orders\").join(db.table(\"customers\"), on=col(\"orders.customer_id\") == col(\"customers.id\")).select(\"id\")\n"
        let diagnostic = try #require(compile(source, catalog: SemanticTestSupport.demoCatalog).diagnostics.first)
        #expect(diagnostic.message.contains("'orders.id'"))
        #expect(diagnostic.message.contains("'customers.id'"))
        #expect(diagnostic.related.count == 2)
        #expect(diagnostic.fixes.map(\.title) == ["Qualify as 'orders.id'", "Qualify as 'customers.id'"])
    }

    /// The related locations of an ambiguous column say where each candidate was made, through the steps that
    /// keep, add, replace, drop and group columns (the frame's origins, kept per column or as one range).
    @Test func ambiguousColumnsPointAtWhereEachCandidateWasMade() throws {
        func relatedTexts(_ source: String) throws -> [String] {
            let compilation = compile(source, catalog: SemanticTestSupport.demoCatalog)
            let diagnostic = try #require(compilation.diagnostics.first { $0.code == .ambiguousColumn })
            let bytes = Array(source.utf8)
            return diagnostic.related.map {
                String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self) + " | " + $0.message
            }
        }
        let orders = "db.table(\"orders\")"
        let customers = "db.table(\"customers\")"
        let on = "on=col(\"orders.customer_id\") == col(\"customers.id\")"
        #expect(
            try relatedTexts("\(orders).select(\"id\", \"amount\").join(\(customers), \(on)).select(\"id\")\n") == [
                "\(orders) | 'orders.id' comes from here", "\(customers) | 'customers.id' comes from here",
            ])
        #expect(
            try relatedTexts(
                "\(orders).with_column(\"x\", col(\"amount\")).join(\(customers).with_column(\"x\", lit(1)), \(on)).select(\"x\")\n"
            ) == ["\"x\" | 'x' comes from here", "\"x\" | 'x' comes from here"])
        #expect(
            try relatedTexts(
                "\(orders).with_column(\"id\", col(\"amount\")).join(\(customers), \(on)).select(\"id\")\n") == [
                    "\"id\" | 'id' comes from here", "\(customers) | 'customers.id' comes from here",
                ])
        #expect(
            try relatedTexts(
                "\(orders).drop(\"amount\").join(\(customers).drop(\"name\"), \(on), how=\"left\").select(\"id\")\n")
                == [
                    "\(orders) | 'orders.id' comes from here", "\(customers) | 'customers.id' comes from here",
                ])
        let grouped = "\(orders).group_by(\"customer_id\").agg(F.count(\"*\").alias(\"id\"))"
        #expect(
            try relatedTexts(
                "\(grouped).join(\(customers), on=col(\"customer_id\") == col(\"customers.id\")).select(\"id\")\n") == [
                    "(F.count(\"*\").alias(\"id\")) | 'id' comes from here",
                    "\(customers) | 'customers.id' comes from here",
                ])
    }

    /// A window function without `over` and a column outside the aggregates and keys are found through every
    /// kind of operator around them, and named in the message (the first in source order).
    @Test func bareWindowFunctionsAndLooseColumnsAreFoundThroughOperators() throws {
        let orders = "db.table(\"orders\")"
        let grouped = "\(orders).group_by(\"status\").agg"
        let cases: [(String, String?)] = [
            ("\(orders).select((F.row_number() + 1).alias(\"r\"))", "row_number()"),
            ("\(orders).select(F.coalesce(col(\"id\"), F.rank()))", "rank()"),
            ("\(orders).select(F.row_number().cast(\"int\"))", "row_number()"),
            ("\(orders).select(-F.dense_rank())", "dense_rank()"),
            ("\(orders).where(F.rank().isNull())", "rank()"),
            ("\(orders).select(F.rank().over(order_by=\"id\") + F.row_number())", "row_number()"),
            ("\(grouped)((col(\"amount\") + 1).alias(\"x\"))", "'amount' is neither"),
            ("\(grouped)(F.coalesce(col(\"amount\"), lit(0)))", "'amount' is neither"),
            ("\(grouped)(F.sum(col(\"amount\")) + col(\"id\"))", "'id' is neither"),
            ("\(grouped)(col(\"amount\").cast(\"int\"))", "'amount' is neither"),
            ("\(grouped)(-col(\"id\"))", "'id' is neither"),
            ("\(grouped)(F.sum(col(\"amount\")).alias(\"s\"), (col(\"status\") + \"x\").alias(\"k\"))", nil),
            ("\(grouped)(F.max(col(\"amount\")).over(order_by=\"id\"))", nil),
        ]
        for (pipeline, expected) in cases {
            let diagnostics = compile(pipeline + "\n", catalog: SemanticTestSupport.demoCatalog).diagnostics
            if let expected {
                #expect(diagnostics.contains { $0.message.contains(expected) }, "\(pipeline): \(diagnostics)")
            } else {
                #expect(!diagnostics.contains { $0.code == .aggregateMisuse }, "\(pipeline): \(diagnostics)")
            }
        }
    }

    /// A join's `on=` list: names (checked on both sides, reported inside their quotes), pairs and conditions,
    /// alone or mixed, give their condition and reports in order.
    @Test func joinOnListsMixNamesPairsAndConditions() throws {
        let prefix = "db.table(\"orders\").join(db.table(\"customers\"), on="
        func compiled(_ list: String) -> (JoinCondition?, [String]) {
            let source = prefix + list + ")\n"
            let compilation = compile(source, catalog: SemanticTestSupport.demoCatalog)
            let bytes = Array(source.utf8)
            let reports = compilation.diagnostics.map {
                "\($0.code.rawValue) " + String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self)
            }
            guard case .join(let join)? = compilation.statements.first?.plan else { return (nil, reports) }
            return (join.condition, reports)
        }
        let both = "col(\"orders.customer_id\") == col(\"customers.id\")"
        let (conditions, none) = compiled("[\(both), col(\"amount\") > 1]")
        guard case .on(.binary(.and, _, _))? = conditions else {
            Issue.record("two conditions are not one AND: \(String(describing: conditions))")
            return
        }
        #expect(none.isEmpty)
        let (names, reports) = compiled("[\"id\", \"nope\"]")
        #expect(names == .using(["id", "nope"]))
        #expect(reports == ["MOL2001 nope", "MOL2001 nope"])
        let (pairs, pairReports) = compiled("[(\"customer_id\", \"id\"), (\"x\", \"id\")]")
        #expect(pairs == .pairs([JoinKeyPair("customer_id", "id"), JoinKeyPair("x", "id")]))
        #expect(pairReports == ["MOL2001 (\"x\", \"id\")"])
        let (mixed, mixedReports) = compiled("[\"id\", \(both), 3]")
        guard case .on? = mixed else {
            Issue.record("a condition among names is not used: \(String(describing: mixed))")
            return
        }
        #expect(mixedReports == ["MOL2012 3"])
    }

    @Test func typeErrorsNameBothTypes() throws {
        let diagnostic = try #require(
            compile("db.table(\"orders\").where(col(\"status\") > 100)\n", catalog: SemanticTestSupport.demoCatalog)
                .diagnostics.first)
        #expect(diagnostic.message == "cannot compare text with integer")
    }

    /// PySpark's spellings of what Moltres writes another way say what to write, not the closest names.
    @Test func pysparkSpellingsSayWhatToWrite() throws {
        let cases = [
            ("F.col(\"id\")", "write col(\"name\") itself"), ("F.desc(\"id\")", "col(\"name\").desc()"),
            ("F.asc_nulls_last(\"id\")", "col(\"name\").asc_nulls_last()"), ("F.expr(\"id\")", "select_expr"),
            ("F.nvl(col(\"id\"), 0)", "F.coalesce"),
        ]
        for (call, advice) in cases {
            let source = "db.table(\"orders\").order_by(\(call))\n"
            let diagnostics = compile(source, catalog: SemanticTestSupport.demoCatalog).diagnostics
            #expect(diagnostics.map(\.code) == [.unknownFunction], "\(call)")
            #expect(diagnostics.first?.message.contains(advice) == true, "\(diagnostics)")
        }
    }
}
