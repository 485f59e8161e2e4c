"""`moltres.runFile` runs a file as `moltres run` does: transaction blocks, txn.commit()/rollback(), savepoints."""

import sqlite3

from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import WORKSPACE, open_document


async def run_file(client: LanguageClient, uri: str, **extra):
    return await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="moltres.runFile", arguments=[dict({"uri": uri}, **extra)])
    )


async def create_table(client: LanguageClient, name: str, columns: str):
    """(Re)creates a table in the workspace database and has the server reload the schema."""
    with sqlite3.connect(WORKSPACE / "shop.db") as database:
        database.execute(f"DROP TABLE IF EXISTS {name}")
        database.execute(f"CREATE TABLE {name} ({columns})")
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="moltres.refreshSchema", arguments=[{}])
    )


async def test_run_file_honours_commit_rollback_and_savepoints(client: LanguageClient):
    await create_table(client, "e2e_ledger", "id INTEGER PRIMARY KEY, note TEXT NOT NULL")
    uri = open_document(
        client,
        "transactions.moltres",
        "with db.transaction() as txn:\n"
        '    db.insert("e2e_ledger", [{"id": 1, "note": "committed"}])\n'
        "    txn.commit()\n"
        '    db.insert("e2e_ledger", [{"id": 2, "note": "rolled back"}])\n'
        "    txn.rollback()\n"
        '    db.insert("e2e_ledger", [{"id": 3, "note": "before the savepoint"}])\n'
        '    txn.savepoint("a")\n'
        '    db.insert("e2e_ledger", [{"id": 4, "note": "undone to the savepoint"}])\n'
        '    txn.rollback_to_savepoint("a")\n'
        'db.table("e2e_ledger").order_by("id").select("id")\n',
    )
    refused = await run_file(client, uri)
    assert refused["needsConfirmation"] is True
    with sqlite3.connect(WORKSPACE / "shop.db") as database:
        assert database.execute("SELECT count(*) FROM e2e_ledger").fetchone() == (0,)

    result = await run_file(client, uri, confirmed=True)
    assert [s["line"] for s in result["statements"]] == [2, 4, 6, 8, 10]
    assert result["statements"][-1]["rows"] == [[1], [3]]
    with sqlite3.connect(WORKSPACE / "shop.db") as database:
        assert database.execute("SELECT id FROM e2e_ledger ORDER BY id").fetchall() == [(1,), (3,)]


async def test_a_failing_block_is_rolled_back_and_reported_on_its_line(client: LanguageClient):
    await create_table(client, "e2e_failing", "id INTEGER PRIMARY KEY")
    uri = open_document(
        client,
        "failing.moltres",
        "with db.transaction() as txn:\n"
        '    db.insert("e2e_failing", [{"id": 1}])\n'
        '    db.insert("e2e_failing", [{"id": 1}])\n',
    )
    try:
        await run_file(client, uri, confirmed=True)
    except Exception as error:  # pygls raises JsonRpcException subclasses for error replies
        assert "line 3" in str(error) and "MOL6001" in str(error)
    else:
        raise AssertionError("a failing transaction block must fail the command")
    with sqlite3.connect(WORKSPACE / "shop.db") as database:
        assert database.execute("SELECT count(*) FROM e2e_failing").fetchone() == (0,)
