"""Sentence boundaries: one rule (archive/data/sentence_ends.tsv) for same-sentence search
and for the indexer's splitting of over-long paragraphs."""

from __future__ import annotations

import re
from functools import lru_cache

from .datafiles import rows


@lru_cache(maxsize=1)
def sentence_end() -> re.Pattern[str]:
    """The pattern of a sentence end (a mark and the closing quotes after it)."""
    return re.compile(rows("sentence_ends.tsv")[0][0])


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every sentence of ``text``, covering it from 0 to len(text)."""
    out, start = [], 0
    for m in sentence_end().finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text) or not out:
        out.append((start, len(text)))
    return out
