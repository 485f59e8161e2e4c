"""The TextMate grammar under Oniguruma: every regex compiles, and the fixtures tokenise into the
expected scopes (with tmtokenizer.py, a small TextMate engine)."""

from pathlib import Path

import onigurumacffi
import pytest

from tmtokenizer import Grammar, scopes_at, token_text

ROOT = Path(__file__).resolve().parents[2]
GRAMMAR = ROOT / "syntaxes" / "moltres.tmLanguage.json"
FIXTURES = ROOT / "test" / "fixtures"


@pytest.fixture(scope="module")
def grammar():
    return Grammar.load(GRAMMAR)


@pytest.fixture(scope="module")
def hl(grammar):
    text = (FIXTURES / "highlight.moltres").read_text(encoding="utf-8")
    lines = grammar.tokenize(text)
    src = text.split("\n")

    def line_of(prefix):
        for i, line in enumerate(src):
            if line.startswith(prefix):
                return i
        raise AssertionError(f"no line starts with {prefix!r}")

    class H:
        pass

    h = H()
    h.lines, h.line_of = lines, line_of

    def at(prefix, needle, occurrence=0, offset=0):
        return scopes_at(lines, line_of(prefix), needle, occurrence, offset)

    def tok(prefix, needle, occurrence=0):
        return token_text(lines, line_of(prefix), needle, occurrence)

    h.at, h.tok = at, tok
    return h


def has(scopes, part):
    return any(part in s for s in scopes)


def test_every_regex_compiles_under_oniguruma(grammar):
    patterns = grammar.all_patterns()
    assert len(patterns) > 60
    for where, pattern in patterns:
        try:
            onigurumacffi.compile(pattern)
        except onigurumacffi.OnigError as e:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{where}: {pattern!r} does not compile: {e}")


def test_scope_name_and_includes(grammar):
    assert grammar.scope_name == "source.moltres"
    # every include resolves and every rule reachable from the top is a match or begin rule
    for rule in grammar.flatten(grammar.data):
        assert "match" in rule or "begin" in rule


def test_all_fixtures_tokenise_completely(grammar):
    files = sorted(FIXTURES.rglob("*.moltres"))
    assert len(files) >= 4
    for f in files:
        text = f.read_text(encoding="utf-8")
        lines = grammar.tokenize(text)
        for i, (tokens, line) in enumerate(zip(lines, text.split("\n"))):
            assert "".join(t.text for t in tokens) == line, f"{f.name}:{i + 1} tokens cover the line"
            for t in tokens:
                assert t.scopes[0] == "source.moltres"
                assert not any("invalid" in s for s in t.scopes) or f.name == "highlight.moltres", f"{f.name}:{i + 1}: {t}"


def test_comments(hl):
    assert has(hl.at("# Highlighting", "#"), "punctuation.definition.comment.moltres")
    assert has(hl.at("# Highlighting", "fixture"), "comment.line.number-sign.moltres")
    # a '#' inside a string is not a comment
    assert not has(hl.at('raw = r"', "path"), "comment")


def test_imports(hl):
    assert has(hl.at("from moltres import", "from"), "keyword.control.import.moltres")
    assert has(hl.at("from moltres import", "moltres"), "entity.name.namespace.moltres")
    assert has(hl.at("from moltres import", "import"), "keyword.control.import.moltres")
    assert has(hl.at("from moltres.expressions", "moltres.expressions"), "entity.name.namespace.moltres")
    assert has(hl.at("from moltres.expressions", "as"), "keyword.control.import.moltres")
    assert has(hl.at("import moltres as m", "import"), "keyword.control.import.moltres")
    assert has(hl.at("import moltres as m", "as m", 0, 3), "variable.other.imported.moltres")


def test_bindings_and_keyword_arguments(hl):
    assert has(hl.at("big = ", "big"), "entity.name.variable.binding.moltres")
    assert has(hl.at("big = ", "="), "keyword.operator.assignment.moltres")
    assert has(hl.at("    big.join", "how"), "variable.parameter.keyword.moltres")
    assert has(hl.at("    big.join", "on"), "variable.parameter.keyword.moltres")
    # a keyword argument on a continuation line is not a binding
    assert not has(hl.at("    db.update(", "where"), "entity.name.variable.binding")


def test_db_connect_and_table(hl):
    assert has(hl.at("db = connect", "connect"), "support.function.connect.moltres")
    assert has(hl.at("big = ", "db"), "support.variable.database.moltres")
    assert has(hl.at("big = ", "table"), "support.function.database.moltres")
    s = hl.at("big = ", "orders")
    assert has(s, "string.quoted.double.moltres") and has(s, "entity.name.type.table.moltres")
    assert has(hl.at("    db.update(", "update"), "support.function.database.moltres")
    assert has(hl.at("    db.delete(", "delete"), "support.function.database.moltres")
    assert has(hl.at("with db.transaction", "transaction"), "support.function.database.moltres")


def test_col_names_are_strings_and_columns(hl):
    s = hl.at("big = ", "amount")
    assert has(s, "string.quoted.double.moltres")
    assert has(s, "variable.other.column.moltres")
    assert has(hl.at("big = ", "col"), "support.function.column.moltres")
    assert hl.tok("big = ", "amount") == "amount"
    s = hl.at("big = ", "cancelled")  # a plain comparison value is a string, not a column
    assert has(s, "string.quoted.single.moltres") and not has(s, "variable.other.column")
    assert has(hl.at("    big.join", "orders.customer_id"), "variable.other.column.moltres")
    assert has(hl.at("prénom = ", "prénom", 1), "variable.other.column.moltres")


def test_f_functions_and_bare_functions(hl):
    line = "       .agg("
    assert has(hl.at(line, "F"), "support.module.functions.moltres")
    assert has(hl.at(line, "sum"), "support.function.builtin.moltres")
    assert hl.tok(line, "sum") == "sum"
    assert has(hl.at(line, "count"), "support.function.builtin.moltres")
    assert has(hl.at(line, "avg"), "support.function.builtin.moltres")  # without F.
    assert has(hl.at("ranked = ", "row_number"), "support.function.builtin.moltres")
    assert has(hl.at("case = ", "when"), "support.function.builtin.moltres")
    assert has(hl.at("bad = ", "not_a_function"), "invalid.illegal.unknown-function.moltres")
    assert has(hl.at("math = ", "lit"), "support.function.literal.moltres")


def test_methods(hl):
    assert has(hl.at("big = ", "select"), "support.function.method.dataframe.moltres")
    assert has(hl.at("big = ", "where"), "support.function.method.dataframe.moltres")
    assert has(hl.at("       .group_by", "group_by"), "support.function.method.dataframe.moltres")
    assert has(hl.at("       .agg(", "alias"), "support.function.method.column.moltres")
    assert has(hl.at("       .order_by", "desc"), "support.function.method.column.moltres")
    assert has(hl.at("ranked = ", "over"), "support.function.method.column.moltres")
    assert has(hl.at("case = ", "otherwise"), "support.function.method.column.moltres")
    assert has(hl.at("    .show()", "show"), "support.function.method.dataframe.moltres")
    assert has(hl.at("    .where(", "."), "punctuation.accessor.moltres")
    assert has(hl.at("    txn.commit", "commit"), "support.function.method.transaction.moltres")
    assert has(hl.at("    db.update(", "is_null"), "support.function.method.column.moltres")
    assert has(hl.at("w = Window", "Window"), "support.class.moltres")
    assert has(hl.at("w = Window", "partitionBy"), "support.function.method.column.moltres")
    assert has(hl.at("Records.from_list", "Records"), "support.class.moltres")
    assert has(hl.at("Records.from_list", "insert_into"), "support.function.method.dataframe.moltres")


def test_numbers(hl):
    line = "numbers = "
    expect = {
        "42": "constant.numeric.integer.decimal.moltres",
        "1_000": "constant.numeric.integer.decimal.moltres",
        "0x1F": "constant.numeric.hex.moltres",
        "0b101": "constant.numeric.binary.moltres",
        "0o17": "constant.numeric.octal.moltres",
        "3.5": "constant.numeric.float.moltres",
        "1e-3": "constant.numeric.float.moltres",
        ".5": "constant.numeric.float.moltres",
        "2.5E+10": "constant.numeric.float.moltres",
        "7.": "constant.numeric.float.moltres",
    }
    for literal, scope in expect.items():
        needle = {"42": "[42,", "7.": " 7.]"}.get(literal, f" {literal},")
        assert has(hl.at(line, needle, 0, 1), scope), literal
        tokens = hl.lines[hl.line_of(line)]
        col = "".join(t.text for t in tokens).index(needle) + 1
        token = next(t for t in tokens if t.start <= col < t.end)
        assert token.text == literal, f"{literal} is one token (got {token.text!r})"
    assert has(hl.at("       .limit(1_000)", "1_000"), "constant.numeric.integer")


def test_constants(hl):
    assert has(hl.at("flags = ", "True"), "constant.language.boolean.moltres")
    assert has(hl.at("flags = ", "False"), "constant.language.boolean.moltres")
    assert has(hl.at("flags = ", "None"), "constant.language.null.moltres")
    assert has(hl.at("    db.update(", "False"), "constant.language.boolean.moltres")


def test_strings_and_escapes(hl):
    line = 'text = "tab'
    assert has(hl.at(line, "tab"), "string.quoted.double.moltres")
    for esc in ["\\t", '\\"', "\\u00e9", "\\x41", "\\N{BULLET}"]:
        s = hl.at(line, esc)
        assert has(s, "constant.character.escape.moltres"), esc
        assert hl.tok(line, esc) == esc, f"{esc} is one token"
    # raw: no escapes, but \" stays inside the string
    s = hl.at('raw = r"', "\\path")
    assert has(s, "string.quoted.double.raw.moltres") and not has(s, "constant.character.escape")
    assert has(hl.at('raw = r"', 'r"'), "storage.type.string.moltres")
    assert has(hl.at('raw = r"', "still inside"), "string.quoted.double.raw.moltres")
    assert has(hl.at("single = ", "\\'"), "constant.character.escape.moltres")
    assert has(hl.at("single = ", "s'", 0, 0), "string.quoted.single.moltres")


def test_triple_quoted_strings_span_lines(hl):
    assert has(hl.at('doc = """', "triple"), "string.quoted.double.block.moltres")
    assert has(hl.at('"quoted" lines', "quoted"), "string.quoted.double.block.moltres")
    assert has(hl.at('"quoted" lines', "\\n"), "constant.character.escape.moltres")
    assert has(hl.at('"quoted" lines', 'escape"""', 0, 6), "punctuation.definition.string.end.moltres")
    assert not has(hl.at("math = ", "math"), "string"), "the string ended"


def test_operators(hl):
    line = "math = "
    assert has(hl.at(line, "**"), "keyword.operator.arithmetic.moltres") and hl.tok(line, "**") == "**"
    assert has(hl.at(line, "//"), "keyword.operator.arithmetic.moltres") and hl.tok(line, "//") == "//"
    assert has(hl.at(line, "%"), "keyword.operator.arithmetic.moltres")
    line = "neg = "
    assert has(hl.at(line, "~"), "keyword.operator.logical.moltres")
    assert has(hl.at(line, "|"), "keyword.operator.logical.moltres")
    assert has(hl.at(line, "&"), "keyword.operator.logical.moltres")
    for op in [">=", "<=", "=="]:
        assert has(hl.at(line, op), "keyword.operator.comparison.moltres") and hl.tok(line, op) == op
    assert has(hl.at("big = ", "!="), "keyword.operator.comparison.moltres")


def test_with_block(hl):
    line = "with db.transaction"
    assert has(hl.at(line, "with"), "keyword.control.with.moltres")
    assert has(hl.at(line, "savepoint"), "variable.parameter.keyword.moltres")
    assert has(hl.at(line, " as ", 0, 1), "keyword.control.as.moltres")
    assert has(hl.at(line, "txn"), "entity.name.variable.binding.moltres")
    assert has(hl.at(line, ":", 0), "punctuation.section.block.begin.moltres")


def test_unterminated_string_stops_at_the_end_of_its_line(hl):
    assert has(hl.at('oops = "', "unterminated"), "string.quoted.double.moltres")
    assert not has(hl.at("after = 1", "after"), "string")
    assert has(hl.at("after = 1", "after"), "entity.name.variable.binding.moltres")


def test_language_reference_example(grammar):
    text = (FIXTURES / "language-example.moltres").read_text(encoding="utf-8")
    lines = grammar.tokenize(text)
    src = text.split("\n")
    n = next(i for i, line in enumerate(src) if line.startswith("from moltres import"))
    assert has(scopes_at(lines, n, "# accepted"), "comment.line.number-sign.moltres")
    assert has(scopes_at(lines, n, "connect"), "variable.other.imported.moltres")
    n = next(i for i, line in enumerate(src) if ".agg(" in line)
    assert has(scopes_at(lines, n, "sum"), "support.function.builtin.moltres")
    assert has(scopes_at(lines, n, "*"), "string.quoted.double.moltres")
    n = next(i for i, line in enumerate(src) if line.startswith("by_country  "))
    assert has(scopes_at(lines, n, "# a query"), "comment.line.number-sign.moltres")
    assert has(scopes_at(lines, n, "by_country"), "variable.other.readwrite.moltres")
