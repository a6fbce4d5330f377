"""Browsing the collection by document: a table of documents (issuing body, date, type,
speakers, place, size), filtered and sorted, with counts by place, year, type and level.

Why: a collection of hundreds of reports with near-identical titles (成都市2024年政府工作报告 …)
is unusable as one flat list; a researcher narrows it by province, year or genre and sorts it
by date, title or place, and sees who issued and who delivered each document. One dict shape
for the home page, the /browse page and its JSON (/api/browse).
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

from .cite import iso_date, issuing_body
from .fields import BROWSE_FIELDS, PLACE_FIELDS, YEAR_FIELDS, YEAR_VALUE
from .place_display import document_place
from .query import QueryError, year_range
from .record import from_fields
from .textnorm import normalize

if TYPE_CHECKING:
    from .search import Archive

SORTS = ("date", "title", "place")
ORDERS = ("asc", "desc")
FILTERS = BROWSE_FIELDS  # archive/fields.py: the fields declared browse=True
# counted for the panels: every filter but the places below the city (hundreds of values)
COUNTED = tuple(name for name in FILTERS if name not in PLACE_FIELDS[2:])
# the panels of the /browse page: the outermost place, then every field that is not a place
PANELS = (PLACE_FIELDS[0], *(name for name in FILTERS if name not in PLACE_FIELDS))
PAGE_SIZE = 50
MAX_TITLE_FILTER = 100

_cache: dict[tuple[str, str], list[dict[str, Any]]] = {}
_lock = threading.Lock()


def documents(archive: "Archive") -> list[dict[str, Any]]:
    """Every document of the served generation, once per generation (it never changes)."""
    v = archive.view()
    key = (str(archive.home), v.name)
    with _lock:
        if key in _cache:
            return _cache[key]
    docs = _documents_of(v)
    with _lock:
        for k in [k for k in _cache if k[0] == key[0]]:
            del _cache[k]  # an older generation of this home
        _cache[key] = docs
    return docs


def _documents_of(v: Any) -> list[dict[str, Any]]:
    cols = v.columns()
    live = cols.live_docs
    doc_codes = cols.codes["doc_id"][live]
    order = np.lexsort((cols.numbers["n"][live], doc_codes))
    sorted_codes = doc_codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]]) if len(order) else np.array([], int)
    ends = np.r_[starts[1:], len(order)] if len(order) else np.array([], int)
    speakers = cols.codes["speaker"][live][order]
    svalues = cols.values["speaker"]
    out = []
    for a, b in zip(starts.tolist(), ends.tolist()):
        with v.lock:
            first = from_fields(v.searcher().stored_fields(int(live[order[a]])))
        said = Counter(svalues[c] for c in speakers[a:b].tolist() if svalues[c] is not None)
        out.append(
            {
                "doc_id": first["doc_id"],
                "title": first["title"] or first["doc_id"],
                "issuer": issuing_body(first),
                "date": first["date"],
                "sort_date": iso_date(first["date"], first["year"]) or "",
                **{name: first[name] for name in FILTERS},
                "township": first["township"] if first["level"] == "township" else None,
                "place": document_place(first),
                "speakers": [name for name, _ in said.most_common()],
                "paragraphs": b - a,
            }
        )
    return out


def _matches(d: dict[str, Any], filters: dict[str, list[str]], title: str, skip: str | None = None) -> bool:
    for name, wanted in filters.items():
        if name == skip or not wanted:
            continue
        if name in YEAR_FIELDS:
            if not d[name] or not any(lo <= d[name] <= hi for lo, hi in (year_range(w) for w in wanted)):
                return False
        elif (d.get(name) or "none") not in wanted:
            return False
    return not title or title in normalize(d["title"])


def _sort_key(sort: str):
    if sort == "title":
        return lambda d: (normalize(d["title"]), d["sort_date"], d["doc_id"])
    if sort == "place":
        return lambda d: (
            d["province"] or "\uffff",
            d["city"] or "",
            d["county"] or "",
            d["township"] or "",
            d["sort_date"],
            d["doc_id"],
        )
    return lambda d: (d["sort_date"] or "0", d["doc_id"])


def browse(
    archive: "Archive",
    *,
    filters: dict[str, list[str]] | None = None,
    title: str = "",
    sort: str = "date",
    order: str | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> dict[str, Any]:
    """Documents passing ``filters`` (several values of one field ORed, fields ANDed; 'none'
    for no value) whose title contains ``title``, in ``sort`` order (date: newest first by
    default), one page; and document counts by province, city, year, type and level, each
    with the other filters applied (disjunctive within a field, as the search facets)."""
    filters = {k: [str(x) for x in v] for k, v in (filters or {}).items() if v}
    for name in filters:
        if name not in FILTERS:
            raise QueryError(f"filter {name}: documents can be filtered by {', '.join(FILTERS)}")
        for value in filters[name]:
            if name in YEAR_FIELDS and not YEAR_VALUE.fullmatch(value):  # as the search's year:
                raise QueryError(
                    f"{name}: takes a year or a range, as in {name}:2023 or {name}:2022-2024 (got {value!r})",
                    "bad_year",
                    value,
                )
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}")
    order = order or ("desc" if sort == "date" else "asc")
    if order not in ORDERS:
        raise QueryError(f"order must be one of {', '.join(ORDERS)}")
    if len(title) > MAX_TITLE_FILTER:
        raise QueryError(f"title filter too long: at most {MAX_TITLE_FILTER} characters")
    ntitle = normalize(title).strip()
    docs = documents(archive)
    hits = [d for d in docs if _matches(d, filters, ntitle)]
    hits.sort(key=_sort_key(sort), reverse=order == "desc")
    pages = max(1, -(-len(hits) // page_size))
    page = min(max(1, page), pages)  # a page past the end shows the last one
    counts: dict[str, list[dict[str, Any]]] = {}
    for name in COUNTED:
        c = Counter(d[name] for d in docs if _matches(d, filters, ntitle, skip=name))
        items = [{"value": v, "count": n} for v, n in c.items()]
        if name in YEAR_FIELDS:
            items.sort(key=lambda i: -(i["value"] or 0))
        else:
            items.sort(key=lambda i: (i["value"] is None, -i["count"], str(i["value"])))
        if name == "city":
            parent = {d["city"]: d["province"] for d in docs}
            for i in items:
                i["province"] = parent.get(i["value"])
        counts[name] = items
    return {
        "total": len(hits),
        "documents": hits[(page - 1) * page_size : page * page_size],
        "counts": counts,
        "filters": filters,
        "title": title,
        "sort": sort,
        "order": order,
        "page": page,
        "pages": pages,
        "page_size": page_size,
        "all_documents": len(docs),
    }


def header(paras: list[dict[str, Any]]) -> dict[str, Any]:
    """What the top of a document page says about it: issuing body, date, type, speakers,
    place and size (the same record as a row of the document list)."""
    first = paras[0]
    said = Counter(p["speaker"] for p in paras if p.get("speaker"))
    return {
        "doc_id": first["doc_id"],
        "title": first["title"] or first["doc_id"],
        "issuer": issuing_body(first),
        "date": first["date"],
        "year": first["year"],
        "doc_type": first["doc_type"],
        "level": first["level"],
        "place": document_place(first),
        "speakers": [
            {
                "name": n,
                "paragraphs": c,
                "title": next(
                    (p["speaker_title"] for p in paras if p.get("speaker") == n and p.get("speaker_title")), None
                ),
            }
            for n, c in said.most_common()
        ],
        "paragraphs": len(paras),
    }
