/// `base()` or `base(value)` with a lone name or literal value: the call shape that the parser's one-step path
/// (``Parser/finishSimpleCall(baseSlot:)``) and the flat loop (`FlatBuilder.simpleCall(baseSlot:)`) both make
/// without the argument-list loop, with the nodes and children the general path makes, in the order it appends them.
struct SimpleCall {
    /// The `(`.
    let open: Int
    /// The `)`.
    let close: Int
    /// The value's kind; `.missingExpression` for `()`.
    let valueKind: SyntaxKind

    /// The shape at the `(` at `open`, or `nil` for any other. `(` is not the end of the file, so the token after it
    /// exists; when that one is a value, so does the next.
    @inline(__always)
    init?(tokens: UnsafePointer<Token>, open: Int) {
        let next = tokens[open &+ 1].kind
        if next == .rightParenthesis {
            valueKind = .missingExpression
        } else if let kind = Parser.singleTokenExpressionKind(next) {
            valueKind = kind
        } else {
            return nil
        }
        let close = valueKind != .missingExpression ? open &+ 2 : open &+ 1
        guard valueKind == .missingExpression || tokens[close].kind == .rightParenthesis else { return nil }
        self.open = open
        self.close = close
    }

    /// Whether there is a value between the parentheses.
    @inline(__always)
    var hasValue: Bool { valueKind != .missingExpression }

    /// The children ``write(tokens:base:inner:firstChild:firstNode:children:nodes:)`` makes.
    @inline(__always)
    var childCount: Int { hasValue ? 7 : 4 }

    /// The nodes ``write(tokens:base:inner:firstChild:firstNode:children:nodes:)`` makes.
    @inline(__always)
    var nodeCount: Int { hasValue ? 4 : 2 }

    /// Writes the call's children at `children` (child index `firstChild`) and its nodes at `nodes` (node index
    /// `firstNode`), for the callee node `base` whose node is `inner`; returns the call node's index, which takes
    /// the callee's place on the stack.
    @inline(__always)
    func write(
        tokens: UnsafePointer<Token>, base: Int32, inner: RawNode, firstChild: Int, firstNode: Int,
        children: UnsafeMutablePointer<Int32>, nodes: UnsafeMutablePointer<RawNode>
    ) -> Int32 {
        let openToken = tokens[open]
        let end = tokens[close].end
        let first = Int32(truncatingIfNeeded: firstChild)
        let node = Int32(truncatingIfNeeded: firstNode)
        if hasValue {
            // The value and the argument around it, as `finishSingleToken(_:wrappedIn:)` makes them.
            let value = tokens[open &+ 1]
            children.initialize(to: ~Int32(truncatingIfNeeded: open &+ 1))
            (children + 1).initialize(to: node)
            (children + 2).initialize(to: ~Int32(truncatingIfNeeded: open))
            (children + 3).initialize(to: node &+ 1)
            (children + 4).initialize(to: ~Int32(truncatingIfNeeded: close))
            (children + 5).initialize(to: base)
            (children + 6).initialize(to: node &+ 2)
            nodes.initialize(
                to: RawNode(
                    kind: valueKind, fullStart: value.fullStart, start: value.start, end: value.end,
                    childStart: first, childCount: 1))
            (nodes + 1).initialize(
                to: RawNode(
                    kind: .argument, fullStart: value.fullStart, start: value.start, end: value.end,
                    childStart: first &+ 1, childCount: 1))
            (nodes + 2).initialize(
                to: RawNode(
                    kind: .argumentList, fullStart: openToken.fullStart, start: openToken.start, end: end,
                    childStart: first &+ 2, childCount: 3))
            (nodes + 3).initialize(
                to: RawNode(
                    kind: .callExpression, fullStart: inner.fullStart, start: inner.start, end: end,
                    childStart: first &+ 5, childCount: 2))
            return node &+ 3
        }
        children.initialize(to: ~Int32(truncatingIfNeeded: open))
        (children + 1).initialize(to: ~Int32(truncatingIfNeeded: close))
        (children + 2).initialize(to: base)
        (children + 3).initialize(to: node)
        nodes.initialize(
            to: RawNode(
                kind: .argumentList, fullStart: openToken.fullStart, start: openToken.start, end: end,
                childStart: first, childCount: 2))
        (nodes + 1).initialize(
            to: RawNode(
                kind: .callExpression, fullStart: inner.fullStart, start: inner.start, end: end,
                childStart: first &+ 2, childCount: 2))
        return node &+ 1
    }
}
