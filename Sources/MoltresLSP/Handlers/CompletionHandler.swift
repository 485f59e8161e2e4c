import Moltres
import MoltresProtocol

/// DataFrame methods whose string arguments name columns.
private let columnTakingMethods: Set<String> = [
    "col", "column", "select", "group_by", "groupBy", "order_by", "orderBy", "sort", "drop", "drop_duplicates",
    "partitionBy", "partition_by", "with_column_renamed",
]

extension LanguageServer {
    /// `textDocument/completion`, by context: database, DataFrame, GroupedData and Column methods after `.`;
    /// `F.` functions with snippet signatures; table names in `db.table("`; the columns in scope in `col("`;
    /// keyword arguments and their enumerated values (`how="left"`); otherwise bindings and predefined names.
    func handleCompletion(_ params: CompletionParams) throws -> CompletionList? {
        let snapshot = try snapshot(params.textDocument.uri)
        let offset = converter(snapshot).byteOffset(of: params.position)
        let analysis = analysis(of: snapshot).scoped(at: offset)
        let snippets = state.withLock { $0.supportsSnippets }
        let context = SyntaxContext(tree: snapshot.tree, catalog: analysis.catalog, bindings: analysis.bindings)
        let tree = snapshot.tree
        let token = tree.token(before: offset)

        // Inside a string: table names, column names, `how` values or connection names.
        // The compiler knows the columns in scope at each step (after joins, aliases and aggregations).
        switch analysis.compilation.completionContext(at: offset) {
        case .columnName(let prefix, let columns) where !columns.isEmpty:
            let bindingNames = Set(analysis.bindings.bindings.map(\.name))
            var items = columnItems(columns, bindingNames: bindingNames, catalog: analysis.catalog)
            // Editors replace the word before the cursor and `.` ends a word: after `col("orders.cu` accepting
            // `orders.customer_id` would leave `orders.orders.customer_id`. Such items replace the whole prefix.
            if prefix.utf8.contains(UInt8(ascii: ".")), prefix.utf8.count <= offset {
                let converter = converter(snapshot)
                let range = converter.range(of: ByteRange(start: offset - prefix.utf8.count, end: offset))
                for index in items.indices {
                    items[index].textEdit = MoltresProtocol.TextEdit(range: range, newText: items[index].label)
                }
            }
            return CompletionList(isIncomplete: false, items: items)
        default:
            break
        }
        let current = tree.token(at: offset)
        if current.kind == .string, current.range.start < offset, offset < current.range.end {
            return CompletionList(isIncomplete: false, items: stringCompletions(token: current, context: context))
        }
        if let token, token.kind == .string, token.range.end == offset, !isClosedString(token.text) {
            return CompletionList(isIncomplete: false, items: stringCompletions(token: token, context: context))
        }

        // After `.` (possibly with part of the name typed).
        var dot = token
        if let current = token, current.kind == .identifier, current.range.end == offset { dot = current.previous }
        if let dot, dot.kind == .dot, let member = dot.parent.flatMap(MemberAccess.init), let base = member.base {
            if NameExpression(base)?.name == "F" {
                return CompletionList(isIncomplete: false, items: functionItems(snippets: snippets))
            }
            // What the compiler made of the base wins over the syntactic guess (`df.write.`, `n = df.count()`).
            var compiled: APIReceiver?
            switch analysis.compilation.memberBaseKind(atDot: dot.range.start) {
            case .writer?: compiled = .writer
            case .namespace("DataFrame.na")?: compiled = .nullFunctions
            case .scalar?, .list?, .dict?, .mutation?: return CompletionList(isIncomplete: false, items: [])
            default: compiled = nil
            }
            let receiver = compiled ?? context.receiver(of: base) ?? .dataFrame
            return CompletionList(isIncomplete: false, items: methodItems(receiver, snippets: snippets))
        }

        // After `how=`: the enumerated values.
        if let token, token.kind == .equal, let label = token.previous, label.kind == .identifier,
            let values = APICatalog.enumeratedValues[label.text]
        {
            let items = values.map { value in
                CompletionItem(
                    label: "\"\(value)\"", kind: .enumMember, detail: "\(label.text)=", insertText: "\"\(value)\"")
            }
            return CompletionList(isIncomplete: false, items: items)
        }

        // After `rows_between=` / `range_between=`: frame tuples.
        if let token, token.kind == .equal, let label = token.previous, label.kind == .identifier,
            label.text == "rows_between" || label.text == "range_between"
        {
            let items = APICatalog.frameValues.enumerated().map { index, frame in
                CompletionItem(
                    label: frame.0, kind: .value, detail: "\(label.text)=", documentation: .string(frame.1),
                    sortText: "0\(index)", insertText: frame.0)
            }
            return CompletionList(isIncomplete: false, items: items)
        }
        // Right after `name=` a value comes: no keyword arguments.
        let afterKeyword = token?.kind == .equal && token?.previous?.kind == .identifier

        var items: [CompletionItem] = []
        // Inside a call: its keyword arguments first.
        if !afterKeyword, let call = context.enclosingCall(at: offset), let name = call.calleeName {
            // A DataFrame method that takes column names (`select(`, `group_by(`, …): the columns in scope at that
            // step, quoted, ahead of everything else.
            let member = call.callee.flatMap(MemberAccess.init)
            let bareCol =
                (name == "col" || name == "column")
                && (member == nil || member?.base.flatMap(NameExpression.init)?.name == "F")
                && call.positionalArguments.count <= 1
            if columnTakingMethods.contains(name), member != nil || bareCol {
                // The compiler's scope at this step when it has one (exact after select/agg/join); else the
                // syntactic guess.
                if let columns = analysis.compilation.columnsInScope(at: offset), !columns.isEmpty {
                    var seen = Set<String>()
                    for column in columns where seen.insert(column.name).inserted {
                        let quoted = "\"\(column.name)\""
                        let source = column.sourceTable.map { " · \($0)" } ?? ""
                        items.append(
                            CompletionItem(
                                label: quoted, kind: .field, detail: "\(column.type.rawValue)\(source)",
                                sortText: "0" + column.name, filterText: column.name, insertText: quoted))
                    }
                } else {
                    for column in context.columns(visibleTo: call) {
                        let quoted = "\"\(column.name)\""
                        items.append(
                            CompletionItem(
                                label: quoted, kind: .field, detail: column.detail,
                                documentation: column.info.map { .string(columnSummary($0)) },
                                sortText: "0" + column.name, filterText: column.name, insertText: quoted))
                    }
                }
            }
            let parameters =
                APICatalog.anyMethod(name)?.1.parameters
                ?? BuiltinFunction.named(name)?.parameters ?? []
            for parameter in parameters where parameter.contains("=") {
                let label = String(parameter.prefix { $0 != "=" })
                items.append(
                    CompletionItem(
                        label: label + "=", kind: .property, detail: "keyword argument of \(name)",
                        documentation: .string(parameter), sortText: "0" + label, insertText: label + "="))
            }
        }
        // Bindings, predefined names and functions; a binding hides the predefined name or function it shadows
        // (`db = connect(...)` is offered once, as the binding).
        let bindings = analysis.bindings.visibleBindings(at: offset)
        let bound = Set(bindings.map(\.name))
        for binding in bindings {
            let oneLine = binding.value.map { summary(of: $0) } ?? ""
            let firstLine = oneLine.count > 80 ? String(oneLine.prefix(77)) + "…" : oneLine
            items.append(
                CompletionItem(label: binding.name, kind: .variable, detail: firstLine, sortText: "1" + binding.name))
        }
        let predefined: [(String, CompletionItemKind, String)] = [
            ("db", .module, "the default connection (Database)"), ("F", .module, "the functions module"),
            ("col", .function, "col(name) -> Column"), ("lit", .function, "lit(value) -> Column"),
            ("Window", .class, "window specifications"), ("connect", .function, "connect(url_or_name) -> Database"),
        ]
        for (name, kind, detail) in predefined where !bound.contains(name) {
            items.append(CompletionItem(label: name, kind: kind, detail: detail, sortText: "2" + name))
        }
        for var item in functionItems(snippets: snippets) where !bound.contains(item.label) {
            item.sortText = "3" + item.label
            items.append(item)
        }
        return CompletionList(isIncomplete: false, items: items)
    }

    private func isClosedString(_ text: String) -> Bool {
        let body = text.drop { $0.isLetter }
        guard let quote = body.first, body.count >= 2 else { return false }
        if body.hasPrefix(String(repeating: quote, count: 3)) {
            return body.count >= 6 && body.hasSuffix(String(repeating: quote, count: 3))
        }
        return body.last == quote
    }

    private func stringCompletions(token: SyntaxToken, context: SyntaxContext) -> [CompletionItem] {
        if let columns = writeDictKeyColumns(token: token, catalog: context.catalog) {
            return columns.map { column in
                CompletionItem(
                    label: column.name, kind: .field, detail: column.type.rawValue,
                    documentation: .string(columnSummary(column)))
            }
        }
        guard let literal = token.parent, let argumentNode = literal.parent, let argument = CallArgument(argumentNode),
            let call = argumentNode.parent?.parent.flatMap(CallExpression.init), let name = call.calleeName
        else { return [] }
        if let label = argument.label, let values = APICatalog.enumeratedValues[label] {
            return values.map { CompletionItem(label: $0, kind: .enumMember, detail: "\(label)=") }
        }
        switch name {
        case "table", "insert", "update", "delete", "merge", "drop_table", "get_columns":
            return context.catalog.tables.map { table in
                CompletionItem(
                    label: table.name, kind: table.kind == .view ? .interface : .struct,
                    detail: "\(table.kind.rawValue) · \(table.columns.count) columns",
                    documentation: .markupContent(MarkupContent(kind: .markdown, value: tableMarkdown(table))))
            }
        case "connect":
            return state.withLock { $0.configuration.connections.values.map(\.name) }.sorted().map {
                CompletionItem(label: $0, kind: .reference, detail: "connection from the configuration")
            }
        case _ where columnTakingMethods.contains(name) || argument.label == nil:
            return context.columns(visibleTo: call).map { column in
                CompletionItem(
                    label: column.name, kind: .field, detail: column.detail,
                    documentation: column.info.map { .string(columnSummary($0)) })
            }
        default:
            return []
        }
    }

    /// Whether `qualifier` is a CTE name the compiler made up for a binding (`orders_cte` for a binding named like
    /// its table, `x_2` for `x` bound again): a name the user never wrote, so completion does not offer it.
    static func isGeneratedQualifier(
        _ qualifier: String, among qualifiers: [String], bindingNames: Set<String>, catalog: Catalog
    ) -> Bool {
        guard qualifier.utf8.contains(UInt8(ascii: "_")), !bindingNames.contains(qualifier) else { return false }
        var stem = Substring(qualifier)
        if stem.hasSuffix("_cte") { stem = stem.dropLast(4) }
        var base = String(stem)
        if !bindingNames.contains(base), let underscore = stem.lastIndex(of: "_") {
            let digits = stem[stem.index(after: underscore)...]
            guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return false }
            base = String(stem[..<underscore])
        }
        return bindingNames.contains(base) && qualifiers.contains(base) && catalog.table(named: qualifier) == nil
    }

    /// The table's columns when `token` is the key of a dict that names columns of a write: `set={…}` of
    /// `db.update`, `when_matched={…}` of `db.merge`, a row dict of `db.insert` / `db.merge`.
    private func writeDictKeyColumns(token: SyntaxToken, catalog: Catalog) -> [ColumnInfo]? {
        guard let literal = token.parent, let entry = literal.parent, entry.kind == .dictEntry,
            entry.childNodes.first?.range == literal.range, var node = entry.parent?.parent
        else { return nil }
        if node.kind == .listExpression, let parent = node.parent { node = parent }
        guard let argument = CallArgument(node),
            argument.label == nil || argument.label == "set"
                || argument.label == "when_matched" || argument.label == "rows",
            let call = node.parent?.parent.flatMap(CallExpression.init),
            let name = call.calleeName, ["insert", "update", "merge"].contains(name),
            let first = call.positionalArguments.first?.value, let table = StringLiteral(first)?.value
        else { return nil }
        return catalog.table(named: table)?.columns
    }

    private func columnItems(
        _ columns: [PlanColumn], bindingNames: Set<String>, catalog: Catalog
    ) -> [CompletionItem] {
        var items: [CompletionItem] = []
        items.reserveCapacity(columns.count)
        var seen = Set<String>()
        var counts: [String: Int] = [:]
        for column in columns { counts[column.name, default: 0] += 1 }
        for column in columns {
            let names =
                [column.name]
                + (counts[column.name, default: 0] > 1 || column.qualifiers.count > 0
                    ? column.qualifiers.lazy.filter { qualifier in
                        !Self.isGeneratedQualifier(
                            qualifier, among: column.qualifiers, bindingNames: bindingNames, catalog: catalog)
                    }.map { "\($0).\(column.name)" } : [])
            for name in names where seen.insert(name).inserted {
                let source = column.sourceTable.map { " · \($0)" } ?? ""
                items.append(
                    CompletionItem(
                        label: name, kind: .field, detail: "\(column.type.rawValue)\(source)",
                        documentation: .string(
                            "\(column.type.rawValue), \(column.isNullable ? "nullable" : "not null")"
                                + (column.sourceTable.map { ", from \($0)" } ?? "")),
                        // The byte test, not `contains(String)`: that one goes through Foundation's string search.
                        sortText: (name.utf8.contains(UInt8(ascii: ".")) ? "1" : "0") + name))
            }
        }
        return items
    }

    private func methodItems(_ receiver: APIReceiver, snippets: Bool) -> [CompletionItem] {
        (APICatalog.methods[receiver] ?? []).map { method in
            CompletionItem(
                label: method.name,
                labelDetails: CompletionItemLabelDetails(
                    detail: "(\(method.parameters.joined(separator: ", ")))", description: method.returns),
                kind: .method, detail: "\(receiver.rawValue).\(method.signature)",
                documentation: .markupContent(MarkupContent(kind: .markdown, value: method.documentation)),
                insertText: snippets ? method.snippet : method.name, insertTextFormat: snippets ? .snippet : .plainText)
        }
    }

    private func functionItems(snippets: Bool) -> [CompletionItem] {
        BuiltinFunction.all.map { function in
            CompletionItem(
                label: function.name, kind: .function, detail: APICatalog.signature(of: function),
                documentation: .markupContent(
                    MarkupContent(kind: .markdown, value: APICatalog.documentation(of: function))),
                insertText: snippets ? APICatalog.snippet(of: function) : function.name,
                insertTextFormat: snippets ? .snippet : .plainText)
        }
    }

    /// A table as a markdown list of its columns.
    func tableMarkdown(_ table: TableInfo) -> String {
        var lines = ["**\(table.kind.rawValue) `\(table.name)`**", "", "| column | type | null |", "|---|---|---|"]
        for column in table.columns {
            let key = column.primaryKeyPosition != nil ? " 🔑" : ""
            lines.append("| `\(column.name)`\(key) | \(column.declaredType) | \(column.isNullable ? "yes" : "no") |")
        }
        return lines.joined(separator: "\n")
    }

    /// One line about a column.
    func columnSummary(_ column: ColumnInfo) -> String {
        "\(column.declaredType) (\(column.type.rawValue)), \(column.isNullable ? "nullable" : "not null")"
            + (column.primaryKeyPosition != nil ? ", primary key" : "")
    }
}
