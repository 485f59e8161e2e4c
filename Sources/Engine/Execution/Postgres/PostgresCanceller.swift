import CPostgres
import Foundation

/// Cancels the statement running on a ``PostgresConnection`` from any thread, with `PQcancel`.
///
/// It owns a `PGcancel` object (`PQgetCancel`), freed with `PQfreeCancel` in `deinit`
/// or when the connection closes, after which ``cancel()`` does nothing.
/// See https://www.postgresql.org/docs/current/libpq-cancel.html:
/// "PQcancel can safely be invoked from a signal handler" and is thread-safe for a given `PGcancel`,
/// while the connection object itself is not.
public final class PostgresCanceller: QueryCanceller, @unchecked Sendable {
    private let lock = NSLock()
    private var handle: OpaquePointer?
    private let state: PostgresCancelState

    init(connection: OpaquePointer, state: PostgresCancelState) {
        self.handle = PQgetCancel(connection)
        self.state = state
    }

    deinit {
        if let handle { PQfreeCancel(handle) }
    }

    /// Asks the server to cancel the statement running now; it then fails with `.cancelled`.
    ///
    /// Does nothing when no statement runs or the connection is closed.
    public func cancel() {
        lock.lock()
        defer { lock.unlock() }
        guard let handle else { return }
        state.markRequested()
        var errorBuffer = [CChar](repeating: 0, count: 256)
        // A failure to deliver the request (the server is gone) leaves nothing to cancel.
        _ = PQcancel(handle, &errorBuffer, Int32(errorBuffer.count))
    }

    /// Frees the cancel object; called by the connection when it closes.
    /// Points the canceller at the new backend after the connection was re-established.
    func reconnect(to connection: OpaquePointer) {
        lock.lock()
        defer { lock.unlock() }
        guard let handle else { return }
        PQfreeCancel(handle)
        self.handle = PQgetCancel(connection)
    }

    func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        if let handle { PQfreeCancel(handle) }
        handle = nil
    }
}

/// Whether a cancel was requested since the current statement started, shared between a connection
/// and its cancellers so a cancelled statement reports `.cancelled` even when the server's message is localized.
final class PostgresCancelState: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false

    /// Records a cancel request.
    func markRequested() {
        lock.lock()
        requested = true
        lock.unlock()
    }

    /// Whether a cancel was requested; `reset` clears the flag.
    func wasRequested(reset: Bool = false) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let value = requested
        if reset { requested = false }
        return value
    }
}
