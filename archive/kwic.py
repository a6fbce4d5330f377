"""The concordance (key word in context): one line per occurrence of the query's terms.

A linguist reads a phrase line after line, aligned on the hit, sorted by what comes before
or after it. The paragraphs are the search's exact matches (archive/search.py); the lines
are the occurrences that the search highlights (textnorm.display_spans), so the two never
disagree. The CLI, the JSON API, the page and the CSV export all use ``concordance()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

import numpy as np

from . import conditions, record, segmenter
from .config import MAX_LIMIT, MAX_OFFSET
from .place_display import place_label
from .query import QueryError, parse
from .textnorm import display_spans

if TYPE_CHECKING:
    from .search import Archive

# oldest/newest/place: the search's orders of paragraphs, occurrences in text order within
# one; left/right: the context characters nearest the hit first; *_words: the same with the
# context cut into jieba words (the whole paragraph is cut, so a word is the archive's word).
SORTS = ("oldest", "newest", "place", "left", "right", "left_words", "right_words")
DEFAULT_WIDTH, MAX_WIDTH = 20, 200
# Bounds that keep one request cheap: a term in every paragraph (a single character) has
# millions of occurrences at scale; narrow it with a filter or a longer phrase.
MAX_LINES = 200_000
LINE_FIELDS = (
    "id",
    "doc_id",
    "n",
    "start",
    "end",
    "left",
    "hit",
    "right",
    "place",
    "township",
    "county",
    "city",
    "province",
    "level",
    "year",
    "date",
    "doc_type",
    "title",
)


def check_options(sort: str, width: int, limit: int, offset: int) -> None:
    """A clear message for a sort, width, limit or offset out of bounds (every entry point)."""
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}")
    if not 1 <= width <= MAX_WIDTH:
        raise QueryError(f"width must be between 1 and {MAX_WIDTH} characters")
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise QueryError(f"offset must be between 0 and {MAX_OFFSET}")


def lines_of(p: dict[str, Any], spans: list[tuple[int, int]], width: int) -> list[dict[str, Any]]:
    """The concordance lines of one paragraph: ``width`` characters each side of each span."""
    text = p["text"]
    out = []
    for s, e in spans:
        line = {
            "id": p["id"],
            "doc_id": p["doc_id"],
            "n": p["n"],
            "start": s,
            "end": e,
            "left": text[max(0, s - width) : s],
            "hit": text[s:e],
            "right": text[e : e + width],
            "place": place_label(p),
        }
        for k in LINE_FIELDS[9:]:
            line[k] = p.get(k)
        out.append(line)
    return out


def context_words(
    text: str, start: int, end: int, width: int, cut: list[tuple[str, int, int]] | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(words to the left, nearest first; words to the right, nearest first) within ``width``
    characters of the hit, from jieba's cut of the whole text (``cut``, when already made);
    a word the hit or the window edge cuts keeps only its part inside the context."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    left: list[str] = []
    right: list[str] = []
    for _w, a, b in cut if cut is not None else segmenter.cut(text):
        if a < start and b > lo:
            left.append(text[max(a, lo) : min(b, start)])
        if b > end and a < hi:
            right.append(text[max(a, end) : min(b, hi)])
    return tuple(reversed(left)), tuple(right)


def _sort_key(sort: str, line: dict[str, Any], words: tuple[tuple[str, ...], tuple[str, ...]] | None) -> Any:
    if sort == "left":
        return line["left"][::-1]
    if sort == "right":
        return line["right"]
    assert words is not None
    return words[0] if sort == "left_words" else words[1]


def all_lines(
    archive: "Archive",
    text: str,
    *,
    filters: dict[str, list[str]] | None = None,
    width: int = DEFAULT_WIDTH,
    sort: str = "oldest",
) -> tuple[int, list[dict[str, Any]]]:
    """(matching paragraphs, every concordance line in the order of ``sort``)."""
    q = parse(text, filters)
    if not q.terms:
        raise QueryError("a concordance needs a word or phrase, e.g. 腾笼换鸟")
    v = archive.view()
    s, cols = v.searcher(), v.columns()
    docs = archive.docnums(q, v)
    base = "oldest" if sort not in ("newest", "place") else sort
    ordered = cols.order(docs, base) if len(docs) else np.zeros(0, dtype=np.int64)
    lines: list[dict[str, Any]] = []
    keyed: list[tuple[Any, int, dict[str, Any]]] = []
    for d in ordered:
        with v.lock:
            fields = s.stored_fields(int(d))
        p = record.from_fields(fields)
        spans = conditions.highlights(p["text"], q) or display_spans(p["text"], q.terms)
        found = lines_of(p, spans, width)
        if len(lines) + len(found) > MAX_LINES:
            raise QueryError(f"more than {MAX_LINES:,} occurrences: add a filter or use a longer phrase")
        if sort in ("left", "right"):
            keyed += [(_sort_key(sort, ln, None), len(keyed), ln) for ln in found]
        elif sort in ("left_words", "right_words") and found:
            cut = segmenter.cut(p["text"])
            keyed += [
                (_sort_key(sort, ln, context_words(p["text"], ln["start"], ln["end"], width, cut)), len(keyed), ln)
                for ln in found
            ]
        lines += found
    if keyed:
        keyed.sort(key=lambda x: (x[0], x[1]))  # stable: ties keep the paragraphs' order
        lines = [ln for _, _, ln in keyed]
    return int(len(docs)), lines


def concordance(
    archive: "Archive",
    text: str,
    *,
    filters: dict[str, list[str]] | None = None,
    width: int = DEFAULT_WIDTH,
    sort: str = "oldest",
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """One page of the concordance: {query, filters, width, sort, total (lines), paragraphs,
    limit, offset, lines: [{id, doc_id, n, start, end, left, hit, right, place, township,
    county, city, province, level, year, date, doc_type, title}]}. ``start``/``end`` are the
    hit's character range in the paragraph's text."""
    check_options(sort, width, limit, offset)
    paragraphs, lines = all_lines(archive, text, filters=filters, width=width, sort=sort)
    return {
        "query": text,
        "filters": parse(text, filters).filters,
        "width": width,
        "sort": sort,
        "total": len(lines),
        "paragraphs": paragraphs,
        "limit": limit,
        "offset": offset,
        "lines": lines[offset : offset + limit],
    }


CSV_FIELDS = ("id", "place", "year", "left", "hit", "right", "title", "doc_type", "start", "end")


def csv_rows(lines: list[dict[str, Any]], base_url: str = "") -> Iterator[list[Any]]:
    """Header then one row per line (cells neutralised for spreadsheets), with a link."""
    from .export import safe_cell

    yield [*CSV_FIELDS, "link"]
    for ln in lines:
        yield [safe_cell("" if ln[k] is None else ln[k]) for k in CSV_FIELDS] + [f"{base_url}/p/{ln['id']}"]
