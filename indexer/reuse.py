"""Text reused across documents: paragraphs that share passages with paragraphs elsewhere.

Scales without comparing all pairs: each paragraph keeps the hashes of its 8-character
shingles that fall in one residue class (mod 8), so a shared passage of ~50 characters
leaves a few shared fingerprints whatever surrounds it. Fingerprints held by very many
paragraphs (stock phrases such as 以习近平新时代中国特色社会主义思想为指导) are ignored.
Candidate pairs sharing enough rare fingerprints are then verified on their full shingle sets.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from .dedup import shingle_hashes

MOD = 8
MIN_CHARS = 24          # shorter paragraphs (headings, signatures) are not compared
COMMON = 50             # a fingerprint in more paragraphs than this is a stock phrase
MIN_SHARED = 3          # rare fingerprints two paragraphs must share to be compared
MIN_CONTAINMENT = 0.5   # share of the shorter paragraph's shingles found in the other
MIN_PASSAGE = 40        # or this many shared shingles (a passage of ~47 characters)
TOP = 10


def find_reuse(paragraphs: Iterable[tuple[str, str, str]]) -> dict[str, list[list]]:
    """{paragraph id: [[other id, score], ...]} for (id, doc_id, text) triples.

    Only the sampled fingerprints are kept for every paragraph (an eighth of its shingles);
    full shingle sets are computed again for the candidate pairs alone, so memory stays small.
    """
    ids: list[str] = []
    docs: list[str] = []
    texts: list[str] = []
    postings: dict[int, list[int]] = defaultdict(list)
    for pid, doc_id, text in paragraphs:
        if len(text) < MIN_CHARS:
            continue
        i = len(ids)
        ids.append(pid)
        docs.append(doc_id)
        texts.append(text)
        for h in shingle_hashes(text):
            if h % MOD == 0:
                postings[h].append(i)
    pair_counts: dict[tuple[int, int], int] = defaultdict(int)
    for plist in postings.values():
        if len(plist) < 2 or len(plist) > COMMON:
            continue
        for a_pos, a in enumerate(plist):
            for b in plist[a_pos + 1:]:
                if docs[a] != docs[b]:
                    pair_counts[(a, b)] += 1
    del postings
    cache: dict[int, set[int]] = {}

    def shingles(i: int) -> set[int]:
        if i not in cache:
            if len(cache) > 4096:
                cache.clear()
            cache[i] = shingle_hashes(texts[i])
        return cache[i]

    out: dict[str, list[list]] = defaultdict(list)
    for (a, b), n in pair_counts.items():
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
