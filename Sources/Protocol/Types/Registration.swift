/// One capability the server registers dynamically.
///
/// [Specification](https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/#client_registerCapability)
public struct Registration: Codable, Sendable, Hashable {
    /// An id the server picks, for unregistering later.
    public var id: String
    /// The method the registration is for, e.g. `workspace/didChangeWatchedFiles`.
    public var method: String
    /// The method's registration options.
    public var registerOptions: LSPAny?

    /// Creates a `Registration`.
    public init(id: String, method: String, registerOptions: LSPAny? = nil) {
        self.id = id
        self.method = method
        self.registerOptions = registerOptions
    }
}

/// The parameters of `client/registerCapability`.
public struct RegistrationParams: Codable, Sendable, Hashable {
    /// The registrations.
    public var registrations: [Registration]

    /// Creates a `RegistrationParams`.
    public init(registrations: [Registration]) {
        self.registrations = registrations
    }
}

/// The registration options of `workspace/didChangeWatchedFiles`: which files the client watches for the server.
public struct DidChangeWatchedFilesRegistrationOptions: Codable, Sendable, Hashable {
    /// The watchers.
    public var watchers: [FileSystemWatcher]

    /// Creates a `DidChangeWatchedFilesRegistrationOptions`.
    public init(watchers: [FileSystemWatcher]) {
        self.watchers = watchers
    }
}

/// A glob of files to watch.
public struct FileSystemWatcher: Codable, Sendable, Hashable {
    /// The glob, e.g. `**/moltres.toml`.
    public var globPattern: String
    /// Which events to report: a bit set of create (1), change (2) and delete (4); all when absent.
    public var kind: Int?

    /// Creates a `FileSystemWatcher`.
    public init(globPattern: String, kind: Int? = nil) {
        self.globPattern = globPattern
        self.kind = kind
    }
}
