/// A zero-based line and character offset in a document; the character unit is the negotiated position encoding (UTF-16 by default).
public struct Position: Codable, Sendable, Hashable {
    /// Zero-based line.
    public var line: Int
    /// Zero-based offset in the line, in units of the position encoding.
    public var character: Int

    /// Creates a `Position`.
    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }
}
