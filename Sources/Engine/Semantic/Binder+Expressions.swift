extension Binder {
    /// Evaluates an expression node to a value, reporting what is wrong on the way.
    func evaluate(_ node: SyntaxNode) -> Value {
        switch node.kind {
        case .nameExpression: return evaluateName(node)
        case .integerLiteral:
            guard let value = IntegerLiteral(node)?.value else { return .scalar(.integer(0)) }
            return .scalar(.integer(Int64(value)))
        case .floatLiteral: return .scalar(.real(FloatLiteral(node)?.value ?? 0))
        case .stringLiteral: return .scalar(.text(tree.stringValue(of: node)))
        case .booleanLiteral: return .scalar(.boolean(BooleanLiteral(node)?.value ?? false))
        case .noneLiteral: return .scalar(.null)
        case .listExpression, .tupleExpression:
            let elements = CollectionExpression(node)?.elements ?? []
            return .list(elements.map { evaluate($0) }, isTuple: node.kind == .tupleExpression)
        case .dictExpression:
            let entries = CollectionExpression(node)?.entries ?? []
            return .dict(
                entries.map { entry in
                    let key = entry.key.map { evaluate($0) }
                    var keyText: String?
                    if case .scalar(.text(let text))? = key { keyText = text }
                    let value = entry.value.map { evaluate($0) } ?? .unknown
                    return DictEntry(
                        key: keyText, keyRange: entry.key?.range ?? node.range, value: value,
                        valueRange: entry.value?.range ?? node.range)
                })
        case .parenthesizedExpression:
            guard let inner = ParenthesizedExpression(node)?.expression else { return .unknown }
            return evaluate(inner)
        case .callExpression: return evaluateCall(node)
        case .memberAccess: return evaluateAttribute(node)
        case .subscriptExpression: return evaluateSubscript(node)
        case .binaryExpression: return evaluateBinary(node)
        case .unaryExpression: return evaluateUnary(node)
        case .missingExpression, .errorExpression: return .unknown
        default:
            for child in node.childNodes where child.kind.isExpression { _ = evaluate(child) }
            return .unknown
        }
    }

    // MARK: - Names

    func evaluateName(_ node: SyntaxNode) -> Value {
        let tokenIndex = tree.storage.firstToken(of: node.index)
        guard tokenIndex >= 0 else { return .unknown }
        // The name is looked up by its bytes in the source: no `String` is made unless it is needed. Most names of
        // a pipeline (`db`, `col`, `F`) are predefined and not rebound: their value, without the entry around it
        // (predefined entries record nothing, are no DataFrames and have no source). The token is read by index;
        // a `SyntaxToken` (a retain of the tree) is made only past the predefined names.
        let range = tree.storage.tokens[tokenIndex].range
        let boundIndex: Int?
        let predefinedIndex: Int?
        if environment.isEmpty {
            // No binding yet (a file's first statement): the environment is not copied, which retained and
            // released its two arrays around the lookup.
            boundIndex = nil
            predefinedIndex = source.bytes.withUnsafeBufferPointer { buffer in
                Self.predefinedValues.index(of: UnsafeBufferPointer(rebasing: buffer[range.start..<range.end]))
            }
        } else {
            let environment = self.environment  // one access to the stored property
            (boundIndex, predefinedIndex) = source.bytes.withUnsafeBufferPointer { buffer in
                let bytes = UnsafeBufferPointer(rebasing: buffer[range.start..<range.end])
                if let index = environment.index(of: bytes) { return (index, nil) }
                return (nil, Self.predefinedValues.index(of: bytes))
            }
        }
        if let predefinedIndex { return Self.predefinedValue(at: predefinedIndex) }
        let token = SyntaxToken(tree: tree, index: tokenIndex)
        guard let boundIndex else {
            let name = token.text
            if expiredTransactions.contains(name) {
                report(.transactionMisuse, token.range, "'\(name)' is used after its transaction block ended")
                return .unknown
            }
            reportUnknown(
                .unknownName, token.range, "unknown name '\(name)'", name: name,
                candidates: namesInScope)
            return .unknown
        }
        let entry = environment[boundIndex]
        if entry.info.kind != .predefined {
            record(.binding(entry.info), at: token.range)
            if entry.info.kind == .withAlias, entry.value.isUnknown, expiredTransactions.contains(entry.info.name) {
                report(
                    .transactionMisuse, token.range, "'\(entry.info.name)' is used after its transaction block ended")
                return .unknown
            }
        }
        if case .frame = entry.value {
            bindingUses[entry.id, default: []].insert(currentStatement)
        }
        if let source = entry.source, !scopes.isEmpty, case .column = entry.value, rebindDepth < 8,
            rebindBudget > 0
        {
            rebindBudget -= 1
            rebindDepth += 1
            defer { rebindDepth -= 1 }
            return rebindColumn(
                entry.info.name, expression: source, use: token.range, binding: entry.info.range) ?? entry.value
        }
        return entry.value
    }

    /// A column expression bound outside any step, evaluated again where it is used: its column names resolve
    /// and its types check against the columns in scope here. What that finds is reported at the use, with the
    /// place in the binding as a related location (a diagnostic the binding itself already got is not repeated).
    private func rebindColumn(_ name: String, expression: SyntaxNode, use: ByteRange, binding: ByteRange) -> Value? {
        let before = diagnostics.count
        let value = evaluate(expression)
        guard case .column = value else {
            diagnostics.removeSubrange(before...)
            return nil
        }
        guard diagnostics.count > before else { return value }
        let found = Array(diagnostics[before...])
        diagnostics.removeSubrange(before...)
        let line = source.line(containing: binding.start) + 1
        for diagnostic in found {
            if diagnostics.contains(where: {
                $0.code == diagnostic.code && $0.range == diagnostic.range && $0.message == diagnostic.message
            }) {
                continue
            }
            var related = [
                RelatedInformation(range: diagnostic.range, message: "in the column bound to '\(name)' on line \(line)")
            ]
            related += diagnostic.related
            report(
                diagnostic.code, use, "'\(name)': " + diagnostic.message, severity: diagnostic.severity,
                related: related,
                fixes: diagnostic.fixes)
        }
        return value
    }

    /// Reports a value of the wrong kind (`expected` names what fits, e.g. "a DataFrame"); when the value is a
    /// binding, the message names it and points at where it was bound.
    func reportKindMismatch(_ node: SyntaxNode, expected: String, got value: Value, context: String? = nil) {
        let prefix = context.map { "\($0) " } ?? ""
        if node.kind == .nameExpression, let token = node.firstChildToken, let entry = lookUpName(token.text),
            entry.info.kind != .predefined
        {
            let line = source.line(containing: entry.info.range.start) + 1
            report(
                .argumentTypeMismatch, node.range,
                "\(prefix)expected \(expected), but '\(token.text)' is a \(value.kind) (bound on line \(line))",
                related: [RelatedInformation(range: entry.info.range, message: "'\(token.text)' is bound here")])
            return
        }
        report(.argumentTypeMismatch, node.range, "\(prefix)expected \(expected), got \(value.kind)")
    }

    // MARK: - Operators

    /// Evaluates a binary expression; a long left-nested chain (`a + b + c + …`) is walked iteratively.
    func evaluateBinary(_ node: SyntaxNode) -> Value {
        // The spine is kept as node indices in a temporary (stack) buffer: no array per expression, and no
        // `SyntaxNode` (a retain and a release of the tree) per link.
        let tree = self.tree
        let storage = tree.storage
        var count = 0
        var current = node.index
        while current >= 0 && storage.nodes[current].kind == .binaryExpression {
            count += 1
            current = storage.firstExpressionChild(of: current)
        }
        let leftmost = current
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { spine in
            var walk = node.index
            for position in 0..<count {
                guard walk >= 0 else { break }
                spine[position] = Int32(walk)
                walk = storage.firstExpressionChild(of: walk)
            }
            var value = leftmost >= 0 ? evaluate(SyntaxNode(tree: tree, index: leftmost)) : .unknown
            var position = count - 1
            while position >= 0 {
                value = applyBinary(SyntaxNode(tree: tree, index: Int(spine[position])), left: value)
                position -= 1
            }
            return value
        }
    }

    private func applyBinary(_ node: SyntaxNode, left: Value) -> Value {
        // The operands and the operator by index: a `SyntaxNode` only for the right operand, which is evaluated.
        let storage = tree.storage
        let (leftIndex, rightIndex) = storage.firstTwoExpressionChildren(of: node.index)
        let right = rightIndex >= 0 ? evaluate(SyntaxNode(tree: tree, index: rightIndex)) : .unknown
        let operatorIndex = storage.firstToken(of: node.index)
        guard operatorIndex >= 0 else { return .unknown }
        let operatorToken = storage.tokens[operatorIndex]
        let operatorRange = operatorToken.range
        let op: Expression.BinaryOperator
        switch operatorToken.kind {
        case .plus: op = .add
        case .minus: op = .subtract
        case .star: op = .multiply
        case .slash: op = .divide
        case .doubleSlash: op = .floorDivide
        case .percent: op = .modulo
        case .doubleStar: op = .power
        case .equalEqual: op = .equal
        case .notEqual: op = .notEqual
        case .less: op = .lessThan
        case .lessEqual: op = .lessThanOrEqual
        case .greater: op = .greaterThan
        case .greaterEqual: op = .greaterThanOrEqual
        case .ampersand: op = .and
        case .pipe: op = .or
        case .caret, .leftShift, .rightShift, .at:
            if !left.isUnknown && !right.isUnknown {
                report(
                    .invalidUse, operatorRange,
                    "the operator '\(source.text(in: operatorRange))' does not apply to columns")
            }
            return .unknown
        default:
            return .unknown  // `and`, `or`, `in`, `is`: reported by the parser
        }
        if left.isUnknown || right.isUnknown { return .unknown }
        // Python arithmetic on plain values stays a value.
        if case .scalar(let a) = left, case .scalar(let b) = right, let folded = PythonScalars.fold(op, a, b) {
            return .scalar(folded)
        }
        func range(_ index: Int) -> ByteRange {
            let raw = storage.nodes[index >= 0 ? index : node.index]
            return ByteRange(start: raw.start, end: raw.end)
        }
        guard let leftColumn = columnOperand(left, range: range(leftIndex)),
            let rightColumn = columnOperand(right, range: range(rightIndex))
        else { return .unknown }
        return .column(combine(op, leftColumn, rightColumn, operatorRange: operatorRange, node: node))
    }

    /// A value used as an operand of a column operator: a column, or a literal.
    func columnOperand(_ value: Value, range: ByteRange) -> ColumnValue? {
        switch value {
        case .column(let column): return column
        case .scalar(let literal):
            return ColumnValue(.literal(literal), type: literal.checkerType, nullable: literal == .null)
        case .unknown: return nil
        case .frame(let frame):
            // A DataFrame in an expression is a scalar subquery.
            let type = frame.columns.count == 1 ? frame.columns[0].type : .unknown
            return ColumnValue(.scalarSubquery(frame.plan), type: type)
        default:
            report(.argumentTypeMismatch, range, "expected a column or a value, got \(value.kind)")
            return nil
        }
    }

    /// Combines two columns with an operator, checking their types.
    func combine(
        _ op: Expression.BinaryOperator, _ left: ColumnValue, _ right: ColumnValue, operatorRange: ByteRange,
        node: SyntaxNode
    ) -> ColumnValue {
        let nullable = left.nullable || right.nullable
        // Nearly always both empty (columns resolved in a step's scope): no concatenation then.
        let pending =
            right.pending.isEmpty ? left.pending : left.pending.isEmpty ? right.pending : left.pending + right.pending
        let leftExpression = left.expression.unaliased
        let rightExpression = right.expression.unaliased
        let l = left.type
        let r = right.type
        switch op {
        case .equal, .notEqual:
            if case .literal(.null) = rightExpression {
                return ColumnValue(
                    .isNull(leftExpression, negated: op == .notEqual), type: .boolean, nullable: false, pending: pending
                )
            }
            if case .literal(.null) = leftExpression {
                return ColumnValue(
                    .isNull(rightExpression, negated: op == .notEqual), type: .boolean, nullable: false,
                    pending: pending)
            }
            fallthrough
        case .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual:
            if !comparable(l, r) {
                report(
                    .comparisonTypeMismatch, node.range,
                    "cannot compare \(l.rawValue) with \(r.rawValue)",
                    related: [
                        RelatedInformation(range: operatorRange, message: "compared here")
                    ])
            }
            return ColumnValue(
                .binary(op, leftExpression, rightExpression), type: .boolean, nullable: nullable, pending: pending)
        case .and, .or:
            for (side, type) in [(left, l), (right, r)] where type != .unknown && type != .boolean && type != .integer {
                _ = side
                report(
                    .operatorTypeMismatch, node.range,
                    "'\(op == .and ? "&" : "|")' combines conditions, but one side is \(type.rawValue)")
                break
            }
            return ColumnValue(
                .binary(op, leftExpression, rightExpression), type: .boolean, nullable: nullable, pending: pending)
        case .concatenate:
            return ColumnValue(
                .binary(op, leftExpression, rightExpression), type: .text, nullable: nullable, pending: pending)
        case .add, .subtract, .multiply, .divide, .floorDivide, .modulo, .power:
            if op == .add && (l == .text || r == .text) && (l == .text || l == .unknown)
                && (r == .text || r == .unknown)
            {
                // With one side of unknown type the `+` may as well be arithmetic (`col("amount") + "5"` in a
                // binding made outside any step, evaluated again where its columns are known): the result's
                // type is not known either, so comparing it reports nothing here.
                return ColumnValue(
                    .binary(.concatenate, leftExpression, rightExpression),
                    type: l == .unknown || r == .unknown ? .unknown : .text, nullable: nullable, pending: pending)
            }
            guard let widened = arithmeticType(l, r) else {
                let verb: String
                switch op {
                case .add: verb = "add"
                case .subtract: verb = "subtract"
                case .multiply: verb = "multiply"
                default: verb = "apply '\(symbol(of: op))' to"
                }
                report(
                    .operatorTypeMismatch, node.range,
                    "cannot \(verb) \(l.rawValue) and \(r.rawValue)",
                    related: [RelatedInformation(range: operatorRange, message: "operator here")])
                return ColumnValue(
                    .binary(op, leftExpression, rightExpression), type: .unknown, nullable: nullable, pending: pending)
            }
            let type: SQLType
            switch op {
            case .divide, .power: type = widened == .decimal ? .decimal : (widened == .unknown ? .unknown : .real)
            case .floorDivide: type = .integer
            default: type = widened
            }
            return ColumnValue(
                .binary(op, leftExpression, rightExpression), type: type, nullable: nullable, pending: pending)
        }
    }

    private func symbol(of op: Expression.BinaryOperator) -> String {
        switch op {
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        case .floorDivide: "//"
        case .modulo: "%"
        case .power: "**"
        case .equal: "=="
        case .notEqual: "!="
        case .lessThan: "<"
        case .lessThanOrEqual: "<="
        case .greaterThan: ">"
        case .greaterThanOrEqual: ">="
        case .and: "&"
        case .or: "|"
        case .concatenate: "+"
        }
    }

    /// The result type of arithmetic; `nil` when the operands do not fit.
    func arithmeticType(_ left: SQLType, _ right: SQLType) -> SQLType? {
        let temporal: Set<SQLType> = [.date, .time, .timestamp]
        if temporal.contains(left) || temporal.contains(right) {
            // Date arithmetic is left to the database.
            return left == .unknown || right == .unknown || left.isNumeric || right.isNumeric ? .unknown : nil
        }
        if left == .boolean && (right.isNumeric || right == .boolean) { return right == .boolean ? .integer : right }
        if right == .boolean && left.isNumeric { return left }
        return left.widened(with: right)
    }

    /// Whether two types can be compared.
    func comparable(_ left: SQLType, _ right: SQLType) -> Bool {
        if left == .unknown || right == .unknown || left == right { return true }
        if left.isNumeric && right.isNumeric { return true }
        let temporal: Set<SQLType> = [.date, .time, .timestamp, .text]
        if temporal.contains(left) && temporal.contains(right) { return true }
        if (left == .boolean && right == .integer) || (left == .integer && right == .boolean) { return true }
        if left == .json || right == .json { return true }
        return false
    }

    func evaluateUnary(_ node: SyntaxNode) -> Value {
        guard let unary = UnaryExpression(node) else { return .unknown }
        let operand = unary.operand.map { evaluate($0) } ?? .unknown
        guard let op = unary.operator else { return .unknown }
        switch (op, operand) {
        case (_, .unknown), (.not, _): return .unknown
        case (.plus, _): return operand
        case (.negate, .scalar(let value)):
            // Python negates plain values; what it cannot (text, None) or 64 bits cannot hold goes to the checker.
            if let negated = PythonScalars.negate(value) { return .scalar(negated) }
            fallthrough
        case (.negate, _):
            guard let column = columnOperand(operand, range: unary.operand?.range ?? node.range) else {
                return .unknown
            }
            if column.type != .unknown && !column.type.isNumeric {
                report(.operatorTypeMismatch, node.range, "cannot negate \(column.type.rawValue)")
            }
            return .column(
                ColumnValue(
                    .unary(.negate, column.expression.unaliased), type: column.type, nullable: column.nullable,
                    pending: column.pending))
        case (.invert, _):
            guard let column = columnOperand(operand, range: unary.operand?.range ?? node.range) else {
                return .unknown
            }
            if column.type != .unknown && column.type != .boolean && column.type != .integer {
                report(
                    .operatorTypeMismatch, node.range, "'~' negates a condition, but this is \(column.type.rawValue)")
            }
            return .column(
                ColumnValue(
                    .unary(.not, column.expression.unaliased), type: .boolean, nullable: column.nullable,
                    pending: column.pending))
        }
    }

    // MARK: - Column references

    /// Resolves a column name written at `range` against the innermost scope (then enclosing ones, for correlated
    /// subqueries); without a scope the reference is kept pending and resolved where the column is used.
    func resolveColumn(_ text: String, range: ByteRange, fixRange: ByteRange? = nil) -> ColumnValue {
        if text == "*" { return ColumnValue(.star(qualifier: nil), type: .unknown) }
        if text.hasSuffix(".*") { return ColumnValue(.star(qualifier: String(text.dropLast(2))), type: .unknown) }
        return resolveColumn(ColumnReference(parsing: text), range: range, fixRange: fixRange)
    }

    /// Resolves a string literal that names a column (`"amount"`, `"orders.amount"`), reading the reference
    /// straight from the literal's bytes; `nil` when the literal is not a plain ASCII one-token string without
    /// escapes or a `*` (the caller then takes the general path, which gives the same result).
    func resolveColumn(literal node: SyntaxNode) -> ColumnValue? {
        guard usesFastPaths, let (reference, inner) = plainColumnReference(node) else { return nil }
        return resolveColumn(reference, range: inner, fixRange: nil)
    }

    /// The column reference a plain string literal spells, with the range inside its quotes (see
    /// ``resolveColumn(literal:)``).
    func plainColumnReference(_ node: SyntaxNode) -> (ColumnReference, ByteRange)? {
        plainColumnReference(index: node.index)
    }

    /// ``plainColumnReference(_:)`` of the node at `index` in the binder's tree.
    func plainColumnReference(index: Int) -> (ColumnReference, ByteRange)? {
        let storage = tree.storage
        let raw = storage.nodes[index]
        guard raw.kind == .stringLiteral, raw.childCount == 1,
            case let child = storage.children[Int(raw.childStart)], child < 0
        else {
            return nil
        }
        let range = storage.tokens[Int(~child)].range
        let smallASCII = source.smallASCII
        return source.bytes.withUnsafeBufferPointer { bytes -> (ColumnReference, ByteRange)? in
            // ASCII by the checks below: short names are built from their bytes without a validation pass.
            func string(_ start: Int, _ end: Int) -> String {
                String(databaseText: bytes.baseAddress! + start, count: end - start, smallASCII: smallASCII)
            }
            guard range.length >= 2, range.end <= bytes.count else { return nil }
            let quote = bytes[range.start]
            guard quote == 0x22 || quote == 0x27, bytes[range.end - 1] == quote else { return nil }
            let start = range.start + 1
            let end = range.end - 1
            // `""` or a triple-quoted string: the general path.
            guard start < end, bytes[start] != quote else { return nil }
            // Escapes, `*`, non-ASCII text and quotes inside: the general path.
            guard let lastDot = Self.plainNameLastDot(bytes, start: start, end: end, quote: quote) else { return nil }
            let inner = ByteRange(start: start, end: end)
            if lastDot > start && lastDot < end - 1 {
                return (
                    ColumnReference(string(lastDot + 1, end), qualifier: string(start, lastDot)),
                    inner
                )
            }
            return (
                ColumnReference(string(start, end)),
                inner
            )
        }
    }

    /// The offset of the last `.` in `bytes[start..<end]` (-1 for none), or `nil` when those bytes hold a
    /// backslash, a `*`, `quote` or a byte that is not ASCII.
    ///
    /// Eight bytes at a time (`ByteWord`: a test per word for each byte value sought); only a word with a `.` is read
    /// byte by byte. A byte at a time cost about 12 instructions.
    @inline(__always)
    static func plainNameLastDot(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, quote: UInt8) -> Int? {
        var lastDot = -1
        var index = start
        let base = bytes.baseAddress!
        while index + 8 <= end {
            let word = ByteWord.load(base + index)
            if ByteWord.nonASCII(word) | ByteWord.equal(word, 0x5C) | ByteWord.equal(word, 0x2A)
                | ByteWord.equal(word, quote) != 0
            {
                return nil
            }
            if ByteWord.equal(word, 0x2E) != 0 {
                for position in index..<(index + 8) where bytes[position] == 0x2E { lastDot = position }
            }
            index += 8
        }
        while index < end {
            let byte = bytes[index]
            if byte == 0x5C || byte == 0x2A || byte >= 0x80 || byte == quote { return nil }
            if byte == 0x2E { lastDot = index }
            index += 1
        }
        return lastDot
    }

    /// Resolves a parsed column reference written at `range` (see ``resolveColumn(_:range:fixRange:)``).
    func resolveColumn(_ reference: ColumnReference, range: ByteRange, fixRange: ByteRange?) -> ColumnValue {
        guard !scopes.isEmpty else {
            return ColumnValue(
                .column(reference), type: .unknown, pending: [PendingReference(reference: reference, range: range)])
        }
        if let (depth, index) = lookUpPosition(reference, range: range, fixRange: fixRange ?? range) {
            let column = scopes[depth].columns[index]
            if depth == scopes.count - 1 {
                return ColumnValue(
                    reference, type: column.type, nullable: column.isNullable, index: index,
                    serial: scopes[depth].serial)
            }
            return ColumnValue(.column(reference), type: column.type, nullable: column.isNullable)
        }
        return ColumnValue(.column(reference), type: .unknown)
    }

    /// Finds the column for `reference` in scope, reporting unknown and ambiguous names; `nil` when not found
    /// (reported unless the scope is incomplete).
    @discardableResult
    func lookUp(_ reference: ColumnReference, range: ByteRange, fixRange: ByteRange) -> PlanColumn? {
        guard let (depth, index) = lookUpPosition(reference, range: range, fixRange: fixRange) else { return nil }
        return scopes[depth].columns[index]
    }

    /// ``lookUp(_:range:fixRange:)`` as the column's place: the depth of its scope in ``scopes`` and its index
    /// there. A column found is neither copied (its name, qualifiers and source table retained) nor its scope,
    /// unless facts are recorded.
    func lookUpPosition(
        _ reference: ColumnReference, range: ByteRange, fixRange: ByteRange
    ) -> (
        depth: Int, index: Int
    )? {
        let smallASCII = usesFastPaths && source.smallASCII
        for depth in stride(from: scopes.count - 1, through: 0, by: -1) {
            // The scope's columns read in place, through the scopes' buffer: passing `scopes[depth].columns` retained
            // and released the array around the call.
            var (first, count) = scopes.withUnsafeBufferPointer { scopes in
                scopes[depth].columns.withUnsafeBufferPointer {
                    Self.exactMatch(reference, in: $0, smallASCII: smallASCII)
                }
            }
            if count == 0 {
                let found = Self.matches(reference, in: scopes[depth].columns)
                (first, count) = (found.first, found.count)
            }
            if count == 1, let first {
                if recordsFacts { record(.column(scopes[depth].columns[first], range: range)) }
                return (depth, first)
            }
            if !scopes[depth].isComplete && count == 0 { return nil }
            guard count > 1 else { continue }
            let scope = scopes[depth]
            let found = Self.matches(reference, in: scope.columns)
            let candidates = found.map { qualifiedName(scope.columns[$0]) }
            let related = found.compactMap { index -> RelatedInformation? in
                guard let origin = scope.origins.origin(at: index), !origin.isEmpty else { return nil }
                return RelatedInformation(
                    range: origin, message: "'\(qualifiedName(scope.columns[index]))' comes from here"
                )
            }
            let fixes = candidates.map {
                Fix(title: "Qualify as '\($0)'", edits: [TextEdit(range: fixRange, newText: $0)])
            }
            report(
                .ambiguousColumn, range,
                "column '\(reference.name)' is ambiguous; qualify it as one of "
                    + candidates.map { "'\($0)'" }.joined(separator: ", "),
                related: related, fixes: fixes)
            return nil
        }
        // Not found anywhere: report against the innermost scope.
        let scope = scopes[scopes.count - 1]
        let name = reference.qualifier.map { "\($0).\(reference.name)" } ?? reference.name
        var candidates = scope.columns.map(\.name)
        if reference.qualifier != nil {
            candidates = scope.columns.flatMap { column in column.qualifiers.map { "\($0).\(column.name)" } }
        }
        if let qualifier = reference.qualifier,
            !scope.columns.contains(where: { $0.qualifiers.contains(qualifier) })
        {
            let qualifiers = Set(scope.columns.flatMap(\.qualifiers)).sorted()
            let hint =
                qualifiers.isEmpty
                ? "" : "; the sources here are " + qualifiers.map { "'\($0)'" }.joined(separator: ", ")
            reportUnknown(
                .unknownColumn, range, "unknown column '\(name)': no table or alias '\(qualifier)' in this step\(hint)",
                name: name, candidates: candidates)
            return nil
        }
        let available = scope.columns.prefix(12).map(\.name).joined(separator: ", ")
        reportUnknown(
            .unknownColumn, range,
            "unknown column '\(name)'"
                + (available.isEmpty ? "" : " (available: \(available)\(scope.columns.count > 12 ? ", …" : ""))"),
            name: name, candidates: candidates)
        return nil
    }

    /// The first column `reference` names and how many it names, without allocating (exact spelling first,
    /// then case-insensitive).
    @inline(__always)
    func firstMatch(_ reference: ColumnReference, in columns: [PlanColumn]) -> (index: Int?, count: Int) {
        Self.firstMatch(reference, in: columns, smallASCII: usesFastPaths && source.smallASCII)
    }

    /// ``firstMatch(_:in:)`` as a static function, which reads nothing of the binder (tests call it directly). A
    /// caller passing a scope's columns out of ``scopes`` retains them around the call; ``lookUpPosition(_:range:fixRange:)``
    /// reads them in place and calls ``exactMatch(_:in:smallASCII:)``.
    ///
    /// When the reference's name is a small ASCII string (`smallASCII`: the layout checked by
    /// ``SmallASCIIString/isUsable``), a column whose name is one too has that name exactly when their raw bits
    /// are equal, so most columns are passed over with a load and two compares, without reading the name's
    /// length and without a call; any other name is compared as a string.
    static func firstMatch(
        _ reference: ColumnReference, in columns: [PlanColumn], smallASCII: Bool
    ) -> (index: Int?, count: Int) {
        let (first, count) = columns.withUnsafeBufferPointer {
            exactMatch(reference, in: $0, smallASCII: smallASCII)
        }
        if count > 0 { return (first, count) }
        let found = matches(reference, in: columns)
        return (found.first, found.count)
    }

    /// The exact-spelling part of ``firstMatch(_:in:smallASCII:)``, over columns read in place: a count of 0 leaves
    /// the case-insensitive match to the caller.
    static func exactMatch(
        _ reference: ColumnReference, in buffer: UnsafeBufferPointer<PlanColumn>, smallASCII: Bool
    ) -> (index: Int?, count: Int) {
        var first: Int?
        var count = 0
        let name = reference.name
        let length = name.utf8.count
        let (nameLow, nameHigh) = withUnsafeBytes(of: name) { $0.load(as: (UInt64, UInt64).self) }
        let kindMask: UInt64 = 0xF000_0000_0000_0000
        let small = SmallASCIIString.discriminator
        let skipsSmall = smallASCII && nameHigh & kindMask == small
        guard let base = buffer.baseAddress else { return (nil, 0) }
        let raw = UnsafeRawPointer(base)
        let stride = MemoryLayout<PlanColumn>.stride
        let end = buffer.count
        var index = 0
        while index < end {
            if skipsSmall {
                // Past the small ASCII names with other bits: a load and two compares a column. (`name` is a
                // column's first stored property, at offset 0; `ColumnLookupTests` checks it.)
                while index < end {
                    let high = raw.load(fromByteOffset: index &* stride &+ 8, as: UInt64.self)
                    if high == nameHigh {
                        if raw.load(fromByteOffset: index &* stride, as: UInt64.self) == nameLow { break }
                    } else if high & kindMask != small {
                        break
                    }
                    index &+= 1
                }
                if index == end { break }
            }
            if sameName(buffer[index].name, name, length: length),
                reference.qualifier.map({ buffer[index].qualifiers.contains($0) }) ?? true
            {
                if first == nil { first = index }
                count += 1
            }
            index &+= 1
        }
        return (first, count)
    }

    /// The indices of the columns `reference` names: exact spelling first, then case-insensitive.
    func matches(_ reference: ColumnReference, in columns: [PlanColumn]) -> [Int] {
        Self.matches(reference, in: columns)
    }

    /// ``matches(_:in:)`` as a static function.
    static func matches(_ reference: ColumnReference, in columns: [PlanColumn]) -> [Int] {
        var found: [Int] = []
        let name = reference.name
        let length = name.utf8.count
        for index in columns.indices where sameName(columns[index].name, name, length: length) {
            if let qualifier = reference.qualifier, !columns[index].qualifiers.contains(qualifier) { continue }
            found.append(index)
        }
        if !found.isEmpty { return found }
        let lowered = reference.name.lowercased()
        let loweredQualifier = reference.qualifier?.lowercased()
        for index in columns.indices where columns[index].name.lowercased() == lowered {
            if let qualifier = loweredQualifier,
                !columns[index].qualifiers.contains(where: { $0.lowercased() == qualifier })
            {
                continue
            }
            found.append(index)
        }
        return found
    }

    /// `candidate == name` for a name of `length` UTF-8 bytes; names of another length (most of a table's
    /// columns) are told apart without the string comparison.
    @inline(__always)
    static func sameName(_ candidate: String, _ name: String, length: Int) -> Bool {
        candidate.utf8.count == length && candidate == name
    }

    func qualifiedName(_ column: PlanColumn) -> String {
        column.qualifiers.first.map { "\($0).\(column.name)" } ?? column.name
    }

    /// Resolves the pending references of a column made outside any scope against the current scope.
    ///
    /// Inlined: nearly every column has nothing pending, and the caller's value is then handed back as it is
    /// (called, the function retained a copy of it to return).
    @inline(__always)
    func resolvePending(_ column: ColumnValue) -> ColumnValue {
        if column.pending.isEmpty || scopes.isEmpty { return column }
        return resolvingPending(column)
    }

    /// ``resolvePending(_:)`` of a column with pending references.
    @inline(never)
    private func resolvingPending(_ column: ColumnValue) -> ColumnValue {
        var resolved = column
        resolved.pending = []
        for pending in column.pending { lookUp(pending.reference, range: pending.range, fixRange: pending.range) }
        if case .column(let reference) = column.expression.unaliased,
            let found = firstMatch(reference, in: scopes[scopes.count - 1].columns).index
        {
            resolved.type = scopes[scopes.count - 1].columns[found].type
        }
        return resolved
    }

    /// Runs `body` with `scope` as the innermost column scope.
    func withScope<Result>(_ scope: Scope, _ body: () -> Result) -> Result {
        pushScope(scope)
        defer { popScope() }
        return body()
    }

    // MARK: - String literal helpers

    /// The bytes inside a string literal's quotes (for ranges of names written in strings).
    func innerRange(of node: SyntaxNode) -> ByteRange {
        let range = node.range
        let bytes = source.bytes
        var start = range.start
        while start < range.end && bytes[start] != 0x22 && bytes[start] != 0x27 { start += 1 }
        guard start < range.end else { return range }
        let quote = bytes[start]
        var quoteLength = 1
        if start + 2 < range.end && bytes[start + 1] == quote && bytes[start + 2] == quote { quoteLength = 3 }
        let innerStart = min(start + quoteLength, range.end)
        var innerEnd = range.end
        if innerEnd - quoteLength >= innerStart && bytes[innerEnd - 1] == quote { innerEnd -= quoteLength }
        return ByteRange(start: innerStart, end: max(innerStart, innerEnd))
    }

    /// The string value of a literal node, or `nil` when the node is not a plain string literal.
    func stringLiteral(_ node: SyntaxNode?) -> String? {
        // Read through the optional, not unwrapped into a copy (a retain and release of the node's tree).
        guard let kind = node?.kind, let index = node?.index else { return nil }
        if kind == .stringLiteral { return plainStringValue(index: index) ?? node.map { tree.stringValue(of: $0) } }
        if kind == .parenthesizedExpression, let inner = node?.firstExpressionChild { return stringLiteral(inner) }
        return nil
    }

    /// The value of the string literal at node `index` when it is one quoted token without escapes, not
    /// triple-quoted (nearly every literal); `nil` otherwise (``SyntaxTree/stringValue(of:)`` then gives it). The
    /// same string as that, read through the binder's source bytes: going through the node's tree retained it
    /// twice and its source's bytes once a literal.
    func plainStringValue(index: Int) -> String? {
        let storage = tree.storage
        let raw = storage.nodes[index]
        guard raw.childCount == 1, case let child = storage.children[Int(raw.childStart)], child < 0 else {
            return nil
        }
        let range = storage.tokens[Int(~child)].range
        let smallASCII = source.smallASCII
        return source.bytes.withUnsafeBufferPointer { bytes -> String? in
            guard range.length >= 2, range.end <= bytes.count else { return nil }
            let quote = bytes[range.start]
            guard quote == 0x22 || quote == 0x27, bytes[range.end - 1] == quote else { return nil }
            if range.length >= 6 && bytes[range.start + 1] == quote && bytes[range.start + 2] == quote { return nil }
            let start = range.start + 1
            let end = range.end - 1
            var position = start
            while position < end {
                if bytes[position] == 0x5C { return nil }
                position += 1
            }
            guard start < end else { return "" }
            return String(databaseText: bytes.baseAddress! + start, count: end - start, smallASCII: smallASCII)
        }
    }
}
