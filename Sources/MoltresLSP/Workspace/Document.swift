import Foundation
import Moltres
import MoltresProtocol

/// One open text document at one version: its text and its syntax tree.
///
/// Snapshots are immutable values; an edit makes a new one. Handlers take a snapshot and work on it off the read
/// thread, so an edit arriving meanwhile never changes what they see.
struct DocumentSnapshot: Sendable {
    /// The document's URI as the client sent it.
    let uri: DocumentUri
    /// The version the client gave this text.
    let version: Int
    /// The text.
    let source: SourceText
    private let parsed: ParsedTree

    /// The syntax tree of the text (the parser never fails), parsed on first use so the read thread that applies
    /// edits never waits for the parser.
    var tree: SyntaxTree { parsed.tree }

    /// A snapshot of `source`.
    init(uri: DocumentUri, version: Int, source: SourceText) {
        self.uri = uri
        self.version = version
        self.source = source
        self.parsed = ParsedTree(source)
    }

    /// The text as a string.
    var text: String { source.text }

    /// Whether `other` is this very snapshot (not only the same version: a document opened again may repeat one).
    func isSame(as other: DocumentSnapshot) -> Bool { parsed === other.parsed }

    /// Applies one `didChange` event (a range edit, or the whole text when it has no range).
    static func apply(
        _ change: TextDocumentContentChangeEvent, to source: SourceText, encoding: ColumnEncoding
    ) -> SourceText {
        guard let range = change.range else { return SourceText(change.text) }
        let byteRange = PositionConverter(source: source, encoding: encoding).byteRange(of: range)
        var bytes = source.bytes
        bytes.replaceSubrange(byteRange.start..<byteRange.end, with: Array(change.text.utf8))
        return SourceText(bytes: bytes)
    }
}

/// The open documents, by URI; thread-safe.
final class DocumentStore: Sendable {
    private let documents = Protected<[DocumentUri: DocumentSnapshot]>([:])

    /// Opens (or replaces) a document.
    func open(uri: DocumentUri, version: Int, text: String) -> DocumentSnapshot {
        let snapshot = DocumentSnapshot(uri: uri, version: version, source: SourceText(text))
        documents.withLock { $0[uri] = snapshot }
        return snapshot
    }

    /// Applies `changes` in order and stores the new version; `nil` when the document is not open.
    func change(
        uri: DocumentUri, version: Int, changes: [TextDocumentContentChangeEvent], encoding: ColumnEncoding
    ) -> DocumentSnapshot? {
        guard let old = documents.withLock({ $0[uri] }) else { return nil }
        var source = old.source
        for change in changes { source = DocumentSnapshot.apply(change, to: source, encoding: encoding) }
        let snapshot = DocumentSnapshot(uri: uri, version: version, source: source)
        documents.withLock { $0[uri] = snapshot }
        return snapshot
    }

    /// Forgets a document.
    func close(uri: DocumentUri) { documents.withLock { _ = $0.removeValue(forKey: uri) } }

    /// The newest snapshot of a document.
    func snapshot(_ uri: DocumentUri) -> DocumentSnapshot? { documents.withLock { $0[uri] } }

    /// The newest version of a document, for dropping stale analysis results.
    func version(_ uri: DocumentUri) -> Int? { documents.withLock { $0[uri]?.version } }

    /// Every open document.
    var all: [DocumentSnapshot] { documents.withLock { Array($0.values) } }
}

/// Converts between LSP positions (in the negotiated encoding) and UTF-8 byte offsets.
struct PositionConverter {
    /// The text positions refer to.
    let source: SourceText
    /// The negotiated column unit.
    let encoding: ColumnEncoding

    /// The byte offset of an LSP position, clamped into the text.
    func byteOffset(of position: Position) -> Int {
        let line = max(0, position.line)
        if line >= source.lineCount { return source.bytes.count }
        return source.clamp(
            source.byteOffset(
                of: SourcePosition(zeroBasedLine: line, column: max(0, position.character)), encoding: encoding))
    }

    /// The byte range of an LSP range.
    func byteRange(of range: LSPRange) -> ByteRange {
        let start = byteOffset(of: range.start)
        return ByteRange(start: start, end: max(start, byteOffset(of: range.end)))
    }

    /// The LSP position of a byte offset.
    func position(of byteOffset: Int) -> Position {
        let position = source.position(of: source.clamp(byteOffset), encoding: encoding)
        return Position(line: position.zeroBasedLine, character: position.column)
    }

    /// The LSP range of a byte range.
    func range(of range: ByteRange) -> LSPRange {
        LSPRange(start: position(of: range.start), end: position(of: range.end))
    }
}

/// A syntax tree parsed once, on first use, by whichever thread asks first.
private final class ParsedTree: Sendable {
    private let source: SourceText
    private let cached = Protected<SyntaxTree?>(nil)

    init(_ source: SourceText) { self.source = source }

    var tree: SyntaxTree {
        cached.withLock { cached in
            if let tree = cached { return tree }
            let tree = parse(source).tree
            cached = tree
            return tree
        }
    }
}
