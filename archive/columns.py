"""The per-paragraph columns of the Whoosh index as numpy arrays, read once per index generation.

Filtering, facet counting, sorting and the year trend over a result set are then array
operations (one bincount per facet) instead of Whoosh's per-document Python collectors,
which took most of the time of a common query. Whoosh stores a sortable ID column as a
table of distinct values plus one reference per document, and a numeric column as
fixed-width big-endian numbers, so both are read as raw arrays (a few milliseconds for a
million paragraphs); any other column layout falls back to Whoosh's own iteration.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

# Columns read as codes into a table of values (values sort by rank for ordering), and as
# numbers: both follow the field declaration (archive/fields.py).
from .engine.raw import leaf_coded, leaf_numeric, live_docnums
from .fields import CODED, NUMERIC, PARENT
from .record import NONE


class Columns:
    """Every paragraph's facet values, year, number and exact-index key, by Whoosh docnum."""

    def __init__(self, reader: Any) -> None:
        self.generation = reader.generation()
        leaves = list(reader.leaf_readers())
        self.size = reader.doc_count_all()
        self.live = np.ones(self.size, dtype=bool)
        self.numbers: dict[str, np.ndarray] = {}
        self.codes: dict[str, np.ndarray] = {}
        self.values: dict[str, list[str | None]] = {}
        self.rank: dict[str, np.ndarray] = {}
        for name in NUMERIC:
            self.numbers[name] = (
                np.concatenate([leaf_numeric(seg, name) for seg, _ in leaves])
                if leaves
                else np.zeros(0, dtype=np.int64)
            )
        for name in CODED:
            self._merge_coded(name, [leaf_coded(seg, name) for seg, _ in leaves])
        for seg, base in leaves:
            if seg.has_deletions():
                self.live[base : base + seg.doc_count_all()] = False
                self.live[base + live_docnums(seg)] = True
        keys = self.numbers["key"]
        self.key_to_doc = np.full(int(keys.max()) + 2 if len(keys) else 1, -1, dtype=np.int64)
        live_docs = np.flatnonzero(self.live)
        self.key_to_doc[keys[live_docs]] = live_docs
        self.live_docs = live_docs
        self.ranker: Any = None  # set by the archive: the BM25 ranker of this generation
        self._cache: dict[Any, np.ndarray] = {}
        self._cache_lock = threading.Lock()

    # Exact match sets of recent queries, up to this many docnums in all (8 bytes each).
    CACHE_DOCS = 4_000_000

    def cached(self, key: Any) -> np.ndarray | None:
        with self._cache_lock:
            hit = self._cache.pop(key, None)
            if hit is not None:
                self._cache[key] = hit  # most recently used last
            return hit

    def cache(self, key: Any, docs: np.ndarray) -> np.ndarray:
        docs.setflags(write=False)
        if self.CACHE_DOCS <= 0:
            return docs
        with self._cache_lock:
            self._cache[key] = docs
            while sum(len(v) for v in self._cache.values()) > self.CACHE_DOCS and len(self._cache) > 1:
                self._cache.pop(next(iter(self._cache)))
        return docs

    def _merge_coded(self, name: str, parts: list[tuple[np.ndarray, list[str]]]) -> None:
        """One table of values for all segments; None stands for 'no value' (NONE)."""
        index: dict[str, int] = {}
        values: list[str | None] = []
        out = []
        for codes, vals in parts:
            remap = np.empty(max(len(vals), 1), dtype=np.int32)
            for i, v in enumerate(vals):
                c = index.get(v)
                if c is None:
                    c = index[v] = len(values)
                    values.append(None if v in (NONE, "") else v)
                remap[i] = c
            out.append(remap[codes] if len(codes) else codes)
        self.codes[name] = np.concatenate(out) if out else np.zeros(0, dtype=np.int32)
        self.values[name] = values
        # rank for sorting: by value, 'none' last
        order = sorted(range(len(values)), key=lambda i: (values[i] is None, values[i] or ""))
        rank = np.empty(len(values), dtype=np.int32)
        rank[order] = np.arange(len(values), dtype=np.int32)
        self.rank[name] = rank

    # --- sets of docnums --------------------------------------------------------------------
    def docs_for_keys(self, keys: "list[int] | np.ndarray") -> np.ndarray:
        """Live docnums of exact-index keys (keys of replaced paragraphs map to nothing)."""
        k = np.asarray(keys, dtype=np.int64)
        k = k[k < len(self.key_to_doc)]
        d = self.key_to_doc[k]
        return np.sort(d[d >= 0])

    def mask(self, name: str, wanted: list[str | None]) -> np.ndarray:
        """Docnums whose ``name`` is one of ``wanted`` (None: no value)."""
        values = self.values[name]
        codes = [i for i, v in enumerate(values) if v in wanted]
        return np.isin(self.codes[name], np.asarray(codes, dtype=np.int32))

    def year_mask(self, ranges: list[tuple[int, int]], name: str = "year") -> np.ndarray:
        y = self.numbers[name]
        m = np.zeros(self.size, dtype=bool)
        for lo, hi in ranges:
            m |= (y >= lo) & (y <= hi)
        return m

    # --- counting and ordering --------------------------------------------------------------
    def count(self, name: str, docs: np.ndarray) -> dict[Any, int]:
        """{value: count}; year counts by year; nested places by (parent value, value)."""
        if name == "year":
            years, counts = np.unique(self.numbers["year"][docs], return_counts=True)
            return {int(y) or None: int(c) for y, c in zip(years, counts)}
        values = self.values[name]
        if name in PARENT:
            parent = PARENT[name]
            width = len(values)
            combined = self.codes[parent][docs].astype(np.int64) * width + self.codes[name][docs]
            keys, counts = np.unique(combined, return_counts=True)
            pvalues = self.values[parent]
            return {(pvalues[k // width], values[k % width]): int(c) for k, c in zip(keys.tolist(), counts)}
        counts = np.bincount(self.codes[name][docs], minlength=len(values))
        return {values[i]: int(counts[i]) for i in np.flatnonzero(counts)}

    def cells(self, name: str, docs: np.ndarray) -> dict[tuple[str | None, int], int]:
        """{(value, year): count}: where and when (the trend's first-appearance table)."""
        width = 1 << 16
        combined = self.codes[name][docs].astype(np.int64) * width + self.numbers["year"][docs]
        keys, counts = np.unique(combined, return_counts=True)
        values = self.values[name]
        return {(values[k // width], k % width): int(c) for k, c in zip(keys.tolist(), counts)}

    def order(self, docs: np.ndarray, sort: str) -> np.ndarray:
        """``docs`` in the order of a sort: newest, oldest, place, or document order."""
        r, num = self.rank, self.numbers
        keys: tuple[Any, ...]

        def ranked(name: str) -> np.ndarray:
            return r[name][self.codes[name][docs]]

        n, doc = num["n"][docs], ranked("doc_id")
        if sort == "newest":
            keys = (n, doc, -ranked("date"), -num["year"][docs])
        elif sort == "oldest":
            year = num["year"][docs].copy()
            year[year == 0] = 1 << 30  # no year: last
            keys = (n, doc, ranked("date"), year)
        elif sort == "place":
            keys = (n, doc, ranked("township"), ranked("county"), ranked("city"), ranked("province"))
        else:
            keys = (n, doc)
        return docs[np.lexsort(keys)]
