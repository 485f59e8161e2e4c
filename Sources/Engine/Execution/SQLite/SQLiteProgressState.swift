// The statement timeout: a deadline per statement, and the SQLite progress callback that enforces it.

/// The statement clock the progress handler reads.
final class SQLiteProgressState {
    /// When the running statement must stop; `nil` when there is no timeout.
    ///
    /// The state belongs to one connection, used from one thread at a time, and no access overlaps another, so
    /// its properties are exempt from dynamic exclusivity checks (one runtime call per statement otherwise).
    @exclusivity(unchecked) var deadline: ContinuousClock.Instant?
    /// Set by the progress handler when it interrupted a statement for running too long.
    @exclusivity(unchecked) var timedOut = false

    /// Starts the clock for a new statement.
    @inline(__always)
    func start(timeout: Duration?) {
        timedOut = false
        if let timeout { deadline = ContinuousClock.now.advanced(by: timeout) }
    }
}

/// SQLite's progress callback: returning non-zero interrupts the statement (https://www.sqlite.org/c3ref/progress_handler.html).
func sqliteProgressHandler(_ context: UnsafeMutableRawPointer?) -> Int32 {
    guard let context else { return 0 }
    let state = Unmanaged<SQLiteProgressState>.fromOpaque(context).takeUnretainedValue()
    guard let deadline = state.deadline, ContinuousClock.now >= deadline else { return 0 }
    state.timedOut = true
    return 1
}
