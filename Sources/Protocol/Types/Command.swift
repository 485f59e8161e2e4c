/// A command the client can run, such as `moltres.runQuery`.
public struct Command: Codable, Sendable, Hashable {
    /// The title shown.
    public var title: String
    /// The command identifier.
    public var command: String
    /// The arguments.
    public var arguments: [LSPAny]?

    /// Creates a `Command`.
    public init(title: String, command: String, arguments: [LSPAny]? = nil) {
        self.title = title
        self.command = command
        self.arguments = arguments
    }
}
