/// The result of `initialize`.
public struct InitializeResult: Codable, Sendable, Hashable {
    /// What the server provides.
    public var capabilities: ServerCapabilities
    /// The server's name and version.
    public var serverInfo: ServerInfo?

    /// Creates a `InitializeResult`.
    public init(capabilities: ServerCapabilities, serverInfo: ServerInfo? = nil) {
        self.capabilities = capabilities
        self.serverInfo = serverInfo
    }
}

/// A server's name and version.
public struct ServerInfo: Codable, Sendable, Hashable {
    /// The name.
    public var name: String
    /// The version.
    public var version: String?

    /// Creates a `ServerInfo`.
    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }
}
