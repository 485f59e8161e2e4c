"""A small TextMate tokenizer on Oniguruma (the regex engine VS Code uses), for testing the grammar.

Supports what syntaxes/moltres.tmLanguage.json uses: `match` with `name` and `captures`, `begin`/`end`
with `beginCaptures`/`endCaptures` (or `captures` for both), `contentName`, `patterns`, `include` of
`#repository` items, `$self` and `$base`, back-references from `begin` in `end`, and state carried
across lines. Rule choice follows vscode-textmate: the earliest match wins; on a tie, the enclosing
rule's `end` wins (unless `applyEndPatternLast`), then the first pattern in order.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import onigurumacffi


@dataclass
class Token:
    start: int
    end: int
    text: str
    scopes: list[str]


@dataclass
class Frame:
    rule: dict
    end: object | None  # compiled end regex
    scopes: list[str]  # scopes inside the rule (name + contentName)
    name_scopes: list[str]  # scopes for begin/end delimiters (name only)
    begin_pos: int = -1


class Grammar:
    def __init__(self, data: dict):
        self.data = data
        self.scope_name = data["scopeName"]
        self.repository = data.get("repository", {})
        self._compiled: dict[str, object] = {}
        self._flat_cache: dict[int, list[dict]] = {}

    @classmethod
    def load(cls, path: str | Path) -> "Grammar":
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    # -- regexes
    def regex(self, pattern: str):
        r = self._compiled.get(pattern)
        if r is None:
            r = onigurumacffi.compile(pattern)
            self._compiled[pattern] = r
        return r

    def all_patterns(self):
        """Every regex in the grammar, with where it is (for the compile test)."""
        out = []

        def walk(node, where):
            if isinstance(node, dict):
                for key in ("match", "begin", "end", "while"):
                    if key in node:
                        out.append((f"{where}.{key}", node[key]))
                for k, v in node.items():
                    if isinstance(v, (dict, list)):
                        walk(v, f"{where}.{k}")
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, f"{where}[{i}]")

        walk(self.data, "grammar")
        return out

    # -- includes
    def resolve(self, rule: dict) -> list[dict]:
        """A pattern list entry → the concrete rules (match/begin) it stands for, in order."""
        if "include" in rule:
            ref = rule["include"]
            if ref in ("$self", "$base"):
                return self.flatten(self.data)
            if ref.startswith("#"):
                target = self.repository.get(ref[1:])
                if target is None:
                    raise KeyError(f"include {ref}: no such repository item")
                return self.resolve(target)
            raise KeyError(f"include {ref}: other grammars are not supported")
        if "match" in rule or "begin" in rule:
            return [rule]
        return self.flatten(rule)

    def flatten(self, rule: dict) -> list[dict]:
        key = id(rule)
        cached = self._flat_cache.get(key)
        if cached is not None:
            return cached
        self._flat_cache[key] = []  # recursion guard
        out: list[dict] = []
        for p in rule.get("patterns", []):
            out.extend(self.resolve(p))
        self._flat_cache[key] = out
        return out

    # -- tokenizing
    def tokenize(self, text: str) -> list[list[Token]]:
        stack = [Frame(self.data, None, [self.scope_name], [self.scope_name])]
        lines = []
        for line in text.split("\n"):
            tokens, stack = self.tokenize_line(line, stack)
            lines.append(tokens)
        return lines

    def tokenize_line(self, line: str, stack: list[Frame]):
        s = line + "\n"
        pos = 0
        scopes_per_char: list[list[str] | None] = [None] * len(s)
        stuck = 0
        while pos <= len(s):
            frame = stack[-1]
            # candidates: (start, priority, kind, rule, match); the lowest (start, priority) wins
            patterns = self.flatten(frame.rule)
            best = None
            if frame.end is not None:
                m = frame.end.search(s, pos)
                if m is not None:
                    priority = len(patterns) if frame.rule.get("applyEndPatternLast") else -1
                    best = (m.start(), priority, "end", frame.rule, m)
            for i, rule in enumerate(patterns):
                if best is not None and best[0] == pos and best[1] < i:
                    break  # nothing can beat a match at the current position with a lower priority
                m = self.regex(rule.get("match", rule.get("begin"))).search(s, pos)
                if m is None:
                    continue
                cand = (m.start(), i, "match" if "match" in rule else "begin", rule, m)
                if best is None or (cand[0], cand[1]) < (best[0], best[1]):
                    best = cand
            if best is None:
                self._paint(scopes_per_char, pos, len(s), frame.scopes)
                break
            start, _, kind, rule, m = best
            self._paint(scopes_per_char, pos, start, frame.scopes)
            end = m.end()
            before = (pos, len(stack))
            if kind == "end":
                caps = rule.get("endCaptures", rule.get("captures", {}))
                self._paint_match(scopes_per_char, m, frame.name_scopes, None, caps)
                stack = stack[:-1]
            elif kind == "match":
                self._paint_match(scopes_per_char, m, frame.scopes, rule.get("name"), rule.get("captures", {}))
            else:
                name_scopes = frame.scopes + ([*rule["name"].split()] if rule.get("name") else [])
                caps = rule.get("beginCaptures", rule.get("captures", {}))
                self._paint_match(scopes_per_char, m, frame.scopes, rule.get("name"), caps)
                inner = name_scopes + ([*rule["contentName"].split()] if rule.get("contentName") else [])
                end_src = self._backrefs(rule["end"], m)
                if any(f.rule is rule and f.begin_pos == start for f in stack) and end == start:
                    # the same rule at the same place again without progress: skip a character
                    self._paint(scopes_per_char, pos, pos + 1, frame.scopes)
                    pos += 1
                    continue
                stack = stack + [Frame(rule, self.regex(end_src), inner, name_scopes, start)]
            pos = end
            if (pos, len(stack)) == before or (end == start and kind == "match"):
                stuck += 1
                if stuck > 2 or kind == "match":
                    if pos < len(s):
                        self._paint(scopes_per_char, pos, pos + 1, stack[-1].scopes)
                    pos += 1
                    stuck = 0
            else:
                stuck = 0
            if pos >= len(s):
                break
        # merge characters into tokens (the trailing "\n" is not part of the line's tokens)
        tokens: list[Token] = []
        for i, ch in enumerate(line):
            sc = scopes_per_char[i] or stack[-1].scopes
            if tokens and tokens[-1].scopes == sc and tokens[-1].end == i:
                t = tokens[-1]
                t.end = i + 1
                t.text += ch
            else:
                tokens.append(Token(i, i + 1, ch, list(sc)))
        return tokens, stack

    @staticmethod
    def _backrefs(end: str, m) -> str:
        def sub(mm):
            i = int(mm.group(1))
            try:
                g = m.group(i)
            except Exception:
                g = None
            return re.sub(r"([\\^$.|?*+()\[\]{}])", r"\\\1", g or "")

        return re.sub(r"\\(\d+)", sub, end)

    @staticmethod
    def _paint(per_char, a, b, scopes):
        for i in range(max(0, a), min(b, len(per_char))):
            per_char[i] = scopes

    def _paint_match(self, per_char, m, base, name, captures):
        a, b = m.start(), m.end()
        local = [list(base) + (name.split() if name else []) for _ in range(a, b)]
        for key in sorted(captures, key=lambda k: int(k)):
            cap = captures[key]
            try:
                ca, cb = m.span(int(key))
            except Exception:
                continue
            if ca is None or ca < 0 or cb <= ca or "name" not in cap:
                continue
            for i in range(ca, cb):
                local[i - a] = local[i - a] + cap["name"].split()
        for i in range(a, b):
            if i < len(per_char):
                per_char[i] = local[i - a]


def scopes_at(lines: list[list[Token]], line: int, needle: str, occurrence: int = 0, offset: int = 0) -> list[str]:
    """The scopes of the character `offset` into the `occurrence`-th `needle` on `line`."""
    text = "".join(t.text for t in lines[line])
    idx = -1
    for _ in range(occurrence + 1):
        idx = text.find(needle, idx + 1)
        if idx < 0:
            raise AssertionError(f"{needle!r} not found on line {line}: {text!r}")
    col = idx + offset
    for t in lines[line]:
        if t.start <= col < t.end:
            return t.scopes
    raise AssertionError(f"no token at column {col} of line {line}")


def token_text(lines: list[list[Token]], line: int, needle: str, occurrence: int = 0) -> str:
    """The whole token that contains the start of `needle`."""
    text = "".join(t.text for t in lines[line])
    idx = -1
    for _ in range(occurrence + 1):
        idx = text.find(needle, idx + 1)
    for t in lines[line]:
        if t.start <= idx < t.end:
            return t.text
    raise AssertionError(f"{needle!r} not on line {line}")
