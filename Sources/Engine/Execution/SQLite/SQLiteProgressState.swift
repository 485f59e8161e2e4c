// The statement timeout: a deadline per statement, and the SQLite progress callback that enforces it.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The statement clock the progress handler reads.
final class SQLiteProgressState {
    /// When the running statement must stop, in nanoseconds of the monotonic clock (``now()``); 0 for no timeout.
    ///
    /// A plain integer rather than a `ContinuousClock.Instant?`: the standard library's instant is a resilient
    /// type, so every statement paid for its metadata and value-witness calls just to set the deadline.
    ///
    /// The state belongs to one connection, used from one thread at a time, and no access overlaps another, so
    /// its properties are exempt from dynamic exclusivity checks (one runtime call per statement otherwise).
    @exclusivity(unchecked) var deadline: UInt64 = 0
    /// Set by the progress handler when it interrupted a statement for running too long.
    @exclusivity(unchecked) var timedOut = false

    /// Starts the clock for a new statement.
    @inline(__always)
    func start(timeout: Duration?) {
        timedOut = false
        guard let timeout else {
            deadline = 0
            return
        }
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = max(0, seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let total = nanoseconds.overflow ? Int64.max : nanoseconds.partialValue &+ max(0, attoseconds / 1_000_000_000)
        let (sum, overflow) = Self.now().addingReportingOverflow(UInt64(max(0, total)))
        // 0 means "no timeout", so a deadline is at least 1.
        deadline = overflow ? .max : max(1, sum)
    }

    /// Nanoseconds of the monotonic clock.
    @inline(__always)
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}

/// SQLite's progress callback: returning non-zero interrupts the statement (https://www.sqlite.org/c3ref/progress_handler.html).
func sqliteProgressHandler(_ context: UnsafeMutableRawPointer?) -> Int32 {
    guard let context else { return 0 }
    let state = Unmanaged<SQLiteProgressState>.fromOpaque(context).takeUnretainedValue()
    guard state.deadline != 0, SQLiteProgressState.now() >= state.deadline else { return 0 }
    state.timedOut = true
    return 1
}
