"""`moltres fmt`: in place, --check, --diff, refusal of files with syntax errors."""

import os
import subprocess

UGLY = 'x=db.table( "orders" ).where(col("amount")>100)\n'


def test_rewrites_in_place_and_is_idempotent(moltres, write_file):
    path = write_file("ugly.moltres", UGLY)
    result = moltres("fmt", path)
    assert result.status == 0, result
    formatted = path.read_text()
    assert formatted != UGLY
    assert 'x = db.table("orders").where(col("amount") > 100)' in formatted
    again = moltres("fmt", path)
    assert again.status == 0
    assert path.read_text() == formatted
    assert moltres("fmt", "--check", path).status == 0


def test_check_lists_files_that_would_change_and_writes_nothing(moltres, write_file):
    ugly = write_file("ugly.moltres", UGLY)
    tidy = write_file("tidy.moltres", 'x = db.table("orders")\n')
    result = moltres("fmt", "--check", ugly, tidy)
    assert result.status == 1, result
    assert result.stdout.splitlines() == [str(ugly)]
    assert ugly.read_text() == UGLY


def test_diff_prints_what_would_change_and_writes_nothing(moltres, write_file, tmp_path):
    ugly = write_file("ugly.moltres", "# keep\n" + UGLY + "y = 1\n")
    tidy = write_file("tidy.moltres", 'x = db.table("orders")\n')
    result = moltres("fmt", "--diff", ugly, tidy)
    assert result.status == 1, result
    assert ugly.read_text() == "# keep\n" + UGLY + "y = 1\n"
    lines = result.stdout.splitlines()
    assert lines[:3] == [f"--- {ugly}", f"+++ {ugly}", "@@ -1,3 +1,3 @@"], result.stdout
    assert "-" + UGLY.rstrip("\n") in lines and '+x = db.table("orders").where(col("amount") > 100)' in lines
    assert str(tidy) not in result.stdout
    # The diff applies: patch turns the file into what fmt writes.
    copy = tmp_path / "copy.moltres"
    copy.write_text(ugly.read_text())
    patch = tmp_path / "fmt.diff"
    patch.write_text(result.stdout)
    applied = subprocess.run(["patch", "-s", str(copy), str(patch)], capture_output=True, text=True)
    assert applied.returncode == 0, applied
    assert moltres("fmt", ugly).status == 0
    assert copy.read_text() == ugly.read_text()
    assert moltres("fmt", "--diff", ugly).stdout == ""


def test_refuses_a_file_with_syntax_errors(moltres, write_file):
    broken = 'x=db.table("orders").where(\n'
    path = write_file("broken.moltres", broken)
    before = os.stat(path)
    result = moltres("fmt", path)
    assert result.status == 1, result
    assert str(path) in result.stderr
    assert "syntax error" in result.stderr
    assert path.read_text() == broken
    assert os.stat(path).st_ino == before.st_ino


def test_one_bad_file_does_not_stop_the_others(moltres, write_file):
    broken = write_file("broken.moltres", "x = (\n")
    ugly = write_file("ugly.moltres", UGLY)
    result = moltres("fmt", broken, ugly)
    assert result.status == 1
    assert ugly.read_text() != UGLY
    assert broken.read_text() == "x = (\n"


def test_no_temporary_files_are_left(moltres, write_file, tmp_path):
    path = write_file("ugly.moltres", UGLY)
    assert moltres("fmt", path).status == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ugly.moltres"]


def test_missing_file(moltres, tmp_path):
    result = moltres("fmt", tmp_path / "nope.moltres")
    assert result.status == 1
    assert "cannot read" in result.stderr
