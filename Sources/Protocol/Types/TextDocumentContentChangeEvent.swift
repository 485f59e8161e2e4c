/// One change in `didChange`: with `range`, replaces that range (incremental sync); without, replaces the whole text.
public struct TextDocumentContentChangeEvent: Codable, Sendable, Hashable {
    /// The replaced range; `nil` for a full-text change.
    public var range: LSPRange?
    /// Deprecated length of the range.
    public var rangeLength: Int?
    /// The new text.
    public var text: String

    /// Creates a `TextDocumentContentChangeEvent`.
    public init(range: LSPRange? = nil, rangeLength: Int? = nil, text: String) {
        self.range = range
        self.rangeLength = rangeLength
        self.text = text
    }
}
