import Testing

@testable import Moltres

@Suite struct FormatterTests {
    @Test(arguments: [
        ("x=1\n", "x = 1\n"),
        ("x  =  f( a ,b,how = \"left\" )\n", "x = f(a, b, how=\"left\")\n"),
        ("y = a+b*-c**2\n", "y = a + b * -c ** 2\n"),
        ("z = ( a>1 )&( b<2 )\n", "z = (a > 1) & (b < 2)\n"),
        ("d = {\"k\" :v,**e}\n", "d = {\"k\": v, **e}\n"),
        ("t = (1 ,)\n", "t = (1,)\n"),
        ("l = [1,2,]\n", "l = [1, 2]\n"),
        ("f(*args, ** kw)\n", "f(*args, **kw)\n"),
        ("from  moltres   import col ,lit\n", "from moltres import col, lit\n"),
        ("import moltres  as  m\n", "import moltres as m\n"),
        ("x = ~ a\n", "x = ~a\n"),
        ("x = 'single' \"implicit\"\n", "x = 'single' \"implicit\"\n"),
        ("x = 1 # note\n", "x = 1  # note\n"),
        ("x = 1\n\n\n\n\ny = 2\n", "x = 1\n\n\ny = 2\n"),
        ("\n\n# head\n\nx = 1", "# head\n\nx = 1\n"),
        (
            "with db.transaction( ) as t :\n  t.commit( )\n\n\n\n  t.rollback()\n",
            "with db.transaction() as t:\n    t.commit()\n\n    t.rollback()\n"
        ),
        ("x = db.table(\"t\")\n    .where(a)\n", "x = db.table(\"t\").where(a)\n"),
        ("", ""),
        ("# only\n", "# only\n"),
        // CRLF files stay CRLF (every line, comments too); a lone CRLF later in an LF file does not switch.
        ("x=1\r\n# c\r\ny  =  2\r\n", "x = 1\r\n# c\r\ny = 2\r\n"),
        ("x=1\ny=2\r\n", "x = 1\ny = 2\n"),
    ])
    func layout(input: String, expected: String) {
        check(input, formatted: expected)
    }

    @Test func longChainsBreakOneStepPerLine() {
        let input = """
            result = db.table("orders").select().where(col("amount") > 100).group_by("country").agg(F.sum(col("amount")).alias("total")).order_by(col("total").desc()).limit(10)

            """
        check(
            input,
            formatted: """
                result = (
                    db.table("orders")
                    .select()
                    .where(col("amount") > 100)
                    .group_by("country")
                    .agg(F.sum(col("amount")).alias("total"))
                    .order_by(col("total").desc())
                    .limit(10)
                )

                """)
    }

    @Test func longConditionsBreakBeforeEachOperator() {
        let input = """
            big = orders.where((col("amount") > 100) & (col("status") != "cancelled") & col("email").is_not_null() & (col("country") == "DE"))
            total = col("amount") * 1.19 + col("shipping") * 1.07 + col("handling_fee") - col("discount") - col("voucher_amount")

            """
        check(
            input,
            formatted: """
                big = orders.where(
                    (col("amount") > 100)
                    & (col("status") != "cancelled")
                    & col("email").is_not_null()
                    & (col("country") == "DE"),
                )
                total = (
                    col("amount") * 1.19
                    + col("shipping") * 1.07
                    + col("handling_fee")
                    - col("discount")
                    - col("voucher_amount")
                )

                """)
    }

    @Test func longCallsPutOneArgumentPerLine() {
        check(
            "db.insert(\"customers\", [{\"id\": 1, \"name\": \"Ada Lovelace\", \"active\": True}, {\"id\": 2, \"name\": \"Grace Hopper\"}])\n",
            formatted: """
                db.insert(
                    "customers",
                    [
                        {"id": 1, "name": "Ada Lovelace", "active": True},
                        {"id": 2, "name": "Grace Hopper"},
                    ],
                )

                """)
    }

    @Test func commentsInsideChainsStayInPlace() {
        let input = """
            # Newest big orders.
            recent = (
                db.table("orders")  # the source
                # keep the big ones
                .where(col("amount") > 100)

                .order_by(col("created_at").desc())  # newest first
                .limit(5)
            )  # end
            x = f(  # why
                1,
                # before two
                2,  # after two
            )

            """
        check(
            input,
            formatted: """
                # Newest big orders.
                recent = (
                    db.table("orders")  # the source
                    # keep the big ones
                    .where(col("amount") > 100)
                    .order_by(col("created_at").desc())  # newest first
                    .limit(5)
                )  # end
                x = f(  # why
                    1,
                    # before two
                    2,  # after two
                )

                """)
    }

    @Test func commentsWhereTheLayoutHasNoBreakKeepTheStatementAsWritten() {
        let input = "x = (a +  # why\n    b)\ny  =  2\n"
        check(input, formatted: "x = (a +  # why\n    b)\ny = 2\n")
    }

    @Test func refusesFilesWithSyntaxErrors() {
        let tree = parse("x = f(1,\ny = 2\n").tree
        #expect(format(tree) == nil)
        guard case .failure(let reason) = SourceFormatter.format(tree) else {
            Issue.record("formatted a broken file")
            return
        }
        #expect(reason.description.contains("syntax error"))
    }

    @Test func formattingKeepsEveryCommentAndIsIdempotentOnGeneratedPipelines() {
        for text in BenchmarkCorpus.pipelines(count: 60) {
            let tree = parse(text).tree
            guard let once = format(tree) else {
                Issue.record("refused: \(tree.diagnostics)")
                continue
            }
            #expect(format(parse(once).tree) == once)
            #expect(comments(of: tree) == comments(of: parse(once).tree))
        }
    }
}

/// Realistic generated pipelines, shared by the formatter tests (the benchmark has its own copy).
enum BenchmarkCorpus {
    static func pipelines(count: Int) -> [String] {
        (0..<count).map { index in
            let table = ["orders", "customers", "products", "events"][index % 4]
            return """
                # Pipeline \(index)
                p\(index) = (
                    db.table("\(table)")  # source
                    .select("id", "amount", "country")
                    .where((col("amount") > \(index)) & (col("country") != "XX"))
                    # group
                    .group_by("country")
                    .agg(F.sum(col("amount")).alias("total"), F.count("*").alias("n"))
                    .order_by(col("total").desc())
                    .limit(\(index + 1))
                )
                p\(index).collect()  # run it

                """
        }
    }
}
