"""Batch search: many phrases at once, counted per place and year.

A policy-diffusion study takes a list of slogans and asks, for each place and year, how
often each appears and when it first did. Each phrase is one pass over the exact-match
index (one FTS5 phrase query: the paragraphs containing it exactly), then the filters and
the counting are array operations on the integer-coded columns (archive/columns.py): never
one search per cell. The CLI, the JSON API, the page and the CSV all use ``batch()``.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any, Iterator

import numpy as np

from .engine import exact
from .config import MAX_QUERY_CHARS
from .fields import DEFAULT_PLACE, DEFAULT_TIME, PARENT, PLACE_FIELDS, YEAR_FIELDS
from .query import Query, QueryError, Term, parse
from .textnorm import normalize

if TYPE_CHECKING:
    from .search import Archive

PLACE_LEVELS = PLACE_FIELDS[::-1]  # the table's place levels, innermost (the default) first
# its time axes are fields.YEAR_FIELDS: the year a document was issued, or the year its section speaks about
MAX_PHRASES = 500
# Header cells that name the phrase column of an uploaded CSV (else its first column).
PHRASE_HEADERS = ("phrase", "phrases", "term", "slogan", "query", "短语", "词语", "关键词", "检索词", "口号", "提法")


def read_phrases(text: str, filename: str | None = None) -> list[str]:
    """Phrases from pasted text (one a line) or a .csv/.tsv file (the column headed phrase,
    短语, 关键词 …, else the first): blank lines and '#' comments skipped, duplicates once,
    surrounding quotes and spaces dropped."""
    text = text.lstrip("\ufeff")
    name = (filename or "").lower()
    cells: list[str]
    if name.endswith((".csv", ".tsv")):
        rows = list(csv.reader(io.StringIO(text), delimiter="\t" if name.endswith(".tsv") else ","))
        col = 0
        if rows and any(c.strip().lower() in PHRASE_HEADERS for c in rows[0]):
            col = [c.strip().lower() in PHRASE_HEADERS for c in rows[0]].index(True)
            rows = rows[1:]
        cells = [r[col] if len(r) > col else "" for r in rows]
    else:
        cells = text.splitlines()
    out: list[str] = []
    for c in cells:
        c = c.strip().strip('"“”「」').strip()
        if c and not c.startswith("#") and c not in out:
            out.append(c)
    return out


def decode_phrases(data: bytes) -> str:
    """An uploaded list of phrases as text: UTF-8 (with or without BOM), else GB18030 (what
    Excel on a Chinese Windows saves), else a clear error."""
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise QueryError("the file is neither UTF-8 nor GB18030 text")


def _check(phrases: list[str]) -> None:
    if not phrases:
        raise QueryError("no phrases: paste one phrase a line, e.g. 腾笼换鸟", "batch_none")
    if len(phrases) > MAX_PHRASES:
        raise QueryError(
            f"too many phrases: {len(phrases)} (at most {MAX_PHRASES})", "batch_many", len(phrases), MAX_PHRASES
        )
    for p in phrases:
        if len(p) > MAX_QUERY_CHARS:
            raise QueryError(
                f"phrase too long: {p[:20]}… ({len(p)} characters, at most {MAX_QUERY_CHARS})",
                "batch_long",
                p[:20],
                len(p),
                MAX_QUERY_CHARS,
            )
        if any("\ud800" <= ch <= "\udfff" for ch in p):
            raise QueryError(f"phrase {p[:20]!r} is not valid text (an undecodable byte)", "batch_bytes")


def phrase_term(phrase: str) -> Term:
    """The phrase as the query language reads it in quotes (its cell links quote it, so the
    two agree): every character literal, and a space matching a space, one punctuation mark
    or nothing (人人有责 人人尽责 finds 人人有责、人人尽责)."""
    parts = tuple(p for p in normalize(phrase).split(" ") if p)
    if not parts:
        raise QueryError(f"phrase {phrase!r} has no characters to search for", "batch_blank", phrase)
    return Term(parts)


def phrase_docs(archive: "Archive", phrase: str) -> np.ndarray:
    """Docnums of the paragraphs containing the phrase exactly: one FTS5 query."""
    v = archive.view()
    q = Query(raw=phrase, tree=phrase_term(phrase))
    return v.columns().docs_for_keys(v.exact.keys(exact.match_expression(q) or ""))


def groups(key: np.ndarray, doc: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(distinct keys, paragraphs per key, distinct documents per key), by sorting once."""
    if not len(key):
        z = np.zeros(0, dtype=np.int64)
        return z, z, z
    keys, inverse = np.unique(key, return_inverse=True)
    paragraphs = np.bincount(inverse, minlength=len(keys))
    pairs = np.unique(inverse.astype(np.int64) * (int(doc.max()) + 1) + doc)
    documents = np.bincount(pairs // (int(doc.max()) + 1), minlength=len(keys))
    return keys, paragraphs, documents


def batch(
    archive: "Archive",
    phrases: list[str],
    *,
    filters: dict[str, list[str]] | None = None,
    place: str = DEFAULT_PLACE,
    time: str = DEFAULT_TIME,
) -> dict[str, Any]:
    """{filters, place, time, years, phrases: [{phrase, paragraphs, documents, first_year,
    years: [{year, paragraphs, documents}], places: [{place, parent, first_year, paragraphs,
    documents, cells: [{year, paragraphs, documents}]}]}]}: per phrase, the matching
    paragraphs and documents per place (at the ``place`` level, with the place above it) and
    year (``time``: year of issue, or period), first appearances and totals. ``year`` None
    is unknown; ``place`` None is no place at that level."""
    if place not in PLACE_LEVELS:
        raise QueryError(f"place must be one of {', '.join(PLACE_LEVELS)}", "batch_place", ", ".join(PLACE_LEVELS))
    if time not in YEAR_FIELDS:
        raise QueryError(f"time must be one of {', '.join(YEAR_FIELDS)}", "batch_time", ", ".join(YEAR_FIELDS))
    _check(phrases)
    fq = parse("", filters)
    v = archive.view()
    cols = v.columns()
    mask = archive.docnums(fq, v)  # every paragraph passing the filters
    allowed = np.zeros(cols.size, dtype=bool)
    allowed[mask] = True
    parent_field = PARENT.get(place)
    place_codes, time_nums, doc_codes = cols.codes[place], cols.numbers[time], cols.codes["doc_id"]
    parent_codes = cols.codes[parent_field] if parent_field else np.zeros(cols.size, dtype=np.int32)
    parent_values: list[str | None] = cols.values[parent_field] if parent_field else [None]
    place_values = cols.values[place]
    all_years: set[int] = set()
    out_phrases = []
    for phrase in phrases:
        docs = phrase_docs(archive, phrase)
        docs = docs[allowed[docs]]
        pc, lc, tn, dc = parent_codes[docs], place_codes[docs], time_nums[docs], doc_codes[docs]
        pkey = pc.astype(np.int64) * (1 << 31) + lc
        places: dict[int, dict[str, Any]] = {}
        for k, n, nd in zip(*(x.tolist() for x in groups(pkey, dc))):
            places[k] = {
                "place": place_values[k & ((1 << 31) - 1)],
                "parent": parent_values[k >> 31],
                "first_year": None,
                "paragraphs": n,
                "documents": nd,
                "cells": [],
            }
        for k, n, nd in zip(*(x.tolist() for x in groups(pkey * (1 << 16) + tn, dc))):
            row, year = places[k >> 16], k & 0xFFFF
            row["cells"].append({"year": year or None, "paragraphs": n, "documents": nd})
            if year:
                all_years.add(year)
                row["first_year"] = year if row["first_year"] is None else min(row["first_year"], year)
        for row in places.values():
            row["cells"].sort(key=lambda c: (c["year"] is None, c["year"] or 0))
        years = [
            {"year": y or None, "paragraphs": n, "documents": nd}
            for y, n, nd in zip(*(x.tolist() for x in groups(tn.astype(np.int64), dc)))
        ]
        years.sort(key=lambda c: (c["year"] is None, c["year"] or 0))
        rows = sorted(
            places.values(),
            key=lambda r: (
                r["first_year"] is None,
                r["first_year"] or 0,
                -r["paragraphs"],
                r["place"] is None,
                r["place"] or "",
                r["parent"] or "",
            ),
        )
        known = [y["year"] for y in years if y["year"]]
        out_phrases.append(
            {
                "phrase": phrase,
                "paragraphs": int(len(docs)),
                "documents": int(len(np.unique(doc_codes[docs]))),
                "first_year": min(known) if known else None,
                "years": years,
                "places": rows,
            }
        )
    return {"filters": fq.filters, "place": place, "time": time, "years": sorted(all_years), "phrases": out_phrases}


def csv_rows(result: dict[str, Any]) -> Iterator[list[Any]]:
    """The table as spreadsheet rows: per phrase a row per place, then its total row; each
    year has a paragraphs and a documents column (cells neutralised for spreadsheets)."""
    from .export import safe_cell

    years = result["years"]
    head = ["phrase", result["place"], "parent", "first_year", "paragraphs", "documents"]
    for y in years:
        head += [f"{y} paragraphs", f"{y} documents"]
    yield [*head, "unknown year paragraphs", "unknown year documents"]
    for ph in result["phrases"]:
        for row in [
            *ph["places"],
            {
                "place": "TOTAL",
                "parent": None,
                "first_year": ph["first_year"],
                "paragraphs": ph["paragraphs"],
                "documents": ph["documents"],
                "cells": ph["years"],
            },
        ]:
            by_year = {c["year"]: c for c in row["cells"]}
            line = [
                safe_cell(ph["phrase"]),
                safe_cell(row["place"] or ""),
                safe_cell(row["parent"] or ""),
                row["first_year"] or "",
                row["paragraphs"],
                row["documents"],
            ]
            for y in [*years, None]:
                c = by_year.get(y)
                line += [c["paragraphs"], c["documents"]] if c else [0, 0]
            yield line
