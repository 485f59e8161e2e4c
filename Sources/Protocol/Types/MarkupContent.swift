/// Text in plain text or Markdown.
public struct MarkupContent: Codable, Sendable, Hashable {
    /// The format.
    public var kind: MarkupKind
    /// The text.
    public var value: String

    /// Creates a `MarkupContent`.
    public init(kind: MarkupKind, value: String) {
        self.kind = kind
        self.value = value
    }
}

/// A text format.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct MarkupKind: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: String

    /// Wraps a raw value.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Plain text.
    public static let plaintext = MarkupKind(rawValue: "plaintext")

    /// Markdown.
    public static let markdown = MarkupKind(rawValue: "markdown")
}
