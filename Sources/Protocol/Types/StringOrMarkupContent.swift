/// `string | MarkupContent`, as used by documentation and tooltips.
public enum StringOrMarkupContent: Codable, Sendable, Hashable {
    /// Plain text.
    case string(String)
    /// Plain text or Markdown with its kind.
    case markupContent(MarkupContent)

    /// Decodes a string or a `MarkupContent` object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            self = .string(string)
        } else {
            self = .markupContent(try container.decode(MarkupContent.self))
        }
    }

    /// Encodes the string or object.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let string): try container.encode(string)
        case .markupContent(let content): try container.encode(content)
        }
    }
}

/// `string | InlayHintLabelPart[]`, the label of an inlay hint.
public enum InlayHintLabel: Codable, Sendable, Hashable {
    /// Plain text.
    case string(String)
    /// Parts, each possibly with a tooltip, location or command.
    case parts([InlayHintLabelPart])

    /// Decodes a string or an array of parts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            self = .string(string)
        } else {
            self = .parts(try container.decode([InlayHintLabelPart].self))
        }
    }

    /// Encodes the string or parts.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let string): try container.encode(string)
        case .parts(let parts): try container.encode(parts)
        }
    }
}

/// `Command | CodeAction`, an element of the `textDocument/codeAction` result.
public enum CommandOrCodeAction: Codable, Sendable, Hashable {
    /// A bare command.
    case command(Command)
    /// A code action.
    case codeAction(CodeAction)

    /// Decodes a command (an object whose `command` member is a string) or a code action.
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        if case .string = value["command"] {
            self = .command(try JSONValueDecoder().decode(Command.self, from: value))
        } else {
            self = .codeAction(try CodeAction(from: decoder))
        }
    }

    /// Encodes the command or code action.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .command(let command): try command.encode(to: encoder)
        case .codeAction(let action): try action.encode(to: encoder)
        }
    }
}
