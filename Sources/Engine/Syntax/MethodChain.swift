/// A method chain such as `db.table("t").where(…).select(…)`, seen as a root expression and a list of steps.
///
/// Hover shows the SQL "up to this step", completion needs the step before the cursor, and the formatter breaks
/// long chains one step per line; all of them read chains through this type.
///
/// ```swift
/// let chain = MethodChain(containing: node)
/// chain?.steps.map(\.name)  // ["table", "where", "select"]
/// ```
public struct MethodChain: Sendable, Hashable {
    /// One step: `.name`, optionally called, or a call or subscript applied to the previous step's result.
    public struct Step: Sendable, Hashable {
        /// The member name (`where`); `nil` for a call or subscript on the previous result, or while the user has
        /// typed only the dot.
        public var name: String?
        /// The member name's token.
        public var nameToken: SyntaxToken?
        /// The `.name` node, if the step has one.
        public var memberAccess: SyntaxNode?
        /// The call applied to the member, if any.
        public var call: CallExpression?
        /// The subscript applied, if the step is `[index]`.
        public var subscriptExpression: SubscriptExpression?
        /// The outermost node of the step: the call if there is one, else the member access or subscript.
        public var node: SyntaxNode

        /// The arguments of the call (empty without a call).
        public var arguments: [CallArgument] { call?.arguments ?? [] }
        /// The argument list's range, parentheses included.
        public var argumentsRange: ByteRange? { call?.argumentList?.range }
        /// The step's own text range: from the dot (or bracket) to the end of the step.
        public var range: ByteRange {
            let start =
                memberAccess.flatMap { MemberAccess($0)?.dotToken }?.range.start ?? call?.argumentList?.range.start
                ?? subscriptExpression?.node.childToken(.leftBracket)?.range.start ?? node.range.start
            return ByteRange(start: start, end: node.range.end)
        }
    }

    /// The whole chain expression (its outermost node).
    public var node: SyntaxNode
    /// The expression the chain starts from, e.g. the name `db`.
    public var root: SyntaxNode
    /// The steps in order.
    public var steps: [Step]

    /// The chain whose outermost expression is `outermost`, or whose part `node` is: a node inside the callee
    /// or base of a chain belongs to that chain; a node inside an argument belongs to the argument's own chain.
    public init?(containing node: SyntaxNode) {
        var current = node
        while let parent = current.parent, Self.isPostfix(parent.kind), parent.childNodes.first == current {
            current = parent
        }
        guard Self.isPostfix(current.kind) else { return nil }
        self.init(outermost: current)
    }

    /// The chain of an outermost postfix expression; a non-postfix expression is a chain with no steps.
    public init(outermost: SyntaxNode) {
        node = outermost
        var operations: [SyntaxNode] = []
        var current = outermost
        while Self.isPostfix(current.kind), let inner = current.childNodes.first, inner.kind.isExpression {
            operations.append(current)
            current = inner
        }
        root = current
        var steps: [Step] = []
        for operation in operations.reversed() {
            switch operation.kind {
            case .memberAccess:
                let member = MemberAccess(operation)
                steps.append(
                    Step(
                        name: member?.name, nameToken: member?.nameToken, memberAccess: operation, call: nil,
                        subscriptExpression: nil, node: operation))
            case .callExpression:
                if var last = steps.last, last.call == nil, last.subscriptExpression == nil, last.memberAccess != nil {
                    last.call = CallExpression(operation)
                    last.node = operation
                    steps[steps.count - 1] = last
                } else {
                    steps.append(
                        Step(
                            name: nil, nameToken: nil, memberAccess: nil, call: CallExpression(operation),
                            subscriptExpression: nil, node: operation))
                }
            default:
                steps.append(
                    Step(
                        name: nil, nameToken: nil, memberAccess: nil, call: nil,
                        subscriptExpression: SubscriptExpression(operation), node: operation))
            }
        }
        self.steps = steps
    }

    /// The index of the step whose range touches `byteOffset`, if any.
    public func stepIndex(at byteOffset: Int) -> Int? {
        steps.lastIndex { $0.range.touches(byteOffset) }
    }

    static func isPostfix(_ kind: SyntaxKind) -> Bool {
        kind == .memberAccess || kind == .callExpression || kind == .subscriptExpression
    }
}
