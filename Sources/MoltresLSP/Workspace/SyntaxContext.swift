import Moltres

/// What the syntax around a position says, before the semantic stage: which receiver a `.` is on, which call a
/// string argument belongs to, and which columns a chain can see.
///
/// This is the server's own reading of the tree; where the compiler's answer is available it is preferred.
struct SyntaxContext {
    /// The analysed tree.
    let tree: SyntaxTree
    /// The catalog column names are taken from.
    let catalog: Catalog
    /// The file's bindings.
    let bindings: BindingIndex

    /// The receiver kind of an expression.
    func receiver(of node: SyntaxNode, depth: Int = 0) -> APIReceiver? {
        guard depth < 50 else { return nil }
        var node = node
        while let parenthesized = ParenthesizedExpression(node), let inner = parenthesized.expression { node = inner }
        if let name = NameExpression(node)?.name {
            switch name {
            case "db": return .database
            case "Window": return .window
            default:
                guard let token = NameExpression(node)?.token,
                    let binding = bindings.binding(referencedAt: token.range),
                    let value = bindings.bindings[binding].value
                else { return nil }
                if let call = CallExpression(value), call.calleeName == "connect" { return .database }
                if let call = CallExpression(value), call.calleeName == "transaction" { return .transaction }
                return receiver(of: value, depth: depth + 1)
            }
        }
        guard let call = CallExpression(node), let callee = call.callee, let name = call.calleeName else { return nil }
        if let member = MemberAccess(callee), let base = member.base {
            if NameExpression(base)?.name == "F" { return .column }
            let baseReceiver = receiver(of: base, depth: depth + 1)
            switch baseReceiver {
            case .database: return name == "table" || name == "sql" || name == "create_dataframe" ? .dataFrame : nil
            case .dataFrame:
                if name == "group_by" || name == "groupBy" { return .groupedData }
                return APICatalog.method(name, of: .dataFrame)?.returns == "DataFrame" ? .dataFrame : nil
            case .groupedData: return name == "pivot" ? .groupedData : .dataFrame
            case .column: return .column
            case .window: return .window
            case .writer: return name == "mode" ? .writer : nil
            case .nullFunctions: return .dataFrame
            case .transaction, nil: return baseReceiver
            }
        }
        if ["col", "lit", "column", "when"].contains(name) || BuiltinFunction.named(name) != nil { return .column }
        return nil
    }

    /// The table a chain reads first (`db.table("orders")…` gives `orders`), following bindings.
    func tables(of node: SyntaxNode, depth: Int = 0) -> [(name: String, alias: String?)] {
        guard depth < 50 else { return [] }
        var result: [(name: String, alias: String?)] = []
        var current: SyntaxNode? = node
        var alias: String?
        while let node = current {
            if let parenthesized = ParenthesizedExpression(node) {
                current = parenthesized.expression
                continue
            }
            if let name = NameExpression(node), let token = name.token,
                let binding = bindings.binding(referencedAt: token.range), let value = bindings.bindings[binding].value
            {
                return tables(of: value, depth: depth + 1).map { ($0.name, alias ?? $0.alias) } + result
            }
            guard let call = CallExpression(node), let callee = call.callee.flatMap(MemberAccess.init) else { break }
            switch call.calleeName {
            case "table":
                if let first = call.positionalArguments.first?.value.flatMap(StringLiteral.init) {
                    return [(first.value, alias)] + result
                }
            case "alias":
                if alias == nil, let first = call.positionalArguments.first?.value.flatMap(StringLiteral.init) {
                    alias = first.value
                }
            case "join", "cross_join", "semi_join", "anti_join":
                if let other = call.positionalArguments.first?.value { result += tables(of: other, depth: depth + 1) }
            default:
                break
            }
            current = callee.base
        }
        return result
    }

    /// The columns visible to the arguments of the call `call`: the input tables' columns (qualified after
    /// joins) and the aliases made by earlier `select`/`agg`/`with_column` steps.
    func columns(visibleTo call: CallExpression) -> [(name: String, detail: String, info: ColumnInfo?)] {
        guard let member = call.callee.flatMap(MemberAccess.init), let base = member.base else {
            // `col("…")` inside a step: use the step that encloses it.
            for ancestor in call.node.ancestors {
                if let outer = CallExpression(ancestor), outer.callee.flatMap(MemberAccess.init) != nil {
                    return columns(visibleTo: outer)
                }
            }
            return []
        }
        let sources = tables(of: base)
        var result: [(name: String, detail: String, info: ColumnInfo?)] = []
        for source in sources {
            guard let table = catalog.table(named: source.name) else { continue }
            for column in table.columns {
                result.append((column.name, "\(column.declaredType) · \(table.name)", column))
            }
        }
        if sources.count > 1 {
            for source in sources {
                guard let table = catalog.table(named: source.name) else { continue }
                for column in table.columns {
                    result.append(("\(source.alias ?? table.name).\(column.name)", "\(column.declaredType)", column))
                }
            }
        }
        result += aliases(in: base).map { ($0, "alias", nil) }
        var seen = Set<String>()
        return result.filter { seen.insert($0.name).inserted }
    }

    /// Names made by `.alias("…")` inside the steps of a chain.
    func aliases(in node: SyntaxNode) -> [String] {
        var names: [String] = []
        func visit(_ node: SyntaxNode) {
            if let call = CallExpression(node), call.calleeName == "alias",
                call.callee.flatMap(MemberAccess.init)?.base.map({ receiver(of: $0) }) == .column,
                let name = call.positionalArguments.first?.value.flatMap(StringLiteral.init)
            {
                names.append(name.value)
            }
            if let call = CallExpression(node), call.calleeName == "with_column",
                let name = call.positionalArguments.first?.value.flatMap(StringLiteral.init)
            {
                names.append(name.value)
            }
            node.childNodes.forEach(visit)
        }
        visit(node)
        return names
    }

    /// The innermost call whose argument list holds `byteOffset` (also while its `)` is not typed yet).
    func enclosingCall(at byteOffset: Int) -> CallExpression? {
        // Recovery may end an unclosed call before the cursor, so look up from the token just typed as well.
        let starts = [tree.innermostNode(at: byteOffset), tree.token(before: byteOffset)?.parent].compactMap { $0 }
        var best: CallExpression?
        for start in starts {
            var node: SyntaxNode? = start
            while let current = node {
                if let call = CallExpression(current), let open = call.leftParenthesis, open.range.end <= byteOffset,
                    call.rightParenthesis.map({ byteOffset <= $0.range.start }) ?? true
                {
                    if best.map({ $0.leftParenthesis!.range.start < open.range.start }) ?? true { best = call }
                    break
                }
                node = current.parent
            }
        }
        return best
    }

    /// The index of the argument being written at `byteOffset` and its label, if any.
    func argumentPosition(in call: CallExpression, at byteOffset: Int) -> (index: Int, label: String?) {
        var index = 0
        for token in call.argumentList?.childTokens ?? [] where token.kind == .comma && token.range.end <= byteOffset {
            index += 1
        }
        let argument = call.arguments.first { $0.node.range.touches(byteOffset) }
        return (index, argument?.label)
    }
}
