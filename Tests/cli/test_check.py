"""`moltres check`: diagnostics format, JSON output, exit codes."""

import json
import re

from conftest import EXAMPLES

LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|information|hint): .+ \[MOL\d{4}\]$")


def test_clean_file_exits_zero(moltres, write_file):
    path = write_file("good.moltres", 'db.table("orders").where(col("amount") > 100)\n')
    result = moltres("check", path)
    assert result.status == 0, result
    assert result.stdout == ""


def test_syntax_error_is_reported_with_location(moltres, write_file):
    path = write_file("bad.moltres", 'ok = db.table("orders")\nbad = db.table("orders").where(col("amount") >)\n')
    result = moltres("check", path)
    assert result.status == 1, result
    lines = result.stdout.splitlines()
    assert lines, result
    for line in lines:
        assert LINE.match(line), line
    first = LINE.match(lines[0])
    assert first["path"] == str(path)
    assert first["line"] == "2"
    assert first["severity"] == "error"


def test_columns_count_characters(moltres, write_file):
    # "é" is two UTF-8 bytes and the emoji four; columns must count one each.
    path = write_file("wide.moltres", 'x = "é😀" +\n')
    result = moltres("check", path)
    assert result.status == 1, result
    match = LINE.match(result.stdout.splitlines()[0])
    assert match["line"] == "1"
    assert int(match["column"]) <= 12


def test_diagnostics_are_sorted_across_lines(moltres, write_file):
    path = write_file("two.moltres", "a = (\nb = 1\nc = ]\nd = )\n")
    result = moltres("check", path)
    assert result.status == 1
    positions = [(int(m["line"]), int(m["column"])) for m in map(LINE.match, result.stdout.splitlines())]
    assert positions == sorted(positions)


def test_unknown_column_with_schema(moltres, write_file, shop_db):
    _, url = shop_db
    path = write_file("unknown.moltres", 'db.table("orders").select("amout")\n')
    result = moltres("check", path, "--db", url)
    assert result.status == 1, result
    assert "amout" in result.stdout
    assert re.search(r"\[MOL2\d{3}\]", result.stdout), result


def test_schema_file(moltres, write_file, shop_db, tmp_path):
    _, url = shop_db
    schema = moltres("schema", "--db", url, "--json")
    assert schema.status == 0, schema
    schema_path = tmp_path / "schema.json"
    schema_path.write_text(schema.stdout)
    good = write_file("good.moltres", 'db.table("orders").select("amount")\n')
    assert moltres("check", good, "--schema", schema_path).status == 0
    bad = write_file("bad.moltres", 'db.table("ordres").select("amount")\n')
    result = moltres("check", bad, "--schema", schema_path)
    assert result.status == 1, result
    assert "ordres" in result.stdout


def test_json_format(moltres, write_file):
    good = write_file("good.moltres", 'db.table("orders")\n')
    bad = write_file("bad.moltres", "x = (1 +\n")
    result = moltres("check", good, bad, "--format", "json")
    assert result.status == 1, result
    entries = json.loads(result.stdout)
    assert isinstance(entries, list) and entries
    for entry in entries:
        assert set(entry) >= {"file", "line", "column", "endLine", "endColumn", "severity", "code", "message", "fixes"}
        assert entry["file"] == str(bad)
        assert entry["code"].startswith("MOL")
        assert isinstance(entry["fixes"], list)
    assert json.loads(moltres("check", good, "--format", "json").stdout) == []


def test_unreadable_file(moltres, tmp_path):
    missing = tmp_path / "missing.moltres"
    result = moltres("check", missing)
    assert result.status == 1
    assert str(missing) in result.stderr
    assert "cannot read" in result.stderr


def test_examples_are_clean(moltres, shop_db):
    _, url = shop_db
    files = sorted(EXAMPLES.glob("*.moltres"))
    assert len(files) >= 6
    result = moltres("check", *files, "--db", url)
    assert result.status == 0, result


def test_schema_from_environment(moltres, write_file, shop_db):
    _, url = shop_db
    path = write_file("unknown.moltres", 'db.table("orders").select("amout")\n')
    result = moltres("check", path, env={"MOLTRES_DSN": url})
    assert result.status == 1, result
    assert "amout" in result.stdout


def test_db_and_schema_together_is_a_usage_error(moltres, write_file):
    path = write_file("good.moltres", 'db.table("orders")\n')
    assert moltres("check", path, "--db", "sqlite:///:memory:", "--schema", "x.json").status == 64
