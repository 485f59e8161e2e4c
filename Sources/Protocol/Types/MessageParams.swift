/// Parameters of `window/logMessage`.
public struct LogMessageParams: Codable, Sendable, Hashable {
    /// The level.
    public var type: MessageType
    /// The text.
    public var message: String

    /// Creates a `LogMessageParams`.
    public init(type: MessageType, message: String) {
        self.type = type
        self.message = message
    }
}

/// Parameters of `window/showMessage`.
public struct ShowMessageParams: Codable, Sendable, Hashable {
    /// The level.
    public var type: MessageType
    /// The text.
    public var message: String

    /// Creates a `ShowMessageParams`.
    public init(type: MessageType, message: String) {
        self.type = type
        self.message = message
    }
}

/// Parameters of `window/showMessageRequest`.
public struct ShowMessageRequestParams: Codable, Sendable, Hashable {
    /// The level.
    public var type: MessageType
    /// The question.
    public var message: String
    /// The buttons.
    public var actions: [MessageActionItem]?

    /// Creates a `ShowMessageRequestParams`.
    public init(type: MessageType, message: String, actions: [MessageActionItem]? = nil) {
        self.type = type
        self.message = message
        self.actions = actions
    }
}

/// A button of `window/showMessageRequest`; also its result.
public struct MessageActionItem: Codable, Sendable, Hashable {
    /// The title.
    public var title: String

    /// Creates a `MessageActionItem`.
    public init(title: String) {
        self.title = title
    }
}

/// The level of a shown or logged message.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct MessageType: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// An error.
    public static let error = MessageType(rawValue: 1)

    /// A warning.
    public static let warning = MessageType(rawValue: 2)

    /// Information.
    public static let info = MessageType(rawValue: 3)

    /// A log line.
    public static let log = MessageType(rawValue: 4)

    /// Debug output (3.18).
    public static let debug = MessageType(rawValue: 5)
}
