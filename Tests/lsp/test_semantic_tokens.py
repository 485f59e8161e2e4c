"""Semantic tokens from the checker's results, over the real binary: full, range and full/delta."""

from lsprotocol import types
from pytest_lsp import LanguageClient

from conftest import marked, open_document


def decode(data, legend):
    tokens, line, character = [], 0, 0
    for i in range(0, len(data), 5):
        line += data[i]
        character = character + data[i + 1] if data[i] == 0 else data[i + 1]
        modifiers = {m for bit, m in enumerate(legend.token_modifiers) if data[i + 4] & (1 << bit)}
        tokens.append((line, character, data[i + 2], legend.token_types[data[i + 3]], modifiers))
    return tokens


async def test_semantic_tokens_follow_the_checker(client: LanguageClient):
    legend = client.initialize_result.capabilities.semantic_tokens_provider.legend
    assert client.initialize_result.capabilities.semantic_tokens_provider.range is True
    text, at = marked(
        '1️⃣paid = db.table("2️⃣orders").where(col("3️⃣amount") > 100)\n'
        "4️⃣ghost.limit(1)\n"
    )
    uri = open_document(client, "tokens.moltres", text)
    doc = types.TextDocumentIdentifier(uri=uri)
    full = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc))
    tokens = {(t[0], t[1]): t for t in decode(full.data, legend)}
    assert tokens[(0, 0)][3:] == ("variable", {"declaration", "dataFrame"})
    assert tokens[(at["2️⃣"].line, at["2️⃣"].character)][2:4] == (6, "type")
    assert tokens[(at["3️⃣"].line, at["3️⃣"].character)][3:] == ("property", {"readonly"})
    assert (at["4️⃣"].line, at["4️⃣"].character) not in tokens  # unknown name: not coloured as known

    in_range = await client.text_document_semantic_tokens_range_async(
        types.SemanticTokensRangeParams(
            text_document=doc, range=types.Range(start=types.Position(line=1, character=0), end=types.Position(line=2, character=0))
        )
    )
    assert all(t[0] == 1 for t in decode(in_range.data, legend))

    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line=1, character=0), end=types.Position(line=1, character=5)),
                text="paid")],
        )
    )
    delta = await client.text_document_semantic_tokens_full_delta_async(
        types.SemanticTokensDeltaParams(text_document=doc, previous_result_id=full.result_id)
    )
    assert isinstance(delta, types.SemanticTokensDelta) and len(delta.edits) == 1
    data = list(full.data)
    edit = delta.edits[0]
    data[edit.start:edit.start + edit.delete_count] = edit.data or []
    patched = {(t[0], t[1]): t for t in decode(data, legend)}
    assert patched[(1, 0)][3:] == ("variable", {"dataFrame"})
