/// Parameters of `textDocument/signatureHelp`.
public struct SignatureHelpParams: Codable, Sendable, Hashable, TextDocumentParams {
    /// The document.
    public var textDocument: TextDocumentIdentifier
    /// The cursor.
    public var position: Position
    /// How it was triggered.
    public var context: SignatureHelpContext?

    /// Creates a `SignatureHelpParams`.
    public init(textDocument: TextDocumentIdentifier, position: Position, context: SignatureHelpContext? = nil) {
        self.textDocument = textDocument
        self.position = position
        self.context = context
    }
}

/// How signature help was triggered.
public struct SignatureHelpContext: Codable, Sendable, Hashable {
    /// How.
    public var triggerKind: SignatureHelpTriggerKind
    /// The character, if any.
    public var triggerCharacter: String?
    /// Whether help was already showing.
    public var isRetrigger: Bool
    /// The help showing now.
    public var activeSignatureHelp: SignatureHelp?

    /// Creates a `SignatureHelpContext`.
    public init(
        triggerKind: SignatureHelpTriggerKind, triggerCharacter: String? = nil, isRetrigger: Bool,
        activeSignatureHelp: SignatureHelp? = nil
    ) {
        self.triggerKind = triggerKind
        self.triggerCharacter = triggerCharacter
        self.isRetrigger = isRetrigger
        self.activeSignatureHelp = activeSignatureHelp
    }
}

/// How signature help was triggered.
///
/// A struct over the raw value rather than an enum, so values from newer clients decode too.
public struct SignatureHelpTriggerKind: RawRepresentable, Codable, Sendable, Hashable {
    /// The value as sent on the wire.
    public var rawValue: Int

    /// Wraps a raw value.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Explicitly.
    public static let invoked = SignatureHelpTriggerKind(rawValue: 1)

    /// A trigger character.
    public static let triggerCharacter = SignatureHelpTriggerKind(rawValue: 2)

    /// The cursor moved or the document changed.
    public static let contentChange = SignatureHelpTriggerKind(rawValue: 3)
}

/// The signatures of the call at the cursor.
public struct SignatureHelp: Codable, Sendable, Hashable {
    /// The signatures.
    public var signatures: [SignatureInformation]
    /// The active signature.
    public var activeSignature: Int?
    /// The active parameter.
    public var activeParameter: Int?

    /// Creates a `SignatureHelp`.
    public init(signatures: [SignatureInformation], activeSignature: Int? = nil, activeParameter: Int? = nil) {
        self.signatures = signatures
        self.activeSignature = activeSignature
        self.activeParameter = activeParameter
    }
}

/// One signature.
public struct SignatureInformation: Codable, Sendable, Hashable {
    /// The whole signature.
    public var label: String
    /// Documentation.
    public var documentation: StringOrMarkupContent?
    /// The parameters.
    public var parameters: [ParameterInformation]?
    /// The active parameter of this signature.
    public var activeParameter: Int?

    /// Creates a `SignatureInformation`.
    public init(
        label: String, documentation: StringOrMarkupContent? = nil, parameters: [ParameterInformation]? = nil,
        activeParameter: Int? = nil
    ) {
        self.label = label
        self.documentation = documentation
        self.parameters = parameters
        self.activeParameter = activeParameter
    }
}

/// One parameter of a signature.
public struct ParameterInformation: Codable, Sendable, Hashable {
    /// The parameter's text, a substring of the signature label.
    public var label: String
    /// Documentation.
    public var documentation: StringOrMarkupContent?

    /// Creates a `ParameterInformation`.
    public init(label: String, documentation: StringOrMarkupContent? = nil) {
        self.label = label
        self.documentation = documentation
    }
}
