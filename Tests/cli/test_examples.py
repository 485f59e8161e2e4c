"""Every example runs cleanly on SQLite and on PostgreSQL, with the same results; PostgreSQL runs match SQLite."""

import math

import json

import pytest

from conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.moltres"))


def normalize(value):
    """Values as both databases should agree on them: booleans as 0/1, numbers rounded, timestamps without T."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)):
        number = float(value)
        if math.isfinite(number) and number == round(number):
            return int(number)
        return round(number, 6)
    if isinstance(value, str):
        return value.replace("T", " ") if len(value) >= 19 and value[10:11] == "T" else value
    return value


def results(objects):
    return [
        (o["line"], o["kind"], [c["name"] for c in o["columns"]], [[normalize(v) for v in row] for row in o["rows"]], o["rowCount"])
        for o in objects
    ]


def test_there_are_examples():
    assert len(EXAMPLE_FILES) >= 6
    assert (EXAMPLES / "README.md").exists()


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_runs_on_sqlite(moltres, shop_db, example):
    _, url = shop_db
    result = moltres("run", example, "--db", url, "--format", "jsonl")
    assert result.status == 0, result
    assert result.stderr == "", result
    objects = result.jsonl()
    assert objects, "an example should produce results"
    assert any(o["kind"] == "query" and o["rowCount"] > 0 for o in objects)
    table = moltres("run", example, "--db", url, "--show-sql")
    assert table.status == 0, table


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_matches_on_postgresql(moltres, shop_db, postgres_db, example):
    _, url = shop_db
    sqlite = moltres("run", example, "--db", url, "--format", "jsonl")
    assert sqlite.status == 0, sqlite
    postgres = moltres("run", example, "--db", postgres_db, "--format", "jsonl")
    assert postgres.status == 0, postgres
    assert results(postgres.jsonl()) == results(sqlite.jsonl())


def test_postgres_formats_and_atomicity(moltres, write_file, postgres_db, shop_db):
    _, url = shop_db
    script = write_file(
        "q.moltres",
        'db.table("orders").where(col("id") <= 3).select("id", "customer_id", "status").order_by("id")\n',
    )
    for format in ["table", "csv", "json", "jsonl"]:
        on_postgres = moltres("run", script, "--db", postgres_db, "--format", format)
        on_sqlite = moltres("run", script, "--db", url, "--format", format)
        assert on_postgres.status == 0, on_postgres
        if format == "table":
            strip = lambda text: [l for l in text.splitlines() if not l.startswith("(")]
            assert strip(on_postgres.stdout) == strip(on_sqlite.stdout)
        elif format == "jsonl":
            assert results(on_postgres.jsonl()) == results(on_sqlite.jsonl())
        else:
            assert on_postgres.stdout == on_sqlite.stdout
    failing = write_file(
        "t.moltres",
        "with db.transaction() as txn:\n"
        '    db.update("products", where=col("id") == 1, set={"stock": 12345})\n'
        '    db.insert("products", [{"id": 1, "name": "Duplicate", "category": "x", "price": 1.0, "stock": 1}])\n',
    )
    result = moltres("run", failing, "--db", postgres_db)
    assert result.status != 0
    check = write_file("c.moltres", 'db.table("products").where(col("id") == 1).select("stock")\n')
    after = moltres("run", check, "--db", postgres_db, "--format", "jsonl")
    assert after.jsonl()[0]["rows"] != [[12345]]


def run_on_both(moltres, script, sqlite_url, postgres_url, *arguments):
    """`moltres run` of the same file on SQLite and on PostgreSQL; both must succeed."""
    results = {}
    for name, db in [("sqlite", sqlite_url), ("postgresql", postgres_url)]:
        results[name] = moltres("run", script, "--db", db, *arguments)
        assert results[name].status == 0, results[name]
    return results


def test_decimals_are_json_numbers_on_both(moltres, write_file, postgres_db, shop_db):
    # PostgreSQL's NUMERIC arrives as text; in JSON it is the same number SQLite's real gives.
    _, url = shop_db
    script = write_file(
        "d.moltres",
        'db.table("products").where(col("id") <= 5)'
        '.select("id", col("price").cast("decimal(10,2)").alias("d")).order_by("id")\n',
    )
    results = run_on_both(moltres, script, url, postgres_db, "--format", "json")
    printed = {name: json.loads(result.stdout) for name, result in results.items()}
    assert all(isinstance(row["d"], (int, float)) for row in printed["postgresql"]), printed
    assert printed["postgresql"] == printed["sqlite"]


def test_json_prints_alike_on_both(moltres, write_file, postgres_db, shop_db):
    # PostgreSQL's jsonb text has spaces after commas and colons; the output is SQLite's compact JSON on both.
    _, url = shop_db
    script = write_file(
        "j.moltres",
        'db.table("products").where(col("id") <= 3).select("id", F.array(col("id"), col("stock")).alias("a"), '
        'F.to_json(F.from_json(lit(\'{"k": [1, "a, b"]}\'))).alias("o")).order_by("id")\n',
    )
    printed = {
        name: [line for line in result.stdout.splitlines() if not line.startswith("(")]
        for name, result in run_on_both(moltres, script, url, postgres_db).items()
    }
    assert printed["postgresql"] == printed["sqlite"]
    assert '{"k":[1,"a, b"]}' in printed["postgresql"][2], printed


def test_postgres_hostile_strings(moltres, write_file, postgres_db):
    from test_run import HOSTILE
    import json

    inserts = ", ".join(
        "{" + f'"id": {1000 + i}, "name": {json.dumps(text, ensure_ascii=False)}, "category": "hostile", "price": 1.0, "stock": {i}' + "}"
        for i, text in enumerate(HOSTILE)
    )
    script = write_file(
        "h.moltres",
        f'db.insert("products", [{inserts}])\n'
        'db.table("products").where(col("category") == "hostile").order_by("stock").select("name")\n'
        'db.table("products").count()\n',
    )
    result = moltres("run", script, "--db", postgres_db, "--format", "jsonl")
    assert result.status == 0, result
    objects = result.jsonl()
    assert [row[0] for row in objects[1]["rows"]] == HOSTILE
    assert objects[2]["rows"] == [[24 + len(HOSTILE)]]


def test_postgres_transaction_control(moltres, write_file, postgres_db):
    script = write_file(
        "s.moltres",
        "with db.transaction() as txn:\n"
        '    db.update("products", where=col("id") == 1, set={"stock": 111})\n'
        '    txn.savepoint("a")\n'
        '    db.update("products", where=col("id") == 2, set={"stock": 222})\n'
        '    txn.rollback_to_savepoint("a")\n'
        "with db.transaction() as txn:\n"
        '    db.update("products", where=col("id") == 3, set={"stock": 333})\n'
        "    txn.rollback()\n"
        'db.table("products").where(col("id") <= 3).order_by("id").select("stock")\n',
    )
    result = moltres("run", script, "--db", postgres_db, "--format", "jsonl")
    assert result.status == 0, result
    stocks = [row[0] for row in result.jsonl()[-1]["rows"]]
    assert stocks[0] == 111 and stocks[1] != 222 and stocks[2] != 333
