"""Queries with proximity or same-sentence conditions: the exact index answers the plain AND
of their terms (a superset), and this keeps the candidates whose text satisfies the whole
query (archive/query.py ``matches``), reading each candidate's stored text."""
from __future__ import annotations

from typing import Any

import numpy as np

from . import record
from .query import Query, has_conditions, matches
from .textnorm import normalize


def cache_key(q: Query) -> str | None:
    """What tells a query with conditions apart from the plain AND the index answers."""
    return repr(q.tree) if has_conditions(q.tree) else None


def filter_docs(v: Any, docs: np.ndarray, q: Query) -> np.ndarray:
    """The candidates (docnums) of view ``v`` (archive.search.View) whose normalised text
    satisfies the query tree."""
    s = v.searcher()
    keep = np.zeros(len(docs), dtype=bool)
    for i, d in enumerate(docs.tolist()):
        with v.lock:
            fields = s.stored_fields(d)
        keep[i] = matches(q.tree, normalize(record.from_fields(fields)["text"]))
    return docs[keep]
