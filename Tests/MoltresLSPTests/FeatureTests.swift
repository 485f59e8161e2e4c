import Foundation
import Moltres
import MoltresProtocol
import Testing

@testable import MoltresLSP

/// Feature tests: each opens a marked document in an in-process server over the demo shop database.
@Suite struct FeatureTests {
    private func document(_ test: TestServer) -> TextDocumentIdentifier { TextDocumentIdentifier(uri: test.uri()) }

    private func completionLabels(_ marked: String) async throws -> [String] {
        let test = try await TestServer()
        let markers = test.open(marked)
        let list = try await test.client.send(
            request: CompletionRequest.self,
            params: CompletionParams(textDocument: document(test), position: try #require(markers["1️⃣"])))
        return list?.items.map(\.label) ?? []
    }

    @Test func completesDatabaseMethods() async throws {
        let labels = try await completionLabels("db.1️⃣\n")
        #expect(labels.contains("table") && labels.contains("insert") && !labels.contains("where"))
    }

    @Test func completesTableNamesFromTheLiveSchema() async throws {
        let labels = try await completionLabels("db.table(\"1️⃣\n")
        #expect(Set(labels).isSuperset(of: ["orders", "customers", "products"]))
    }

    @Test func completesColumnsOfTheChainsTable() async throws {
        let labels = try await completionLabels("db.table(\"orders\").select().where(col(\"1️⃣\"))\n")
        #expect(labels.contains("status") && labels.contains("customer_id"))
        #expect(!labels.contains("email"))
    }

    @Test func completesQualifiedColumnsAfterAJoin() async throws {
        let labels = try await completionLabels(
            "o = db.table(\"orders\").select()\no.join(db.table(\"customers\").select(), how=\"left\").select(\"1️⃣\")\n")
        #expect(labels.contains("email") && labels.contains("orders.id") && labels.contains("customers.id"))
    }

    @Test func completesDataFrameGroupedAndColumnMethods() async throws {
        #expect(try await completionLabels("db.table(\"orders\").select().1️⃣\n").contains("group_by"))
        #expect(try await completionLabels("db.table(\"orders\").select().group_by(\"status\").1️⃣\n").contains("agg"))
        #expect(try await completionLabels("col(\"amount\").1️⃣\n").contains("alias"))
    }

    @Test func completesFunctionsWithSignatures() async throws {
        let test = try await TestServer()
        let markers = test.open("F.1️⃣\n")
        let list = try await test.client.send(
            request: CompletionRequest.self,
            params: CompletionParams(textDocument: document(test), position: try #require(markers["1️⃣"])))
        let sum = try #require(list?.items.first { $0.label == "sum" })
        #expect(sum.kind == .function)
        #expect(sum.detail?.hasPrefix("F.sum(") == true)
        #expect(list?.items.count == BuiltinFunction.all.count)
    }

    @Test func aBareArgumentOfAColumnTakingMethodOffersQuotedColumnsFirst() async throws {
        let labels = try await completionLabels("db.table(\"orders\").group_by(1️⃣\n")
        #expect(labels.first == "\"id\"")
        #expect(labels.contains("\"status\"") && labels.contains("col"))
        #expect(!labels.contains("\"email\""))  // a customers column, not in scope
        // Not in a call that takes no column names.
        #expect(!(try await completionLabels("db.table(1️⃣\n")).contains("\"id\""))

        // `col(` itself takes a column name: the step's columns, quoted, first (it offered only names and functions).
        let inCol = try await completionLabels("db.table(\"orders\").where(col(1️⃣\n")
        #expect(inCol.first == "\"id\"" && inCol.contains("\"amount\"") && !inCol.contains("\"email\""), "\(inCol)")
        // The compiler's scope of that step: after a select only its output, after a join both sides.
        let afterSelect = try await completionLabels(
            "db.table(\"orders\").select(col(\"amount\").alias(\"a\")).where(col(1️⃣\n")
        #expect(afterSelect.first == "\"a\"" && !afterSelect.contains("\"id\""), "\(afterSelect)")
        let inJoin = try await completionLabels("db.table(\"orders\").join(db.table(\"customers\"), on=[col(1️⃣\n")
        #expect(inJoin.contains("\"customer_id\"") && inJoin.contains("\"email\""), "\(inJoin)")
        let inAggregate = try await completionLabels(
            "db.table(\"orders\").group_by(\"status\").agg(F.sum(col(1️⃣\n")
        #expect(inAggregate.contains("\"amount\""), "\(inAggregate)")
    }

    @Test func aBindingHidesThePredefinedNameItShadows() async throws {
        let labels = try await completionLabels("db = connect(\"sqlite:///shop.db\")\nsum = col(\"amount\")\n1️⃣\n")
        #expect(labels.filter { $0 == "db" }.count == 1)
        #expect(labels.filter { $0 == "sum" }.count == 1)
        #expect(labels.contains("col") && labels.contains("avg"))
    }

    @Test func completesKeywordValues() async throws {
        let labels = try await completionLabels("a = db.table(\"orders\").select()\na.join(a, how=1️⃣\n")
        #expect(labels.contains("\"left\""))
        let inString = try await completionLabels("a = db.table(\"orders\").select()\na.join(a, how=\"1️⃣\")\n")
        #expect(inString.contains("anti"))
    }

    /// After `rows_between=` completion offered the keyword arguments again (`order_by=` typed after `=` is a syntax
    /// error) and no frame; it offers the frame tuples, and no keyword argument after any `name=`.
    @Test func completesWindowFramesAfterRowsBetween() async throws {
        let frames = try await completionLabels(
            "db.table(\"orders\").select(F.sum(col(\"amount\")).over(order_by=col(\"id\"), rows_between=1️⃣))\n")
        #expect(frames.contains("(None, 0)") && frames.contains("(-1, 1)"), "\(frames)")
        #expect(!frames.contains { $0.hasSuffix("=") }, "\(frames)")
        let value = try await completionLabels(
            "db.table(\"orders\").select(F.sum(col(\"amount\")).over(partition_by=1️⃣))\n")
        #expect(!value.contains { $0.hasSuffix("=") } && value.contains("col"), "\(value)")
    }

    /// The keys of `set={…}` in `db.update` and of the row dicts of `db.insert` / `db.merge` are the table's
    /// columns; completion offered nothing there.
    @Test func completesColumnKeysOfWriteDicts() async throws {
        let update = try await completionLabels("db.update(\"orders\", where=col(\"id\") == 1, set={\"1️⃣\n")
        #expect(update.contains("status") && update.contains("amount") && !update.contains("email"), "\(update)")
        let insert = try await completionLabels("db.insert(\"customers\", [{\"id\": 1, \"1️⃣\"}])\n")
        #expect(insert.contains("email") && insert.contains("country") && !insert.contains("amount"), "\(insert)")
        let merge = try await completionLabels(
            "db.merge(\"products\", [{\"id\": 1}], on=[\"id\"], when_matched={\"st1️⃣\": 1})\n")
        #expect(merge.contains("stock") && merge.contains("price"), "\(merge)")
        // A value is not a key: no columns there.
        let value = try await completionLabels("db.update(\"orders\", set={\"status\": \"1️⃣\"})\n")
        #expect(!value.contains("amount"), "\(value)")
    }

    /// After `df.write.` and `df.na.` completion offered the DataFrame's methods (none of which exist there), and
    /// after a number (`n = df.count()`, `n.`) too; it now offers the writer's and the null functions' methods,
    /// and nothing after a number.
    @Test func memberCompletionFollowsTheCompilersKindOfTheBase() async throws {
        let writer = try await completionLabels("db.table(\"orders\").write.1️⃣\n")
        #expect(writer.contains("save_as_table") && writer.contains("insert_into") && writer.contains("mode"))
        #expect(!writer.contains("select"), "\(writer)")
        let na = try await completionLabels("db.table(\"orders\").na.1️⃣\n")
        #expect(na.contains("fill") && na.contains("drop") && !na.contains("select"), "\(na)")
        let number = try await completionLabels("n = db.table(\"orders\").count()\nn.1️⃣\n")
        #expect(number.isEmpty, "\(number)")
        let frame = try await completionLabels("o = db.table(\"orders\")\no.1️⃣\n")
        #expect(frame.contains("select"), "\(frame)")
    }

    /// Editors take the word before the cursor as what a completion replaces, and `.` ends a word: accepting
    /// `orders.customer_id` after `col("orders.cu` gave `col("orders.orders.customer_id")`. Items for a typed prefix
    /// with a dot replace the whole prefix.
    @Test func aQualifiedColumnReplacesTheWholeTypedPrefix() async throws {
        let test = try await TestServer()
        let markers = test.open(
            "db.table(\"orders\").join(db.table(\"customers\"), how=\"cross\").select(col(\"orders.cu1️⃣\n")
        let list = try await test.client.send(
            request: CompletionRequest.self,
            params: CompletionParams(textDocument: document(test), position: try #require(markers["1️⃣"])))
        let item = try #require(list?.items.first { $0.label == "orders.customer_id" })
        let edit = try #require(item.textEdit, "\(item)")
        #expect(edit.newText == "orders.customer_id")
        let position = try #require(markers["1️⃣"])
        #expect(edit.range.end == position)
        #expect(edit.range.start == Position(line: 0, character: position.character - "orders.cu".count))
    }

    /// A client that takes only plain text got the markdown anyway (```sql fences, **bold**, `code`) marked as
    /// plaintext, and showed the markup raw; it now gets the same content without the markup.
    @Test func aPlainTextClientGetsHoversWithoutMarkdown() async throws {
        let test = try await TestServer(hoverMarkdown: false)
        let markers = test.open("db.table(\"orders\").wh1️⃣ere(col(\"amount\") > 100)\ndb.table(\"or2️⃣ders\")\n")
        for marker in ["1️⃣", "2️⃣"] {
            let result = try await test.client.send(
                request: HoverRequest.self,
                params: HoverParams(textDocument: document(test), position: try #require(markers[marker])))
            let hover = try #require(result)
            #expect(hover.contents.kind == .plaintext)
            let text = hover.contents.value
            #expect(!text.contains("```") && !text.contains("**") && !text.contains("`"), "\(text)")
            #expect(text.contains(marker == "1️⃣" ? "WHERE \"orders\".\"amount\" > ?" : "customer_id"), "\(text)")
        }
    }

    @Test func hoverShowsTableColumnsAndMethodSignatures() async throws {
        let test = try await TestServer()
        let markers = test.open(
            "x = db.table(\"ord1️⃣ers\").select().wh2️⃣ere(col(\"sta3️⃣tus\") == \"paid\")\nF.s4️⃣um(col(\"amount\"))\n")
        func hover(_ marker: String) async throws -> String {
            let result = try await test.client.send(
                request: HoverRequest.self,
                params: HoverParams(textDocument: document(test), position: try #require(markers[marker])))
            return result?.contents.value ?? ""
        }
        #expect(try await hover("1️⃣").contains("customer_id"))
        #expect(try await hover("2️⃣").contains("where(condition)"))
        #expect(try await hover("3️⃣").contains("column `status`"))
        #expect(try await hover("4️⃣").contains("F.sum("))
    }

    /// Hover on a keyword argument's name showed nothing; it shows the parameter, its method and its values.
    @Test func hoverOnAKeywordArgumentShowsTheParameter() async throws {
        let test = try await TestServer()
        let markers = test.open(
            """
            db.table("orders").join(db.table("customers"), on=[col("orders.customer_id") == col("customers.id")], h1️⃣ow="left")
            db.table("orders").select(F.sum(col("amount")).over(order_by=col("id"), rows_be2️⃣tween=(None, 0)))
            db.update("orders", wh3️⃣ere=col("id") == 1, set={"status": "paid"})

            """)
        func hover(_ marker: String) async throws -> String {
            let result = try await test.client.send(
                request: HoverRequest.self,
                params: HoverParams(textDocument: document(test), position: try #require(markers[marker])))
            return result?.contents.value ?? ""
        }
        let how = try await hover("1️⃣")
        #expect(how.contains("how=\"inner\"") && how.contains("DataFrame.join(") && how.contains("`left`"), "\(how)")
        let rows = try await hover("2️⃣")
        #expect(rows.contains("rows_between=None") && rows.contains("over("), "\(rows)")
        let whereText = try await hover("3️⃣")
        #expect(whereText.contains("where") && whereText.contains("Database.update("), "\(whereText)")
    }

    @Test func signatureHelpTracksTheActiveParameter() async throws {
        let test = try await TestServer()
        let markers = test.open("a = db.table(\"orders\").select()\na.join(a, on=[], h1️⃣\nF.substring(col(\"x\"), 2️⃣\n")
        let join = try await test.client.send(
            request: SignatureHelpRequest.self,
            params: SignatureHelpParams(textDocument: document(test), position: try #require(markers["1️⃣"])))
        #expect(join?.signatures.first?.label.hasPrefix("join(") == true)
        #expect(join?.activeParameter == 2)
        let substring = try await test.client.send(
            request: SignatureHelpRequest.self,
            params: SignatureHelpParams(textDocument: document(test), position: try #require(markers["2️⃣"])))
        #expect(substring?.activeParameter == 1)
    }

    @Test func definitionReferencesAndRenameOfBindings() async throws {
        let test = try await TestServer()
        let markers = test.open(
            "b1️⃣ig = db.table(\"orders\").select()\nbig = b2️⃣ig.limit(5)\nbig.where(col(\"id\") > 1)\nd3️⃣b\n")
        let definition = try await test.client.send(
            request: DefinitionRequest.self,
            params: DefinitionParams(textDocument: document(test), position: try #require(markers["2️⃣"])))
        #expect(definition?.first?.range.start == Position(line: 0, character: 0))
        let references = try await test.client.send(
            request: ReferencesRequest.self,
            params: ReferenceParams(
                textDocument: document(test), position: try #require(markers["1️⃣"]),
                context: ReferenceContext(includeDeclaration: true)))
        #expect(references?.count == 2)
        let rename = try await test.client.send(
            request: RenameRequest.self,
            params: RenameParams(textDocument: document(test), position: try #require(markers["1️⃣"]), newName: "large"))
        #expect(rename?.changes?[test.uri()]?.count == 2)
        await #expect(throws: ResponseError.self) {
            _ = try await test.client.send(
                request: PrepareRenameRequest.self,
                params: PrepareRenameParams(textDocument: document(test), position: try #require(markers["3️⃣"])))
        }
    }

    /// A query written in the examples' layout, `(` on its own line, was named "(" in the outline; its symbol now
    /// reads as the pipeline on one line, comments left out.
    @Test func aParenthesizedQuerysSymbolShowsThePipeline() async throws {
        let test = try await TestServer()
        test.open(
            """
            (
                db.table("orders")  # all of them
                .where(col("amount") > 100)
                .select(
                    "id",
                    "amount",
                )
            )

            """)
        let symbols = try await test.client.send(
            request: DocumentSymbolRequest.self, params: DocumentSymbolParams(textDocument: document(test)))
        let name = try #require(symbols?.first?.name)
        #expect(name.hasPrefix("db.table(\"orders\").where(col(\"amount\") > 100).select("), "\(name)")
        #expect(!name.contains("#") && !name.contains("\n"), "\(name)")

        // The same one-line form is a binding's detail in completion (it was "(").
        let markers = test.open("big = (\n    db.table(\"orders\")\n    .select(\"id\")\n)\nb1️⃣\n", name: "b.moltres")
        let list = try await test.client.send(
            request: CompletionRequest.self,
            params: CompletionParams(
                textDocument: TextDocumentIdentifier(uri: test.uri("b.moltres")), position: try #require(markers["1️⃣"])))
        let detail = list?.items.first { $0.label == "big" }?.detail
        #expect(detail == "db.table(\"orders\").select(\"id\")", "\(String(describing: detail))")
    }

    /// Renaming a binding to a keyword (`for`) made a syntax error, and to a name the file already uses (another
    /// binding, `col`, `db`) silently changed what the other uses refer to; such names are refused now.
    @Test func renameRefusesKeywordsAndNamesInUse() async throws {
        let test = try await TestServer()
        let markers = test.open(
            """
            orders = db.table("orders")
            b1️⃣ig = orders.where(col("amount") > 100)
            big.select("id")
            orders.select("id")

            """)
        func rename(_ newName: String) async throws -> WorkspaceEdit? {
            try await test.client.send(
                request: RenameRequest.self,
                params: RenameParams(
                    textDocument: document(test), position: try #require(markers["1️⃣"]), newName: newName))
        }
        for taken in ["for", "None", "orders", "col", "db"] {
            await #expect(throws: ResponseError.self, "\(taken)") { _ = try await rename(taken) }
        }
        #expect(try await rename("large")?.changes?[test.uri()]?.count == 2)
        #expect(try await rename("big")?.changes?[test.uri()]?.count == 2)
    }

    /// `where(col("amount") = 5)` — `=` for `==`, the commonest slip — was a syntax error with no quick fix; it
    /// offers "Replace '=' with '=='", whose edit makes the file compile.
    @Test func aSingleEqualInAConditionHasAQuickFix() async throws {
        let test = try await TestServer()
        test.open("db.table(\"orders\").where(col(\"amount\") = 5)\n")
        let diagnostics = try await test.waitForDiagnostics(test.uri()) { !$0.isEmpty }
        let diagnostic = try #require(diagnostics.first)
        let actions = try await test.client.send(
            request: CodeActionRequest.self,
            params: CodeActionParams(
                textDocument: document(test), range: diagnostic.range,
                context: CodeActionContext(diagnostics: diagnostics)))
        guard case .codeAction(let action)? = actions?.first else {
            Issue.record("no quick fix: \(String(describing: actions))")
            return
        }
        #expect(action.title == "Replace '=' with '=='")
        let edit = try #require(action.edit?.changes?[test.uri()]?.first)
        #expect(edit.newText == "==")
        #expect(
            edit.range.start == Position(line: 0, character: 39) && edit.range.end == Position(line: 0, character: 40))
        // Applied, the file compiles.
        test.client.send(
            notification: DidChangeTextDocumentNotification.self,
            params: DidChangeTextDocumentParams(
                textDocument: VersionedTextDocumentIdentifier(uri: test.uri(), version: 2),
                contentChanges: [TextDocumentContentChangeEvent(range: edit.range, text: edit.newText)]))
        let after = try await test.waitForDiagnostics(test.uri()) { $0.isEmpty }
        #expect(after.isEmpty, "\(after)")
    }

    /// A binding's name qualifies its columns (`col("cust.id")` after `cust = db.table(…)`); renaming the binding
    /// left those strings behind, so the renamed file reported unknown columns. They are renamed with it.
    @Test func renameUpdatesTheBindingsColumnQualifiers() async throws {
        let test = try await TestServer()
        let text = """
            orders = db.table("orders")
            c1️⃣ust = db.table("customers")
            j = orders.join(cust, on=[col("orders.customer_id") == col("cust.id")])
            j.select(col("cust.name"), "cust.email").order_by("cust.name")
            db.insert("notes", [{"body": "cust.id"}])

            """
        let markers = test.open(text)
        let rename = try await test.client.send(
            request: RenameRequest.self,
            params: RenameParams(textDocument: document(test), position: try #require(markers["1️⃣"]), newName: "buyer"))
        let edits = rename?.changes?[test.uri()] ?? []
        // The binding, its use in the join and four qualifiers; not the text inserted into notes.
        #expect(edits.count == 6, "\(edits)")
        #expect(edits.allSatisfy { $0.newText == "buyer" })
        #expect(!edits.contains { $0.range.start.line == 4 })
        let qualifier = edits.first { $0.range.start.line == 2 && $0.range.start.character > 20 }
        #expect(qualifier?.range.start == Position(line: 2, character: 60))
        #expect(qualifier?.range.end == Position(line: 2, character: 64))

        // References show the same places.
        let references = try await test.client.send(
            request: ReferencesRequest.self,
            params: ReferenceParams(
                textDocument: document(test), position: try #require(markers["1️⃣"]),
                context: ReferenceContext(includeDeclaration: true)))
        #expect(references?.count == 6, "\(String(describing: references))")
    }

    @Test func symbolsFoldingLensesAndTokens() async throws {
        let test = try await TestServer()
        test.open(
            """
            # one
            # two
            big = (
                db.table("orders")
                .select()
            )
            big.limit(3)
            db.delete("orders", where=col("id") == 0)
            with db.transaction() as txn:
                db.update("orders", where=col("id") == 1, set={"status": "x"})

            """)
        let symbols = try await test.client.send(
            request: DocumentSymbolRequest.self, params: DocumentSymbolParams(textDocument: document(test)))
        #expect(symbols?.map(\.detail) == ["binding", "query", "mutation", "transaction"])
        #expect(symbols?.last?.children?.count == 1)
        let folding = try await test.client.send(
            request: FoldingRangeRequest.self, params: FoldingRangeParams(textDocument: document(test)))
        #expect(folding?.contains { $0.kind == .comment && $0.startLine == 0 && $0.endLine == 1 } == true)
        #expect(folding?.contains { $0.startLine == 2 && $0.endLine >= 4 } == true)
        let lenses = try await test.client.send(
            request: CodeLensRequest.self, params: CodeLensParams(textDocument: document(test)))
        // The binding (a preview), the query, the two mutations and the `with` block.
        #expect(lenses?.filter { $0.command?.command == "moltres.runQuery" }.count == 5)
        #expect(lenses?.first?.command?.arguments?.first?["uri"]?.stringValue == test.uri())
        let tokens = try await test.client.send(
            request: SemanticTokensFullRequest.self, params: SemanticTokensParams(textDocument: document(test)))
        #expect((tokens?.data.count ?? 0) % 5 == 0)
        #expect((tokens?.data.count ?? 0) > 50)
    }

    @Test func formattingUsesTheCanonicalLayoutAndRefusesBrokenFiles() async throws {
        let test = try await TestServer()
        test.open("x   =  db.table( 'orders' ).select( )\n")
        let edits = try await test.client.send(
            request: DocumentFormattingRequest.self,
            params: DocumentFormattingParams(
                textDocument: document(test), options: FormattingOptions(tabSize: 4, insertSpaces: true)))
        #expect(edits?.first?.newText == "x = db.table('orders').select()\n")
        test.open("x = (\n", name: "broken.moltres")
        let none = try await test.client.send(
            request: DocumentFormattingRequest.self,
            params: DocumentFormattingParams(
                textDocument: TextDocumentIdentifier(uri: test.uri("broken.moltres")),
                options: FormattingOptions(tabSize: 4, insertSpaces: true)))
        #expect(none?.isEmpty == true)
    }

    @Test func inlayHintsShowABindingsColumns() async throws {
        let test = try await TestServer()
        test.open(
            "totals = db.table(\"orders\").select().group_by(\"status\").agg(F.sum(col(\"amount\")).alias(\"total\"))\n"
        )
        let hints = try await test.client.send(
            request: InlayHintRequest.self,
            params: InlayHintParams(
                textDocument: document(test),
                range: LSPRange(start: Position(line: 0, character: 0), end: Position(line: 5, character: 0))))
        guard case .string(let label) = hints?.first?.label else {
            Issue.record("no inlay hint")
            return
        }
        #expect(label == ": [status: text, total: real]")
    }
}

/// Hover and completion that come from the compiler.
@Suite struct SemanticFeatureTests {
    /// The hover text at the 1️⃣ marker of `marked`, opened in a new server.
    private func hoverText(_ marked: String) async throws -> String {
        let test = try await TestServer()
        let markers = test.open(marked)
        let hover = try await test.client.send(
            request: HoverRequest.self,
            params: HoverParams(
                textDocument: TextDocumentIdentifier(uri: test.uri()), position: try #require(markers["1️⃣"])))
        return hover?.contents.value ?? ""
    }

    @Test func hoverOnAStepShowsItsSQLAndColumns() async throws {
        let text = try await hoverText(
            "x = db.table(\"orders\").select().wh1️⃣ere(col(\"status\") == \"paid\").group_by(\"status\").agg(F.sum(col(\"amount\")).alias(\"total\"))\n"
        )
        #expect(text.contains("SQL up to this step"))
        #expect(text.contains("WHERE"))
        #expect(text.contains("`customer_id`"))
        #expect(text.contains("\n-- parameters: \"paid\"\n```"), "\(text)")
    }

    @Test func hoverParametersCannotBreakTheCodeBlock() async throws {
        let long = String(repeating: "x", count: 200)
        let text = try await hoverText(
            "x = db.table(\"orders\").where(col(\"status\") == \"a\\n```\\nb\").wh1️⃣ere(col(\"status\") != \"\(long)\")\n"
        )
        // Only the four fence lines of the python and sql blocks start with ```: the newline inside the value stays
        // escaped, so its ``` stays inside the comment line.
        let fences = text.split(separator: "\n").filter { $0.hasPrefix("```") }
        #expect(fences == ["```python", "```", "```sql", "```"], "\(text)")
        #expect(text.contains(String(repeating: "x", count: 60) + "…\""))
        #expect(text.contains(#"-- parameters: "a\n```\nb", "xxx"#), "\(text)")
    }

    @Test func columnCompletionSeesAliasesAfterAggregation() async throws {
        let test = try await TestServer()
        let markers = test.open(
            "t = db.table(\"orders\").select().group_by(\"status\").agg(F.sum(col(\"amount\")).alias(\"total\"))\nt.order_by(col(\"1️⃣\"))\n"
        )
        let list = try await test.client.send(
            request: CompletionRequest.self,
            params: CompletionParams(
                textDocument: TextDocumentIdentifier(uri: test.uri()), position: try #require(markers["1️⃣"])))
        let labels = Set(list?.items.map(\.label) ?? [])
        #expect(labels.contains("total") && labels.contains("status"))
        #expect(!labels.contains("customer_id"))
    }

    /// A binding named like its table (`orders = db.table("orders")`) or bound again (`x = x.where(…)`) becomes a
    /// CTE under a generated name (`orders_cte`, `x_2`); completion offered those names, which the user never wrote.
    @Test func columnCompletionOffersOnlyQualifiersTheUserWrote() async throws {
        func completionLabels(_ marked: String) async throws -> [String] {
            let test = try await TestServer()
            let markers = test.open(marked)
            let list = try await test.client.send(
                request: CompletionRequest.self,
                params: CompletionParams(
                    textDocument: TextDocumentIdentifier(uri: test.uri()), position: try #require(markers["1️⃣"])))
            return list?.items.map(\.label) ?? []
        }
        let first = Set(
            try await completionLabels("orders = db.table(\"orders\")\norders.select(col(\"1️⃣\"))\n"))
        #expect(first.contains("id") && first.contains("orders.id"))
        #expect(!first.contains { $0.hasPrefix("orders_cte.") }, "\(first.sorted())")
        let again = Set(
            try await completionLabels(
                "x = db.table(\"orders\")\nx = x.where(col(\"amount\") > 1)\nx.select(col(\"1️⃣\"))\n"))
        #expect(again.contains("x.id") && again.contains("orders.id"))
        #expect(!again.contains { $0.hasPrefix("x_2.") }, "\(again.sorted())")
    }
}

/// A method named without its call (`col("amount").is_null`, `col("id").desc`) was a value the compiler could not
/// use and dropped without a word: `where=col("amount").is_null` became no condition at all, so
/// `db.delete("order_items", where=col("quantity").is_null)` compiled to `DELETE FROM "order_items"` and deleted
/// every row (996 in the demo shop). It is an
/// error now, with a quick fix that adds the call.
@Suite struct MethodWithoutCallTests {
    @Test func aColumnMethodWithoutItsCallIsAnErrorWithAQuickFix() async throws {
        let test = try await TestServer()
        test.open(
            """
            db.delete("order_items", where=col("quantity").is_null)
            db.table("orders").order_by(col("id").desc).limit(3)

            """)
        let diagnostics = try await test.waitForDiagnostics(test.uri()) { $0.count >= 2 }
        let lines = diagnostics.filter { $0.code == .string("MOL3007") }.map(\.range.start.line).sorted()
        #expect(lines == [0, 1], "\(diagnostics)")
        // The delete cannot run: nothing is deleted.
        await #expect(throws: ResponseError.self) {
            _ = try await test.command(
                "moltres.runQuery",
                [
                    "uri": .string(test.uri()), "position": ["line": 0, "character": 0], "confirmed": true,
                ])
        }
        let database = try Database.open("sqlite:///" + test.workspace.appendingPathComponent("shop.db").path)
        #expect(try database.collect("SELECT count(*) FROM order_items").rows.first?.first == .integer(996))
        // The quick fix adds the call.
        let first = try #require(diagnostics.first { $0.range.start.line == 0 })
        let actions = try await test.client.send(
            request: CodeActionRequest.self,
            params: CodeActionParams(
                textDocument: TextDocumentIdentifier(uri: test.uri()), range: first.range,
                context: CodeActionContext(diagnostics: [first])))
        guard case .codeAction(let action)? = actions?.first else {
            Issue.record("no quick fix: \(String(describing: actions))")
            return
        }
        let edit = try #require(action.edit?.changes?[test.uri()]?.first)
        #expect(edit.newText == "()")
        #expect(edit.range.start == Position(line: 0, character: 54) && edit.range.end == edit.range.start)
    }
}

/// `db.create_table("notes", [("id", "integer"), ("body", "text")])` — tuples instead of `column(...)` — compiled
/// without a word to `CREATE TABLE IF NOT EXISTS "notes" ()`, which the database refuses (or, given one valid
/// column, made a table without the others). Each element that is not a column is an error now, and so is a table
/// without columns.
@Suite struct CreateTableColumnsTests {
    @Test func elementsThatAreNotColumnsAreErrors() async throws {
        let test = try await TestServer()
        test.open(
            """
            db.create_table("notes", [("id", "integer"), column("body", "TEXT")])
            db.create_table("empty")
            db.create_table("fine", [column("id", "INTEGER", primary_key=True)])

            """)
        let diagnostics = try await test.waitForDiagnostics(test.uri()) { $0.count >= 2 }
        let tuple = diagnostics.first { $0.range.start.line == 0 }
        #expect(tuple?.code == .string("MOL2012") && tuple?.range.start.character == 26, "\(diagnostics)")
        #expect(diagnostics.contains { $0.range.start.line == 1 && $0.code == .string("MOL3002") }, "\(diagnostics)")
        #expect(!diagnostics.contains { $0.range.start.line == 2 }, "\(diagnostics)")
    }
}

/// A file saved with a UTF-8 byte order mark (Windows editors write one) was one error from its first character
/// ("The character U+FEFF cannot appear outside strings") and nothing in it was checked or completed; a leading BOM
/// is ignored now, as Python ignores it.
@Suite struct ByteOrderMarkTests {
    @Test func aLeadingByteOrderMarkIsIgnored() async throws {
        let test = try await TestServer()
        let markers = test.open("\u{FEFF}x = db.table(\"orders\")\nx.select(col(\"1️⃣\"))\ndb.table(\"orderz\")\n")
        let diagnostics = try await test.waitForDiagnostics(test.uri()) { !$0.isEmpty }
        // Only the real mistakes: the empty col("") being typed and the unknown table; nothing on the first line.
        #expect(!diagnostics.contains { $0.range.start.line == 0 }, "\(diagnostics)")
        #expect(diagnostics.contains { $0.code == .string("MOL2002") && $0.range.start.line == 2 }, "\(diagnostics)")
        let list = try await test.client.send(
            request: CompletionRequest.self,
            params: CompletionParams(
                textDocument: TextDocumentIdentifier(uri: test.uri()), position: try #require(markers["1️⃣"])))
        #expect(list?.items.contains { $0.label == "amount" } == true)
    }
}
