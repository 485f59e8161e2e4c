/// Options of the canonical layout. The defaults are the canonical style; `moltres fmt` does not expose them.
public struct FormattingOptions: Sendable, Hashable {
    /// The column limit a line should fit in.
    public var lineWidth = 88
    /// Spaces per indentation level.
    public var indentWidth = 4
    /// Blank lines kept between top-level statements at most (inside a `with` body: 1).
    public var maximumBlankLines = 2

    /// The canonical options.
    public init() {}
}

/// Why the formatter left a file alone.
public enum FormattingRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file has syntax errors; formatting it could change its meaning.
    case syntaxErrors(count: Int, first: Diagnostic)
    /// The file nests expressions too deeply to lay out.
    case nestingTooDeep

    /// The reason, for the user.
    public var description: String {
        switch self {
        case .syntaxErrors(let count, let first):
            "The file has \(count) syntax error\(count == 1 ? "" : "s") (first: \(first.message) [\(first.code)]); "
                + "fix \(count == 1 ? "it" : "them") before formatting."
        case .nestingTooDeep: "The file nests expressions too deeply to format."
        }
    }
}

/// Formats `tree` in the canonical layout, or returns `nil` when the file has syntax errors.
///
/// See ``SourceFormatter/format(_:options:)`` for the layout and the reason when it refuses.
public func format(_ tree: SyntaxTree) -> String? {
    try? SourceFormatter.format(tree).get()
}

/// The canonical formatter of `.moltres` files (named so that it does not collide with Foundation's `Formatter`).
///
/// The layout:
/// - 4-space indentation, one statement per line, `name = value`, spaces around binary operators, none inside
///   brackets, `, ` between items, `how="left"` for keyword arguments, `{"k": v}` for dict entries;
/// - a statement that fits in 88 columns stays on one line;
/// - a longer method chain of three or more steps is wrapped in parentheses with one `.step(…)` per line;
/// - other long calls and collections put one item per line, with a trailing comma;
/// - every comment stays where it was (trailing comments after their line, own-line comments before the next
///   item); a statement whose comments sit where the layout has no line break is kept as written;
/// - blank lines between statements are kept, at most 2 at the top level and 1 inside a `with` body;
/// - literals keep their spelling, so formatting never changes a value;
/// - formatting is idempotent: formatting the output again gives the same text;
/// - a file whose first line ends in CRLF keeps CRLF line endings (every line), else lines end in LF.
public enum SourceFormatter {
    /// Formats `tree`, or says why it will not.
    public static func format(
        _ tree: SyntaxTree, options: FormattingOptions = FormattingOptions()
    ) -> Result<
        String, FormattingRefusal
    > {
        let errors = tree.diagnostics.filter { $0.severity == .error }
        if let first = errors.first { return .failure(.syntaxErrors(count: errors.count, first: first)) }
        if depth(of: tree) > 400 { return .failure(.nestingTooDeep) }
        var printer = Printer(tree: tree, options: options)
        printer.printFile()
        // Line endings as the file has them: CRLF when its first line break is one (Windows editors), else LF.
        let bytes = tree.source.bytes
        if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")), newline > 0, bytes[newline - 1] == UInt8(ascii: "\r")
        {
            return .success(printer.output.replacingOccurrences(of: "\n", with: "\r\n"))
        }
        return .success(printer.output)
    }

    static func depth(of tree: SyntaxTree) -> Int {
        var maximum = 0
        var stack: [(Int, Int)] = [(tree.storage.rootIndex, 1)]
        let storage = tree.storage
        while let (index, depth) = stack.popLast() {
            maximum = max(maximum, depth)
            let raw = storage.nodes[index]
            let start = Int(raw.childStart)
            for child in storage.children[start..<(start + Int(raw.childCount))] where child >= 0 {
                stack.append((Int(child), depth + 1))
            }
        }
        return maximum
    }
}

private struct Comment {
    var text: String
    var ownLine: Bool
    var blankLinesBefore: Int
}

private struct Printer {
    let tree: SyntaxTree
    let options: FormattingOptions
    let bytes: [UInt8]
    let tokens: [Token]
    var comments: [Int: [Comment]] = [:]
    /// `commentPrefix[i]` is the number of tokens before token `i` that carry comments.
    var commentPrefix: [Int32] = []
    let flatCache = FlatTextCache()
    var blankLinesBefore: [Int: Int] = [:]
    var output = ""
    var column = 0
    var cursor = 0
    var placedUpTo = -1
    var failed = false
    /// How many brackets enclose the current position (inside them line breaks are free).
    var bracketDepth = 0

    init(tree: SyntaxTree, options: FormattingOptions) {
        self.tree = tree
        self.options = options
        self.bytes = tree.source.bytes
        self.tokens = tree.tokens
        for (index, token) in tokens.enumerated() where token.fullStart < token.start || token.kind == .endOfFile {
            collectTrivia(index, token)
        }
        var prefix = [Int32](repeating: 0, count: tokens.count + 1)
        for index in tokens.indices { prefix[index + 1] = prefix[index] + (comments[index] == nil ? 0 : 1) }
        commentPrefix = prefix
        flatCache.texts = [String?](repeating: nil, count: tree.storage.nodes.count)
    }

    mutating func collectTrivia(_ index: Int, _ token: Token) {
        let start = token.fullStart
        var lineHasContent = !(start == 0 || bytes[start - 1] == 0x0A || bytes[start - 1] == 0x0D)
        var blank = 0
        var found: [Comment] = []
        for piece in triviaPieces(bytes, token.leadingTriviaRange) {
            switch piece.kind {
            case .newline, .lineContinuation:
                if !lineHasContent && piece.kind == .newline { blank += 1 }
                lineHasContent = false
            case .comment:
                let text = String(decoding: bytes[piece.range.start..<piece.range.end], as: UTF8.self)
                found.append(
                    Comment(text: trimTrailingWhitespace(text), ownLine: !lineHasContent, blankLinesBefore: blank))
                blank = 0
                lineHasContent = true
            case .whitespace:
                break
            }
        }
        if !found.isEmpty { comments[index] = found }
        if blank > 0 { blankLinesBefore[index] = blank }
    }

    // MARK: Primitives

    mutating func write(_ text: String) {
        output += text
        if let newline = text.lastIndex(of: "\n") {
            column = text[text.index(after: newline)...].count
        } else {
            column += text.count
        }
    }

    mutating func newline(indent: Int) {
        while output.last == " " { output.removeLast() }
        output += "\n"
        output += String(repeating: " ", count: indent)
        column = indent
    }

    /// Writes token `index`, which must carry no comment that was not placed by a line break.
    mutating func emit(_ index: Int) {
        if hasUnplacedComments(through: index) { failed = true }
        let token = tokens[index]
        write(String(decoding: bytes[token.start..<token.end], as: UTF8.self))
        cursor = index + 1
    }

    /// Whether a token from the cursor up to `last` has comments that no line break has placed.
    func hasUnplacedComments(through last: Int) -> Bool {
        var index = max(cursor, placedUpTo + 1)
        while index <= last {
            if comments[index] != nil { return true }
            index += 1
        }
        return false
    }

    /// Starts a new line at `indent`, first placing the comments of the tokens up to `nextToken`: trailing ones on
    /// the current line, own-line ones on lines of their own.
    mutating func lineBreak(indent: Int, before nextToken: Int?) {
        if let nextToken {
            if nextToken >= cursor {
                var index = max(cursor, placedUpTo + 1)
                while index <= nextToken {
                    for comment in comments[index] ?? [] { place(comment, indent: indent) }
                    index += 1
                }
                placedUpTo = max(placedUpTo, nextToken)
                cursor = nextToken
            }
        }
        newline(indent: indent)
    }

    mutating func place(_ comment: Comment, indent: Int) {
        if comment.ownLine || column == 0 || output.last == "\n" {
            if !output.isEmpty && output.last != "\n" {
                newline(indent: indent)
            } else {
                write(String(repeating: " ", count: indent))
            }
            write(comment.text)
        } else {
            write("  " + comment.text)
        }
    }

    /// Writes the trailing comments of token `index` (a statement's `newline`) on the current line.
    mutating func placeTrailing(_ index: Int, indent: Int) {
        guard index > placedUpTo else { return }
        for comment in comments[index] ?? [] { place(comment, indent: indent) }
        placedUpTo = index
        cursor = max(cursor, index + 1)
    }

    func firstTokenIndex(_ node: SyntaxNode) -> Int? { node.firstToken?.index }
    func lastTokenIndex(_ node: SyntaxNode) -> Int? { node.lastToken?.index }

    func hasInteriorComments(_ node: SyntaxNode) -> Bool {
        guard commentPrefix.last != 0, let first = firstTokenIndex(node), let last = lastTokenIndex(node), first < last
        else { return false }
        return commentPrefix[last + 1] - commentPrefix[first + 1] > 0
    }

    // MARK: File and statements

    mutating func printFile() {
        printStatements(tree.rootNode.statements, indent: 0, maximumBlankLines: options.maximumBlankLines, first: true)
        let endIndex = tokens.count - 1
        var previousWasContent = !output.isEmpty
        for comment in comments[endIndex] ?? [] {
            if previousWasContent {
                for _ in 0..<min(comment.blankLinesBefore, options.maximumBlankLines) { output += "\n" }
            }
            output += comment.text + "\n"
            previousWasContent = true
        }
        while output.hasSuffix("\n\n") { output.removeLast() }
        if !output.isEmpty && !output.hasSuffix("\n") { output += "\n" }
    }

    mutating func printStatements(_ statements: [SyntaxNode], indent: Int, maximumBlankLines: Int, first: Bool) {
        var isFirst = first
        for statement in statements {
            guard let firstToken = firstTokenIndex(statement) else { continue }
            for comment in comments[firstToken] ?? [] {
                if !isFirst { for _ in 0..<min(comment.blankLinesBefore, maximumBlankLines) { output += "\n" } }
                output += String(repeating: " ", count: indent) + comment.text + "\n"
                isFirst = false
            }
            if !isFirst { for _ in 0..<min(blankLinesBefore[firstToken] ?? 0, maximumBlankLines) { output += "\n" } }
            isFirst = false
            placedUpTo = max(placedUpTo, firstToken)
            cursor = firstToken
            output += String(repeating: " ", count: indent)
            column = indent
            printStatement(statement, indent: indent)
        }
    }

    mutating func printStatement(_ statement: SyntaxNode, indent: Int) {
        // Remember only the length: holding a copy of `output` would make every append copy the whole text.
        let savedLength = output.utf8.count
        let savedColumn = column
        let savedPlaced = placedUpTo
        failed = false
        let lastToken = lastTokenIndex(statement) ?? cursor
        switch statement.kind {
        case .bindingStatement:
            let binding = BindingStatement(statement)
            if let name = binding?.nameToken, let value = binding?.value {
                emit(name.index)
                write(" ")
                if let equal = binding?.equalToken { emit(equal.index) } else { write("=") }
                write(" ")
                printValue(value, indent: indent)
            } else {
                failed = true
            }
            finishSimpleStatement(statement, lastToken: lastToken, indent: indent)
        case .expressionStatement:
            if let expression = ExpressionStatement(statement)?.expression {
                printValue(expression, indent: indent)
            } else {
                failed = true
            }
            finishSimpleStatement(statement, lastToken: lastToken, indent: indent)
        case .importStatement, .fromImportStatement:
            printImport(statement)
            finishSimpleStatement(statement, lastToken: lastToken, indent: indent)
        case .withStatement:
            printWith(statement, indent: indent)
        case .unsupportedStatement, .errorStatement:
            failed = true
        case .sourceFile, .importedName, .dottedName, .block, .nameExpression, .integerLiteral, .floatLiteral,
            .stringLiteral, .booleanLiteral, .noneLiteral, .listExpression, .tupleExpression, .dictExpression,
            .dictEntry,
            .parenthesizedExpression, .callExpression, .argumentList, .argument, .memberAccess, .subscriptExpression,
            .binaryExpression, .unaryExpression, .missingExpression, .errorExpression, .error:
            failed = true
        }
        if failed {
            // Keep the statement as written: its comments sit where the canonical layout has no line break.
            output.removeSubrange(output.utf8.index(output.utf8.startIndex, offsetBy: savedLength)...)
            column = savedColumn
            placedUpTo = savedPlaced
            var end = statement.range.end
            while end > statement.range.start
                && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20
                    || bytes[end - 1] == 0x09)
            {
                end -= 1
            }
            write(String(decoding: bytes[statement.range.start..<end], as: UTF8.self))
            output += "\n"
            column = 0
            placedUpTo = max(placedUpTo, lastToken)
            cursor = lastToken + 1
            failed = false
        }
    }

    mutating func finishSimpleStatement(_ statement: SyntaxNode, lastToken: Int, indent: Int) {
        if tokens[lastToken].kind == .newline {
            if hasUnplacedComments(through: lastToken - 1) { failed = true }
            placeTrailing(lastToken, indent: indent)
        } else if cursor <= lastToken {
            if hasUnplacedComments(through: lastToken) { failed = true }
            cursor = lastToken + 1
        }
        output += "\n"
        column = 0
    }

    mutating func printImport(_ statement: SyntaxNode) {
        var text = ""
        if let from = FromImportStatement(statement) {
            text = "from \(from.module ?? "") import "
            text += from.importsEverything ? "*" : from.names.map(importedNameText).joined(separator: ", ")
        } else if let plain = ImportStatement(statement) {
            text = "import " + plain.names.map(importedNameText).joined(separator: ", ")
        }
        if hasInteriorComments(statement) {
            let newline = statement.lastToken?.kind == .newline ? statement.lastToken?.index : nil
            if let first = firstTokenIndex(statement), let last = lastTokenIndex(statement), first < last {
                for index in (first + 1)...last where comments[index] != nil && index != newline { failed = true }
            }
        }
        write(text)
        if let last = lastTokenIndex(statement) {
            cursor = tokens[last].kind == .newline ? last : last + 1
        }
    }

    func importedNameText(_ name: ImportedName) -> String {
        (name.name ?? "") + (name.aliasToken.map { " as \($0.text)" } ?? "")
    }

    mutating func printWith(_ statement: SyntaxNode, indent: Int) {
        guard let with = WithStatement(statement), let withToken = statement.childToken(.withKeyword),
            let context = with.context
        else {
            failed = true
            return
        }
        emit(withToken.index)
        write(" ")
        printExpression(context, indent: indent, trailing: 1)
        if let asToken = statement.childToken(.asKeyword), let alias = with.aliasToken {
            write(" ")
            emit(asToken.index)
            write(" ")
            emit(alias.index)
        }
        if let colon = statement.childToken(.colon) { emit(colon.index) } else { write(":") }
        if let newlineToken = statement.childToken(.newline) {
            placeTrailing(newlineToken.index, indent: indent)
        }
        output += "\n"
        column = 0
        if failed { return }
        if let body = with.body {
            printStatements(body.statements, indent: indent + options.indentWidth, maximumBlankLines: 1, first: true)
            if let last = lastTokenIndex(body.node) { cursor = max(cursor, last + 1) }
        }
    }

    // MARK: Expressions

    /// A statement's value: one line if it fits, a parenthesized chain, or a broken call or collection.
    mutating func printValue(_ value: SyntaxNode, indent: Int) {
        if fitsFlat(value, trailing: 0) {
            printFlat(value)
            return
        }
        let segments = chainSegments(value)
        if segments.count >= 3 || value.kind == .binaryExpression {
            write("(")
            bracketDepth += 1
            lineBreak(indent: indent + options.indentWidth, before: firstTokenIndex(value))
            if segments.count >= 3 {
                printChain(value, segments: segments, indent: indent + options.indentWidth)
            } else {
                printExpression(value, indent: indent + options.indentWidth, trailing: 0)
            }
            bracketDepth -= 1
            newline(indent: indent)
            write(")")
            return
        }
        printExpression(value, indent: indent, trailing: 0)
    }

    func fitsFlat(_ node: SyntaxNode, trailing: Int) -> Bool {
        if hasInteriorComments(node) { return false }
        let text = flat(node)
        return !text.contains("\n") && column + text.count + trailing <= options.lineWidth
    }

    mutating func printFlat(_ node: SyntaxNode) {
        guard let first = firstTokenIndex(node), let last = lastTokenIndex(node) else { return }
        if hasInteriorComments(node) { failed = true }
        if first > placedUpTo && comments[first] != nil { failed = true }
        write(flat(node))
        cursor = last + 1
    }

    mutating func printExpression(_ node: SyntaxNode, indent: Int, trailing: Int) {
        if fitsFlat(node, trailing: trailing) {
            printFlat(node)
            return
        }
        switch node.kind {
        case .callExpression, .memberAccess, .subscriptExpression:
            let segments = chainSegments(node)
            if segments.count >= 3 && bracketDepth > 0 {
                let chainIndent = column == indent ? indent : indent + options.indentWidth
                printChain(node, segments: segments, indent: chainIndent)
            } else if let call = CallExpression(node), let callee = call.callee, let list = call.argumentList {
                printExpression(callee, indent: indent, trailing: 1)
                printArgumentList(list, indent: indent, trailing: trailing)
            } else if let member = MemberAccess(node), let base = member.base, let dot = member.dotToken,
                let name = member.nameToken
            {
                printExpression(base, indent: indent, trailing: 1 + name.range.length + trailing)
                emit(dot.index)
                emit(name.index)
            } else if let subscriptNode = SubscriptExpression(node), let base = subscriptNode.base,
                let index = subscriptNode.index, let open = node.childToken(.leftBracket),
                let close = node.childToken(.rightBracket)
            {
                printExpression(base, indent: indent, trailing: 1)
                emit(open.index)
                printExpression(index, indent: indent, trailing: 1 + trailing)
                emit(close.index)
            } else {
                printFlat(node)
            }
        case .listExpression, .tupleExpression, .dictExpression:
            printCollection(node, indent: indent)
        case .parenthesizedExpression:
            guard let inner = ParenthesizedExpression(node)?.expression, let open = node.childToken(.leftParenthesis),
                let close = node.childToken(.rightParenthesis)
            else {
                printFlat(node)
                return
            }
            emit(open.index)
            bracketDepth += 1
            defer { bracketDepth -= 1 }
            lineBreak(indent: indent + options.indentWidth, before: firstTokenIndex(inner))
            let segments = chainSegments(inner)
            if segments.count >= 3 && !fitsFlat(inner, trailing: 0) {
                printChain(inner, segments: segments, indent: indent + options.indentWidth)
            } else {
                printExpression(inner, indent: indent + options.indentWidth, trailing: 0)
            }
            lineBreak(indent: indent, before: close.index)
            emit(close.index)
        case .binaryExpression:
            guard let binary = BinaryExpression(node), let left = binary.left, let right = binary.right else {
                printFlat(node)
                return
            }
            guard bracketDepth > 0 else {
                // Outside brackets a line break would end the statement, so the operands break inside themselves.
                printExpression(left, indent: indent, trailing: 0)
                write(" ")
                for (offset, token) in binary.operatorTokens.enumerated() {
                    if offset > 0 { write(" ") }
                    emit(token.index)
                }
                write(" ")
                printExpression(right, indent: indent, trailing: trailing)
                return
            }
            // Inside brackets: one operand per line, each operator at the start of its line.
            let (operands, operators) = flattenBinary(node)
            let breakIndent = column == indent ? indent : indent + options.indentWidth
            printExpression(operands[0], indent: breakIndent, trailing: 0)
            for (operatorTokens, operand) in zip(operators, operands.dropFirst()) {
                lineBreak(indent: breakIndent, before: operatorTokens[0].index)
                for (offset, token) in operatorTokens.enumerated() {
                    if offset > 0 { write(" ") }
                    emit(token.index)
                }
                write(" ")
                printExpression(operand, indent: breakIndent, trailing: trailing)
            }
        case .unaryExpression:
            guard let unary = UnaryExpression(node), let operatorToken = unary.operatorToken,
                let operand = unary.operand
            else {
                printFlat(node)
                return
            }
            emit(operatorToken.index)
            if operatorToken.kind == .notKeyword { write(" ") }
            printExpression(operand, indent: indent, trailing: trailing)
        case .sourceFile, .importStatement, .fromImportStatement, .importedName, .dottedName, .bindingStatement,
            .expressionStatement, .withStatement, .block, .unsupportedStatement, .errorStatement, .nameExpression,
            .integerLiteral, .floatLiteral, .stringLiteral, .booleanLiteral, .noneLiteral, .dictEntry, .argumentList,
            .argument, .missingExpression, .errorExpression, .error:
            printFlat(node)
        }
    }

    /// The operands and operators of a left-associative run of operators of one precedence: `a & b & c` gives
    /// `[a, b, c]` and `[&, &]`. `**` (right-associative) is not flattened.
    func flattenBinary(_ node: SyntaxNode) -> ([SyntaxNode], [[SyntaxToken]]) {
        var operands: [SyntaxNode] = []
        var operators: [[SyntaxToken]] = []
        var current = node
        let level = BinaryExpression(node).map { precedenceLevel($0.operatorTokens) } ?? 0
        while let binary = BinaryExpression(current), let left = binary.left, let right = binary.right {
            operands.append(right)
            operators.append(binary.operatorTokens)
            current = left
            guard level != 12, let inner = BinaryExpression(left), precedenceLevel(inner.operatorTokens) == level else {
                break
            }
        }
        operands.append(current)
        return (operands.reversed(), operators.reversed())
    }

    func precedenceLevel(_ operatorTokens: [SyntaxToken]) -> Int {
        switch operatorTokens.first?.kind {
        case .orKeyword: 1
        case .andKeyword: 2
        case .pipe: 5
        case .caret: 6
        case .ampersand: 7
        case .leftShift, .rightShift: 8
        case .plus, .minus: 9
        case .star, .slash, .doubleSlash, .percent, .at: 10
        case .doubleStar: 12
        default: 4
        }
    }

    /// Splits a postfix chain into lines: the root with everything up to its first call, then one segment per
    /// `.member` with the calls and subscripts applied to it.
    func chainSegments(_ node: SyntaxNode) -> [[SyntaxNode]] {
        guard MethodChain.isPostfix(node.kind) else { return [] }
        var operations: [SyntaxNode] = []
        var current = node
        while MethodChain.isPostfix(current.kind), let inner = current.childNodes.first, inner.kind.isExpression {
            operations.append(current)
            current = inner
        }
        operations.reverse()
        var segments: [[SyntaxNode]] = [[]]
        var rootHasCall = false
        for operation in operations {
            if operation.kind == .memberAccess && rootHasCall {
                segments.append([operation])
            } else {
                segments[segments.count - 1].append(operation)
                if operation.kind == .callExpression && segments.count == 1 { rootHasCall = true }
            }
        }
        return segments
    }

    mutating func printChain(_ node: SyntaxNode, segments: [[SyntaxNode]], indent: Int) {
        for (offset, segment) in segments.enumerated() {
            guard let last = segment.last else { continue }
            if offset == 0 {
                printExpression(last, indent: indent, trailing: 0)
                continue
            }
            lineBreak(
                indent: indent, before: firstTokenIndex(segment[0]).flatMap { _ in segment[0].childToken(.dot)?.index })
            for operation in segment {
                switch operation.kind {
                case .memberAccess:
                    if let dot = operation.childToken(.dot) { emit(dot.index) }
                    if let name = operation.childToken(.identifier) { emit(name.index) }
                case .callExpression:
                    if let list = CallExpression(operation)?.argumentList {
                        printArgumentList(list, indent: indent, trailing: 0)
                    }
                default:
                    if let subscriptNode = SubscriptExpression(operation), let index = subscriptNode.index,
                        let open = operation.childToken(.leftBracket), let close = operation.childToken(.rightBracket)
                    {
                        emit(open.index)
                        printExpression(index, indent: indent, trailing: 1)
                        emit(close.index)
                    } else {
                        failed = true
                    }
                }
            }
        }
    }

    mutating func printArgumentList(_ list: SyntaxNode, indent: Int, trailing: Int) {
        let isEmpty = !list.childNodes.contains { $0.kind == .argument }
        if (fitsFlat(list, trailing: trailing) || (isEmpty && !hasInteriorComments(list)))
            && (list.firstToken.map { comments[$0.index] == nil } ?? true)
        {
            printFlat(list)
            return
        }
        let arguments = list.childNodes.filter { $0.kind == .argument }
        guard let open = list.childToken(.leftParenthesis), let close = list.childToken(.rightParenthesis) else {
            failed = true
            return
        }
        emit(open.index)
        bracketDepth += 1
        defer { bracketDepth -= 1 }
        let inner = indent + options.indentWidth
        for argument in arguments {
            lineBreak(indent: inner, before: firstTokenIndex(argument))
            printArgument(argument, indent: inner)
            write(",")
        }
        lineBreak(indent: indent, before: close.index)
        emit(close.index)
    }

    mutating func printArgument(_ argument: SyntaxNode, indent: Int) {
        guard let view = CallArgument(argument), let value = view.value else {
            printFlat(argument)
            return
        }
        if let label = view.labelToken, let equal = argument.childToken(.equal) {
            emit(label.index)
            emit(equal.index)
        } else if let star = view.starToken {
            emit(star.index)
        }
        printExpression(value, indent: indent, trailing: 1)
    }

    mutating func printCollection(_ node: SyntaxNode, indent: Int) {
        let openKind: TokenKind =
            node.kind == .listExpression ? .leftBracket : node.kind == .dictExpression ? .leftBrace : .leftParenthesis
        guard let open = node.childToken(openKind),
            let close = node.childToken(openKind.matchingClosingBracket ?? .rightParenthesis)
        else {
            printFlat(node)
            return
        }
        emit(open.index)
        bracketDepth += 1
        defer { bracketDepth -= 1 }
        let inner = indent + options.indentWidth
        for element in node.childNodes {
            lineBreak(indent: inner, before: firstTokenIndex(element))
            if element.kind == .dictEntry {
                let expressions = element.expressionChildren
                if let doubleStar = element.childToken(.doubleStar), let value = expressions.first {
                    emit(doubleStar.index)
                    printExpression(value, indent: inner, trailing: 1)
                } else if expressions.count == 2, let colon = element.childToken(.colon) {
                    printExpression(expressions[0], indent: inner, trailing: 1)
                    emit(colon.index)
                    write(" ")
                    printExpression(expressions[1], indent: inner, trailing: 1)
                } else {
                    printFlat(element)
                }
            } else {
                printExpression(element, indent: inner, trailing: 1)
            }
            write(",")
        }
        lineBreak(indent: indent, before: close.index)
        emit(close.index)
    }

    // MARK: One-line text

    func tokenText(_ token: SyntaxToken) -> String {
        String(decoding: bytes[token.range.start..<token.range.end], as: UTF8.self)
    }

    /// The node on one line in canonical spacing (memoized: layout decisions ask for it at every level).
    func flat(_ node: SyntaxNode) -> String {
        if let cached = flatCache.texts[node.index] { return cached }
        let text = computeFlat(node)
        flatCache.texts[node.index] = text
        return text
    }

    func computeFlat(_ node: SyntaxNode) -> String {
        switch node.kind {
        case .nameExpression, .integerLiteral, .floatLiteral, .booleanLiteral, .noneLiteral:
            return node.childTokens.map(tokenText).joined()
        case .stringLiteral:
            return node.childTokens.map(tokenText).joined(separator: " ")
        case .listExpression:
            return "[" + node.childNodes.map(flat).joined(separator: ", ") + "]"
        case .tupleExpression:
            let elements = node.childNodes
            return "(" + elements.map(flat).joined(separator: ", ") + (elements.count == 1 ? "," : "") + ")"
        case .dictExpression:
            return "{" + node.childNodes.map(flat).joined(separator: ", ") + "}"
        case .dictEntry:
            let expressions = node.expressionChildren
            if node.childToken(.doubleStar) != nil { return "**" + (expressions.first.map(flat) ?? "") }
            return expressions.map(flat).joined(separator: ": ")
        case .parenthesizedExpression:
            return "(" + node.childNodes.map(flat).joined() + ")"
        case .callExpression:
            return node.childNodes.map(flat).joined()
        case .argumentList:
            return "(" + node.childNodes.map(flat).joined(separator: ", ") + ")"
        case .argument:
            let view = CallArgument(node)
            let prefix = view?.label.map { $0 + "=" } ?? view?.starToken.map(tokenText) ?? ""
            return prefix + (view?.value.map(flat) ?? "")
        case .memberAccess:
            let view = MemberAccess(node)
            return (view?.base.map(flat) ?? "") + "." + (view?.name ?? "")
        case .subscriptExpression:
            let view = SubscriptExpression(node)
            return (view?.base.map(flat) ?? "") + "[" + (view?.index.map(flat) ?? "") + "]"
        case .binaryExpression:
            let view = BinaryExpression(node)
            let operatorText = view?.operatorTokens.map(tokenText).joined(separator: " ") ?? ""
            return (view?.left.map(flat) ?? "") + " " + operatorText + " " + (view?.right.map(flat) ?? "")
        case .unaryExpression:
            let view = UnaryExpression(node)
            let operatorText = view?.operatorToken.map(tokenText) ?? ""
            return operatorText + (operatorText == "not" ? " " : "") + (view?.operand.map(flat) ?? "")
        case .missingExpression:
            return ""
        case .sourceFile, .importStatement, .fromImportStatement, .importedName, .dottedName, .bindingStatement,
            .expressionStatement, .withStatement, .block, .unsupportedStatement, .errorStatement, .errorExpression,
            .error:
            return node.text
        }
    }
}

/// The one-line texts of nodes, filled as the printer asks; local to one formatting run.
private final class FlatTextCache {
    var texts: [String?] = []
}

private func trimTrailingWhitespace(_ text: String) -> String {
    var result = text
    while let last = result.last, last == " " || last == "\t" { result.removeLast() }
    return result
}
