/// Works out what the user is typing at a position, from the tokens around it and what the binder recorded.
struct CompletionResolver {
    let compilation: Compilation

    private var tree: SyntaxTree { compilation.tree }
    private var facts: SemanticFacts { compilation.facts }

    func context(at rawOffset: Int) -> CompletionContext {
        let offset = tree.source.clamp(rawOffset)
        if isInComment(offset) { return .none }
        if let string = stringToken(at: offset) { return stringContext(string, offset: offset) }
        let previous = tree.token(before: offset)
        if let previous {
            if previous.kind == .dot { return memberContext(dot: previous) }
            if previous.kind == .identifier || previous.kind.isKeywordLike, previous.range.end == offset,
                let dot = previous.previous, dot.kind == .dot, dot.range.end == previous.range.start
            {
                return memberContext(dot: dot)
            }
            if previous.kind == .integer || previous.kind == .float, previous.range.end == offset { return .none }
        }
        if let keyword = keywordContext(offset: offset, previous: previous) { return keyword }
        return .topLevel(bindings: compilation.bindings(visibleAt: offset))
    }

    private func isInComment(_ offset: Int) -> Bool {
        let token = tree.token(at: offset)
        let trivia = token.token.leadingTriviaRange
        guard trivia.start < offset, offset <= trivia.end else { return false }
        let bytes = tree.source.bytes
        var index = offset - 1
        while index >= trivia.start {
            if bytes[index] == 0x0A { return false }
            if bytes[index] == 0x23 { return true }
            index -= 1
        }
        return false
    }

    /// The string token the offset is inside (after its opening quote), including an unterminated one at its end.
    private func stringToken(at offset: Int) -> SyntaxToken? {
        let token = tree.token(at: offset)
        if token.kind == .string, token.range.start < offset, offset < token.range.end { return token }
        if let previous = tree.token(before: offset), previous.kind == .string, previous.range.end == offset,
            !isTerminated(previous)
        {
            return previous
        }
        return nil
    }

    private func isTerminated(_ token: SyntaxToken) -> Bool {
        let bytes = tree.source.bytes
        let range = token.range
        var start = range.start
        while start < range.end && bytes[start] != 0x22 && bytes[start] != 0x27 { start += 1 }
        guard start < range.end else { return false }
        let quote = bytes[start]
        let triple = start + 2 < range.end && bytes[start + 1] == quote && bytes[start + 2] == quote
        let quoteLength = triple ? 3 : 1
        guard range.end - start >= quoteLength * 2 else { return false }
        for index in (range.end - quoteLength)..<range.end where bytes[index] != quote { return false }
        return true
    }

    private func stringContext(_ token: SyntaxToken, offset: Int) -> CompletionContext {
        let bytes = tree.source.bytes
        var start = token.range.start
        while start < token.range.end && bytes[start] != 0x22 && bytes[start] != 0x27 { start += 1 }
        let quote = start < token.range.end ? bytes[start] : 0x22
        var contentStart = start + 1
        if contentStart + 1 < token.range.end && bytes[start + 1] == quote && bytes[start + 2] == quote {
            contentStart = start + 3
        }
        let prefix = tree.source.text(in: ByteRange(start: min(contentStart, offset), end: offset))
        // What the string is an argument of.
        guard let literal = token.parent, let argument = literal.parent, argument.kind == .argument,
            let argumentList = argument.parent, let callNode = argumentList.parent,
            let call = CallExpression(callNode)
        else {
            // A string inside a list argument: `select(["a", "b…`.
            if let literal = token.parent, let list = literal.parent,
                list.kind == .listExpression || list.kind == .tupleExpression,
                let scope = innermostColumnScope(offset)
            {
                return .columnName(prefix: prefix, columns: scope.columns)
            }
            return .none
        }
        let label = CallArgument(argument)?.label.map(snakeCase)
        let calleeName = call.calleeName.map(snakeCase) ?? ""
        if let label, let site = facts.callSites.first(where: { $0.range == argumentList.range }),
            let values = site.enumerated[label]
        {
            return .keywordValue(name: label, values: values)
        }
        if calleeName == "table" || calleeName == "drop_table" || calleeName == "insert_into"
            || ((calleeName == "insert" || calleeName == "update" || calleeName == "delete" || calleeName == "merge")
                && call.positionalArguments.first?.node == argument)
        {
            return .tableName(prefix: prefix)
        }
        if ["col", "column"].contains(calleeName) || calleeName.isEmpty {
            if let scope = innermostColumnScope(offset) { return .columnName(prefix: prefix, columns: scope.columns) }
            return .columnName(prefix: prefix, columns: [])
        }
        if let scope = facts.columnScopes.last(where: { $0.range == argumentList.range }), scope.stringsAreColumns,
            label == nil || label == "on" || label == "subset"
        {
            return .columnName(prefix: prefix, columns: scope.columns)
        }
        if let function = BuiltinFunction.named(calleeName), label == nil,
            let scope = innermostColumnScope(offset)
        {
            _ = function
            return .columnName(prefix: prefix, columns: scope.columns)
        }
        return .none
    }

    /// The smallest recorded argument-list scope containing `offset`.
    private func innermostColumnScope(_ offset: Int) -> ColumnScopeRecord? {
        var best: ColumnScopeRecord?
        for scope in facts.columnScopes where scope.range.start < offset && offset <= scope.range.end {
            if best == nil || scope.range.length <= best!.range.length { best = scope }
        }
        return best
    }

    private func memberContext(dot: SyntaxToken) -> CompletionContext {
        let kind = facts.memberBases.last { $0.dotOffset == dot.range.start }?.kind ?? .unknown
        switch kind {
        case .database: return .databaseMember
        case .dataFrame(let schema, _): return .dataFrameMember(schema: schema)
        case .groupedData: return .groupedDataMember
        case .column: return .columnMember
        case .namespace("F"): return .functionMember
        case .namespace("Window"), .window: return .windowMember
        case .transaction: return .transactionMember
        case .writer: return .writerMember
        default: return .none
        }
    }

    /// Right after `(` or `,` of a call's argument list (or typing a name there): the call's keyword arguments
    /// that are still free, i.e. not written as `name=` and not taken by the positional arguments before.
    private func keywordContext(offset: Int, previous: SyntaxToken?) -> CompletionContext? {
        guard var token = previous else { return nil }
        // Typing a name right after `(` or `,`: the name is the prefix.
        if token.kind == .identifier, token.range.end == offset, let before = token.previous { token = before }
        guard token.kind == .comma || token.kind == .leftParenthesis, let list = token.parent,
            list.kind == .argumentList || list.kind == .argument
        else { return nil }
        let argumentList = list.kind == .argument ? list.parent : list
        guard let argumentList, argumentList.kind == .argumentList,
            let site = facts.callSites.last(where: { $0.range == argumentList.range }), !site.keywords.isEmpty
        else { return nil }
        var used = Set<String>()
        var positional = 0
        for argument in argumentList.children(ofKind: .argument) where argument.range.end <= token.range.start {
            let (label, isSpread, _) = argument.argumentParts
            if let label {
                used.insert(snakeCase(label.text))
            } else if !isSpread {
                positional += 1
            }
        }
        var names: [String] = []
        for (index, name) in site.keywords.enumerated() where !used.contains(name) {
            if index < positional && index < site.positionalCount { continue }
            names.append(name)
        }
        guard !names.isEmpty else { return nil }
        return .keywordArgument(function: site.name, names: names)
    }
}

extension TokenKind {
    /// Whether the token is a keyword that may be a member name being typed (`df.as…`).
    var isKeywordLike: Bool {
        switch self {
        case .asKeyword, .inKeyword, .isKeyword, .orKeyword, .andKeyword, .notKeyword, .fromKeyword: true
        default: false
        }
    }
}
