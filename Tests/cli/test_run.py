"""`moltres run` on SQLite: every format, real values, errors, atomicity, hostile strings."""

import csv
import io
import json
import re
import sqlite3

QUERY = """\
db.table("orders").where(col("id") <= 3).select("id", "customer_id", "status").order_by("id")
"""


def rows_of(path, sql):
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def test_table_format(moltres, write_file, shop_db):
    path, url = shop_db
    expected = rows_of(path, "SELECT id, customer_id, status FROM orders WHERE id <= 3 ORDER BY id")
    script = write_file("q.moltres", QUERY)
    result = moltres("run", script, "--db", url)
    assert result.status == 0, result
    lines = result.stdout.splitlines()
    assert re.match(r"^ id \| customer_id \| status\s*$", lines[0]), lines
    assert set(lines[1]) <= {"-", "+"}
    for line, (order_id, customer, status) in zip(lines[2:5], expected):
        cells = [cell.strip() for cell in line.split("|")]
        assert cells == [str(order_id), str(customer), status]
    assert re.match(r"^\(3 rows, \d+\.\d ms\)$", lines[5]), lines


def test_null_is_distinct_and_long_values_are_cut(moltres, write_file, shop_db):
    _, url = shop_db
    script = write_file(
        "n.moltres",
        'db.table("customers").where(col("email").is_null()).select("id", "email").order_by("id").limit(1)\n'
        'db.sql("SELECT \'' + "x" * 100 + '\' AS long_value")\n',
    )
    result = moltres("run", script, "--db", url)
    assert result.status == 0, result
    assert "NULL" in result.stdout
    assert "x" * 100 not in result.stdout
    assert "…" in result.stdout


def test_csv_format(moltres, write_file, shop_db):
    path, url = shop_db
    expected = rows_of(path, "SELECT id, customer_id, status FROM orders WHERE id <= 3 ORDER BY id")
    script = write_file("q.moltres", QUERY)
    result = moltres("run", script, "--db", url, "--format", "csv")
    assert result.status == 0, result
    assert "\r\n" in result.stdout
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows[0] == ["id", "customer_id", "status"]
    assert rows[1:] == [[str(a), str(b), c] for a, b, c in expected]


def test_json_format(moltres, write_file, shop_db):
    path, url = shop_db
    expected = rows_of(path, "SELECT id, customer_id, status FROM orders WHERE id <= 3 ORDER BY id")
    script = write_file("q.moltres", QUERY)
    result = moltres("run", script, "--db", url, "--format", "json")
    assert result.status == 0, result
    rows = json.loads(result.stdout)
    assert rows == [{"id": a, "customer_id": b, "status": c} for a, b, c in expected]


def test_jsonl_shape(moltres, write_file, shop_db):
    path, url = shop_db
    script = write_file(
        "j.moltres",
        "# a comment\n"
        + QUERY
        + 'db.update("products", where=col("id") == 1, set={"stock": 7})\n'
        + 'db.table("products").where(col("id") == 1).select("stock")\n',
    )
    result = moltres("run", script, "--db", url, "--format", "jsonl")
    assert result.status == 0, result
    objects = result.jsonl()
    assert [o["statement"] for o in objects] == [1, 2, 3]
    assert [o["line"] for o in objects] == [2, 3, 4]
    assert [o["kind"] for o in objects] == ["query", "mutation", "query"]
    first = objects[0]
    assert set(first) >= {"statement", "line", "kind", "sql", "columns", "rows", "rowCount"}
    assert [c["name"] for c in first["columns"]] == ["id", "customer_id", "status"]
    assert all(isinstance(c["type"], str) for c in first["columns"])
    assert first["columns"][0]["type"] == "integer"
    assert first["rowCount"] == 3
    assert first["rows"] == [list(r) for r in rows_of(path, "SELECT id, customer_id, status FROM orders WHERE id <= 3 ORDER BY id")]
    assert "SELECT" in first["sql"]
    assert objects[1]["rowCount"] == 1
    assert objects[1]["rows"] == []
    assert "UPDATE" in objects[1]["sql"]
    assert objects[2]["rows"] == [[7]]
    assert rows_of(path, "SELECT stock FROM products WHERE id = 1") == [(7,)]


def test_limit(moltres, write_file, shop_db):
    _, url = shop_db
    script = write_file("l.moltres", 'db.table("orders").order_by("id")\n')
    result = moltres("run", script, "--db", url, "--format", "jsonl", "--limit", "4")
    assert result.status == 0, result
    (only,) = result.jsonl()
    assert only["rowCount"] == 4
    assert [r[0] for r in only["rows"]] == [1, 2, 3, 4]
    assert only.get("truncated") is True


def test_compile_errors_run_nothing(moltres, write_file, shop_db):
    path, url = shop_db
    script = write_file(
        "c.moltres",
        'db.update("products", where=col("id") == 1, set={"stock": 999})\n'
        'db.table("orders").select("no_such_column")\n',
    )
    result = moltres("run", script, "--db", url)
    assert result.status != 0
    assert result.stdout == ""
    assert re.search(rf"^{re.escape(str(script))}:2:\d+: error: .*\[MOL\d{{4}}\]", result.stderr, re.M), result
    assert rows_of(path, "SELECT stock FROM products WHERE id = 1") != [(999,)]


def test_syntax_errors_run_nothing(moltres, write_file, shop_db):
    path, url = shop_db
    before = rows_of(path, "SELECT count(*) FROM orders")
    script = write_file("s.moltres", 'db.delete("orders", where=col("id") > 0)\nx = (\n')
    result = moltres("run", script, "--db", url)
    assert result.status != 0
    assert rows_of(path, "SELECT count(*) FROM orders") == before


def test_failed_mutation_in_transaction_leaves_table_unchanged(moltres, write_file, shop_db):
    path, url = shop_db
    before = rows_of(path, "SELECT * FROM products ORDER BY id")
    script = write_file(
        "t.moltres",
        "with db.transaction() as txn:\n"
        '    db.update("products", where=col("id") == 1, set={"stock": 12345})\n'
        '    db.insert("products", [{"id": 900, "name": "New", "category": "x", "price": 1.5, "stock": 1}])\n'
        '    db.insert("products", [{"id": 1, "name": "Duplicate", "category": "x", "price": 1.0, "stock": 1}])\n',
    )
    result = moltres("run", script, "--db", url)
    assert result.status != 0, result
    assert re.search(rf"^{re.escape(str(script))}:\d+:\d+: error: .+ \[MOL\d{{4}}\]$", result.stderr, re.M), result
    assert rows_of(path, "SELECT * FROM products ORDER BY id") == before


def test_failed_multi_row_insert_is_atomic(moltres, write_file, shop_db):
    path, url = shop_db
    before = rows_of(path, "SELECT count(*) FROM products")
    script = write_file(
        "i.moltres",
        'db.insert("products", [{"id": 901, "name": "a", "category": "x", "price": 1.0, "stock": 1},'
        ' {"id": 2, "name": "dup", "category": "x", "price": 1.0, "stock": 1}])\n',
    )
    result = moltres("run", script, "--db", url)
    assert result.status != 0
    assert rows_of(path, "SELECT count(*) FROM products") == before


def test_a_key_a_row_lacks_takes_the_column_default(moltres, write_file, shop_db):
    # customers.active is NOT NULL DEFAULT TRUE: a NULL there would fail the insert.
    path, url = shop_db
    script = write_file(
        "defaults.moltres",
        'db.insert("customers", [{"id": 901, "name": "A", "country": "NL", "created_at": "2024-01-01", "active": False},'
        ' {"id": 902, "name": "B", "country": "NL", "created_at": "2024-01-01"},'
        ' {"id": 903, "name": "C", "country": "NL", "created_at": "2024-01-01", "email": None}])\n'
        'Records.from_list([{"id": 904, "name": "D", "country": "NL", "created_at": "2024-01-01"}],'
        ' database=db).insert_into("customers")\n'
        'db.merge("customers", [{"id": 905, "name": "E", "country": "NL", "created_at": "2024-01-01"}], on=["id"])\n',
    )
    result = moltres("run", script, "--db", url, "--format", "jsonl")
    assert result.status == 0, result
    assert [o["rowCount"] for o in result.jsonl()] == [3, 1, 1]
    assert rows_of(path, "SELECT id, active, email FROM customers WHERE id > 900 ORDER BY id") == [
        (901, 0, None),
        (902, 1, None),
        (903, 1, None),
        (904, 1, None),
        (905, 1, None),
    ]


def test_statements_before_a_failure_stay_done(moltres, write_file, shop_db):
    path, url = shop_db
    script = write_file(
        "f.moltres",
        'db.update("products", where=col("id") == 3, set={"stock": 4321})\n'
        'db.insert("products", [{"id": 3, "name": "dup", "category": "x", "price": 1.0, "stock": 1}])\n'
        'db.update("products", where=col("id") == 4, set={"stock": 4321})\n',
    )
    result = moltres("run", script, "--db", url, "--format", "jsonl")
    assert result.status != 0
    assert [o["line"] for o in result.jsonl()] == [1]
    assert ":2:" in result.stderr
    assert rows_of(path, "SELECT stock FROM products WHERE id IN (3, 4) ORDER BY id")[0] == (4321,)
    assert rows_of(path, "SELECT stock FROM products WHERE id = 4") != [(4321,)]


HOSTILE = [
    "x'; DROP TABLE products; --",
    'quote " double',
    "back\\slash",
    "semi;colon",
    "/* comment */",
    "-- dash",
    "new\nline\ttab",
    "unicode: é 😀 中文",
    "%_ wildcard",
    "$1 ? :name",
    "",
    " leading and trailing ",
]


def test_hostile_strings_round_trip(moltres, write_file, shop_db):
    path, url = shop_db
    inserts = ", ".join(
        "{" + f'"id": {1000 + i}, "name": {json.dumps(text, ensure_ascii=False)}, "category": "hostile", "price": 1.0, "stock": {i}' + "}"
        for i, text in enumerate(HOSTILE)
    )
    script = write_file(
        "h.moltres",
        f'db.insert("products", [{inserts}])\n'
        'db.table("products").where(col("category") == "hostile").order_by("stock").select("name")\n',
    )
    result = moltres("run", script, "--db", url, "--format", "jsonl")
    assert result.status == 0, result
    objects = result.jsonl()
    assert objects[0]["rowCount"] == len(HOSTILE)
    assert [row[0] for row in objects[1]["rows"]] == HOSTILE
    stored = [r[0] for r in rows_of(path, "SELECT name FROM products WHERE category = 'hostile' ORDER BY stock")]
    assert stored == HOSTILE
    assert rows_of(path, "SELECT count(*) FROM products WHERE category != 'hostile'") == [(24,)]
    csv_result = moltres("run", write_file("c.moltres", 'db.table("products").where(col("category") == "hostile").order_by("stock").select("name")\n'), "--db", url, "--format", "csv")
    parsed = [row[0] if row else "" for row in csv.reader(io.StringIO(csv_result.stdout, newline=""))][1:]
    assert parsed == HOSTILE


def test_database_from_connect_in_the_file(moltres, write_file, shop_db, tmp_path):
    _, url = shop_db
    script = write_file("c.moltres", f'db = connect("{url}")\ndb.table("orders").count()\n')
    result = moltres("run", script, "--format", "jsonl")
    assert result.status == 0, result
    assert result.jsonl()[0]["rows"] == [[400]]


def test_database_from_environment(moltres, write_file, shop_db):
    _, url = shop_db
    script = write_file("e.moltres", 'db.table("products").count()\n')
    result = moltres("run", script, "--format", "jsonl", env={"MOLTRES_DSN": url})
    assert result.status == 0, result
    assert result.jsonl()[0]["rows"] == [[24]]


def test_no_database_is_an_error(moltres, write_file):
    script = write_file("n.moltres", 'db.table("products").count()\n')
    result = moltres("run", script)
    assert result.status != 0
    assert "--db" in result.stderr and "MOLTRES_DSN" in result.stderr and "connect" in result.stderr


def test_connect_switches_connection(moltres, write_file, shop_db, tmp_path):
    path, url = shop_db
    other = tmp_path / "other.db"
    assert moltres("demo", "--db", f"sqlite:///{other}").status == 0
    script = write_file(
        "s.moltres",
        f'db = connect("{url}")\n'
        'db.update("products", where=col("id") == 1, set={"stock": 1})\n'
        f'db = connect("sqlite:///{other}")\n'
        'db.update("products", where=col("id") == 1, set={"stock": 2})\n',
    )
    result = moltres("run", script, "--format", "jsonl")
    assert result.status == 0, result
    assert rows_of(path, "SELECT stock FROM products WHERE id = 1") == [(1,)]
    assert rows_of(other, "SELECT stock FROM products WHERE id = 1") == [(2,)]


def test_missing_file(moltres, tmp_path, shop_db):
    _, url = shop_db
    result = moltres("run", tmp_path / "none.moltres", "--db", url)
    assert result.status == 1
    assert "cannot read" in result.stderr


def test_a_directory_or_a_control_character_is_named_plainly(moltres, write_file, tmp_path, shop_db):
    _, url = shop_db
    result = moltres("run", tmp_path, "--db", url)
    assert result.status == 1
    assert result.stderr.strip().endswith("it is a directory"), result.stderr
    result = moltres("check", write_file("nul.moltres", 'db.table("orders")\x00.count()\n'))
    assert result.status == 1
    assert "The character U+0000 cannot appear here." in result.stdout + result.stderr, result


def test_bad_format_is_a_usage_error(moltres, write_file, shop_db):
    _, url = shop_db
    result = moltres("run", write_file("q.moltres", QUERY), "--db", url, "--format", "xml")
    assert result.status == 64


def test_transaction_control_and_savepoints(moltres, write_file, shop_db):
    path, url = shop_db
    before = rows_of(path, "SELECT stock FROM products WHERE id = 2")
    script = write_file(
        "s.moltres",
        "with db.transaction() as txn:\n"
        '    db.update("products", where=col("id") == 1, set={"stock": 111})\n'
        '    txn.savepoint("a")\n'
        '    db.update("products", where=col("id") == 2, set={"stock": 222})\n'
        '    txn.rollback_to_savepoint("a")\n'
        '    db.update("products", where=col("id") == 3, set={"stock": 333})\n'
        "with db.transaction() as txn:\n"
        '    db.update("products", where=col("id") == 4, set={"stock": 444})\n'
        "    txn.rollback()\n",
    )
    result = moltres("run", script, "--db", url, "--format", "jsonl")
    assert result.status == 0, result
    assert rows_of(path, "SELECT id, stock FROM products WHERE id IN (1, 3) ORDER BY id") == [(1, 111), (3, 333)]
    assert rows_of(path, "SELECT stock FROM products WHERE id = 2") == before
    assert rows_of(path, "SELECT stock FROM products WHERE id = 4") != [(444,)]


def test_actions(moltres, write_file, shop_db):
    _, url = shop_db
    script = write_file(
        "a.moltres",
        'db.table("orders").order_by("id").select("id").tail(2)\n'
        'db.table("orders").order_by("id").select("id").head(2)\n'
        'db.table("orders").where(col("id") == 1).to_sql()\n'
        'db.table("orders").where(col("id") == 1).explain()\n',
    )
    result = moltres("run", script, "--db", url, "--format", "jsonl")
    assert result.status == 0, result
    tail, head, sql, explain = result.jsonl()
    assert tail["rows"] == [[399], [400]]
    assert head["rows"] == [[1], [2]]
    assert sql["columns"] == [{"name": "sql", "type": "text"}] and sql["rows"][0][0].startswith("SELECT")
    assert explain["rowCount"] >= 1


def test_show_sql_prints_sql_and_parameters(moltres, write_file, shop_db):
    _, url = shop_db
    script = write_file("q.moltres", "# first\n" + QUERY)
    result = moltres("run", script, "--db", url, "--show-sql")
    assert result.status == 0, result
    lines = result.stdout.splitlines()
    assert lines[0] == "-- line 2"
    assert lines[1].startswith("SELECT") and lines[1].endswith(";")
    assert lines[2] == "-- parameters: [3]"


def test_read_only_refuses_writes(moltres, write_file, shop_db):
    path, url = shop_db
    script = write_file("w.moltres", 'db.update("products", where=col("id") == 1, set={"stock": 5})\n')
    result = moltres("run", script, "--db", url, "--read-only")
    assert result.status == 1
    assert "[MOL5" in result.stderr or "read" in result.stderr
    assert rows_of(path, "SELECT stock FROM products WHERE id = 1") != [(5,)]


CREATE_THEN_USE = """\
db.create_table("notes", [column("id", "INTEGER", primary_key=True), column("body", "TEXT", nullable=False)])
db.insert("notes", [{"id": 1, "body": "first"}, {"id": 2, "body": "second"}])
db.update("notes", where=col("id") == 2, set={"body": col("body") + "!"})
db.table("notes").order_by("id").select("id", "body")
db.drop_table("notes")
"""


def test_a_table_the_file_creates_is_known_to_the_statements_after_it(moltres, write_file, shop_db):
    path, url = shop_db
    script = write_file("notes.moltres", CREATE_THEN_USE)
    checked = moltres("check", script, "--db", url)
    assert checked.status == 0, checked
    listed = moltres("sql", script, "--db", url)
    assert listed.status == 0, listed
    assert 'INSERT INTO "notes" ("id", "body")' in listed.stdout and 'DROP TABLE IF EXISTS "notes"' in listed.stdout
    ran = moltres("run", script, "--db", url, "--format", "jsonl")
    assert ran.status == 0, ran
    rows = [line["rows"] for line in ran.jsonl() if "rows" in line]
    assert [[1, "first"], [2, "second!"]] in rows
    with sqlite3.connect(path) as connection:  # dropped again at the end
        assert connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'notes'").fetchone() == (0,)


def test_a_dropped_table_is_unknown_after_the_drop(moltres, write_file, shop_db):
    _, url = shop_db
    script = write_file("dropped.moltres", CREATE_THEN_USE + 'db.table("notes").count()\n')
    checked = moltres("check", script, "--db", url)
    assert checked.status == 1, checked
    assert "dropped.moltres:6:" in checked.stdout + checked.stderr and "[MOL2002]" in checked.stdout + checked.stderr
