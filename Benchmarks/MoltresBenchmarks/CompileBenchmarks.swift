import Foundation
import Moltres

// Compile latency: parsing the pipeline's `.moltres` text, building its plan with the DataFrame API and generating
// its SQL (dialect tables applied, parameters collected), against building an equivalent SQL string by hand with
// string concatenation. Until the binder lowers syntax trees into plans, the plan is built through the Swift API
// after the parse, so the measured time is parse + plan + SQL.

private let compileCatalog: Catalog = {
    func column(_ name: String, _ type: String, nullable: Bool = false) -> ColumnInfo {
        ColumnInfo(name: name, declaredType: type, isNullable: nullable)
    }
    return Catalog(
        kind: .sqlite, defaultSchema: "main",
        tables: [
            TableInfo(
                name: "customers",
                columns: [
                    column("id", "INTEGER"), column("name", "TEXT"), column("email", "TEXT", nullable: true),
                    column("country", "TEXT"), column("active", "BOOLEAN"), column("created_at", "DATE"),
                ]),
            TableInfo(
                name: "products",
                columns: [
                    column("id", "INTEGER"), column("name", "TEXT"), column("category", "TEXT"),
                    column("price", "REAL"),
                    column("stock", "INTEGER"),
                ]),
            TableInfo(
                name: "orders",
                columns: [
                    column("id", "INTEGER"), column("customer_id", "INTEGER"), column("status", "TEXT"),
                    column("amount", "REAL"), column("ordered_at", "TIMESTAMP"),
                ]),
            TableInfo(
                name: "order_items",
                columns: [
                    column("order_id", "INTEGER"), column("product_id", "INTEGER"), column("quantity", "INTEGER"),
                    column("unit_price", "REAL"),
                ]),
        ])
}()

/// One reference pipeline: the DataFrame it builds and the hand-written SQL string of the baseline.
private struct CompileCase: Sendable {
    var name: String
    var source: String
    var build: @Sendable () -> DataFrame
    var handWritten: @Sendable (Int) -> (String, [DatabaseValue])
}

private let compileCases: [CompileCase] = [
    CompileCase(
        name: "filter+select",
        source: "db.table(\"orders\").where(col(\"amount\") > 100).select(\"id\", \"amount\")",
        build: { DataFrame.table("orders").where(col("amount") > 100).select("id", "amount") },
        handWritten: { value in
            (
                "SELECT " + quote("orders") + "." + quote("id") + ", " + quote("orders") + "." + quote("amount")
                    + " FROM " + quote("orders") + " WHERE " + quote("orders") + "." + quote("amount") + " > ?",
                [.integer(Int64(value))]
            )
        }),
    CompileCase(
        name: "join+group_by+agg",
        source:
            "db.table(\"orders\").join(db.table(\"customers\"), on=[col(\"orders.customer_id\") == col(\"customers.id\")]).group_by(\"country\").agg(F.sum(col(\"amount\")).alias(\"total\"), F.count(\"*\").alias(\"n\"))",
        build: {
            DataFrame.table("orders").join(
                DataFrame.table("customers"), on: col("orders.customer_id") == col("customers.id")
            ).groupBy("country").agg(F.sum(col("amount")).alias("total"), F.count("*").alias("n"))
        },
        handWritten: { _ in
            var sql =
                "SELECT " + quote("customers") + "." + quote("country") + ", sum(" + quote("orders") + "."
                + quote("amount") + ") AS " + quote("total") + ", count(*) AS " + quote("n")
            sql +=
                " FROM " + quote("orders") + " JOIN " + quote("customers") + " ON " + quote("orders") + "."
                + quote("customer_id") + " = " + quote("customers") + "." + quote("id")
            sql += " GROUP BY " + quote("customers") + "." + quote("country")
            return (sql, [])
        }),
    CompileCase(
        name: "window row_number/lag",
        source:
            "db.table(\"orders\").select(col(\"id\"), F.row_number().over(partition_by=\"customer_id\", order_by=col(\"ordered_at\")).alias(\"rn\"), F.lag(col(\"amount\")).over(partition_by=\"customer_id\", order_by=col(\"ordered_at\")).alias(\"previous\"))",
        build: {
            DataFrame.table("orders").select(
                col("id"), F.row_number().over(partitionBy: ["customer_id"], orderBy: [col("ordered_at")]).alias("rn"),
                F.lag(col("amount")).over(partitionBy: ["customer_id"], orderBy: [col("ordered_at")]).alias("previous"))
        },
        handWritten: { _ in
            let window =
                " OVER (PARTITION BY " + quote("orders") + "." + quote("customer_id") + " ORDER BY " + quote("orders")
                + "." + quote("ordered_at") + " ASC)"
            return (
                "SELECT " + quote("orders") + "." + quote("id") + ", row_number()" + window + " AS " + quote("rn")
                    + ", lag(" + quote("orders") + "." + quote("amount") + ", ?)" + window
                    + " AS " + quote("previous") + " FROM " + quote("orders"), [.integer(1)]
            )
        }),
    CompileCase(
        name: "CTE",
        source:
            "db.table(\"orders\").where(col(\"status\") == \"paid\").cte(\"paid\").group_by(\"customer_id\").agg(F.sum(col(\"amount\")).alias(\"total\"))",
        build: {
            DataFrame.table("orders").where(col("status") == "paid").cte("paid").groupBy("customer_id").agg(
                F.sum(col("amount")).alias("total"))
        },
        handWritten: { _ in
            var sql =
                "WITH " + quote("paid") + " AS (SELECT * FROM " + quote("orders") + " WHERE " + quote("orders") + "."
                + quote("status") + " = ?) "
            sql +=
                "SELECT " + quote("paid") + "." + quote("customer_id") + ", sum(" + quote("paid") + "."
                + quote("amount") + ") AS " + quote("total") + " FROM " + quote("paid")
            sql += " GROUP BY " + quote("paid") + "." + quote("customer_id")
            return (sql, [.text("paid")])
        }),
    CompileCase(
        name: "case/when",
        source:
            "db.table(\"orders\").select(col(\"id\"), F.when(col(\"amount\") > 1000, \"large\").when(col(\"amount\") > 100, \"medium\").otherwise(\"small\").alias(\"size\"))",
        build: {
            DataFrame.table("orders").select(
                col("id"),
                F.when(col("amount") > 1000, "large").when(col("amount") > 100, "medium").otherwise("small").alias(
                    "size"))
        },
        handWritten: { _ in
            (
                "SELECT " + quote("orders") + "." + quote("id") + ", CASE WHEN " + quote("orders") + "."
                    + quote("amount") + " > ? THEN ? WHEN " + quote("orders") + "." + quote("amount") + " > ? THEN ? "
                    + "ELSE ? END AS " + quote("size") + " FROM " + quote("orders"),
                [.integer(1000), .text("large"), .integer(100), .text("medium"), .text("small")]
            )
        }),
    CompileCase(
        name: "order+limit",
        source: "db.table(\"orders\").order_by(col(\"amount\").desc(), col(\"id\")).limit(10)",
        build: { DataFrame.table("orders").orderBy(col("amount").desc(), col("id")).limit(10) },
        handWritten: { _ in
            (
                "SELECT * FROM " + quote("orders") + " ORDER BY " + quote("orders") + "." + quote("amount") + " DESC, "
                    + quote("orders") + "." + quote("id") + " ASC LIMIT ?", [.integer(10)]
            )
        }),
    CompileCase(
        name: "5-way join",
        source:
            "db.table(\"order_items\").join(db.table(\"orders\"), on=[col(\"order_items.order_id\") == col(\"orders.id\")]).join(db.table(\"products\"), on=[col(\"order_items.product_id\") == col(\"products.id\")]).join(db.table(\"customers\"), on=[col(\"orders.customer_id\") == col(\"customers.id\")]).join(db.table(\"customers\").alias(\"c2\"), on=[col(\"c2.id\") == col(\"customers.id\")]).select(col(\"orders.id\"), col(\"products.name\").alias(\"product\"), col(\"customers.name\").alias(\"customer\"))",
        build: {
            DataFrame.table("order_items")
                .join(DataFrame.table("orders"), on: col("order_items.order_id") == col("orders.id"))
                .join(DataFrame.table("products"), on: col("order_items.product_id") == col("products.id"))
                .join(DataFrame.table("customers"), on: col("orders.customer_id") == col("customers.id"))
                .join(DataFrame.table("customers").alias("c2"), on: col("c2.id") == col("customers.id"))
                .select(
                    col("orders.id"), col("products.name").alias("product"), col("customers.name").alias("customer"))
        },
        handWritten: { _ in
            var sql =
                "SELECT " + quote("orders") + "." + quote("id") + ", " + quote("products") + "." + quote("name")
                + " AS " + quote("product") + ", " + quote("customers") + "." + quote("name") + " AS "
                + quote("customer")
            sql +=
                " FROM " + quote("order_items") + " JOIN " + quote("orders") + " ON " + quote("order_items") + "."
                + quote("order_id") + " = " + quote("orders") + "." + quote("id")
            sql +=
                " JOIN " + quote("products") + " ON " + quote("order_items") + "." + quote("product_id") + " = "
                + quote("products") + "." + quote("id")
            sql +=
                " JOIN " + quote("customers") + " ON " + quote("orders") + "." + quote("customer_id") + " = "
                + quote("customers") + "." + quote("id")
            sql +=
                " JOIN " + quote("customers") + " AS " + quote("c2") + " ON " + quote("c2") + "." + quote("id") + " = "
                + quote("customers") + "." + quote("id")
            return (sql, [])
        }),
    CompileCase(
        name: "30-step chain",
        source: thirtyStepSource,
        build: {
            var frame = DataFrame.table("orders").where(col("amount") > 10)
            for step in 0..<28 {
                switch step % 4 {
                case 0: frame = frame.withColumn("c\(step)", col("amount") + DatabaseValue.integer(Int64(step)))
                case 1: frame = frame.where(col("c\(step - 1)") > 5)
                case 2: frame = frame.withColumnRenamed("c\(step - 2)", "r\(step)")
                default: frame = frame.drop("r\(step - 1)")
                }
            }
            return frame.orderBy(col("id")).limit(20)
        },
        handWritten: { _ in
            var sql =
                "SELECT " + quote("orders") + "." + quote("id") + ", " + quote("orders") + "." + quote("customer_id")
                + ", " + quote("orders") + "." + quote("status") + ", " + quote("orders") + "." + quote("amount") + ","
            sql +=
                " " + quote("orders") + "." + quote("ordered_at") + " FROM " + quote("orders") + " WHERE "
                + quote("orders") + "." + quote("amount") + " > ?"
            var parameters: [DatabaseValue] = [.integer(10)]
            for step in stride(from: 0, to: 28, by: 4) {
                sql += " AND " + quote("orders") + "." + quote("amount") + " + ? > ?"
                parameters += [.integer(Int64(step)), .integer(5)]
            }
            sql += " ORDER BY " + quote("orders") + "." + quote("id") + " ASC LIMIT ?"
            parameters.append(.integer(20))
            return (sql, parameters)
        }),
]

/// The 30-step chain as `.moltres` text, one step per line.
private let thirtyStepSource: String = {
    var lines = ["chain = (db.table(\"orders\").where(col(\"amount\") > 10)"]
    for step in 0..<28 {
        switch step % 4 {
        case 0: lines.append("    .with_column(\"c\(step)\", col(\"amount\") + \(step))")
        case 1: lines.append("    .where(col(\"c\(step - 1)\") > 5)")
        case 2: lines.append("    .with_column_renamed(\"c\(step - 2)\", \"r\(step)\")")
        default: lines.append("    .drop(\"r\(step - 1)\")")
        }
    }
    lines.append("    .order_by(col(\"id\")).limit(20))")
    return lines.joined(separator: "\n") + "\n"
}()

/// Quotes an identifier the way a careful hand-written builder would (the baseline's only help).
private func quote(_ name: String) -> String {
    if !name.utf8.contains(UInt8(ascii: "\"")) { return "\"" + name + "\"" }
    return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// Runs the compile-latency suite: per pipeline, DataFrame construction plus `generateSQL` against the
/// hand-concatenated string, and the geometric mean.
func runCompileBenchmarks(repetitions: Int) -> [BenchmarkResult] {
    let dialect = SQLiteDialect()
    let iterations = 200
    var results: [BenchmarkResult] = []
    var logSum = 0.0
    for compileCase in compileCases {
        var sink = 0
        let timing = measurePair(
            repetitions: repetitions,
            moltres: {
                for _ in 0..<iterations {
                    let parsed = parse(compileCase.source)
                    let statement = try! generateSQL(
                        for: compileCase.build().plan, dialect: dialect, catalog: compileCatalog)
                    sink &+= statement.text.utf8.count &+ statement.parameters.count &+ parsed.diagnostics.count
                }
            },
            baseline: {
                for index in 0..<iterations {
                    let (sql, parameters) = compileCase.handWritten(index)
                    sink &+= sql.utf8.count &+ parameters.count
                }
            })
        precondition(sink != 0)
        let moltres = timing.moltres / Double(iterations)
        logSum += log(moltres)
        results.append(
            BenchmarkResult(
                name: "compile \(compileCase.name)", moltresNanoseconds: moltres,
                baselineNanoseconds: timing.baseline / Double(iterations), baselineName: "string concatenation",
                note: compileCase.name == "30-step chain" ? "parse + plan + SQL; target ≤ 100 µs" : "parse + plan + SQL"
            ))
    }
    let geometricMean = exp(logSum / Double(compileCases.count))
    let baselineMean = exp(
        results.map { log($0.baselineNanoseconds) }.reduce(0, +) / Double(results.count))
    results.append(
        BenchmarkResult(
            name: "compile geomean (8 pipelines)", moltresNanoseconds: geometricMean, baselineNanoseconds: baselineMean,
            baselineName: "string concatenation", note: "target ≤ 15 µs"))
    return results
}
