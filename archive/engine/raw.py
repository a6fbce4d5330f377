"""Reading Whoosh's files as arrays: the one place that knows their private layout.

A numeric column is fixed-width big-endian numbers; a RefBytesColumn (the facet columns) is a
table of distinct values plus one fixed-width reference per document; a posting list of the
whoosh3 codec is blocks of delta-coded ids with their weights. Reading them whole with numpy
is what makes facets, sorts and BM25 over 100,000s of matches take milliseconds (see
archive/columns.py, archive/rank.py). Every reader falls back to Whoosh's own iteration for a
layout it does not know, and archive/engine/check.py refuses a Whoosh whose layout differs
from what these readers assume (it compares them with Whoosh's own readers on a small index).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.columns import NumericColumn, RefBytesColumn
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

_BYTE_LENGTH = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)


def fast_paths(seg: Any, *, numeric: str, coded: str, text: str, word: bytes) -> dict[str, bool]:
    """Whether each reader below would read the arrays directly (True) or fall back to
    Whoosh's own iteration, for the given fields of a segment (archive/engine/check.py)."""
    m = seg.postings(text, word)
    while isinstance(m, FilterMatcher):
        m = m.child
    return {
        "numeric column": isinstance(seg.column_reader(numeric, translate=False), NumericColumn.Reader),
        "value column": isinstance(seg.column_reader(coded, translate=False), RefBytesColumn.Reader),
        "postings": isinstance(m, W3LeafMatcher) and not m._byteids,
        "lengths column": isinstance(seg._perdoc.column_reader(_lenfield(text), LENGTHS_COLUMN), NumericColumn.Reader),
    }


def live_docnums(seg: Any) -> np.ndarray:
    """The docnums of a segment's documents that are not deleted (Whoosh's public API)."""
    return np.fromiter(seg.all_doc_ids(), dtype=np.int64)


def raw_numbers(raw: Any, n: int) -> np.ndarray | None:
    """A Whoosh numeric column's stored numbers for n documents, as one array (documents
    past the written ones get the column's default); None for another column layout."""
    if not isinstance(raw, NumericColumn.Reader):
        return None
    count = min(raw._count, n)
    buf = raw._dbfile.get(raw._basepos, count * raw._fixedlen)
    default = raw._default if -(1 << 63) <= raw._default < (1 << 63) else 0  # every paragraph has one
    out = np.full(n, default, dtype=np.int64)
    out[:count] = np.frombuffer(buf, dtype=np.dtype(">" + raw._typecode))
    return out


def leaf_numeric(seg: Any, name: str) -> np.ndarray:
    field = seg.schema[name]
    n = seg.doc_count_all()
    out = raw_numbers(seg.column_reader(name, translate=False), n)
    if out is None:
        return np.fromiter((v or 0 for v in seg.column_reader(name)), dtype=np.int64, count=n)
    if field.signed and field.numtype is int:
        out -= 1 << (field.bits - 1)  # Whoosh shifts signed numbers to sort as unsigned
    return out


def leaf_coded(seg: Any, name: str) -> tuple[np.ndarray, list[str]]:
    raw = seg.column_reader(name, translate=False)
    n = seg.doc_count_all()
    if isinstance(raw, RefBytesColumn.Reader):
        buf = raw._dbfile.get(raw._basepos, n * raw._itemsize)
        codes = np.frombuffer(buf, dtype=np.dtype(">" + raw._typecode)).astype(np.int32)
        return codes, [u.decode("utf-8") for u in raw._uniques]
    values: list[str] = []
    index: dict[str, int] = {}
    codes = np.empty(n, dtype=np.int32)
    for i, v in enumerate(seg.column_reader(name)):
        c = index.get(v)
        if c is None:
            c = index[v] = len(values)
            values.append(v)
        codes[i] = c
    return codes, values


def leaf_postings(field: str, seg: Any, tbytes: bytes) -> tuple[np.ndarray, np.ndarray]:
    try:
        m = seg.postings(field, tbytes)
    except TermNotFound:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    while isinstance(m, FilterMatcher):  # deletions: the matches are live docs anyway
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


def leaf_lengths(field: str, seg: Any) -> np.ndarray:
    n = seg.doc_count_all()
    codes = raw_numbers(seg._perdoc.column_reader(_lenfield(field), LENGTHS_COLUMN), n)
    if codes is not None:
        return _BYTE_LENGTH[codes]  # lengths are stored as one byte each, log-scaled
    return np.fromiter((seg.doc_field_length(d, field) for d in range(n)), dtype=np.float64, count=n)
