"""The server asks clients that support dynamic registration to watch moltres.toml and schema files."""

import asyncio

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import MOLTRES, WORKSPACE

REGISTRATIONS: list[types.Registration] = []


def initialize_params(dynamic: bool) -> types.InitializeParams:
    return types.InitializeParams(
        capabilities=types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=dynamic)
            )
        ),
        root_uri=WORKSPACE.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=WORKSPACE.as_uri(), name="ws")],
    )


def record_registrations(client: LanguageClient):
    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        REGISTRATIONS.extend(params.registrations)
        return None


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[MOLTRES, "lsp"]))
async def watching_client(lsp_client: LanguageClient):
    REGISTRATIONS.clear()
    record_registrations(lsp_client)
    await lsp_client.initialize_session(initialize_params(dynamic=True))
    yield
    await lsp_client.shutdown_session()


async def test_the_server_registers_a_watcher_for_its_configuration(watching_client: LanguageClient):
    for _ in range(100):
        if REGISTRATIONS:
            break
        await asyncio.sleep(0.02)
    assert [r.method for r in REGISTRATIONS] == ["workspace/didChangeWatchedFiles"]
    globs = [w["globPattern"] for w in REGISTRATIONS[0].register_options["watchers"]]
    assert "**/moltres.toml" in globs


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[MOLTRES, "lsp"]))
async def static_client(lsp_client: LanguageClient):
    REGISTRATIONS.clear()
    record_registrations(lsp_client)
    await lsp_client.initialize_session(initialize_params(dynamic=False))
    yield
    await lsp_client.shutdown_session()


async def test_no_registration_without_client_support(static_client: LanguageClient):
    await static_client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="moltres.refreshSchema", arguments=[{}])
    )
    await asyncio.sleep(0.2)
    assert REGISTRATIONS == []
