import Foundation

// moltres-bench [suite …] [--repetitions N] [--postgres URL]
// Suites: sqlite, postgres, json, parser, compile, frontend, engine, lsp, cancel (each adds its own file with a `run…Benchmarks` function).
// Run release builds only: `swift run -c release moltres-bench`.

var arguments = Array(CommandLine.arguments.dropFirst())
var repetitions = 31
var postgresURL = ProcessInfo.processInfo.environment["MOLTRES_TEST_POSTGRES_URL"]
var suites: [String] = []
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--repetitions": repetitions = Int(arguments.removeFirst()) ?? repetitions
    case "--postgres": postgresURL = arguments.removeFirst()
    default: suites.append(argument)
    }
}
if suites.isEmpty { suites = ["sqlite", "postgres", "json", "parser"] }
var results: [BenchmarkResult] = []
for suite in suites {
    switch suite {
    case "sqlite": results += try runSQLiteBenchmarks(repetitions: repetitions)
    case "postgres":
        guard let postgresURL else {
            FileHandle.standardError.write(
                Data(
                    "skipping postgres: set MOLTRES_TEST_POSTGRES_URL or pass --postgres URL (scripts/bench-postgres.sh does)\n"
                        .utf8))
            continue
        }
        results += try runPostgresBenchmarks(url: postgresURL, repetitions: repetitions)
    case "json":
        results += try runJSONBenchmarks(repetitions: repetitions)
    case "parser": results += try runParserBenchmarks(repetitions: repetitions)
    case "compile": results += runCompileBenchmarks(repetitions: repetitions)
    case "frontend": results += try runFrontendBenchmarks(repetitions: repetitions)
    case "lsp": results += try runLSPBenchmarks(repetitions: repetitions)
    case "engine": results += try runEngineBenchmarks(repetitions: repetitions, postgresURL: postgresURL)
    case "cancel": results += try runCancelBenchmarks(repetitions: repetitions, postgresURL: postgresURL)
    default:
        FileHandle.standardError.write(Data("unknown or not yet available suite '\(suite)'\n".utf8))
    }
}
printTable(results)
