import Moltres
import MoltresProtocol

extension LanguageServer {
    /// `textDocument/inlayHint`: after each DataFrame binding, the columns it yields (as far as they are known).
    func handleInlayHint(_ params: InlayHintParams) throws -> [InlayHint]? {
        let snapshot = try snapshot(params.textDocument.uri)
        let whole = analysis(of: snapshot)
        let converter = converter(snapshot)
        let requested = converter.byteRange(of: params.range)
        var hints: [InlayHint] = []
        for binding in whole.bindings.bindings {
            guard binding.statementRange.start <= requested.end, requested.start <= binding.statementRange.end,
                let value = binding.value
            else { continue }
            // In a file that connects to several databases, each binding reads its own region's schema.
            let analysis = whole.scoped(at: binding.statementRange.start)
            let context = SyntaxContext(tree: snapshot.tree, catalog: analysis.catalog, bindings: analysis.bindings)
            var columns: [String] = []
            if case .binding(let info) = analysis.symbol(at: binding.nameRange.start),
                case .dataFrame(let schema, _) = info.valueKind
            {
                columns = schema.map { $0.type == .unknown ? $0.name : "\($0.name): \($0.type.rawValue)" }
            } else if context.receiver(of: value) == .dataFrame {
                columns = outputColumns(of: value, context: context)
            }
            guard !columns.isEmpty else { continue }
            let shown =
                columns.count > 8 ? columns.prefix(8).joined(separator: ", ") + ", …" : columns.joined(separator: ", ")
            hints.append(
                InlayHint(
                    position: converter.position(of: binding.nameRange.end), label: .string(": [\(shown)]"),
                    kind: .type, tooltip: .string(columns.joined(separator: "\n")), paddingLeft: false))
        }
        return hints
    }

    /// The output column names of a DataFrame expression, read from its last projecting step.
    func outputColumns(of node: SyntaxNode, context: SyntaxContext) -> [String] {
        var current: SyntaxNode? = node
        while let node = current {
            if let parenthesized = ParenthesizedExpression(node) {
                current = parenthesized.expression
                continue
            }
            guard let call = CallExpression(node), let member = call.callee.flatMap(MemberAccess.init) else {
                if let name = NameExpression(node), let token = name.token,
                    let binding = context.bindings.binding(referencedAt: token.range),
                    let value = context.bindings.bindings[binding].value
                {
                    return outputColumns(of: value, context: context)
                }
                return []
            }
            switch call.calleeName {
            case "select" where !call.arguments.isEmpty, "agg":
                var names: [String] = []
                if call.calleeName == "agg", let base = member.base, let grouping = CallExpression(base),
                    grouping.calleeName == "group_by" || grouping.calleeName == "groupBy"
                {
                    names += grouping.arguments.compactMap { argumentName($0.value) }
                }
                return names + call.arguments.compactMap { argumentName($0.value) }
            case "table", "select":
                return context.tables(of: node).first.flatMap { context.catalog.table(named: $0.name) }?.columns.map(
                    \.name)
                    ?? []
            default:
                current = member.base
            }
        }
        return []
    }

    private func argumentName(_ node: SyntaxNode?) -> String? {
        guard let node else { return nil }
        if let literal = StringLiteral(node) { return literal.value }
        if let call = CallExpression(node) {
            if call.calleeName == "alias", let name = call.positionalArguments.first?.value.flatMap(StringLiteral.init)
            {
                return name.value
            }
            if call.calleeName == "col", let name = call.positionalArguments.first?.value.flatMap(StringLiteral.init) {
                return name.value
            }
            if let base = call.callee.flatMap(MemberAccess.init)?.base { return argumentName(base) }
        }
        return nil
    }
}
