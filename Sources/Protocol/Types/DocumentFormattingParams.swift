/// Parameters of `textDocument/formatting`.
public struct DocumentFormattingParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The editor's settings.
    public var options: FormattingOptions

    /// Creates a `DocumentFormattingParams`.
    public init(textDocument: TextDocumentIdentifier, options: FormattingOptions) {
        self.textDocument = textDocument
        self.options = options
    }
}

/// Formatting settings from the editor.
public struct FormattingOptions: Codable, Sendable, Hashable {
    /// Spaces per tab.
    public var tabSize: Int
    /// Whether to indent with spaces.
    public var insertSpaces: Bool
    /// Trim trailing whitespace.
    public var trimTrailingWhitespace: Bool?
    /// End with a newline.
    public var insertFinalNewline: Bool?
    /// Trim newlines at the end.
    public var trimFinalNewlines: Bool?

    /// Creates a `FormattingOptions`.
    public init(
        tabSize: Int, insertSpaces: Bool, trimTrailingWhitespace: Bool? = nil, insertFinalNewline: Bool? = nil,
        trimFinalNewlines: Bool? = nil
    ) {
        self.tabSize = tabSize
        self.insertSpaces = insertSpaces
        self.trimTrailingWhitespace = trimTrailingWhitespace
        self.insertFinalNewline = insertFinalNewline
        self.trimFinalNewlines = trimFinalNewlines
    }
}
