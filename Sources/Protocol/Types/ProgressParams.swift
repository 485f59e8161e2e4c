/// `ProgressToken`: an integer or a string.
public typealias ProgressToken = IntegerOrString

/// Parameters of `window/workDoneProgress/create`.
public struct WorkDoneProgressCreateParams: Codable, Sendable, Hashable {
    /// The token for the progress.
    public var token: ProgressToken

    /// Creates a `WorkDoneProgressCreateParams`.
    public init(token: ProgressToken) {
        self.token = token
    }
}

/// Parameters of `$/progress` for work-done progress.
public struct ProgressParams: Codable, Sendable, Hashable {
    /// The token.
    public var token: ProgressToken
    /// Begin, report or end.
    public var value: WorkDoneProgress

    /// Creates a `ProgressParams`.
    public init(token: ProgressToken, value: WorkDoneProgress) {
        self.token = token
        self.value = value
    }
}

/// Starts progress (`kind: "begin"`).
public struct WorkDoneProgressBegin: Codable, Sendable, Hashable {
    /// The title.
    public var title: String
    /// Whether the user can cancel.
    public var cancellable: Bool?
    /// Detail.
    public var message: String?
    /// 0–100.
    public var percentage: Int?

    /// Creates a `WorkDoneProgressBegin`.
    public init(title: String, cancellable: Bool? = nil, message: String? = nil, percentage: Int? = nil) {
        self.title = title
        self.cancellable = cancellable
        self.message = message
        self.percentage = percentage
    }
}

/// Reports progress (`kind: "report"`).
public struct WorkDoneProgressReport: Codable, Sendable, Hashable {
    /// Whether the user can cancel.
    public var cancellable: Bool?
    /// Detail.
    public var message: String?
    /// 0–100.
    public var percentage: Int?

    /// Creates a `WorkDoneProgressReport`.
    public init(cancellable: Bool? = nil, message: String? = nil, percentage: Int? = nil) {
        self.cancellable = cancellable
        self.message = message
        self.percentage = percentage
    }
}

/// Ends progress (`kind: "end"`).
public struct WorkDoneProgressEnd: Codable, Sendable, Hashable {
    /// A final message.
    public var message: String?

    /// Creates a `WorkDoneProgressEnd`.
    public init(message: String? = nil) {
        self.message = message
    }
}
