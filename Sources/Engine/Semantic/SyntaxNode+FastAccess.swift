/// Allocation-free accessors over the tree's storage for the binder's hot paths (the typed views build arrays of
/// children on every access; the binder visits every node of large files).
extension SyntaxNode {
    /// The positions of this node's children in the shared child list.
    @inline(__always)
    var childPositions: Range<Int> {
        let raw = tree.storage.nodes[index]
        let start = Int(raw.childStart)
        return start..<(start + Int(raw.childCount))
    }

    /// The first child node that is an expression.
    var firstExpressionChild: SyntaxNode? {
        let storage = tree.storage
        for position in childPositions {
            let child = storage.children[position]
            if child >= 0 && storage.nodes[Int(child)].kind.isExpression {
                return SyntaxNode(tree: tree, index: Int(child))
            }
        }
        return nil
    }

    /// The first two child nodes that are expressions.
    var firstTwoExpressionChildren: (SyntaxNode?, SyntaxNode?) {
        let storage = tree.storage
        var first: SyntaxNode?
        for position in childPositions {
            let child = storage.children[position]
            if child >= 0 && storage.nodes[Int(child)].kind.isExpression {
                let node = SyntaxNode(tree: tree, index: Int(child))
                if first == nil { first = node } else { return (first, node) }
            }
        }
        return (first, nil)
    }

    /// The first child node of `kind`.
    func firstChild(ofKind kind: SyntaxKind) -> SyntaxNode? {
        let storage = tree.storage
        for position in childPositions {
            let child = storage.children[position]
            if child >= 0 && storage.nodes[Int(child)].kind == kind { return SyntaxNode(tree: tree, index: Int(child)) }
        }
        return nil
    }

    /// The first direct child token of `kind`.
    /// The identifier token right after the first `as` among the child tokens (`with … as txn`, `import x as y`),
    /// without an array of the child tokens.
    var tokenAfterAs: SyntaxToken? {
        let storage = tree.storage
        var afterAs = false
        for position in childPositions {
            let child = storage.children[position]
            guard child < 0 else { continue }
            let kind = storage.tokens[Int(~child)].kind
            if afterAs { return kind == .identifier ? SyntaxToken(tree: tree, index: Int(~child)) : nil }
            if kind == .asKeyword { afterAs = true }
        }
        return nil
    }

    func firstToken(ofKind kind: TokenKind) -> SyntaxToken? {
        let storage = tree.storage
        for position in childPositions {
            let child = storage.children[position]
            if child < 0 && storage.tokens[Int(~child)].kind == kind {
                return SyntaxToken(tree: tree, index: Int(~child))
            }
        }
        return nil
    }

    /// The first direct child token.
    var firstChildToken: SyntaxToken? {
        let storage = tree.storage
        for position in childPositions {
            let child = storage.children[position]
            if child < 0 { return SyntaxToken(tree: tree, index: Int(~child)) }
        }
        return nil
    }

    /// Calls `body` with each child node of `kind`, in order (``children(ofKind:)`` without the array).
    func forEachChild(ofKind kind: SyntaxKind, _ body: (SyntaxNode) -> Void) {
        let storage = tree.storage
        for position in childPositions {
            let child = storage.children[position]
            if child >= 0 && storage.nodes[Int(child)].kind == kind { body(SyntaxNode(tree: tree, index: Int(child))) }
        }
    }

    /// The child nodes of `kind`, in order.
    func children(ofKind kind: SyntaxKind) -> [SyntaxNode] {
        let storage = tree.storage
        var result: [SyntaxNode] = []
        result.reserveCapacity(childPositions.count)
        for position in childPositions {
            let child = storage.children[position]
            if child >= 0 && storage.nodes[Int(child)].kind == kind {
                result.append(SyntaxNode(tree: tree, index: Int(child)))
            }
        }
        return result
    }

    /// An `argument` node's parts: its label token (`how` in `how="left"`), whether it is `*x`/`**x`, and its value.
    var argumentParts: (label: SyntaxToken?, isSpread: Bool, value: SyntaxNode?) {
        let storage = tree.storage
        var label: SyntaxToken?
        var isSpread = false
        var value: SyntaxNode?
        var tokenCount = 0
        var firstIdentifier: Int?
        for position in childPositions {
            let child = storage.children[position]
            if child >= 0 {
                if value == nil && storage.nodes[Int(child)].kind.isExpression {
                    value = SyntaxNode(tree: tree, index: Int(child))
                }
                continue
            }
            let tokenIndex = Int(~child)
            let kind = storage.tokens[tokenIndex].kind
            if tokenCount == 0 {
                if kind == .identifier { firstIdentifier = tokenIndex }
                if kind == .star || kind == .doubleStar { isSpread = true }
            } else if tokenCount == 1, kind == .equal, let identifier = firstIdentifier {
                label = SyntaxToken(tree: tree, index: identifier)
            }
            tokenCount += 1
        }
        return (label, isSpread, value)
    }
}

extension SyntaxStorage {
    /// The index of node `index`'s first child node that is an expression, or -1: ``SyntaxNode/firstExpressionChild``
    /// by index, for walks that need no `SyntaxNode` per step.
    @inline(__always)
    func firstExpressionChild(of index: Int) -> Int {
        let raw = nodes[index]
        var position = Int(raw.childStart)
        let end = position + Int(raw.childCount)
        while position < end {
            let child = children[position]
            if child >= 0 && nodes[Int(child)].kind.isExpression { return Int(child) }
            position += 1
        }
        return -1
    }

    /// The indices of node `index`'s first two child nodes that are expressions (-1 where there are fewer):
    /// ``SyntaxNode/firstTwoExpressionChildren`` by index.
    @inline(__always)
    func firstTwoExpressionChildren(of index: Int) -> (Int, Int) {
        let raw = nodes[index]
        var position = Int(raw.childStart)
        let end = position + Int(raw.childCount)
        var first = -1
        while position < end {
            let child = children[position]
            position += 1
            guard child >= 0 && nodes[Int(child)].kind.isExpression else { continue }
            if first >= 0 { return (first, Int(child)) }
            first = Int(child)
        }
        return (first, -1)
    }

    /// The index of node `index`'s first child node of `kind`, or -1.
    @inline(__always)
    func firstChild(of index: Int, kind: SyntaxKind) -> Int {
        let raw = nodes[index]
        var position = Int(raw.childStart)
        let end = position + Int(raw.childCount)
        while position < end {
            let child = children[position]
            if child >= 0 && nodes[Int(child)].kind == kind { return Int(child) }
            position += 1
        }
        return -1
    }

    /// The index in ``tokens`` of node `index`'s first direct child token (of `kind`, when given), or -1.
    @inline(__always)
    func firstToken(of index: Int, kind: TokenKind? = nil) -> Int {
        let raw = nodes[index]
        var position = Int(raw.childStart)
        let end = position + Int(raw.childCount)
        while position < end {
            let child = children[position]
            if child < 0 && (kind == nil || tokens[Int(~child)].kind == kind) { return Int(~child) }
            position += 1
        }
        return -1
    }

    /// ``SyntaxNode/argumentParts`` of the `argument` node `index`, as indices: the label's token index, whether
    /// it is a spread and the value's node index (-1 when absent).
    @inline(__always)
    func argumentParts(of index: Int) -> (label: Int, isSpread: Bool, value: Int) {
        let raw = nodes[index]
        var label = -1
        var isSpread = false
        var value = -1
        var tokenCount = 0
        var firstIdentifier = -1
        var position = Int(raw.childStart)
        let end = position + Int(raw.childCount)
        while position < end {
            let child = children[position]
            position += 1
            if child >= 0 {
                if value < 0 && nodes[Int(child)].kind.isExpression { value = Int(child) }
                continue
            }
            let tokenIndex = Int(~child)
            let kind = tokens[tokenIndex].kind
            if tokenCount == 0 {
                if kind == .identifier { firstIdentifier = tokenIndex }
                if kind == .star || kind == .doubleStar { isSpread = true }
            } else if tokenCount == 1, kind == .equal, firstIdentifier >= 0 {
                label = firstIdentifier
            }
            tokenCount += 1
        }
        return (label, isSpread, value)
    }
}

extension SyntaxTree {
    /// The decoded value of a string literal node, without allocating for the common case (one plain token with
    /// no escapes and no prefix).
    func stringValue(of node: SyntaxNode) -> String {
        let positions = node.childPositions
        let storage = self.storage
        if positions.count == 1, case let child = storage.children[positions.lowerBound], child < 0 {
            let range = storage.tokens[Int(~child)].range
            let bytes = storage.source.bytes
            if range.length >= 2, bytes[range.start] == 0x22 || bytes[range.start] == 0x27,
                bytes[range.end - 1] == bytes[range.start]
            {
                let isTriple =
                    range.length >= 6 && bytes[range.start + 1] == bytes[range.start]
                    && bytes[range.start + 2] == bytes[range.start]
                if !isTriple && !bytes[(range.start + 1)..<(range.end - 1)].contains(0x5C) {
                    return storage.source.text(in: ByteRange(start: range.start + 1, end: range.end - 1))
                }
            }
        }
        return StringLiteral(node)?.value ?? ""
    }
}

extension SyntaxKind {
    /// Whether nodes of this kind continue a postfix chain: a call, a member access or a subscript.
    @inline(__always)
    var isPostfix: Bool { self == .callExpression || self == .memberAccess || self == .subscriptExpression }
}
