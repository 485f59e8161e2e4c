/// Parameters of `workspace/executeCommand`.
public struct ExecuteCommandParams: Codable, Sendable, Hashable {
    /// The command identifier.
    public var command: String
    /// The arguments.
    public var arguments: [LSPAny]?

    /// Creates a `ExecuteCommandParams`.
    public init(command: String, arguments: [LSPAny]? = nil) {
        self.command = command
        self.arguments = arguments
    }
}
