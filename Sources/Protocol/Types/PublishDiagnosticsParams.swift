/// The diagnostics of one document.
public struct PublishDiagnosticsParams: Codable, Sendable, Hashable {
    /// The document.
    public var uri: DocumentUri
    /// The document version the diagnostics belong to.
    public var version: Int?
    /// All diagnostics; an empty array clears them.
    public var diagnostics: [Diagnostic]

    /// Creates a `PublishDiagnosticsParams`.
    public init(uri: DocumentUri, version: Int? = nil, diagnostics: [Diagnostic]) {
        self.uri = uri
        self.version = version
        self.diagnostics = diagnostics
    }
}
