"""Write statements from the editor are confirmed through `window/showMessageRequest` when the client can answer."""

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import MOLTRES, WORKSPACE, open_document

QUESTIONS: list[types.ShowMessageRequestParams] = []
ANSWERS: list[str | None] = []


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[MOLTRES, "lsp"]))
async def asking_client(lsp_client: LanguageClient):
    @lsp_client.feature(types.WINDOW_SHOW_MESSAGE_REQUEST)
    def show_message_request(params: types.ShowMessageRequestParams):
        QUESTIONS.append(params)
        title = ANSWERS.pop(0)
        return None if title is None else types.MessageActionItem(title=title)

    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(
            window=types.WindowClientCapabilities(
                show_message=types.ShowMessageRequestClientCapabilities(
                    message_action_item=types.ClientShowMessageActionItemOptions(additional_properties_support=False)
                )
            )
        ),
        root_uri=WORKSPACE.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=WORKSPACE.as_uri(), name="ws")],
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


async def test_a_write_runs_only_when_the_user_says_run(asking_client: LanguageClient):
    text = 'db.update("customers", where=col("id") == 2, set={"country": "XX"})\n'
    uri = open_document(asking_client, "confirm.moltres", text)
    at = {"uri": uri, "position": {"line": 0, "character": 0}}

    async def run():
        return await asking_client.workspace_execute_command_async(
            types.ExecuteCommandParams(command="moltres.runQuery", arguments=[at])
        )

    async def country():
        result = await asking_client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command="moltres.runQuery",
                arguments=[{"uri": probe, "position": {"line": 0, "character": 0}}],
            )
        )
        return result["rows"][0][0]

    probe = open_document(asking_client, "probe.moltres", 'db.table("customers").where(col("id") == 2).select("country")\n')
    before = await country()
    assert before != "XX"

    # Declined: the command fails as cancelled and nothing is written.
    QUESTIONS.clear()
    ANSWERS[:] = ["Cancel"]
    try:
        await run()
        raise AssertionError("a declined write must not succeed")
    except Exception as error:  # the client raises the JSON-RPC error
        assert "not confirmed" in str(error)
    assert len(QUESTIONS) == 1 and "writes to the database" in QUESTIONS[0].message
    assert [action.title for action in QUESTIONS[0].actions] == ["Run", "Cancel"]
    assert await country() == before

    # Dismissed (null answer): also not run.
    ANSWERS[:] = [None]
    try:
        await run()
        raise AssertionError("a dismissed question must not run the write")
    except Exception as error:
        assert "not confirmed" in str(error)
    assert await country() == before

    # Confirmed: it runs and reports the row count.
    ANSWERS[:] = ["Run"]
    written = await run()
    assert written["kind"] == "mutation" and written["rowCount"] == 1
    assert await country() == "XX"

    # Put the row back so other tests see the demo data (confirmed up front: no question asked).
    QUESTIONS.clear()
    restore = open_document(
        asking_client, "restore.moltres", f'db.update("customers", where=col("id") == 2, set={{"country": "{before}"}})\n'
    )
    await asking_client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command="moltres.runQuery",
            arguments=[{"uri": restore, "position": {"line": 0, "character": 0}, "confirmed": True}],
        )
    )
    assert QUESTIONS == []
    assert await country() == before
