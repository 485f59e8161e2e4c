/// Set when the client sends `$/cancelRequest` for a request; handlers poll it or register a callback.
///
/// - Important: Thread-safe. Callbacks run once, on the thread that cancels (the connection's read thread), or
///   immediately when registered after cancellation; keep them short (for example, interrupt a database query).
public final class CancellationToken: Sendable {
    private let state = Locked<(cancelled: Bool, callbacks: [@Sendable () -> Void])>((false, []))

    /// Creates a token that is not cancelled.
    public init() {}

    /// Whether cancellation was requested.
    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Requests cancellation and runs the registered callbacks (only the first call has an effect).
    public func cancel() {
        let callbacks: [@Sendable () -> Void] = state.withLock { state in
            guard !state.cancelled else { return [] }
            state.cancelled = true
            defer { state.callbacks = [] }
            return state.callbacks
        }
        for callback in callbacks { callback() }
    }

    /// Runs `callback` when cancellation is requested, or now if it already was.
    public func onCancel(_ callback: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state in
            if state.cancelled { return true }
            state.callbacks.append(callback)
            return false
        }
        if runNow { callback() }
    }
}
