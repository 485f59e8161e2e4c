import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Timestamps of the diagnostics path, for profiling: with `MOLTRES_LSP_TRACE=<file>` the server appends one line
/// per published version to the file: `v<version>`, then `label=milliseconds` since the edit arrived on the read
/// thread, and for the marks made on the analysis queue after `started`, `/cpu` milliseconds of that thread's CPU
/// time since `started` (wall time well above CPU time is waiting, not work). Off, each mark is one load of a
/// constant.
enum DiagnosticsTrace {
    /// The file lines are appended to, if tracing is on.
    static let path: String? = ProcessInfo.processInfo.environment["MOLTRES_LSP_TRACE"]
    private static let marks = Protected<[Int: [(label: String, wall: UInt64, cpu: UInt64)]]>([:])

    /// A clock in nanoseconds.
    static func now(_ clock: clockid_t = CLOCK_MONOTONIC) -> UInt64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Records `label` for `version` now.
    static func mark(_ version: Int, _ label: String) {
        guard path != nil else { return }
        let time = now()
        let cpu = now(CLOCK_THREAD_CPUTIME_ID)
        marks.withLock { $0[version, default: []].append((label, time, cpu)) }
    }

    /// Writes the marks of `version` as one line and forgets them.
    static func flush(_ version: Int) {
        guard let path else { return }
        guard let recorded = marks.withLock({ $0.removeValue(forKey: version) }), let first = recorded.first
        else { return }
        var line = "v\(version)"
        var started: UInt64?
        for (label, wall, cpu) in recorded {
            line += String(format: " %@=%.2f", label, Double(wall - first.wall) / 1e6)
            if let started { line += String(format: "/%.2f", Double(cpu &- started) / 1e6) }
            if label == "started" { started = cpu }
        }
        line += "\n"
        if let handle = FileHandle(forWritingAtPath: path)
            ?? {
                _ = FileManager.default.createFile(atPath: path, contents: nil)
                return FileHandle(forWritingAtPath: path)
            }()
        {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            handle.closeFile()
        }
    }
}
