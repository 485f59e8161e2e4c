import Testing

@testable import Moltres

/// Structural checks of generated SQL, as data: how many SELECT levels a pipeline takes, where values go,
/// how names are quoted, which functions each dialect reports as unsupported.
@Suite struct SQLGenerationTests {
    static let orders = DataFrame.table("orders")

    /// (pipeline, SELECT levels): steps merge into as few levels as SQL allows.
    static let levels: [(String, DataFrame, Int)] = [
        ("filters merge", orders.where(col("amount") > 1).where(col("id") > 2), 1),
        ("select after filter", orders.where(col("amount") > 1).select("id"), 1),
        ("filter after select", orders.select(col("id"), (col("amount") * 2).alias("a2")).where(col("a2") > 4), 1),
        ("having", orders.groupBy("status").agg(F.count().alias("n")).where(col("n") > 1), 1),
        ("project after aggregate", orders.groupBy("status").agg(F.count().alias("n")).select(col("n") * 2), 1),
        ("sort then limit", orders.orderBy("id").limit(3), 1),
        ("limit then sort", orders.limit(3).orderBy("id"), 2),
        ("filter after limit", orders.limit(3).where(col("id") > 1), 2),
        ("filter on window", orders.withColumn("r", F.rank().over(orderBy: [col("amount")])).where(col("r") < 3), 2),
        (
            "window over window",
            orders.withColumn("r", F.rank().over(orderBy: [col("amount")])).withColumn("s", F.sum(col("r")).over()), 2
        ),
        (
            "aggregate after aggregate", orders.groupBy("status").agg(F.count().alias("n")).groupBy("n").agg(F.count()),
            2
        ),
        ("limits merge", orders.limit(10).limit(5).offset(2), 1),
        (
            "where after join",
            orders.join(DataFrame.table("customers"), on: col("orders.customer_id") == col("customers.id")).where(
                col("customers.country") == "DE"), 1
        ),
        ("distinct then limit", orders.select("status").distinct().limit(2), 1),
        ("order by a column the select dropped", orders.select("id").orderBy(col("amount").desc()), 1),
    ]

    @Test func selectLevels() throws {
        for (name, frame, expected) in Self.levels {
            let text = try frame.sql(dialect: SQLiteDialect(), catalog: ShopCatalog.catalog).text
            let count = text.components(separatedBy: "SELECT ").count - 1
            #expect(count == expected, "\(name): \(text)")
        }
    }

    /// Hostile identifiers are quoted, hostile values bound: nothing reaches the SQL text unquoted.
    static let hostile = [
        "x\"; DROP TABLE orders; --", "a'b", "-- comment", "/* c */", "semi;colon", "nul\u{0}byte", "ünïcødé 表",
        "\"", "''", "Robert'); DROP TABLE students;--",
    ]

    @Test func hostileIdentifiersAndValues() throws {
        for payload in Self.hostile {
            let frame = DataFrame.table(payload).where(col(payload) == DatabaseValue.text(payload)).select(
                col(payload).alias(payload))
            for dialect in [SQLiteDialect(), PostgresDialect()] as [any Dialect] {
                if payload.contains("\u{0}") {
                    // SQL text is a C string: a NUL in a name is refused, never truncated.
                    #expect(throws: PlanError.self) { try frame.sql(dialect: dialect, catalog: .empty) }
                    continue
                }
                let statement = try frame.sql(dialect: dialect, catalog: .empty)
                let quoted = "\"" + payload.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                #expect(statement.text.contains(quoted))
                #expect(statement.parameters == [.text(payload)])
                // Removing every quoted identifier leaves no trace of the payload.
                #expect(
                    !statement.text.replacingOccurrences(of: quoted, with: "").contains(payload) || payload.count < 3)
            }
        }
    }

    /// A name the database cannot take is MOL4003 naming it and saying why (it read "a name is empty, longer than
    /// the database allows, or contains a NUL …" whatever the name was).
    @Test func aRefusedNameIsNamedInTheError() throws {
        let long = String(repeating: "column_", count: 10)
        let cases: [(DataFrame, any Dialect, String)] = [
            (
                DataFrame.table("t").select(col(long)), PostgresDialect(),
                "the name 'column_column_column_column_column_colum…' is 70 bytes, longer than postgresql allows "
                    + "(63 at most); it would be cut short silently, so use a shorter name"
            ),
            (
                DataFrame.table("t").select(col("nul\u{0}byte")), SQLiteDialect(),
                "the name 'nul\\0byte' contains a NUL character (U+0000), which no database allows in a name"
            ),
            (
                DataFrame.table("").select(col("x")), PostgresDialect(),
                "a name is empty: postgresql cannot name a table or column with the empty string"
            ),
        ]
        for (frame, dialect, message) in cases {
            let error = try #require(throws: PlanError.self) { try frame.sql(dialect: dialect, catalog: .empty) }
            #expect(error.code == "MOL4003")
            #expect(error.message == message)
        }
        // The long name is fine where names have no limit.
        #expect(
            try DataFrame.table("t").select(col(long)).sql(dialect: SQLiteDialect(), catalog: .empty).text.contains(
                long))
    }

    @Test func placeholders() throws {
        let frame = Self.orders.where((col("amount") > 5) & (col("id") != 5) & (col("status") == "x"))
        let sqlite = try frame.sql(dialect: SQLiteDialect(), catalog: ShopCatalog.catalog)
        #expect(sqlite.text.components(separatedBy: "?").count - 1 == 3)
        #expect(sqlite.parameters == [5, 5, "x"])
        let postgres = try frame.sql(dialect: PostgresDialect(), catalog: ShopCatalog.catalog)
        // Equal values share a number, so repeated expressions stay textually equal.
        #expect(postgres.text.contains("$1") && postgres.text.contains("$2") && !postgres.text.contains("$3"))
        #expect(postgres.parameters == [5, "x"])
    }

    /// Every registry function either renders or reports MOL4001/MOL3xxx for each dialect; never a crash.
    @Test func everyFunctionRendersOrIsReported() throws {
        var unsupported: [String: [String]] = [:]
        for dialect in [SQLiteDialect(), PostgresDialect()] as [any Dialect] {
            for function in BuiltinFunction.all where function.kind != .special {
                let arguments = (0..<function.minimumArguments).map { index -> Expression in
                    if function.name == "date_trunc" && index == 0 { return .literal("month") }
                    if function.name == "date_format" && index == 1 { return .literal("yyyy-MM-dd") }
                    if function.name.hasPrefix("date_") && index == 1 { return .literal("1 day") }
                    if function.name.hasPrefix("percentile_") && index == 1 { return .literal(0.5) }
                    // A column of the kind the parameter takes (orders: amount real, status text, ordered_at
                    // timestamp).
                    switch function.argumentKind(at: index) {
                    case .text?: return .column(ColumnReference("status"))
                    case .time?: return .column(ColumnReference("ordered_at"))
                    default: return .column(ColumnReference(index == 0 ? "amount" : "id"))
                    }
                }
                var expression = Expression.function(FunctionCall(function, arguments))
                if function.kind == .window { expression = .window(expression, WindowSpecification()) }
                let frame = Self.orders.select(Column(.alias(expression, "v")))
                do {
                    _ = try frame.sql(dialect: dialect, catalog: ShopCatalog.catalog)
                } catch let error as PlanError {
                    #expect(error.code == "MOL4001", "\(function.name) on \(dialect.name): \(error)")
                    unsupported[dialect.name, default: []].append(function.name)
                }
            }
        }
        // Every function renders on both: sha1, crc32 and soundex are written in SQL on PostgreSQL.
        #expect(unsupported["sqlite"] == nil)
        #expect(unsupported["postgresql"] == nil)
    }

    /// A seed a dialect cannot take is MOL4001 naming the use, not the function ("rand with a seed()" read oddly).
    @Test func seedsTheDialectCannotTakeAreNamedAsSuch() throws {
        let cases: [(DataFrame, any Dialect, String)] = [
            (Self.orders.sample(0.5, seed: 3), SQLiteDialect(), "sample with a seed is not supported on sqlite"),
            (
                Self.orders.select(F.rand(seed: 3).alias("r")), SQLiteDialect(),
                "rand with a seed is not supported on sqlite"
            ),
            (
                Self.orders.select(F.rand(seed: 3).alias("r")), PostgresDialect(),
                "rand with a seed is not supported on postgresql"
            ),
        ]
        for (frame, dialect, message) in cases {
            let error = try #require(throws: PlanError.self) {
                try frame.sql(dialect: dialect, catalog: ShopCatalog.catalog)
            }
            #expect(error.code == "MOL4001")
            #expect(error.message == message)
        }
    }

    /// Arguments of the wrong kind are MOL2012 before any SQL runs, with what to write instead (PostgreSQL refused
    /// them only when the query ran; SQLite computed something).
    @Test func functionArgumentsOfTheWrongKindAreMOL2012() throws {
        let cases: [(Column, String)] = [
            (F.sqrt(col("status")), #"sqrt() takes a number, got text; convert it with .cast("double")"#),
            (F.upper(col("id")), #"upper() takes text, got integer; convert it with .cast("string")"#),
            (
                F.substring(col("ordered_at"), 1, len: 7),
                #"substring() takes text, got timestamp; format it with F.date_format(…) or .cast("string")"#
            ),
            (
                F.year(col("id")),
                "year() takes a date or timestamp, got integer; seconds since 1970 become a timestamp with "
                    + "F.from_unixtime(…)"
            ),
            (F.sum(col("status")), #"sum() takes a number, got text; convert it with .cast("double")"#),
            (F.from_unixtime(col("ordered_at")), "from_unixtime() takes a number, got timestamp"),
            (
                F.avg(col("amount") > 100),
                #"avg() takes a number, got boolean; count the true ones with .cast("int")"#
            ),
        ]
        for (column, message) in cases {
            for dialect in [SQLiteDialect(), PostgresDialect()] as [any Dialect] {
                let error = try #require(throws: PlanError.self) {
                    try Self.orders.select(column.alias("v")).sql(dialect: dialect, catalog: ShopCatalog.catalog)
                }
                #expect(error.code == "MOL2012")
                #expect(error.message == message)
            }
        }
        // What fits: numbers of every kind, text and JSON text, ISO text for dates, and unknown types.
        for column in [
            F.sqrt(col("id")), F.round(col("amount"), scale: 1), F.upper(col("status")), F.year(col("ordered_at")),
            F.month(lit("2024-01-05")),
        ] {
            _ = try Self.orders.select(column.alias("v")).sql(dialect: SQLiteDialect(), catalog: ShopCatalog.catalog)
        }
        // Without a catalog every column's type is unknown, and fits.
        _ = try DataFrame.table("t").select(F.upper(col("x")).alias("v")).sql(dialect: SQLiteDialect(), catalog: .empty)
    }

    /// A percentile's fraction is a literal from 0 to 1 on both databases (a column compiled and failed only when
    /// the query ran on PostgreSQL).
    @Test func aPercentileFractionMustBeALiteralFromZeroToOne() {
        SemanticTestSupport.check(
            "db.table(\"orders\").agg(F.percentile_cont(col(\"amount\"), col(\"id\")))\n", ["MOL3007"])
        SemanticTestSupport.check("db.table(\"orders\").agg(F.percentile_disc(col(\"amount\"), 1.5))\n", ["MOL3007"])
        SemanticTestSupport.check("db.table(\"orders\").agg(F.percentile_cont(col(\"amount\"), 0.25))\n", [])
        SemanticTestSupport.check("db.table(\"orders\").agg(F.percentile_disc(col(\"amount\"), 1))\n", [])
    }

    /// PostgreSQL's percentiles are ordered-set aggregates, which take no OVER: MOL4001, not the database's error
    /// when the query runs. SQLite computes them over a window.
    @Test func aPercentileOverAWindowIsMOL4001OnPostgres() throws {
        let frame = Self.orders.select(
            col("id"), F.percentile_cont(col("amount"), 0.5).over(partitionBy: ["status"]).alias("median"))
        let error = try #require(throws: PlanError.self) {
            try frame.sql(dialect: PostgresDialect(), catalog: ShopCatalog.catalog)
        }
        #expect(error.code == "MOL4001")
        #expect(error.message == "percentile_cont over a window is not supported on postgresql")
        #expect(try frame.sql(dialect: SQLiteDialect(), catalog: ShopCatalog.catalog).text.contains("OVER"))
    }

    /// Deep plans and expressions: a chain of 250 steps is generated (on a thread with a large stack: 500 used to
    /// overflow the stack and stop the process), deeper ones are MOL1015, and so is an expression built up through
    /// thousands of steps; never a crash.
    @Test func deepPlansAndExpressionsAreGeneratedOrRefused() throws {
        func chain(_ steps: Int) -> DataFrame {
            (0..<steps).reduce(Self.orders) { frame, index in frame.where(col("id") > index) }
        }
        for dialect in [SQLiteDialect() as any Dialect, PostgresDialect()] {
            let statement = try chain(250).sql(dialect: dialect, catalog: ShopCatalog.catalog)
            #expect(statement.parameters.count == 250)
            for steps in [300, 5_000] {
                #expect {
                    try chain(steps).sql(dialect: dialect, catalog: ShopCatalog.catalog)
                } throws: { error in
                    (error as? PlanError)?.code == "MOL1015"
                }
            }
            let deep = (0..<3_000).reduce(col("id")) { sum, _ in sum + 1 }
            #expect {
                try Self.orders.select(deep.alias("x")).sql(dialect: dialect, catalog: ShopCatalog.catalog)
            } throws: { error in
                (error as? PlanError)?.code == "MOL1015"
            }
        }
    }

    @Test func insertBatchesWithinParameterLimits() throws {
        let rows = (0..<10_000).map { index in (0..<5).map { Expression.literal(.integer(Int64(index * 5 + $0))) } }
        let mutation = MutationPlan.insert(table: TableReference("t"), columns: ["a", "b", "c", "d", "e"], rows: rows)
        let sqlite = try generateSQL(for: mutation, dialect: SQLiteDialect())
        #expect(sqlite.count == 2)
        #expect(sqlite.allSatisfy { $0.parameters.count <= 32766 })
        #expect(sqlite.map(\.parameters.count).reduce(0, +) == 50_000)
        let postgres = try generateSQL(for: mutation, dialect: PostgresDialect())
        #expect(postgres.count == 8)
        #expect(postgres.allSatisfy { $0.parameters.count <= 7000 })
        #expect(postgres[0].text.hasSuffix("($6996, $6997, $6998, $6999, $7000)"))
    }

    @Test func errorsAreValues() {
        #expect(throws: PlanError.self) {
            try Self.orders.select(col("status") + 1).sql(dialect: SQLiteDialect(), catalog: ShopCatalog.catalog)
        }
        #expect(throws: PlanError.self) {
            try Self.orders.select(F.row_number()).sql(dialect: SQLiteDialect(), catalog: ShopCatalog.catalog)
        }
        #expect(throws: PlanError.self) {
            try Self.orders.select(col("amount").cast("NOT_A_TYPE")).sql(
                dialect: SQLiteDialect(), catalog: ShopCatalog.catalog)
        }
        #expect(throws: PlanError.self) {
            try Self.orders.join(Self.orders, on: col("id") == 1, how: "sideways").sql(dialect: SQLiteDialect())
        }
    }
}
