"""The query language.

    腾笼换鸟 千万工程        both terms (each an exact substring of the normalised paragraph)
    "人人有责 人人尽责"      quotes hold spaces
    腾笼换鸟 -腾退           exclude
    腾笼换鸟 OR 筑巢引凤     either
    township:新仓镇 year:2022-2024 speaker:金一 type:任务书   filters (several values of one
                             field are ORed, different fields ANDed)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .config import MAX_QUERY_CHARS
from .fields import FILTER_FIELDS, YEAR_FIELDS, YEAR_VALUE
from .textnorm import normalize


class QueryError(ValueError):
    """A query that cannot be run; the message is for the person who typed it."""


@dataclass
class Query:
    raw: str
    groups: list[list[str]] = field(default_factory=list)     # AND of OR-groups of normalised terms
    excludes: list[str] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def terms(self) -> list[str]:
        """Every positive term, for highlighting and ranking."""
        return [t for g in self.groups for t in g]

    def is_empty(self) -> bool:
        return not self.groups and not self.excludes and not self.filters


_SURROGATE = re.compile("[\ud800-\udfff]")
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def _lex(text: str) -> list[tuple[str, bool, bool]]:
    """(token, negated, quoted) triples; raises on an unbalanced quote."""
    if text.count('"') % 2:
        raise QueryError('unclosed quote: every " needs a partner')
    out = []
    for m in _TOKEN.finditer(text):
        if m.group(3) is not None:
            tok = m.group(3)
            neg = tok.startswith("-") and len(tok) > 1
            out.append((tok[1:] if neg else tok, neg, False))
        else:
            out.append((m.group(2), bool(m.group(1)), True))
    return out


def parse(text: str, extra_filters: dict[str, list[str]] | None = None) -> Query:
    if text is None:
        text = ""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long: {len(text):,} characters (at most {MAX_QUERY_CHARS})")
    bad = _SURROGATE.search(text)
    if bad:
        # a byte that was not UTF-8 (surrogate-escaped by Python) or a lone UTF-16 half:
        # no paragraph can contain it, and SQLite and the segmenter cannot encode it
        raise QueryError(f"the query is not valid text: U+{ord(bad.group()):04X} at character {bad.start() + 1} "
                         "(an undecodable byte or half of a surrogate pair)")
    q = Query(raw=text)
    pending_or = False
    for tok, neg, quoted in _lex(text.strip()):
        if not quoted and tok == "OR" and not neg:
            if not q.groups or pending_or:
                raise QueryError("OR needs a term on each side")
            pending_or = True
            continue
        if not quoted and tok == "-":
            raise QueryError("'-' needs a term right after it, as in -腾退")
        if not quoted and not neg:
            m = re.fullmatch(r"([a-z_]+):(.*)", tok)
            if m and m.group(1) in FILTER_FIELDS:
                if pending_or:
                    raise QueryError("OR joins search terms, not filters")
                _add_filter(q, FILTER_FIELDS[m.group(1)], m.group(2))
                continue
        term = normalize(tok).strip()
        if not term:
            if quoted:
                raise QueryError('empty quotes ""')
            continue
        if neg:
            if pending_or:
                raise QueryError("OR cannot join an excluded term")
            q.excludes.append(term)
        elif pending_or:
            q.groups[-1].append(term)
            pending_or = False
        else:
            q.groups.append([term])
    if pending_or:
        raise QueryError("OR needs a term on each side")
    for f, values in (extra_filters or {}).items():
        for v in values:
            if v not in (None, ""):
                _add_filter(q, FILTER_FIELDS.get(f, f), str(v))
    if q.excludes and not q.groups and not q.filters:
        raise QueryError("a query of exclusions only would match almost everything: add a term or a filter")
    return q


def _add_filter(q: Query, fieldname: str, value: str) -> None:
    value = value.strip()
    if _SURROGATE.search(value):
        raise QueryError(f"filter {fieldname}: the value is not valid text (an undecodable byte)")
    if not value:
        raise QueryError(f"filter {fieldname}: needs a value, as in township:新仓镇")
    if fieldname in YEAR_FIELDS and not YEAR_VALUE.fullmatch(value):
        raise QueryError(f"{fieldname}: takes a year or a range, as in {fieldname}:2023 or {fieldname}:2022-2024 (got {value!r})")
    values = q.filters.setdefault(fieldname, [])
    if value not in values:
        values.append(value)


def year_range(value: str) -> tuple[int, int]:
    a, _, b = value.partition("-")
    lo, hi = int(a), int(b or a)
    return (lo, hi) if lo <= hi else (hi, lo)
