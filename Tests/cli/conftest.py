"""End-to-end tests of the `moltres` command-line tool: they run the real binary.

The binary is $MOLTRES_BIN, else .build/debug/moltres (scripts/test-cli.sh builds it).
PostgreSQL cases use $MOLTRES_TEST_POSTGRES_URL (scripts/with-postgres.sh sets it); without it they skip,
unless MOLTRES_REQUIRE_POSTGRES=1, in which case they fail.
"""

import json
import os
import shutil
import subprocess
import urllib.parse
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def moltres_binary() -> str:
    explicit = os.environ.get("MOLTRES_BIN")
    if explicit:
        return explicit
    return str(ROOT / ".build" / "debug" / "moltres")


class Result:
    def __init__(self, completed: subprocess.CompletedProcess):
        self.status = completed.returncode
        # Decoded by hand: text mode would turn CSV's \r\n line ends into \n.
        self.stdout = completed.stdout.decode("utf-8", errors="replace")
        self.stderr = completed.stderr.decode("utf-8", errors="replace")

    def __repr__(self):
        return f"exit {self.status}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"

    def jsonl(self):
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


def run_moltres(*arguments, cwd=None, env=None, input=None) -> Result:
    environment = dict(os.environ)
    environment.pop("MOLTRES_DSN", None)
    if env:
        environment.update(env)
    completed = subprocess.run(
        [moltres_binary(), *map(str, arguments)],
        cwd=cwd,
        env=environment,
        input=input.encode("utf-8") if input is not None else None,
        capture_output=True,
        timeout=120,
    )
    return Result(completed)


@pytest.fixture(scope="session")
def moltres():
    binary = moltres_binary()
    if not os.access(binary, os.X_OK):
        pytest.fail(f"no moltres binary at {binary}: run `swift build --product moltres` or scripts/test-cli.sh")
    return run_moltres


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory, moltres):
    """A demo shop SQLite database made once; tests copy it."""
    path = tmp_path_factory.mktemp("template") / "shop.db"
    result = moltres("demo", "--db", f"sqlite:///{path}")
    assert result.status == 0, result
    return path


@pytest.fixture
def shop_db(tmp_path, demo_template):
    """A private copy of the demo shop database: (path, url)."""
    path = tmp_path / "shop.db"
    shutil.copyfile(demo_template, path)
    return path, f"sqlite:///{path}"


def postgres_base_url():
    url = os.environ.get("MOLTRES_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("MOLTRES_REQUIRE_POSTGRES") == "1":
            pytest.fail("MOLTRES_REQUIRE_POSTGRES=1 but MOLTRES_TEST_POSTGRES_URL is not set")
        pytest.skip("PostgreSQL not available: set MOLTRES_TEST_POSTGRES_URL (scripts/with-postgres.sh does)")
    return url


def psql_binary():
    directory = os.environ.get("MOLTRES_TEST_POSTGRES_BIN")
    if directory and os.access(os.path.join(directory, "psql"), os.X_OK):
        return os.path.join(directory, "psql")
    found = shutil.which("psql")
    if not found:
        pytest.fail("psql is needed to create a scratch PostgreSQL database")
    return found


def with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def psql(url: str, sql: str):
    completed = subprocess.run(
        [psql_binary(), url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


@pytest.fixture
def postgres_db(moltres):
    """A fresh PostgreSQL database holding the demo shop: its URL. Dropped afterwards."""
    base = postgres_base_url()
    name = "moltres_cli_" + uuid.uuid4().hex[:12]
    psql(base, f'CREATE DATABASE "{name}"')
    url = with_database(base, name)
    try:
        result = moltres("demo", "--db", url, "--replace")
        assert result.status == 0, result
        yield url
    finally:
        psql(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def write_file(tmp_path):
    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
