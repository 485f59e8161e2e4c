/// Parameters of `textDocument/completion`.
public struct CompletionParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The cursor.
    public var position: Position
    /// How completion was triggered.
    public var context: CompletionContext?

    /// Creates a `CompletionParams`.
    public init(textDocument: TextDocumentIdentifier, position: Position, context: CompletionContext? = nil) {
        self.textDocument = textDocument
        self.position = position
        self.context = context
    }
}

/// How completion was triggered.
public struct CompletionContext: Codable, Sendable, Hashable {
    /// How.
    public var triggerKind: CompletionTriggerKind
    /// The character, for `.triggerCharacter`.
    public var triggerCharacter: String?

    /// Creates a `CompletionContext`.
    public init(triggerKind: CompletionTriggerKind, triggerCharacter: String? = nil) {
        self.triggerKind = triggerKind
        self.triggerCharacter = triggerCharacter
    }
}

/// How completion was triggered.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct CompletionTriggerKind: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Typing or an explicit request.
    public static let invoked = CompletionTriggerKind(rawValue: 1)

    /// A trigger character.
    public static let triggerCharacter = CompletionTriggerKind(rawValue: 2)

    /// Re-triggered because the list was incomplete.
    public static let triggerForIncompleteCompletions = CompletionTriggerKind(rawValue: 3)
}

/// One completion proposal.
public struct CompletionItem: Codable, Sendable, Hashable {
    /// The text shown and, by default, inserted.
    public var label: String
    /// Extra label text.
    public var labelDetails: CompletionItemLabelDetails?
    /// The kind, which picks the icon.
    public var kind: CompletionItemKind?
    /// Rendering tags.
    public var tags: [CompletionItemTag]?
    /// Type or signature detail.
    public var detail: String?
    /// Documentation.
    public var documentation: StringOrMarkupContent?
    /// Whether to select this item first.
    public var preselect: Bool?
    /// Sort key; `label` when absent.
    public var sortText: String?
    /// Filter key; `label` when absent.
    public var filterText: String?
    /// The text to insert; `label` when absent.
    public var insertText: String?
    /// Plain text or snippet.
    public var insertTextFormat: InsertTextFormat?
    /// An edit to apply instead of inserting.
    public var textEdit: TextEdit?
    /// Further edits elsewhere.
    public var additionalTextEdits: [TextEdit]?
    /// Characters that accept the item.
    public var commitCharacters: [String]?
    /// A command to run after inserting.
    public var command: Command?
    /// Data kept until `completionItem/resolve`.
    public var data: LSPAny?

    /// Creates a `CompletionItem`.
    public init(
        label: String, labelDetails: CompletionItemLabelDetails? = nil, kind: CompletionItemKind? = nil,
        tags: [CompletionItemTag]? = nil, detail: String? = nil, documentation: StringOrMarkupContent? = nil,
        preselect: Bool? = nil, sortText: String? = nil, filterText: String? = nil, insertText: String? = nil,
        insertTextFormat: InsertTextFormat? = nil, textEdit: TextEdit? = nil, additionalTextEdits: [TextEdit]? = nil,
        commitCharacters: [String]? = nil, command: Command? = nil, data: LSPAny? = nil
    ) {
        self.label = label
        self.labelDetails = labelDetails
        self.kind = kind
        self.tags = tags
        self.detail = detail
        self.documentation = documentation
        self.preselect = preselect
        self.sortText = sortText
        self.filterText = filterText
        self.insertText = insertText
        self.insertTextFormat = insertTextFormat
        self.textEdit = textEdit
        self.additionalTextEdits = additionalTextEdits
        self.commitCharacters = commitCharacters
        self.command = command
        self.data = data
    }
}

/// Extra text shown with a completion label.
public struct CompletionItemLabelDetails: Codable, Sendable, Hashable {
    /// Shown right after the label, e.g. a signature.
    public var detail: String?
    /// Shown less prominently, e.g. a type.
    public var description: String?

    /// Creates a `CompletionItemLabelDetails`.
    public init(detail: String? = nil, description: String? = nil) {
        self.detail = detail
        self.description = description
    }
}

/// The kind of a completion item.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct CompletionItemKind: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// `text`.
    public static let text = CompletionItemKind(rawValue: 1)

    /// `method`.
    public static let method = CompletionItemKind(rawValue: 2)

    /// `function`.
    public static let function = CompletionItemKind(rawValue: 3)

    /// `constructor`.
    public static let constructor = CompletionItemKind(rawValue: 4)

    /// `field`.
    public static let field = CompletionItemKind(rawValue: 5)

    /// `variable`.
    public static let variable = CompletionItemKind(rawValue: 6)

    /// `class`.
    public static let `class` = CompletionItemKind(rawValue: 7)

    /// `interface`.
    public static let interface = CompletionItemKind(rawValue: 8)

    /// `module`.
    public static let module = CompletionItemKind(rawValue: 9)

    /// `property`.
    public static let property = CompletionItemKind(rawValue: 10)

    /// `unit`.
    public static let unit = CompletionItemKind(rawValue: 11)

    /// `value`.
    public static let value = CompletionItemKind(rawValue: 12)

    /// `enum`.
    public static let `enum` = CompletionItemKind(rawValue: 13)

    /// `keyword`.
    public static let keyword = CompletionItemKind(rawValue: 14)

    /// `snippet`.
    public static let snippet = CompletionItemKind(rawValue: 15)

    /// `color`.
    public static let color = CompletionItemKind(rawValue: 16)

    /// `file`.
    public static let file = CompletionItemKind(rawValue: 17)

    /// `reference`.
    public static let reference = CompletionItemKind(rawValue: 18)

    /// `folder`.
    public static let folder = CompletionItemKind(rawValue: 19)

    /// `enumMember`.
    public static let enumMember = CompletionItemKind(rawValue: 20)

    /// `constant`.
    public static let constant = CompletionItemKind(rawValue: 21)

    /// `struct`.
    public static let `struct` = CompletionItemKind(rawValue: 22)

    /// `event`.
    public static let event = CompletionItemKind(rawValue: 23)

    /// `operator`.
    public static let `operator` = CompletionItemKind(rawValue: 24)

    /// `typeParameter`.
    public static let typeParameter = CompletionItemKind(rawValue: 25)
}

/// A completion item rendering tag.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct CompletionItemTag: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Struck through.
    public static let deprecated = CompletionItemTag(rawValue: 1)
}

/// Whether insert text is plain or a snippet.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct InsertTextFormat: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Plain text.
    public static let plainText = InsertTextFormat(rawValue: 1)

    /// A snippet with `$1`, `${2:placeholder}` tab stops.
    public static let snippet = InsertTextFormat(rawValue: 2)
}

/// Completion items, possibly incomplete.
public struct CompletionList: Codable, Sendable, Hashable {
    /// Whether typing more should ask again.
    public var isIncomplete: Bool
    /// The items.
    public var items: [CompletionItem]

    /// Creates a `CompletionList`.
    public init(isIncomplete: Bool, items: [CompletionItem]) {
        self.isIncomplete = isIncomplete
        self.items = items
    }
}
