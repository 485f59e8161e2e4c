import Moltres
import MoltresProtocol

extension LanguageServer {
    /// `textDocument/definition`: the binding a name refers to.
    func handleDefinition(_ params: DefinitionParams) throws -> [Location]? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        let index = BindingIndex(snapshot.tree)
        guard let binding = index.binding(at: converter.byteOffset(of: params.position)) else { return [] }
        return [Location(uri: snapshot.uri, range: converter.range(of: index.bindings[binding].nameRange))]
    }

    /// `textDocument/references`: every use of the binding at the position, the strings where it qualifies a column,
    /// and its definition when asked.
    func handleReferences(_ params: ReferenceParams) throws -> [Location]? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        let index = BindingIndex(snapshot.tree)
        guard let binding = index.binding(at: converter.byteOffset(of: params.position)) else { return [] }
        var ranges = index.uses(of: binding)
        // Where its name qualifies a column in a string (`col("cust.id")`), in source order.
        ranges = (ranges + qualifierRanges(of: binding, in: index, tree: snapshot.tree)).sorted { $0.start < $1.start }
        if params.context.includeDeclaration { ranges.insert(index.bindings[binding].nameRange, at: 0) }
        return ranges.map { Location(uri: snapshot.uri, range: converter.range(of: $0)) }
    }

    /// `textDocument/prepareRename`: only bindings can be renamed; anything else is refused with an error.
    func handlePrepareRename(_ params: PrepareRenameParams) throws -> PrepareRenameResult? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        let offset = converter.byteOffset(of: params.position)
        let index = BindingIndex(snapshot.tree)
        guard let binding = index.binding(at: offset) else {
            throw ResponseError(code: ResponseError.requestFailed, message: "only bindings (name = …) can be renamed")
        }
        let range =
            ([index.bindings[binding].nameRange] + index.uses(of: binding)).first { $0.touches(offset) }
            ?? index.bindings[binding].nameRange
        return PrepareRenameResult(range: converter.range(of: range), placeholder: index.bindings[binding].name)
    }

    /// `textDocument/rename`: renames a binding and every use of it.
    func handleRename(_ params: RenameParams) throws -> WorkspaceEdit? {
        let snapshot = try snapshot(params.textDocument.uri)
        let converter = converter(snapshot)
        let index = BindingIndex(snapshot.tree)
        guard let binding = index.binding(at: converter.byteOffset(of: params.position)) else {
            throw ResponseError(code: ResponseError.requestFailed, message: "only bindings (name = …) can be renamed")
        }
        let newName = params.newName
        let valid =
            !newName.isEmpty && !(newName.first?.isNumber ?? true)
            && newName.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        guard valid else {
            throw ResponseError(code: ResponseError.invalidParams, message: "'\(newName)' is not a valid name")
        }
        guard !Self.pythonKeywords.contains(newName) else {
            throw ResponseError(code: ResponseError.invalidParams, message: "'\(newName)' is a keyword")
        }
        // A name the file already uses (another binding, `col`, `db`, a function) would be captured or shadowed:
        // the other uses would change meaning without a word.
        if newName != index.bindings[binding].name, Self.namesInUse(snapshot.tree).contains(newName) {
            throw ResponseError(
                code: ResponseError.invalidParams,
                message: "'\(newName)' is already used in this file; renaming to it would change what those uses mean")
        }
        let ranges =
            [index.bindings[binding].nameRange] + index.uses(of: binding)
            + qualifierRanges(of: binding, in: index, tree: snapshot.tree)
        let edits = ranges.map { MoltresProtocol.TextEdit(range: converter.range(of: $0), newText: newName) }
        return WorkspaceEdit(changes: [snapshot.uri: edits])
    }

    /// Python's keywords (and the constants), which cannot be names.
    static let pythonKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    /// The names a file uses as names: every identifier that is neither a member (`x.name`) nor a keyword
    /// argument's label (`how=`).
    static func namesInUse(_ tree: SyntaxTree) -> Set<String> {
        var names = Set<String>()
        for token in tree.rootNode.tokens where token.kind == .identifier {
            if token.previous?.kind == .dot { continue }
            if let parent = token.parent, let argument = CallArgument(parent), argument.labelToken?.range == token.range
            {
                continue
            }
            names.insert(token.text)
        }
        return names
    }

    /// The binding's name where it qualifies a column in a string (`col("cust.id")`, `select("cust.email")`):
    /// string arguments of `col`/`column` and of column-taking DataFrame methods (directly or in a list), after
    /// the binding and before the next binding of the same name.
    func qualifierRanges(of binding: Int, in index: BindingIndex, tree: SyntaxTree) -> [ByteRange] {
        let name = index.bindings[binding].name
        let start = index.bindings[binding].nameRange.end
        let end =
            index.bindings[(binding + 1)...].first { $0.name == name }?.nameRange.start ?? tree.source.bytes.count
        let prefix = Array((name + ".").utf8)
        let columnCalls: Set<String> = [
            "col", "column", "select", "group_by", "groupBy", "order_by", "orderBy", "sort", "drop",
            "drop_duplicates", "partitionBy", "partition_by", "with_column_renamed",
        ]
        var ranges: [ByteRange] = []
        for token in tree.rootNode.tokens where token.kind == .string {
            guard token.range.start >= start, token.range.end <= end else { continue }
            let bytes = Array(token.text.utf8)
            guard let quote = bytes.firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }),
                bytes.count >= quote + 1 + prefix.count,
                Array(bytes[(quote + 1)..<(quote + 1 + prefix.count)]) == prefix
            else { continue }
            // The literal is an argument of a column-taking call, or an element of a list that is one.
            guard var node = token.parent?.parent else { continue }
            if node.kind == .listExpression || node.kind == .tupleExpression, let parent = node.parent { node = parent }
            guard let argument = CallArgument(node), argument.label == nil,
                let call = node.parent?.parent.flatMap(CallExpression.init), let callee = call.calleeName,
                columnCalls.contains(callee)
            else { continue }
            let from = token.range.start + quote + 1
            ranges.append(ByteRange(start: from, end: from + name.utf8.count))
        }
        return ranges
    }
}
