"""Finding documents that are the same text saved twice (or nearly so).

A document's fingerprint is a hash of its normalised text without spaces; its sketch is
the bottom-k of the hashes of its 8-character shingles, whose overlap estimates the
Jaccard similarity of two texts in constant time per pair.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import zlib

from archive.model import Document
from archive.textnorm import normalize

SHINGLE = 8
SKETCH = 64
NEAR = 0.9


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text))


def shingle_hashes(text: str, k: int = SHINGLE) -> set[int]:
    return compact_shingle_hashes(_compact(text), k)


def compact_shingle_hashes(t: str, k: int = SHINGLE) -> set[int]:
    """Shingle hashes of text already compacted (normalised, spaces removed)."""
    if len(t) < k:
        return {zlib.crc32(t.encode("utf-8"))} if t else set()
    return {zlib.crc32(t[i : i + k].encode("utf-8")) for i in range(len(t) - k + 1)}


def sketch_of(text: str, size: int = SKETCH) -> list[int]:
    return sorted(heapq.nsmallest(size, shingle_hashes(text)))


def estimate(a: list[int], b: list[int], size: int = SKETCH) -> float:
    """Jaccard similarity estimated from two bottom-k sketches."""
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(size, set(a) | set(b))
    sa, sb = set(a), set(b)
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def fingerprint(doc: Document) -> tuple[str, list[int]]:
    text = "\n".join(p.text for p in doc.paragraphs)
    return hashlib.sha256(_compact(text).encode("utf-8")).hexdigest()[:32], sketch_of(text)


class DuplicateFinder:
    """The documents kept so far, to test each new one against."""

    def __init__(self, docs: dict[str, dict]) -> None:
        self.by_fp: dict[str, str] = {}
        self.sketches: dict[str, list[int]] = {}
        self.origin: dict[str, str] = {}
        for doc_id, d in docs.items():
            if d.get("fingerprint"):
                self.add(doc_id, d["fingerprint"], d.get("sketch") or [], d.get("display", ""))

    def add(self, doc_id: str, fp: str, sketch: list[int], origin: str) -> None:
        self.by_fp.setdefault(fp, doc_id)
        self.sketches[doc_id] = sketch
        self.origin[doc_id] = origin

    def match(self, fp: str, sketch: list[int], origin: str) -> tuple[str, float] | None:
        """The kept document this one duplicates; never its own earlier version (same origin)."""
        twin = self.by_fp.get(fp)
        if twin and self.origin.get(twin) != origin:
            return twin, 1.0
        best: tuple[str, float] | None = None
        for doc_id, other in self.sketches.items():
            if self.origin.get(doc_id) == origin:
                continue
            sim = estimate(sketch, other)
            if sim >= NEAR and (best is None or sim > best[1]):
                best = (doc_id, round(sim, 3))
        return best
