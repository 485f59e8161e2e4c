import Testing

@testable import Moltres

/// Queries by position, as completion and hover use them. `|` marks the cursor in each input.
@Suite struct NavigationTests {
    /// Parses `marked` with its `|` removed and returns the tree and the cursor's byte offset.
    func cursor(_ marked: String) -> (SyntaxTree, Int) {
        let offset = marked.utf8.firstIndex(of: UInt8(ascii: "|")).map {
            marked.utf8.distance(from: marked.utf8.startIndex, to: $0)
        }!
        let text = marked.replacingOccurrences(of: "|", with: "")
        return (parse(text).tree, offset)
    }

    @Test(arguments: [
        ("x = db.ta|ble(\"t\")\n", SyntaxKind.memberAccess, "db.table"),
        ("x = db.table(\"|t\")\n", .stringLiteral, "\"t\""),
        ("x = col(\"a\") > |1\n", .integerLiteral, "1"),
        ("x = db.|\n", .memberAccess, "db."),
        ("x = |\n", .missingExpression, ""),
        ("x = f(a, |)\n", .argumentList, "(a, )"),
    ])
    func innermostNode(marked: String, kind: SyntaxKind, text: String) {
        let (tree, offset) = cursor(marked)
        let node = tree.innermostNode(at: offset)
        #expect(node.kind == kind, "\(node)")
        #expect(node.text == text)
    }

    @Test func tokenAtAndBeforeAnOffset() {
        let (tree, offset) = cursor("x = db.table(\"t\").|\ny = 1\n")
        #expect(tree.token(at: offset).kind == .newline)
        #expect(tree.token(before: offset)?.kind == .dot)
        #expect(tree.token(at: 0).text == "x")
        #expect(tree.token(at: 10_000).kind == .endOfFile)
        #expect(tree.token(at: 3).text == "db", "trivia belongs to the next token")
    }

    @Test func statementContainingAnOffset() {
        let (tree, offset) = cursor("a = 1\nwith db.transaction() as t:\n    b = t.sa|vepoint()\nc = 2\n")
        let statement = tree.statement(containing: offset)
        #expect(statement?.as(BindingStatement.self)?.name == "b")
        #expect(statement?.ancestors.map(\.kind) == [.block, .withStatement, .sourceFile])
        #expect(tree.statement(containing: 0)?.as(BindingStatement.self)?.name == "a")
    }

    @Test func methodChainSteps() {
        let (tree, offset) = cursor("q = db.table(\"t\").where(col(\"a\") > 1).sel|ect(\"a\", \"b\").limit(5)\n")
        let node = tree.innermostNode(at: offset)
        let chain = MethodChain(containing: node)
        #expect(chain?.root.as(NameExpression.self)?.name == "db")
        #expect(chain?.steps.map(\.name) == ["table", "where", "select", "limit"])
        #expect(chain?.steps.map { $0.arguments.count } == [1, 1, 2, 1])
        #expect(chain?.stepIndex(at: offset) == 2)
        let select = chain?.steps[2]
        #expect(select.flatMap { $0.argumentsRange.map { tree.source.text(in: $0) } } == "(\"a\", \"b\")")
        #expect(select.map { tree.source.text(in: $0.range) } == ".select(\"a\", \"b\")")
    }

    @Test func chainInsideAnArgumentIsItsOwnChain() {
        let (tree, offset) = cursor("q = t.where(col(\"a\").is_n|ull())\n")
        let chain = MethodChain(containing: tree.innermostNode(at: offset))
        #expect(chain?.root.as(NameExpression.self)?.name == "col")
        #expect(chain?.steps.map(\.name) == [nil, "is_null"])
    }

    @Test func halfTypedChain() {
        let (tree, offset) = cursor("q = db.table(\"t\").|\n")
        let chain = MethodChain(containing: tree.innermostNode(at: offset))
        #expect(chain?.steps.map(\.name) == ["table", nil])
        #expect(chain?.steps.last?.memberAccess != nil)
    }
}
