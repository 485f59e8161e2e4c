/// Parameters of `$/cancelRequest`.
public struct CancelParams: Codable, Sendable, Hashable {
    /// The request to cancel.
    public var id: RequestID

    /// Creates a `CancelParams`.
    public init(id: RequestID) {
        self.id = id
    }
}

/// Parameters of `$/setTrace`.
public struct SetTraceParams: Codable, Sendable, Hashable {
    /// The new setting.
    public var value: TraceValue

    /// Creates a `SetTraceParams`.
    public init(value: TraceValue) {
        self.value = value
    }
}

/// Parameters of `$/logTrace`.
public struct LogTraceParams: Codable, Sendable, Hashable {
    /// The message.
    public var message: String
    /// Details, when tracing is verbose.
    public var verbose: String?

    /// Creates a `LogTraceParams`.
    public init(message: String, verbose: String? = nil) {
        self.message = message
        self.verbose = verbose
    }
}
