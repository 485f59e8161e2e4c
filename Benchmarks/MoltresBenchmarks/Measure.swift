import Foundation
import Moltres

/// One line of the benchmark table: our code against a raw baseline measured in the same run.
struct BenchmarkResult {
    /// What was measured, e.g. "sqlite point query".
    var name: String
    /// Median nanoseconds per operation through Moltres.
    var moltresNanoseconds: Double
    /// Median nanoseconds per operation through the raw baseline (C calls, or another library).
    var baselineNanoseconds: Double
    /// What the baseline is, e.g. "raw libsqlite3".
    var baselineName: String
    /// How many operations one repetition performs (rows for a fetch), to report throughput.
    var operationsPerRepetition: Int = 1
    /// Peak resident set size during the Moltres run, when measured.
    var peakResidentBytes: Int? = nil
    /// Free-form note printed after the row (the target, say).
    var note: String = ""

    /// Moltres time over baseline time: 1.05 means 5 % slower than the baseline.
    var ratio: Double { moltresNanoseconds / baselineNanoseconds }
}

/// Runs `body` `repetitions` times after `warmup` untimed runs and returns each run's wall time in nanoseconds.
func measure(repetitions: Int, warmup: Int = 3, _ body: () throws -> Void) rethrows -> [Double] {
    for _ in 0..<warmup { try body() }
    var samples: [Double] = []
    samples.reserveCapacity(repetitions)
    for _ in 0..<repetitions {
        let start = benchmarkClock()
        try body()
        samples.append(Double(benchmarkClock() - start))
    }
    return samples
}

/// The clock benchmarks read: wall time, or with `MOLTRES_BENCH_CLOCK=thread` this thread's CPU time.
///
/// On a shared machine the thread clock leaves out time the scheduler gave to other processes; it only fits
/// benchmarks whose work all runs on the calling thread (SQLite in process, not a PostgreSQL server).
private let useThreadClock = ProcessInfo.processInfo.environment["MOLTRES_BENCH_CLOCK"] == "thread"

/// Nanoseconds on the clock ``useThreadClock`` selects.
func benchmarkClock() -> UInt64 {
    guard useThreadClock else { return DispatchTime.now().uptimeNanoseconds }
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Runs the two bodies alternately (A, B, A, B, …) so drift in machine load hits both equally,
/// and returns the median nanoseconds of each.
func measurePair(
    repetitions: Int, warmup: Int = 3, moltres: () throws -> Void, baseline: () throws -> Void
) rethrows -> (moltres: Double, baseline: Double) {
    for _ in 0..<warmup {
        try moltres()
        try baseline()
    }
    var moltresSamples: [Double] = []
    var baselineSamples: [Double] = []
    for _ in 0..<repetitions {
        var start = benchmarkClock()
        try moltres()
        moltresSamples.append(Double(benchmarkClock() - start))
        start = benchmarkClock()
        try baseline()
        baselineSamples.append(Double(benchmarkClock() - start))
    }
    return (median(moltresSamples), median(baselineSamples))
}

/// The row count of a fetch benchmark: `default`, or `MOLTRES_BENCH_ROWS` when set (fewer rows, to profile under
/// callgrind in reasonable time; the table's row names still say 1M).
func benchmarkRowCount(default rows: Int) -> Int {
    ProcessInfo.processInfo.environment["MOLTRES_BENCH_ROWS"].flatMap { Int($0) }.map { max(1, $0) } ?? rows
}

/// The median of a non-empty sample.
func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Resets the kernel's peak-RSS counter for this process (Linux: `echo 5 > /proc/self/clear_refs`), after
/// giving the heap that earlier benchmarks freed back to the system (`malloc_trim`), so a peak measured next is
/// that benchmark's own and not the memory an earlier `collect` left in malloc's free lists.
func resetPeakResidentSize() {
    #if canImport(Glibc)
        // `malloc_trim` is in <malloc.h>, which the Glibc module does not export; look it up (RTLD_DEFAULT).
        if let symbol = dlsym(nil, "malloc_trim") {
            _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
        }
    #endif
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// The peak resident set size of this process since start or the last reset (Linux `VmHWM`), in bytes.
func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.split(separator: " ").dropFirst().first { Int($0) != nil }
        return (digits.flatMap { Int($0) } ?? 0) * 1024
    }
    return 0
}

/// Prints results as a Markdown table.
func printTable(_ results: [BenchmarkResult]) {
    print("| benchmark | Moltres | baseline | baseline is | ratio | peak RSS | note |")
    print("|---|---|---|---|---|---|---|")
    for result in results {
        let rss = result.peakResidentBytes.map { String(format: "%.1f MiB", Double($0) / 1_048_576) } ?? ""
        print(
            "| \(result.name) | \(formatDuration(result.moltresNanoseconds, result.operationsPerRepetition)) | "
                + "\(formatDuration(result.baselineNanoseconds, result.operationsPerRepetition)) | "
                + "\(result.baselineName) | \(String(format: "%.3f×", result.ratio)) | \(rss) | \(result.note) |"
        )
    }
}

private func formatDuration(_ nanoseconds: Double, _ operations: Int) -> String {
    if operations > 1 {
        let perSecond = Double(operations) / (nanoseconds / 1e9)
        return String(format: "%.2f ms (%.2f M rows/s)", nanoseconds / 1e6, perSecond / 1e6)
    }
    if nanoseconds < 10_000 { return String(format: "%.2f µs", nanoseconds / 1e3) }
    return String(format: "%.3f ms", nanoseconds / 1e6)
}

/// ``valueChecksum(_:)`` of a borrowed value: the same number for the same value.
@inline(__always)
func referenceChecksum(_ value: DatabaseValueRef) -> Int {
    switch value {
    case .null: return 0
    case .integer(let integer): return Int(truncatingIfNeeded: integer)
    case .real(let real): return Int(real)
    case .text(let bytes): return bytes.count
    case .blob(let bytes): return bytes.count
    case .boolean(let boolean): return boolean ? 1 : 0
    }
}

/// Folds a value into a checksum the raw baselines compute the same way (text and blobs by byte count).
@inline(__always)
func valueChecksum(_ value: DatabaseValue) -> Int {
    switch value {
    case .null: return 0
    case .integer(let integer): return Int(truncatingIfNeeded: integer)
    case .real(let real): return Int(real)
    case .text(let text): return text.utf8.count
    case .blob(let bytes): return bytes.count
    case .boolean(let boolean): return boolean ? 1 : 0
    }
}
