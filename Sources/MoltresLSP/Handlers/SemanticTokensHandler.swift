import Moltres
import MoltresProtocol

/// Classifies tokens for `textDocument/semanticTokens/full`.
enum SemanticTokenClassifier {
    /// The token types, in legend order.
    static let tokenTypes = [
        "namespace", "variable", "function", "method", "property", "parameter", "string", "number", "keyword",
        "comment", "operator",
    ]
    /// The token modifiers, in legend order (bit positions).
    static let tokenModifiers = ["declaration", "defaultLibrary", "readonly"]
    /// The legend advertised in `initialize`.
    static let legend = SemanticTokensLegend(tokenTypes: tokenTypes, tokenModifiers: tokenModifiers)

    /// Names predefined in every file (LANGUAGE.md, Predefined names).
    static let predefinedNamespaces: Set<String> = ["db", "F", "Window", "Records"]
    /// Functions predefined besides the `F.` ones.
    static let predefinedFunctions: Set<String> = ["col", "lit", "column", "connect", "when"]

    /// One classified token.
    struct Classified {
        var range: ByteRange
        var type: Int
        var modifiers: UInt32
    }

    /// Every classified token of a tree, in order.
    static func classify(_ tree: SyntaxTree) -> [Classified] {
        var result: [Classified] = []
        let types = Dictionary(uniqueKeysWithValues: tokenTypes.enumerated().map { ($1, $0) })
        func add(_ range: ByteRange, _ type: String, _ modifiers: UInt32 = 0) {
            if let index = types[type], !range.isEmpty {
                result.append(Classified(range: range, type: index, modifiers: modifiers))
            }
        }
        for index in tree.tokens.indices {
            let token = tree.token(index)
            for piece in token.leadingTrivia where piece.kind == .comment { add(piece.range, "comment") }
            let kind = token.kind
            switch kind {
            case .string: add(token.range, "string")
            case .integer, .float: add(token.range, "number")
            case .identifier: classifyIdentifier(token, add: add)
            default:
                if kind.isKeyword { add(token.range, "keyword") }
            }
        }
        return result
    }

    private static func classifyIdentifier(_ token: SyntaxToken, add: (ByteRange, String, UInt32) -> Void) {
        let declaration: UInt32 = 1
        let library: UInt32 = 2
        guard let parent = token.parent else { return add(token.range, "variable", 0) }
        switch parent.kind {
        case .memberAccess:
            let isCallee = parent.parent.flatMap(CallExpression.init)?.callee == parent
            let base = MemberAccess(parent)?.base.flatMap(NameExpression.init)?.name
            if base == "F" { return add(token.range, "function", library) }
            add(token.range, isCallee ? "method" : "property", 0)
        case .argument:
            add(token.range, "parameter", 0)
        case .bindingStatement, .withStatement:
            add(token.range, "variable", declaration)
        case .importedName, .dottedName:
            add(token.range, "namespace", 0)
        case .nameExpression:
            let name = token.text
            let isCallee = parent.parent.flatMap(CallExpression.init)?.callee == parent
            if predefinedNamespaces.contains(name) {
                add(token.range, name == "db" ? "variable" : "namespace", library)
            } else if isCallee && (predefinedFunctions.contains(name) || BuiltinFunction.named(name) != nil) {
                add(token.range, "function", library)
            } else {
                add(token.range, "variable", 0)
            }
        default:
            add(token.range, "variable", 0)
        }
    }
}

extension LanguageServer {
    /// `textDocument/semanticTokens/full`: every token, relative-encoded, split at line breaks.
    func handleSemanticTokens(_ params: SemanticTokensParams) throws -> SemanticTokens? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        var data: [UInt32] = []
        var previousLine = 0
        var previousCharacter = 0
        for token in SemanticTokenClassifier.classify(snapshot.tree) {
            // A token may not span lines (multi-line tokens are a client capability); split triple-quoted strings.
            let startLine = snapshot.source.line(containing: token.range.start)
            let endLine = snapshot.source.line(containing: max(token.range.start, token.range.end - 1))
            for line in startLine...endLine {
                let lineRange = snapshot.source.contentRange(ofLine: line)
                let start = max(token.range.start, lineRange.start)
                let end = min(token.range.end, lineRange.end)
                guard end > start else { continue }
                let startPosition = converter.position(of: start)
                let endPosition = converter.position(of: end)
                let deltaLine = startPosition.line - previousLine
                let deltaCharacter =
                    deltaLine == 0 ? startPosition.character - previousCharacter : startPosition.character
                data += [
                    UInt32(deltaLine), UInt32(deltaCharacter), UInt32(endPosition.character - startPosition.character),
                    UInt32(token.type), token.modifiers,
                ]
                previousLine = startPosition.line
                previousCharacter = startPosition.character
            }
        }
        return SemanticTokens(data: data)
    }
}
