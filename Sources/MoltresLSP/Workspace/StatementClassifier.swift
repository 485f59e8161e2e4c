import Moltres

/// What a top-level statement does, read from its syntax: a query to run, a mutation, a plain binding, or
/// something else (imports, `connect`).
enum StatementKind: String, Sendable {
    case query
    case mutation
    case binding
    case transaction
    case other
}

/// One statement of a file with its kind, for symbols and code lenses.
struct ClassifiedStatement: Sendable {
    /// The statement node.
    var node: SyntaxNode
    /// What it does.
    var kind: StatementKind
    /// The bound name, for bindings.
    var name: String?
    /// The statements of a `with` block.
    var children: [ClassifiedStatement]
}

/// Classifies statements by their outermost call (LANGUAGE.md, Statements).
enum StatementClassifier {
    /// Calls that write.
    static let mutationMethods: Set<String> = [
        "insert", "update", "delete", "merge", "upsert", "create_table", "drop_table", "create_index", "drop_index",
        "insertInto", "insert_into", "save_as_table", "saveAsTable", "execute_sql",
    ]
    /// Calls that run a query.
    static let actionMethods: Set<String> = [
        "collect", "show", "count", "first", "head", "take", "tail", "to_sql", "show_sql",
    ]

    /// Classifies a list of statements.
    static func classify(_ statements: [SyntaxNode]) -> [ClassifiedStatement] {
        statements.map(classify)
    }

    /// Classifies one statement.
    static func classify(_ statement: SyntaxNode) -> ClassifiedStatement {
        if let with = WithStatement(statement) {
            return ClassifiedStatement(
                node: statement, kind: .transaction, name: with.alias, children: classify(with.statements))
        }
        if let binding = BindingStatement(statement) {
            let kind = binding.value.map(valueKind) ?? .binding
            return ClassifiedStatement(
                node: statement, kind: kind == .query ? (endsInAction(binding.value) ? .query : .binding) : kind,
                name: binding.name, children: [])
        }
        if let expression = ExpressionStatement(statement)?.expression {
            let kind = valueKind(expression)
            return ClassifiedStatement(node: statement, kind: kind == .other ? .query : kind, name: nil, children: [])
        }
        return ClassifiedStatement(node: statement, kind: .other, name: nil, children: [])
    }

    private static func valueKind(_ node: SyntaxNode) -> StatementKind {
        var current = node
        while let parenthesized = ParenthesizedExpression(current), let inner = parenthesized.expression {
            current = inner
        }
        if let call = CallExpression(current), let name = call.calleeName {
            if mutationMethods.contains(name) { return .mutation }
            if name == "connect" { return .other }
            if ["col", "lit", "when"].contains(name)
                || BuiltinFunction.named(name) != nil && MemberAccess(call.callee!) == nil
            {
                return .binding
            }
            return .query
        }
        if current.kind == .nameExpression || current.kind == .memberAccess || current.kind == .subscriptExpression {
            return .query
        }
        return .binding
    }

    private static func endsInAction(_ node: SyntaxNode?) -> Bool {
        guard let node, let call = CallExpression(node), let name = call.calleeName else { return false }
        return actionMethods.contains(name)
    }
}
