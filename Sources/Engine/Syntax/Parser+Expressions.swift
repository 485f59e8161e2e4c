extension Parser {
    /// Whether a token of `kind` can begin an expression.
    func canStartExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .identifier, .integer, .float, .string, .trueKeyword, .falseKeyword, .noneKeyword, .leftParenthesis,
            .leftBracket, .leftBrace, .minus, .plus, .tilde, .notKeyword, .lambdaKeyword, .awaitKeyword,
            .yieldKeyword, .unknown:
            true
        default: false
        }
    }

    /// Tokens at which a list, argument list or expression stops and lets an outer level decide.
    func isRecoveryStop(_ kind: TokenKind) -> Bool {
        switch kind {
        case .newline, .endOfFile, .dedent, .indent, .rightParenthesis, .rightBracket, .rightBrace: true
        default: false
        }
    }

    /// Python's binary operator precedence (higher binds tighter); `nil` when `kind` is not a binary operator here.
    /// Inlined: an outlined call from `parseBinaryOperators` (a mutating method) copied the whole parser first.
    @inline(__always)
    func binaryPrecedence() -> Int? {
        switch kind {
        case .orKeyword: 1
        case .andKeyword: 2
        case .less, .greater, .lessEqual, .greaterEqual, .equalEqual, .notEqual, .inKeyword, .isKeyword: 4
        case .notKeyword: peek(1) == .inKeyword ? 4 : nil
        case .pipe: 5
        case .caret: 6
        case .ampersand: 7
        case .leftShift, .rightShift: 8
        case .plus, .minus: 9
        case .star, .slash, .doubleSlash, .percent, .at: 10
        default: nil
        }
    }

    mutating func enterNesting() -> Bool {
        nesting += 1
        return nesting <= nestingLimit
    }

    mutating func leaveNesting() { nesting -= 1 }

    /// Skips an over-nested construct without recursion: from an opening bracket to its closing bracket, or an
    /// operand up to the next comma, closing bracket or line end.
    mutating func skipTooDeep() {
        let marker = mark()
        let start = current.start
        let startsWithOpener = kind.isOpeningBracket
        var depth = 0
        while kind != .newline && kind != .endOfFile && kind != .dedent && kind != .indent {
            if kind.isOpeningBracket {
                depth += 1
            } else if kind.isClosingBracket {
                if depth == 0 { break }
                depth -= 1
                bump()
                if depth == 0 && startsWithOpener { break }
                continue
            } else if depth == 0 && kind == .comma {
                break
            }
            bump()
        }
        report(
            .nestingTooDeep, ByteRange(start: start, end: max(start, previousEnd)),
            "Brackets and operators are nested more than \(nestingLimit) levels deep; this part is skipped. "
                + "Split the expression into named steps.",
            force: true)
        quietUntilStatementEnd = true
        finish(.errorExpression, marker)
    }

    mutating func parseExpressionOrMissing() {
        if canStartExpression(kind) {
            parseExpression()
        } else {
            parseMissingExpression()
        }
    }

    mutating func parseMissingExpression() {
        let after = position > 0 ? tokens[position - 1] : nil
        let context = after.flatMap { $0.kind.fixedText.map { " after '\($0)'" } } ?? ""
        let found =
            kind == .newline || kind.isZeroWidth
            ? "" : " but found \(kind.displayName == "a name" ? "'\(text(current))'" : kind.displayName)"
        report(.expectedExpression, currentDiagnosticRange, "Expected an expression\(context)\(found).")
        finish(.missingExpression, mark())
    }

    /// The kind of the expression node one token makes on its own (a name or a literal), or `nil`: what the
    /// shortcuts for a lone name or literal write without going down through the precedence levels.
    @inline(__always)
    static func singleTokenExpressionKind(_ kind: TokenKind) -> SyntaxKind? {
        switch kind {
        case .identifier: .nameExpression
        case .integer: .integerLiteral
        case .float: .floatLiteral
        case .string: .stringLiteral
        case .trueKeyword, .falseKeyword: .booleanLiteral
        case .noneKeyword: .noneLiteral
        default: nil
        }
    }

    mutating func parseExpression() {
        if kind == .lambdaKeyword {
            parseLambda()
            return
        }
        // A lone name or literal before `,`, a closing bracket or the line end (most arguments): the node the
        // precedence levels would make, without going down through them (no operator, postfix, `**`,
        // conditional or walrus can follow).
        if let primaryKind = Parser.singleTokenExpressionKind(kind) {
            switch peek(1) {
            case .comma, .rightParenthesis, .rightBracket, .rightBrace, .newline:
                // One token (adjacent strings would be followed by a string), as `parsePrimary` makes it.
                finishSingleToken(primaryKind)
                return
            default:
                break
            }
        }
        // Anything longer: the flat path, without recursion, when it takes the whole expression.
        if fastPaths && position >= flatRetryFrom && parseExpressionFlat() { return }
        let marker = mark()
        parseBinary(minimumPrecedence: 1)
        if kind == .ifKeyword || kind == .colonEqual { parseUnsupportedExpressionTail(marker) }
    }

    /// `a if b else c` or `name := value` after the expression at `marker`: reported and kept as an error
    /// expression (a call of its own, so that ``parseExpression()`` does not pay for its set-up).
    @inline(never)
    mutating func parseUnsupportedExpressionTail(_ marker: Int) {
        if kind == .ifKeyword {
            report(
                .unsupportedExpression, ByteRange(start: start(of: stack[marker]), end: current.end),
                "Conditional expressions (`a if condition else b`) are not supported; "
                    + "use `F.when(condition, a).otherwise(b)`.",
                force: true)
            bump()
            parseBinaryOrMissing(minimumPrecedence: 1)
            if kind == .elseKeyword {
                bump()
                parseExpressionOrMissing()
            }
            finish(.errorExpression, marker)
        } else if kind == .colonEqual {
            report(
                .walrus, current.range,
                "The walrus operator `:=` is not supported; bind the value on its own line: `name = value`.",
                force: true)
            bump()
            parseExpressionOrMissing()
            finish(.errorExpression, marker)
        }
    }

    mutating func parseBinaryOrMissing(minimumPrecedence: Int) {
        if canStartExpression(kind) {
            parseBinary(minimumPrecedence: minimumPrecedence)
        } else {
            parseMissingExpression()
        }
    }

    // Inlined into `parseExpression` and `parseBinaryOrMissing`: a call level less per operand.
    @inline(__always)
    mutating func parseBinary(minimumPrecedence: Int) {
        let marker = mark()
        if kind == .minus || kind == .plus || kind == .tilde || kind == .notKeyword {
            parseUnaryLevel()
        } else {
            // `parseUnaryLevel` → `parseFactor` → `parsePower` for an operand without a prefix operator.
            parsePostfix()
            parsePowerOperator(from: marker)
        }
        // Most operands have no operator after them: tested here, without the call.
        if let precedence = binaryPrecedence(), precedence >= minimumPrecedence {
            parseBinaryOperators(from: marker, minimumPrecedence: minimumPrecedence)
        }
    }

    /// The binary operators (at `minimumPrecedence` or tighter) after the left operand pushed since `marker`.
    mutating func parseBinaryOperators(from marker: Int, minimumPrecedence: Int) {
        var comparisons = 0
        var reportedChain = false
        var comparisonOperandIsBitwise = false
        while let precedence = binaryPrecedence(), precedence >= minimumPrecedence, tick() {
            let operatorStart = position
            let operatorToken = current
            var operatorEnd = operatorToken
            bump()
            if operatorToken.kind == .notKeyword || (operatorToken.kind == .isKeyword && kind == .notKeyword) {
                operatorEnd = current
                bump()
            }
            if precedence == 4 {
                comparisons += 1
                if isBitwise(stack[marker]) { comparisonOperandIsBitwise = true }
            }
            parseBinaryOrMissing(minimumPrecedence: precedence + 1)
            if precedence == 4 && isBitwise(stack[stackTop - 1]) { comparisonOperandIsBitwise = true }
            let left = stack[marker]
            let right = stack[stackTop - 1]
            let operatorRange = ByteRange(start: operatorToken.start, end: operatorEnd.end)
            finish(.binaryExpression, marker)
            switch operatorToken.kind {
            case .andKeyword, .orKeyword:
                reportBooleanKeyword(operatorToken, left: left, right: right)
            case .inKeyword, .notKeyword:
                reportMembership(operatorRange, negated: operatorToken.kind == .notKeyword, left: left, right: right)
            case .isKeyword:
                reportIdentity(operatorRange, negated: operatorEnd.kind == .notKeyword, left: left, right: right)
            default:
                break
            }
            if comparisons >= 2 && !reportedChain {
                reportedChain = true
                let whole = nodes[nodes.count - 1]
                let message =
                    comparisonOperandIsBitwise
                    ? "`&` and `|` bind more tightly than comparisons, so this is a chained comparison. "
                        + "Put parentheses around each comparison: `(a > 1) & (b < 2)`."
                    : "Comparisons cannot be chained: in Python `a < b < c` means `(a < b) and (b < c)`, which does not "
                        + "work on columns. Write `(a < b) & (b < c)`."
                report(.chainedComparison, ByteRange(start: whole.start, end: whole.end), message, force: true)
            }
            _ = operatorStart
        }
    }

    // Inlined: called from mutating methods, an outlined call copied the whole parser first.
    @inline(__always)
    func isBitwise(_ child: Int32) -> Bool {
        guard child >= 0, nodes[Int(child)].kind == .binaryExpression else { return false }
        let raw = nodes[Int(child)]
        guard raw.childCount >= 2 else { return false }
        let operatorChild = children[Int(raw.childStart) + 1]
        guard operatorChild < 0 else { return false }
        let operatorKind = tokens[Int(~operatorChild)].kind
        return operatorKind == .ampersand || operatorKind == .pipe
    }

    @inline(__always)
    func isComparison(_ child: Int32) -> Bool {
        guard child >= 0, nodes[Int(child)].kind == .binaryExpression else { return false }
        let raw = nodes[Int(child)]
        guard raw.childCount >= 2 else { return false }
        let operatorChild = children[Int(raw.childStart) + 1]
        guard operatorChild < 0 else { return false }
        switch tokens[Int(~operatorChild)].kind {
        case .less, .greater, .lessEqual, .greaterEqual, .equalEqual, .notEqual, .isKeyword, .inKeyword, .notKeyword:
            return true
        default:
            return false
        }
    }

    /// Edits that put parentheses around `child` when it is a comparison (or and/or/not) without them.
    func parenthesize(_ child: Int32) -> [TextEdit] {
        guard child >= 0 else { return [] }
        let raw = nodes[Int(child)]
        guard raw.kind == .binaryExpression || raw.kind == .unaryExpression else { return [] }
        return [
            TextEdit(range: .empty(at: raw.start), newText: "("), TextEdit(range: .empty(at: raw.end), newText: ")"),
        ]
    }

    mutating func reportBooleanKeyword(_ token: Token, left: Int32, right: Int32) {
        let replacement = token.kind == .andKeyword ? "&" : "|"
        let keyword = text(token)
        let edits = parenthesize(left) + [TextEdit(range: token.range, newText: replacement)] + parenthesize(right)
        report(
            .booleanKeyword, token.range,
            "`\(keyword)` does not work on columns; use `\(replacement)`, with parentheses around each comparison: "
                + "`(a > 1) \(replacement) (b < 2)`.",
            force: true,
            fixes: [
                Fix(
                    title: "Replace `\(keyword)` with `\(replacement)`",
                    edits: edits.sorted { $0.range.start < $1.range.start })
            ])
    }

    mutating func reportMembership(_ range: ByteRange, negated: Bool, left: Int32, right: Int32) {
        var fixes: [Fix] = []
        if right >= 0 && nodes[Int(right)].kind != .missingExpression && !isComparison(left) {
            let leftRaw = left >= 0 ? nodes[Int(left)] : nil
            let leftEnd = end(of: left)
            let rightRaw = nodes[Int(right)]
            var edits: [TextEdit] = []
            if negated, let leftRaw { edits.append(TextEdit(range: .empty(at: leftRaw.start), newText: "~")) }
            edits.append(TextEdit(range: ByteRange(start: leftEnd, end: rightRaw.start), newText: ".isin("))
            edits.append(TextEdit(range: .empty(at: rightRaw.end), newText: ")"))
            fixes.append(Fix(title: "Use `.isin(...)`", edits: edits))
        }
        report(
            .membershipOrIdentity, range,
            negated
                ? "`not in` does not work on columns; use `~column.isin([...])`."
                : "`in` does not work on columns; use `column.isin([...])`.",
            force: true, fixes: fixes)
    }

    mutating func reportIdentity(_ range: ByteRange, negated: Bool, left: Int32, right: Int32) {
        let isNone = right >= 0 && nodes[Int(right)].kind == .noneLiteral
        var fixes: [Fix] = []
        let method = negated ? "is_not_null" : "is_null"
        if isNone {
            let leftEnd = end(of: left)
            fixes.append(
                Fix(
                    title: "Use `.\(method)()`",
                    edits: [
                        TextEdit(range: ByteRange(start: leftEnd, end: nodes[Int(right)].end), newText: ".\(method)()")
                    ]
                ))
        } else {
            fixes.append(
                Fix(
                    title: "Use `\(negated ? "!=" : "==")`",
                    edits: [TextEdit(range: range, newText: negated ? "!=" : "==")]))
        }
        let message =
            isNone
            ? "`\(negated ? "is not" : "is") None` does not work on columns; use `.\(method)()`."
            : "`\(negated ? "is not" : "is")` compares object identity, which columns do not have; use `\(negated ? "!=" : "==")`."
        report(.membershipOrIdentity, range, message, force: true, fixes: fixes)
    }

    mutating func parseUnaryLevel() {
        guard kind == .notKeyword else {
            parseFactor()
            return
        }
        let marker = mark()
        let notToken = current
        bump()
        guard enterNesting() else {
            skipTooDeep()
            leaveNesting()
            finish(.unaryExpression, marker)
            return
        }
        parseBinaryOrMissing(minimumPrecedence: 4)
        leaveNesting()
        let operand = stack[stackTop - 1]
        finish(.unaryExpression, marker)
        var edits = [TextEdit(range: notToken.range, newText: "~")]
        if operand >= 0 {
            let raw = nodes[Int(operand)]
            edits = [TextEdit(range: ByteRange(start: notToken.start, end: raw.start), newText: "~")]
            if raw.kind == .binaryExpression || raw.kind == .unaryExpression {
                edits = [
                    TextEdit(range: ByteRange(start: notToken.start, end: raw.start), newText: "~("),
                    TextEdit(range: .empty(at: raw.end), newText: ")"),
                ]
            }
        }
        report(
            .booleanKeyword, notToken.range,
            "`not` does not work on columns; use `~`, with parentheses around a comparison: `~(a > 1)`.",
            force: true, fixes: [Fix(title: "Replace `not` with `~`", edits: edits)])
    }

    /// Unary `+`, `-`, `~` (iteratively, so a long run of them cannot overflow the stack), then a power.
    mutating func parseFactor() {
        var markers: [Int] = []
        while (kind == .minus || kind == .plus || kind == .tilde) && tick() {
            markers.append(mark())
            bump()
        }
        parsePower()
        for marker in markers.reversed() { finish(.unaryExpression, marker) }
    }

    mutating func parsePower() {
        let marker = mark()
        parsePostfix()
        parsePowerOperator(from: marker)
    }

    /// `** operand` after the postfix expression pushed since `marker`, if there is one (the test is inlined into
    /// the callers; the rare operator is a call of its own).
    @inline(__always)
    mutating func parsePowerOperator(from marker: Int) {
        if kind == .doubleStar { parsePowerOperand(from: marker) }
    }

    @inline(never)
    mutating func parsePowerOperand(from marker: Int) {
        bump()
        guard enterNesting() else {
            skipTooDeep()
            leaveNesting()
            finish(.binaryExpression, marker)
            return
        }
        if canStartExpression(kind) && kind != .notKeyword { parseFactor() } else { parseMissingExpression() }
        leaveNesting()
        finish(.binaryExpression, marker)
    }

    mutating func parsePostfix() {
        let marker = mark()
        if kind == .identifier {
            // Most postfix chains start with a name (`db`, `col`, `F`): `parsePrimary`'s first case, without the call.
            finishSingleToken(.nameExpression)
        } else {
            parsePrimary()
        }
        while tick() {
            switch kind {
            case .dot:
                if peek(1) == .identifier && stackTop == marker + 1 && stack[marker] >= 0 {
                    // `base.name` with the base alone on the stack (always, but checked): made in one step.
                    finishMemberAccess(baseSlot: marker)
                    continue
                }
                bump()
                if kind == .identifier {
                    bump()
                } else {
                    reportMissingMemberName()
                }
                finish(.memberAccess, marker)
            case .leftParenthesis:
                if fastPaths && stackTop == marker + 1 && stack[marker] >= 0 && finishSimpleCall(baseSlot: marker) {
                    continue
                }
                parseArgumentList()
                finish(.callExpression, marker)
            case .leftBracket:
                parseSubscript()
                finish(.subscriptExpression, marker)
            default:
                return
            }
        }
    }

    /// `x.` without a name after the dot (a call of its own, so that ``parsePostfix()`` does not pay for it).
    @inline(never)
    mutating func reportMissingMemberName() {
        report(.expectedToken, currentDiagnosticRange, "Expected a name after '.'.")
    }

    mutating func parsePrimary() {
        let marker = mark()
        switch kind {
        case .identifier:
            finishSingleToken(.nameExpression)
        case .integer:
            finishSingleToken(.integerLiteral)
        case .float:
            finishSingleToken(.floatLiteral)
        case .string:
            if peek(1) != .string {
                finishSingleToken(.stringLiteral)
            } else {
                while kind == .string { bump() }
                finish(.stringLiteral, marker)
            }
        case .trueKeyword, .falseKeyword:
            finishSingleToken(.booleanLiteral)
        case .noneKeyword:
            finishSingleToken(.noneLiteral)
        case .leftParenthesis:
            parseBracketed(closing: .rightParenthesis)
        case .leftBracket:
            parseBracketed(closing: .rightBracket)
        case .leftBrace:
            parseBracketed(closing: .rightBrace)
        case .unknown:
            while kind == .unknown { bump() }
            finish(.errorExpression, marker)
        case .lambdaKeyword:
            parseLambda()
        case .awaitKeyword, .yieldKeyword:
            parseAwaitOrYield()
        case .notKeyword:
            parseUnaryLevel()
        default:
            parseMissingExpression()
        }
    }

    /// `await x` or `yield x`: reported and kept as an error expression (a call of its own, so that
    /// ``parsePrimary()`` does not pay for its set-up).
    @inline(never)
    mutating func parseAwaitOrYield() {
        let marker = mark()
        report(
            .unsupportedExpression, current.range,
            "`\(text(current))` is not supported: a .moltres file is compiled, not run as Python.", force: true)
        bump()
        if canStartExpression(kind) { parseFactor() }
        finish(.errorExpression, marker)
    }

    mutating func parseLambda() {
        let marker = mark()
        report(
            .unsupportedStatement, current.range,
            "`lambda` is not supported: loops and functions are not part of .moltres files; write the expression directly.",
            force: true)
        bump()
        while kind != .colon && !isRecoveryStop(kind) { bump() }
        if kind == .colon {
            bump()
            parseExpressionOrMissing()
        }
        finish(.errorExpression, marker)
    }

    /// `( … )`, `[ … ]` or `{ … }` as an expression: parenthesized expression, tuple, list or dict.
    mutating func parseBracketed(closing: TokenKind) {
        let marker = mark()
        let opener = current
        guard enterNesting() else {
            skipTooDeep()
            leaveNesting()
            lastErrorPosition = position
            return
        }
        bump()
        openBrackets.append(closing)
        let (count, sawComma) = parseCommaSeparated(closing: closing) { parser in
            if closing == .rightBrace { parser.parseDictEntry() } else { parser.parseExpression() }
        }
        expectClosing(closing, opener: opener)
        openBrackets.removeLast()
        leaveNesting()
        switch closing {
        case .rightParenthesis: finish(count == 1 && !sawComma ? .parenthesizedExpression : .tupleExpression, marker)
        case .rightBracket: finish(.listExpression, marker)
        default: finish(.dictExpression, marker)
        }
    }

    mutating func parseDictEntry() {
        let marker = mark()
        if kind == .doubleStar {
            bump()
            parseExpressionOrMissing()
        } else {
            parseExpression()
            if kind == .colon {
                bump()
                parseExpressionOrMissing()
            } else {
                report(.expectedToken, currentDiagnosticRange, "Expected ':' and a value after the dict key.")
            }
        }
        finish(.dictEntry, marker)
    }

    /// `base()` or `base(value)` with a lone name or literal value, where the current token is the `(` and the
    /// base the node in stack slot `baseSlot`, the top: what ``parseArgumentList()`` and
    /// `finish(.callExpression, baseSlot)` make of it (the same nodes and children, in the same order, the same
    /// loop budget spent), in one step without the list loop, the bracket stack or the stack round trips. False,
    /// with nothing consumed, for any other shape or when the list would nest too deeply or stall.
    @inline(__always)
    mutating func finishSimpleCall(baseSlot: Int) -> Bool {
        // The list loop would enter one nesting level and tick once.
        guard nesting < nestingLimit && budget > 1,
            let call = SimpleCall(tokens: tokenBuffer.baseAddress.unsafelyUnwrapped, open: position)
        else { return false }
        budget &-= 1
        let base = stack[baseSlot]
        let inner = nodes[Int(base)]
        let firstChild = children.count
        let firstNode = nodes.count
        // The children and nodes are written in place, in the order the general path appends them.
        let top = call.write(
            tokens: tokenBuffer.baseAddress.unsafelyUnwrapped, base: base, inner: inner, firstChild: firstChild,
            firstNode: firstNode, children: children.appendUninitialized(count: call.childCount),
            nodes: nodes.appendUninitialized(count: call.nodeCount))
        stack.replaceTail(from: baseSlot, with: top)
        position = call.close &+ 1
        return true
    }

    mutating func parseArgumentList() {
        let marker = mark()
        let opener = current
        guard enterNesting() else {
            skipTooDeep()
            leaveNesting()
            lastErrorPosition = position
            finish(.argumentList, marker)
            return
        }
        bump()
        openBrackets.append(.rightParenthesis)
        _ = parseCommaSeparated(closing: .rightParenthesis) { parser in parser.parseArgument() }
        expectClosing(.rightParenthesis, opener: opener)
        openBrackets.removeLast()
        leaveNesting()
        finish(.argumentList, marker)
    }

    // Inlined into the argument list's loop (its only caller): one call less per argument.
    @inline(__always)
    mutating func parseArgument() {
        let marker = mark()
        let next = peek(1)
        if next == .comma || next == .rightParenthesis {
            // A lone name or literal (most arguments): the node `parseExpression` would make, without the call.
            if let valueKind = Parser.singleTokenExpressionKind(kind) {
                finishSingleToken(valueKind, wrappedIn: .argument)
                return
            }
        }
        if kind == .identifier && next == .equal {
            bump()
            bump()
            parseExpressionOrMissing()
        } else if kind == .star || kind == .doubleStar {
            bump()
            parseExpressionOrMissing()
        } else {
            parseExpression()
        }
        finish(.argument, marker)
    }

    mutating func parseSubscript() {
        let opener = current
        guard enterNesting() else {
            skipTooDeep()
            leaveNesting()
            lastErrorPosition = position
            return
        }
        bump()
        openBrackets.append(.rightBracket)
        if kind == .colon || canStartExpression(kind) {
            if kind != .colon { parseExpression() }
            if kind == .colon || kind == .comma {
                let marker = mark()
                report(
                    .unsupportedExpression, current.range,
                    "Slices and multiple indexes are not supported; use `.limit(n)` and `.offset(n)` to take rows.",
                    force: true)
                skipToListEnd(closing: .rightBracket)
                finish(.error, marker)
            }
        } else {
            parseMissingExpression()
        }
        expectClosing(.rightBracket, opener: opener)
        openBrackets.removeLast()
        leaveNesting()
    }

    /// Parses `element (, element)* [,]` up to `closing`; returns the element count and whether a comma was seen.
    /// Inlined into its two callers, with `element`: a call less per list and per element.
    @inline(__always)
    mutating func parseCommaSeparated(closing: TokenKind, element: (inout Parser) -> Void) -> (Int, Bool) {
        var count = 0
        var sawComma = false
        while tick() {
            if kind == closing || isRecoveryStop(kind) { break }
            if kind == .comma {
                parseMissingExpression()
            } else if canStartExpression(kind) || kind == .star || kind == .doubleStar {
                let before = position
                element(&self)
                count += 1
                if position == before { break }
            } else {
                skipUnexpectedInList(closing: closing)
            }
            if kind == .comma {
                sawComma = true
                bump()
                continue
            }
            if kind == closing || isRecoveryStop(kind) { break }
            if kind == .unknown { continue }
            if canStartExpression(kind) && kind != .notKeyword {
                reportMissingComma()
                continue
            }
            skipUnexpectedInList(closing: closing)
            if kind == .comma {
                sawComma = true
                bump()
            }
        }
        return (count, sawComma)
    }

    /// Two items without a comma between them (a call of its own, so that ``parseCommaSeparated(closing:element:)``
    /// does not pay for its set-up).
    @inline(never)
    mutating func reportMissingComma() {
        report(
            .expectedToken, .empty(at: previousEnd), "Expected ',' between the items.",
            fixes: [Fix(title: "Insert ','", edits: [TextEdit(range: .empty(at: previousEnd), newText: ",")])])
    }

    /// Wraps tokens that fit nowhere in an `error` node, up to the next comma or closing bracket at this level.
    mutating func skipUnexpectedInList(closing: TokenKind) {
        let marker = mark()
        let first = current
        switch first.kind {
        case .forKeyword:
            report(
                .unsupportedExpression, first.range,
                "Comprehensions are not supported; write the items out, or transform rows with DataFrame steps such "
                    + "as `select` and `where`.",
                force: true)
        case .unknown:
            break
        default:
            report(.unexpectedToken, currentDiagnosticRange, unexpectedMessage(first, context: "an expression"))
        }
        skipToListEnd(closing: closing)
        if stackTop == marker { bump() }
        finish(.error, marker)
    }

    mutating func skipToListEnd(closing: TokenKind) {
        var depth = 0
        while kind != .newline && kind != .endOfFile && kind != .dedent && kind != .indent {
            if kind.isOpeningBracket {
                depth += 1
            } else if kind.isClosingBracket {
                if depth == 0 { break }
                depth -= 1
            } else if depth == 0 && kind == .comma {
                break
            }
            bump()
        }
    }

    /// Whether a bracket outside the innermost one expects `closing`.
    func enclosingBracketsExpect(_ closing: TokenKind) -> Bool {
        var index = 0
        while index < openBrackets.count - 1 {
            if openBrackets[index] == closing { return true }
            index += 1
        }
        return false
    }

    /// Consumes `closing`, or reports the bracket that `opener` leaves open.
    /// Consumes the closing bracket `closing`, or reports that it is missing. The common case (it is there) is
    /// inlined into the caller; the report is a call of its own, so the caller does not pay for its set-up.
    @inline(__always)
    mutating func expectClosing(_ closing: TokenKind, opener: Token) {
        if kind == closing {
            bump()
            return
        }
        reportMissingClosing(closing, opener: opener)
    }

    /// ``expectClosing(_:opener:)`` when the current token is not `closing`.
    @inline(never)
    mutating func reportMissingClosing(_ closing: TokenKind, opener: Token) {
        let closingText = closing.fixedText ?? ")"
        let openerText = text(opener)
        let insertion = previousEnd
        if kind.isClosingBracket && !enclosingBracketsExpect(kind) {
            report(
                .missingClosingBracket, current.range,
                "Expected '\(closingText)' to close '\(openerText)', but found '\(text(current))'.",
                related: [RelatedInformation(range: opener.range, message: "the bracket to close")],
                fixes: [
                    Fix(
                        title: "Replace with '\(closingText)'",
                        edits: [TextEdit(range: current.range, newText: closingText)])
                ])
            bump()
            return
        }
        report(
            .missingClosingBracket, opener.range,
            "'\(openerText)' is never closed; add '\(closingText)'.",
            related: [RelatedInformation(range: .empty(at: insertion), message: "'\(closingText)' is expected here")],
            fixes: [
                Fix(
                    title: "Insert '\(closingText)'",
                    edits: [TextEdit(range: .empty(at: insertion), newText: closingText)])
            ])
    }
}
