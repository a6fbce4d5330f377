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
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from .columns import raw_numbers

FIELD = "words"
B, K1 = 0.75, 1.2          # whoosh.scoring.BM25F defaults, which the index is searched with
_BYTE_LENGTH = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)


def _leaf_postings(seg: Any, tbytes: bytes) -> tuple[np.ndarray, np.ndarray]:
    try:
        m = seg.postings(FIELD, tbytes)
    except TermNotFound:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    while isinstance(m, FilterMatcher):          # deletions: the matches are live docs anyway
        m = m.child
    if not isinstance(m, W3LeafMatcher) or m._byteids:
        ids, weights = [], []
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
        return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64)
    id_parts, w_parts = [], []
    while True:
        if m._data is None:
            m._read_data()
        ids, weights = m._data[0], m._data[1]
        n = m._blocklength
        id_parts.append(np.cumsum(np.asarray(ids, dtype=np.int64)))
        if weights is None:
            w_parts.append(np.ones(n))
        elif isinstance(weights, float):
            w_parts.append(np.full(n, weights))
        else:
            w_parts.append(np.asarray(weights, dtype=np.float32).astype(np.float64))
        if m._lastblock:
            break
        m._goto(m._nextoffset)
    return np.concatenate(id_parts), np.concatenate(w_parts)


def _leaf_lengths(seg: Any) -> np.ndarray:
    n = seg.doc_count_all()
    codes = raw_numbers(seg._perdoc.column_reader(_lenfield(FIELD), LENGTHS_COLUMN), n)
    if codes is not None:
        return _BYTE_LENGTH[codes]       # lengths are stored as one byte each, log-scaled
    return np.fromiter((seg.doc_field_length(d, FIELD) for d in range(n)), dtype=np.float64, count=n)


class Ranker:
    """Per index generation: document lengths, and a small cache of posting arrays (the
    words of common queries come back again and again)."""

    CACHE = 256

    def __init__(self, searcher: Any) -> None:
        reader = searcher.reader()
        self.leaves = list(reader.leaf_readers())
        self.lengths = np.concatenate([_leaf_lengths(seg) for seg, _ in self.leaves]) \
            if self.leaves else np.zeros(0)
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
        parts = [_leaf_postings(seg, tbytes) for seg, _ in self.leaves]
        ids = np.concatenate([p[0] + base for p, (_, base) in zip(parts, self.leaves)]) if parts else np.zeros(0, np.int64)
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
