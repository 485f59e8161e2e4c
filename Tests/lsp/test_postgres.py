"""The PostgreSQL part of the session: runs when MOLTRES_TEST_POSTGRES_URL is set.

With MOLTRES_REQUIRE_POSTGRES=1 and no URL, this fails instead of skipping.
"""

import os

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, LanguageClient as _Client  # noqa: F401
import pytest_lsp

from conftest import MOLTRES, WORKSPACE

URL = os.environ.get("MOLTRES_TEST_POSTGRES_URL")
REQUIRED = os.environ.get("MOLTRES_REQUIRE_POSTGRES") == "1"


def test_postgres_url_is_present_when_required():
    if REQUIRED:
        assert URL, "MOLTRES_REQUIRE_POSTGRES=1 but MOLTRES_TEST_POSTGRES_URL is not set"
    elif not URL:
        pytest.skip("MOLTRES_TEST_POSTGRES_URL is not set")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[MOLTRES, "lsp"]))
async def pg_client(lsp_client: LanguageClient):
    if not URL:
        if REQUIRED:
            pytest.fail("MOLTRES_REQUIRE_POSTGRES=1 but MOLTRES_TEST_POSTGRES_URL is not set")
        pytest.skip("MOLTRES_TEST_POSTGRES_URL is not set")
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        root_uri=WORKSPACE.as_uri(),
        initialization_options={"moltres": {"connections": {"pg": {"url": URL}}, "defaultConnection": "pg"}},
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def test_postgres_schema_and_completion(pg_client: LanguageClient):
    import subprocess

    subprocess.run([MOLTRES, "demo", "--db", URL, "--replace"], check=True, capture_output=True)
    result = await pg_client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="moltres.refreshSchema", arguments=[{}])
    )
    assert "orders" in result["tables"]
    uri = (WORKSPACE / "pg.moltres").as_uri()
    pg_client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="moltres", version=1, text='db.table("orders").select().where(col(""))\n'
            )
        )
    )
    completion = await pg_client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=39)
        )
    )
    assert "amount" in {item.label for item in completion.items}
