"""`moltres run --format csv|json|jsonl` writes rows as the database returns them: a large result runs in bounded
memory, the output is the same as a collected one, and a statement that fails prints nothing of itself."""

import csv
import io
import json
import os
import subprocess

from conftest import moltres_binary

ROWS = 300_000

BIG = (
    'db.sql("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {rows}) '
    "SELECT x, x * 0.5 AS half, 'row ' || x AS note FROM c\")\n"
)


def run_measured(*arguments):
    """Runs moltres and returns (exit status, stdout bytes, peak RSS in KiB) of that process alone."""
    environment = dict(os.environ)
    environment.pop("MOLTRES_DSN", None)
    with subprocess.Popen(
        [moltres_binary(), *map(str, arguments)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    ) as process:
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, output, usage.ru_maxrss


def test_large_results_stream_in_bounded_memory(write_file, shop_db, moltres):
    _, url = shop_db
    tiny = write_file("tiny.moltres", BIG.format(rows=10))
    big = write_file("big.moltres", BIG.format(rows=ROWS))
    for form in ["csv", "json", "jsonl"]:
        status, _, baseline = run_measured("run", tiny, "--db", url, "--format", form)
        assert status == 0
        status, output, peak = run_measured("run", big, "--db", url, "--format", form)
        assert status == 0
        # Collected, 300,000 rows of three values took over 100 MiB more than a ten-row result.
        assert peak - baseline < 32 * 1024, f"{form}: peak {peak} KiB vs {baseline} KiB for ten rows"
        text = output.decode("utf-8")
        if form == "csv":
            rows = list(csv.reader(io.StringIO(text)))
            assert rows[0] == ["x", "half", "note"]
            assert len(rows) == ROWS + 1
            assert rows[ROWS] == [str(ROWS), f"{ROWS / 2:.1f}", f"row {ROWS}"]
        elif form == "json":
            rows = json.loads(text)
            assert len(rows) == ROWS
            assert rows[-1] == {"x": ROWS, "half": ROWS / 2, "note": f"row {ROWS}"}
        else:
            (line,) = [json.loads(line) for line in text.splitlines()]
            assert line["rowCount"] == ROWS and len(line["rows"]) == ROWS and line["truncated"] is False
            assert line["rows"][1] == [2, 1.0, "row 2"]


def test_streamed_output_is_the_collected_output(moltres, write_file, shop_db):
    """The same statements print the same text whether their rows stream (outside a transaction block) or are
    collected (inside one, where results are reported only once the block commits)."""
    _, url = shop_db
    body = (
        'db.table("orders").where(col("id") <= 5).select("id", "status", "amount").order_by("id")\n'
        'db.table("orders").where(col("id") < 0)\n'
        'db.update("orders", where=col("id") == 400, set={"amount": 1.5})\n'
        'db.table("customers").select("id", "name", "email").order_by("id").limit(3)\n'
    )
    streamed = write_file("streamed.moltres", body)
    collected = write_file(
        "collected.moltres", "with db.transaction() as t:\n" + "".join("    " + line + "\n" for line in body.splitlines())
    )
    for form in ["csv", "json", "jsonl"]:
        outputs = []
        for script in [streamed, collected]:
            result = moltres("run", script, "--db", url, "--format", form, "--limit", "4")
            assert result.status == 0, result
            text = result.stdout
            if form == "jsonl":
                objects = result.jsonl()
                for item in objects:
                    item.pop("elapsedMs")
                    item.pop("line")  # one more inside the block
                text = objects
            outputs.append(text)
        assert outputs[0] == outputs[1], form
    jsonl = moltres("run", streamed, "--db", url, "--format", "jsonl", "--limit", "4").jsonl()
    assert [(o["rowCount"], o["truncated"]) for o in jsonl] == [(4, True), (0, False), (1, False), (3, False)]


def test_a_statement_that_fails_mid_result_prints_nothing_of_itself(moltres, write_file, shop_db):
    _, url = shop_db
    script = write_file(
        "fails.moltres",
        'db.table("orders").count()\n'
        'db.sql("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000) '
        "SELECT x, CASE WHEN x < 900 THEN '2024-01-01' ELSE 'bad' END AS d FROM c\")"
        '.select("x", col("d").cast("date").alias("d"))\n',
    )
    for form in ["csv", "json", "jsonl"]:
        result = moltres("run", script, "--db", url, "--format", form)
        assert result.status == 1
        assert "fails.moltres:2:1: error:" in result.stderr and '"bad"' in result.stderr
        # The first statement's output, whole, and nothing of the second (899 rows were read before the error).
        assert "2024-01-01" not in result.stdout
        if form == "jsonl":
            assert [o["rows"] for o in result.jsonl()] == [[[400]]]
        elif form == "json":
            assert json.loads(result.stdout) == [{"count": 400}]
        else:
            assert result.stdout == "count\r\n400\r\n"
