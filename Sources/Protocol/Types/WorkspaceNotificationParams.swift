/// Parameters of `workspace/didChangeConfiguration`.
public struct DidChangeConfigurationParams: Codable, Sendable, Hashable {
    /// The settings.
    public var settings: LSPAny

    /// Creates a `DidChangeConfigurationParams`.
    public init(settings: LSPAny) {
        self.settings = settings
    }
}

/// Parameters of `workspace/didChangeWatchedFiles`.
public struct DidChangeWatchedFilesParams: Codable, Sendable, Hashable {
    /// The changes.
    public var changes: [FileEvent]

    /// Creates a `DidChangeWatchedFilesParams`.
    public init(changes: [FileEvent]) {
        self.changes = changes
    }
}

/// A watched file changed.
public struct FileEvent: Codable, Sendable, Hashable {
    /// The file.
    public var uri: DocumentUri
    /// What happened.
    public var type: FileChangeType

    /// Creates a `FileEvent`.
    public init(uri: DocumentUri, type: FileChangeType) {
        self.uri = uri
        self.type = type
    }
}

/// What happened to a watched file.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct FileChangeType: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Created.
    public static let created = FileChangeType(rawValue: 1)

    /// Changed.
    public static let changed = FileChangeType(rawValue: 2)

    /// Deleted.
    public static let deleted = FileChangeType(rawValue: 3)
}

/// Parameters of `workspace/configuration`.
public struct ConfigurationParams: Codable, Sendable, Hashable {
    /// The sections asked for.
    public var items: [ConfigurationItem]

    /// Creates a `ConfigurationParams`.
    public init(items: [ConfigurationItem]) {
        self.items = items
    }
}

/// One configuration section asked for.
public struct ConfigurationItem: Codable, Sendable, Hashable {
    /// The scope.
    public var scopeUri: DocumentUri?
    /// The section, e.g. `moltres`.
    public var section: String?

    /// Creates a `ConfigurationItem`.
    public init(scopeUri: DocumentUri? = nil, section: String? = nil) {
        self.scopeUri = scopeUri
        self.section = section
    }
}
