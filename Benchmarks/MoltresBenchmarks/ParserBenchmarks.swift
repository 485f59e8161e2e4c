import Foundation
import Moltres

/// Parser benchmarks: a generated 5,000-line file of realistic pipelines and one 10-step pipeline, each against a
/// plain byte scan of the same text (counting line breaks), so the ratio says how many "reads of the file" a parse
/// costs. Targets for the whole front end (parse + bind): 5,000 lines ≤ 20 ms, one 10-step pipeline ≤ 10 µs.
func runParserBenchmarks(repetitions: Int) throws -> [BenchmarkResult] {
    let largeFile = generatedFrontendBenchmarkFile(minimumLines: 5_000)
    let lineCount = largeFile.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    let pipeline =
        "result = db.table(\"orders\").select(\"id\", \"amount\", \"customer_id\").where(col(\"amount\") > 100)"
        + ".join(db.table(\"customers\"), on=[col(\"orders.customer_id\") == col(\"customers.id\")], how=\"left\")"
        + ".group_by(\"country\").agg(F.sum(col(\"amount\")).alias(\"total\"), F.count(\"*\").alias(\"n\"))"
        + ".where(col(\"total\") > 1000).order_by(col(\"total\").desc()).limit(10).collect()\n"
    var results: [BenchmarkResult] = []

    let (check, diagnostics) = parse(largeFile)
    guard diagnostics.isEmpty, check.reconstructedText.count == largeFile.utf8.count else {
        throw ParserBenchmarkError.generatedFileDoesNotParse(diagnostics.first?.description ?? "not lossless")
    }

    resetPeakResidentSize()
    let large = measurePair(
        repetitions: repetitions,
        moltres: { blackHole(parse(largeFile).tree.tokens.count) },
        baseline: { blackHole(countLineBreaks(largeFile)) })
    results.append(
        BenchmarkResult(
            name: "parse \(lineCount)-line file (\(largeFile.utf8.count / 1024) KiB)",
            moltresNanoseconds: large.moltres,
            baselineNanoseconds: large.baseline, baselineName: "byte scan (count newlines)",
            peakResidentBytes: peakResidentBytes(), note: "front-end target: parse + bind ≤ 20 ms"))

    let lexing = measurePair(
        repetitions: repetitions,
        moltres: { blackHole(Lexer.tokenize(SourceText(largeFile)).tokens.count) },
        baseline: { blackHole(countLineBreaks(largeFile)) })
    results.append(
        BenchmarkResult(
            name: "lex \(lineCount)-line file", moltresNanoseconds: lexing.moltres,
            baselineNanoseconds: lexing.baseline,
            baselineName: "byte scan (count newlines)", note: "tokens only"))

    let single = measurePair(
        repetitions: repetitions * 100, warmup: 100,
        moltres: { blackHole(parse(pipeline).tree.tokens.count) },
        baseline: { blackHole(countLineBreaks(pipeline)) })
    results.append(
        BenchmarkResult(
            name: "parse one 10-step pipeline", moltresNanoseconds: single.moltres,
            baselineNanoseconds: single.baseline,
            baselineName: "byte scan (count newlines)", note: "front-end target: parse + bind ≤ 10 µs"))

    let tree = parse(largeFile).tree
    let formatting = measurePair(
        repetitions: max(5, repetitions / 3),
        moltres: { blackHole(format(tree)?.utf8.count ?? 0) },
        baseline: { blackHole(countLineBreaks(largeFile)) })
    results.append(
        BenchmarkResult(
            name: "format \(lineCount)-line file", moltresNanoseconds: formatting.moltres,
            baselineNanoseconds: formatting.baseline, baselineName: "byte scan (count newlines)",
            note: "`moltres fmt`, tree already parsed"))
    return results
}

private enum ParserBenchmarkError: Error {
    case generatedFileDoesNotParse(String)
}

/// The number of line breaks in `text`: the cheapest pass over every byte.
@inline(never)
private func countLineBreaks(_ text: String) -> Int {
    var count = 0
    for byte in text.utf8 where byte == 0x0A { count += 1 }
    return count
}

/// Keeps a value alive so the optimizer cannot drop the work that produced it.
@inline(never)
private func blackHole(_ value: Int) {
    if value == -1 { print("unreachable") }
}
