"""Shared fixtures: the `moltres` binary, a workspace with the demo shop database, and a pytest-lsp client."""

import os
import pathlib
import subprocess
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
MOLTRES = os.environ.get("MOLTRES_BIN", str(ROOT / ".build" / "debug" / "moltres"))


def make_workspace(base: pathlib.Path) -> pathlib.Path:
    """A workspace folder with shop.db (the demo shop) and a moltres.toml naming it."""
    base.mkdir(parents=True, exist_ok=True)
    database = base / "shop.db"
    if not database.exists():
        subprocess.run([MOLTRES, "demo", "--db", f"sqlite:///{database}"], check=True, capture_output=True)
    (base / "moltres.toml").write_text(
        'default_connection = "shop"\npreview_row_limit = 50\n\n[connections.shop]\nurl = "sqlite:///shop.db"\n'
    )
    return base


WORKSPACE = make_workspace(pathlib.Path(os.environ.get("MOLTRES_LSP_TEST_DIR", "/tmp/moltres-lsp-e2e")) / "ws")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[MOLTRES, "lsp"]))
async def client(lsp_client: LanguageClient):
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(
            window=types.WindowClientCapabilities(work_done_progress=True),
            text_document=types.TextDocumentClientCapabilities(
                completion=types.CompletionClientCapabilities(
                    completion_item=types.ClientCompletionItemOptions(
                        snippet_support=True, documentation_format=[types.MarkupKind.Markdown]
                    )
                ),
                hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
                signature_help=types.SignatureHelpClientCapabilities(
                    signature_information=types.ClientSignatureInformationOptions(
                        documentation_format=[types.MarkupKind.Markdown]
                    )
                ),
            ),
        ),
        root_uri=WORKSPACE.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=WORKSPACE.as_uri(), name="ws")],
    )
    # Kept for tests that read the server's capabilities (the semantic tokens legend).
    lsp_client.initialize_result = await lsp_client.initialize_session(params)
    # Make sure the live schema is loaded before the test starts.
    await lsp_client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="moltres.refreshSchema", arguments=[{}])
    )
    yield
    await lsp_client.shutdown_session()


MARKERS = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣"]


def marked(text: str):
    """Removes the markers from text; returns (text, {marker: Position}) with UTF-16 columns."""
    positions = {}
    out = []
    line = 0
    character = 0
    index = 0
    while index < len(text):
        for marker in MARKERS:
            if text.startswith(marker, index):
                positions[marker] = types.Position(line=line, character=character)
                index += len(marker)
                break
        else:
            ch = text[index]
            out.append(ch)
            if ch == "\n":
                line += 1
                character = 0
            else:
                character += len(ch.encode("utf-16-le")) // 2
            index += 1
    return "".join(out), positions


def open_document(client: LanguageClient, name: str, text: str, version: int = 1) -> str:
    uri = (WORKSPACE / name).as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="moltres", version=version, text=text)
        )
    )
    return uri
