"""Text reused across documents: paragraphs that share passages with paragraphs elsewhere.

Scales without comparing all pairs: each paragraph keeps the hashes of its 8-character
shingles that fall in one residue class (mod 8), so a shared passage of ~50 characters
leaves a few shared fingerprints whatever surrounds it. Fingerprints held by very many
paragraphs (stock phrases such as 以习近平新时代中国特色社会主义思想为指导) are ignored.
Candidate pairs sharing enough rare fingerprints are then verified on their full shingle sets.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import defaultdict
from typing import Any, Callable, Iterable

import numpy as np

from .dedup import _compact, compact_shingle_hashes, shingle_hashes

MOD = 8
MIN_CHARS = 24  # shorter paragraphs (headings, signatures) are not compared
COMMON = 50  # a fingerprint in more paragraphs than this is a stock phrase
MIN_SHARED = 3  # rare fingerprints two paragraphs must share to be compared
MIN_CONTAINMENT = 0.5  # share of the shorter paragraph's shingles found in the other
MIN_PASSAGE = 40  # or this many shared shingles (a passage of ~47 characters)


def find_reuse(
    paragraphs: Iterable[tuple[str, str, str]], text_of: Callable[[int], str] | None = None
) -> dict[str, Any]:
    """Reused text among (id, doc_id, text) triples, as
    {"groups": [[paragraph ids with the same text], ...], "near": [[group, group, score], ...]}.

    Paragraphs with the same text (after normalisation, spaces aside) form one group and
    are fingerprinted once: a report copied into ten collections costs one paragraph's work,
    and is stored as one group rather than 45 pairs. Only the sampled fingerprints of each
    group are kept, packed as (hash << 32 | group) in one array; full shingle sets are
    computed only for candidate pairs of groups, from texts fetched again with ``text_of(i)``
    (the i-th paragraph) when given. A group is kept if its paragraphs span two documents
    or it shares passages with another group.
    """
    ids: list[str] = []
    doc_codes = array("I")
    doc_index: dict[str, int] = {}
    texts: list[str] = []
    group_of: dict[bytes, int] = {}
    members: list[list[int]] = []
    packed = array("Q")
    for pid, doc_id, text in paragraphs:
        i = len(ids)
        ids.append(pid)
        doc_codes.append(doc_index.setdefault(doc_id, len(doc_index)))
        if text_of is None:
            texts.append(text)
        if len(text) < MIN_CHARS:
            continue
        compact = _compact(text)
        key = hashlib.blake2b(compact.encode("utf-8"), digest_size=12).digest()
        g = group_of.get(key)
        if g is not None:
            members[g].append(i)
            continue
        g = group_of[key] = len(members)
        members.append([i])
        packed.extend((h << 32) | g for h in compact_shingle_hashes(compact) if h % MOD == 0)
    del group_of
    keys = np.frombuffer(packed, dtype=np.uint64).copy() if len(packed) else np.zeros(0, dtype=np.uint64)
    del packed
    keys.sort()
    hashes, groups = keys >> np.uint64(32), (keys & np.uint64(0xFFFFFFFF)).astype(np.int64)
    del keys
    # runs of one hash held by 2..COMMON distinct texts
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]]) if len(hashes) else np.zeros(0, dtype=np.int64)
    sizes = np.diff(np.r_[starts, len(hashes)])
    keep = (sizes >= 2) & (sizes <= COMMON)
    pair_counts: dict[tuple[int, int], int] = defaultdict(int)
    for st, n in zip(starts[keep].tolist(), sizes[keep].tolist()):
        glist = groups[st : st + n].tolist()
        for a_pos, a in enumerate(glist):
            for b in glist[a_pos + 1 :]:
                pair_counts[(a, b)] += 1
    del hashes, groups, starts, sizes
    get_text = text_of or texts.__getitem__
    cache: dict[int, set[int]] = {}

    def shingles(g: int) -> set[int]:
        if g not in cache:
            if len(cache) > 4096:
                cache.clear()
            cache[g] = shingle_hashes(get_text(members[g][0]))
        return cache[g]

    def docs_of(g: int) -> set[int]:
        return {doc_codes[i] for i in members[g]}

    near: list[tuple[int, int, float]] = []
    for (a, b), n in sorted(pair_counts.items()):
        if n < MIN_SHARED or docs_of(a) == docs_of(b) == {doc_codes[members[a][0]]}:
            continue  # (passages shared within one document only are not reuse)
        sa, sb = shingles(a), shingles(b)
        shared = len(sa & sb)
        containment = shared / max(1, min(len(sa), len(sb)))
        if containment >= MIN_CONTAINMENT or shared >= MIN_PASSAGE:
            near.append((a, b, round(containment, 3)))
    wanted = {g for g, m in enumerate(members) if len(m) > 1 and len(docs_of(g)) > 1}
    wanted |= {a for a, _, _ in near} | {b for _, b, _ in near}
    number = {g: k for k, g in enumerate(sorted(wanted))}
    return {
        "groups": [[ids[i] for i in members[g]] for g in sorted(wanted)],
        "near": [[number[a], number[b], score] for a, b, score in near],
    }
