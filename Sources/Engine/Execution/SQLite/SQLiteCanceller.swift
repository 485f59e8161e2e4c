import CSQLite
import Foundation

/// Interrupts the statement running on a SQLite connection, from any thread, with `sqlite3_interrupt`.
///
/// The connection invalidates its canceller before it closes the database handle,
/// so calling ``cancel()`` after the connection is gone does nothing.
///
/// - Important: `sqlite3_interrupt` may be called from another thread, but "it is not safe to call this routine
///   with a database connection that is closed or might close before sqlite3_interrupt() returns"
///   (https://www.sqlite.org/c3ref/interrupt.html); the lock makes invalidation and interruption exclusive.
final class SQLiteCanceller: QueryCanceller, @unchecked Sendable {
    private let lock = NSLock()
    private var handle: OpaquePointer?

    /// Creates a canceller for a connection handle.
    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// Interrupts the running statement; it fails with a `.cancelled` error. Does nothing when none runs.
    func cancel() {
        lock.lock()
        defer { lock.unlock() }
        if let handle { sqlite3_interrupt(handle) }
    }

    /// Forgets the handle; called by the connection before it closes.
    func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        handle = nil
    }
}
