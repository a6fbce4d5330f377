"""Two documents side by side: their paragraphs aligned, the passages they share marked in
both, and how much of each is shared.

Which paragraphs share text is what the build found (indexer/reuse.py, looked up through
``Archive.similar``, the same list `archive similar` prints): a pair is marked when either
paragraph lists the other. Within a pair, a shared passage is a run of characters covered
by 8-character windows that occur in both paragraphs (the reuse detector's shingles, on the
normalised text with spaces removed), mapped back to the display text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .place_display import document_place
from .query import QueryError
from .textnorm import merge_spans, normalize_with_map

if TYPE_CHECKING:
    from .search import Archive

SHINGLE = 8  # as indexer/dedup.py's SHINGLE: the unit the reuse detector compares
_SPACE = re.compile(r"\s")


def compact_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text without spaces, and for each of its characters the display index."""
    norm, index = normalize_with_map(text)
    keep = [i for i, c in enumerate(norm) if not _SPACE.match(c)]
    return "".join(norm[i] for i in keep), [index[i] for i in keep]


def _merge(spans: list[tuple[int, int]]) -> list[list[int]]:
    return [[s, e] for s, e in merge_spans(spans)]


def shared_spans(text: str, other: str, k: int = SHINGLE) -> list[list[int]]:
    """Character ranges of ``text`` (display offsets, merged) covered by k-character windows
    that also occur in ``other``."""
    a, amap = compact_with_map(text)
    b, _ = compact_with_map(other)
    if len(a) < k or len(b) < k:
        return []
    grams = {b[i : i + k] for i in range(len(b) - k + 1)}
    spans = [(amap[i], amap[i + k - 1] + 1) for i in range(len(a) - k + 1) if a[i : i + k] in grams]
    return _merge(spans)


def _anchors(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The longest chain of pairs in order in both documents (then the most similar): the
    paragraphs that are set side by side; other pairs are marked but not aligned."""
    ps = sorted(set(pairs), key=lambda p: (p[0], p[1]))
    best: list[tuple[int, float, int]] = []  # (chain length, total similarity, previous index)
    for i, (a, b, s) in enumerate(ps):
        cand = (1, s, -1)
        for j in range(i):
            if ps[j][0] < a and ps[j][1] < b:
                n, tot, _ = best[j]
                if (n + 1, tot + s) > cand[:2]:
                    cand = (n + 1, tot + s, j)
        best.append(cand)
    if not best:
        return []
    i = max(range(len(best)), key=lambda k: best[k][:2])
    chain = []
    while i != -1:
        chain.append((ps[i][0], ps[i][1]))
        i = best[i][2]
    return chain[::-1]


def _side(paras: list[dict[str, Any]], spans: dict[str, list[list[int]]]) -> dict[str, Any]:
    first = paras[0]
    chars = sum(len(p["text"]) for p in paras)
    shared = sum(e - s for p in paras for s, e in spans.get(p["id"], []))
    return {
        "doc_id": first["doc_id"],
        "title": first["title"],
        "place": document_place(first),
        "year": first["year"],
        "doc_type": first["doc_type"],
        "paragraphs": len(paras),
        "chars": chars,
        "shared_paragraphs": sum(1 for p in paras if spans.get(p["id"])),
        "shared_chars": shared,
        "shared_share": round(shared / chars, 4) if chars else 0.0,
    }


def message(exc: LookupError) -> str:
    """The text of an unknown-document error (str() of a KeyError would add quotes)."""
    return str(exc.args[0]) if exc.args else str(exc)


def compare(archive: "Archive", doc_a: str, doc_b: str) -> dict[str, Any]:
    """{a: summary, b: summary, pairs: [{a, b, similarity}], rows: [{a: paragraph|null,
    b: paragraph|null}]}: a summary is {doc_id, title, place, year, doc_type, paragraphs,
    chars, shared_paragraphs, shared_chars, shared_share}; a paragraph is {id, n, kind, text,
    spans: [[start, end], …]} with the shared passages as character ranges of ``text``."""
    if doc_a == doc_b:
        raise QueryError("compare two different documents", "compare_same")
    pa, pb = archive.document(doc_a), archive.document(doc_b)
    for doc, paras in ((doc_a, pa), (doc_b, pb)):
        if not paras:
            raise LookupError(f"no document {doc!r}", doc)  # the id, for the message in Chinese
    by_id = {p["id"]: p for p in pa + pb}
    found: dict[tuple[str, str], float] = {}
    for p in pa:
        for other in archive.similar(p["id"]):
            if other["doc_id"] == doc_b:
                found[(p["id"], other["id"])] = max(found.get((p["id"], other["id"]), 0.0), other["similarity"])
    for p in pb:
        for other in archive.similar(p["id"]):
            if other["doc_id"] == doc_a:
                found[(other["id"], p["id"])] = max(found.get((other["id"], p["id"]), 0.0), other["similarity"])
    spans_of: dict[str, list[tuple[int, int]]] = {}
    for a, b in found:
        ta, tb = by_id[a]["text"], by_id[b]["text"]
        spans_of.setdefault(a, []).extend((s, e) for s, e in shared_spans(ta, tb))
        spans_of.setdefault(b, []).extend((s, e) for s, e in shared_spans(tb, ta))
    spans = {pid: _merge(v) for pid, v in spans_of.items()}

    def entry(p: dict[str, Any]) -> dict[str, Any]:
        return {"id": p["id"], "n": p["n"], "kind": p["kind"], "text": p["text"], "spans": spans.get(p["id"], [])}

    n_of = {p["id"]: p["n"] for p in pa + pb}
    anchors = _anchors([(n_of[a], n_of[b], s) for (a, b), s in found.items()])
    rows: list[dict[str, Any]] = []
    ia = ib = 0
    for an, bn in [*anchors, (None, None)]:
        while ia < len(pa) and (an is None or pa[ia]["n"] < an):
            rows.append({"a": entry(pa[ia]), "b": None})
            ia += 1
        while ib < len(pb) and (bn is None or pb[ib]["n"] < bn):
            rows.append({"a": None, "b": entry(pb[ib])})
            ib += 1
        if an is not None:
            rows.append({"a": entry(pa[ia]), "b": entry(pb[ib])})
            ia += 1
            ib += 1
    pairs = [
        {"a": a, "b": b, "similarity": s}
        for (a, b), s in sorted(found.items(), key=lambda x: (n_of[x[0][0]], n_of[x[0][1]]))
    ]
    return {"a": _side(pa, spans), "b": _side(pb, spans), "pairs": pairs, "rows": rows}
