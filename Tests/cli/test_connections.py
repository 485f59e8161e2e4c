"""Several result sets in CSV, reused bindings without a schema, and files that connect(...) to several databases."""

import csv
import io
import sqlite3

REUSED_BINDINGS = """\
o = db.table("orders")
big = o.where(col("amount") > 100)
big.select("id", "amount")
big.where(col("status") == "paid").select("id")
o.where(col("amount") < 5).select("id")
c = db.table("customers")
o.join(c, on=col("orders.customer_id") == col("customers.id")).select("orders.id", "customers.name")
o.join(c, on=col("o.customer_id") == col("c.id")).select("amount")
both = big.join(big.alias("b2"), on=col("big.id") == col("b2.id"))
both.select("big.id")
s = o.select("id", "amount")
s.union(s).select("id")
o.join(c, on=[("customer_id", "id")]).select("name")
o.group_by("status").agg(F.sum(col("amount")).alias("total")).where(col("total") > 5)
"""


def make_notes_db(path):
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.execute("INSERT INTO notes VALUES (1, 'hi'), (2, NULL)")


def test_csv_result_sets_are_separated_by_a_blank_line(moltres, write_file, shop_db):
    _, url = shop_db
    script = write_file(
        "two.moltres",
        'db.table("orders").where(col("id") <= 2).select("id").order_by("id")\n'
        'db.table("customers").where(col("id") <= 3).select("id", "country").order_by("id")\n',
    )
    result = moltres("run", script, "--db", url, "--format", "csv")
    assert result.status == 0, result
    first, second = result.stdout.split("\r\n\n")
    assert list(csv.reader(io.StringIO(first + "\r\n", newline=""))) == [["id"], ["1"], ["2"]]
    rows = list(csv.reader(io.StringIO(second, newline="")))
    assert rows[0] == ["id", "country"] and [row[0] for row in rows[1:]] == ["1", "2", "3"]
    assert not result.stdout.startswith("\n") and not result.stdout.endswith("\n\n")
    assert "blank line" in moltres("run", "--help").stdout


def test_one_csv_result_set_has_no_separator(moltres, write_file, shop_db):
    _, url = shop_db
    script = write_file("one.moltres", 'db.table("orders").where(col("id") == 1).select("id")\n')
    result = moltres("run", script, "--db", url, "--format", "csv")
    assert result.status == 0, result
    assert result.stdout == "id\r\n1\r\n"


def test_check_without_schema_accepts_reused_bindings(moltres, write_file):
    path = write_file("reused.moltres", REUSED_BINDINGS)
    result = moltres("check", path)
    assert result.status == 0, result
    assert "MOL2001" not in result.stdout


def test_sql_without_schema_for_reused_bindings_runs(moltres, write_file, shop_db):
    """The SQL printed without a schema for reused bindings is valid: it runs on the demo shop as printed."""
    db_path, _ = shop_db
    path = write_file("reused.moltres", REUSED_BINDINGS)
    result = moltres("sql", path)
    assert result.status == 0, result
    statements = []
    current = None
    for line in result.stdout.splitlines():
        if line.startswith("-- parameters: "):
            current[1] = eval(line[len("-- parameters: "):].replace("null", "None"))
        elif line.startswith("-- line"):
            current = [None, []]
            statements.append(current)
        elif line.strip():
            current[0] = line.rstrip(";")
    assert len(statements) == 9
    with sqlite3.connect(db_path) as connection:
        for sql, parameters in statements:
            connection.execute(sql, parameters).fetchall()


def test_check_with_schema_accepts_reused_bindings(moltres, write_file, shop_db):
    _, url = shop_db
    path = write_file("reused.moltres", REUSED_BINDINGS)
    result = moltres("check", path, "--db", url)
    assert result.status == 0, result
    run = moltres("run", path, "--db", url, "--format", "jsonl")
    assert run.status == 0, run
    counts = {line["line"]: line["rowCount"] for line in run.jsonl()}
    assert counts[7] == counts[8] == counts[12] == counts[13] == 400  # joins and a union of bindings
    assert counts[3] == counts[10] and counts[3] > 0  # a binding joined with itself under another alias


def test_each_connect_is_checked_against_its_own_schema(moltres, write_file, shop_db, tmp_path):
    _, url = shop_db
    other = tmp_path / "notes.db"
    make_notes_db(other)
    good = write_file(
        "good.moltres",
        f'db = connect("{url}")\n'
        'db.table("orders").select("id", "amount").order_by("id").limit(2)\n'
        f'db = connect("sqlite:///{other}")\n'
        'db.table("notes").select("id", "body").order_by("id")\n',
    )
    assert moltres("check", good).status == 0
    sql = moltres("sql", good)
    assert sql.status == 0, sql
    assert '"notes"."body"' in sql.stdout
    run = moltres("run", good, "--format", "jsonl")
    assert run.status == 0, run
    results = run.jsonl()
    assert [result["rows"][0][0] for result in results] == [1, 1]
    assert len(results[0]["rows"]) == 2
    assert results[1]["rows"] == [[1, "hi"], [2, None]]

    wrong = write_file(
        "wrong.moltres",
        f'db = connect("{url}")\n'
        'db.table("notes").select("id")\n'
        f'db = connect("sqlite:///{other}")\n'
        'db.table("orders").select("id")\n'
        'db.table("notes").select("nope")\n',
    )
    for command in ("check", "sql", "run"):
        result = moltres(command, wrong)
        assert result.status == 1, (command, result)
        text = result.stdout + result.stderr
        assert "wrong.moltres:2:" in text and "unknown table 'notes'" in text, (command, result)
        assert "wrong.moltres:4:" in text and "unknown table 'orders'" in text, (command, result)
        assert "wrong.moltres:5:" in text and "nope" in text, (command, result)


def test_db_option_overrides_the_files_connects(moltres, write_file, shop_db, tmp_path):
    _, url = shop_db
    other = tmp_path / "notes.db"
    make_notes_db(other)
    script = write_file(
        "o.moltres",
        f'db = connect("sqlite:///{other}")\n'
        'db.table("orders").select("id").order_by("id").limit(1)\n',
    )
    assert moltres("check", script).status == 1
    assert moltres("check", script, "--db", url).status == 0
    result = moltres("run", script, "--db", url, "--format", "jsonl")
    assert result.status == 0, result
    assert result.jsonl()[0]["rows"] == [[1]]


def test_unreadable_connect_database_leaves_names_unchecked(moltres, write_file, tmp_path):
    missing = tmp_path / "missing.db"
    script = write_file("m.moltres", f'db = connect("sqlite:///{missing}")\ndb.table("t").select("x")\n')
    result = moltres("check", script)
    assert result.status == 0, result
    assert "cannot read the schema" in result.stderr
    assert not missing.exists()


def test_connect_schemas_on_postgres_and_sqlite(moltres, write_file, postgres_db, tmp_path):
    other = tmp_path / "notes.db"
    make_notes_db(other)
    script = write_file(
        "pg.moltres",
        f'db = connect("{postgres_db}")\n'
        'db.table("orders").where(col("id") <= 2).select("id").order_by("id")\n'
        f'db = connect("sqlite:///{other}")\n'
        'db.table("notes").order_by("id").select("body")\n',
    )
    assert moltres("check", script).status == 0
    sql = moltres("sql", script)
    assert sql.status == 0, sql
    assert '"orders"."id" <= $1' in sql.stdout  # PostgreSQL's placeholders for the PostgreSQL part
    run = moltres("run", script, "--format", "jsonl")
    assert run.status == 0, run
    assert [line["rows"] for line in run.jsonl()] == [[[1], [2]], [["hi"], [None]]]


def closed_port() -> int:
    """A local TCP port with nothing listening on it."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_connect_that_fails_is_reported_at_its_line_without_the_password(moltres, write_file, shop_db):
    _, url = shop_db
    port = closed_port()
    script = write_file(
        "two.moltres",
        f'db = connect("{url}")\n'
        'db.table("orders").select("id").limit(1)\n'
        f'db = connect("postgresql://alice:s3cret-pw@127.0.0.1:{port}/shop")\n'
        'db.table("orders").select("id")\n',
    )
    result = moltres("run", script)
    assert result.status == 1, result
    assert "s3cret-pw" not in result.stdout + result.stderr
    assert f"two.moltres:3:1: error: could not connect to postgresql://alice:***@127.0.0.1:{port}/shop" in result.stderr
    assert result.stderr.rstrip().endswith("[MOL6002]")
    assert result.stderr.count("could not connect") == 1  # said once, not wrapped twice
    # The statement before the failing connect ran.
    assert "(1 row" in result.stdout


def test_the_files_first_connect_failing_is_located_too(moltres, write_file, tmp_path):
    missing_dir = tmp_path / "no" / "such" / "dir"
    script = write_file("first.moltres", f'db = connect("sqlite:///{missing_dir}/x.db")\ndb.table("t").select("x")\n')
    result = moltres("run", script)
    assert result.status == 1, result
    assert "first.moltres:1:1: error: cannot open SQLite database" in result.stderr
    assert "[MOL6002]" in result.stderr
    assert not missing_dir.exists()


def test_a_malformed_connect_url_is_reported_without_the_password(moltres, write_file, shop_db):
    _, url = shop_db
    script = write_file(
        "port.moltres",
        f'db = connect("{url}")\ndb = connect("postgresql://alice:s3cret-pw@db.example:notaport/shop")\n'
        'db.table("orders").select("id")\n',
    )
    result = moltres("run", script)
    assert result.status == 1, result
    assert "s3cret-pw" not in result.stdout + result.stderr
    assert "port.moltres:2:1: error: cannot connect to postgresql://alice:***@db.example:notaport/shop" in result.stderr
    assert "port 'notaport'" in result.stderr and "[MOL6002]" in result.stderr
