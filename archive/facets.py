"""Facet counts over the whole result set, disjunctive within a facet.

Counts for a facet are taken with every filter applied except that facet's own, so a
user who ticked one township still sees how many hits the other townships have (the
values of one facet are ORed); different facets narrow each other (ANDed).
"""
from __future__ import annotations

from typing import Any

from whoosh import query as wq
from whoosh import sorting

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


def facet_counts(searcher: Any, q: wq.Query, filters: dict[str, list[str]],
                 main_groups: dict[str, dict] | None = None) -> dict[str, list[dict[str, Any]]]:
    """{"township": [{"value", "count", "county"}, ...], "year": [{"value", "count"}], ...}.

    Places are counted with their parent (township with county, county with city, city with
    province): the same name exists in several places, and the page shows them nested.
    """
    out: dict[str, list[dict[str, Any]]] = {}
    for name in FACETS:
        if main_groups is not None and name not in filters:
            groups = main_groups.get(name, {})
        else:
            r = searcher.search(q, filter=filter_query(filters, skip=name), limit=1,
                                groupedby={name: facet_of(name)})
            groups = r.groups(name)
        out[name] = _listing(name, groups)
    return out


# Place facets nest: each value is counted with the place it lies in.
PARENT = {"township": "county", "county": "city", "city": "province"}


def facet_of(name: str) -> sorting.FacetType:
    if name in PARENT:
        return sorting.MultiFacet([sorting.FieldFacet(PARENT[name]), sorting.FieldFacet(name)],
                                  maptype=sorting.Count)
    return sorting.FieldFacet(name, maptype=sorting.Count)


def grouped_facets(filters: dict[str, list[str]]) -> dict[str, sorting.FacetType]:
    """Facets that the main search can count itself (those without a filter of their own)."""
    return {n: facet_of(n) for n in FACETS if n not in filters}


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
