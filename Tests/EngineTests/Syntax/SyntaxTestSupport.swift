import Foundation
import Testing

@testable import Moltres

/// Shared helpers of the syntax tests: every test describes its case as data and calls one of these.
enum SyntaxTestSupport {
    /// The directory of the `.moltres` fixtures.
    static let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Whether expectations should be rewritten instead of compared (`MOLTRES_UPDATE_FIXTURES=1`); review the diff.
    static let updateFixtures = ProcessInfo.processInfo.environment["MOLTRES_UPDATE_FIXTURES"] == "1"

    /// The names of the fixtures, without extension, sorted.
    static func fixtureNames() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".moltres") }.map { String($0.dropLast(".moltres".count)) }.sorted()
    }

    /// The bytes of fixture `name`.
    static func fixtureBytes(_ name: String) -> [UInt8] {
        let url = fixturesDirectory.appendingPathComponent(name + ".moltres")
        return (try? [UInt8](Data(contentsOf: url))) ?? []
    }

    /// The tree dump followed by the diagnostics, as stored in `<name>.tree`.
    static func describe(_ tree: SyntaxTree) -> String {
        var text = tree.dump()
        text += "--- diagnostics\n"
        for diagnostic in tree.diagnostics {
            let position = tree.source.position(of: diagnostic.range.start, encoding: .utf32)
            text +=
                "\(position.zeroBasedLine + 1):\(position.column + 1) \(diagnostic.severity) \(diagnostic.code): \(diagnostic.message)\n"
        }
        return text
    }

    /// Asserts the invariants every parse must keep: the tokens tile the input, the tree holds every token
    /// exactly once in order, and every node's range lies inside its parent's.
    static func checkInvariants(
        _ source: SourceText, _ tree: SyntaxTree, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(tree.reconstructedText == source.bytes, "lossless round trip", sourceLocation: sourceLocation)
        var expectedStart = 0
        for token in tree.tokens {
            if token.fullStart != expectedStart || token.start < token.fullStart || token.end < token.start {
                Issue.record("tokens do not tile the input at \(token)", sourceLocation: sourceLocation)
                return
            }
            expectedStart = token.end
        }
        let treeTokens = tree.rootNode.tokens.map(\.index)
        #expect(
            treeTokens == Array(0..<tree.tokens.count), "tree holds every token once", sourceLocation: sourceLocation)
        #expect(tree.tokens.last?.kind == .endOfFile, sourceLocation: sourceLocation)
        // Every node with children spans from its first child's leading trivia to its last child's end (the
        // parser's shortcuts write nodes directly; they must make what `finish` makes), and its children come
        // before it (nodes are stored in post-order).
        let storage = tree.storage
        for index in storage.nodes.indices {
            let raw = storage.nodes[index]
            guard raw.childCount > 0 else { continue }
            let children = storage.children[Int(raw.childStart)..<Int(raw.childStart + raw.childCount)]
            func range(_ child: Int32) -> (fullStart: Int, start: Int, end: Int) {
                if child >= 0 {
                    let node = storage.nodes[Int(child)]
                    return (node.fullStart, node.start, node.end)
                }
                let token = storage.tokens[Int(~child)]
                return (token.fullStart, token.start, token.end)
            }
            let first = range(children.first!)
            let last = range(children.last!)
            if raw.fullStart != first.fullStart || raw.start != first.start || raw.end != last.end
                || children.contains(where: { $0 >= index })
            {
                Issue.record("node \(index) (\(raw.kind)) does not span its children", sourceLocation: sourceLocation)
                return
            }
        }
    }

    /// Parses `text`, checks the invariants and returns the tree.
    @discardableResult
    static func parseChecked(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> SyntaxTree {
        let source = SourceText(text)
        let (tree, _) = parse(source)
        checkInvariants(source, tree, sourceLocation: sourceLocation)
        return tree
    }

    /// Inputs on which a fast path is compared with the general path it stands in for: every fixture cut every
    /// `cutEvery` bytes, 4,000 soups of 1–30 `pieces`, and 2,000 random byte strings, each with a label for reports.
    static func differentialInputs(
        cutEvery step: Int, pieces: [String], seed: UInt64
    ) -> [(source: SourceText, label: String)] {
        var inputs: [(source: SourceText, label: String)] = []
        for name in fixtureNames() {
            let bytes = fixtureBytes(name)
            for length in stride(from: 0, through: bytes.count, by: step) {
                inputs.append((SourceText(bytes: Array(bytes[0..<length])), "\(name) cut at \(length)"))
            }
        }
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<4000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...30, using: &generator) {
                text += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            inputs.append((SourceText(text), text.debugDescription))
        }
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...48, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            inputs.append((SourceText(bytes: bytes), "\(bytes)"))
        }
        return inputs
    }
}

/// Checks that `input` parses into exactly the diagnostic codes `expected` (in order), keeping the invariants.
func check(_ input: String, codes expected: [DiagnosticCode], sourceLocation: SourceLocation = #_sourceLocation) {
    let tree = SyntaxTestSupport.parseChecked(input, sourceLocation: sourceLocation)
    let codes = tree.diagnostics.map(\.code)
    #expect(codes == expected, "\(input.debugDescription): \(tree.diagnostics)", sourceLocation: sourceLocation)
}

/// Checks that `input` parses without diagnostics into a tree whose dump equals `expected` (leading and trailing
/// whitespace of each line ignored in `expected` except indentation, which is compared as written).
func check(_ input: String, tree expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let tree = SyntaxTestSupport.parseChecked(input, sourceLocation: sourceLocation)
    #expect(tree.diagnostics.isEmpty, "\(tree.diagnostics)", sourceLocation: sourceLocation)
    let actual = tree.dump()
    #expect(actual == expected, "\n\(actual)", sourceLocation: sourceLocation)
}

/// Checks that formatting `input` gives `expected`, and that formatting that again changes nothing.
func check(_ input: String, formatted expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let tree = SyntaxTestSupport.parseChecked(input, sourceLocation: sourceLocation)
    guard let output = format(tree) else {
        Issue.record("refused: \(tree.diagnostics)", sourceLocation: sourceLocation)
        return
    }
    #expect(output == expected, "\n\(output)", sourceLocation: sourceLocation)
    let again = format(parse(output).tree)
    #expect(again == output, "not idempotent:\n\(again ?? "nil")", sourceLocation: sourceLocation)
}
