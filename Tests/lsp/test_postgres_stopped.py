"""A PostgreSQL server stopped mid-session: clear errors, the server keeps serving, and it recovers after a restart.

The test starts its OWN throwaway cluster (as scripts/with-postgres.sh does: initdb and pg_ctl, as the `postgres`
OS user when running as root, listening only on a unix socket in a temporary directory), so stopping it with
`pg_ctl stop -m immediate` cannot disturb the shared test server.
"""

import asyncio
import os
import pathlib
import random
import shutil
import subprocess
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import MOLTRES, WORKSPACE


def postgres_bin() -> pathlib.Path:
    """The PostgreSQL bin directory: $MOLTRES_TEST_POSTGRES_BIN, the newest /usr/lib/postgresql/N/bin, or PATH."""
    given = os.environ.get("MOLTRES_TEST_POSTGRES_BIN") or os.environ.get("MOLTRES_POSTGRES_BIN")
    if given:
        return pathlib.Path(given)
    versions = sorted(
        (p for p in pathlib.Path("/usr/lib/postgresql").glob("*/bin") if p.parent.name.isdigit()),
        key=lambda p: int(p.parent.name),
    )
    if versions:
        return versions[-1]
    found = shutil.which("pg_ctl")
    assert found, "no PostgreSQL server binaries (pg_ctl) found"
    return pathlib.Path(found).parent


class Cluster:
    """A throwaway PostgreSQL cluster on a unix socket."""

    def __init__(self):
        self.bin = postgres_bin()
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="moltres-pgstop.", dir="/tmp"))
        self.data = self.dir / "data"
        self.port = random.randint(40000, 59999)
        self.root = os.getuid() == 0
        os.chmod(self.dir, 0o755)
        if self.root:
            shutil.chown(self.dir, "postgres")
        self.as_server(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
            "--locale=C", "--no-sync",
        )
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"listen_addresses = ''\nunix_socket_directories = '{self.dir}'\nport = {self.port}\n"
                # Commits are synchronous: an immediate stop must not lose the demo data written just before.
                "fsync = off\n"
            )
        self.start()
        subprocess.run(
            [str(self.bin / "psql"), "-X", "-q", "-h", str(self.dir), "-p", str(self.port), "-U", "postgres",
             "-d", "postgres", "-c", "CREATE DATABASE moltres_stop"],
            check=True, capture_output=True,
        )
        self.url = f"postgresql://postgres@/moltres_stop?host={self.dir}&port={self.port}"

    def as_server(self, *command: str):
        prefix = ["runuser", "-u", "postgres", "--"] if self.root else []
        return subprocess.run(prefix + list(command), check=True, capture_output=True)

    def start(self):
        self.as_server(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "log"), "-w", "-t",
                       "60", "-s", "start")

    def stop(self):
        self.as_server(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "-t", "30", "stop")

    def destroy(self):
        subprocess.run(
            (["runuser", "-u", "postgres", "--"] if self.root else [])
            + [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster():
    started = Cluster()
    try:
        subprocess.run([MOLTRES, "demo", "--db", started.url], check=True, capture_output=True)
        yield started
    finally:
        started.destroy()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[MOLTRES, "lsp"]))
async def stop_client(lsp_client: LanguageClient, request):
    database = request.getfixturevalue("cluster")
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        root_uri=WORKSPACE.as_uri(),
        initialization_options={
            "moltres": {"connections": {"stoppable": {"url": database.url}}, "defaultConnection": "stoppable"}
        },
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def command(client: LanguageClient, name: str, argument: dict):
    return await client.workspace_execute_command_async(types.ExecuteCommandParams(command=name, arguments=[argument]))


async def wait_until(predicate, timeout: float = 10.0, what=lambda: None):
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, f"timed out; state: {what()}"
        await asyncio.sleep(0.02)


async def test_postgres_stopped_mid_session_then_restarted(stop_client: LanguageClient, request):
    client = stop_client
    database = request.getfixturevalue("cluster")
    schema = await command(client, "moltres.refreshSchema", {})
    assert "orders" in schema["tableNames"]
    uri = (WORKSPACE / "stoppable.moltres").as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="moltres", version=1,
                text='db.table("orders").select("id", "amount").order_by("id").limit(3)\n',
            )
        )
    )
    at = {"uri": uri, "position": {"line": 0, "character": 0}}
    before = await command(client, "moltres.runQuery", at)
    assert before["rowCount"] == 3 and [c["name"] for c in before["columns"]] == ["id", "amount"]
    await wait_until(lambda: uri in client.diagnostics)

    database.stop()

    # A query: a JSON-RPC error that names the connection problem.
    with pytest.raises(JsonRpcException) as failed:
        await command(client, "moltres.runQuery", at)
    assert "cannot connect" in str(failed.value) and "moltres_stop" in str(failed.value)

    # An edit: diagnostics still come (from the cached schema), and the lost connection is shown once.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(
                text='db.table("orders").select("id", "amount").order_by("id").limit(3)\n'
                     'db.table("orders").select().where(col("amout") > 1)\n')],
        )
    )
    await wait_until(lambda: any(d.code == "MOL2001" for d in client.diagnostics.get(uri, [])))
    await wait_until(lambda: any("cannot reach" in m.message for m in client.messages), what=lambda: (client.diagnostics.get(uri), client.messages))
    warning = next(m for m in client.messages if "cannot reach" in m.message)
    assert warning.type == types.MessageType.Warning and "Refresh Schema" in warning.message

    # A schema refresh: a JSON-RPC error.
    with pytest.raises(JsonRpcException) as refresh_failed:
        await command(client, "moltres.refreshSchema", {})
    assert "cannot load the schema" in str(refresh_failed.value)

    # The server keeps serving: completion and hover still answer.
    completion = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri),
                               position=types.Position(line=0, character=9))
    )
    assert completion is not None
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri),
                          position=types.Position(line=0, character=22))
    )
    assert hover is None or hover.contents is not None

    database.start()

    schema = await command(client, "moltres.refreshSchema", {})
    assert "orders" in schema["tableNames"]
    after = await command(client, "moltres.runQuery", at)
    assert after["rows"] == before["rows"]
