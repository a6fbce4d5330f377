"""Trends: how often phrases occur per year, normalised by how much text each year has, and
where each phrase appears first (diffusion), at any level of China's divisions.

One dict shape for the JSON API, the CLI and the page (web/trends.py renders it):

    {"query", "terms": [...], "filters", "by": "year"|"period", "level": "township"|...,
     "years": [every year from the first to the last match, zeros included],
     "rows": [{"year", "paragraphs": [per term], "counts": [per term], "per_1000": [per term]}],
     "shared_base": whether every term counts against the same paragraphs (no inline filter),
     "series": [{"query", "total", "undated", "first_year", "counts": [...], "per_1000": [...],
                 "diffusion": [{"place", "parent", "first_year", "counts": {year: n}, "undated", "total"}],
                 "provinces": [{"province", "first_year", "total"}]}]}

Why normalise: the paragraphs per year range from tens to thousands (one national report
a year for decades, 143 city reports in 2024), so a raw count mostly measures how much of
each year was collected. Why every year: a chart that drops empty years puts 1928 next to
1956 and hides the gap. Counts are exact (the bigram index gives every matching paragraph).
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

from .fields import DEFAULT_PLACE, DEFAULT_TIME, PARENT, PLACE_FIELDS, YEAR_FIELDS
from .query import QUOTES, Query, QueryError, parse


class Searchable(Protocol):
    """What a trend needs of the archive (search.Archive is one; it calls trend() with itself,
    so this module does not import search: the two would import each other)."""

    def view(self) -> Any: ...

    def docnums(self, q: Query, v: Any) -> np.ndarray: ...

    def filtered(
        self, docs: np.ndarray, cols: Any, filters: dict[str, list[str]], skip: str | None = None
    ) -> np.ndarray: ...


# the time axes are fields.YEAR_FIELDS (year of issue, year spoken about); the diffusion
# levels fields.PLACE_FIELDS (province, city, county, township)
MAX_TERMS = 8

# Several phrases on one chart are written with commas between them (腾笼换鸟,筑巢引凤); a
# full-width comma or an enumeration comma is what a Chinese keyboard types for the same.
# Commas inside quotes belong to the phrase: any quote the query language knows (query.QUOTES:
# "…", IME “…”, CJK 「…」), closed as its lexer closes it.
COMMAS = ",，、"


def split_terms(text: str) -> list[str]:
    """'腾笼换鸟,筑巢引凤' -> ['腾笼换鸟', '筑巢引凤']; empty pieces dropped, repeats kept once."""
    pieces, cur, closers = [], [], None
    for ch in text or "":
        if closers is not None:  # inside quotes, up to the first closing mark
            cur.append(ch)
            if ch in closers:
                closers = None
        elif ch in QUOTES:
            cur.append(ch)
            closers = QUOTES[ch]
        elif ch in COMMAS:
            pieces.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    pieces.append("".join(cur))
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if piece and piece not in out:
            out.append(piece)
    return out


def _per_1000(n: int, base: int) -> float | None:
    """Matches per 1,000 paragraphs; None for a year with no paragraphs at all (no text, not
    zero use)."""
    return round(1000 * n / base, 2) if base else None


def _year_counts(values: np.ndarray) -> dict[int, int]:
    ys, cs = np.unique(values, return_counts=True)
    return {int(y): int(c) for y, c in zip(ys, cs) if y}


def trend(
    archive: Searchable,
    text: str,
    *,
    filters: dict[str, list[str]] | None = None,
    by: str = DEFAULT_TIME,
    level: str = DEFAULT_PLACE,
) -> dict[str, Any]:
    """Per-year counts of each comma-separated phrase of ``text`` and its diffusion by ``level``."""
    if by not in YEAR_FIELDS:
        raise QueryError(f"by must be one of {', '.join(YEAR_FIELDS)}")
    if level not in PLACE_FIELDS:
        raise QueryError(f"level must be one of {', '.join(PLACE_FIELDS)}")
    terms = split_terms(text)
    if not terms:
        raise QueryError("empty query: type a word or phrase, e.g. 腾笼换鸟 (several: 腾笼换鸟,筑巢引凤)")
    if len(terms) > MAX_TERMS:
        raise QueryError(f"at most {MAX_TERMS} phrases on one chart (got {len(terms)})")
    queries = [parse(t, filters) for t in terms]
    for t, q in zip(terms, queries):
        if not q.groups:
            raise QueryError(f"«{t}» needs a term (a word or phrase), not only filters or exclusions")
    v = archive.view()
    cols = v.columns()
    axis = cols.numbers[by]
    series: list[dict[str, Any]] = []
    found: set[int] = set()
    for t, q in zip(terms, queries):
        hits = archive.docnums(q, v)
        base = archive.filtered(cols.live_docs, cols, q.filters)
        counts = _year_counts(axis[hits])
        found.update(counts)
        series.append(
            {
                "query": t,
                "total": int(len(hits)),
                "undated": int(np.count_nonzero(axis[hits] == 0)),
                "_counts": counts,
                "_base": _year_counts(axis[base]),
                "diffusion": diffusion(cols, hits, level, axis),
                "provinces": [
                    {"province": r["place"], "first_year": r["first_year"], "total": r["total"]}
                    for r in diffusion(cols, hits, "province", axis)
                    if r["place"]
                ],
            }
        )
    years = list(range(min(found), max(found) + 1)) if found else []
    rows: list[dict[str, Any]] = []
    for y in years:
        rows.append(
            {
                "year": y,
                # each term's own denominator: an inline filter (腾笼换鸟 province:浙江省) narrows
                # its base, and one shared column of the first term's base was wrong for the others
                "paragraphs": [s["_base"].get(y, 0) for s in series],
                "counts": [s["_counts"].get(y, 0) for s in series],
                "per_1000": [_per_1000(s["_counts"].get(y, 0), s["_base"].get(y, 0)) for s in series],
            }
        )
    for s in series:
        c, b = s.pop("_counts"), s.pop("_base")
        s["first_year"] = min(c) if c else None
        s["counts"] = [c.get(y, 0) for y in years]
        s["paragraphs"] = [b.get(y, 0) for y in years]
        s["per_1000"] = [_per_1000(c.get(y, 0), b.get(y, 0)) for y in years]
    return {
        "query": text,
        "terms": terms,
        "filters": queries[0].filters if len(queries) == 1 else (filters or {}),
        "by": by,
        "level": level,
        "years": years,
        "rows": rows,
        "shared_base": all(len(set(r["paragraphs"])) == 1 for r in rows),
        "series": series,
    }


def diffusion(cols: Any, docs: np.ndarray, level: str, axis: np.ndarray) -> list[dict[str, Any]]:
    """Places at ``level`` where the matches lie, each with the division above it, its first
    year, its count per year and in all; in order of first appearance (then most matches).
    Paragraphs with no place at that level (a county's own text at township level, a national
    report at any level) are one row with place None, last."""
    codes = cols.codes[level][docs].astype(np.int64)
    parent = PARENT.get(level)
    pcodes = cols.codes[parent][docs].astype(np.int64) if parent else np.zeros(len(docs), dtype=np.int64)
    width = 1 << 16
    pw = max(len(cols.values[level]), 1)
    combined = (pcodes * pw + codes) * width + axis[docs]
    keys, counts = np.unique(combined, return_counts=True)
    table: dict[tuple[str | None, str | None], dict[int, int]] = {}
    pvalues = cols.values[parent] if parent else [None]
    values = cols.values[level]
    for k, n in zip(keys.tolist(), counts.tolist()):
        year, place = k % width, (k // width)
        place_value, parent_value = values[place % pw], pvalues[place // pw]
        key = (place_value, parent_value if place_value is not None else None)
        cell = table.setdefault(key, {})
        cell[year] = cell.get(year, 0) + n
    rows: list[dict[str, Any]] = []
    for (place_value, parent_value), c in table.items():
        dated = {y: n for y, n in c.items() if y}
        rows.append(
            {
                "place": place_value,
                "parent": parent_value,
                "first_year": min(dated) if dated else None,
                "counts": {str(y): dated[y] for y in sorted(dated)},
                "undated": c.get(0, 0),  # in the total but in no year's column
                "total": sum(c.values()),
            }
        )
    rows.sort(
        key=lambda r: (
            r["place"] is None,
            r["first_year"] is None,
            r["first_year"] or 0,
            -r["total"],
            r["place"] or "",
            r["parent"] or "",
        )
    )
    return rows
