"""`moltres sql`: SQL per runnable statement, both dialects, parameters, errors."""

import re

PIPELINE = """\
big = db.table("orders").where(col("amount") > 100)
big.group_by("status").agg(F.sum(col("amount")).alias("total"))
x = 1
db.table("customers").where(col("country") == "DE").select("name")
"""


def test_sqlite_dialect(moltres, write_file):
    path = write_file("p.moltres", PIPELINE)
    result = moltres("sql", path)
    assert result.status == 0, result
    headers = re.findall(r"^-- line (\d+)$", result.stdout, re.M)
    assert headers == ["2", "4"]
    assert '"orders"' in result.stdout
    assert "GROUP BY" in result.stdout
    assert "?" in result.stdout
    assert "-- parameters: [100]" in result.stdout
    assert '-- parameters: ["DE"]' in result.stdout


def test_postgresql_dialect(moltres, write_file):
    path = write_file("p.moltres", PIPELINE)
    result = moltres("sql", path, "--dialect", "postgresql")
    assert result.status == 0, result
    assert "$1" in result.stdout
    assert "?" not in result.stdout.replace("-- ", "")


def test_pretty(moltres, write_file):
    path = write_file("p.moltres", PIPELINE)
    compact = moltres("sql", path)
    pretty = moltres("sql", path, "--pretty")
    assert pretty.status == 0, pretty
    assert pretty.stdout.count("\n") > compact.stdout.count("\n")


def test_values_are_parameters_not_sql(moltres, write_file):
    path = write_file("h.moltres", """db.table("customers").where(col("name") == "x'; DROP TABLE customers; --")\n""")
    result = moltres("sql", path)
    assert result.status == 0, result
    statement = result.stdout.split("-- parameters:")[0]
    assert "DROP TABLE" not in statement


def test_errors_go_to_stderr(moltres, write_file):
    path = write_file("bad.moltres", 'db.table("orders").where(col("amount") >)\n')
    result = moltres("sql", path)
    assert result.status == 1
    assert result.stdout == ""
    assert re.search(rf"^{re.escape(str(path))}:1:\d+: error: .+ \[MOL\d{{4}}\]$", result.stderr, re.M), result


def test_unknown_table_with_schema(moltres, write_file, shop_db):
    _, url = shop_db
    path = write_file("bad.moltres", 'db.table("nope")\n')
    result = moltres("sql", path, "--db", url)
    assert result.status == 1, result
    assert "nope" in result.stderr


def test_mutations_are_listed(moltres, write_file):
    path = write_file(
        "m.moltres",
        'with db.transaction() as txn:\n    db.update("products", where=col("id") == 1, set={"stock": 0})\n',
    )
    result = moltres("sql", path)
    assert result.status == 0, result
    assert "UPDATE" in result.stdout
    assert "BEGIN" in result.stdout and "COMMIT" in result.stdout
