extension DiagnosticCode {
    /// MOL1001: a token that does not fit where it stands.
    public static let unexpectedToken = DiagnosticCode("MOL1001")
    /// MOL1002: an opening bracket without its closing bracket.
    public static let missingClosingBracket = DiagnosticCode("MOL1002")
    /// MOL1003: a string literal that does not end.
    public static let unterminatedString = DiagnosticCode("MOL1003")
    /// MOL1004: a malformed or unknown backslash escape in a string.
    public static let invalidEscape = DiagnosticCode("MOL1004")
    /// MOL1005: a malformed number literal.
    public static let invalidNumber = DiagnosticCode("MOL1005")
    /// MOL1006: indentation that does not match any outer level, or an unexpected or missing indented block.
    public static let indentation = DiagnosticCode("MOL1006")
    /// MOL1007: a character that cannot appear in a `.moltres` file outside strings and comments.
    public static let invalidCharacter = DiagnosticCode("MOL1007")
    /// MOL1008: an expression is required here.
    public static let expectedExpression = DiagnosticCode("MOL1008")
    /// MOL1009: a specific token (`:`, `,`, a name) is required here.
    public static let expectedToken = DiagnosticCode("MOL1009")
    /// MOL1010: a Python statement or construct that `.moltres` files do not have (`def`, `for`, `if`, `lambda`, …).
    public static let unsupportedStatement = DiagnosticCode("MOL1010")
    /// MOL1011: `and`, `or` or `not`, which do not work on columns.
    public static let booleanKeyword = DiagnosticCode("MOL1011")
    /// MOL1012: `in` or `is`, which do not work on columns.
    public static let membershipOrIdentity = DiagnosticCode("MOL1012")
    /// MOL1013: a chained comparison such as `a < b < c`.
    public static let chainedComparison = DiagnosticCode("MOL1013")
    /// MOL1014: an f-string.
    public static let formatString = DiagnosticCode("MOL1014")
    /// MOL1015: brackets or operators nested more deeply than the parser's limit (256), a method chain of more than
    /// 10,000 steps, or a query whose steps and expressions nest more deeply than the SQL generator's limit (256).
    public static let nestingTooDeep = DiagnosticCode("MOL1015")
    /// MOL1016: bytes that are not valid UTF-8.
    public static let invalidUTF8 = DiagnosticCode("MOL1016")
    /// MOL1017: augmented assignment such as `x += 1`.
    public static let augmentedAssignment = DiagnosticCode("MOL1017")
    /// MOL1018: the walrus operator `:=`.
    public static let walrus = DiagnosticCode("MOL1018")
    /// MOL1019: a decorator `@name`.
    public static let decorator = DiagnosticCode("MOL1019")
    /// MOL1020: an assignment to something that is not a plain name (`df.x = 1`, `a[0] = 1`).
    public static let invalidBindingTarget = DiagnosticCode("MOL1020")
    /// MOL1021: a Python expression the language does not have (conditional expression, comprehension, slice, set).
    public static let unsupportedExpression = DiagnosticCode("MOL1021")
    /// MOL1099: the parser stopped making progress: a bug in Moltres, reported instead of hanging.
    public static let parserStalled = DiagnosticCode("MOL1099")
}

/// The documented list of diagnostic codes, each with a title and a minimal example that produces exactly that code.
///
/// The documentation page is generated from these tables, and a test proves every example.
public enum DiagnosticCatalog {
    /// One catalogue row.
    public struct Entry: Sendable, Hashable {
        /// The code.
        public var code: DiagnosticCode
        /// A short title.
        public var title: String
        /// A minimal source text producing exactly this code (and no other).
        public var example: String
    }

    /// The syntax codes, `MOL1xxx`.
    public static let syntax: [Entry] = [
        Entry(code: .unexpectedToken, title: "Unexpected token", example: "x = 1 2 3\n"),
        Entry(code: .missingClosingBracket, title: "Missing closing bracket", example: "x = f(1, 2\ny = 3\n"),
        Entry(code: .unterminatedString, title: "Unterminated string", example: "x = \"abc\n"),
        Entry(code: .invalidEscape, title: "Invalid escape sequence", example: "x = \"\\x4\"\n"),
        Entry(code: .invalidNumber, title: "Invalid number", example: "x = 0x\n"),
        Entry(code: .indentation, title: "Indentation error", example: "x = 1\n    y = 2\n"),
        Entry(code: .invalidCharacter, title: "Invalid character", example: "x = $\n"),
        Entry(code: .expectedExpression, title: "Expected an expression", example: "x = \n"),
        Entry(code: .expectedToken, title: "Expected a token", example: "with db.transaction() as t\n    t.commit()\n"),
        Entry(
            code: .unsupportedStatement, title: "Python statement not supported",
            example: "def f(x):\n    return x\n"),
        Entry(code: .booleanKeyword, title: "`and`/`or`/`not` on columns", example: "x = (a > 1) and (b < 2)\n"),
        Entry(code: .membershipOrIdentity, title: "`in`/`is` on columns", example: "x = a is None\n"),
        Entry(code: .chainedComparison, title: "Chained comparison", example: "x = 1 < a < 3\n"),
        Entry(code: .formatString, title: "f-string", example: "x = f\"{a}\"\n"),
        Entry(
            code: .nestingTooDeep, title: "Nesting too deep",
            example: "x = " + String(repeating: "(", count: 300) + "\n"),
        Entry(code: .invalidUTF8, title: "Invalid UTF-8", example: "x = \"\u{FFFD}\"\n"),
        Entry(code: .augmentedAssignment, title: "Augmented assignment", example: "x += 1\n"),
        Entry(code: .walrus, title: "Walrus operator", example: "y = (x := 1)\n"),
        Entry(code: .decorator, title: "Decorator", example: "@cache\ndef f():\n    pass\n"),
        Entry(code: .invalidBindingTarget, title: "Binding to something that is not a name", example: "df.x = 1\n"),
        Entry(code: .unsupportedExpression, title: "Python expression not supported", example: "x = a if b else c\n"),
    ]

    /// The catalogue example as bytes; the invalid UTF-8 example has its replacement character swapped for a lone
    /// `0xFF` byte, which a Swift string literal cannot hold.
    public static func exampleBytes(_ entry: Entry) -> [UInt8] {
        if entry.code == .invalidUTF8 { return Array("x = \"".utf8) + [0xFF] + Array("\"\n".utf8) }
        return Array(entry.example.utf8)
    }
}
