"""Hostile input over raw stdio: the server answers with the proper JSON-RPC error and keeps serving."""

import json
import subprocess
import time

from conftest import MOLTRES, WORKSPACE


class RawSession:
    def __init__(self):
        self.process = subprocess.Popen(
            [MOLTRES, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.buffer = b""

    def send_bytes(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read(self, timeout=10.0):
        """Reads one framed message (stdout must carry nothing else)."""
        deadline = time.time() + timeout
        while True:
            if b"\r\n\r\n" in self.buffer:
                header, rest = self.buffer.split(b"\r\n\r\n", 1)
                assert header.startswith(b"Content-Length: "), f"stray output on stdout: {header[:80]!r}"
                length = int(header.split(b":")[1])
                if len(rest) >= length:
                    self.buffer = rest[length:]
                    return json.loads(rest[:length])
            assert time.time() < deadline, "timed out waiting for the server"
            chunk = self.process.stdout.read1(65536)
            assert chunk, "server closed stdout"
            self.buffer += chunk

    def next_response(self, timeout=10.0):
        """The next response, skipping the server's notifications and requests."""
        while True:
            message = self.read(timeout)
            if "method" not in message:
                return message

    def response(self, request_id, timeout=10.0):
        while True:
            message = self.read(timeout)
            if message.get("id") == request_id and "method" not in message:
                return message

    def initialize(self):
        self.send({"jsonrpc": "2.0", "id": "init", "method": "initialize",
                   "params": {"capabilities": {}, "rootUri": WORKSPACE.as_uri()}})
        assert "result" in self.response("init")
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def close(self):
        self.send({"jsonrpc": "2.0", "id": "bye", "method": "shutdown"})
        assert self.response("bye")["result"] is None
        self.send({"jsonrpc": "2.0", "method": "exit"})
        return self.process.wait(timeout=10)


def test_before_initialize_and_after_shutdown():
    session = RawSession()
    session.send({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}})
    assert session.response(1)["error"]["code"] == -32002
    session.initialize()
    session.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    assert session.response(2)["result"] is None
    session.send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {}})
    assert session.response(3)["error"]["code"] == -32600
    session.send({"jsonrpc": "2.0", "method": "exit"})
    assert session.process.wait(timeout=10) == 0


def test_exit_without_shutdown_is_status_one():
    session = RawSession()
    session.initialize()
    session.send({"jsonrpc": "2.0", "method": "exit"})
    assert session.process.wait(timeout=10) == 1


def test_malformed_frames_invalid_json_wrong_params_and_unknown_methods():
    session = RawSession()
    session.initialize()
    session.send_bytes(b"Content-Length: 12\r\n\r\n{not json!!}")
    assert session.next_response()["error"]["code"] == -32700
    session.send_bytes(b"Content-Lngth: 5\r\n\r\nhello")
    assert session.next_response()["error"]["code"] == -32700
    session.send({"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"textDocument": 42}})
    assert session.response(4)["error"]["code"] == -32602
    session.send({"jsonrpc": "2.0", "id": 5, "method": "textDocument/nonsense", "params": {}})
    assert session.response(5)["error"]["code"] == -32601
    session.send({"jsonrpc": "2.0", "id": 6, "method": "workspace/executeCommand",
                  "params": {"command": "moltres.showSQL", "arguments": ["not an object"]}})
    assert session.response(6)["error"]["code"] == -32602
    # Still serving.
    session.send({"jsonrpc": "2.0", "id": 7, "method": "workspace/executeCommand",
                  "params": {"command": "moltres.refreshSchema", "arguments": [{}]}})
    assert "orders" in session.response(7)["result"]["tableNames"]
    assert session.close() == 0


def test_ten_thousand_requests_flooded():
    session = RawSession()
    session.initialize()
    uri = (WORKSPACE / "flood.moltres").as_uri()
    session.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "moltres", "version": 1, "text": 'x = db.table("orders").select()\nx.where(col("amount") > 1)\n'}}})
    frames = []
    for number in range(10_000):
        body = json.dumps({"jsonrpc": "2.0", "id": number, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": uri}, "position": {"line": 1, "character": 3}}}).encode()
        frames.append(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    started = time.time()
    session.send_bytes(b"".join(frames))
    answered = set()
    while len(answered) < 10_000:
        message = session.read(timeout=60)
        if "id" in message and "method" not in message:
            assert "result" in message
            answered.add(message["id"])
    assert time.time() - started < 60
    assert session.close() == 0


def test_database_stopped_mid_session(tmp_path):
    """The connection's database file disappears: schema refresh fails with an error, the server keeps serving."""
    import shutil

    workspace = tmp_path / "ws"
    workspace.mkdir()
    shutil.copy(WORKSPACE / "shop.db", workspace / "shop.db")
    (workspace / "moltres.toml").write_text('[connections.shop]\nurl = "sqlite:///shop.db"\n')
    session = RawSession()
    session.send({"jsonrpc": "2.0", "id": "init", "method": "initialize",
                  "params": {"capabilities": {}, "rootUri": workspace.as_uri()}})
    session.response("init")
    session.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    session.send({"jsonrpc": "2.0", "id": 1, "method": "workspace/executeCommand",
                  "params": {"command": "moltres.refreshSchema", "arguments": [{}]}})
    assert "orders" in session.response(1)["result"]["tableNames"]
    shutil.rmtree(workspace)
    session.send({"jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand",
                  "params": {"command": "moltres.refreshSchema", "arguments": [{}]}})
    reply = session.response(2)
    assert "error" in reply or reply["result"]["tableNames"] == []
    session.send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": "file:///nowhere.moltres"}, "position": {"line": 0, "character": 0}}})
    assert "error" in session.response(3)
    assert session.close() == 0


def test_cancel_request_interrupts_a_running_query():
    session = RawSession()
    session.initialize()
    uri = (WORKSPACE / "slow.moltres").as_uri()
    slow = ('db.table("order_items").cross_join(db.table("order_items")).cross_join(db.table("order_items"))'
            '.cross_join(db.table("orders")).count()\n')
    session.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "moltres", "version": 1, "text": slow}}})
    session.send({"jsonrpc": "2.0", "id": "slow", "method": "workspace/executeCommand", "params": {
        "command": "moltres.runQuery", "arguments": [{"uri": uri, "position": {"line": 0, "character": 0}}]}})
    time.sleep(0.5)
    started = time.time()
    session.send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": "slow"}})
    reply = session.response("slow", timeout=30)
    assert reply.get("error", {}).get("code") == -32800, reply
    assert time.time() - started < 5
    # The server still answers.
    session.send({"jsonrpc": "2.0", "id": 2, "method": "workspace/executeCommand",
                  "params": {"command": "moltres.refreshSchema", "arguments": [{}]}})
    assert "tables" in session.response(2)["result"]
    assert session.close() == 0


def test_show_sql_answers_while_a_query_runs():
    """The SQL code lens waited for a running query to finish (it ran on the database queue though it needs no
    database): while a slow query runs, showSQL of another statement is answered first."""
    session = RawSession()
    session.initialize()
    uri = (WORKSPACE / "slow_and_sql.moltres").as_uri()
    text = ('db.table("order_items").cross_join(db.table("order_items")).cross_join(db.table("order_items"))'
            '.cross_join(db.table("orders")).count()\n'
            'db.table("orders").where(col("amount") > 100).select("id")\n')
    session.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "moltres", "version": 1, "text": text}}})
    session.send({"jsonrpc": "2.0", "id": "slow", "method": "workspace/executeCommand", "params": {
        "command": "moltres.runQuery", "arguments": [{"uri": uri, "position": {"line": 0, "character": 0}}]}})
    time.sleep(0.5)
    session.send({"jsonrpc": "2.0", "id": "sql", "method": "workspace/executeCommand", "params": {
        "command": "moltres.showSQL", "arguments": [{"uri": uri, "position": {"line": 1, "character": 0}}]}})
    first = session.next_response(timeout=60)
    assert first.get("id") == "sql", first
    assert '"amount" > ?' in first["result"]["sql"]
    session.send({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": "slow"}})
    assert session.response("slow", timeout=60).get("error", {}).get("code") == -32800
    assert session.close() == 0


def test_oversized_frame_is_refused_and_deep_json_is_rejected():
    session = RawSession()
    session.initialize()
    # A frame that claims more than the 64 MiB limit: a parse error, and the connection keeps reading.
    session.send_bytes(b"Content-Length: 999999999999\r\n\r\n")
    assert session.next_response()["error"]["code"] == -32700
    # Deeply nested JSON is rejected with a parse error (id null), not crashed on.
    deep = b"[" * 100_000 + b"]" * 100_000
    body = b'{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":' + deep + b"}"
    session.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    assert session.next_response()["error"]["code"] == -32700
    session.send({"jsonrpc": "2.0", "id": 10, "method": "workspace/executeCommand",
                  "params": {"command": "moltres.refreshSchema", "arguments": [{}]}})
    assert "tables" in session.response(10)["result"]
    assert session.close() == 0
