import Testing

@testable import Moltres

/// The Swift API builds the expected plan expressions.
@Suite struct DataFrameAPITests {
    static let amount = Expression.column(ColumnReference("amount"))

    /// (built column, expected expression)
    static let expressions: [(Column, Expression)] = [
        (col("amount") > 100, .binary(.greaterThan, amount, .literal(100))),
        (100 - col("amount"), .binary(.subtract, .literal(100), amount)),
        (col("amount") == nil, .binary(.equal, amount, .literal(.null))),
        ((col("amount") % 2).alias("m"), .alias(.binary(.modulo, amount, .literal(2)), "m")),
        ((-col("amount")).alias("n"), .alias(.unary(.negate, amount), "n")),
        (col("amount").is_null().alias("x"), .alias(.isNull(amount, negated: false), "x")),
        (col("amount").alias("a").alias("b"), .alias(amount, "b")),
        (!(col("amount") > 1), .unary(.not, .binary(.greaterThan, amount, .literal(1)))),
        (col("t.amount"), .column(ColumnReference("amount", qualifier: "t"))),
        (
            when(col("amount") > 1, "big"),
            .caseWhen([WhenClause(.binary(.greaterThan, amount, .literal(1)), .literal("big"))], else: nil)
        ),
        (col("amount").desc(), .sortOrder(SortKey(amount, .descending))),
        (
            F.sum(col("amount")).over(Window.partitionBy("status").orderBy(col("amount").desc()).rowsBetween(-1, 1)),
            .window(
                .function(FunctionCall(BuiltinFunction.named("sum")!, [amount])),
                WindowSpecification(
                    partitionBy: [.column(ColumnReference("status"))], orderBy: [SortKey(amount, .descending)],
                    frame: WindowFrame(.rows, start: .preceding(1), end: .following(1))))
        ),
        (
            F.count().filter(col("amount") > 1),
            .function(
                FunctionCall(
                    BuiltinFunction.named("count")!, [], filter: .binary(.greaterThan, amount, .literal(1))))
        ),
    ]

    @Test func expressionsAreBuilt() {
        for (column, expected) in Self.expressions { #expect(column.expression == expected) }
    }

    @Test func snakeAndCamelCaseBuildTheSamePlan() {
        let orders = DataFrame.table("orders")
        #expect(
            orders.with_column("x", lit(1)).order_by("x").plan == orders.withColumn("x", lit(1)).orderBy("x").plan)
        #expect(orders.group_by("status").agg(F.count()).plan == orders.groupBy("status").agg(F.count()).plan)
    }

    @Test func offlinePreviewKeepsUnknownColumns() throws {
        let frame = DataFrame.table("events").select("*", (col("n") * 2).alias("double")).where(col("kind") == "x")
        let statement = try frame.sql(dialect: SQLiteDialect(), catalog: .empty)
        #expect(
            statement.text
                == #"SELECT "events".*, "events"."n" * ? AS "double" FROM "events" WHERE "events"."kind" = ?"#)
    }

    @Test func buildErrorsSurfaceOnActions() {
        let frame = DataFrame.table("orders").limit(-1)
        #expect(throws: PlanError.self) { try frame.sql(dialect: SQLiteDialect()) }
    }
}

/// SQL-like expression strings (`select_expr`, `where("…")`), as data: text → expected expression or error.
@Suite struct ExpressionTextTests {
    static let amount = Expression.column(ColumnReference("amount"))

    static let cases: [(String, Expression?)] = [
        ("amount * 2 AS double_amount", .alias(.binary(.multiply, amount, .literal(2)), "double_amount")),
        ("amount >= -1.5", .binary(.greaterThanOrEqual, amount, .literal(-1.5))),
        ("t.amount IS NOT NULL", .isNull(.column(ColumnReference("amount", qualifier: "t")), negated: true)),
        (
            "name NOT LIKE 'a''b%'",
            .match(PatternMatch(.column(ColumnReference("name")), .like, .literal("a'b%"), negated: true))
        ),
        ("count(*)", .function(FunctionCall(BuiltinFunction.named("count")!, []))),
        (
            "COUNT(DISTINCT amount) n",
            .alias(.function(FunctionCall(BuiltinFunction.named("count_distinct")!, [amount])), "n")
        ),
        (
            "\"we ird\" = 1 OR NOT amount < 2",
            .binary(
                .or, .binary(.equal, .column(ColumnReference("we ird")), .literal(1)),
                .unary(.not, .binary(.lessThan, amount, .literal(2))))
        ),
        ("amount IN ()", .inList(amount, [], negated: false)),
        (
            "CASE WHEN amount > 100 THEN 'big' WHEN amount IS NULL THEN NULL ELSE 'small' END AS size",
            .alias(
                .caseWhen(
                    [
                        WhenClause(.binary(.greaterThan, amount, .literal(100)), .literal("big")),
                        WhenClause(.isNull(amount, negated: false), .literal(.null)),
                    ], else: .literal("small")), "size")
        ),
        (
            "case status when 'paid' then 1 end",
            .caseWhen(
                [WhenClause(.binary(.equal, .column(ColumnReference("status")), .literal("paid")), .literal(1))],
                else: nil)
        ),
        ("CAST(amount AS INTEGER) whole", .alias(.cast(amount, CastTarget(.integer)), "whole")),
        ("cast(amount as decimal(10, 2))", .cast(amount, CastTarget(.decimal, precision: 10, scale: 2))),
        ("CASE WHEN amount > 1 THEN 2", nil),
        ("CASE END", nil),
        ("CAST(amount AS nonsense)", nil),
        ("CAST(amount INTEGER)", nil),
        ("no_such_function(amount)", nil),
        ("'unterminated", nil),
        ("amount >", nil),
        ("amount; DROP TABLE t", nil),
    ]

    @Test func parsing() {
        for (text, expected) in Self.cases {
            let parsed = try? ExpressionText.parse(text)
            #expect(parsed == expected, "\(text)")
        }
    }

    /// Nesting past the language parser's limit is an error naming it, not a stack overflow (100,000 brackets
    /// crashed `moltres check`); the message quotes the start of the expression only.
    @Test func deepNestingIsAnError() {
        let deep = [
            String(repeating: "(", count: 100_000) + "amount" + String(repeating: ")", count: 100_000),
            String(repeating: "-", count: 100_000) + "amount", String(repeating: "NOT ", count: 100_000) + "amount",
            String(repeating: "CASE WHEN ", count: 20_000), String(repeating: "upper(", count: 20_000),
        ]
        for text in deep {
            #expect {
                try ExpressionText.parse(text)
            } throws: { error in
                let message = "\(error)"
                return message.contains("nested more than 256 levels") && message.count < 300
            }
        }
        let limit = String(repeating: "(", count: 200) + "amount" + String(repeating: ")", count: 200)
        #expect((try? ExpressionText.parse(limit)) == .column(ColumnReference("amount")))
    }

    /// Token soup (keywords, operators, brackets, literals, unterminated pieces) never stops the process: each
    /// string parses or throws. Deep nesting is bounded by the length (at most 200 tokens).
    @Test func tokenSoupParsesOrThrows() {
        let vocabulary = [
            "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "AS", "(", ")", ",", "amount", "t.x", "\"q\"", "'s'", "'",
            "1", "2.5e3", "-", "+", "*", "/", "%", "||", "=", "<>", "<=", "NOT", "AND", "OR", "IS", "NULL", "IN",
            "BETWEEN", "LIKE", "decimal(10,2)", "INTEGER", "count", "upper", "DISTINCT", "*", ".", "TRUE",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var parsed = 0
        for _ in 0..<20_000 {
            let text = (0..<(1 + next(200))).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " ")
            if (try? ExpressionText.parse(text)) != nil { parsed += 1 }
        }
        // Most soup is not an expression; some is (a lone name, a literal).
        #expect(parsed < 20_000)
    }
}

@Suite struct SwiftValueOperandTests {
    @Test func variablesBecomeParameters() throws {
        let minimum = 100
        let status = "paid"
        let ratio = 0.5
        let frame = DataFrame.table("orders").where((col("amount") > minimum) & (col("status") == status))
            .select((col("amount") * ratio).alias("half"), (minimum - col("amount")).alias("rest"))
        let statement = try frame.sql(dialect: SQLiteDialect(), catalog: ShopCatalog.catalog)
        #expect(statement.parameters == [0.5, 100, 100, "paid"])
    }
}

/// The README's example, compiled (run by the execution tests once a driver is present).
func readmeExample() throws {
    let db = try Database.connect("sqlite:///shop.db")
    let totals = db.table("orders")
        .where(col("amount") > 100)
        .groupBy("status")
        .agg(sum(col("amount")).alias("total"), F.count().alias("n"))
        .where(col("total") > 1_000)
        .orderBy(col("total").desc())
    print(try totals.sql().prettyText)
    print(try totals.sql(dialect: PostgresDialect()).text)
    _ = try totals.collect()
    try totals.stream { row in print(row) }
    try db.createTable("audit", columns: [column("id", "INTEGER", primaryKey: true), column("note", "TEXT")])
    try db.insert("audit", rows: [["id": 1, "note": "hello"]])
    try db.update("products", where: col("category") == "audio", set: ["price": col("price") * 2])
    try db.merge("audit", rows: [["id": 1, "note": "again"]], on: ["id"], whenMatched: ["note": excluded("note")])
    try db.transaction { db in try db.delete("audit", where: col("id") == 1) }
    _ = F.round(F.avg(col("x")), scale: 2)
    _ = F.row_number().over(Window.partitionBy("k").orderBy(col("t").desc()))
}
