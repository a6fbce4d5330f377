"""Recognisers built from the rule files: signatures, piece openers, closings, notes, enumerations."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from archive.datafiles import patterns, rows

ENUM = re.compile(
    r"^(?:(?P<top>[一二三四五六七八九十]{1,3})、"
    r"|[（(](?P<sub>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?P<num>\d{1,2})[.．、](?!\d)"
    r"|[（(]\d{1,2}[）)]"
    r"|[一二三四五六七八九十]{1,3}是(?=[^的])"
    r"|第[一二三四五六七八九十]{1,3}[，,、])"
)
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def cn_number(s: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23."""
    if "十" in s:
        a, _, b = s.partition("十")
        return (_CN_DIGITS.get(a, 1) if a else 1) * 10 + (_CN_DIGITS.get(b, 0) if b else 0)
    return _CN_DIGITS.get(s, 0)


def enum_level(text: str) -> tuple[int, int] | None:
    """(level, number) of an enumerated point: 一、 is level 1, （一） level 2, 1. level 3."""
    m = ENUM.match(text)
    if not m:
        return None
    if m.group("top"):
        return 1, cn_number(m.group("top"))
    if m.group("sub"):
        return 2, cn_number(m.group("sub"))
    if m.group("num"):
        return 3, int(m.group("num"))
    return 4, 0


@dataclass(frozen=True)
class Signature:
    kind: str          # "person" or "department"
    title: str
    name: str
    doc_type: str | None


@lru_cache(maxsize=1)
def _signature_rules() -> tuple[tuple[str, re.Pattern[str], str | None], ...]:
    out = []
    for r in rows("signatures.tsv"):
        out.append((r[0], re.compile(r[1]), (r[2].strip() if len(r) > 2 and r[2].strip() else None)))
    return tuple(out)


def match_signature(text: str) -> Signature | None:
    t = text.strip()
    if len(t) > 100:
        return None
    for kind, rx, doc_type in _signature_rules():
        m = rx.match(t)
        if m:
            name = re.sub(r"[\s\u3000]+", "", m.group("name"))
            title = re.sub(r"[\s\u3000]+", "", m.group("title"))
            return Signature(kind, title, name, doc_type)
    return None


def opener_subject(text: str) -> str | None:
    """The subject of a piece-opening sentence ('2023年，林埭镇将…' -> '林埭镇')."""
    for rx in patterns("openers.tsv"):
        m = rx.match(text.strip())
        if m:
            return m.group("subject").strip()
    return None


def starts_paragraph(text: str) -> bool:
    """A line that begins a paragraph when it follows a finished sentence or a headline."""
    return any(rx.match(text.strip()) for rx in patterns("paragraph_starts.tsv"))


def is_county_subject(subject: str) -> bool:
    return any(rx.search(subject) for rx in patterns("county_subjects.tsv"))


def is_closing(text: str) -> bool:
    return any(rx.search(text) for rx in patterns("closings.tsv"))


def is_note(text: str) -> bool:
    return any(rx.match(text.strip()) for rx in patterns("notes.tsv"))
