"""The matching form of text: NFKC, traditional to simplified, lower-case Latin.

Search matches on this form; highlights must point into the display text, so every
normalised character remembers which display character it came from.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Iterable

from .datafiles import rows


@lru_cache(maxsize=1)
def _t2s() -> dict[str, str]:
    return {a: b for a, b in rows("t2s_chars.tsv")}


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    return {ord(a): b for a, b in _t2s().items() if len(a) == 1}


def to_simplified(text: str) -> str:
    """Traditional characters as simplified (t2s_chars.tsv), one C-speed translate."""
    return text.translate(_t2s_table())


@lru_cache(maxsize=65536)
def _norm_char(ch: str) -> str:
    out = unicodedata.normalize("NFKC", ch)
    t2s = _t2s()
    out = "".join(t2s.get(c, c) for c in out)
    out = out.lower()
    # NFKC turns U+3000 into a space; every kind of space matches as one plain space.
    return "".join(" " if c.isspace() else c for c in out)


class _Table(dict):
    """str.translate table filled on first sight of each character (C-speed afterwards)."""

    def __missing__(self, code: int) -> str:
        out = self[code] = _norm_char(chr(code))
        return out


_TABLE = _Table()


def normalize(text: str) -> str:
    """Normalised form of ``text`` (may differ in length when NFKC expands a character).

    Character by character, as normalize_with_map, so offsets stay mappable."""
    return text.translate(_TABLE)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the index of its display character."""
    norm = text.translate(_TABLE)
    if len(norm) == len(text):  # no character expanded (none normalises to nothing)
        return norm, list(range(len(text)))
    parts: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        n = _norm_char(ch)
        parts.append(n)
        index.extend([i] * len(n))
    return "".join(parts), index


def find_all(haystack: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of needle."""
    if not needle:
        return []
    out, i = [], haystack.find(needle)
    while i != -1:
        out.append(i)
        i = haystack.find(needle, i + 1)
    return out


def display_spans(text: str, needles: list[str]) -> list[tuple[int, int]]:
    """Character ranges in display ``text`` where any normalised needle occurs, merged."""
    norm = text.translate(_TABLE)
    spans: list[tuple[int, int]] = []
    if len(norm) == len(text):  # one character each (normalize_with_map's own test): offsets agree
        for needle in needles:
            spans += [(start, start + len(needle)) for start in find_all(norm, needle)]
        return merge_spans(spans)
    norm, index = normalize_with_map(text)
    for needle in needles:
        for start in find_all(norm, needle):
            end = start + len(needle)
            spans.append((index[start], index[end - 1] + 1))
    return merge_spans(spans)


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges with overlapping or touching ones joined: one highlight per run of hits."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged
