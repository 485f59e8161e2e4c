import Testing

@testable import Moltres

/// Checks the kinds and texts of the tokens of `input` (without the final newline/dedent/end-of-file tokens).
private func check(
    _ input: String, tokens expected: [(TokenKind, String)], codes: [DiagnosticCode] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let source = SourceText(input)
    let (tokens, diagnostics) = Lexer.tokenize(source)
    let significant = tokens.filter { $0.kind != .endOfFile && !($0.kind == .newline && $0.start == $0.end) }
    let actual = significant.map { ($0.kind, source.text(in: $0.range)) }
    #expect(actual.map(\.0) == expected.map(\.0), "\(actual)", sourceLocation: sourceLocation)
    #expect(actual.map(\.1) == expected.map(\.1), sourceLocation: sourceLocation)
    #expect(diagnostics.map(\.code) == codes, "\(diagnostics)", sourceLocation: sourceLocation)
}

@Suite struct LexerTests {
    @Test func identifiersAndKeywords() {
        check(
            "größe and_ None import 名前 _x1",
            tokens: [
                (.identifier, "größe"), (.identifier, "and_"), (.noneKeyword, "None"), (.importKeyword, "import"),
                (.identifier, "名前"), (.identifier, "_x1"),
            ])
        for kind in TokenKind.allCases where kind.isKeyword {
            let text = kind.fixedText!
            check(text, tokens: [(kind, text)])
        }
    }

    @Test(arguments: [
        ("42", TokenKind.integer), ("1_000", .integer), ("0x1F", .integer), ("0o17", .integer), ("0b101", .integer),
        ("0", .integer), ("00", .integer), ("3.5", .float), ("1e-3", .float), (".5", .float), ("5.", .float),
        ("1_000.5e+2", .float), ("1E5", .float),
    ])
    func numbers(text: String, kind: TokenKind) {
        check(text, tokens: [(kind, text)])
    }

    @Test(arguments: ["0x", "1__0", "1_", "007", "1abc", "3j", "0b102", "0o8"])
    func invalidNumbers(text: String) {
        let (tokens, diagnostics) = Lexer.tokenize(SourceText(text))
        #expect(diagnostics.map(\.code) == [.invalidNumber], "\(text)")
        #expect(tokens.first?.range == ByteRange(start: 0, end: text.utf8.count), "one token for \(text)")
    }

    @Test func stringsAndPrefixes() {
        check(
            #"'a' "b" """c"d""" r"\d" b"x" Rb'y' u"z" '''e'''"#,
            tokens: [
                (.string, "'a'"), (.string, "\"b\""), (.string, "\"\"\"c\"d\"\"\""), (.string, #"r"\d""#),
                (.string, "b\"x\""), (.string, "Rb'y'"), (.string, "u\"z\""), (.string, "'''e'''"),
            ])
        check("f\"{x}\"", tokens: [(.string, "f\"{x}\"")], codes: [.formatString])
        check("rf'{x}'", tokens: [(.string, "rf'{x}'")], codes: [.formatString])
        // A name that only looks like a prefix stays a name.
        check("rb2 'a'", tokens: [(.identifier, "rb2"), (.string, "'a'")])
    }

    @Test func stringErrors() {
        check(
            "\"abc\nx", tokens: [(.string, "\"abc"), (.newline, "\n"), (.identifier, "x")], codes: [.unterminatedString]
        )
        check("'''abc\n", tokens: [(.string, "'''abc\n")], codes: [.unterminatedString])
        check(#""\x4""#, tokens: [(.string, #""\x4""#)], codes: [.invalidEscape])
        check(#""\u12""#, tokens: [(.string, #""\u12""#)], codes: [.invalidEscape])
        check(#""\N{NOT A REAL NAME}""#, tokens: [(.string, #""\N{NOT A REAL NAME}""#)], codes: [.invalidEscape])
        check(#""\d""#, tokens: [(.string, #""\d""#)], codes: [.invalidEscape])
        check(#"r"\d""#, tokens: [(.string, #"r"\d""#)])
        check(#""a\"b""#, tokens: [(.string, #""a\"b""#)])
        check("\"a\\\nb\"", tokens: [(.string, "\"a\\\nb\"")])
    }

    @Test func unknownEscapeIsAWarningWithAFix() {
        let (_, diagnostics) = Lexer.tokenize(SourceText(#"x = "\d""#))
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.fixes.first?.edits == [TextEdit(range: .empty(at: 5), newText: "\\")])
    }

    @Test(arguments: [
        (#""a\tb""#, "a\tb"), (#"'it\'s'"#, "it's"), (#""\x41\u00e9\U0001F600""#, "Aé😀"), (#""\101\0""#, "A\0"),
        (#""\N{BULLET}""#, "•"), (#"r"\d\n""#, #"\d\n"#), (#""\d""#, #"\d"#), ("\"\"\"a\nb\"\"\"", "a\nb"),
        ("\"a\\\nb\"", "ab"), (#""""#, ""), (#""unterminated"#, "unterminated"),
    ])
    func stringValues(literal: String, value: String) {
        let (tree, _) = parse("x = \(literal)\n")
        let binding = tree.root.statements.first?.as(BindingStatement.self)
        #expect(binding?.value?.as(StringLiteral.self)?.value == value)
    }

    @Test func operatorsAndDelimiters() {
        let text = "== != <= >= ** // -> := ... @ & | ^ ~ << >> < > + - * / % = , : ; . ( ) [ ] { } += //= **= >>="
        let (tokens, diagnostics) = Lexer.tokenize(SourceText(text))
        #expect(diagnostics.isEmpty)
        let kinds = tokens.map(\.kind).filter { $0 != .newline && $0 != .endOfFile }
        #expect(
            kinds == [
                .equalEqual, .notEqual, .lessEqual, .greaterEqual, .doubleStar, .doubleSlash, .arrow, .colonEqual,
                .ellipsis, .at, .ampersand, .pipe, .caret, .tilde, .leftShift, .rightShift, .less, .greater, .plus,
                .minus, .star, .slash, .percent, .equal, .comma, .colon, .semicolon, .dot, .leftParenthesis,
                .rightParenthesis, .leftBracket, .rightBracket, .leftBrace, .rightBrace, .augmentedAssignment,
                .augmentedAssignment, .augmentedAssignment, .augmentedAssignment,
            ])
    }

    @Test func invalidCharacters() {
        check("a $ b", tokens: [(.identifier, "a"), (.unknown, "$"), (.identifier, "b")], codes: [.invalidCharacter])
        check("a ! b", tokens: [(.identifier, "a"), (.unknown, "!"), (.identifier, "b")], codes: [.invalidCharacter])
        check("a → b", tokens: [(.identifier, "a"), (.unknown, "→"), (.identifier, "b")], codes: [.invalidCharacter])
        check("😀", tokens: [(.unknown, "😀")], codes: [.invalidCharacter])
    }

    @Test func newlinesIndentationAndContinuations() {
        let text = "with a:\n    b\n\n    # c\n    d\ne = (1,\n  2)\nf = g \\\n  + 1\nh = i\n  .j()\n    .k()\n"
        let (tokens, diagnostics) = Lexer.tokenize(SourceText(text))
        #expect(diagnostics.isEmpty)
        let kinds = tokens.map(\.kind)
        #expect(
            kinds == [
                .withKeyword, .identifier, .colon, .newline, .indent, .identifier, .newline, .identifier, .newline,
                .dedent, .identifier, .equal, .leftParenthesis, .integer, .comma, .integer, .rightParenthesis, .newline,
                .identifier, .equal, .identifier, .plus, .integer, .newline, .identifier, .equal, .identifier, .dot,
                .identifier, .leftParenthesis, .rightParenthesis, .dot, .identifier, .leftParenthesis,
                .rightParenthesis, .newline, .endOfFile,
            ])
    }

    @Test func leadingDotFloatIsNotAContinuation() {
        let (tokens, _) = Lexer.tokenize(SourceText("a = 1\n.5\n"))
        #expect(tokens.map(\.kind) == [.identifier, .equal, .integer, .newline, .float, .newline, .endOfFile])
    }

    @Test func trailingCommentAndNoFinalNewline() {
        let source = SourceText("x = 1  # note")
        let (tokens, _) = Lexer.tokenize(source)
        #expect(tokens.map(\.kind) == [.identifier, .equal, .integer, .newline, .endOfFile])
        #expect(source.text(in: tokens[3].leadingTriviaRange) == "  # note")
    }

    @Test func invalidUTF8IsReportedOncePerRun() {
        let bytes: [UInt8] = Array("a = ".utf8) + [0xC3, 0x28, 0xFF, 0xFE] + Array(" # \u{E9}".utf8) + [0xFF] + [0x0A]
        let (tokens, diagnostics) = Lexer.tokenize(SourceText(bytes: bytes))
        #expect(diagnostics.map(\.code) == [.invalidUTF8, .invalidUTF8, .invalidUTF8])
        #expect(tokens.contains { $0.kind == .unknown })
    }

    @Test func triviaPiecesSplitComments() {
        let (tree, _) = parse("x = 1\n\n  # a\n\\\ny = 2\n")
        let y = tree.tokens.firstIndex { tree.source.text(in: $0.range) == "y" }!
        let pieces = tree.token(y).leadingTrivia.map(\.kind)
        #expect(pieces == [.newline, .whitespace, .comment, .newline, .lineContinuation])
    }

    @Test func filesDenserThanHalfTheirBytesKeepEveryToken() {
        // The token array is first sized for half the bytes; these files have more tokens and are lexed again.
        let list = "x=[" + String(repeating: "1,", count: 300) + "]\n"
        let nested = String(repeating: "(", count: 600) + String(repeating: ")", count: 600)
        for input in [list, nested, ",", "(\n", "a.b"] {
            let source = SourceText(input)
            let (tokens, diagnostics) = Lexer.tokenize(source)
            let rebuilt = tokens.map { source.text(in: $0.fullRange) }.joined()
            #expect(rebuilt == input)
            #expect(diagnostics.isEmpty, "\(diagnostics)")
        }
        #expect(Lexer.tokenize(SourceText(list)).tokens.count == 3 + 600 + 1 + 1 + 1)
        #expect(Lexer.tokenize(SourceText(nested)).tokens.count == 1200 + 2)
    }

    @Test func namesThatAreAlmostKeywordsAreNames() {
        for kind in TokenKind.allCases where kind.isKeyword {
            let text = kind.fixedText!
            for near in [String(text.dropLast()), text + "s", "_" + text, text + "1", text.uppercased()]
            where near.count > 0 && near != text {
                check("\(near) x", tokens: [(.identifier, near), (.identifier, "x")])
            }
        }
    }

    @Test func stringsAtTheEdgesOfTheCommonPath() {
        let cases: [(String, [(TokenKind, String)], [DiagnosticCode])] = [
            ("\"\"", [(.string, "\"\"")], []),
            ("''x", [(.string, "''"), (.identifier, "x")], []),
            ("\"\"\"a\"\"\"", [(.string, "\"\"\"a\"\"\"")], []),
            ("\"abcdefg\"(", [(.string, "\"abcdefg\""), (.leftParenthesis, "(")], []),
            ("\"abcdefgh\"", [(.string, "\"abcdefgh\"")], []),
            ("\"abcdefghijklmnop\",'q'", [(.string, "\"abcdefghijklmnop\""), (.comma, ","), (.string, "'q'")], []),
            ("\"abcdefghij'klm\"", [(.string, "\"abcdefghij'klm\"")], []),
            ("\"abcdefghij\\nk\"", [(.string, "\"abcdefghij\\nk\"")], []),
            ("\"abcdefghijé\"", [(.string, "\"abcdefghijé\"")], []),
            ("\"abcdefghijklmno", [(.string, "\"abcdefghijklmno")], [.unterminatedString]),
            ("\"abcdefghij\tk\"", [(.string, "\"abcdefghij\tk\"")], []),
            ("r\"a\\d\" b'x' rb'y'", [(.string, "r\"a\\d\""), (.string, "b'x'"), (.string, "rb'y'")], []),
        ]
        for (input, tokens, codes) in cases {
            check(input, tokens: tokens, codes: codes)
        }
    }

    @Test func gluedComparisonsAndNumbers() {
        check(
            "a<b>c<=d>=e<>f<<g>>h>=1>2<3 (12)1.5,9e3,10j,42_0,7",
            tokens: [
                (.identifier, "a"), (.less, "<"), (.identifier, "b"), (.greater, ">"), (.identifier, "c"),
                (.lessEqual, "<="), (.identifier, "d"), (.greaterEqual, ">="), (.identifier, "e"), (.notEqual, "<>"),
                (.identifier, "f"), (.leftShift, "<<"), (.identifier, "g"), (.rightShift, ">>"), (.identifier, "h"),
                (.greaterEqual, ">="), (.integer, "1"), (.greater, ">"), (.integer, "2"), (.less, "<"),
                (.integer, "3"), (.leftParenthesis, "("), (.integer, "12"), (.rightParenthesis, ")"), (.float, "1.5"),
                (.comma, ","), (.float, "9e3"), (.comma, ","), (.integer, "10j"), (.comma, ","), (.integer, "42_0"),
                (.comma, ","), (.integer, "7"),
            ],
            codes: [.invalidNumber])
    }

    /// The common-token loop is a second lexer for the usual tokens; on any input it must make exactly the tokens
    /// and diagnostics of the general path it stands in for.
    @Test func theCommonTokenLoopMakesWhatTheGeneralPathMakes() {
        // Pieces at the edges of the loop: strings of 7, 8, 9 and 16 bytes, with escapes, quotes of the other kind,
        // prefixes, non-ASCII and control bytes; glued numbers, operators and names; brackets that do not match.
        let pieces = [
            "x", "db", "_a1", "in", "is", "not", "None", "True", "lambda", "éa", "a\u{301}", "1", "0", "12", "1.5",
            "1e3",
            "0x1F", "1_0", "10j", ".5", "...", ".", ",", "=", "==", "<", ">", "<=", ">>", "<>", "!=", "(", ")", "[",
            "]",
            "{", "}", "\"\"", "''", "\"abcdefg\"", "\"abcdefgh\"", "'abcdefghijklmnop'", "\"ab'cd\"", "\"a\\\"b\"",
            "\"abcdefghi\u{7}\"", "\"abcdefghé\"", "\"\"\"doc\"\"\"", "r'\\d'", "f\"{x}\"", "b'y'", "\"open",
            " ", "  ", "\t", "\n", "\n    ", "\n.", "#c\n", "\\\n", "\r\n", "\u{0}", "\u{7F}", "$", "@",
        ]
        let inputs = SyntaxTestSupport.differentialInputs(cutEvery: 5, pieces: pieces, seed: 0x6C65_7865_72)
        for (source, label) in inputs {
            let fast = Lexer.tokenize(source, commonTokenLoop: true)
            let general = Lexer.tokenize(source, commonTokenLoop: false)
            guard fast.tokens == general.tokens, fast.diagnostics == general.diagnostics else {
                Issue.record("the common-token loop differs from the general path on \(label)")
                return
            }
        }
        #expect(inputs.count > 6000)
    }
}
