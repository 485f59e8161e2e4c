/// The parameters of a method or function of the API: what arguments a call may pass.
///
/// A class, so that looking one up in a table and passing it around retains one reference instead of copying
/// its arrays and dictionary.
final class Signature: Sendable {
    /// The positional-or-keyword parameters, in order (snake_case).
    let parameters: [String]
    /// How many leading parameters are required.
    let minimum: Int
    /// Whether the last parameter takes any number of positional arguments (`*cols`).
    let variadic: Bool
    /// Keyword-only parameters.
    let keywords: [String]
    /// Whether any keyword is accepted (`**params`, `**options`).
    let anyKeywords: Bool
    /// Keywords whose string value must be one of a set (`how`).
    let enumerated: [String: [String]]
    /// Every keyword name the call accepts.
    let keywordNames: [String]
    /// The most positional arguments a call may pass (`Int.max` when variadic): with ``minimum``, the one range
    /// an all-positional call's count is compared with.
    let positionalLimit: Int
    /// Whether ``enumerated`` has entries (read without touching the dictionary).
    let hasEnumerated: Bool

    init(
        _ parameters: [String] = [], minimum: Int? = nil, variadic: Bool = false, keywords: [String] = [],
        anyKeywords: Bool = false, enumerated: [String: [String]] = [:]
    ) {
        self.parameters = parameters
        self.minimum = minimum ?? (variadic ? 0 : parameters.count)
        self.variadic = variadic
        self.keywords = keywords
        self.anyKeywords = anyKeywords
        self.enumerated = enumerated
        self.keywordNames = (variadic ? Array(parameters.dropLast()) : parameters) + keywords
        self.positionalLimit = variadic ? Int.max : parameters.count
        self.hasEnumerated = !enumerated.isEmpty
    }

    /// Whether `name` is one of ``keywordNames``; names of another length are told apart without comparing
    /// the strings (`Array.contains` compares every one).
    func acceptsKeyword(_ name: String) -> Bool {
        let length = name.utf8.count
        for keyword in keywordNames where keyword.utf8.count == length && keyword == name { return true }
        return false
    }

    /// The text shown in arity messages: `join(other, on=None, how="inner")`.
    func display(_ name: String) -> String {
        var parts: [String] = []
        for (index, parameter) in parameters.enumerated() {
            if variadic && index == parameters.count - 1 {
                parts.append("*\(parameter)")
            } else {
                parts.append(index < minimum ? parameter : "\(parameter)=…")
            }
        }
        parts += keywords.map { "\($0)=…" }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }
}

/// Keyword arguments by name: a small list, cheaper than a dictionary for the few a call has.
///
/// `nil` until the first keyword: most calls have none, and an optional array costs nothing to copy or destroy
/// then, where the empty array is retained and released like any other.
struct KeywordArguments {
    private var entries: [(String, SyntaxNode)]?

    subscript(_ name: String) -> SyntaxNode? {
        get { entries?.first { $0.0 == name }?.1 }
        set {
            if let index = entries?.firstIndex(where: { $0.0 == name }) {
                if let newValue { entries?[index].1 = newValue } else { entries?.remove(at: index) }
            } else if let newValue {
                append(name, newValue)
            }
        }
    }

    /// Adds `name`, which the caller has found absent (the setter looks for it first).
    mutating func append(_ name: String, _ node: SyntaxNode) {
        if entries == nil {
            // Room for a second keyword (`on=`, `how=`): appending it to an array of one reallocated it.
            var first: [(String, SyntaxNode)] = []
            first.reserveCapacity(4)
            first.append((name, node))
            entries = first
        } else {
            entries?.append((name, node))
        }
    }

    /// The names, in call order.
    var keys: [String] { entries?.map(\.0) ?? [] }
    /// The values, in call order.
    var values: [SyntaxNode] { entries?.map(\.1) ?? [] }
    /// Whether there are none.
    var isEmpty: Bool { entries?.isEmpty ?? true }
    /// The name/value pairs, in call order.
    var pairs: [(String, SyntaxNode)] { entries ?? [] }
}

/// The positional arguments of a call as node indices: the first eight (nearly every call) inline, any more in
/// an array, so that binding a call's arguments allocates nothing and retains nothing per argument; a
/// ``SyntaxNode`` is made for each one read.
///
/// The tree's storage is held `unowned(unsafe)`: arguments live only while the binder that made them binds the
/// call, and the binder holds the tree. (A strong reference made every copy of ``Arguments`` three retains: the
/// value returned by `bindArguments` was copied and the original destroyed, about 200 instructions a call.)
struct PositionalArguments: RandomAccessCollection {
    typealias Index = Int
    typealias Element = SyntaxNode

    private unowned(unsafe) let storage: SyntaxStorage
    private var inline: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// The ninth argument on, if any (`nil` costs nothing to copy or destroy; an empty array is retained).
    private var overflow: [Int32]?
    private(set) var count = 0

    init(tree: SyntaxTree) { self.storage = tree.storage }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    @inline(__always) func index(after index: Int) -> Int { index + 1 }
    @inline(__always) func index(before index: Int) -> Int { index - 1 }

    /// The node index of the argument at `position`.
    @inline(__always)
    func nodeIndex(at position: Int) -> Int {
        precondition(position >= 0 && position < count, "positional argument out of range")
        if position >= 8 { return Int(overflow![position - 8]) }
        return withUnsafeBytes(of: inline) { Int($0.load(fromByteOffset: position &* 4, as: Int32.self)) }
    }

    subscript(position: Int) -> SyntaxNode {
        SyntaxNode(tree: SyntaxTree(storage: storage), index: nodeIndex(at: position))
    }

    /// Adds the argument whose value is node `index`.
    @inline(__always)
    mutating func append(nodeIndex index: Int) {
        let position = count
        if position < 8 {
            withUnsafeMutableBytes(of: &inline) {
                $0.storeBytes(of: Int32(truncatingIfNeeded: index), toByteOffset: position &* 4, as: Int32.self)
            }
        } else if overflow == nil {
            overflow = [Int32(truncatingIfNeeded: index)]
        } else {
            overflow?.append(Int32(truncatingIfNeeded: index))
        }
        count = position + 1
    }

    /// The arguments as an array of nodes.
    var nodes: [SyntaxNode] { Array(self) }
}

/// The arguments of one call, matched to a signature.
struct Arguments {
    /// The positional arguments' values, in order.
    var positional: PositionalArguments
    /// The keyword arguments' values by (snake_case) name.
    var named = KeywordArguments()
    /// The range of the argument list (or of the callee, without one).
    var range: ByteRange
    /// Whether a `*args`/`**kwargs` spread makes the count unknown.
    var hasSpread = false

    /// The argument for parameter `name` at position `index`: the keyword argument, else the positional one.
    func value(_ name: String, _ index: Int? = nil) -> SyntaxNode? {
        if let node = named[name] { return node }
        if let index, index < positional.count { return positional[index] }
        return nil
    }

    /// The positional arguments from `index` on (a variadic parameter).
    func rest(from index: Int) -> [SyntaxNode] { index < positional.count ? Array(positional[index...]) : [] }

    init(tree: SyntaxTree, range: ByteRange) {
        self.positional = PositionalArguments(tree: tree)
        self.range = range
    }
}

extension Binder {
    /// Matches the arguments of `call` to `signature`, reporting unknown keywords, duplicates, wrong counts and
    /// bad enumerated values; `name` is the method as the user wrote it.
    func bindArguments(
        _ call: CallExpression?, _ signature: Signature, name: String, calleeRange: ByteRange
    )
        -> Arguments
    {
        // The argument list by index: a `SyntaxNode` (a retain of the tree) for it is never needed.
        let storage = tree.storage
        let listIndex = call.map { storage.firstChild(of: $0.node.index, kind: .argumentList) } ?? -1
        let list = listIndex >= 0 ? storage.nodes[listIndex] : nil
        var arguments = Arguments(
            tree: tree, range: list.map { ByteRange(start: $0.start, end: $0.end) } ?? calleeRange)
        guard let call, let list else { return arguments }
        recordCallSite(
            CallSiteRecord(
                range: arguments.range, name: name, keywords: signature.keywordNames,
                enumerated: signature.enumerated,
                positionalCount: signature.keywordNames.count - signature.keywords.count
            ))
        // The common case first: every argument a lone positional value (`argument` with one expression child).
        // No label or spread to look for, and the count compared with one range; the first argument of another
        // shape hands over to the general loop below at that point, with the state it would have reached.
        var position = Int(list.childStart)
        let end = position + Int(list.childCount)
        let nodes = storage.nodes
        let children = storage.children
        while position < end && usesFastPaths {
            let child = children[position]
            if child < 0 {
                position += 1
                continue
            }
            let argument = nodes[Int(child)]
            guard argument.kind == .argument else {
                position += 1
                continue
            }
            guard argument.childCount == 1, case let value = children[Int(argument.childStart)], value >= 0,
                nodes[Int(value)].kind.isExpression
            else { break }
            arguments.positional.append(nodeIndex: Int(value))
            position += 1
        }
        if position == end {
            let count = arguments.positional.count
            if count < signature.minimum || count > signature.positionalLimit {
                checkCount(arguments, signature, name: name, call: call)
            }
            if signature.hasEnumerated { checkEnumeratedValues(arguments, signature, name: name) }
            return consume arguments
        }
        bindGeneralArguments(from: position, end: end, into: &arguments, signature, name: name)
        checkCount(arguments, signature, name: name, call: call)
        if signature.hasEnumerated { checkEnumeratedValues(arguments, signature, name: name) }
        return consume arguments
    }

    /// The general loop of ``bindArguments(_:_:name:calleeRange:)``, from the first argument that is not a lone
    /// positional value: labels, spreads and positional arguments after keywords.
    @inline(never)
    private func bindGeneralArguments(
        from start: Int, end: Int, into arguments: inout Arguments, _ signature: Signature, name: String
    ) {
        let storage = tree.storage
        var sawKeyword = false
        var position = start
        while position < end {
            let child = storage.children[position]
            position += 1
            guard child >= 0 && storage.nodes[Int(child)].kind == .argument else { continue }
            let (labelIndex, isSpread, valueIndex) = storage.argumentParts(of: Int(child))
            guard valueIndex >= 0 else { continue }
            if labelIndex >= 0 || isSpread {
                if !isSpread { sawKeyword = true }
                bindKeywordOrSpread(
                    labelIndex: labelIndex, isSpread: isSpread, valueIndex: valueIndex, into: &arguments,
                    signature, name: name)
                continue
            }
            if sawKeyword { reportPositionalAfterKeyword(SyntaxNode(tree: tree, index: valueIndex)) }
            arguments.positional.append(nodeIndex: valueIndex)
        }
    }

    /// A keyword argument (`how="left"`) or a spread (`*cols`, `**options`) of ``bindArguments(_:_:name:calleeRange:)``.
    @inline(never)
    private func bindKeywordOrSpread(
        labelIndex: Int, isSpread: Bool, valueIndex: Int, into arguments: inout Arguments, _ signature: Signature,
        name: String
    ) {
        let value = SyntaxNode(tree: tree, index: valueIndex)
        if isSpread {
            arguments.hasSpread = true
            _ = evaluate(value)
            return
        }
        let labelToken = SyntaxToken(tree: tree, index: labelIndex)
        let label = snakeCase(labelToken.text)
        let accepted = signature.acceptsKeyword(label)
        if !accepted && !signature.anyKeywords {
            reportUnknown(
                .unknownKeywordArgument, labelToken.range,
                "\(name)() has no keyword argument '\(labelToken.text)'"
                    + (signature.keywordNames.isEmpty
                        ? ""
                        : " (it takes " + signature.keywordNames.map { "\($0)=" }.joined(separator: ", ") + ")"),
                name: label, candidates: signature.keywordNames)
            _ = evaluate(value)
            return
        }
        if arguments.named[label] != nil {
            report(.unknownKeywordArgument, labelToken.range, "\(name)() got '\(label)' twice")
            return
        }
        if let index = signature.parameters.firstIndex(of: label), index < arguments.positional.count,
            !(signature.variadic && index == signature.parameters.count - 1)
        {
            report(
                .unknownKeywordArgument, labelToken.range,
                "\(name)() got '\(label)' both by position and by keyword")
            return
        }
        arguments.named.append(label, value)
    }

    /// A positional argument after a keyword one: the parser accepts it; Python does not.
    @inline(never)
    private func reportPositionalAfterKeyword(_ value: SyntaxNode) {
        report(.invalidUse, value.range, "a positional argument cannot follow keyword arguments")
    }

    /// Checks the string values of enumerated keywords (`how="left"`).
    @inline(never)
    private func checkEnumeratedValues(_ arguments: Arguments, _ signature: Signature, name: String) {
        for (keyword, values) in signature.enumerated {
            let index = signature.parameters.firstIndex(of: keyword)
            guard let node = arguments.value(keyword, index), let text = stringLiteral(node) else { continue }
            let lowered = text.lowercasedASCIIFast
            let length = lowered.utf8.count
            if !values.contains(where: { $0.utf8.count == length && $0 == lowered }) {
                let inner = innerRange(of: node)
                let suggestions = closestNames(to: text, in: values)
                report(
                    .invalidEnumeratedValue, node.range,
                    "\(keyword)=\"\(text)\" is not valid for \(name)(); use one of "
                        + values.map { "\"\($0)\"" }.joined(separator: ", "),
                    fixes: suggestions.map {
                        Fix(title: "Replace with \"\($0)\"", edits: [TextEdit(range: inner, newText: $0)])
                    })
            }
        }
    }

    private func checkCount(_ arguments: Arguments, _ signature: Signature, name: String, call: CallExpression) {
        guard !arguments.hasSpread else { return }
        let positionalLimit = signature.parameters.count
        if !signature.variadic && arguments.positional.count > positionalLimit {
            let extra = arguments.positional[positionalLimit...]
            let range = extra.first!.range.union(extra.last!.range)
            report(
                .wrongArity, range,
                "\(name)() takes \(positionalLimit == 0 ? "no" : "at most \(positionalLimit)") positional argument\(positionalLimit == 1 ? "" : "s"), got \(arguments.positional.count): \(signature.display(name))"
            )
            return
        }
        // Every required parameter has a positional argument (nearly every call): nothing is missing.
        if arguments.positional.count >= signature.minimum { return }
        var missing: [String] = []
        for index in 0..<min(signature.minimum, signature.parameters.count) {
            let parameter = signature.parameters[index]
            let isVariadic = signature.variadic && index == signature.parameters.count - 1
            if isVariadic {
                if arguments.positional.count <= index { missing.append("*\(parameter)") }
            } else if index >= arguments.positional.count && arguments.named[parameter] == nil {
                missing.append(parameter)
            }
        }
        if !missing.isEmpty {
            let range = call.rightParenthesis?.range ?? call.argumentList?.range ?? call.range
            report(
                .wrongArity, range,
                "\(name)() is missing \(missing.count == 1 ? "an argument" : "arguments"): "
                    + missing.map { "'\($0)'" }.joined(separator: ", ") + " — \(signature.display(name))")
        }
    }
}
