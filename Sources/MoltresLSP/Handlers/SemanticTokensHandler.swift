import Moltres
import MoltresProtocol

/// Classifies tokens for `textDocument/semanticTokens/*` from the compiler's semantic results.
///
/// Names are coloured by what the checker resolved them to (``Compilation/symbolOccurrences``), not by their
/// shape: a table name in `db.table("orders")` is a `type`, a column name (in a string or as `df.amount`) a
/// readonly `property`, a binding a `variable` with a `dataFrame` or `column` modifier by its value, `F.sum`
/// a library `function`, `.where` a library `method`, `how=` a `parameter`. A name the checker could not resolve
/// (it has an error diagnostic, or no symbol) gets no token, so it is never coloured as a known one.
enum SemanticTokenClassifier {
    /// The token types, in legend order (new types are appended so indexes stay stable).
    static let tokenTypes = [
        "namespace", "variable", "function", "method", "property", "parameter", "string", "number", "keyword",
        "comment", "operator", "type",
    ]
    /// The token modifiers, in legend order (bit positions).
    static let tokenModifiers = ["declaration", "defaultLibrary", "readonly", "dataFrame", "column"]
    /// The legend advertised in `initialize`.
    static let legend = SemanticTokensLegend(tokenTypes: tokenTypes, tokenModifiers: tokenModifiers)

    enum TokenType: Int {
        case namespace, variable, function, method, property, parameter, string, number, keyword, comment
        case `operator`, type
    }

    struct Modifiers: OptionSet {
        let rawValue: UInt32
        static let declaration = Modifiers(rawValue: 1)
        static let defaultLibrary = Modifiers(rawValue: 2)
        static let readonly = Modifiers(rawValue: 4)
        static let dataFrame = Modifiers(rawValue: 8)
        static let column = Modifiers(rawValue: 16)
    }

    /// Names predefined in every file (LANGUAGE.md, Predefined names).
    static let predefinedNamespaces: Set<String> = ["db", "F", "Window", "Records"]
    /// Functions predefined besides the `F.` ones.
    static let predefinedFunctions: Set<String> = ["col", "lit", "column", "connect", "when"]

    /// One classified token.
    struct Classified: Equatable {
        var range: ByteRange
        var type: Int
        var modifiers: UInt32
    }

    /// The classified tokens of a compilation, in order; only those touching `window` when it is given.
    static func classify(_ compilation: Compilation, in window: ByteRange? = nil) -> [Classified] {
        let tree = compilation.tree
        var symbols: [Int: [(range: ByteRange, symbol: SemanticSymbol)]] = [:]
        for occurrence in compilation.symbolOccurrences
        where window.map({ occurrence.range.end >= $0.start && occurrence.range.start <= $0.end }) ?? true {
            symbols[occurrence.range.start, default: []].append(occurrence)
        }
        // Ranges the checker reported an error on: an unknown name, table, column, keyword or function.
        var errors: [Int: Int] = [:]
        for diagnostic in compilation.diagnostics where diagnostic.severity == .error && !diagnostic.range.isEmpty {
            errors[diagnostic.range.start] = diagnostic.range.end
        }
        func isError(_ range: ByteRange) -> Bool { errors[range.start] == range.end }

        var result: [Classified] = []
        func add(_ range: ByteRange, _ type: TokenType, _ modifiers: Modifiers = []) {
            if !range.isEmpty {
                result.append(Classified(range: range, type: type.rawValue, modifiers: modifiers.rawValue))
            }
        }
        var index = firstToken(of: tree, touching: window?.start ?? 0)
        let count = tree.tokens.count
        while index < count {
            let token = tree.token(index)
            index += 1
            if let window, token.range.start > window.end { break }
            for piece in token.leadingTrivia where piece.kind == .comment { add(piece.range, .comment) }
            let kind = token.kind
            switch kind {
            case .string:
                classifyString(token, symbols: symbols, isError: isError, add: add)
            case .integer, .float:
                add(token.range, .number)
            case .identifier:
                if let (type, modifiers) = classifyIdentifier(token, symbols: symbols[token.range.start] ?? []) {
                    add(token.range, type, modifiers)
                } else if !isError(token.range), let (type, modifiers) = classifyUnresolved(token) {
                    add(token.range, type, modifiers)
                }
            default:
                if kind.isKeyword { add(token.range, .keyword) }
            }
        }
        return result
    }

    /// The index of the first token that ends at or after `offset` (tokens are in source order).
    private static func firstToken(of tree: SyntaxTree, touching offset: Int) -> Int {
        guard offset > 0 else { return 0 }
        var low = 0
        var high = tree.tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tree.token(middle).range.end < offset { low = middle + 1 } else { high = middle }
        }
        // Step back over tokens whose comments (leading trivia) may reach into the window.
        return max(0, low - 1)
    }

    /// A string: a resolved table or column name inside it is coloured as such, the quotes stay a string.
    private static func classifyString(
        _ token: SyntaxToken, symbols: [Int: [(range: ByteRange, symbol: SemanticSymbol)]],
        isError: (ByteRange) -> Bool, add: (ByteRange, TokenType, Modifiers) -> Void
    ) {
        let range = token.range
        var inner: (ByteRange, TokenType, Modifiers)?
        for start in range.start..<min(range.end, range.start + 4) {
            for occurrence in symbols[start] ?? [] where occurrence.range.end <= range.end {
                switch occurrence.symbol {
                case .table(let info, _, _) where info != nil:
                    inner = (occurrence.range, .type, [])
                case .column:
                    inner = (occurrence.range, .property, .readonly)
                default:
                    continue
                }
            }
            if inner != nil { break }
        }
        guard let (innerRange, type, modifiers) = inner, !isError(innerRange) else {
            return add(range, .string, [])
        }
        add(ByteRange(start: range.start, end: innerRange.start), .string, [])
        add(innerRange, type, modifiers)
        add(ByteRange(start: innerRange.end, end: range.end), .string, [])
    }

    /// An identifier the checker resolved: the most specific symbol recorded on exactly its range.
    private static func classifyIdentifier(
        _ token: SyntaxToken, symbols: [(range: ByteRange, symbol: SemanticSymbol)]
    ) -> (TokenType, Modifiers)? {
        var best: (rank: Int, type: TokenType, modifiers: Modifiers)?
        for occurrence in symbols where occurrence.range == token.range {
            let candidate: (Int, TokenType, Modifiers)
            switch occurrence.symbol {
            case .column:
                candidate = (0, .property, .readonly)
            case .function:
                candidate = (1, .function, .defaultLibrary)
            case .binding(let info):
                var modifiers: Modifiers = info.range == token.range ? .declaration : []
                switch info.valueKind {
                case .dataFrame, .groupedData: modifiers.insert(.dataFrame)
                case .column: modifiers.insert(.column)
                default: break
                }
                candidate = (2, info.kind == .importName ? .namespace : .variable, modifiers)
            case .method, .dataFrameStep:
                candidate = (3, .method, .defaultLibrary)
            case .table:
                candidate = (4, .type, [])
            }
            if best == nil || candidate.0 < best!.rank { best = candidate }
        }
        return best.map { ($0.type, $0.modifiers) }
    }

    /// An identifier without a symbol and without an error: predefined names, keyword-argument names, and the
    /// names of declarations the checker does not record. Anything else gets no token.
    private static func classifyUnresolved(_ token: SyntaxToken) -> (TokenType, Modifiers)? {
        guard let parent = token.parent else { return nil }
        switch parent.kind {
        case .argument:
            return (.parameter, [])
        case .bindingStatement, .withStatement:
            return (.variable, .declaration)
        case .importedName, .dottedName:
            return (.namespace, [])
        case .nameExpression:
            let name = token.text
            if predefinedNamespaces.contains(name) {
                return name == "db" ? (.variable, [.defaultLibrary, .readonly]) : (.namespace, .defaultLibrary)
            }
            let isCallee = parent.parent.flatMap(CallExpression.init)?.callee == parent
            if isCallee && (predefinedFunctions.contains(name) || BuiltinFunction.named(name) != nil) {
                return (.function, .defaultLibrary)
            }
            return nil
        default:
            return nil
        }
    }

    /// Relative-encodes classified tokens (five integers each), splitting tokens at line breaks.
    static func encode(_ tokens: [Classified], source: SourceText, converter: PositionConverter) -> [UInt32] {
        var data: [UInt32] = []
        data.reserveCapacity(tokens.count * 5)
        var previousLine = 0
        var previousCharacter = 0
        for token in tokens {
            // A token may not span lines (multi-line tokens are a client capability); split triple-quoted strings.
            let startLine = source.line(containing: token.range.start)
            let endLine = source.line(containing: max(token.range.start, token.range.end - 1))
            for line in startLine...endLine {
                let lineRange = source.contentRange(ofLine: line)
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
        return data
    }

    /// The one edit that turns `old` into `new`: the common prefix and suffix (in whole tokens) are kept.
    static func edits(from old: [UInt32], to new: [UInt32]) -> [SemanticTokensEdit] {
        if old == new { return [] }
        var prefix = 0
        let shorter = min(old.count, new.count)
        while prefix < shorter && old[prefix] == new[prefix] { prefix += 1 }
        prefix -= prefix % 5
        var suffix = 0
        while suffix < shorter - prefix && old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        suffix -= suffix % 5
        let inserted = Array(new[prefix..<(new.count - suffix)])
        return [
            SemanticTokensEdit(
                start: prefix, deleteCount: old.count - suffix - prefix, data: inserted.isEmpty ? nil : inserted)
        ]
    }
}

extension LanguageServer {
    /// `textDocument/semanticTokens/full`: every token, relative-encoded, split at line breaks, with a `resultId`
    /// for later delta requests.
    func handleSemanticTokens(_ params: SemanticTokensParams) throws -> SemanticTokens? {
        let snapshot = try snapshot(params.textDocument.uri)
        let data = SemanticTokenClassifier.encode(
            analysis(of: snapshot).semanticTokens(), source: snapshot.source,
            converter: converter(snapshot))
        return SemanticTokens(resultId: rememberSemanticTokens(data, for: snapshot.uri), data: data)
    }

    /// `textDocument/semanticTokens/range`: the tokens that touch a range (what the editor shows).
    func handleSemanticTokensRange(_ params: SemanticTokensRangeParams) throws -> SemanticTokens? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        let window = ByteRange(
            start: converter.byteOffset(of: params.range.start), end: converter.byteOffset(of: params.range.end))
        let tokens = analysis(of: snapshot).semanticTokens(in: window).filter {
            $0.range.end > window.start && $0.range.start < window.end
        }
        return SemanticTokens(
            data: SemanticTokenClassifier.encode(tokens, source: snapshot.source, converter: converter))
    }

    /// `textDocument/semanticTokens/full/delta`: the edit from the result the client holds, or every token when
    /// that result is not the last one sent for the document.
    func handleSemanticTokensDelta(_ params: SemanticTokensDeltaParams) throws -> SemanticTokensDeltaResult? {
        let uri = params.textDocument.uri
        let previous = semanticTokensResults.withLock { $0[uri] }
        guard let previous, previous.id == params.previousResultId else {
            return .full(try handleSemanticTokens(SemanticTokensParams(textDocument: params.textDocument))!)
        }
        let snapshot = try snapshot(uri)
        let data = SemanticTokenClassifier.encode(
            analysis(of: snapshot).semanticTokens(), source: snapshot.source,
            converter: converter(snapshot))
        let edits = SemanticTokenClassifier.edits(from: previous.data, to: data)
        return .delta(SemanticTokensDelta(resultId: rememberSemanticTokens(data, for: uri), edits: edits))
    }

    /// Keeps the last token array sent for a document and returns its new `resultId`.
    private func rememberSemanticTokens(_ data: [UInt32], for uri: DocumentUri) -> String {
        semanticTokensResults.withLock { results in
            let next = (results[uri].flatMap { Int($0.id) } ?? 0) + 1
            results[uri] = (String(next), data)
            return String(next)
        }
    }
}
