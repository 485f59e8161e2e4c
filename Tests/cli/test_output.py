"""`moltres run` output details: NULL distinct from look-alike text in table and CSV output."""

import csv
import io

DISTINCT = """\
db.sql("SELECT NULL AS a, 'NULL' AS b, '' AS c")
"""


def test_table_shows_null_and_the_text_null_differently(moltres, write_file, shop_db):
    _, url = shop_db
    result = moltres("run", write_file("n.moltres", DISTINCT), "--db", url)
    assert result.status == 0, result
    row = [cell.strip() for cell in result.stdout.splitlines()[2].split("|")]
    assert row == ["NULL", '"NULL"', ""]
    assert result.stdout.splitlines()[3].startswith("(1 row, ")


def test_csv_keeps_null_and_the_empty_string_apart(moltres, write_file, shop_db):
    _, url = shop_db
    result = moltres("run", write_file("n.moltres", DISTINCT), "--db", url, "--format", "csv")
    assert result.status == 0, result
    assert result.stdout == 'a,b,c\r\n,NULL,""\r\n'
    assert list(csv.reader(io.StringIO(result.stdout, newline=""))) == [["a", "b", "c"], ["", "NULL", ""]]


def test_jsonl_keeps_null_as_null(moltres, write_file, shop_db):
    _, url = shop_db
    result = moltres("run", write_file("n.moltres", DISTINCT), "--db", url, "--format", "jsonl")
    assert result.status == 0, result
    (line,) = result.jsonl()
    assert line["rows"] == [[None, "NULL", ""]]
    assert {"statement", "line", "kind", "sql", "columns", "rows", "rowCount"} <= set(line)
    assert line["kind"] == "query" and line["rowCount"] == 1 and line["statement"] == 1 and line["line"] == 1
