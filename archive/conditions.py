"""Queries with proximity or same-sentence conditions: the exact index answers the plain AND
of their terms (a superset), and this keeps the candidates whose text satisfies the whole
query (archive/query.py ``matches``), reading each candidate's stored text."""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np

from . import record
from .proximity import near
from .engine.exact import MAX_EXACT_GAPS
from .query import And, Near, Not, Or, Query, SameSentence, Term, has_conditions, matches, occurrences, positive_terms
from .sentences import sentence_spans
from .textnorm import merge_spans, normalize, normalize_with_map

MAX_COMBINATIONS = 100_000  # beyond this many choices of occurrences, highlight them all


def _long_phrase(q: Query) -> bool:
    """Whether a positive phrase has more spaces than the index spells out (exact.MAX_EXACT_GAPS):
    the index answers it as its neighbouring pairs, a superset the text must narrow."""
    return any(len(t.parts) - 1 > MAX_EXACT_GAPS for t in positive_terms(q.tree))


def cache_key(q: Query) -> str | None:
    """What tells a query whose candidates are checked on the text (a condition, a long
    phrase) apart from the plain AND the index answers."""
    return repr(q.tree) if has_conditions(q.tree) or _long_phrase(q) else None


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


def _witness(node: Any, norm: str, base: int) -> list[tuple[int, int]] | None:
    """The occurrences (normalised offsets) that make the tree match ``norm``, None when it
    does not match: under a condition only the occurrences that satisfy it."""
    if isinstance(node, Term):
        occ = occurrences(node, norm)
        return [(s + base, e + base) for s, e in occ] if occ else None
    if isinstance(node, Not):
        return None if matches(node.child, norm) else []
    if isinstance(node, Near):
        lists = [occurrences(t, norm) for t in node.children if isinstance(t, Term)]
        if not all(lists):
            return None
        if math.prod(len(o) for o in lists) > MAX_COMBINATIONS:
            return [(s + base, e + base) for o in lists for s, e in o] if matches(node, norm) else None
        found: set[tuple[int, int]] = set()
        for combo in itertools.product(*lists):
            if near([[c] for c in combo], node.distance):
                found.update(combo)
        return [(s + base, e + base) for s, e in sorted(found)] if found else None
    if isinstance(node, SameSentence):
        out: list[tuple[int, int]] = []
        for s, e in sentence_spans(norm):
            parts = [_witness(c, norm[s:e], base + s) for c in node.children]
            if all(p is not None for p in parts):
                out += [x for p in parts if p for x in p]
        return out or None
    if isinstance(node, Or):
        got = [w for w in (_witness(c, norm, base) for c in node.children) if w is not None]
        return [x for w in got for x in w] if got else None
    if isinstance(node, And):
        parts = [_witness(c, norm, base) for c in node.children]
        return None if any(p is None for p in parts) else [x for p in parts if p for x in p]
    return []


def _spaced_phrase(q: Query) -> bool:
    """Whether a positive phrase was typed with spaces: its parts alone are not its hits (in
    人人有责、人人尽责 the hit is the whole phrase, one concordance line, not two)."""
    return any(len(t.parts) > 1 for t in positive_terms(q.tree))


def checks_text(q: Query) -> bool:
    """Whether highlights() has anything to check (a caller scanning many paragraphs for one
    query asks once)."""
    return has_conditions(q.tree) or _spaced_phrase(q)


def highlights(text: str, q: Query) -> list[tuple[int, int]] | None:
    """Display ranges of the occurrences that satisfy the query's conditions or its phrases
    typed with spaces (merged); None for any other query (every occurrence of a term is a hit)."""
    if not checks_text(q):
        return None
    norm, index = normalize_with_map(text)
    return merge_spans({(index[s], index[e - 1] + 1) for s, e in (_witness(q.tree, norm, 0) or []) if e > s})
