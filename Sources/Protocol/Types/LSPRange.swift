/// The specification's `Range`: a start and an exclusive end position.
///
/// Named `LSPRange` because a public `Range` would shadow `Swift.Range` in every module importing this one.
public struct LSPRange: Codable, Sendable, Hashable {
    /// The start, inclusive.
    public var start: Position
    /// The end, exclusive.
    public var end: Position

    /// Creates a `LSPRange`.
    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }
}
