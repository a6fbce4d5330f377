"""The year a text was issued, from what it says about its own time, when nothing stronger dates it.

A congress session's report approves the budget and votes the projects of the year it sits in; a
year-end meeting reviews year Y and sets out Y+1; a speech says "刚刚过去的2025年"; a meeting "是在
中华人民共和国成立75周年…召开的". The rules are data (archive/data/year_statements.tsv). They count
only when all of them that match agree on one year, so a text with conflicting evidence stays
undated; every answer names its rule and the line it read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from archive.datafiles import rows
from archive.textnorm import normalize

from .rules import cn_number


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # year | pair | anniversary
    value: int  # offset (year, pair) or founding year (anniversary)
    rx: re.Pattern[str]


@dataclass(frozen=True)
class Statement:
    year: int
    rule: str
    line: int | None
    quoted: str

    @property
    def evidence(self) -> str:
        where = f"line {self.line} " if self.line is not None else ""
        return f'{self.rule}, {where}"{self.quoted}" (year_statements.tsv)'


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return tuple(Rule(name, kind, int(value), re.compile(rx)) for name, kind, value, rx in rows("year_statements.tsv"))


def _full(two_or_four: str) -> int:
    """A year as written: "2024" → 2024, a spoken "13" → 2013."""
    y = int(two_or_four)
    return y + 2000 if y < 100 else y


def _year(rule: Rule, m: re.Match[str]) -> int | None:
    if rule.kind == "year":
        return int(m.group("y")) + rule.value
    if rule.kind == "pair":
        a, b = _full(m.group("a")), _full(m.group("b"))
        return b + rule.value if b == a + 1 else None
    if rule.kind == "anniversary":
        n = m.group("n")  # 75 or 七十五, 100 or 一百
        return rule.value + (int(n) if n.isdigit() else cn_number(n))
    raise ValueError(f"year_statements.tsv: unknown kind {rule.kind!r} in rule {rule.name}")


def statements(texts: Sequence[str], lines: Sequence[int | None] = ()) -> list[Statement]:
    """Every statement of its own year the text makes, in text order (``lines``: each text's
    first source line, for the evidence)."""
    found: list[Statement] = []
    for i, text in enumerate(texts):
        norm = normalize(text)
        for rule in rules():
            for m in rule.rx.finditer(norm):
                y = _year(rule, m)
                if y is not None:
                    quoted = m.group(0).strip()
                    quoted = quoted if len(quoted) <= 60 else quoted[:28] + "…" + quoted[-28:]
                    found.append(Statement(y, rule.name, lines[i] if i < len(lines) else None, quoted))
    return found


def stated_year(texts: Sequence[str], lines: Sequence[int | None] = ()) -> Statement | None:
    """The one year the text's statements agree on (the first such statement, as evidence), or
    None when there are none or they disagree."""
    found = statements(texts, lines)
    if not found or len({s.year for s in found}) != 1:
        return None
    return found[0]
