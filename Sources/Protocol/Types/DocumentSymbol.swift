/// Parameters of `textDocument/documentSymbol`.
public struct DocumentSymbolParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier

    /// Creates a `DocumentSymbolParams`.
    public init(textDocument: TextDocumentIdentifier) {
        self.textDocument = textDocument
    }
}

/// A symbol in a document, with its children.
public struct DocumentSymbol: Codable, Sendable, Hashable {
    /// The name.
    public var name: String
    /// More detail, such as a type.
    public var detail: String?
    /// The kind.
    public var kind: SymbolKind
    /// Rendering tags.
    public var tags: [SymbolTag]?
    /// The whole extent.
    public var range: LSPRange
    /// The name's range.
    public var selectionRange: LSPRange
    /// Nested symbols.
    public var children: [DocumentSymbol]?

    /// Creates a `DocumentSymbol`.
    public init(
        name: String, detail: String? = nil, kind: SymbolKind, tags: [SymbolTag]? = nil, range: LSPRange,
        selectionRange: LSPRange, children: [DocumentSymbol]? = nil
    ) {
        self.name = name
        self.detail = detail
        self.kind = kind
        self.tags = tags
        self.range = range
        self.selectionRange = selectionRange
        self.children = children
    }
}

/// The kind of a symbol.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct SymbolKind: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// `file`.
    public static let file = SymbolKind(rawValue: 1)

    /// `module`.
    public static let module = SymbolKind(rawValue: 2)

    /// `namespace`.
    public static let namespace = SymbolKind(rawValue: 3)

    /// `package`.
    public static let package = SymbolKind(rawValue: 4)

    /// `class`.
    public static let `class` = SymbolKind(rawValue: 5)

    /// `method`.
    public static let method = SymbolKind(rawValue: 6)

    /// `property`.
    public static let property = SymbolKind(rawValue: 7)

    /// `field`.
    public static let field = SymbolKind(rawValue: 8)

    /// `constructor`.
    public static let constructor = SymbolKind(rawValue: 9)

    /// `enum`.
    public static let `enum` = SymbolKind(rawValue: 10)

    /// `interface`.
    public static let interface = SymbolKind(rawValue: 11)

    /// `function`.
    public static let function = SymbolKind(rawValue: 12)

    /// `variable`.
    public static let variable = SymbolKind(rawValue: 13)

    /// `constant`.
    public static let constant = SymbolKind(rawValue: 14)

    /// `string`.
    public static let string = SymbolKind(rawValue: 15)

    /// `number`.
    public static let number = SymbolKind(rawValue: 16)

    /// `boolean`.
    public static let boolean = SymbolKind(rawValue: 17)

    /// `array`.
    public static let array = SymbolKind(rawValue: 18)

    /// `object`.
    public static let object = SymbolKind(rawValue: 19)

    /// `key`.
    public static let key = SymbolKind(rawValue: 20)

    /// `null`.
    public static let `null` = SymbolKind(rawValue: 21)

    /// `enumMember`.
    public static let enumMember = SymbolKind(rawValue: 22)

    /// `struct`.
    public static let `struct` = SymbolKind(rawValue: 23)

    /// `event`.
    public static let event = SymbolKind(rawValue: 24)

    /// `operator`.
    public static let `operator` = SymbolKind(rawValue: 25)

    /// `typeParameter`.
    public static let typeParameter = SymbolKind(rawValue: 26)
}

/// A symbol rendering tag.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct SymbolTag: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Struck through.
    public static let deprecated = SymbolTag(rawValue: 1)
}
