/// The kind of a token: Python's token set, with one case per keyword and operator.
public enum TokenKind: UInt8, Sendable, Hashable, CaseIterable {
    /// The end of the file (zero width; holds the file's final trivia).
    case endOfFile
    /// A significant line break that ends a statement.
    case newline
    /// The start of an indented block (zero width).
    case indent
    /// The end of an indented block (zero width).
    case dedent
    /// A name such as `orders` or `größe`.
    case identifier
    /// An integer literal: `42`, `1_000`, `0x1F`, `0o17`, `0b101`.
    case integer
    /// A floating-point literal: `3.5`, `1e-3`, `.5`.
    case float
    /// A string literal with its prefix and quotes: `"a"`, `'b'`, `"""c"""`, `r"\d"`, `f"{x}"`.
    case string
    /// A character or byte sequence the lexer could not use; the lexer has reported it.
    case unknown

    /// `False`
    case falseKeyword
    /// `None`
    case noneKeyword
    /// `True`
    case trueKeyword
    /// `and`
    case andKeyword
    /// `as`
    case asKeyword
    /// `assert`
    case assertKeyword
    /// `async`
    case asyncKeyword
    /// `await`
    case awaitKeyword
    /// `break`
    case breakKeyword
    /// `class`
    case classKeyword
    /// `continue`
    case continueKeyword
    /// `def`
    case defKeyword
    /// `del`
    case delKeyword
    /// `elif`
    case elifKeyword
    /// `else`
    case elseKeyword
    /// `except`
    case exceptKeyword
    /// `finally`
    case finallyKeyword
    /// `for`
    case forKeyword
    /// `from`
    case fromKeyword
    /// `global`
    case globalKeyword
    /// `if`
    case ifKeyword
    /// `import`
    case importKeyword
    /// `in`
    case inKeyword
    /// `is`
    case isKeyword
    /// `lambda`
    case lambdaKeyword
    /// `nonlocal`
    case nonlocalKeyword
    /// `not`
    case notKeyword
    /// `or`
    case orKeyword
    /// `pass`
    case passKeyword
    /// `raise`
    case raiseKeyword
    /// `return`
    case returnKeyword
    /// `try`
    case tryKeyword
    /// `while`
    case whileKeyword
    /// `with`
    case withKeyword
    /// `yield`
    case yieldKeyword

    /// `(`
    case leftParenthesis
    /// `)`
    case rightParenthesis
    /// `[`
    case leftBracket
    /// `]`
    case rightBracket
    /// `{`
    case leftBrace
    /// `}`
    case rightBrace
    /// `,`
    case comma
    /// `:`
    case colon
    /// `;`
    case semicolon
    /// `.`
    case dot
    /// `...`
    case ellipsis
    /// `=`
    case equal
    /// `->`
    case arrow
    /// `:=`
    case colonEqual
    /// `+`
    case plus
    /// `-`
    case minus
    /// `*`
    case star
    /// `**`
    case doubleStar
    /// `/`
    case slash
    /// `//`
    case doubleSlash
    /// `%`
    case percent
    /// `@`
    case at
    /// `&`
    case ampersand
    /// `|`
    case pipe
    /// `^`
    case caret
    /// `~`
    case tilde
    /// `<<`
    case leftShift
    /// `>>`
    case rightShift
    /// `<`
    case less
    /// `>`
    case greater
    /// `<=`
    case lessEqual
    /// `>=`
    case greaterEqual
    /// `==`
    case equalEqual
    /// `!=`
    case notEqual
    /// An augmented assignment operator: `+=`, `-=`, `*=`, `/=`, `//=`, `%=`, `@=`, `&=`, `|=`, `^=`, `<<=`, `>>=`,
    /// `**=`.
    case augmentedAssignment

    /// Whether this is one of Python's keywords.
    public var isKeyword: Bool {
        rawValue >= TokenKind.falseKeyword.rawValue && rawValue <= TokenKind.yieldKeyword.rawValue
    }

    /// Whether this token takes no bytes of its own (indentation changes and the end of the file).
    public var isZeroWidth: Bool { self == .endOfFile || self == .indent || self == .dedent }

    /// Whether this is `)`, `]` or `}`.
    public var isClosingBracket: Bool {
        self == .rightParenthesis || self == .rightBracket || self == .rightBrace
    }

    /// Whether this is `(`, `[` or `{`.
    public var isOpeningBracket: Bool { self == .leftParenthesis || self == .leftBracket || self == .leftBrace }

    /// The closing bracket matching an opening bracket.
    public var matchingClosingBracket: TokenKind? {
        switch self {
        case .leftParenthesis: .rightParenthesis
        case .leftBracket: .rightBracket
        case .leftBrace: .rightBrace
        default: nil
        }
    }

    /// The fixed spelling of keywords and punctuation, `nil` for tokens whose text varies.
    public var fixedText: String? {
        switch self {
        case .endOfFile, .newline, .indent, .dedent, .identifier, .integer, .float, .string, .unknown,
            .augmentedAssignment:
            return nil
        case .falseKeyword: return "False"
        case .noneKeyword: return "None"
        case .trueKeyword: return "True"
        case .leftParenthesis: return "("
        case .rightParenthesis: return ")"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .comma: return ","
        case .colon: return ":"
        case .semicolon: return ";"
        case .dot: return "."
        case .ellipsis: return "..."
        case .equal: return "="
        case .arrow: return "->"
        case .colonEqual: return ":="
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .doubleStar: return "**"
        case .slash: return "/"
        case .doubleSlash: return "//"
        case .percent: return "%"
        case .at: return "@"
        case .ampersand: return "&"
        case .pipe: return "|"
        case .caret: return "^"
        case .tilde: return "~"
        case .leftShift: return "<<"
        case .rightShift: return ">>"
        case .less: return "<"
        case .greater: return ">"
        case .lessEqual: return "<="
        case .greaterEqual: return ">="
        case .equalEqual: return "=="
        case .notEqual: return "!="
        default:
            let name = String(describing: self)
            return String(name.dropLast("Keyword".count))
        }
    }

    /// How the kind reads in a message: `')'`, `a name`, `the end of the line`.
    public var displayName: String {
        switch self {
        case .endOfFile: "the end of the file"
        case .newline: "the end of the line"
        case .indent: "an indented block"
        case .dedent: "the end of the indented block"
        case .identifier: "a name"
        case .integer: "an integer"
        case .float: "a number"
        case .string: "a string"
        case .unknown: "an invalid character"
        case .augmentedAssignment: "an augmented assignment"
        default: "'\(fixedText ?? "?")'"
        }
    }
}

/// One token: its kind and where it and its leading trivia lie.
///
/// All trivia (spaces, comments, line breaks that are not significant, `\` continuations) belongs to the token
/// after it, so the tokens' full ranges tile the file: concatenating them gives back every byte.
public struct Token: Hashable, Sendable {
    /// The kind.
    public var kind: TokenKind
    // Offsets are stored in 32 bits to keep the token array small (16 bytes a token); files are limited to 4 GiB.
    private var storedFullStart: UInt32
    private var storedStart: UInt32
    private var storedEnd: UInt32

    /// The offset where the token's leading trivia starts.
    public var fullStart: Int { Int(storedFullStart) }
    /// The offset of the token's first byte.
    public var start: Int { Int(storedStart) }
    /// The offset just past the token.
    public var end: Int { Int(storedEnd) }

    /// Creates a token.
    @inline(__always)
    public init(kind: TokenKind, fullStart: Int, start: Int, end: Int) {
        self.kind = kind
        self.storedFullStart = UInt32(truncatingIfNeeded: fullStart)
        self.storedStart = UInt32(truncatingIfNeeded: start)
        self.storedEnd = UInt32(truncatingIfNeeded: end)
    }

    /// The token's own bytes, without trivia.
    public var range: ByteRange { ByteRange(start: start, end: end) }
    /// The token's bytes with its leading trivia.
    public var fullRange: ByteRange { ByteRange(start: fullStart, end: end) }
    /// The leading trivia's bytes.
    public var leadingTriviaRange: ByteRange { ByteRange(start: fullStart, end: start) }
}

/// The kind of one piece of trivia.
public enum TriviaKind: Sendable, Hashable {
    /// Spaces, tabs and form feeds.
    case whitespace
    /// A line break that does not end a statement (`\n`, `\r\n` or `\r`).
    case newline
    /// A `#` comment, without its line break.
    case comment
    /// A `\` followed by a line break.
    case lineContinuation
}

/// One piece of trivia and its bytes.
public struct TriviaPiece: Sendable, Hashable {
    /// The kind.
    public var kind: TriviaKind
    /// The bytes.
    public var range: ByteRange

    /// Creates a piece.
    public init(kind: TriviaKind, range: ByteRange) {
        self.kind = kind
        self.range = range
    }
}

/// Splits the bytes of a trivia range into pieces. Trivia holds only whitespace, comments, line breaks and
/// continuations, so it can be re-read cheaply instead of being stored.
func triviaPieces(_ bytes: [UInt8], _ range: ByteRange) -> [TriviaPiece] {
    var pieces: [TriviaPiece] = []
    var index = range.start
    while index < range.end {
        let start = index
        let byte = bytes[index]
        switch byte {
        case 0x20, 0x09, 0x0C:
            while index < range.end && (bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0C) {
                index += 1
            }
            pieces.append(TriviaPiece(kind: .whitespace, range: ByteRange(start: start, end: index)))
        case 0x0A:
            index += 1
            pieces.append(TriviaPiece(kind: .newline, range: ByteRange(start: start, end: index)))
        case 0x0D:
            index += index + 1 < range.end && bytes[index + 1] == 0x0A ? 2 : 1
            pieces.append(TriviaPiece(kind: .newline, range: ByteRange(start: start, end: index)))
        case 0x23:
            while index < range.end && bytes[index] != 0x0A && bytes[index] != 0x0D { index += 1 }
            pieces.append(TriviaPiece(kind: .comment, range: ByteRange(start: start, end: index)))
        case 0x5C:
            index += 1
            if index < range.end && bytes[index] == 0x0D { index += 1 }
            if index < range.end && bytes[index] == 0x0A { index += 1 }
            pieces.append(TriviaPiece(kind: .lineContinuation, range: ByteRange(start: start, end: index)))
        default:
            // Only the lexer decides what is trivia, so this is unreachable; keep the bytes as whitespace anyway.
            index += 1
            pieces.append(TriviaPiece(kind: .whitespace, range: ByteRange(start: start, end: index)))
        }
    }
    return pieces
}
