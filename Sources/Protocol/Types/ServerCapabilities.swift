/// What the server provides; absent members mean unsupported.
public struct ServerCapabilities: Codable, Sendable, Hashable {
    /// The negotiated position encoding; UTF-16 when absent.
    public var positionEncoding: PositionEncodingKind?
    /// How documents are synchronised.
    public var textDocumentSync: TextDocumentSyncOptions?
    /// Completion.
    public var completionProvider: CompletionOptions?
    /// Hover.
    public var hoverProvider: Bool?
    /// Signature help.
    public var signatureHelpProvider: SignatureHelpOptions?
    /// Go to definition.
    public var definitionProvider: Bool?
    /// Find references.
    public var referencesProvider: Bool?
    /// Document symbols.
    public var documentSymbolProvider: Bool?
    /// Code actions.
    public var codeActionProvider: CodeActionOptions?
    /// Code lenses.
    public var codeLensProvider: CodeLensOptions?
    /// Formatting.
    public var documentFormattingProvider: Bool?
    /// Rename.
    public var renameProvider: RenameOptions?
    /// Folding ranges.
    public var foldingRangeProvider: Bool?
    /// Commands.
    public var executeCommandProvider: ExecuteCommandOptions?
    /// Semantic tokens.
    public var semanticTokensProvider: SemanticTokensOptions?
    /// Inlay hints.
    public var inlayHintProvider: Bool?
    /// Workspace features.
    public var workspace: WorkspaceServerCapabilities?
    /// Experimental features.
    public var experimental: LSPAny?

    /// Creates a `ServerCapabilities`.
    public init(
        positionEncoding: PositionEncodingKind? = nil, textDocumentSync: TextDocumentSyncOptions? = nil,
        completionProvider: CompletionOptions? = nil, hoverProvider: Bool? = nil,
        signatureHelpProvider: SignatureHelpOptions? = nil, definitionProvider: Bool? = nil,
        referencesProvider: Bool? = nil, documentSymbolProvider: Bool? = nil,
        codeActionProvider: CodeActionOptions? = nil, codeLensProvider: CodeLensOptions? = nil,
        documentFormattingProvider: Bool? = nil, renameProvider: RenameOptions? = nil,
        foldingRangeProvider: Bool? = nil, executeCommandProvider: ExecuteCommandOptions? = nil,
        semanticTokensProvider: SemanticTokensOptions? = nil, inlayHintProvider: Bool? = nil,
        workspace: WorkspaceServerCapabilities? = nil, experimental: LSPAny? = nil
    ) {
        self.positionEncoding = positionEncoding
        self.textDocumentSync = textDocumentSync
        self.completionProvider = completionProvider
        self.hoverProvider = hoverProvider
        self.signatureHelpProvider = signatureHelpProvider
        self.definitionProvider = definitionProvider
        self.referencesProvider = referencesProvider
        self.documentSymbolProvider = documentSymbolProvider
        self.codeActionProvider = codeActionProvider
        self.codeLensProvider = codeLensProvider
        self.documentFormattingProvider = documentFormattingProvider
        self.renameProvider = renameProvider
        self.foldingRangeProvider = foldingRangeProvider
        self.executeCommandProvider = executeCommandProvider
        self.semanticTokensProvider = semanticTokensProvider
        self.inlayHintProvider = inlayHintProvider
        self.workspace = workspace
        self.experimental = experimental
    }
}

/// How documents are synchronised.
public struct TextDocumentSyncOptions: Codable, Sendable, Hashable {
    /// Send `didOpen` and `didClose`.
    public var openClose: Bool?
    /// How `didChange` carries changes.
    public var change: TextDocumentSyncKind?
    /// Send `didSave`.
    public var save: SaveOptions?

    /// Creates a `TextDocumentSyncOptions`.
    public init(openClose: Bool? = nil, change: TextDocumentSyncKind? = nil, save: SaveOptions? = nil) {
        self.openClose = openClose
        self.change = change
        self.save = save
    }
}

/// How `didChange` carries changes.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct TextDocumentSyncKind: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Not at all.
    public static let none = TextDocumentSyncKind(rawValue: 0)

    /// The whole text.
    public static let full = TextDocumentSyncKind(rawValue: 1)

    /// Ranged edits.
    public static let incremental = TextDocumentSyncKind(rawValue: 2)
}

/// `didSave` options.
public struct SaveOptions: Codable, Sendable, Hashable {
    /// Include the text.
    public var includeText: Bool?

    /// Creates a `SaveOptions`.
    public init(includeText: Bool? = nil) {
        self.includeText = includeText
    }
}

/// Completion options.
public struct CompletionOptions: Codable, Sendable, Hashable {
    /// Characters that trigger completion.
    public var triggerCharacters: [String]?
    /// Characters that accept any item.
    public var allCommitCharacters: [String]?
    /// Supports `completionItem/resolve`.
    public var resolveProvider: Bool?

    /// Creates a `CompletionOptions`.
    public init(
        triggerCharacters: [String]? = nil, allCommitCharacters: [String]? = nil, resolveProvider: Bool? = nil
    ) {
        self.triggerCharacters = triggerCharacters
        self.allCommitCharacters = allCommitCharacters
        self.resolveProvider = resolveProvider
    }
}

/// Signature help options.
public struct SignatureHelpOptions: Codable, Sendable, Hashable {
    /// Characters that trigger it.
    public var triggerCharacters: [String]?
    /// Characters that re-trigger it.
    public var retriggerCharacters: [String]?

    /// Creates a `SignatureHelpOptions`.
    public init(triggerCharacters: [String]? = nil, retriggerCharacters: [String]? = nil) {
        self.triggerCharacters = triggerCharacters
        self.retriggerCharacters = retriggerCharacters
    }
}

/// Code action options.
public struct CodeActionOptions: Codable, Sendable, Hashable {
    /// Kinds offered.
    public var codeActionKinds: [CodeActionKind]?
    /// Supports resolve.
    public var resolveProvider: Bool?

    /// Creates a `CodeActionOptions`.
    public init(codeActionKinds: [CodeActionKind]? = nil, resolveProvider: Bool? = nil) {
        self.codeActionKinds = codeActionKinds
        self.resolveProvider = resolveProvider
    }
}

/// Code lens options.
public struct CodeLensOptions: Codable, Sendable, Hashable {
    /// Supports resolve.
    public var resolveProvider: Bool?

    /// Creates a `CodeLensOptions`.
    public init(resolveProvider: Bool? = nil) {
        self.resolveProvider = resolveProvider
    }
}

/// Rename options.
public struct RenameOptions: Codable, Sendable, Hashable {
    /// Supports `textDocument/prepareRename`.
    public var prepareProvider: Bool?

    /// Creates a `RenameOptions`.
    public init(prepareProvider: Bool? = nil) {
        self.prepareProvider = prepareProvider
    }
}

/// The commands `workspace/executeCommand` accepts.
public struct ExecuteCommandOptions: Codable, Sendable, Hashable {
    /// The command identifiers.
    public var commands: [String]

    /// Creates a `ExecuteCommandOptions`.
    public init(commands: [String]) {
        self.commands = commands
    }
}

/// The `workspace` member of server capabilities.
public struct WorkspaceServerCapabilities: Codable, Sendable, Hashable {
    /// Workspace folder support.
    public var workspaceFolders: WorkspaceFoldersServerCapabilities?

    /// Creates a `WorkspaceServerCapabilities`.
    public init(workspaceFolders: WorkspaceFoldersServerCapabilities? = nil) {
        self.workspaceFolders = workspaceFolders
    }
}

/// Workspace folder support.
public struct WorkspaceFoldersServerCapabilities: Codable, Sendable, Hashable {
    /// Supports folders.
    public var supported: Bool?
    /// Wants folder change notifications.
    public var changeNotifications: Bool?

    /// Creates a `WorkspaceFoldersServerCapabilities`.
    public init(supported: Bool? = nil, changeNotifications: Bool? = nil) {
        self.supported = supported
        self.changeNotifications = changeNotifications
    }
}
