/// A typed view of a node of one kind, with accessors that return optionals: on broken input any child may be
/// missing, and the accessors say so rather than crash.
public protocol SyntaxNodeView: Sendable, Hashable {
    /// The viewed node.
    var node: SyntaxNode { get }
    /// Views `node`, or returns `nil` when it has another kind.
    init?(_ node: SyntaxNode)
}

extension SyntaxNodeView {
    /// The node's range without leading trivia.
    public var range: ByteRange { node.range }
    /// The node's source text.
    public var text: String { node.text }
}

extension SyntaxNode {
    /// The child nodes that are expressions, in order.
    var expressionChildren: [SyntaxNode] { childNodes.filter { $0.kind.isExpression } }

    /// The node's statements: for a source file or a block, its statements in order; otherwise empty.
    public var statements: [SyntaxNode] { childNodes.filter { $0.kind.isStatement } }
}

/// Declares a view type's stored node and failable initialiser for one kind.
private func matches(_ node: SyntaxNode, _ kind: SyntaxKind) -> Bool { node.kind == kind }

/// The whole file.
public struct SourceFile: SyntaxNodeView {
    /// The `sourceFile` node.
    public let node: SyntaxNode
    /// Views a `sourceFile` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .sourceFile) else { return nil }
        self.node = node
    }
    /// The top-level statements in order (a `with` statement's body is inside it).
    public var statements: [SyntaxNode] { node.statements }
}

/// `import a.b [as c]`.
public struct ImportStatement: SyntaxNodeView {
    /// The `importStatement` node.
    public let node: SyntaxNode
    /// Views an `importStatement` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .importStatement) else { return nil }
        self.node = node
    }
    /// The imported modules with their aliases.
    public var names: [ImportedName] { node.childNodes.compactMap(ImportedName.init) }
}

/// `from a.b import x [as y], …`.
public struct FromImportStatement: SyntaxNodeView {
    /// The `fromImportStatement` node.
    public let node: SyntaxNode
    /// Views a `fromImportStatement` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .fromImportStatement) else { return nil }
        self.node = node
    }
    /// The module, e.g. `moltres.expressions`.
    public var module: String? { node.childNodes.first { $0.kind == .dottedName }.map(\.text) }
    /// The imported names; empty for `import *`.
    public var names: [ImportedName] { node.childNodes.compactMap(ImportedName.init) }
    /// Whether this is `from m import *`.
    public var importsEverything: Bool { node.childToken(.star) != nil }
}

/// One imported name: `x`, `x as y`, or a dotted module in `import a.b as c`.
public struct ImportedName: SyntaxNodeView {
    /// The `importedName` node.
    public let node: SyntaxNode
    /// Views an `importedName` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .importedName) else { return nil }
        self.node = node
    }
    /// The imported name as written (`functions`, `moltres.expressions`).
    public var name: String? {
        if let dotted = node.childNodes.first(where: { $0.kind == .dottedName }) { return dotted.text }
        return node.childTokens.first { $0.kind == .identifier }?.text
    }
    /// The alias token after `as`.
    public var aliasToken: SyntaxToken? { node.tokenAfterAs }
    /// The name this import binds in Python: the alias, or the name itself.
    public var boundName: String? { aliasToken?.text ?? name }
}

/// `name = value`.
public struct BindingStatement: SyntaxNodeView {
    /// The `bindingStatement` node.
    public let node: SyntaxNode
    /// Views a `bindingStatement` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .bindingStatement) else { return nil }
        self.node = node
    }
    /// The bound name's token; `nil` when the target is not a plain name (an error, `MOL1020`).
    public var nameToken: SyntaxToken? {
        // The first child, read in place (no array of the children).
        let storage = node.tree.storage
        let raw = storage.nodes[node.index]
        guard raw.childCount > 0, case let child = storage.children[Int(raw.childStart)], child < 0,
            storage.tokens[Int(~child)].kind == .identifier
        else { return nil }
        return SyntaxToken(tree: node.tree, index: Int(~child))
    }
    /// The bound name.
    public var name: String? { nameToken?.text }
    /// The target expression when it is not a plain name (`df.x = …`).
    public var invalidTarget: SyntaxNode? {
        guard case .node(let target)? = node.children.first else { return nil }
        return target
    }
    /// The `=` token.
    public var equalToken: SyntaxToken? { node.childToken(.equal) }
    /// The value expression (a `missingExpression` node when nothing follows `=`).
    public var value: SyntaxNode? {
        // The first expression child after the first `=` token, read in place (no array of the children).
        let storage = node.tree.storage
        let raw = storage.nodes[node.index]
        var sawEqual = false
        for position in Int(raw.childStart)..<(Int(raw.childStart) + Int(raw.childCount)) {
            let child = storage.children[position]
            if child < 0 {
                if storage.tokens[Int(~child)].kind == .equal { sawEqual = true }
            } else if sawEqual && storage.nodes[Int(child)].kind.isExpression {
                return SyntaxNode(tree: node.tree, index: Int(child))
            }
        }
        return nil
    }
}

/// An expression on its own line.
public struct ExpressionStatement: SyntaxNodeView {
    /// The `expressionStatement` node.
    public let node: SyntaxNode
    /// Views an `expressionStatement` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .expressionStatement) else { return nil }
        self.node = node
    }
    /// The expression.
    public var expression: SyntaxNode? { node.firstExpressionChild }
}

/// `with context as alias:` and its body.
public struct WithStatement: SyntaxNodeView {
    /// The `withStatement` node.
    public let node: SyntaxNode
    /// Views a `withStatement` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .withStatement) else { return nil }
        self.node = node
    }
    /// The context expression, e.g. `db.transaction()`.
    public var context: SyntaxNode? { node.firstExpressionChild }
    /// The alias token after `as`.
    public var aliasToken: SyntaxToken? { node.tokenAfterAs }
    /// The alias name, e.g. `txn`.
    public var alias: String? { aliasToken?.text }
    /// The body block.
    public var body: Block? { node.childNodes.lazy.compactMap(Block.init).first }
    /// The body's statements (empty without a body).
    public var statements: [SyntaxNode] { body?.statements ?? [] }
}

/// The indented body of a `with` statement.
public struct Block: SyntaxNodeView {
    /// The `block` node.
    public let node: SyntaxNode
    /// Views a `block` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .block) else { return nil }
        self.node = node
    }
    /// The statements in order.
    public var statements: [SyntaxNode] { node.statements }
}

/// A name used as a value: `orders`, `db`, `col`.
public struct NameExpression: SyntaxNodeView {
    /// The `nameExpression` node.
    public let node: SyntaxNode
    /// Views a `nameExpression` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .nameExpression) else { return nil }
        self.node = node
    }
    /// The identifier token.
    public var token: SyntaxToken? { node.firstChildToken }
    /// The name.
    public var name: String? { token?.text }
}

/// One or more adjacent string literals.
public struct StringLiteral: SyntaxNodeView {
    /// The `stringLiteral` node.
    public let node: SyntaxNode
    /// Views a `stringLiteral` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .stringLiteral) else { return nil }
        self.node = node
    }
    /// The string tokens (more than one for `"a" "b"`).
    public var tokens: [SyntaxToken] { node.childTokens }
    /// The value: prefixes and quotes removed, escapes decoded, adjacent literals joined; invalid escapes are kept
    /// as written, and invalid UTF-8 becomes U+FFFD.
    public var value: String {
        tokens.map { decodeStringLiteral(Array($0.tree.source.bytes[$0.range.start..<$0.range.end])) }.joined()
    }
    /// Whether any part is an f-string (reported as `MOL1014`).
    public var isFormatString: Bool { tokens.contains { stringPrefix($0.text).lowercased().contains("f") } }
    /// Whether any part is a bytes literal (`b"..."`).
    public var isBytes: Bool { tokens.contains { stringPrefix($0.text).lowercased().contains("b") } }
}

/// An integer literal.
public struct IntegerLiteral: SyntaxNodeView {
    /// The `integerLiteral` node.
    public let node: SyntaxNode
    /// Views an `integerLiteral` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .integerLiteral) else { return nil }
        self.node = node
    }
    /// The value; `nil` when malformed or too large for `Int`.
    public var value: Int? {
        // Decimal digits and `_` (nearly every literal) are read from the source bytes, without making strings.
        let range = node.range
        let decimal: Int?? = node.tree.source.bytes.withUnsafeBufferPointer { buffer in
            guard range.start < range.end, range.end <= buffer.count else { return nil }
            if range.end - range.start > 1 && buffer[range.start] == UInt8(ascii: "0") { return nil }
            var value = 0
            var digits = 0
            for index in range.start..<range.end {
                let byte = buffer[index]
                if byte == UInt8(ascii: "_") { continue }
                digits += 1
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                if overflow1 || overflow2 { return .some(nil) }
                value = sum
            }
            return digits > 0 ? .some(value) : nil
        }
        if let decimal { return decimal }
        let text = node.text.filter { $0 != "_" }.lowercased()
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        if text.hasPrefix("0b") { return Int(text.dropFirst(2), radix: 2) }
        return Int(text)
    }
}

/// A floating-point literal.
public struct FloatLiteral: SyntaxNodeView {
    /// The `floatLiteral` node.
    public let node: SyntaxNode
    /// Views a `floatLiteral` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .floatLiteral) else { return nil }
        self.node = node
    }
    /// The value; `nil` when malformed.
    public var value: Double? { Double(node.text.filter { $0 != "_" }) }
}

/// `True` or `False`.
public struct BooleanLiteral: SyntaxNodeView {
    /// The `booleanLiteral` node.
    public let node: SyntaxNode
    /// Views a `booleanLiteral` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .booleanLiteral) else { return nil }
        self.node = node
    }
    /// The value.
    public var value: Bool { node.firstChildToken?.kind == .trueKeyword }
}

/// `[a, b]`, `(a, b)` or `{k: v}`: the elements of a list, tuple or dict.
public struct CollectionExpression: SyntaxNodeView {
    /// The `listExpression`, `tupleExpression` or `dictExpression` node.
    public let node: SyntaxNode
    /// Views a list, tuple or dict node.
    public init?(_ node: SyntaxNode) {
        guard node.kind == .listExpression || node.kind == .tupleExpression || node.kind == .dictExpression else {
            return nil
        }
        self.node = node
    }
    /// The elements of a list or tuple (expressions), or the entries of a dict (`dictEntry` nodes).
    public var elements: [SyntaxNode] {
        // One pass over the child indices (no array of every child node first).
        let storage = node.tree.storage
        let positions = node.childPositions
        var elements: [SyntaxNode] = []
        elements.reserveCapacity(positions.count / 2)
        for position in positions {
            let child = storage.children[position]
            guard child >= 0 else { continue }
            let kind = storage.nodes[Int(child)].kind
            if kind.isExpression || kind == .dictEntry {
                elements.append(SyntaxNode(tree: node.tree, index: Int(child)))
            }
        }
        return elements
    }
    /// The dict entries as key/value pairs (empty for lists and tuples).
    public var entries: [(key: SyntaxNode?, value: SyntaxNode?)] {
        var entries: [(key: SyntaxNode?, value: SyntaxNode?)] = []
        node.forEachChild(ofKind: .dictEntry) { entry in
            let (first, second) = entry.firstTwoExpressionChildren
            if entry.firstToken(ofKind: .doubleStar) != nil {
                entries.append((nil, first))
            } else {
                entries.append((first, second))
            }
        }
        return entries
    }
}

/// `(expression)`.
public struct ParenthesizedExpression: SyntaxNodeView {
    /// The `parenthesizedExpression` node.
    public let node: SyntaxNode
    /// Views a `parenthesizedExpression` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .parenthesizedExpression) else { return nil }
        self.node = node
    }
    /// The inner expression.
    public var expression: SyntaxNode? { node.firstExpressionChild }
}

/// `callee(arguments)`.
public struct CallExpression: SyntaxNodeView {
    /// The `callExpression` node.
    public let node: SyntaxNode
    /// Views a `callExpression` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .callExpression) else { return nil }
        self.node = node
    }
    /// What is called: `db.table`, `col`, `F.sum`.
    public var callee: SyntaxNode? { node.childNodes.first.flatMap { $0.kind.isExpression ? $0 : nil } }
    /// The parenthesized argument list.
    public var argumentList: SyntaxNode? { node.childNodes.first { $0.kind == .argumentList } }
    /// The arguments in order.
    public var arguments: [CallArgument] { argumentList?.childNodes.compactMap(CallArgument.init) ?? [] }
    /// The `(` token.
    public var leftParenthesis: SyntaxToken? { argumentList?.childToken(.leftParenthesis) }
    /// The `)` token; `nil` while the user has not typed it.
    public var rightParenthesis: SyntaxToken? { argumentList?.childToken(.rightParenthesis) }
    /// The name of the called function or method: `table` for `db.table(…)`, `col` for `col(…)`.
    public var calleeName: String? {
        guard let callee else { return nil }
        if let member = MemberAccess(callee) { return member.name }
        return NameExpression(callee)?.name
    }
    /// The argument labelled `label`, e.g. `how` in `join(…, how="left")`.
    public func argument(labelled label: String) -> CallArgument? { arguments.first { $0.label == label } }
    /// The positional arguments in order.
    public var positionalArguments: [CallArgument] { arguments.filter { $0.labelToken == nil && $0.starToken == nil } }
}

/// One argument of a call (named `CallArgument` so that it cannot collide with ArgumentParser's `@Argument`).
public struct CallArgument: SyntaxNodeView {
    /// The `argument` node.
    public let node: SyntaxNode
    /// Views an `argument` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .argument) else { return nil }
        self.node = node
    }
    /// The label token of a keyword argument (`how` in `how="left"`).
    public var labelToken: SyntaxToken? {
        let tokens = node.childTokens
        guard tokens.count >= 2, tokens[0].kind == .identifier, tokens[1].kind == .equal else { return nil }
        return tokens[0]
    }
    /// The label of a keyword argument.
    public var label: String? { labelToken?.text }
    /// The `*` or `**` token of an unpacked argument.
    public var starToken: SyntaxToken? { node.childTokens.first { $0.kind == .star || $0.kind == .doubleStar } }
    /// The value.
    public var value: SyntaxNode? { node.firstExpressionChild }
}

/// `base.name`.
public struct MemberAccess: SyntaxNodeView {
    /// The `memberAccess` node.
    public let node: SyntaxNode
    /// Views a `memberAccess` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .memberAccess) else { return nil }
        self.node = node
    }
    /// The expression before the dot.
    public var base: SyntaxNode? { node.firstExpressionChild }
    /// The `.` token.
    public var dotToken: SyntaxToken? { node.childToken(.dot) }
    /// The name token; `nil` while the user has typed only the dot.
    public var nameToken: SyntaxToken? { node.childToken(.identifier) }
    /// The member name.
    public var name: String? { nameToken?.text }
}

/// `base[index]`.
public struct SubscriptExpression: SyntaxNodeView {
    /// The `subscriptExpression` node.
    public let node: SyntaxNode
    /// Views a `subscriptExpression` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .subscriptExpression) else { return nil }
        self.node = node
    }
    /// The subscripted expression.
    public var base: SyntaxNode? { node.firstExpressionChild }
    /// The index expression.
    public var index: SyntaxNode? {
        let expressions = node.expressionChildren
        return expressions.count > 1 ? expressions[1] : nil
    }
}

/// The operator of a binary expression.
public enum SyntaxBinaryOperator: String, Sendable, Hashable, CaseIterable {
    /// `|`
    case bitwiseOr = "|"
    /// `^`
    case bitwiseXor = "^"
    /// `&`
    case bitwiseAnd = "&"
    /// `<<`
    case leftShift = "<<"
    /// `>>`
    case rightShift = ">>"
    /// `+`
    case add = "+"
    /// `-`
    case subtract = "-"
    /// `*`
    case multiply = "*"
    /// `/`
    case divide = "/"
    /// `//`
    case floorDivide = "//"
    /// `%`
    case modulo = "%"
    /// `@`
    case matrixMultiply = "@"
    /// `**`
    case power = "**"
    /// `==`
    case equal = "=="
    /// `!=`
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="
    /// `and` (an error, `MOL1011`)
    case and = "and"
    /// `or` (an error, `MOL1011`)
    case or = "or"
    /// `in` (an error, `MOL1012`)
    case `in` = "in"
    /// `not in` (an error, `MOL1012`)
    case notIn = "not in"
    /// `is` (an error, `MOL1012`)
    case `is` = "is"
    /// `is not` (an error, `MOL1012`)
    case isNot = "is not"
}

/// `left operator right`.
public struct BinaryExpression: SyntaxNodeView {
    /// The `binaryExpression` node.
    public let node: SyntaxNode
    /// Views a `binaryExpression` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .binaryExpression) else { return nil }
        self.node = node
    }
    /// The left operand.
    public var left: SyntaxNode? { node.firstExpressionChild }
    /// The right operand.
    public var right: SyntaxNode? {
        let expressions = node.expressionChildren
        return expressions.count > 1 ? expressions[1] : nil
    }
    /// The operator tokens (two for `not in` and `is not`).
    public var operatorTokens: [SyntaxToken] { node.childTokens }
    /// The operator.
    public var `operator`: SyntaxBinaryOperator? {
        let text = operatorTokens.map(\.text).joined(separator: " ")
        return SyntaxBinaryOperator(rawValue: text)
    }
    /// Whether this is a comparison (`==`, `<`, `in`, `is`, …).
    public var isComparison: Bool {
        switch `operator` {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in, .notIn, .is, .isNot: true
        default: false
        }
    }
}

/// The operator of a unary expression.
public enum SyntaxUnaryOperator: String, Sendable, Hashable, CaseIterable {
    /// `-`
    case negate = "-"
    /// `+`
    case plus = "+"
    /// `~`
    case invert = "~"
    /// `not` (an error, `MOL1011`)
    case not = "not"
}

/// `operator operand`.
public struct UnaryExpression: SyntaxNodeView {
    /// The `unaryExpression` node.
    public let node: SyntaxNode
    /// Views a `unaryExpression` node.
    public init?(_ node: SyntaxNode) {
        guard matches(node, .unaryExpression) else { return nil }
        self.node = node
    }
    /// The operator token.
    public var operatorToken: SyntaxToken? { node.childTokens.first }
    /// The operator.
    public var `operator`: SyntaxUnaryOperator? { operatorToken.flatMap { SyntaxUnaryOperator(rawValue: $0.text) } }
    /// The operand.
    public var operand: SyntaxNode? { node.firstExpressionChild }
}

/// The prefix letters of a string token (`r`, `f`, `rb`, …), empty when there are none.
func stringPrefix(_ text: String) -> String { String(text.prefix { $0 != "\"" && $0 != "'" }) }

/// Decodes one string token's bytes (prefix, quotes, body) into its value.
func decodeStringLiteral(_ bytes: [UInt8]) -> String {
    var index = 0
    var raw = false
    while index < bytes.count && bytes[index] != 0x22 && bytes[index] != 0x27 {
        if bytes[index] | 0x20 == 0x72 { raw = true }
        index += 1
    }
    guard index < bytes.count else { return "" }
    let quote = bytes[index]
    let triple = index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote
    let quoteLength = triple ? 3 : 1
    var start = index + quoteLength
    var end = bytes.count
    if triple && end - start >= 3 && bytes[(end - 3)..<end].allSatisfy({ $0 == quote }) && end - 3 >= start {
        end -= 3
    } else if !triple && end > start && bytes[end - 1] == quote {
        end -= 1
    }
    start = min(start, end)
    if raw { return String(decoding: bytes[start..<end], as: UTF8.self) }
    var output: [UInt8] = []
    output.reserveCapacity(end - start)
    func append(_ scalar: Unicode.Scalar) { output.append(contentsOf: Array(String(scalar).utf8)) }
    func hexValue(_ from: Int, _ count: Int) -> UInt32? {
        guard from + count <= end else { return nil }
        return UInt32(String(decoding: bytes[from..<(from + count)], as: UTF8.self), radix: 16)
    }
    var position = start
    while position < end {
        let byte = bytes[position]
        guard byte == 0x5C, position + 1 < end else {
            output.append(byte)
            position += 1
            continue
        }
        let next = bytes[position + 1]
        position += 2
        switch next {
        case 0x0A: break
        case 0x0D: if position < end && bytes[position] == 0x0A { position += 1 }
        case 0x5C, 0x27, 0x22: output.append(next)
        case 0x61: output.append(0x07)
        case 0x62: output.append(0x08)
        case 0x66: output.append(0x0C)
        case 0x6E: output.append(0x0A)
        case 0x72: output.append(0x0D)
        case 0x74: output.append(0x09)
        case 0x76: output.append(0x0B)
        case 0x30...0x37:
            var value = UInt32(next - 0x30)
            var digits = 1
            while digits < 3 && position < end && bytes[position] >= 0x30 && bytes[position] <= 0x37 {
                value = value * 8 + UInt32(bytes[position] - 0x30)
                position += 1
                digits += 1
            }
            append(Unicode.Scalar(value) ?? "\u{FFFD}")
        case 0x78, 0x75, 0x55:
            let count = next == 0x78 ? 2 : next == 0x75 ? 4 : 8
            if let value = hexValue(position, count), let scalar = Unicode.Scalar(value) {
                append(scalar)
                position += count
            } else {
                output.append(0x5C)
                output.append(next)
            }
        case 0x4E:
            if position < end && bytes[position] == 0x7B,
                let close = bytes[position..<end].firstIndex(of: 0x7D),
                let scalar = unicodeScalar(named: String(decoding: bytes[(position + 1)..<close], as: UTF8.self))
            {
                append(scalar)
                position = close + 1
            } else {
                output.append(0x5C)
                output.append(next)
            }
        default:
            output.append(0x5C)
            output.append(next)
        }
    }
    return String(decoding: output, as: UTF8.self)
}
