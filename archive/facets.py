"""Facet counts over the whole result set, disjunctive within a facet.

Counts for a facet are taken with every filter applied except that facet's own, so a
user who ticked one township still sees how many hits the other townships have (the
values of one facet are ORed); different facets narrow each other (ANDed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .fields import FACETS, PARENT, YEAR_FIELDS
from .query import year_range
from .record import NONE

if TYPE_CHECKING:
    from .columns import Columns

FACET_LIMIT = 200


def filter_mask(columns: "Columns", filters: dict[str, list[str]], skip: str | None = None) -> np.ndarray | None:
    """Paragraphs passing every filter but ``skip``'s (None: no filter applies)."""
    mask = None
    for field, values in filters.items():
        if field == skip or not values:
            continue
        if field in YEAR_FIELDS:
            m = columns.year_mask([year_range(v) for v in values], field)
        else:
            m = columns.mask(field, [None if v in ("none", NONE) else v for v in values])
        mask = m if mask is None else mask & m
    return mask


def _listing(name: str, groups: dict, limit: int | None = FACET_LIMIT) -> list[dict[str, Any]]:
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
        items.sort(key=lambda d: -(d["value"] or 0))
    else:
        items.sort(key=lambda d: (-d["count"], d["value"] is None, str(d["value"])))
    return items[:limit] if limit else items


def facet_counts_from(
    columns: "Columns", docsets: dict[str | None, np.ndarray], limit: int | None = FACET_LIMIT
) -> dict[str, list[dict[str, Any]]]:
    """Facets from docnum lists: docsets[None] matches every filter; docsets[name] matches
    every filter but that facet's own (disjunctive within a facet)."""
    return {name: _listing(name, columns.count(name, docsets.get(name, docsets[None])), limit) for name in FACETS}
