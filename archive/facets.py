"""Facet counts over the whole result set, disjunctive within a facet.

Counts for a facet are taken with every filter applied except that facet's own, so a
user who ticked one township still sees how many hits the other townships have (the
values of one facet are ORed); different facets narrow each other (ANDed).
"""
from __future__ import annotations

from array import array
from collections import Counter
from typing import Any, Iterable

from whoosh import query as wq

from .model import FACETS
from .query import year_range
from .store import NONE

FACET_LIMIT = 200


def filter_query(filters: dict[str, list[str]], skip: str | None = None) -> wq.Query | None:
    parts: list[wq.Query] = []
    for field, values in filters.items():
        if field == skip or not values:
            continue
        if field == "year":
            parts.append(wq.Or([wq.NumericRange("year", *year_range(v)) for v in values]))
        else:
            parts.append(wq.Or([wq.Term(field, NONE if v in ("none", NONE) else v) for v in values]))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


# Place facets nest: each value is counted with the place it lies in.
PARENT = {"township": "county", "county": "city", "city": "province"}


def _listing(name: str, groups: dict) -> list[dict[str, Any]]:
    items = []
    for value, count in groups.items():
        parent = None
        if name in PARENT:
            parent, value = value
            parent = None if parent in (NONE, "", None) else parent
        if name == "year":
            v: Any = int(value) if value else None
        else:
            v = None if value in (NONE, "", None) else value
        item: dict[str, Any] = {"value": v, "count": int(count)}
        if name in PARENT:
            item[PARENT[name]] = parent
        items.append(item)
    if name == "year":
        items.sort(key=lambda d: (-(d["value"] or 0)))
    else:
        items.sort(key=lambda d: (-d["count"], d["value"] is None, str(d["value"])))
    return items[:FACET_LIMIT]


class FacetColumns:
    """The facet fields of every paragraph as small integer codes, read once per index
    generation, so counting facets over a result set is a list lookup per match instead of
    Whoosh's per-document collector (5-10x faster on common terms)."""

    def __init__(self, reader: Any) -> None:
        self.generation = reader.generation()
        self.values: dict[str, list[Any]] = {}
        self.codes: dict[str, array] = {}
        for name in {f for f in FACETS} | set(PARENT.values()):
            index: dict[Any, int] = {}
            values: list[Any] = []
            codes = array("I")
            for v in reader.column_reader(name):
                c = index.get(v)
                if c is None:
                    c = index[v] = len(values)
                    values.append(v)
                codes.append(c)
            self.values[name], self.codes[name] = values, codes

    def count(self, name: str, docnums: Iterable[int]) -> dict[Any, int]:
        """{value: count}, or {(parent value, value): count} for nested places."""
        codes, values = self.codes[name], self.values[name]
        if name in PARENT:
            pcodes, pvalues = self.codes[PARENT[name]], self.values[PARENT[name]]
            width = len(values)
            counted = Counter(pcodes[d] * width + codes[d] for d in docnums)
            return {(pvalues[k // width], values[k % width]): n for k, n in counted.items()}
        return {values[k]: n for k, n in Counter(codes[d] for d in docnums).items()}


def facet_counts_from(columns: FacetColumns, docsets: dict[str | None, list[int]]) -> dict[str, list[dict[str, Any]]]:
    """Facets from docnum lists: docsets[None] matches every filter; docsets[name] matches
    every filter but that facet's own (disjunctive within a facet)."""
    return {name: _listing(name, columns.count(name, docsets.get(name, docsets[None]))) for name in FACETS}
