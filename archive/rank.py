"""BM25 ranking of a set of matches, computed on arrays from Whoosh's own postings.

Whoosh scores one posting at a time in Python; ranking the 140,000 paragraphs that contain
a common phrase in a large archive took seconds. Here each query word's posting list is
read block by block from Whoosh's posting file (ids are delta-coded per block, weights are
frequencies), and the score is Whoosh's BM25F formula with Whoosh's own idf, average length
and byte-quantised document lengths, in numpy: the same numbers Whoosh gives
(tests/test_rank.py compares them), for every match at once.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

from .engine.raw import leaf_lengths, leaf_postings

FIELD = "words"
B, K1 = 0.75, 1.2  # whoosh.scoring.BM25F defaults, which the index is searched with


class Ranker:
    """Per index generation: document lengths, and a small cache of posting arrays (the
    words of common queries come back again and again)."""

    CACHE = 256

    def __init__(self, searcher: Any) -> None:
        reader = searcher.reader()
        self.leaves = list(reader.leaf_readers())
        self.lengths = (
            np.concatenate([leaf_lengths(FIELD, seg) for seg, _ in self.leaves]) if self.leaves else np.zeros(0)
        )
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        # these leaf readers are shared by every thread, and reading a posting list seeks
        # in a shared file: one reader at a time
        self._lock = threading.Lock()

    def postings(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, term frequencies) of a word, over every segment."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        with self._lock:
            return self._cache.get(word) or self._read(word)

    def _read(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        tbytes = word.encode("utf-8")
        parts = [leaf_postings(FIELD, seg, tbytes) for seg, _ in self.leaves]
        ids = (
            np.concatenate([p[0] + base for p, (_, base) in zip(parts, self.leaves)])
            if parts
            else np.zeros(0, np.int64)
        )
        weights = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0)
        if len(self._cache) >= self.CACHE:
            self._cache.pop(next(iter(self._cache)))
        self._cache[word] = (ids, weights)
        return ids, weights

    def scores(self, searcher: Any, words: list[str], docs: np.ndarray) -> np.ndarray:
        """BM25F of each of ``docs`` (sorted docnums) for the words, as Whoosh's Or query
        of the words scores it; 0 where a paragraph has none of them."""
        out = np.zeros(len(docs))
        if not len(docs):
            return out
        avgfl = searcher.avg_field_length(FIELD) or 1
        for w in words:
            ids, tf = self.postings(w)
            if not len(ids):
                continue
            pos = np.searchsorted(docs, ids)
            pos[pos == len(docs)] = 0
            inside = docs[pos] == ids
            if not inside.any():
                continue
            pos, tf = pos[inside], tf[inside]
            dl = self.lengths[ids[inside]]
            idf = searcher.idf(FIELD, w)
            out[pos] += idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * dl / avgfl)))
        return out
