"""Text reused across documents: paragraphs that share passages with paragraphs elsewhere.

Scales without comparing all pairs: each paragraph keeps the hashes of its 8-character
shingles that fall in one residue class (mod 8), so a shared passage of ~50 characters
leaves a few shared fingerprints whatever surrounds it. Fingerprints held by very many
paragraphs (stock phrases such as 以习近平新时代中国特色社会主义思想为指导) are ignored.
Candidate pairs sharing enough rare fingerprints are then verified on their full shingle sets.
"""
from __future__ import annotations

from array import array
from collections import defaultdict
from typing import Callable, Iterable

import numpy as np

from .dedup import shingle_hashes

MOD = 8
MIN_CHARS = 24          # shorter paragraphs (headings, signatures) are not compared
COMMON = 50             # a fingerprint in more paragraphs than this is a stock phrase
MIN_SHARED = 3          # rare fingerprints two paragraphs must share to be compared
MIN_CONTAINMENT = 0.5   # share of the shorter paragraph's shingles found in the other
MIN_PASSAGE = 40        # or this many shared shingles (a passage of ~47 characters)
TOP = 10


def find_reuse(paragraphs: Iterable[tuple[str, str, str]],
               text_of: Callable[[int], str] | None = None) -> dict[str, list[list]]:
    """{paragraph id: [[other id, score], ...]} for (id, doc_id, text) triples.

    Only the sampled fingerprints are kept, packed as (hash << 32 | paragraph number) in
    one array (8 bytes each, about 30 per paragraph: ~250 MB at a million paragraphs);
    texts are not kept when ``text_of(i)`` can fetch the i-th paragraph's text again, and
    full shingle sets are computed only for the candidate pairs.
    """
    ids: list[str] = []
    doc_codes = array("I")
    doc_index: dict[str, int] = {}
    texts: list[str] = []
    packed = array("Q")
    for pid, doc_id, text in paragraphs:
        i = len(ids)
        ids.append(pid)
        doc_codes.append(doc_index.setdefault(doc_id, len(doc_index)))
        if text_of is None:
            texts.append(text)
        if len(text) < MIN_CHARS:
            continue
        packed.extend((h << 32) | i for h in shingle_hashes(text) if h % MOD == 0)
    keys = np.frombuffer(packed, dtype=np.uint64).copy() if len(packed) else np.zeros(0, dtype=np.uint64)
    del packed
    keys.sort()
    hashes, paras = keys >> np.uint64(32), (keys & np.uint64(0xFFFFFFFF)).astype(np.int64)
    del keys
    # runs of one hash held by 2..COMMON paragraphs
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    sizes = np.diff(np.r_[starts, len(hashes)])
    del hashes
    pair_counts: dict[tuple[int, int], int] = defaultdict(int)
    for st, n in zip(starts[(sizes >= 2) & (sizes <= COMMON)].tolist(), sizes[(sizes >= 2) & (sizes <= COMMON)].tolist()):
        plist = paras[st:st + n].tolist()
        for a_pos, a in enumerate(plist):
            for b in plist[a_pos + 1:]:
                if doc_codes[a] != doc_codes[b]:
                    pair_counts[(a, b)] += 1
    del paras, starts, sizes
    get_text = text_of or texts.__getitem__
    cache: dict[int, set[int]] = {}

    def shingles(i: int) -> set[int]:
        if i not in cache:
            if len(cache) > 4096:
                cache.clear()
            cache[i] = shingle_hashes(get_text(i))
        return cache[i]

    out: dict[str, list[list]] = defaultdict(list)
    for (a, b), n in sorted(pair_counts.items()):
        if n < MIN_SHARED:
            continue
        sa, sb = shingles(a), shingles(b)
        shared = len(sa & sb)
        containment = shared / max(1, min(len(sa), len(sb)))
        if containment >= MIN_CONTAINMENT or shared >= MIN_PASSAGE:
            score = round(containment, 3)
            out[ids[a]].append([ids[b], score])
            out[ids[b]].append([ids[a], score])
    return {pid: sorted(v, key=lambda x: -x[1])[:TOP] for pid, v in out.items()}
