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
from .engine.queries import stored_fields, stored_values
from .fields import PLACE_FIELDS
from .place_display import place_label
from .query import QueryError, parse
from .textnorm import display_spans

if TYPE_CHECKING:
    from .search import Archive
    from .view import View

# oldest/newest/place: the search's orders of paragraphs, occurrences in text order within
# one; left/right: the context characters nearest the hit first; *_words: the same with the
# context cut into jieba words (cut as within the whole paragraph: a word is the archive's word).
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
    *PLACE_FIELDS[::-1],  # township … province
    "level",
    "year",
    "date",
    "doc_type",
    "title",
)


def check_options(sort: str, width: int, limit: int, offset: int) -> None:
    """A clear message for a sort, width, limit or offset out of bounds (every entry point)."""
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}", "bad_sort", ", ".join(SORTS))
    if not 1 <= width <= MAX_WIDTH:
        raise QueryError(f"width must be between 1 and {MAX_WIDTH} characters", "width", MAX_WIDTH)
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}", "limit", MAX_LIMIT)
    if not 0 <= offset <= MAX_OFFSET:
        raise QueryError(f"offset must be between 0 and {MAX_OFFSET}", "offset", MAX_OFFSET)


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


def _in_block(ch: str) -> bool:
    """Whether jieba (and jieba-rs) may join ``ch`` with its neighbours into one block: Han
    characters, letters and digits, ``+#&._%-``; both engines cut the text between blocks
    independently, and whitespace (``\\r\\n`` is one token) is left inside to be safe."""
    return ch.isalnum() or ch.isspace() or ch in "+#&._%-" or "\u3400" <= ch <= "\u9fff" or ch >= "\U00020000"


def window_cut(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    """The words of ``segmenter.cut(text)`` that overlap ``lo..hi``, offsets into ``text``,
    from cutting only the run of blocks around the window: the segmenter splits the text at
    every character outside a block (punctuation) and cuts each block alone, so the region
    between two such characters is cut exactly as within the whole paragraph."""
    a = lo
    while a > 0 and _in_block(text[a - 1]):
        a -= 1
    b = hi
    while b < len(text) and _in_block(text[b]):
        b += 1
    return [(w, x + a, y + a) for w, x, y in segmenter.cut(text[a:b])]


def _sort_key(sort: str, text: str, start: int, end: int, width: int) -> Any:
    if sort == "left":
        return text[max(0, start - width) : start][::-1]
    if sort == "right":
        return text[end : end + width]
    lo, hi = max(0, start - width), min(len(text), end + width)
    words = context_words(text, start, end, width, window_cut(text, lo, hi))
    return words[0] if sort == "left_words" else words[1]


# Paragraphs read under the searcher's lock at a time: other requests get a turn in between.
READ_CHUNK = 256


def occurrences(
    archive: "Archive",
    text: str,
    *,
    filters: dict[str, list[str]] | None = None,
    width: int = DEFAULT_WIDTH,
    sort: str = "oldest",
    view: "View | None" = None,
) -> tuple[int, list[tuple[int, int, int]]]:
    """(matching paragraphs, every occurrence as (docnum, start, end) in the order of ``sort``).

    Only the paragraphs' texts are read (the spans and the sort keys need nothing else); a
    line's other fields are read for the lines that are shown (``lines_for``, given the same
    ``view``: docnums belong to one generation)."""
    q = parse(text, filters)
    if not q.terms:
        raise QueryError("a concordance needs a word or phrase, e.g. 腾笼换鸟", "kwic_term")
    v = view or archive.view()
    s, cols = v.searcher(), v.columns()
    docs = archive.docnums(q, v)
    base = "oldest" if sort not in ("newest", "place") else sort
    ordered = (cols.order(docs, base) if len(docs) else np.zeros(0, dtype=np.int64)).tolist()
    found: list[tuple[int, int, int]] = []
    keys: list[Any] = []
    keyed = sort in ("left", "right", "left_words", "right_words")
    checked = conditions.checks_text(q)
    for i in range(0, len(ordered), READ_CHUNK):
        chunk = ordered[i : i + READ_CHUNK]
        with v.lock:
            texts = stored_values(s, chunk, "text")
        for d, t in zip(chunk, texts):
            spans = (checked and conditions.highlights(t, q)) or display_spans(t, q.terms)
            if len(found) + len(spans) > MAX_LINES:
                raise QueryError(
                    f"more than {MAX_LINES:,} occurrences: add a filter or use a longer phrase",
                    "kwic_lines",
                    f"{MAX_LINES:,}",
                )
            found += [(d, a, b) for a, b in spans]
            if keyed:
                keys += [_sort_key(sort, t, a, b, width) for a, b in spans]
    if keyed:  # stable: ties keep the paragraphs' order
        found = [found[i] for i in sorted(range(len(found)), key=keys.__getitem__)]
    return len(docs), found


def lines_for(v: "View", found: list[tuple[int, int, int]], width: int) -> list[dict[str, Any]]:
    """The concordance lines of these occurrences of view ``v``, in their order (each
    paragraph read once)."""
    wanted = list(dict.fromkeys(d for d, _, _ in found))
    records: dict[int, dict[str, Any]] = {}
    for i in range(0, len(wanted), READ_CHUNK):
        chunk = wanted[i : i + READ_CHUNK]
        with v.lock:
            rows = stored_fields(v.searcher(), chunk)
        records.update((d, record.from_fields(f)) for d, f in zip(chunk, rows))
    return [lines_of(records[d], [(a, b)], width)[0] for d, a, b in found]


def all_lines(
    archive: "Archive",
    text: str,
    *,
    filters: dict[str, list[str]] | None = None,
    width: int = DEFAULT_WIDTH,
    sort: str = "oldest",
) -> tuple[int, list[dict[str, Any]]]:
    """(matching paragraphs, every concordance line in the order of ``sort``)."""
    v = archive.view()
    paragraphs, found = occurrences(archive, text, filters=filters, width=width, sort=sort, view=v)
    return paragraphs, lines_for(v, found, width)


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
    v = archive.view()
    paragraphs, found = occurrences(archive, text, filters=filters, width=width, sort=sort, view=v)
    return {
        "query": text,
        "filters": parse(text, filters).filters,
        "width": width,
        "sort": sort,
        "total": len(found),
        "paragraphs": paragraphs,
        "limit": limit,
        "offset": offset,
        "lines": lines_for(v, found[offset : offset + limit], width),
    }


CSV_FIELDS = ("id", "place", "year", "left", "hit", "right", "title", "doc_type", "start", "end")


def csv_rows(lines: list[dict[str, Any]], base_url: str = "") -> Iterator[list[Any]]:
    """Header then one row per line (cells neutralised for spreadsheets), with a link."""
    from .export import safe_cell

    yield [*CSV_FIELDS, "link"]
    for ln in lines:
        yield [safe_cell("" if ln[k] is None else ln[k]) for k in CSV_FIELDS] + [f"{base_url}/p/{ln['id']}"]
