import Testing

@testable import Moltres

/// One typo, one diagnostic: each case lists exactly the codes it must produce, and the statement after the typo
/// must parse normally.
@Suite struct RecoveryTests {
    @Test(arguments: [
        ("x = f(1, 2\ny = 3\n", [DiagnosticCode.missingClosingBracket]),
        ("x = f(1, 2]\ny = 3\n", [.missingClosingBracket]),
        ("x = [1, 2\ny = 3\n", [.missingClosingBracket]),
        ("x = {\"a\": 1\ny = 3\n", [.missingClosingBracket]),
        ("x = f(g(h(1)\ny = 3\n", [.missingClosingBracket]),
        ("x = f(1 2 3 4)\ny = 3\n", [.expectedToken]),
        ("x = f(1, , 2)\ny = 3\n", [.expectedExpression]),
        ("x = \ny = 3\n", [.expectedExpression]),
        ("x = 1 +\ny = 3\n", [.expectedExpression]),
        ("x = db.\ny = 3\n", [.expectedToken]),
        ("x = a b c\ny = 3\n", [.unexpectedToken]),
        ("x = a)\ny = 3\n", [.unexpectedToken]),
        (")\ny = 3\n", [.unexpectedToken]),
        ("x = f(a $ b)\ny = 3\n", [.invalidCharacter]),
        ("x = $\ny = 3\n", [.invalidCharacter]),
        ("x = \"abc\ny = 3\n", [.unterminatedString]),
        ("x = f(1, = 2)\ny = 3\n", [.unexpectedToken]),
        ("x = 1\n    y = 3\nz = 4\n", [.indentation]),
        ("with db.transaction() as t\n    t.commit()\ny = 3\n", [.expectedToken]),
        ("with db.transaction() as t:\nt.commit()\ny = 3\n", [.indentation]),
        ("x = 1; y = 3\n", [.unexpectedToken]),
        ("x = (1 +)\ny = 3\n", [.expectedExpression]),
        ("x = f(a=)\ny = 3\n", [.expectedExpression]),
        ("x = {1 2}\ny = 3\n", [.expectedToken]),
        ("x = a[]\ny = 3\n", [.expectedExpression]),
        ("x = 0x\ny = 3\n", [.invalidNumber]),
        ("x = (\n    db.table(\"t\")\n    .where(a\n)\ny = 3\n", [.missingClosingBracket]),
    ])
    func oneTypoOneDiagnostic(input: String, codes: [DiagnosticCode]) {
        check(input, codes: codes)
        let tree = parse(input).tree
        let last = tree.root.statements.last?.as(BindingStatement.self)
        #expect(last?.name == "y" || last?.name == "z", "the next statement parses: \(tree.dump())")
        #expect(last?.value?.as(IntegerLiteral.self) != nil)
    }

    @Test(arguments: [
        ("def f(x):\n    return x\ny = 3\n", [DiagnosticCode.unsupportedStatement]),
        ("class A:\n    pass\ny = 3\n", [.unsupportedStatement]),
        ("for r in rows:\n    print(r)\nelse:\n    pass\ny = 3\n", [.unsupportedStatement]),
        ("while True:\n    x = 1\ny = 3\n", [.unsupportedStatement]),
        ("if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3\ny = 3\n", [.unsupportedStatement]),
        ("try:\n    x = 1\nexcept E:\n    pass\nfinally:\n    pass\ny = 3\n", [.unsupportedStatement]),
        ("return x\ny = 3\n", [.unsupportedStatement]),
        ("pass\ny = 3\n", [.unsupportedStatement]),
        ("x = lambda r: r + 1\ny = 3\n", [.unsupportedStatement]),
        ("@cache\n@other(1)\ndef f():\n    pass\ny = 3\n", [.decorator]),
        ("x = a and b\ny = 3\n", [.booleanKeyword]),
        ("x = (a > 1) or (b < 2)\ny = 3\n", [.booleanKeyword]),
        ("x = not a\ny = 3\n", [.booleanKeyword]),
        ("x = a in [1, 2]\ny = 3\n", [.membershipOrIdentity]),
        ("x = a not in [1, 2]\ny = 3\n", [.membershipOrIdentity]),
        ("x = a is None\ny = 3\n", [.membershipOrIdentity]),
        ("x = a is not None\ny = 3\n", [.membershipOrIdentity]),
        ("x = 1 < a < 3\ny = 3\n", [.chainedComparison]),
        ("x = a > 1 & b < 2\ny = 3\n", [.chainedComparison]),
        ("x = f\"{a}\"\ny = 3\n", [.formatString]),
        ("x = (z := 1)\ny = 3\n", [.walrus]),
        ("x += 1\ny = 3\n", [.augmentedAssignment]),
        ("df.x = 1\ny = 3\n", [.invalidBindingTarget]),
        ("x = a if b else c\ny = 3\n", [.unsupportedExpression]),
        ("x = [r for r in rows]\ny = 3\n", [.unsupportedExpression]),
        ("x = a[1:2]\ny = 3\n", [.unsupportedExpression]),
    ])
    func pythonConstructsGetOneSpecificDiagnostic(input: String, codes: [DiagnosticCode]) {
        check(input, codes: codes)
        let last = parse(input).tree.root.statements.last?.as(BindingStatement.self)
        #expect(last?.name == "y")
    }

    @Test func messagesSayWhatToWriteInstead() {
        let cases: [(String, String)] = [
            ("x = a and b\n", "`&`"),
            ("x = a or b\n", "`|`"),
            ("x = not a\n", "`~`"),
            ("x = a in b\n", ".isin("),
            ("x = a is None\n", ".is_null()"),
            ("x = a is not None\n", ".is_not_null()"),
            ("x = 1 < a < 3\n", "(a < b) & (b < c)"),
            ("def f():\n    pass\n", "write the pipeline directly"),
            ("x = a if b else c\n", "F.when"),
        ]
        for (input, phrase) in cases {
            let message = parse(input).diagnostics.first?.message ?? ""
            #expect(message.contains(phrase), "\(input): \(message)")
        }
    }

    @Test(arguments: [
        ("x = (a > 1) and (b < 2)\n", "x = (a > 1) & (b < 2)\n"),
        ("x = a > 1 and b < 2\n", "x = (a > 1) & (b < 2)\n"),
        ("x = not a == b\n", "x = ~(a == b)\n"),
        ("x = not a\n", "x = ~a\n"),
        ("x = a in [1, 2]\n", "x = a.isin([1, 2])\n"),
        ("x = a not in [1]\n", "x = ~a.isin([1])\n"),
        ("x = col(\"e\") is None\n", "x = col(\"e\").is_null()\n"),
        ("x = col(\"e\") is not None\n", "x = col(\"e\").is_not_null()\n"),
        ("x += 1\n", "x = x + 1\n"),
        ("x = f(1, 2\n", "x = f(1, 2)\n"),
        ("with a as b\n    c\n", "with a as b:\n    c\n"),
        ("x = f(1 2)\n", "x = f(1, 2)\n"),
    ])
    func fixesProduceValidCode(input: String, fixed: String) {
        let diagnostics = parse(input).diagnostics
        guard let fix = diagnostics.first?.fixes.first else {
            Issue.record("no fix for \(input): \(diagnostics)")
            return
        }
        var bytes = Array(input.utf8)
        for edit in fix.edits.sorted(by: { $0.range.start > $1.range.start }) {
            bytes.replaceSubrange(edit.range.start..<edit.range.end, with: Array(edit.newText.utf8))
        }
        let result = String(decoding: bytes, as: UTF8.self)
        #expect(result == fixed)
        #expect(parse(result).diagnostics.isEmpty, "\(parse(result).diagnostics)")
    }

    @Test func halfTypedLinesInsideAWithBlock() {
        let text = """
            with db.transaction() as txn:
                db.update("t", where=
                txn.commit()
            x = db.table("orders").where(col("a") >
            y = 3

            """
        let tree = SyntaxTestSupport.parseChecked(text)
        #expect(tree.diagnostics.map(\.code) == [.expectedExpression, .expectedExpression], "\(tree.diagnostics)")
        let with = tree.root.statements.first?.as(WithStatement.self)
        #expect(with?.statements.count == 2)
        #expect(
            with?.statements.last?.as(ExpressionStatement.self)?.expression?.as(CallExpression.self)?.calleeName
                == "commit")
        #expect(tree.root.statements.map(\.kind) == [.withStatement, .bindingStatement, .bindingStatement])
    }

    @Test func anUnclosedTripleQuotedStringIsOneDiagnostic() {
        check("x = \"\"\"abc\ny = f(1,\nz = 2\n", codes: [.unterminatedString])
    }

    @Test func missingBracketPointsAtTheOpenerAndTheInsertionPoint() {
        let diagnostics = parse("x = f(1, 2\ny = 3\n").diagnostics
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].range == ByteRange(start: 5, end: 6))
        #expect(diagnostics[0].related.first?.range == .empty(at: 10))
    }
}
