/// The subset of client capabilities the server reads; other members are ignored.
public struct ClientCapabilities: Codable, Sendable, Hashable {
    /// Workspace features.
    public var workspace: WorkspaceClientCapabilities?
    /// Document features.
    public var textDocument: TextDocumentClientCapabilities?
    /// Window features.
    public var window: WindowClientCapabilities?
    /// General features.
    public var general: GeneralClientCapabilities?
    /// Experimental features.
    public var experimental: LSPAny?

    /// Creates a `ClientCapabilities`.
    public init(
        workspace: WorkspaceClientCapabilities? = nil, textDocument: TextDocumentClientCapabilities? = nil,
        window: WindowClientCapabilities? = nil, general: GeneralClientCapabilities? = nil, experimental: LSPAny? = nil
    ) {
        self.workspace = workspace
        self.textDocument = textDocument
        self.window = window
        self.general = general
        self.experimental = experimental
    }
}

/// Workspace features of the client.
public struct WorkspaceClientCapabilities: Codable, Sendable, Hashable {
    /// Supports `workspace/applyEdit`.
    public var applyEdit: Bool?
    /// `workspace/didChangeConfiguration` support.
    public var didChangeConfiguration: DidChangeConfigurationClientCapabilities?
    /// `workspace/didChangeWatchedFiles` support.
    public var didChangeWatchedFiles: DidChangeWatchedFilesClientCapabilities?
    /// Supports workspace folders.
    public var workspaceFolders: Bool?
    /// Supports `workspace/configuration`.
    public var configuration: Bool?

    /// Creates a `WorkspaceClientCapabilities`.
    public init(
        applyEdit: Bool? = nil, didChangeConfiguration: DidChangeConfigurationClientCapabilities? = nil,
        didChangeWatchedFiles: DidChangeWatchedFilesClientCapabilities? = nil, workspaceFolders: Bool? = nil,
        configuration: Bool? = nil
    ) {
        self.applyEdit = applyEdit
        self.didChangeConfiguration = didChangeConfiguration
        self.didChangeWatchedFiles = didChangeWatchedFiles
        self.workspaceFolders = workspaceFolders
        self.configuration = configuration
    }
}

/// `workspace/didChangeConfiguration` support.
public struct DidChangeConfigurationClientCapabilities: Codable, Sendable, Hashable {
    /// Supports dynamic registration.
    public var dynamicRegistration: Bool?

    /// Creates a `DidChangeConfigurationClientCapabilities`.
    public init(dynamicRegistration: Bool? = nil) {
        self.dynamicRegistration = dynamicRegistration
    }
}

/// `workspace/didChangeWatchedFiles` support.
public struct DidChangeWatchedFilesClientCapabilities: Codable, Sendable, Hashable {
    /// Supports dynamic registration.
    public var dynamicRegistration: Bool?
    /// Supports relative patterns.
    public var relativePatternSupport: Bool?

    /// Creates a `DidChangeWatchedFilesClientCapabilities`.
    public init(dynamicRegistration: Bool? = nil, relativePatternSupport: Bool? = nil) {
        self.dynamicRegistration = dynamicRegistration
        self.relativePatternSupport = relativePatternSupport
    }
}

/// Document features of the client.
public struct TextDocumentClientCapabilities: Codable, Sendable, Hashable {
    /// Completion support.
    public var completion: CompletionClientCapabilities?
    /// Hover support.
    public var hover: HoverClientCapabilities?

    /// Creates a `TextDocumentClientCapabilities`.
    public init(completion: CompletionClientCapabilities? = nil, hover: HoverClientCapabilities? = nil) {
        self.completion = completion
        self.hover = hover
    }
}

/// Completion support.
public struct CompletionClientCapabilities: Codable, Sendable, Hashable {
    /// Supports dynamic registration.
    public var dynamicRegistration: Bool?
    /// Item features.
    public var completionItem: CompletionItemClientCapabilities?
    /// Sends `context`.
    public var contextSupport: Bool?

    /// Creates a `CompletionClientCapabilities`.
    public init(
        dynamicRegistration: Bool? = nil, completionItem: CompletionItemClientCapabilities? = nil,
        contextSupport: Bool? = nil
    ) {
        self.dynamicRegistration = dynamicRegistration
        self.completionItem = completionItem
        self.contextSupport = contextSupport
    }
}

/// Completion item features.
public struct CompletionItemClientCapabilities: Codable, Sendable, Hashable {
    /// Supports snippets.
    public var snippetSupport: Bool?
    /// Supports commit characters.
    public var commitCharactersSupport: Bool?
    /// Documentation formats, preferred first.
    public var documentationFormat: [MarkupKind]?
    /// Supports deprecation.
    public var deprecatedSupport: Bool?
    /// Supports preselect.
    public var preselectSupport: Bool?
    /// Supports label details.
    public var labelDetailsSupport: Bool?

    /// Creates a `CompletionItemClientCapabilities`.
    public init(
        snippetSupport: Bool? = nil, commitCharactersSupport: Bool? = nil, documentationFormat: [MarkupKind]? = nil,
        deprecatedSupport: Bool? = nil, preselectSupport: Bool? = nil, labelDetailsSupport: Bool? = nil
    ) {
        self.snippetSupport = snippetSupport
        self.commitCharactersSupport = commitCharactersSupport
        self.documentationFormat = documentationFormat
        self.deprecatedSupport = deprecatedSupport
        self.preselectSupport = preselectSupport
        self.labelDetailsSupport = labelDetailsSupport
    }
}

/// Hover support.
public struct HoverClientCapabilities: Codable, Sendable, Hashable {
    /// Supports dynamic registration.
    public var dynamicRegistration: Bool?
    /// Formats, preferred first.
    public var contentFormat: [MarkupKind]?

    /// Creates a `HoverClientCapabilities`.
    public init(dynamicRegistration: Bool? = nil, contentFormat: [MarkupKind]? = nil) {
        self.dynamicRegistration = dynamicRegistration
        self.contentFormat = contentFormat
    }
}

/// Window features of the client.
public struct WindowClientCapabilities: Codable, Sendable, Hashable {
    /// Supports server-initiated progress.
    public var workDoneProgress: Bool?
    /// Present when the client answers `window/showMessageRequest`.
    public var showMessage: ShowMessageRequestClientCapabilities?

    /// Creates a `WindowClientCapabilities`.
    public init(workDoneProgress: Bool? = nil, showMessage: ShowMessageRequestClientCapabilities? = nil) {
        self.workDoneProgress = workDoneProgress
        self.showMessage = showMessage
    }
}

/// How the client shows `window/showMessageRequest` questions.
public struct ShowMessageRequestClientCapabilities: Codable, Sendable, Hashable {
    /// Capabilities of the buttons.
    public var messageActionItem: MessageActionItemCapabilities?

    /// Creates a `ShowMessageRequestClientCapabilities`.
    public init(messageActionItem: MessageActionItemCapabilities? = nil) {
        self.messageActionItem = messageActionItem
    }
}

/// What the client supports of `MessageActionItem`.
public struct MessageActionItemCapabilities: Codable, Sendable, Hashable {
    /// Whether extra properties of an action item are sent back to the server.
    public var additionalPropertiesSupport: Bool?

    /// Creates a `MessageActionItemCapabilities`.
    public init(additionalPropertiesSupport: Bool? = nil) {
        self.additionalPropertiesSupport = additionalPropertiesSupport
    }
}

/// General features of the client.
public struct GeneralClientCapabilities: Codable, Sendable, Hashable {
    /// Position encodings, preferred first; UTF-16 when absent.
    public var positionEncodings: [PositionEncodingKind]?

    /// Creates a `GeneralClientCapabilities`.
    public init(positionEncodings: [PositionEncodingKind]? = nil) {
        self.positionEncodings = positionEncodings
    }
}

/// The unit of ``Position/character``.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct PositionEncodingKind: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: String

    /// Wraps a raw value.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// UTF-8 code units (bytes).
    public static let utf8 = PositionEncodingKind(rawValue: "utf-8")

    /// UTF-16 code units (the default).
    public static let utf16 = PositionEncodingKind(rawValue: "utf-16")

    /// Unicode scalars.
    public static let utf32 = PositionEncodingKind(rawValue: "utf-32")
}
