#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One open bracket of ``Parser/parseExpressionFlat()``, or the expression it started with (depth 0). Slots and
/// counts are 32-bit, so that the frames fit in a small stack allocation.
struct FlatFrame {
    /// What the bracket opened: ``top``, ``argumentList``, ``list``, ``parenthesized`` or ``dict``.
    var kind: UInt8
    /// In a dict, whether the current entry's value (after its `:`) is being parsed.
    var inValue: Bool
    /// Whether the current element's expression has consumed a comparison operator (a second one is a chain,
    /// which the general path reports).
    var comparison: Bool
    var sawComma: Bool
    /// The stack slot of the opening bracket.
    var listMarker: Int32
    /// The stack slot of the postfix chain the bracket belongs to (the callee of an argument list; the bracket's
    /// own slot for a list or parentheses).
    var operandMarker: Int32
    /// The stack slot of the current argument or dict entry.
    var argumentMarker: Int32
    /// The stack slot where the current element's expression starts.
    var expressionMarker: Int32
    /// The pending binary operators below the current element's.
    var pendingBase: Int32
    var count: Int32

    static let top: UInt8 = 0
    static let argumentList: UInt8 = 1
    static let list: UInt8 = 2
    static let parenthesized: UInt8 = 3
    static let dict: UInt8 = 4
    /// The most brackets open at once (deeper expressions go to the general path).
    static let capacity = 16

    /// The closing bracket of a frame of `kind`.
    @inline(__always)
    static func closing(_ kind: UInt8) -> TokenKind {
        kind == list ? .rightBracket : kind == dict ? .rightBrace : .rightParenthesis
    }

    @inline(__always)
    init(kind: UInt8, listMarker: Int, operandMarker: Int) {
        self.kind = kind
        inValue = false
        comparison = false
        sawComma = false
        self.listMarker = Int32(truncatingIfNeeded: listMarker)
        self.operandMarker = Int32(truncatingIfNeeded: operandMarker)
        argumentMarker = self.listMarker
        expressionMarker = self.listMarker
        pendingBase = 0
        count = 0
    }
}

/// A binary operator of ``Parser/parseExpressionFlat()`` waiting for its right operand: its precedence and the
/// stack slot of its left operand.
struct FlatOperator {
    var precedence: Int32
    var marker: Int32

    /// The most operators pending at once.
    static let capacity = 32
}

/// The parser's position and its node, child and stack buffers as plain pointers and counts, in registers for the
/// length of ``Parser/parseExpressionFlat()``: its writes check no index, and the room for them is checked once per
/// turn of its loop, as one comparison of the position (``safeEnd``).
struct FlatBuilder {
    let tokens: UnsafePointer<Token>
    var position: Int
    var nodes: UnsafeMutablePointer<RawNode>
    var nodeCount: Int
    var nodeCapacity: Int
    var children: UnsafeMutablePointer<Int32>
    var childCount: Int
    var childCapacity: Int
    var stack: UnsafeMutablePointer<Int32>
    var stackCount: Int
    var stackCapacity: Int
    /// Whether each buffer is its own allocation (``ParserBuffer/owned``), read only when growing.
    var nodesOwned: Bool
    var childrenOwned: Bool
    var stackOwned: Bool

    /// Where the flat path started: the position and the counts.
    let startPosition: Int
    let startNodes: Int
    let startChildren: Int
    let startStack: Int

    /// The builder of an expression starting at `position` with the parser's buffers as they are.
    init(
        tokens: UnsafePointer<Token>, position: Int, nodes: ParserBuffer<RawNode>, children: ParserBuffer<Int32>,
        stack: ParserBuffer<Int32>
    ) {
        self.tokens = tokens
        self.position = position
        self.nodes = nodes.base
        nodeCount = nodes.count
        nodeCapacity = nodes.allocatedCapacity
        self.children = children.base
        childCount = children.count
        childCapacity = children.allocatedCapacity
        self.stack = stack.base
        stackCount = stack.count
        stackCapacity = stack.allocatedCapacity
        nodesOwned = nodes.owned
        childrenOwned = children.owned
        stackOwned = stack.owned
        startPosition = position
        startNodes = nodeCount
        startChildren = childCount
        startStack = stackCount
    }

    /// The first position at which the buffers may lack room (one test a turn instead of one per buffer): the
    /// tokens consumed since the start have made at most two nodes each (a lone argument's value and its
    /// `argument`), at most three children each (each token and node is at most one child) and at most one stack
    /// entry each; a turn consumes at most three tokens.
    var safeEnd: Int {
        let room = min(
            (nodeCapacity &- startNodes) / 2, (childCapacity &- startChildren) / 3, stackCapacity &- startStack)
        return startPosition &+ room &- 3
    }

    /// Grows the buffers for 64 more tokens than the current position (``safeEnd`` is then past it), with
    /// `realloc` as ``ParserBuffer`` grows; returns the new ``safeEnd``.
    @inline(never)
    mutating func grow() -> Int {
        let consumed = position &+ 64 &- startPosition
        (nodes, nodeCapacity) = ParserBuffer.enlarged(
            nodes, nodeCapacity, needed: startNodes &+ 2 &* consumed, owned: &nodesOwned)
        (children, childCapacity) = ParserBuffer.enlarged(
            children, childCapacity, needed: startChildren &+ 3 &* consumed, owned: &childrenOwned)
        (stack, stackCapacity) = ParserBuffer.enlarged(
            stack, stackCapacity, needed: startStack &+ consumed, owned: &stackOwned)
        return safeEnd
    }

    @inline(__always)
    var kind: TokenKind { tokens[position].kind }

    /// The kind of the token after the current one (which must not be the end of the file).
    @inline(__always)
    var nextKind: TokenKind { tokens[position &+ 1].kind }

    /// Pushes the current token and moves past it (`bump()`).
    @inline(__always)
    mutating func bump() {
        stack[stackCount] = ~Int32(truncatingIfNeeded: position)
        stackCount &+= 1
        position &+= 1
    }

    /// `Parser.finishSingleToken(_:)`.
    @inline(__always)
    mutating func singleToken(_ kind: SyntaxKind) {
        let token = tokens[position]
        children[childCount] = ~Int32(truncatingIfNeeded: position)
        nodes[nodeCount] = RawNode(
            kind: kind, fullStart: token.fullStart, start: token.start, end: token.end,
            childStart: Int32(truncatingIfNeeded: childCount), childCount: 1)
        stack[stackCount] = Int32(truncatingIfNeeded: nodeCount)
        childCount &+= 1
        nodeCount &+= 1
        stackCount &+= 1
        position &+= 1
    }

    /// `Parser.finishSingleToken(_:wrappedIn:)`.
    @inline(__always)
    mutating func singleToken(_ kind: SyntaxKind, wrappedIn outer: SyntaxKind) {
        let token = tokens[position]
        let first = Int32(truncatingIfNeeded: childCount)
        let node = Int32(truncatingIfNeeded: nodeCount)
        children[childCount] = ~Int32(truncatingIfNeeded: position)
        children[childCount &+ 1] = node
        nodes[nodeCount] = RawNode(
            kind: kind, fullStart: token.fullStart, start: token.start, end: token.end, childStart: first,
            childCount: 1)
        nodes[nodeCount &+ 1] = RawNode(
            kind: outer, fullStart: token.fullStart, start: token.start, end: token.end, childStart: first &+ 1,
            childCount: 1)
        stack[stackCount] = node &+ 1
        childCount &+= 2
        nodeCount &+= 2
        stackCount &+= 1
        position &+= 1
    }

    /// `Parser.finishMemberAccess(baseSlot:)`: the base is the top of the stack.
    @inline(__always)
    mutating func memberAccess(baseSlot: Int) {
        let base = stack[baseSlot]
        let inner = nodes[Int(base)]
        let end = tokens[position &+ 1].end
        children[childCount] = base
        children[childCount &+ 1] = ~Int32(truncatingIfNeeded: position)
        children[childCount &+ 2] = ~Int32(truncatingIfNeeded: position &+ 1)
        nodes[nodeCount] = RawNode(
            kind: .memberAccess, fullStart: inner.fullStart, start: inner.start, end: end,
            childStart: Int32(truncatingIfNeeded: childCount), childCount: 3)
        stack[baseSlot] = Int32(truncatingIfNeeded: nodeCount)
        childCount &+= 3
        nodeCount &+= 1
        position &+= 2
    }

    /// `Parser.finish(_:_:)` with at least one child pending since `marker`.
    @inline(__always)
    mutating func finish(_ kind: SyntaxKind, _ marker: Int) {
        let count = stackCount &- marker
        let childStart = childCount
        var index = 0
        while index < count {
            children[childStart &+ index] = stack[marker &+ index]
            index &+= 1
        }
        childCount &+= count
        let first = stack[marker]
        let last = stack[stackCount &- 1]
        let fullStart: Int
        let start: Int
        if first >= 0 {
            let node = nodes[Int(first)]
            fullStart = node.fullStart
            start = node.start
        } else {
            let token = tokens[Int(~first)]
            fullStart = token.fullStart
            start = token.start
        }
        let end = last >= 0 ? nodes[Int(last)].end : tokens[Int(~last)].end
        nodes[nodeCount] = RawNode(
            kind: kind, fullStart: fullStart, start: start, end: end,
            childStart: Int32(truncatingIfNeeded: childStart), childCount: Int32(truncatingIfNeeded: count))
        stack[marker] = Int32(truncatingIfNeeded: nodeCount)
        stackCount = marker &+ 1
        nodeCount &+= 1
    }

    /// `Parser.finishSimpleCall(baseSlot:)` without its nesting and budget checks (the caller makes them): `()` or
    /// `(value)` with a lone name or literal value, where the current token is the `(` and the callee the top of
    /// the stack; false, nothing consumed, for any other shape.
    @inline(__always)
    mutating func simpleCall(baseSlot: Int) -> Bool {
        guard let call = SimpleCall(tokens: tokens, open: position) else { return false }
        let base = stack[baseSlot]
        stack[baseSlot] = call.write(
            tokens: tokens, base: base, inner: nodes[Int(base)], firstChild: childCount, firstNode: nodeCount,
            children: children + childCount, nodes: nodes + nodeCount)
        childCount &+= call.childCount
        nodeCount &+= call.nodeCount
        stackCount = baseSlot &+ 1
        position = call.close &+ 1
        return true
    }
}

extension Parser {
    /// The states of ``parseExpressionFlat()``'s loop.
    enum FlatState {
        /// At an expression's first token (a lone name or literal before `,`, a closing bracket or the line end is
        /// made on its own, as ``parseExpression()`` makes it).
        case expression
        /// At an operand's first token.
        case operand
        /// After a primary or a postfix operation: one turn of ``parsePostfix()``'s loop.
        case postfix
        /// After an operand: a binary operator, or the end of the element's expression.
        case afterOperand
        /// After an element's expression.
        case elementEnd
        /// After an element (an argument finished): a comma or the closing bracket.
        case elementDone
        /// At the token after an opening bracket or a comma: one turn of the list loop.
        case elementStart
        /// At the innermost bracket's closing bracket.
        case close
    }

    /// The precedence of a binary operator the flat path takes (as ``binaryPrecedence()`` gives it), 0 for a token
    /// that ends the expression, -1 for one it leaves to the general path (`and`, `or`, `not`, `in`, `is`, which
    /// the general path checks and reports, a conditional or walrus, `**`, a subscript).
    @inline(__always)
    static func flatPrecedence(_ kind: TokenKind) -> Int {
        switch kind {
        case .less, .greater, .lessEqual, .greaterEqual, .equalEqual, .notEqual: 4
        case .pipe: 5
        case .caret: 6
        case .ampersand: 7
        case .leftShift, .rightShift: 8
        case .plus, .minus: 9
        case .star, .slash, .doubleSlash, .percent, .at: 10
        case .orKeyword, .andKeyword, .notKeyword, .inKeyword, .isKeyword, .ifKeyword, .colonEqual, .doubleStar,
            .leftBracket:
            -1
        default: 0
        }
    }

    /// The expression at ``position`` parsed without recursion: names, literals, `.name`, calls, lists,
    /// parentheses and tuples, keyword arguments and the binary operators of ``flatPrecedence(_:)``, nested in
    /// any way, with its own stack of open brackets and pending operators and the buffers' counts in registers
    /// (``FlatBuilder``). It makes exactly the nodes, children and loop budget the general path makes
    /// (``parseExpression()`` down through ``parsePostfix()``, ``parseArgumentList()``, ``parseBracketed(closing:)``
    /// and ``parseBinaryOperators(from:minimumPrecedence:)``, with the shortcuts of ``finishSimpleCall(baseSlot:)``,
    /// ``finishMemberAccess(baseSlot:)`` and the lone names and literals). At anything else (any token the general
    /// path would report, a shape it does not take, nesting at the limit or deeper than ``FlatFrame/capacity``) it
    /// drops what it made and returns false, and the general path parses the expression; an expression starting
    /// before the token it stopped at is not tried again (``flatRetryFrom``), so failed attempts scan no token
    /// twice.
    @inline(never)
    mutating func parseExpressionFlat() -> Bool {
        // Every tick of the budget goes with a token (an operand's first, a postfix operation's, an element's or
        // the closing bracket, an operator): with this much left, none of them can stall.
        guard budget > 3 &* (tokenBuffer.count &- position) &+ 8, let tokens = tokenBuffer.baseAddress else {
            return false
        }
        let startPosition = position
        // The builder lives inside the closures (captured from outside, it would be kept in memory).
        let builderStart = FlatBuilder(
            tokens: tokens, position: position, nodes: nodes, children: children, stack: stack)
        let nestingRoom = nestingLimit &- nesting
        let (ticks, builder) = withUnsafeTemporaryAllocation(of: FlatFrame.self, capacity: FlatFrame.capacity) {
            frames in
            withUnsafeTemporaryAllocation(of: FlatOperator.self, capacity: FlatOperator.capacity) { pending in
                var builder = builderStart
                let ticks = Parser.flatLoop(
                    &builder, nestingRoom: nestingRoom, frames: frames.baseAddress!, pending: pending.baseAddress!)
                return (ticks, builder)
            }
        }
        // The memory may have grown; the counts change only when the expression was made.
        let parsed = ticks >= 0
        nodes.replaceStorage(
            base: builder.nodes, capacity: builder.nodeCapacity, count: parsed ? builder.nodeCount : nodes.count,
            owned: builder.nodesOwned)
        children.replaceStorage(
            base: builder.children, capacity: builder.childCapacity,
            count: parsed ? builder.childCount : children.count, owned: builder.childrenOwned)
        stack.replaceStorage(
            base: builder.stack, capacity: builder.stackCapacity, count: parsed ? builder.stackCount : stack.count,
            owned: builder.stackOwned)
        if !parsed {
            flatRetryFrom = builder.position &+ 1
            position = startPosition
            return false
        }
        position = builder.position
        budget &-= ticks
        return true
    }

    /// The loop of ``parseExpressionFlat()``: the budget ticks it spent, or -1 when it leaves the expression to the
    /// general path.
    @inline(__always)
    static func flatLoop(
        _ builder: inout FlatBuilder, nestingRoom: Int, frames: UnsafeMutablePointer<FlatFrame>,
        pending: UnsafeMutablePointer<FlatOperator>
    ) -> Int {
        var safeEnd = builder.safeEnd
        frames[0] = FlatFrame(kind: FlatFrame.top, listMarker: builder.stackCount, operandMarker: builder.stackCount)
        var depth = 0
        var pendingCount = 0
        var operandMarker = 0
        var ticks = 0
        var state = FlatState.expression
        while true {
            if builder.position >= safeEnd { safeEnd = builder.grow() }
            switch state {
            case .expression:
                let kind = builder.kind
                if let nodeKind = Parser.singleTokenExpressionKind(kind) {
                    switch builder.nextKind {
                    case .comma, .rightParenthesis, .rightBracket, .rightBrace, .newline:
                        builder.singleToken(nodeKind)
                        state = .elementEnd
                        continue
                    default:
                        break
                    }
                }
                frames[depth].expressionMarker = Int32(truncatingIfNeeded: builder.stackCount)
                frames[depth].comparison = false
                frames[depth].pendingBase = Int32(truncatingIfNeeded: pendingCount)
                state = .operand
            case .operand:
                let kind = builder.kind
                if let nodeKind = Parser.singleTokenExpressionKind(kind) {
                    // Adjacent strings are one literal: the general path makes it.
                    if kind == .string && builder.nextKind == .string { return -1 }
                    operandMarker = builder.stackCount
                    builder.singleToken(nodeKind)
                    state = .postfix
                } else if kind == .leftBracket || kind == .leftParenthesis || kind == .leftBrace {
                    // `parseBracketed` enters a nesting level.
                    guard depth < nestingRoom && depth < FlatFrame.capacity &- 1 else { return -1 }
                    depth &+= 1
                    frames[depth] = FlatFrame(
                        kind: kind == .leftBracket
                            ? FlatFrame.list : kind == .leftBrace ? FlatFrame.dict : FlatFrame.parenthesized,
                        listMarker: builder.stackCount, operandMarker: builder.stackCount)
                    builder.bump()
                    state = .elementStart
                } else {
                    return -1
                }
            case .postfix:
                // One turn of the postfix loop.
                ticks &+= 1
                switch builder.kind {
                case .dot:
                    guard builder.nextKind == .identifier else { return -1 }
                    builder.memberAccess(baseSlot: operandMarker)
                case .leftParenthesis:
                    // `parseArgumentList` (or `finishSimpleCall`) enters a nesting level.
                    guard depth < nestingRoom else { return -1 }
                    if builder.simpleCall(baseSlot: operandMarker) {
                        // The list loop's one turn.
                        ticks &+= 1
                        continue
                    }
                    guard depth < FlatFrame.capacity &- 1 else { return -1 }
                    depth &+= 1
                    frames[depth] = FlatFrame(
                        kind: FlatFrame.argumentList, listMarker: builder.stackCount, operandMarker: operandMarker)
                    builder.bump()
                    state = .elementStart
                default:
                    state = .afterOperand
                }
            case .afterOperand:
                let precedence = Parser.flatPrecedence(builder.kind)
                if precedence < 0 { return -1 }
                let base = Int(frames[depth].pendingBase)
                let bound = Int32(truncatingIfNeeded: max(precedence, 1))
                while pendingCount > base && pending[pendingCount &- 1].precedence >= bound {
                    pendingCount &-= 1
                    builder.finish(.binaryExpression, Int(pending[pendingCount].marker))
                }
                if precedence == 0 {
                    state = .elementEnd
                    continue
                }
                if precedence == 4 {
                    // A second comparison is a chain: reported by the general path.
                    if frames[depth].comparison { return -1 }
                    frames[depth].comparison = true
                }
                guard pendingCount < FlatOperator.capacity else { return -1 }
                let left =
                    pendingCount > base ? pending[pendingCount &- 1].marker &+ 2 : frames[depth].expressionMarker
                pending[pendingCount] = FlatOperator(
                    precedence: Int32(truncatingIfNeeded: precedence), marker: left)
                pendingCount &+= 1
                // One turn of the operator loop.
                ticks &+= 1
                builder.bump()
                state = .operand
            case .elementEnd:
                // `parseExpression` reports a conditional or walrus after the expression.
                let kind = builder.kind
                if kind == .ifKeyword || kind == .colonEqual { return -1 }
                let frame = frames[depth]
                if frame.kind == FlatFrame.top { return ticks }
                if frame.kind == FlatFrame.argumentList {
                    builder.finish(.argument, Int(frame.argumentMarker))
                } else if frame.kind == FlatFrame.dict {
                    if !frame.inValue {
                        // `parseDictEntry`: the key, `:` and the value (a missing `:` is reported).
                        guard kind == .colon else { return -1 }
                        builder.bump()
                        frames[depth].inValue = true
                        state = .expression
                        continue
                    }
                    builder.finish(.dictEntry, Int(frame.argumentMarker))
                }
                state = .elementDone
            case .elementDone:
                frames[depth].count &+= 1
                if builder.kind == .comma {
                    frames[depth].sawComma = true
                    builder.bump()
                    state = .elementStart
                    continue
                }
                guard builder.kind == FlatFrame.closing(frames[depth].kind) else { return -1 }
                state = .close
            case .elementStart:
                // One turn of the list loop.
                ticks &+= 1
                let frame = frames[depth]
                let kind = builder.kind
                if frame.kind == FlatFrame.argumentList {
                    if kind == .rightParenthesis {
                        state = .close
                        continue
                    }
                    frames[depth].argumentMarker = Int32(truncatingIfNeeded: builder.stackCount)
                    if let valueKind = Parser.singleTokenExpressionKind(kind) {
                        let next = builder.nextKind
                        if next == .comma || next == .rightParenthesis {
                            // A lone name or literal argument, as `parseArgument` makes it.
                            builder.singleToken(valueKind, wrappedIn: .argument)
                            state = .elementDone
                            continue
                        }
                        if kind == .identifier && next == .equal {
                            builder.bump()
                            builder.bump()
                        }
                    }
                } else if kind == FlatFrame.closing(frame.kind) {
                    state = .close
                    continue
                } else if frame.kind == FlatFrame.dict {
                    // `**mapping` entries go to the general path.
                    if kind == .doubleStar { return -1 }
                    frames[depth].argumentMarker = Int32(truncatingIfNeeded: builder.stackCount)
                    frames[depth].inValue = false
                }
                state = .expression
            case .close:
                // The closing bracket of the innermost frame (the current token), then its nodes as the general
                // path finishes them; the bracket's node (or the call) is the operand of a postfix turn.
                let frame = frames[depth]
                builder.bump()
                depth &-= 1
                switch frame.kind {
                case FlatFrame.argumentList:
                    builder.finish(.argumentList, Int(frame.listMarker))
                    builder.finish(.callExpression, Int(frame.operandMarker))
                case FlatFrame.list:
                    builder.finish(.listExpression, Int(frame.listMarker))
                case FlatFrame.dict:
                    builder.finish(.dictExpression, Int(frame.listMarker))
                default:
                    builder.finish(
                        frame.count == 1 && !frame.sawComma ? .parenthesizedExpression : .tupleExpression,
                        Int(frame.listMarker))
                }
                operandMarker = Int(frame.operandMarker)
                state = .postfix
            }
        }
    }
}
