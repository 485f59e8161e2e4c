import Testing

@testable import Moltres

/// The binder's fast paths (names found by their bytes, `col("name")` read from the literal's bytes, method
/// spellings from a table) must give exactly what the general paths give: the same plans, schemas, diagnostics,
/// ranges and fixes.
@Suite struct SemanticFastPathTests {
    @Test func nameTableFindsAddsAndReplaces() {
        var table = NameTable<Int>()
        #expect(table.isEmpty)
        #expect(table.index(of: "col") == nil)
        // Past the first slot array (16 slots, half full) several times.
        for number in 0..<100 { table.set("name_\(number)", number) }
        #expect(table.count == 100)
        for number in 0..<100 { #expect(table["name_\(number)"] == number) }
        #expect(table["name_100"] == nil)
        #expect(table["name_"] == nil)
        #expect(table[""] == nil)
        table.set("name_7", 700)
        #expect(table.count == 100)
        #expect(table["name_7"] == 700)
        // By bytes, as the binder looks names up in the source.
        let source = Array("x = name_42 + name_7".utf8)
        source.withUnsafeBufferPointer { bytes in
            let index = table.index(of: UnsafeBufferPointer(rebasing: bytes[4..<11]))
            #expect(index.map { table[$0] } == 42)
            let other = table.index(of: UnsafeBufferPointer(rebasing: bytes[14..<20]))
            #expect(other.map { table[$0] } == 700)
            #expect(table.index(of: UnsafeBufferPointer(rebasing: bytes[0..<1])) == nil)
        }
        #expect(table.names.count == 100)
        #expect(table.names.first == "name_0")
        // Non-ASCII names are bytes like any other.
        table.set("prix_€", 1)
        #expect(table["prix_€"] == 1)
        #expect(table["prix_e"] == nil)
    }

    /// A string literal's value read from the binder's source bytes (one quoted token without escapes) is the
    /// value the tree gives; escaped, triple-quoted, empty, non-ASCII and long literals alike.
    @Test func plainStringValuesAreTheTreesValues() {
        let literals = [
            #""amount""#, "'left'", #""""#, "''", #""a\tb""#, #""it\"s""#, #"'''triple'''"#, #""""doc""""#,
            #""prix €""#, #""a name longer than fifteen bytes""#, #""orders.amount""#, #""(x)""#,
        ]
        let source = literals.enumerated().map { "v\($0.offset) = \($0.element)\n" }.joined()
        let tree = parse(source).tree
        let binder = Binder(tree: tree, catalog: SemanticTestSupport.demoCatalog, dialect: .sqlite)
        var found = 0
        var plain = 0
        for index in tree.storage.nodes.indices where tree.storage.nodes[index].kind == .stringLiteral {
            let node = SyntaxNode(tree: tree, index: index)
            let expected = tree.stringValue(of: node)
            #expect(binder.stringLiteral(node) == expected, "\(node.text)")
            if let value = binder.plainStringValue(index: index) {
                #expect(value == expected, "\(node.text)")
                plain += 1
            }
            found += 1
        }
        #expect(found == literals.count)
        // The escaped and triple-quoted ones take the tree's path.
        #expect(plain == literals.count - 4)
        #expect(binder.stringLiteral(nil) == nil)
        // A node of another kind (the file, a statement) has none.
        let other = tree.storage.nodes.indices.last!
        #expect(tree.storage.nodes[other].kind != .stringLiteral)
        #expect(binder.stringLiteral(SyntaxNode(tree: tree, index: other)) == nil)
    }

    /// The six sort methods are told apart by their first byte and length: each gives its own direction and
    /// placement of NULLs, in either spelling.
    @Test func sortMethodsGiveTheirDirectionAndNulls() {
        let methods: [(String, SortDirection, NullsPlacement?)] = [
            ("asc", .ascending, nil), ("desc", .descending, nil), ("asc_nulls_first", .ascending, .first),
            ("asc_nulls_last", .ascending, .last), ("desc_nulls_first", .descending, .first),
            ("desc_nulls_last", .descending, .last), ("descNullsFirst", .descending, .first),
            ("ascNullsLast", .ascending, .last),
        ]
        let keys = methods.map { "col(\"id\").\($0.0)()" }.joined(separator: ", ")
        let source = "db.table(\"orders\").order_by(\(keys))\n"
        let binder = Binder(tree: parse(source).tree, catalog: SemanticTestSupport.demoCatalog, dialect: .sqlite)
        let statements = binder.bindFile()
        #expect(binder.diagnostics.isEmpty, "\(binder.diagnostics)")
        guard case .sort(_, let sortKeys)? = statements.first?.plan else {
            Issue.record("not a sort: \(String(describing: statements.first?.plan))")
            return
        }
        #expect(sortKeys.map(\.direction) == methods.map(\.1))
        #expect(sortKeys.map(\.nulls) == methods.map(\.2))
        #expect(sortKeys.allSatisfy { $0.expression == .column(ColumnReference("id")) })
    }

    /// Names of every length around the two-word keys (up to 16 bytes) and past them, ASCII or not, looked up by
    /// their bytes, as small strings and as heap strings, find their own entry and no other.
    @Test func nameTableKeysAgreeAtEveryLength() {
        var table = NameTable<Int>()
        var names: [String] = []
        for length in 0...40 {
            let ascii = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
            names.append(ascii)
            if length > 0 { names.append(String(ascii.dropLast()) + "€") }
        }
        // Names that differ only in their last byte, or in byte 8 or 15 (the second word's first and last).
        names += [
            "abcdefghX", "abcdefghY", "abcdefghijklmnoX", "abcdefghijklmnoY", "abcdefghijklmnX", "\u{0}", "a\u{0}",
        ]
        for (number, name) in names.enumerated() { table.set(name, number) }
        #expect(table.count == Set(names).count)
        for (number, name) in names.enumerated() {
            #expect(table[name] == number, "\(name)")
            var heap = ""
            heap.reserveCapacity(64)
            heap += name
            #expect(table[heap] == number, "\(name)")
            let found = Array(name.utf8).withUnsafeBufferPointer { table.index(of: $0) }
            #expect(found.map { table[$0] } == number, "\(name)")
        }
        #expect(table["abcdefghZ"] == nil)
        #expect(table["abcdefghijklmnoZ"] == nil)
        #expect(table[String(repeating: "z", count: 16)] == nil)
        #expect(table[String(repeating: "z", count: 30)] == nil)
    }

    /// A wide table (twelve columns) and a table whose name differs only in case, for the tests below.
    static let wideCatalog = Catalog(
        kind: .sqlite, defaultSchema: "main",
        tables: [
            TableInfo(
                name: "wide",
                columns: (0..<12).map { ColumnInfo(name: "c\($0)", declaredType: "INTEGER", isNullable: false) }),
            TableInfo(name: "Mixed", columns: [ColumnInfo(name: "id", declaredType: "INTEGER")]),
        ])

    /// A call's positional arguments are kept as node indices, the first eight inline and the rest in an array:
    /// calls with more than eight arguments bind every one, in order, with ranges past the eighth.
    @Test func positionalArgumentsPastTheEighthBindInOrder() {
        let names = (0..<12).reversed().map { "c\($0)" }
        let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
        SemanticTestSupport.checkSchema(
            "db.table(\"wide\").‸select(\(list))\n", names, catalog: Self.wideCatalog)
        // An unknown column in tenth place is reported where it is written.
        let source =
            "db.table(\"wide\").select(\"c0\", \"c1\", \"c2\", \"c3\", \"c4\", \"c5\", \"c6\", \"c7\", \"c8\", \"nope\")\n"
        let compilation = compile(source, catalog: Self.wideCatalog, generatesSQL: false)
        #expect(compilation.diagnostics.map(\.code.rawValue) == ["MOL2001"])
        let range = compilation.diagnostics.first.map(\.range)
        #expect(range.map { compilation.tree.source.text(in: $0) } == "nope")
        // A variadic function with more than eight arguments, by the same path.
        let columns = (0..<10).map { "col(\"c\($0)\")" }.joined(separator: ", ")
        SemanticTestSupport.checkSchema(
            "db.table(\"wide\").‸select(F.greatest(\(columns)).alias(\"top\"))\n", ["top"],
            catalog: Self.wideCatalog)
        // Fewer than needed, then too many for a fixed signature: the counts reported are the real ones.
        SemanticTestSupport.check(
            "db.table(\"wide\").limit(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)\n", ["MOL3002"], catalog: Self.wideCatalog)
    }

    /// The catalog finds tables by the bytes of their name, then case-insensitively, as before.
    @Test func catalogFindsTablesByExactThenFoldedName() {
        let catalog = Self.wideCatalog
        #expect(catalog.table(named: "wide")?.columns.count == 12)
        #expect(catalog.table(named: "WIDE")?.name == "wide")
        #expect(catalog.table(named: "Mixed")?.name == "Mixed")
        #expect(catalog.table(named: "mixed")?.name == "Mixed")
        #expect(catalog.table(named: "narrow") == nil)
        var changed = catalog
        changed.add(TableInfo(name: "narrow", columns: [ColumnInfo(name: "x", declaredType: "TEXT")]))
        #expect(changed.table(named: "narrow")?.columns.map(\.name) == ["x"])
        changed.remove(named: "wide")
        #expect(changed.table(named: "wide") == nil)
        #expect(changed.table(named: "Mixed")?.name == "Mixed")
    }

    /// The predefined values made in place (``Binder/predefinedValue(at:)``) are the table's, name for name.
    @Test func predefinedValuesMadeInPlaceMatchTheTable() {
        let names = ["db", "col", "lit", "F", "column", "Window", "Records", "connect"]
        for (index, name) in names.enumerated() {
            #expect(Binder.predefinedNames[index].0 == name)
            #expect(Binder.predefinedValues.index(of: name) == index)
            #expect("\(Binder.predefinedValue(at: index))" == "\(Binder.predefinedValues[index])")
        }
        // Past the names made in place, the table's own entries.
        for index in names.count..<Binder.predefinedNames.count {
            #expect("\(Binder.predefinedValue(at: index))" == "\(Binder.predefinedValues[index])")
        }
        #expect(Binder.predefinedNames.count > names.count)
    }

    /// Binding with the fast paths and without them must agree on everything.
    @Test(arguments: [
        "db.table(\"orders\").where(col(\"amount\") > 100).select(\"id\")\n",
        "db.table(\"orders\").where(col(\"amout\") > 100)\n",
        "db.table(\"orders\").where(col(\"orders.amount\") > 100)\n",
        "db.table(\"orders\").where(col(\"ordrs.amount\") > 100)\n",
        "db.table(\"orders\").where(col(\"orders.\") > 100).select(\".id\")\n",
        "db.table(\"orders\").join(db.table(\"customers\"), on=col(\"customer_id\") == col(\"id\"))\n",
        "db.table(\"orders\").select(col('status'), col(\"id\"), col(\"*\"), col(\"orders.*\"), col(\"\"))\n",
        "db.table(\"orders\").select(col(\"st\\u0061tus\"), col(r\"id\"), col(\"\"\"id\"\"\"), col(\"prix_€\"))\n",
        "db.table(\"orders\").select(col(name=\"id\"), col(\"id\", \"x\"), col(), col(*[\"id\"]))\n",
        "c = col(\"amount\") > 1\ndb.table(\"orders\").where(c)\n",
        "c = col(\"amout\") > 1\ndb.table(\"orders\").where(c)\n",
        "db.table(\"orders\").select(\"id\", \"amout\", \"orders.status\", \"*\", \"\")\n",
        "db.table(\"orders\").group_by(\"status\").agg(F.sum(\"amount\"), F.count(\"id\"), F.max(\"amoun\"))\n",
        "db.table(\"orders\").select(F.sum(\"amoun\"), F.upper(\"status\"))\n",
        // Names read eight bytes at a time: dots, escapes, `*`, quotes and non-ASCII bytes in each word and the tail.
        "db.table(\"orders\").select(\"orders.customer_id\", \"abcdefgh\", \"abcdefgh.ijklmnop\", \"ordered_at\")\n",
        "db.table(\"orders\").select(\"a.b.c.d.e.f.g.h.i.j\", \"abcdefghijklmnopq.r\", \"abcdefghijklmnop.\", \".abcdefghijk\")\n",
        "db.table(\"orders\").select(col(\"abcdefghij\\u0061\"), col(\"abcdefghijk*\"), col(\"abcdefghijkl€\"))\n",
        "db.table(\"orders\").select(col('abcdefghij\"k'), col(\"abcdefghij'k.l\"), col(\"orders.customer_idx\"))\n",
        "db.table(\"orders\").select(col(\"abcdefg\\\\hijklmnop\"), col(\"abcdefgh\\\\\"), col(\"0123456789abcdef€.x\"))\n",
        // Argument lists: too few, too many, keywords, spreads, a positional argument after a keyword.
        "db.table(\"orders\").limit().limit(1, 2).select().where()\n",
        "db.table(\"orders\").select(F.sum(), F.substring(\"status\"), F.substring(\"status\", 1, 2, 3), F.coalesce())\n",
        "db.table(\"orders\").join(db.table(\"customers\"), on=\"id\", \"left\").join(db.table(\"products\"), \"id\", \"x\")\n",
        "db.table(\"orders\").select(*[\"id\"], F.sum(*[\"amount\"]), F.count(col=\"id\")).limit(n=1).limit(1, n=2)\n",
        "db.table(\"orders\").join(db.table(\"customers\"), [\"id\"], \"left\", \"extra\").join(db.table(\"products\"), how=\"bad\")\n",
        // Column look-ups: another case, ambiguous after a join, qualified, long and non-ASCII names.
        "db.table(\"orders\").select(\"AMOUNT\", col(\"Status\"), col(\"ORDERS.ID\")).where(col(\"customer_ID\") > 1)\n",
        "db.table(\"orders\").join(db.table(\"customers\"), on=\"customer_id\").select(\"id\", \"customers.id\", \"orders.idx\")\n",
        "db.table(\"orders\").select(col(\"a_rather_long_column_name\"), col(\"orders.a_rather_long_column_name\"))\n",
    ])
    func fastPathsAgreeWithTheGeneralPath(_ source: String) {
        for recordsFacts in [false, true] {
            let tree = parse(source).tree
            let catalog = SemanticTestSupport.demoCatalog
            let fast = Binder(tree: tree, catalog: catalog, dialect: .sqlite, recordsFacts: recordsFacts)
            let general = Binder(
                tree: tree, catalog: catalog, dialect: .sqlite, recordsFacts: recordsFacts, usesFastPaths: false)
            let fastStatements = fast.bindFile()
            let generalStatements = general.bindFile()
            #expect(fastStatements.map(\.plan) == generalStatements.map(\.plan), "\(source)")
            #expect(fastStatements.map(\.schema) == generalStatements.map(\.schema), "\(source)")
            #expect(fast.diagnostics == general.diagnostics, "\(source)")
            #expect(fast.symbols.map(\.range) == general.symbols.map(\.range), "\(source)")
            #expect(fast.callSites.map(\.range) == general.callSites.map(\.range), "\(source)")
            #expect(fast.columnScopes.map(\.range) == general.columnScopes.map(\.range), "\(source)")
        }
    }

    /// The eight-bytes-at-a-time scan of a plain name finds what a byte-by-byte scan finds.
    @Test func plainNameScanAgreesWithBytes() {
        let names = [
            "", "a", "a.b", "abcdefgh", "abcdefgh.", ".abcdefgh", "abcdefg.hijklmno.p", "x.y.z.w.v.u.t.s.r",
            "abcdefghijklmnopq", "abcdefghijklmno\\", "abcdefghijk*lm", "abcdefghijkl€", "abcdefghi\"j",
            "abcdefghi'j", "orders.customer_id", "........", ".........",
        ]
        for name in names {
            for quote in [UInt8(ascii: "\""), UInt8(ascii: "'")] {
                let bytes = Array(name.utf8)
                var expected: Int? = -1
                for (index, byte) in bytes.enumerated() {
                    if byte == 0x5C || byte == 0x2A || byte >= 0x80 || byte == quote {
                        expected = nil
                        break
                    }
                    if byte == 0x2E { expected = index + 3 }
                }
                // At an offset, as in a source buffer.
                let buffer = Array("xyz".utf8) + bytes + Array("tail".utf8)
                let found = buffer.withUnsafeBufferPointer {
                    Binder.plainNameLastDot($0, start: 3, end: 3 + bytes.count, quote: quote)
                }
                #expect(found == expected, "\(name)")
            }
        }
    }

    /// Lowering only what has capitals or non-ASCII text gives `lowercased()`'s answer; join kinds and enumerated
    /// keyword values read through it.
    @Test func lowercasingOnlyWhenNeededAgrees() {
        for text in ["left", "LEFT", "Left_Outer", "", "ÉTÉ", "été", "a1_b", "ǅ", "İ"] {
            #expect(text.lowercasedASCIIFast == text.lowercased(), "\(text)")
        }
        #expect(JoinKind(how: "left") == .left)
        #expect(JoinKind(how: "LEFT_outer") == .left)
        #expect(JoinKind(how: "FullOuter") == .full)
        #expect(JoinKind(how: "lèft") == nil)
        SemanticTestSupport.check("db.table(\"orders\").join(db.table(\"customers\"), on=\"id\", how=\"LEFT\")\n", [])
    }

    /// The functions the binder lowers itself or treats apart are known by the rule their registry entry was made
    /// with: each gives its own expression, type and nullability.
    @Test func specialFunctionsAreLoweredByTheirRule() {
        let sub = "db.table(\"customers\").select(\"id\")"
        let items = [
            "F.lit(1).alias(\"a\")", "F.when(col(\"amount\") > 1, 2).alias(\"b\")",
            "F.isnull(col(\"status\")).alias(\"c\")",
            "F.isnotnull(\"status\").alias(\"d\")", "F.exists(\(sub)).alias(\"e\")",
            "F.not_exists(\(sub)).alias(\"f\")",
            "F.scalar_subquery(\(sub)).alias(\"g\")", "F.lower(\"status\").alias(\"h\")",
        ]
        let source = "db.table(\"orders\").select(" + items.joined(separator: ", ") + ")\n"
        let compilation = compile(source, catalog: SemanticTestSupport.demoCatalog)
        #expect(compilation.diagnostics.isEmpty, "\(compilation.diagnostics)")
        guard case .project(_, let expressions)? = compilation.statements.first?.plan else {
            Issue.record("not a projection: \(String(describing: compilation.statements.first?.plan))")
            return
        }
        let shapes = expressions.map { expression -> String in
            switch expression.unaliased {
            case .literal: "literal"
            case .caseWhen: "case"
            case .isNull(_, let negated): negated ? "is not null" : "is null"
            case .exists(_, let negated): negated ? "not exists" : "exists"
            case .scalarSubquery: "scalar subquery"
            case .function(let call): "function \(call.function.name)"
            default: "other"
            }
        }
        #expect(
            shapes == [
                "literal", "case", "is null", "is not null", "exists", "not exists", "scalar subquery",
                "function lower",
            ])
        let counts = compile(
            "db.table(\"orders\").group_by(\"status\").agg(F.count(\"*\").alias(\"n\"), F.count_distinct(\"amount\").alias(\"d\"), F.collect_set(\"id\").alias(\"s\"), F.count(col(\"amount\")).alias(\"c\"))\n",
            catalog: SemanticTestSupport.demoCatalog)
        #expect(counts.diagnostics.isEmpty, "\(counts.diagnostics)")
        let schema = counts.statements.first?.schema ?? []
        #expect(schema.map(\.name) == ["status", "n", "d", "s", "c"])
        #expect(schema.map(\.isNullable) == [false, false, false, true, false])
        guard case .aggregate(_, _, let aggregates)? = counts.statements.first?.plan else {
            Issue.record("not an aggregate")
            return
        }
        let calls = aggregates.compactMap { expression -> String? in
            guard case .function(let call) = expression.unaliased else { return nil }
            return "\(call.function.name) \(call.arguments.count) \(call.distinct)"
        }
        #expect(calls == ["count 0 false", "count_distinct 1 true", "collect_set 1 true", "count 1 false"])
    }

    /// Method spellings found in the table and spellings only the general lookup knows give the same steps.
    @Test(arguments: [
        ("groupBy", "Group_By"), ("orderBy", "order_By"), ("withColumnRenamed", "with_Column_Renamed"),
        ("filter", "Filter"),
    ])
    func methodSpellingsAgree(_ pair: (String, String)) {
        let arguments: String
        switch pair.0 {
        case "groupBy": arguments = "(\"status\").agg(F.count(\"*\").alias(\"n\"))"
        case "orderBy": arguments = "(col(\"amount\").desc())"
        case "withColumnRenamed": arguments = "(\"amount\", \"total\")"
        default: arguments = "(col(\"amount\") > 1)"
        }
        let first = compile("db.table(\"orders\").\(pair.0)\(arguments)\n", catalog: SemanticTestSupport.demoCatalog)
        let second = compile("db.table(\"orders\").\(pair.1)\(arguments)\n", catalog: SemanticTestSupport.demoCatalog)
        #expect(first.diagnostics.isEmpty, "\(first.diagnostics)")
        #expect(first.statements.first?.plan != nil)
        #expect(first.statements.first?.plan == second.statements.first?.plan)
        #expect(first.diagnostics.map(\.message) == second.diagnostics.map(\.message))
    }

    @Test func integerLiteralsAreReadFromTheirBytes() {
        let cases: [(String, Int?)] = [
            ("0", 0), ("7", 7), ("1_000", 1_000), ("0x1F", 31), ("0o17", 15), ("0b101", 5), ("00", 0),
            ("9223372036854775807", Int.max), ("9223372036854775808", nil), ("99999999999999999999", nil),
        ]
        for (text, value) in cases {
            let tree = parse("x = \(text)\n").tree
            var found: Int??
            func visit(_ node: SyntaxNode) {
                if let literal = IntegerLiteral(node) { found = .some(literal.value) }
                node.childNodes.forEach(visit)
            }
            visit(tree.root.node)
            #expect(found == .some(value), "\(text)")
        }
    }

    /// The binder's index walks over the tree's storage (no `SyntaxNode` per step) must find exactly what the
    /// syntax views find, on every node of every fixture (given by name) and of broken input.
    @Test(
        arguments: SyntaxTestSupport.fixtureNames() + [
            "db.table(\"t\").select(*cols, **opts, how=\"left\", =3, x=)\n",
            "f(a)(b).c[d](e=1, *f)\n(\n",
            "x = col(\"a\") == \nwith db.transaction() as t:\n    t.commit(\n",
        ])
    func indexWalksAgreeWithTheSyntaxViews(_ fixtureOrSource: String) {
        let bytes =
            SyntaxTestSupport.fixtureNames().contains(fixtureOrSource)
            ? SyntaxTestSupport.fixtureBytes(fixtureOrSource) : Array(fixtureOrSource.utf8)
        let tree = parse(SourceText(bytes: bytes)).tree
        let storage = tree.storage
        for index in storage.nodes.indices {
            let node = SyntaxNode(tree: tree, index: index)
            #expect(storage.firstExpressionChild(of: index) == (node.firstExpressionChild?.index ?? -1))
            for kind in [SyntaxKind.argumentList, .argument, .stringLiteral] {
                #expect(storage.firstChild(of: index, kind: kind) == (node.firstChild(ofKind: kind)?.index ?? -1))
            }
            #expect(storage.firstToken(of: index) == (node.firstChildToken?.index ?? -1))
            for kind in [TokenKind.identifier, .dot, .equal] {
                #expect(storage.firstToken(of: index, kind: kind) == (node.firstToken(ofKind: kind)?.index ?? -1))
            }
            if node.kind == .argument {
                let (label, isSpread, value) = node.argumentParts
                let parts = storage.argumentParts(of: index)
                #expect(parts.label == (label?.index ?? -1))
                #expect(parts.isSpread == isSpread)
                #expect(parts.value == (value?.index ?? -1))
            }
        }
    }

    /// A chain keeps its frame in one slot across consecutive DataFrame steps (``Binder/evaluatePostfix(_:)``):
    /// the same plans, schemas and diagnostics as the same steps bound one at a time through names (each a call
    /// on a name, the path without the slot), whatever ends a run of frame steps (a grouped result, an action, an
    /// attribute, an unknown method, an error).
    @Test(arguments: [
        ["select(\"id\", \"amount\")", "where(col(\"amount\") > 1)", "order_by(col(\"id\"))", "limit(5)"],
        [
            "where(col(\"amount\") > 1)", "group_by(\"status\")", "agg(F.count(\"*\").alias(\"n\"))",
            "where(col(\"n\") > 1)", "limit(3)",
        ],
        [
            "join(db.table(\"customers\"), on=col(\"customer_id\") == col(\"customers.id\"), how=\"left\")",
            "select(\"name\", \"amount\")", "collect()",
        ],
        ["na.fill(0)", "select(\"id\")", "distinct()"],
        ["selct(\"id\")", "where(col(\"id\") > 1)", "limit(1)"],
        ["where(col(\"nope\") > 1)", "with_column(\"x\", col(\"id\") + 1)", "drop(\"status\")", "count()"],
        ["alias(\"o\")", "select(\"o.id\")", "union(db.table(\"customers\").select(\"id\"))", "limit(2)"],
    ])
    func chainedStepsAgreeWithNamedSteps(_ steps: [String]) {
        let chained = "r = db.table(\"orders\")" + steps.map { "." + $0 }.joined() + "\n"
        var named = "s0 = db.table(\"orders\")\n"
        for (index, step) in steps.enumerated() { named += "s\(index + 1) = s\(index).\(step)\n" }
        let one = compile(chained, catalog: SemanticTestSupport.demoCatalog)
        let each = compile(named, catalog: SemanticTestSupport.demoCatalog)
        // The named steps' plans are wrapped in their bindings (`.binding(name: "s1", …, alwaysCTE: false)`) and
        // their columns qualified by those names: compared without them.
        func unbound(_ plan: LogicalPlan?) -> String {
            "\(String(describing: plan))".replacing(#/Moltres\.LogicalPlan\.binding\(name: "s\d+", /#, with: "")
                .replacing(", alwaysCTE: false)", with: "")
        }
        #expect(unbound(one.statements.last?.plan) == unbound(each.statements.last?.plan))
        #expect(one.statements.last?.action == each.statements.last?.action)
        let columns = { (statement: CompiledStatement?) in
            (statement?.schema ?? []).map { "\($0.name) \($0.type) \($0.isNullable) \($0.sourceTable ?? "-")" }
        }
        #expect(columns(one.statements.last) == columns(each.statements.last))
        #expect(one.diagnostics.map(\.code) == each.diagnostics.map(\.code))
        #expect(one.diagnostics.map(\.message) == each.diagnostics.map(\.message))
        #expect(one.statements.last?.plan != nil || !one.diagnostics.isEmpty)
    }
}
