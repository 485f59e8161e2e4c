import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Timestamps of the diagnostics path, for profiling: with `MOLTRES_LSP_TRACE=<file>` the server appends one line
/// per published version (`version`, then `label=milliseconds` since the edit arrived on the read thread) to the
/// file. Off, each mark is one load of a constant.
enum DiagnosticsTrace {
    /// The file lines are appended to, if tracing is on.
    static let path: String? = ProcessInfo.processInfo.environment["MOLTRES_LSP_TRACE"]
    private static let marks = Protected<[Int: [(String, UInt64)]]>([:])

    /// The monotonic clock in nanoseconds.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Records `label` for `version` now.
    static func mark(_ version: Int, _ label: String) {
        guard path != nil else { return }
        let time = now()
        marks.withLock { $0[version, default: []].append((label, time)) }
    }

    /// Writes the marks of `version` as one line and forgets them.
    static func flush(_ version: Int) {
        guard let path else { return }
        guard let recorded = marks.withLock({ $0.removeValue(forKey: version) }), let first = recorded.first
        else { return }
        var line = "v\(version)"
        for (label, time) in recorded {
            line += String(format: " %@=%.2f", label, Double(time - first.1) / 1e6)
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
