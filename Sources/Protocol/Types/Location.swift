/// `DocumentUri`: a URI string such as `file:///home/me/shop.moltres`.
public typealias DocumentUri = String

/// A range in a document.
public struct Location: Codable, Sendable, Hashable {
    /// The document.
    public var uri: DocumentUri
    /// The range.
    public var range: LSPRange

    /// Creates a `Location`.
    public init(uri: DocumentUri, range: LSPRange) {
        self.uri = uri
        self.range = range
    }
}

/// A link from a source range to a target range, for definition results.
public struct LocationLink: Codable, Sendable, Hashable {
    /// The span of the origin, for underlining.
    public var originSelectionRange: LSPRange?
    /// The target document.
    public var targetUri: DocumentUri
    /// The full target range.
    public var targetRange: LSPRange
    /// The part to select, such as a name.
    public var targetSelectionRange: LSPRange

    /// Creates a `LocationLink`.
    public init(
        originSelectionRange: LSPRange? = nil, targetUri: DocumentUri, targetRange: LSPRange,
        targetSelectionRange: LSPRange
    ) {
        self.originSelectionRange = originSelectionRange
        self.targetUri = targetUri
        self.targetRange = targetRange
        self.targetSelectionRange = targetSelectionRange
    }
}
