/// A problem in a document: an error, warning, hint or information.
public struct Diagnostic: Codable, Sendable, Hashable {
    /// Where the problem is.
    public var range: LSPRange
    /// How severe.
    public var severity: DiagnosticSeverity?
    /// The diagnostic's code, e.g. `MOL2001`.
    public var code: IntegerOrString?
    /// A link explaining the code.
    public var codeDescription: CodeDescription?
    /// Who reports it, e.g. `moltres`.
    public var source: String?
    /// The message.
    public var message: String
    /// Extra rendering hints.
    public var tags: [DiagnosticTag]?
    /// Related locations.
    public var relatedInformation: [DiagnosticRelatedInformation]?
    /// Data kept between this diagnostic and a code action request.
    public var data: LSPAny?

    /// Creates a `Diagnostic`.
    public init(
        range: LSPRange, severity: DiagnosticSeverity? = nil, code: IntegerOrString? = nil,
        codeDescription: CodeDescription? = nil, source: String? = nil, message: String, tags: [DiagnosticTag]? = nil,
        relatedInformation: [DiagnosticRelatedInformation]? = nil, data: LSPAny? = nil
    ) {
        self.range = range
        self.severity = severity
        self.code = code
        self.codeDescription = codeDescription
        self.source = source
        self.message = message
        self.tags = tags
        self.relatedInformation = relatedInformation
        self.data = data
    }
}

/// How severe a diagnostic is.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct DiagnosticSeverity: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Reports an error.
    public static let error = DiagnosticSeverity(rawValue: 1)

    /// Reports a warning.
    public static let warning = DiagnosticSeverity(rawValue: 2)

    /// Reports information.
    public static let information = DiagnosticSeverity(rawValue: 3)

    /// Reports a hint.
    public static let hint = DiagnosticSeverity(rawValue: 4)
}

/// Rendering hints for a diagnostic.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct DiagnosticTag: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Unused or unnecessary code (faded).
    public static let unnecessary = DiagnosticTag(rawValue: 1)

    /// Deprecated code (struck through).
    public static let deprecated = DiagnosticTag(rawValue: 2)
}

/// A link that describes a diagnostic code.
public struct CodeDescription: Codable, Sendable, Hashable {
    /// The URI.
    public var href: String

    /// Creates a `CodeDescription`.
    public init(href: String) {
        self.href = href
    }
}

/// A location related to a diagnostic.
public struct DiagnosticRelatedInformation: Codable, Sendable, Hashable {
    /// Where.
    public var location: Location
    /// Why it is related.
    public var message: String

    /// Creates a `DiagnosticRelatedInformation`.
    public init(location: Location, message: String) {
        self.location = location
        self.message = message
    }
}
