import Foundation
import Moltres

/// Front-end benchmarks: `compile` (parse + bind: names, columns, types, plans, diagnostics) of the generated
/// 5,000-line file against a 500-table × 20-column catalog, and of one 10-step pipeline; each against a plain
/// parse of the same text, so the ratio says what binding adds. Targets: 5,000 lines ≤ 20 ms, one pipeline ≤ 10 µs.
///
/// SQL generation per statement (`compile(…, generatesSQL: true)`, the default for `moltres check`) is measured
/// separately: it belongs to the SQL stage's budget.
func runFrontendBenchmarks(repetitions: Int) throws -> [BenchmarkResult] {
    let catalog = frontendBenchmarkCatalog(tables: 500, columns: 20)
    let largeFile = generatedFrontendBenchmarkFile(minimumLines: 5_000)
    let lineCount = largeFile.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    // MOLTRES_PROFILE_SOURCE=<file> replaces the pipeline's text in the profiling loop (MOLTRES_PROFILE_PIPELINE=1),
    // so that the cost of a prefix of the pipeline, or of one step, can be counted on its own.
    let profiledSource = ProcessInfo.processInfo.environment["MOLTRES_PROFILE_SOURCE"].flatMap {
        try? String(contentsOfFile: $0, encoding: .utf8)
    }
    let pipeline =
        "result = db.table(\"orders\").select(\"id\", \"amount\", \"customer_id\").where(col(\"amount\") > 100)"
        + ".join(db.table(\"customers\"), on=[col(\"orders.customer_id\") == col(\"customers.id\")], how=\"left\")"
        + ".group_by(\"customers.country\").agg(F.sum(col(\"orders.amount\")).alias(\"total\"), F.count(\"*\").alias(\"n\"))"
        + ".where(col(\"total\") > 1000).order_by(col(\"total\").desc()).limit(10).collect()\n"

    if ProcessInfo.processInfo.environment["MOLTRES_PROFILE_FILE"] == "1" {
        // A loop of the large-file case only, for `perf record` or callgrind (MOLTRES_PROFILE_ITERATIONS, 100).
        // MOLTRES_PROFILE_SQL=1 adds the SQL check per statement (what `moltres check` and the language server do).
        let iterations = Int(ProcessInfo.processInfo.environment["MOLTRES_PROFILE_ITERATIONS"] ?? "") ?? 100
        let generatesSQL = ProcessInfo.processInfo.environment["MOLTRES_PROFILE_SQL"] == "1"
        for _ in 0..<iterations {
            frontendBlackHole(compile(largeFile, catalog: catalog, generatesSQL: generatesSQL).statements.count)
        }
        return []
    }
    if ProcessInfo.processInfo.environment["MOLTRES_PROFILE_PIPELINE"] == "1" {
        // A loop of the one-pipeline case only, for `perf record`.
        let iterations = Int(ProcessInfo.processInfo.environment["MOLTRES_PROFILE_ITERATIONS"] ?? "") ?? 100_000
        let source = profiledSource ?? pipeline
        for _ in 0..<iterations {
            frontendBlackHole(compile(source, catalog: catalog, generatesSQL: false).statements.count)
        }
        return []
    }
    let check = compile(largeFile, catalog: catalog, generatesSQL: false)
    let errors = check.diagnostics.filter { $0.severity == .error }
    if let error = errors.first {
        throw FrontendBenchmarkError.generatedFileHasErrors("\(errors.count) errors, first: \(error)")
    }
    let checkPipeline = compile(pipeline, catalog: catalog, generatesSQL: false)
    if let error = checkPipeline.diagnostics.first {
        throw FrontendBenchmarkError.generatedFileHasErrors(error.description)
    }

    var results: [BenchmarkResult] = []
    resetPeakResidentSize()
    let large = measurePair(
        repetitions: repetitions,
        moltres: { frontendBlackHole(compile(largeFile, catalog: catalog, generatesSQL: false).statements.count) },
        baseline: { frontendBlackHole(parse(largeFile).tree.tokens.count) })
    results.append(
        BenchmarkResult(
            name: "compile \(lineCount)-line file, 500×20 catalog", moltresNanoseconds: large.moltres,
            baselineNanoseconds: large.baseline, baselineName: "parse only",
            peakResidentBytes: peakResidentBytes(), note: "target: parse + bind ≤ 20 ms"))

    let withSQL = measurePair(
        repetitions: max(5, repetitions / 3),
        moltres: { frontendBlackHole(compile(largeFile, catalog: catalog).statements.count) },
        baseline: { frontendBlackHole(compile(largeFile, catalog: catalog, generatesSQL: false).statements.count) })
    results.append(
        BenchmarkResult(
            name: "compile \(lineCount)-line file + SQL per statement", moltresNanoseconds: withSQL.moltres,
            baselineNanoseconds: withSQL.baseline, baselineName: "compile without SQL",
            note: "`moltres check` reports dialect errors"))

    let single = measurePair(
        repetitions: repetitions * 100, warmup: 100,
        moltres: { frontendBlackHole(compile(pipeline, catalog: catalog, generatesSQL: false).statements.count) },
        baseline: { frontendBlackHole(parse(pipeline).tree.tokens.count) })
    results.append(
        BenchmarkResult(
            name: "compile one 10-step pipeline", moltresNanoseconds: single.moltres,
            baselineNanoseconds: single.baseline, baselineName: "parse only",
            note: "\(microseconds(single.moltres)); target: parse + bind ≤ 10 µs"))
    return results
}

/// `ns` as microseconds with two decimals (the table prints milliseconds, too coarse for one pipeline).
private func microseconds(_ nanoseconds: Double) -> String {
    let hundredths = (nanoseconds / 10).rounded()
    return "\(Int(hundredths) / 100).\(String(Int(hundredths) % 100 + 100).dropFirst()) µs"
}

private enum FrontendBenchmarkError: Error {
    case generatedFileHasErrors(String)
}

@inline(never)
private func frontendBlackHole(_ value: Int) {
    if value == -1 { print("unreachable") }
}

/// A catalog of `tables` tables with `columns` columns each; the first ones are the tables the generated file
/// reads, with the columns it uses.
func frontendBenchmarkCatalog(tables: Int, columns: Int) -> Catalog {
    let used = ["orders", "customers", "products", "events", "invoices", "shipments"]
    var catalog = Catalog(kind: .sqlite)
    for index in 0..<tables {
        let name = index < used.count ? used[index] : "table_\(index)"
        var infos: [ColumnInfo] = [
            ColumnInfo(name: "id", declaredType: "INTEGER", isNullable: false),
            ColumnInfo(name: "amount", declaredType: "REAL"),
            ColumnInfo(name: "country", declaredType: "TEXT"),
            ColumnInfo(name: "status", declaredType: "TEXT"),
            ColumnInfo(name: "created_at", declaredType: "TIMESTAMP"),
            ColumnInfo(name: "note", declaredType: "TEXT"),
            ColumnInfo(name: "flag", declaredType: "BOOLEAN"),
            ColumnInfo(name: "customer_id", declaredType: "INTEGER"),
        ]
        for other in used where other != name { infos.append(ColumnInfo(name: "\(other)_id", declaredType: "INTEGER")) }
        var extra = 0
        while infos.count < columns {
            infos.append(ColumnInfo(name: "column_\(extra)", declaredType: extra % 2 == 0 ? "TEXT" : "INTEGER"))
            extra += 1
        }
        catalog.add(TableInfo(name: name, columns: Array(infos.prefix(max(columns, infos.count)))))
    }
    return catalog
}

/// The parser benchmark's file shape (imports, bindings, multi-line chains with comments, joins, aggregations,
/// windows, mutations and transaction blocks), written so that it binds without errors: every column it uses is
/// selected, and names that both sides of a join have are qualified.
func generatedFrontendBenchmarkFile(minimumLines: Int) -> String {
    let tables = ["orders", "customers", "products", "events", "invoices", "shipments"]
    var text = """
        from moltres import col, lit, connect
        from moltres.expressions import functions as F

        db = connect("sqlite:///shop.db")

        """
    var index = 0
    var lines = 5
    while lines < minimumLines {
        let table = tables[index % tables.count]
        let other = tables[(index + 1) % tables.count]
        let block: String
        switch index % 4 {
        case 0:
            block = """
                # Totals per country, step \(index).
                totals_\(index) = (
                    db.table("\(table)")  # source table
                    .select("id", "amount", "country", "status", "created_at")
                    .where((col("amount") > \(index)) & (col("status") != "cancelled"))
                    .group_by("country")
                    .agg(F.sum(col("amount")).alias("total"), F.count("*").alias("n"))
                    .order_by(col("total").desc())
                    .limit(\(index % 50 + 1))
                )
                totals_\(index).show()


                """
        case 1:
            block = """
                joined_\(index) = db.table("\(table)").select().join(
                    db.table("\(other)").select(), on=[col("\(table).id") == col("\(other).\(table)_id")], how="left"
                )
                ranked_\(index) = joined_\(index).select(
                    col("\(table).id"),
                    F.row_number().over(partition_by=col("\(table).country"), order_by=col("\(other).amount").desc()).alias("rn"),
                    F.when(col("\(table).amount") >= 1_000, lit("large")).otherwise(lit("small")).alias("size"),
                ).where(col("rn") <= 3)

                """
        case 2:
            block = """
                with db.transaction(savepoint=False) as txn_\(index):
                    db.update("\(table)", where=col("id") == \(index), set={"status": "shipped", "flag": True})
                    db.insert("\(other)", [{"id": \(index), "note": 'it\\'s \(index)', "amount": \(index).5}])
                    txn_\(index).commit()

                """
        default:
            block = """
                recent_\(index) = db.table("\(table)").select("id", "created_at")
                    .where(col("created_at").is_not_null())  # leading-dot continuation
                    .order_by(col("created_at").desc())
                    .head(20)
                db.delete("\(table)", where=(col("amount") < 0) | col("id").isin([1, 2, 3]))

                """
        }
        text += block
        lines += block.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        index += 1
    }
    return text
}
