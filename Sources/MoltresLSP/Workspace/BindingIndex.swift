import Moltres

/// The bindings of a file and every name that refers to them, for definition, references, rename and
/// completion.
///
/// Statements are read in order; a name refers to the latest binding of that name before its statement, so
/// `orders = orders.where(…)` refers to the earlier `orders` on the right and defines a new one on the left.
/// `with … as name:` binds `name` for the statements after it.
struct BindingIndex: Sendable {
    /// One binding: where its name is and the statement that makes it.
    struct Binding: Sendable, Hashable {
        /// The bound name.
        var name: String
        /// The name token's range.
        var nameRange: ByteRange
        /// The whole statement (or `with` header).
        var statementRange: ByteRange
        /// The bound value, when there is one.
        var value: SyntaxNode?
    }

    /// One use of a name and the binding it refers to, if any.
    struct Reference: Sendable, Hashable {
        /// The name.
        var name: String
        /// The name's range.
        var range: ByteRange
        /// The index in ``bindings`` of the binding it refers to.
        var binding: Int?
    }

    /// All bindings, in source order.
    private(set) var bindings: [Binding] = []
    /// All uses of names, in source order.
    private(set) var references: [Reference] = []
    /// The index in ``references`` of the name that starts at a byte offset.
    private var referenceStarts: [Int: Int] = [:]

    /// Indexes a tree.
    init(_ tree: SyntaxTree) {
        var visible: [String: Int] = [:]
        index(tree.root.statements, visible: &visible)
        for (position, reference) in references.enumerated() { referenceStarts[reference.range.start] = position }
    }

    /// The binding the name token at `range` refers to, if any.
    func binding(referencedAt range: ByteRange) -> Int? {
        referenceStarts[range.start].flatMap { references[$0].binding }
    }

    private mutating func index(_ statements: [SyntaxNode], visible: inout [String: Int]) {
        for statement in statements {
            if let binding = BindingStatement(statement) {
                if let value = binding.value { collectReferences(in: value, visible: visible) }
                if let token = binding.nameToken, let name = binding.name {
                    bindings.append(
                        Binding(
                            name: name, nameRange: token.range, statementRange: statement.range, value: binding.value))
                    visible[name] = bindings.count - 1
                }
            } else if let with = WithStatement(statement) {
                if let context = with.context { collectReferences(in: context, visible: visible) }
                if let token = with.aliasToken, let name = with.alias {
                    bindings.append(
                        Binding(
                            name: name, nameRange: token.range, statementRange: statement.range, value: with.context))
                    visible[name] = bindings.count - 1
                }
                index(with.statements, visible: &visible)
            } else {
                collectReferences(in: statement, visible: visible)
            }
        }
    }

    /// Records the names used in a subtree. A name expression is one identifier token, and a subtree's tokens are
    /// contiguous, so this reads the token range instead of descending through every node (which made an array of
    /// children per node: this index cost more than compiling the file).
    private mutating func collectReferences(in node: SyntaxNode, visible: [String: Int]) {
        guard let first = node.firstToken?.index, let last = node.lastToken?.index else { return }
        let tree = node.tree
        let tokens = tree.tokens
        for index in first...last where tokens[index].kind == .identifier {
            let token = tree.token(index)
            guard token.parent?.kind == .nameExpression else { continue }
            let text = token.text
            references.append(Reference(name: text, range: token.range, binding: visible[text]))
        }
    }

    /// The binding at a byte offset: its own name, or a name that refers to it.
    func binding(at byteOffset: Int) -> Int? {
        if let index = bindings.firstIndex(where: { $0.nameRange.touches(byteOffset) }) { return index }
        return references.first { $0.range.touches(byteOffset) && $0.binding != nil }?.binding
    }

    /// The ranges of every use of a binding (not its definition).
    func uses(of binding: Int) -> [ByteRange] {
        references.filter { $0.binding == binding }.map(\.range)
    }

    /// The bindings visible at a byte offset (the latest of each name defined before it).
    func visibleBindings(at byteOffset: Int) -> [Binding] {
        var latest: [String: Binding] = [:]
        for binding in bindings where binding.statementRange.end <= byteOffset { latest[binding.name] = binding }
        return latest.values.sorted { $0.nameRange.start < $1.nameRange.start }
    }
}
