/// Parameters of `textDocument/foldingRange`.
public struct FoldingRangeParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier

    /// Creates a `FoldingRangeParams`.
    public init(textDocument: TextDocumentIdentifier) {
        self.textDocument = textDocument
    }
}

/// A foldable range of lines.
public struct FoldingRange: Codable, Sendable, Hashable {
    /// The first line.
    public var startLine: Int
    /// Where folding starts on the first line.
    public var startCharacter: Int?
    /// The last line.
    public var endLine: Int
    /// Where folding ends on the last line.
    public var endCharacter: Int?
    /// The kind.
    public var kind: FoldingRangeKind?
    /// Text shown when folded.
    public var collapsedText: String?

    /// Creates a `FoldingRange`.
    public init(
        startLine: Int, startCharacter: Int? = nil, endLine: Int, endCharacter: Int? = nil,
        kind: FoldingRangeKind? = nil, collapsedText: String? = nil
    ) {
        self.startLine = startLine
        self.startCharacter = startCharacter
        self.endLine = endLine
        self.endCharacter = endCharacter
        self.kind = kind
        self.collapsedText = collapsedText
    }
}

/// The kind of a folding range.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct FoldingRangeKind: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: String

    /// Wraps a raw value.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A comment.
    public static let comment = FoldingRangeKind(rawValue: "comment")

    /// Imports.
    public static let imports = FoldingRangeKind(rawValue: "imports")

    /// A region.
    public static let region = FoldingRangeKind(rawValue: "region")
}
