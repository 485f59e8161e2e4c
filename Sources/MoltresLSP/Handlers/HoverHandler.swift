import Moltres
import MoltresProtocol

extension LanguageServer {
    /// `textDocument/hover`: a method or function → its signature and documentation; a table name → its
    /// columns; a column name → its type, table and nullability; a binding → what it holds.
    func handleHover(_ params: HoverParams) throws -> Hover? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        let offset = converter.byteOffset(of: params.position)
        let analysis = analysis(of: snapshot).scoped(at: offset)
        let context = SyntaxContext(tree: snapshot.tree, catalog: analysis.catalog, bindings: analysis.bindings)
        let token = snapshot.tree.token(at: offset)
        let range = converter.range(of: token.range)
        let markdown = state.withLock { $0.hoverMarkdown }
        func hover(_ text: String) -> Hover {
            Hover(
                contents: MarkupContent(
                    kind: markdown ? .markdown : .plaintext, value: markdown ? text : Self.plainText(text)),
                range: range)
        }
        guard let parent = token.parent else { return nil }
        if let semantic = semanticHover(analysis, offset: offset, token: token) { return hover(semantic) }

        if token.kind == .string, let argument = parent.parent.flatMap(CallArgument.init),
            let call = argument.node.parent?.parent.flatMap(CallExpression.init), let literal = StringLiteral(parent)
        {
            let name = literal.value
            if call.calleeName == "table", let table = analysis.catalog.table(named: name) {
                return hover(tableMarkdown(table))
            }
            if let column = context.columns(visibleTo: call).first(where: { $0.name == name }) {
                let info = column.info.map(columnSummary) ?? column.detail
                return hover("**column `\(name)`**: \(info)\n\nfrom \(column.detail)")
            }
            return nil
        }
        guard token.kind == .identifier else { return nil }
        let name = token.text
        if let argument = CallArgument(parent), argument.labelToken?.range == token.range {
            return keywordHover(argument, name: name, context: context).map(hover)
        }
        if let member = MemberAccess(parent), let base = member.base {
            if NameExpression(base)?.name == "F", let function = BuiltinFunction.named(name) {
                return hover(functionMarkdown(function))
            }
            let receiver = context.receiver(of: base)
            if let method = receiver.flatMap({ APICatalog.method(name, of: $0) }) ?? APICatalog.anyMethod(name)?.1 {
                let owner = receiver ?? APICatalog.anyMethod(name)?.0 ?? .dataFrame
                return hover("```python\n\(owner.rawValue).\(method.signature)\n```\n\n\(method.documentation)")
            }
            return nil
        }
        if parent.kind == .nameExpression || parent.kind == .bindingStatement {
            if let binding = analysis.bindings.binding(at: offset) {
                let value = analysis.bindings.bindings[binding].value?.text ?? ""
                let kind = analysis.bindings.bindings[binding].value.flatMap { context.receiver(of: $0) }
                return hover("**\(name)**\(kind.map { ": \($0.rawValue)" } ?? "")\n\n```python\n\(value)\n```")
            }
            if let function = BuiltinFunction.named(name) { return hover(functionMarkdown(function)) }
            switch name {
            case "db":
                return hover(
                    "**db**: Database — the default connection\(connectionTarget(for: snapshot).map { " (\($0.displayURL))" } ?? "")"
                )
            case "col": return hover("```python\ncol(name) -> Column\n```\n\nA column of the step's input, by name.")
            case "lit":
                return hover("```python\nlit(value) -> Column\n```\n\nA literal value (sent as a bind parameter).")
            case "F": return hover("**F**: the functions module (`moltres.expressions.functions`)")
            case "connect":
                return hover(
                    "```python\nconnect(url_or_name) -> Database\n```\n\nA database URL or a connection named in moltres.toml."
                )
            default: return nil
            }
        }
        return nil
    }

    /// Hover markdown as plain text, for clients that show only that: code fences dropped (their content kept as
    /// is), `**` and backticks removed elsewhere.
    static func plainText(_ markdown: String) -> String {
        var lines: [Substring] = []
        var inCode = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inCode.toggle()
                continue
            }
            if inCode {
                lines.append(line)
            } else {
                lines.append(
                    Substring(line.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A keyword argument's name: the parameter as the signature writes it, the call's signature and the
    /// parameter's enumerated values (`how`).
    func keywordHover(_ argument: CallArgument, name: String, context: SyntaxContext) -> String? {
        guard let call = argument.node.parent?.parent.flatMap(CallExpression.init), let callee = call.calleeName,
            let signature = callSignature(call, name: callee, context: context)
        else { return nil }
        var parameter =
            signature.parameters.first { $0 == name || $0.hasPrefix(name + "=") || $0 == "**" + name } ?? name
        if parameter.hasSuffix("=") { parameter.removeLast() }
        var owner = ""
        if let base = call.callee.flatMap(MemberAccess.init)?.base, BuiltinFunction.named(callee) == nil {
            owner = (context.receiver(of: base) ?? APICatalog.anyMethod(callee)?.0).map { "\($0.rawValue)." } ?? ""
        }
        var text = "```python\n\(parameter)\n```\n\nKeyword argument of `\(owner)\(signature.label)`"
        if let values = APICatalog.enumeratedValues[name] {
            text += "\n\nOne of " + values.map { "`\($0)`" }.joined(separator: ", ") + "."
        }
        return text
    }

    /// The bound values of a statement as a trailing SQL comment, in order (`-- parameters: 100, "paid"`), JSON
    /// spelled, so no value can end the comment line or the Markdown code block; long values and lists are cut.
    func parameterComment(_ parameters: [DatabaseValue]) -> String {
        guard !parameters.isEmpty else { return "" }
        var values = parameters.prefix(20).map { value in
            let text = json(value).encodedString()
            return text.count > 80 ? text.prefix(76) + "…" + (text.hasPrefix("\"") ? "\"" : "") : text
        }
        if parameters.count > 20 { values.append("… (\(parameters.count) in all)") }
        return "\n-- parameters: " + values.joined(separator: ", ")
    }

    /// Hover text from the compiler's symbol at `offset`: a pipeline step's SQL and output columns, a column's
    /// type and origin, a table's columns, or a binding's kind.
    func semanticHover(_ analysis: DocumentAnalysis, offset: Int, token: SyntaxToken) -> String? {
        guard let symbol = analysis.symbol(at: offset) else { return nil }
        switch symbol {
        case .dataFrameStep(let schema, let plan, let range):
            guard token.kind == .identifier else { return nil }
            var text = ""
            if let method = APICatalog.method(token.text, of: .dataFrame) ?? APICatalog.anyMethod(token.text)?.1 {
                text += "```python\n\(method.signature)\n```\n\n"
            }
            // One SQL generation per step and document version: hovering the same step again reuses it.
            let sql = analysis.cache.sql(forStep: range) {
                let statement = try generateSQL(
                    for: plan, dialect: makeDialect(analysis.dialect), catalog: analysis.catalog)
                return statement.prettyText + parameterComment(statement.parameters)
            }
            switch sql {
            case .success(let sql):
                text += "SQL up to this step (\(analysis.dialect.rawValue)):\n\n```sql\n\(sql)\n```\n\n"
            case .failure(let error):
                text += "No SQL yet: \(error)\n\n"
            }
            return text + columnsMarkdown(schema)
        case .column(let column, _):
            let origin = column.sourceTable.map { "from table `\($0)`" } ?? "computed"
            return
                "**column `\(column.name)`**: \(column.type.rawValue), \(column.isNullable ? "nullable" : "not null"), \(origin)"
        case .table(let table, let name, _):
            return table.map(tableMarkdown) ?? "**table `\(name)`**: not in the schema"
        case .function(let function, _):
            return functionMarkdown(function)
        case .binding(let info):
            var text = "**\(info.name)**: \(info.valueKind.description)"
            if case .dataFrame(let schema, _) = info.valueKind { text += "\n\n" + columnsMarkdown(schema) }
            return text
        case .method:
            return nil
        }
    }

    /// A DataFrame's output columns as a markdown table.
    func columnsMarkdown(_ schema: [PlanColumn]) -> String {
        guard !schema.isEmpty else { return "" }
        var lines = ["| column | type | null |", "|---|---|---|"]
        for column in schema {
            lines.append("| `\(column.name)` | \(column.type.rawValue) | \(column.isNullable ? "yes" : "no") |")
        }
        return lines.joined(separator: "\n")
    }

    /// A builtin function's signature and documentation.
    func functionMarkdown(_ function: BuiltinFunction) -> String {
        "```python\n\(APICatalog.signature(of: function))\n```\n\n\(APICatalog.documentation(of: function))"
    }
}
