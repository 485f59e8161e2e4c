"""A scripted editor session against the real `moltres lsp` binary and a real SQLite database."""

import asyncio

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import WORKSPACE, marked, open_document


async def diagnostics_for(client: LanguageClient, uri: str, predicate=lambda d: True, timeout=5.0):
    deadline = asyncio.get_event_loop().time() + timeout
    while asyncio.get_event_loop().time() < deadline:
        if uri in client.diagnostics and predicate(client.diagnostics[uri]):
            return client.diagnostics[uri]
        await asyncio.sleep(0.02)
    return client.diagnostics.get(uri, [])


async def test_initialize_advertises_exactly_the_implemented_features(client: LanguageClient):
    capabilities = client.capabilities  # the client's own; the server's come back in the init result
    result = client._server_capabilities if hasattr(client, "_server_capabilities") else None
    assert capabilities is not None
    # Every advertised provider answers (checked by the other tests); here: the encoding and sync kind.
    # pytest-lsp keeps the server's result on the client.
    server = client.server_capabilities if hasattr(client, "server_capabilities") else result
    if server is not None:
        assert server.position_encoding in (None, "utf-16")
        assert server.execute_command_provider.commands[0] == "moltres.runQuery"


async def test_syntax_diagnostics_with_code_and_related_information(client: LanguageClient):
    uri = open_document(client, "broken.moltres", 'x = db.table("orders").select(\n')
    diagnostics = await diagnostics_for(client, uri, lambda d: len(d) > 0)
    assert diagnostics, "no diagnostics published"
    assert diagnostics[0].code == "MOL1002"
    assert diagnostics[0].related_information


async def test_incremental_change_clears_the_error(client: LanguageClient):
    uri = open_document(client, "fixme.moltres", 'x = db.table("orders").select(\n')
    await diagnostics_for(client, uri, lambda d: len(d) > 0)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=0, character=30), end=types.Position(line=0, character=30)),
                    text=")",
                )
            ],
        )
    )
    diagnostics = await diagnostics_for(client, uri, lambda d: len(d) == 0)
    assert len(diagnostics) == 0


async def test_completion_of_tables_columns_methods_functions_and_values(client: LanguageClient):
    text, at = marked(
        'a = db.table("1️⃣orders").select()\n'
        'a.where(col("2️⃣"))\n'
        "a.3️⃣\n"
        "F.4️⃣\n"
        'a.join(db.table("customers").select(), how="5️⃣")\n'
    )
    uri = open_document(client, "complete.moltres", text)

    async def labels(marker):
        result = await client.text_document_completion_async(
            types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at[marker])
        )
        items = result.items if hasattr(result, "items") else result
        return {item.label: item for item in items}

    tables = await labels("1️⃣")
    assert {"orders", "customers", "products", "order_items"} <= set(tables)
    columns = await labels("2️⃣")
    assert "status" in columns and "amount" in columns and "email" not in columns
    assert columns["status"].kind == types.CompletionItemKind.Field
    methods = await labels("3️⃣")
    assert "group_by" in methods and methods["group_by"].documentation
    functions = await labels("4️⃣")
    assert functions["sum"].insert_text_format == types.InsertTextFormat.Snippet
    assert functions["sum"].detail.startswith("F.sum(")
    values = await labels("5️⃣")
    assert {"left", "inner", "anti"} <= set(values)


async def test_hover_signature_help_and_navigation(client: LanguageClient):
    text, at = marked(
        'bi1️⃣g = db.table("ord2️⃣ers").select()\n'
        "big.wh3️⃣ere(col(\"amount\") > 100)\n"
        "F.substring(col(\"status\"), 4️⃣\n"
    )
    uri = open_document(client, "hover.moltres", text)
    doc = types.TextDocumentIdentifier(uri=uri)
    table = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=at["2️⃣"]))
    assert "customer_id" in table.contents.value
    method = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=at["3️⃣"]))
    assert "where(condition)" in method.contents.value
    signature = await client.text_document_signature_help_async(
        types.SignatureHelpParams(text_document=doc, position=at["4️⃣"])
    )
    assert signature.signatures[0].label.startswith("F.substring(")
    assert signature.active_parameter == 1
    references = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc, position=at["1️⃣"], context=types.ReferenceContext(include_declaration=True)
        )
    )
    assert len(references) == 2
    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=types.Position(line=1, character=1))
    )
    assert definition[0].range.start.line == 0
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc, position=at["1️⃣"])
    )
    assert prepared is not None
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc, position=at["1️⃣"], new_name="large")
    )
    assert len(edit.changes[uri]) == 2


async def test_symbols_folding_tokens_lenses_formatting_inlay_hints(client: LanguageClient):
    text = (
        "# totals\n# by status\n"
        "totals = (\n"
        '    db.table("orders")\n'
        "    .select()\n"
        '    .group_by("status")\n'
        '    .agg(F.sum(col("amount")).alias("total"))\n'
        ")\n"
        "totals\n"
        'db.delete("orders", where=col("id") == -1)\n'
    )
    uri = open_document(client, "shape.moltres", text)
    doc = types.TextDocumentIdentifier(uri=uri)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc))
    assert [s.detail for s in symbols] == ["binding", "query", "mutation"]
    folding = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc))
    assert any(f.kind == "comment" for f in folding) and any(f.start_line == 2 for f in folding)
    tokens = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc))
    assert len(tokens.data) % 5 == 0 and len(tokens.data) > 40
    lenses = await client.text_document_code_lens_async(types.CodeLensParams(text_document=doc))
    titles = [lens.command.title for lens in lenses]
    assert "SQL" in titles and "Explain" in titles
    assert lenses[0].command.arguments[0]["uri"] == uri
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=doc, options=types.FormattingOptions(tab_size=4, insert_spaces=True))
    )
    assert edits is not None
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=doc, range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=20, character=0))
        )
    )
    assert hints and hints[0].label == ": [status: text, total: real]"


async def test_commands_refresh_schema_and_select_connection(client: LanguageClient):
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="moltres.refreshSchema", arguments=[{}])
    )
    assert "orders" in result["tables"]
    selected = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="moltres.selectConnection", arguments=[{"connection": "shop"}])
    )
    assert selected["connection"] == "shop"
    with pytest.raises(Exception):
        await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="moltres.selectConnection", arguments=[{"connection": "nope"}])
        )


async def test_commands_show_sql_run_query_run_file_explain_and_confirmation(client: LanguageClient):
    text = (
        'paid = db.table("orders").select().where(col("status") == "paid")\n'
        "paid.limit(3)\n"
        'db.update("orders", where=col("id") == 1, set={"status": "paid"})\n'
    )
    uri = open_document(client, "commands.moltres", text)

    async def run(command, argument):
        return await client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=command, arguments=[argument])
        )

    at = lambda line: {"uri": uri, "position": {"line": line, "character": 0}}
    sql = await run("moltres.showSQL", dict(at(1), dialect="postgresql"))
    assert sql["dialect"] == "postgresql" and "LIMIT" in sql["sql"] and len(sql["parameters"]) >= 1
    whole = await run("moltres.showSQL", {"uri": uri, "scope": "file"})
    assert [s["kind"] for s in whole["statements"]] == ["query", "mutation"]
    result = await run("moltres.runQuery", dict(at(1), limit=2))
    assert result["rowCount"] == 2 and result["truncated"] is True
    status = [c["name"] for c in result["columns"]].index("status")
    assert all(row[status] == "paid" for row in result["rows"])
    assert result["elapsedMs"] >= 0 and "SELECT" in result["sql"]
    refused = await run("moltres.runQuery", at(2))
    assert refused["needsConfirmation"] is True
    written = await run("moltres.runQuery", dict(at(2), confirmed=True))
    assert written["kind"] == "mutation" and written["rowCount"] == 1
    explained = await run("moltres.explain", at(1))
    assert explained["plan"] and "orders" in explained["sql"]
    file_result = await run("moltres.runFile", {"uri": uri, "confirmed": True})
    assert [s["line"] for s in file_result["statements"]] == [2, 3]
    # Schema loading and queries report work-done progress: begin ... end (a schema reload after the write may
    # still be running).
    reports = [r for r in client.progress_reports.values() if r]
    assert reports and all(r[0].kind == "begin" for r in reports)
    assert any(r[-1].kind == "end" and "query" in r[0].title.lower() for r in reports)


async def test_hover_shows_the_sql_of_a_pipeline_step(client: LanguageClient):
    text, at = marked('db.table("orders").select().wh1️⃣ere(col("amount") > 100)\n')
    uri = open_document(client, "step.moltres", text)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at["1️⃣"])
    )
    assert "SQL up to this step" in hover.contents.value and "WHERE" in hover.contents.value


async def test_unknown_column_has_a_quick_fix(client: LanguageClient):
    uri = open_document(client, "typo.moltres", 'db.table("orders").select().where(col("amout") > 1)\n')
    diagnostics = await diagnostics_for(client, uri, lambda d: any(x.code == "MOL2001" for x in d))
    typo = next(d for d in diagnostics if d.code == "MOL2001")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=typo.range,
            context=types.CodeActionContext(diagnostics=[typo]),
        )
    )
    assert actions and actions[0].kind == types.CodeActionKind.QuickFix
    assert actions[0].edit.changes[uri][0].new_text == "amount"
