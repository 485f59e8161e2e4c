/// Parameters of `textDocument/inlayHint`.
public struct InlayHintParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The visible range.
    public var range: LSPRange

    /// Creates a `InlayHintParams`.
    public init(textDocument: TextDocumentIdentifier, range: LSPRange) {
        self.textDocument = textDocument
        self.range = range
    }
}

/// Text shown inline in the editor.
public struct InlayHint: Codable, Sendable, Hashable {
    /// Where.
    public var position: Position
    /// The text or parts.
    public var label: InlayHintLabel
    /// The kind.
    public var kind: InlayHintKind?
    /// Edits that make the hint part of the text.
    public var textEdits: [TextEdit]?
    /// A tooltip.
    public var tooltip: StringOrMarkupContent?
    /// Pad before.
    public var paddingLeft: Bool?
    /// Pad after.
    public var paddingRight: Bool?
    /// Data kept until resolve.
    public var data: LSPAny?

    /// Creates a `InlayHint`.
    public init(
        position: Position, label: InlayHintLabel, kind: InlayHintKind? = nil, textEdits: [TextEdit]? = nil,
        tooltip: StringOrMarkupContent? = nil, paddingLeft: Bool? = nil, paddingRight: Bool? = nil, data: LSPAny? = nil
    ) {
        self.position = position
        self.label = label
        self.kind = kind
        self.textEdits = textEdits
        self.tooltip = tooltip
        self.paddingLeft = paddingLeft
        self.paddingRight = paddingRight
        self.data = data
    }
}

/// The kind of an inlay hint.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct InlayHintKind: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// A type annotation.
    public static let type = InlayHintKind(rawValue: 1)

    /// A parameter name.
    public static let parameter = InlayHintKind(rawValue: 2)
}

/// A part of an inlay hint label, possibly interactive.
public struct InlayHintLabelPart: Codable, Sendable, Hashable {
    /// The text.
    public var value: String
    /// A tooltip.
    public var tooltip: StringOrMarkupContent?
    /// A location to go to.
    public var location: Location?
    /// A command to run.
    public var command: Command?

    /// Creates a `InlayHintLabelPart`.
    public init(
        value: String, tooltip: StringOrMarkupContent? = nil, location: Location? = nil, command: Command? = nil
    ) {
        self.value = value
        self.tooltip = tooltip
        self.location = location
        self.command = command
    }
}
