import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The kind of a syntax node.
public enum SyntaxKind: UInt8, Sendable, Hashable, CaseIterable {
    /// The whole file: statements, then the end-of-file token.
    case sourceFile
    /// `import a.b [as c], …` (accepted, no effect).
    case importStatement
    /// `from a.b import x [as y], …` (accepted, no effect).
    case fromImportStatement
    /// One imported name with its optional `as` alias.
    case importedName
    /// A dotted module name such as `moltres.expressions`.
    case dottedName
    /// `name = expression`.
    case bindingStatement
    /// An expression on its own: a query, an action or a mutation.
    case expressionStatement
    /// `with expression as name:` and its indented body.
    case withStatement
    /// The indented body of a `with` statement.
    case block
    /// A Python statement outside the language (`def`, `for`, `if`, …), kept whole with its body.
    case unsupportedStatement
    /// A statement that could not be parsed, or one that is reported and kept for analysis (`x += 1`).
    case errorStatement
    /// A name such as `orders`.
    case nameExpression
    /// An integer literal.
    case integerLiteral
    /// A floating-point literal.
    case floatLiteral
    /// One string literal, or several adjacent ones that Python joins (`"a" "b"`).
    case stringLiteral
    /// `True` or `False`.
    case booleanLiteral
    /// `None`.
    case noneLiteral
    /// `[a, b]`.
    case listExpression
    /// `(a, b)`, `(a,)` or `()`.
    case tupleExpression
    /// `{"k": v}`.
    case dictExpression
    /// `key: value` inside a dict.
    case dictEntry
    /// `(expression)`.
    case parenthesizedExpression
    /// `callee(arguments)`.
    case callExpression
    /// `(arguments)` of a call, with its brackets.
    case argumentList
    /// One argument: `value`, `label=value`, `*value` or `**value`.
    case argument
    /// `base.name`.
    case memberAccess
    /// `base[index]`.
    case subscriptExpression
    /// `left operator right`.
    case binaryExpression
    /// `operator operand`: `-x`, `+x`, `~x`, `not x`.
    case unaryExpression
    /// A place where an expression is required but none was written (zero width).
    case missingExpression
    /// An expression that was reported and kept (`a if b else c`, `lambda`, tokens that could not be used).
    case errorExpression
    /// Unexpected tokens skipped during recovery.
    case error

    /// Whether nodes of this kind are statements.
    public var isStatement: Bool {
        switch self {
        case .importStatement, .fromImportStatement, .bindingStatement, .expressionStatement, .withStatement,
            .unsupportedStatement, .errorStatement:
            true
        default: false
        }
    }

    /// Whether nodes of this kind are expressions (including missing and error expressions).
    public var isExpression: Bool {
        rawValue >= SyntaxKind.nameExpression.rawValue && rawValue <= SyntaxKind.errorExpression.rawValue
            && self != .dictEntry && self != .argumentList && self != .argument
    }
}

/// One stored node: kind, ranges and where its children are in the shared child list.
struct RawNode: Sendable {
    var kind: SyntaxKind
    private var storedFullStart: UInt32
    private var storedStart: UInt32
    private var storedEnd: UInt32
    var childStart: Int32
    var childCount: Int32

    @inline(__always)
    init(kind: SyntaxKind, fullStart: Int, start: Int, end: Int, childStart: Int32, childCount: Int32) {
        self.kind = kind
        self.storedFullStart = UInt32(truncatingIfNeeded: fullStart)
        self.storedStart = UInt32(truncatingIfNeeded: start)
        self.storedEnd = UInt32(truncatingIfNeeded: end)
        self.childStart = childStart
        self.childCount = childCount
    }

    var fullStart: Int { Int(storedFullStart) }
    var start: Int { Int(storedStart) }
    var end: Int { Int(storedEnd) }
}

/// An immutable array of plain values in memory from `malloc`, owned by the ``SyntaxStorage`` that frees it: the
/// parser's node and child buffers are adopted as they are, without copying them into arrays (two allocations,
/// two copies and two frees a parse). Reads are checked against the count, as an array's are.
struct SyntaxArray<Element>: @unchecked Sendable {
    // Sendable: the memory is written only before the storage that owns it is made, and never after.
    let base: UnsafeMutablePointer<Element>
    let count: Int
    /// Whether `base` is an allocation of its own, which the storage frees (otherwise it is a part of the
    /// parser's ``Parser/block``, which the storage frees as a whole).
    let owned: Bool

    @inline(__always)
    subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "syntax array index out of range")
        return base[index]
    }

    /// The elements in `bounds`, valid while the storage that owns this array is alive.
    @inline(__always)
    subscript(bounds: Range<Int>) -> UnsafeBufferPointer<Element> {
        precondition(bounds.lowerBound >= 0 && bounds.upperBound <= count, "syntax array range out of range")
        return UnsafeBufferPointer(start: base + bounds.lowerBound, count: bounds.count)
    }

    var indices: Range<Int> { 0..<count }
    var isEmpty: Bool { count == 0 }

    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The elements as an array (one copy).
    var array: [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// The memory the parser's buffers start in (``Parser/block``), owned and freed by a ``SyntaxStorage``.
struct SyntaxBlock: @unchecked Sendable {
    // Sendable: only freed, by the storage's deinit; never read through this reference.
    let memory: UnsafeMutableRawPointer?
}

/// The immutable arrays behind a ``SyntaxTree``.
final class SyntaxStorage: Sendable {
    let source: SourceText
    let tokens: [Token]
    /// The parser's node buffer, freed with the storage.
    let nodes: SyntaxArray<RawNode>
    /// Children of all nodes: a value `v >= 0` is node `v`; `v < 0` is token `~v` (the parser's buffer, freed with
    /// the storage).
    let children: SyntaxArray<Int32>
    let rootIndex: Int
    let diagnostics: [Diagnostic]
    /// The parent of every node and token, made on first use: compiling reads children only, while position
    /// queries (hover, completion, the statement at an offset) go up the tree.
    private let parentTable = Mutex<ParentTable?>(nil)

    /// The parent node of each node and of each token (-1 for the root).
    struct ParentTable: Sendable {
        let nodes: [Int32]
        let tokens: [Int32]
    }

    /// The parser's buffers' one allocation (``Parser/block``) when it is not in the token array, freed with the
    /// storage.
    private let block: SyntaxBlock

    /// Takes ownership of `block` (if any) and of `nodes` and `children`, which must come from `malloc` (a
    /// ``ParserBuffer``'s memory: parts of `block` or of the `tokens` array's room past its tokens, or allocations
    /// of their own when they are `owned`).
    init(
        source: SourceText, tokens: [Token], block: UnsafeMutableRawPointer?, nodes: SyntaxArray<RawNode>,
        children: SyntaxArray<Int32>, rootIndex: Int, diagnostics: [Diagnostic]
    ) {
        self.block = SyntaxBlock(memory: block)
        self.source = source
        self.tokens = tokens
        self.nodes = nodes
        self.children = children
        self.rootIndex = rootIndex
        self.diagnostics = diagnostics
    }

    deinit {
        free(block.memory)
        if nodes.owned { free(nodes.base) }
        if children.owned { free(children.base) }
    }

    var nodeParents: [Int32] { parents.nodes }
    var tokenParents: [Int32] { parents.tokens }

    private var parents: ParentTable {
        parentTable.withLock { table in
            if let table { return table }
            let made = makeParents()
            table = made
            return made
        }
    }

    private func makeParents() -> ParentTable {
        var nodeParents = [Int32](repeating: -1, count: nodes.count)
        var tokenParents = [Int32](repeating: -1, count: tokens.count)
        nodeParents.withUnsafeMutableBufferPointer { nodeParents in
            tokenParents.withUnsafeMutableBufferPointer { tokenParents in
                children.withUnsafeBufferPointer { children in
                    for index in nodes.indices {
                        let start = Int(nodes[index].childStart)
                        let end = start + Int(nodes[index].childCount)
                        var position = start
                        while position < end {
                            let child = children[position]
                            if child >= 0 {
                                nodeParents[Int(child)] = Int32(index)
                            } else {
                                tokenParents[Int(~child)] = Int32(index)
                            }
                            position += 1
                        }
                    }
                }
            }
        }
        return ParentTable(nodes: nodeParents, tokens: tokenParents)
    }
}

/// A lossless syntax tree: every byte of the source belongs to exactly one token (as token text or leading trivia),
/// and every token belongs to exactly one node.
///
/// The tree is an immutable value; ``SyntaxNode`` and ``SyntaxToken`` are cheap views into it.
///
/// ```swift
/// let (tree, diagnostics) = parse("x = db.table(\"t\")\n")
/// let binding = tree.root.statements.first?.as(BindingStatement.self)
/// binding?.name  // "x"
/// ```
public struct SyntaxTree: Sendable, Hashable {
    let storage: SyntaxStorage

    init(storage: SyntaxStorage) { self.storage = storage }

    /// The source the tree was parsed from.
    public var source: SourceText { storage.source }
    /// All tokens in source order, ending with `endOfFile`.
    public var tokens: [Token] { storage.tokens }
    /// The syntax diagnostics found while lexing and parsing.
    public var diagnostics: [Diagnostic] { storage.diagnostics }
    /// Whether any syntax diagnostic is an error.
    public var hasErrors: Bool { storage.diagnostics.contains { $0.severity == .error } }
    /// The `sourceFile` node.
    public var root: SourceFile { SourceFile(SyntaxNode(tree: self, index: storage.rootIndex))! }
    /// The `sourceFile` node as an untyped node.
    public var rootNode: SyntaxNode { SyntaxNode(tree: self, index: storage.rootIndex) }

    /// Trees are equal when they are the same parse.
    public static func == (left: SyntaxTree, right: SyntaxTree) -> Bool { left.storage === right.storage }

    /// Hashes the parse's identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(storage)) }

    /// The token at index `index` of ``tokens``.
    public func token(_ index: Int) -> SyntaxToken { SyntaxToken(tree: self, index: index) }

    /// The token whose full range (leading trivia included) contains `byteOffset`; offsets at or past the end give
    /// the end-of-file token. Every offset has one.
    public func token(at byteOffset: Int) -> SyntaxToken {
        let tokens = storage.tokens
        var low = 0
        var high = tokens.count - 1
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].end <= byteOffset { low = middle + 1 } else { high = middle }
        }
        return SyntaxToken(tree: self, index: low)
    }

    /// The last token with text that ends at or before `byteOffset`, for completion ("what was just typed?").
    public func token(before byteOffset: Int) -> SyntaxToken? {
        var index = token(at: byteOffset).index
        while index >= 0 {
            let token = storage.tokens[index]
            if token.end <= byteOffset && token.end > token.start { return SyntaxToken(tree: self, index: index) }
            index -= 1
        }
        return nil
    }

    /// The innermost node whose range touches `byteOffset` (`start <= offset <= end`), preferring the later node at a
    /// boundary between two, and including zero-width missing nodes.
    public func innermostNode(at byteOffset: Int) -> SyntaxNode {
        var current = rootNode
        while true {
            var next: SyntaxNode?
            for child in current.childNodes {
                let range = child.range
                if range.start <= byteOffset && byteOffset <= range.end {
                    next = child
                    if byteOffset < range.end { break }
                }
                if range.start > byteOffset { break }
            }
            guard let next else { return current }
            current = next
        }
    }

    /// The innermost statement whose full range contains `byteOffset` (a `with` body's statement, not the `with`).
    public func statement(containing byteOffset: Int) -> SyntaxNode? {
        let token = token(at: byteOffset)
        var node = token.parent
        while let current = node {
            if current.kind.isStatement { return current }
            node = current.parent
        }
        return nil
    }

    /// The source text of the whole tree, rebuilt from its tokens and trivia: always equal to the input.
    public var reconstructedText: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.bytes.count)
        for token in storage.tokens { bytes.append(contentsOf: source.bytes[token.fullStart..<token.end]) }
        return bytes
    }

    /// An indented dump of the tree, one node or token per line, for tests and debugging.
    ///
    /// ```
    /// sourceFile 0..<6
    ///   bindingStatement 0..<6
    ///     identifier "x" 0..<1
    /// ```
    public func dump(includeTrivia: Bool = false) -> String {
        var output = ""
        var stack: [(SyntaxElement, Int)] = [(.node(rootNode), 0)]
        while let (element, depth) = stack.popLast() {
            output += String(repeating: "  ", count: depth)
            switch element {
            case .node(let node):
                output += "\(node.kind) \(node.range)\n"
                for child in node.children.reversed() { stack.append((child, depth + 1)) }
            case .token(let token):
                output += "\(token.kind) \(debugQuote(token.text)) \(token.range)"
                if includeTrivia && !token.token.leadingTriviaRange.isEmpty {
                    output += " trivia=\(debugQuote(source.text(in: token.token.leadingTriviaRange)))"
                }
                output += "\n"
            }
        }
        return output
    }
}

private func debugQuote(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

/// A child of a node: a node or a token.
public enum SyntaxElement: Sendable, Hashable {
    /// A child node.
    case node(SyntaxNode)
    /// A child token.
    case token(SyntaxToken)

    /// The child's range without leading trivia.
    public var range: ByteRange {
        switch self {
        case .node(let node): node.range
        case .token(let token): token.range
        }
    }
}

/// A view of one node of a ``SyntaxTree``.
public struct SyntaxNode: Sendable, Hashable, CustomStringConvertible {
    /// The tree.
    public let tree: SyntaxTree
    /// The node's index in the tree (stable for the life of the tree).
    public let index: Int

    var raw: RawNode { tree.storage.nodes[index] }

    /// The kind.
    public var kind: SyntaxKind { raw.kind }
    /// The bytes from the first token's text to the last token's end (no leading trivia).
    public var range: ByteRange { ByteRange(start: raw.start, end: raw.end) }
    /// The bytes including the first token's leading trivia.
    public var fullRange: ByteRange { ByteRange(start: raw.fullStart, end: raw.end) }
    /// The source text of ``range``.
    public var text: String { tree.source.text(in: range) }

    /// The node's range as lines and columns (UTF-16 columns unless told otherwise).
    public func sourceRange(encoding: ColumnEncoding = .utf16) -> SourceRange {
        tree.source.range(of: range, encoding: encoding)
    }

    /// The children, nodes and tokens, in source order.
    public var children: [SyntaxElement] {
        let raw = raw
        let start = Int(raw.childStart)
        return tree.storage.children[start..<(start + Int(raw.childCount))].map { child in
            child >= 0
                ? .node(SyntaxNode(tree: tree, index: Int(child))) : .token(SyntaxToken(tree: tree, index: Int(~child)))
        }
    }

    /// The child nodes, in source order.
    public var childNodes: [SyntaxNode] {
        let raw = raw
        let start = Int(raw.childStart)
        return tree.storage.children[start..<(start + Int(raw.childCount))].compactMap { child in
            child >= 0 ? SyntaxNode(tree: tree, index: Int(child)) : nil
        }
    }

    /// The child tokens (direct children only), in source order.
    public var childTokens: [SyntaxToken] {
        let raw = raw
        let start = Int(raw.childStart)
        return tree.storage.children[start..<(start + Int(raw.childCount))].compactMap { child in
            child < 0 ? SyntaxToken(tree: tree, index: Int(~child)) : nil
        }
    }

    /// The first direct child token of `kind`.
    public func childToken(_ kind: TokenKind) -> SyntaxToken? { firstToken(ofKind: kind) }

    /// The parent node; `nil` for the root.
    public var parent: SyntaxNode? {
        let parent = tree.storage.nodeParents[index]
        return parent >= 0 ? SyntaxNode(tree: tree, index: Int(parent)) : nil
    }

    /// The parent, its parent, and so on up to the root.
    public var ancestors: [SyntaxNode] {
        var result: [SyntaxNode] = []
        var current = parent
        while let node = current {
            result.append(node)
            current = node.parent
        }
        return result
    }

    /// The first token in the subtree (nil for a node without tokens, such as a missing expression).
    public var firstToken: SyntaxToken? { edgeToken(fromStart: true) }

    /// The last token in the subtree.
    public var lastToken: SyntaxToken? { edgeToken(fromStart: false) }

    private func edgeToken(fromStart: Bool) -> SyntaxToken? {
        var stack: [Int32] = [Int32(index)]
        let storage = tree.storage
        while let element = stack.popLast() {
            if element < 0 { return SyntaxToken(tree: tree, index: Int(~element)) }
            let raw = storage.nodes[Int(element)]
            let start = Int(raw.childStart)
            let slice = storage.children[start..<(start + Int(raw.childCount))]
            if fromStart { stack.append(contentsOf: slice.reversed()) } else { stack.append(contentsOf: slice) }
        }
        return nil
    }

    /// Every token of the subtree in source order (iterative, so deep trees are fine).
    public var tokens: [SyntaxToken] {
        var result: [SyntaxToken] = []
        var stack: [Int32] = [Int32(index)]
        let storage = tree.storage
        while let element = stack.popLast() {
            if element < 0 {
                result.append(SyntaxToken(tree: tree, index: Int(~element)))
                continue
            }
            let raw = storage.nodes[Int(element)]
            let start = Int(raw.childStart)
            for child in storage.children[start..<(start + Int(raw.childCount))].reversed() { stack.append(child) }
        }
        return result
    }

    /// Views this node as a typed node, or `nil` when it has another kind.
    public func `as`<View: SyntaxNodeView>(_ type: View.Type) -> View? { View(self) }

    /// `kind range`.
    public var description: String { "\(kind) \(range)" }
}

/// A view of one token of a ``SyntaxTree``.
public struct SyntaxToken: Sendable, Hashable, CustomStringConvertible {
    /// The tree.
    public let tree: SyntaxTree
    /// The token's index in ``SyntaxTree/tokens``.
    public let index: Int

    /// The stored token.
    public var token: Token { tree.storage.tokens[index] }
    /// The kind.
    public var kind: TokenKind { token.kind }
    /// The token's own bytes.
    public var range: ByteRange { token.range }
    /// The bytes including leading trivia.
    public var fullRange: ByteRange { token.fullRange }
    /// The token's text, decoded lossily.
    public var text: String { tree.source.text(in: token.range) }
    /// The node that holds this token.
    public var parent: SyntaxNode? {
        let parent = tree.storage.tokenParents[index]
        return parent >= 0 ? SyntaxNode(tree: tree, index: Int(parent)) : nil
    }
    /// The token's range as lines and columns (UTF-16 columns unless told otherwise).
    public func sourceRange(encoding: ColumnEncoding = .utf16) -> SourceRange {
        tree.source.range(of: range, encoding: encoding)
    }
    /// The leading trivia split into pieces.
    public var leadingTrivia: [TriviaPiece] { triviaPieces(tree.source.bytes, token.leadingTriviaRange) }
    /// The next token, if any.
    public var next: SyntaxToken? {
        index + 1 < tree.storage.tokens.count ? SyntaxToken(tree: tree, index: index + 1) : nil
    }
    /// The previous token, if any.
    public var previous: SyntaxToken? { index > 0 ? SyntaxToken(tree: tree, index: index - 1) : nil }

    /// `kind "text" range`.
    public var description: String { "\(kind) \"\(text)\" \(range)" }
}
