import Testing

@testable import Moltres

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct ParserTests {
    @Test func bindingOfAChain() {
        check(
            "x = db.table(\"t\").where(a, how=\"left\")\n",
            tree: """
                sourceFile 0..<39
                  bindingStatement 0..<39
                    identifier "x" 0..<1
                    equal "=" 2..<3
                    callExpression 4..<38
                      memberAccess 4..<23
                        callExpression 4..<17
                          memberAccess 4..<12
                            nameExpression 4..<6
                              identifier "db" 4..<6
                            dot "." 6..<7
                            identifier "table" 7..<12
                          argumentList 12..<17
                            leftParenthesis "(" 12..<13
                            argument 13..<16
                              stringLiteral 13..<16
                                string "\\"t\\"" 13..<16
                            rightParenthesis ")" 16..<17
                        dot "." 17..<18
                        identifier "where" 18..<23
                      argumentList 23..<38
                        leftParenthesis "(" 23..<24
                        argument 24..<25
                          nameExpression 24..<25
                            identifier "a" 24..<25
                        comma "," 25..<26
                        argument 27..<37
                          identifier "how" 27..<30
                          equal "=" 30..<31
                          stringLiteral 31..<37
                            string "\\"left\\"" 31..<37
                        rightParenthesis ")" 37..<38
                    newline "\\n" 38..<39
                  endOfFile "" 39..<39

                """)
    }

    /// Operator precedence, printed as fully parenthesized expressions.
    @Test(arguments: [
        ("a | b & c", "(a | (b & c))"),
        ("a & b | c", "((a & b) | c)"),
        ("~a == b", "((~a) == b)"),
        ("(a > 1) & (b < 2)", "(((a > 1)) & ((b < 2)))"),
        ("a + b * c", "(a + (b * c))"),
        ("a - b - c", "((a - b) - c)"),
        ("-a ** b", "(-(a ** b))"),
        ("a ** b ** c", "(a ** (b ** c))"),
        ("a ** -b", "(a ** (-b))"),
        ("a // b % c", "((a // b) % c)"),
        ("a == b | c", "(a == (b | c))"),
        ("- - a", "(-(-a))"),
        ("a.b(c)[d].e", "a.b(c)[d].e"),
        ("a + b.c * 2", "(a + (b.c * 2))"),
        ("a << b + c", "(a << (b + c))"),
        ("a ^ b | c", "((a ^ b) | c)"),
    ])
    func precedence(input: String, expected: String) {
        let tree = SyntaxTestSupport.parseChecked(input + "\n")
        #expect(tree.diagnostics.isEmpty)
        let expression = tree.root.statements.first?.as(ExpressionStatement.self)?.expression
        #expect(expression.map(parenthesized) == expected)
    }

    @Test func literalsAndCollections() {
        let tree = SyntaxTestSupport.parseChecked(
            "x = [1, 2.5, \"s\" 't', True, None, (), (1,), (1, 2), {\"k\": v, **d}, {}, [],]\n")
        #expect(tree.diagnostics.isEmpty)
        let list = tree.root.statements.first?.as(BindingStatement.self)?.value?.as(CollectionExpression.self)
        #expect(
            list?.elements.map(\.kind) == [
                .integerLiteral, .floatLiteral, .stringLiteral, .booleanLiteral, .noneLiteral, .tupleExpression,
                .tupleExpression, .tupleExpression, .dictExpression, .dictExpression, .listExpression,
            ])
        let elements = list?.elements ?? []
        #expect(elements[0].as(IntegerLiteral.self)?.value == 1)
        #expect(elements[1].as(FloatLiteral.self)?.value == 2.5)
        #expect(elements[2].as(StringLiteral.self)?.value == "st")
        #expect(elements[3].as(BooleanLiteral.self)?.value == true)
        #expect(elements[6].as(CollectionExpression.self)?.elements.count == 1)
        let dict = elements[8].as(CollectionExpression.self)
        #expect(dict?.entries.count == 2)
        #expect(dict?.entries.first?.key?.as(StringLiteral.self)?.value == "k")
        #expect(dict?.entries.last?.key == nil)
    }

    @Test func integerValues() {
        for (text, value) in [("0x1F", 31), ("0o17", 15), ("0b101", 5), ("1_000", 1000)] {
            let tree = SyntaxTestSupport.parseChecked("x = \(text)\n")
            #expect(
                tree.root.statements.first?.as(BindingStatement.self)?.value?.as(IntegerLiteral.self)?.value == value)
        }
    }

    @Test func importsAndWith() {
        let text = """
            import moltres as m, os.path
            from moltres.expressions import functions as F, col
            from . import (a,
                b)
            from x import *
            with db.transaction(savepoint=True) as txn:
                y = 1

                txn.commit()
            z = 2

            """
        let tree = SyntaxTestSupport.parseChecked(text)
        #expect(tree.diagnostics.isEmpty, "\(tree.diagnostics)")
        let statements = tree.root.statements
        #expect(
            statements.map(\.kind) == [
                .importStatement, .fromImportStatement, .fromImportStatement, .fromImportStatement, .withStatement,
                .bindingStatement,
            ])
        let plain = statements[0].as(ImportStatement.self)
        #expect(plain?.names.map(\.boundName) == ["m", "os.path"])
        let from = statements[1].as(FromImportStatement.self)
        #expect(from?.module == "moltres.expressions")
        #expect(from?.names.map(\.boundName) == ["F", "col"])
        #expect(statements[3].as(FromImportStatement.self)?.importsEverything == true)
        let with = statements[4].as(WithStatement.self)
        #expect(with?.alias == "txn")
        #expect(with?.context?.as(CallExpression.self)?.calleeName == "transaction")
        #expect(with?.statements.map(\.kind) == [.bindingStatement, .expressionStatement])
        #expect(statements[5].as(BindingStatement.self)?.name == "z")
    }

    @Test func withOnOneLine() {
        let tree = SyntaxTestSupport.parseChecked("with db.transaction() as t: t.commit()\nx = 1\n")
        #expect(tree.diagnostics.isEmpty)
        #expect(tree.root.statements.first?.as(WithStatement.self)?.statements.count == 1)
        #expect(tree.root.statements.count == 2)
    }

    @Test func accessors() {
        let tree = SyntaxTestSupport.parseChecked("r = F.sum(col(\"a\"), *cols, key=1, **opts).alias(\"t\")[0]\n")
        let binding = tree.root.statements.first?.as(BindingStatement.self)
        #expect(binding?.name == "r")
        let subscriptNode = binding?.value?.as(SubscriptExpression.self)
        #expect(subscriptNode?.index?.as(IntegerLiteral.self)?.value == 0)
        let alias = subscriptNode?.base?.as(CallExpression.self)
        #expect(alias?.calleeName == "alias")
        let member = alias?.callee?.as(MemberAccess.self)
        #expect(member?.name == "alias")
        let sum = member?.base?.as(CallExpression.self)
        #expect(sum?.calleeName == "sum")
        #expect(sum?.arguments.count == 4)
        #expect(sum?.arguments.map(\.label) == [nil, nil, "key", nil])
        #expect(sum?.arguments.map { $0.starToken?.text } == [nil, "*", nil, "**"])
        #expect(sum?.argument(labelled: "key")?.value?.as(IntegerLiteral.self)?.value == 1)
        #expect(sum?.positionalArguments.count == 1)
        #expect(sum?.rightParenthesis != nil)
        let comparison = SyntaxTestSupport.parseChecked("a >= b\n").root.statements.first?.as(ExpressionStatement.self)?
            .expression?.as(BinaryExpression.self)
        #expect(comparison?.operator == .greaterOrEqual && comparison?.isComparison == true)
        let negation = SyntaxTestSupport.parseChecked("~a\n").root.statements.first?.as(ExpressionStatement.self)?
            .expression?.as(UnaryExpression.self)
        #expect(negation?.operator == .invert && negation?.operand?.as(NameExpression.self)?.name == "a")
    }

    @Test func halfTypedCodeStillHasAShape() {
        // The accessors answer on input that is still being typed.
        let tree = SyntaxTestSupport.parseChecked("x = db.\ny = db.table(\"t\").where(col(\n")
        let first = tree.root.statements[0].as(BindingStatement.self)
        let member = first?.value?.as(MemberAccess.self)
        #expect(member?.base?.as(NameExpression.self)?.name == "db")
        #expect(member?.name == nil && member?.dotToken != nil)
        let second = tree.root.statements[1].as(BindingStatement.self)
        let whereCall = second?.value?.as(CallExpression.self)
        #expect(whereCall?.calleeName == "where")
        #expect(whereCall?.rightParenthesis == nil)
        #expect(whereCall?.arguments.first?.value?.as(CallExpression.self)?.calleeName == "col")
        let emptyValue = SyntaxTestSupport.parseChecked("x = \n").root.statements.first?.as(BindingStatement.self)
        #expect(emptyValue?.value?.kind == .missingExpression)
    }

    /// The parser's shortcuts for common shapes stand in for the general path; on any input they must make
    /// exactly its nodes (kinds, ranges, children in the same order) and diagnostics.
    @Test func theFastPathsMakeWhatTheGeneralPathMakes() {
        /// Each node's kind, ranges and child list, and the child list itself.
        func layout(_ storage: SyntaxStorage) -> (nodes: [[Int]], children: [Int32]) {
            let nodes = storage.nodes.indices.map { index in
                let node = storage.nodes[index]
                return [Int(node.kind.rawValue), node.fullStart, node.start, node.end]
                    + [Int(node.childStart), Int(node.childCount)]
            }
            return (nodes, storage.children.indices.map { storage.children[$0] })
        }
        func compare(_ source: SourceText, nestingLimit: Int = Parser.defaultNestingLimit) -> Bool {
            let fast = parse(source, nestingLimit: nestingLimit, fastPaths: true)
            let general = parse(source, nestingLimit: nestingLimit, fastPaths: false)
            let fastLayout = layout(fast.tree.storage)
            let generalLayout = layout(general.tree.storage)
            return fastLayout.nodes == generalLayout.nodes && fastLayout.children == generalLayout.children
                && fast.tree.storage.rootIndex == general.tree.storage.rootIndex
                && fast.diagnostics == general.diagnostics
                && fast.tree.dump(includeTrivia: true) == general.tree.dump(includeTrivia: true)
        }
        // Pieces around the call shapes: calls with no, one and several values of every literal kind, keywords,
        // stars, unclosed and mismatched brackets, adjacent strings, errors and line ends.
        let pieces = [
            "f", "db", "col", "x", "(", ")", "()", "(\"a\")", "(1)", "(2.5)", "(True)", "(None)", "(x)", "(x,)",
            "(\"a\" \"b\")", "(*x)", "(k=1)", ".", ".name", ",", "=", "==", ">", "+", "-", "*", "**", "[", "]",
            "{", "}", ":", "\"s\"", "1", "1.5", "False", "None", "not", "in", "is", "lambda", "if", "else", "await",
            " ", "\n", "\n    ", "#c\n", "\\\n", "$", "@", "\u{0}", "x = ", "import y\n",
            // The flat path's shapes: operators of every precedence, lists, parentheses, tuples, keyword values,
            // nested calls and chains, and what it leaves to the general path.
            "&", "|", "^", "<", "<=", "!=", "%", "//", "<<", ":=", "and", "or", "~", "k=", ",)", "[x]", "[1, 2,]",
            "(a > 1)", "(a, b)", "()", "f(x, k=y)", " + ", ".alias(\"n\")", "F.sum(col(\"x\"))", "f(g(x) > 1)",
            "a * b + c", "x.y(", "[", "(a) & (b)", "{1: 2}", "x[0]", "{k: f(v), \"s\": [1]}", "{**m}", "{a: 1,}",
        ]
        let inputs = SyntaxTestSupport.differentialInputs(cutEvery: 3, pieces: pieces, seed: 0x7061_7273_65)
        for (source, label) in inputs {
            guard compare(source) else {
                Issue.record("the parser's fast paths differ from the general path on \(label)")
                return
            }
            // A small nesting limit: the shortcut must leave a call at the limit to the general path.
            guard compare(source, nestingLimit: 2) else {
                Issue.record("the parser's fast paths differ from the general path on \(label), nesting limit 2")
                return
            }
        }
        // Calls nested past the default limit: the list at the limit is reported, not made in one step.
        let deep = String(repeating: "f(", count: 300) + "x" + String(repeating: ")", count: 300) + "\n"
        #expect(compare(SourceText(deep)), "300 nested calls")
        #expect(inputs.count > 6000)
    }

    /// The parser's buffers start in the token array's room past its tokens (no allocation of their own) for any
    /// file, the densest ones included, and the tree read from them is the general path's.
    @Test func theParserBuffersStartInTheTokenArray() {
        let sources = [
            "", "\n", "x", String(repeating: "(", count: 300), String(repeating: "a,", count: 500),
            String(repeating: "[1]+", count: 200) + "0\n", "  x\n" + String(repeating: ".f()", count: 100),
            "r = db.table(\"orders\").where(col(\"amount\") > 100).limit(10)\n",
        ]
        for text in sources {
            let source = SourceText(text)
            let (tokens, _, spare, spareBytes) = Lexer.tokenize(
                source, commonTokenLoop: true, spareBytesPerToken: Parser.bufferBytesPerToken,
                spareBytesFixed: Parser.bufferBytesFixed)
            let blockOwned = tokens.withUnsafeBufferPointer { buffer in
                #expect(UnsafeMutableRawPointer(mutating: buffer.baseAddress! + buffer.count) == spare)
                let parser = Parser(
                    tokens: tokens, tokenBuffer: buffer, bytes: source.bytes,
                    nestingLimit: Parser.defaultNestingLimit, spare: spare, spareBytes: spareBytes)
                #expect(parser.block == spare)
                parser.nodes.deallocate()
                parser.children.deallocate()
                parser.deallocateWorkingBuffers()
                return parser.blockOwned
            }
            #expect(!blockOwned, "\(text.prefix(20))")
            let fast = parse(source, nestingLimit: Parser.defaultNestingLimit, fastPaths: true).tree.storage
            let general = parse(source, nestingLimit: Parser.defaultNestingLimit, fastPaths: false).tree.storage
            #expect(fast.nodes.array.map(\.end) == general.nodes.array.map(\.end))
            #expect(fast.children.array == general.children.array)
            #expect(fast.tokens == general.tokens)
        }
    }

    /// The flat path grows the node, child and stack buffers it writes through when the room runs out (the parser
    /// reserves enough for it on its own, so the buffers are replaced by the smallest ones here, both buffers of
    /// their own, grown with `realloc`, and parts of a larger allocation, as the parser's own buffers start, which
    /// move to memory of their own); the tree must be the general path's.
    @Test(arguments: [false, true]) func theFlatPathGrowsTheBuffersItWritesThrough(inBlock: Bool) {
        let source = SourceText(
            "result = db.table(\"orders\").where((col(\"a\") > 1) & (col(\"b\") != [1, 2, {\"k\": x}]))"
                + ".agg(F.sum(col(\"c\")).alias(\"t\"), n=F.count(\"*\")).limit(10)\n")
        func row(_ node: RawNode) -> [Int] {
            [Int(node.kind.rawValue), node.fullStart, node.start, node.end, Int(node.childStart), Int(node.childCount)]
        }
        let (tokens, _) = Lexer.tokenize(source)
        let (nodes, children, retryFrom, capacity, owned) = tokens.withUnsafeBufferPointer { buffer in
            var parser = Parser(
                tokens: tokens, tokenBuffer: buffer, bytes: source.bytes, nestingLimit: Parser.defaultNestingLimit)
            #expect(!parser.nodes.owned && !parser.children.owned && !parser.stack.owned)
            let testBlock = malloc(8 * (MemoryLayout<RawNode>.stride + 8))!
            if inBlock {
                parser.nodes = ParserBuffer(in: testBlock, capacity: 8)
                parser.children = ParserBuffer(in: testBlock + 8 * MemoryLayout<RawNode>.stride, capacity: 8)
                parser.stack = ParserBuffer(in: testBlock + 8 * MemoryLayout<RawNode>.stride + 32, capacity: 8)
            } else {
                parser.nodes = ParserBuffer(capacity: 1)
                parser.children = ParserBuffer(capacity: 1)
                parser.stack = ParserBuffer(capacity: 1)
            }
            parser.parseFile()
            let result = (
                (0..<parser.nodes.count).map { row(parser.nodes[$0]) }, parser.children.array, parser.flatRetryFrom,
                parser.nodes.allocatedCapacity, parser.nodes.owned && parser.children.owned && parser.stack.owned
            )
            parser.nodes.deallocate()
            parser.children.deallocate()
            parser.deallocateWorkingBuffers()
            free(testBlock)
            free(parser.block)
            return result
        }
        let general = parse(source, nestingLimit: Parser.defaultNestingLimit, fastPaths: false).tree.storage
        // The flat path took the whole expression (it never stopped) and grew the buffers into memory of their own.
        #expect(retryFrom == 0)
        #expect(capacity >= nodes.count && capacity > 8)
        #expect(owned)
        #expect(nodes == general.nodes.indices.map { row(general.nodes[$0]) })
        #expect(children == general.children.indices.map { general.children[$0] })
    }
}

/// The expression with every binary and unary operation in parentheses, for precedence tests.
func parenthesized(_ node: SyntaxNode) -> String {
    if let binary = node.as(BinaryExpression.self), let left = binary.left, let right = binary.right {
        return
            "(\(parenthesized(left)) \(binary.operatorTokens.map(\.text).joined(separator: " ")) \(parenthesized(right)))"
    }
    if let unary = node.as(UnaryExpression.self), let operand = unary.operand {
        return "(\(unary.operatorToken?.text ?? "")\(parenthesized(operand)))"
    }
    if let inner = node.as(ParenthesizedExpression.self)?.expression { return "(\(parenthesized(inner)))" }
    return node.text
}
