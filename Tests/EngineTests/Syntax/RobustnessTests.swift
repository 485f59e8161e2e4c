import Testing

@testable import Moltres

/// Hostile input: none of it may crash, hang or lose a byte.
@Suite struct RobustnessTests {
    @Test(arguments: SyntaxTestSupport.fixtureNames())
    func everyTruncationOfAFixtureParses(name: String) {
        let bytes = SyntaxTestSupport.fixtureBytes(name)
        #expect(!bytes.isEmpty)
        for length in 0...bytes.count {
            let source = SourceText(bytes: Array(bytes[0..<length]))
            let (tree, _) = parse(source)
            if tree.reconstructedText != source.bytes || tree.rootNode.tokens.count != tree.tokens.count {
                Issue.record("\(name) truncated at \(length) is not lossless")
                return
            }
        }
    }

    @Test(arguments: SyntaxTestSupport.fixtureNames())
    func everyFixtureWithOneByteRemovedParses(name: String) {
        let bytes = SyntaxTestSupport.fixtureBytes(name)
        for index in stride(from: 0, to: bytes.count, by: 3) {
            var damaged = bytes
            damaged.remove(at: index)
            let source = SourceText(bytes: damaged)
            let (tree, _) = parse(source)
            if tree.reconstructedText != damaged {
                Issue.record("\(name) without byte \(index) is not lossless")
                return
            }
        }
    }

    @Test func randomTokenSoup() {
        let pieces = [
            "(", ")", "[", "]", "{", "}", ",", ":", ".", "=", "==", "**", "*", "-", "~", "&", "|", "<", "and", "not",
            "in", "is", "None", "def", "with", "as", "if", "else", "for", "lambda", "import", "from", "x", "db", "col",
            "\"s\"", "'t", "\"\"\"", "f\"{", "1", "0x", "1e", ".5", "#c", "\n", "\n    ", "\n\t", " ", "\\", "\\\n",
            "@",
            ":=", "+=", ";", "$", "é", "😀", "\r\n", "\u{0}",
        ]
        var generator = SeededGenerator(seed: 0x6D6F_6C74_7265_73)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                text += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            let source = SourceText(text)
            let (tree, diagnostics) = parse(source)
            if tree.reconstructedText != source.bytes || tree.rootNode.tokens.count != tree.tokens.count {
                Issue.record("not lossless: \(text.debugDescription)")
                return
            }
            if diagnostics.contains(where: { $0.code == .parserStalled }) {
                Issue.record("parser stalled: \(text.debugDescription)")
                return
            }
            _ = format(tree)
        }
    }

    @Test func randomBytes() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<1000 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            let source = SourceText(bytes: bytes)
            let (tree, _) = parse(source)
            #expect(tree.reconstructedText == bytes)
        }
    }

    @Test(arguments: ["(", "[", "{", "f(", "a[", "-", "~", "not ", "a ** "])
    func tenThousandNestedLevels(opener: String) {
        let open = String(repeating: opener, count: 10_000)
        for text in [
            "x = \(open)1\n", "x = \(open)1" + String(repeating: closer(for: opener), count: 10_000) + "\ny = 2\n",
        ] {
            let source = SourceText(text)
            let (tree, diagnostics) = parse(source)
            #expect(tree.reconstructedText == source.bytes)
            let codes = Set(diagnostics.map(\.code))
            #expect(!codes.contains(.parserStalled))
            if opener != "-" && opener != "~" {
                #expect(codes.contains(.nestingTooDeep) || codes.contains(.booleanKeyword), "\(opener): \(codes)")
            }
            #expect(diagnostics.count <= 3, "\(opener): \(diagnostics.count) diagnostics")
            _ = format(tree)
        }
    }

    @Test func aLongFlatChainParses() {
        let text = "x = db" + String(repeating: ".a()", count: 20_000) + "\n"
        let (tree, diagnostics) = parse(text)
        #expect(diagnostics.isEmpty)
        #expect(tree.reconstructedText == Array(text.utf8))
        #expect(
            MethodChain(containing: tree.root.statements[0].as(BindingStatement.self)!.value!)?.steps.count == 20_000)
        #expect(format(tree) == nil || format(tree) != nil)
    }

    @Test func invalidUTF8EverywhereIsLosslessAndReported() {
        let bad: [UInt8] = [0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xF4, 0x90]
        let contexts = ["x = \"", "# ", "x = ", "", "x = f(", "y = 1\n"]
        for context in contexts {
            let bytes = Array(context.utf8) + bad + Array("\nz = 1\n".utf8)
            let source = SourceText(bytes: bytes)
            let (tree, diagnostics) = parse(source)
            #expect(tree.reconstructedText == bytes)
            #expect(diagnostics.contains { $0.code == .invalidUTF8 }, "\(context): \(diagnostics)")
            _ = tree.dump()
            _ = source.position(of: bytes.count - 3, encoding: .utf16)
        }
    }

    @Test func emptyAndWhitespaceOnlyFiles() {
        for text in ["", "\n", "   ", "# only a comment", "\n\n# c\n\n", "\\\n", "\r\n\r\n"] {
            let source = SourceText(text)
            let (tree, diagnostics) = parse(source)
            #expect(tree.reconstructedText == source.bytes)
            #expect(diagnostics.isEmpty, "\(text.debugDescription): \(diagnostics)")
            #expect(tree.root.statements.isEmpty)
        }
    }

    private func closer(for opener: String) -> String {
        switch opener {
        case "(", "f(": ")"
        case "[", "a[": "]"
        case "{": "}"
        default: ""
        }
    }
}

/// A deterministic random number generator (SplitMix64), so every run tests the same inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
