/// Parameters of `initialize`.
public struct InitializeParams: Codable, Sendable, Hashable {
    /// The client's process id.
    public var processId: Int?
    /// The client's name and version.
    public var clientInfo: ClientInfo?
    /// The UI locale.
    public var locale: String?
    /// Deprecated root path.
    public var rootPath: String?
    /// Deprecated root URI; use `workspaceFolders`.
    public var rootUri: DocumentUri?
    /// Server settings from the client.
    public var initializationOptions: LSPAny?
    /// What the client supports.
    public var capabilities: ClientCapabilities
    /// The initial trace setting.
    public var trace: TraceValue?
    /// The workspace folders.
    public var workspaceFolders: [WorkspaceFolder]?

    /// Creates a `InitializeParams`.
    public init(
        processId: Int? = nil, clientInfo: ClientInfo? = nil, locale: String? = nil, rootPath: String? = nil,
        rootUri: DocumentUri? = nil, initializationOptions: LSPAny? = nil, capabilities: ClientCapabilities,
        trace: TraceValue? = nil, workspaceFolders: [WorkspaceFolder]? = nil
    ) {
        self.processId = processId
        self.clientInfo = clientInfo
        self.locale = locale
        self.rootPath = rootPath
        self.rootUri = rootUri
        self.initializationOptions = initializationOptions
        self.capabilities = capabilities
        self.trace = trace
        self.workspaceFolders = workspaceFolders
    }
}

/// A client's name and version.
public struct ClientInfo: Codable, Sendable, Hashable {
    /// The name.
    public var name: String
    /// The version.
    public var version: String?

    /// Creates a `ClientInfo`.
    public init(name: String, version: String? = nil) {
        self.name = name
        self.version = version
    }
}

/// A workspace folder.
public struct WorkspaceFolder: Codable, Sendable, Hashable {
    /// The folder.
    public var uri: DocumentUri
    /// Its display name.
    public var name: String

    /// Creates a `WorkspaceFolder`.
    public init(uri: DocumentUri, name: String) {
        self.uri = uri
        self.name = name
    }
}

/// How much the server traces with `$/logTrace`.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct TraceValue: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: String

    /// Wraps a raw value.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Nothing.
    public static let off = TraceValue(rawValue: "off")

    /// Messages.
    public static let messages = TraceValue(rawValue: "messages")

    /// Messages with details.
    public static let verbose = TraceValue(rawValue: "verbose")
}
