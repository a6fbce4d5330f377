"""Recognisers built from the rule files: signatures, piece openers, closings, notes, enumerations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from archive.datafiles import patterns, rows
from archive.textnorm import normalize

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def cn_number(s: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23, 一百 -> 100, 一百零五 -> 105."""
    if "百" in s:
        a, _, b = s.partition("百")
        rest = b.lstrip("零〇")
        return (_CN_DIGITS.get(a, 1) if a else 1) * 100 + (cn_number(rest) if rest else 0)
    if "十" in s:
        a, _, b = s.partition("十")
        return (_CN_DIGITS.get(a, 1) if a else 1) * 10 + (_CN_DIGITS.get(b, 0) if b else 0)
    return _CN_DIGITS.get(s, 0)


@lru_cache(maxsize=1)
def _enumerations() -> tuple[tuple[int, re.Pattern[str]], ...]:
    return tuple((int(level), re.compile(rx)) for level, rx in rows("enumerations.tsv"))


def enum_level(text: str) -> tuple[int, int] | None:
    """(level, number) of an enumerated point: 一、 is level 1, （一） level 2, 1. level 3
    (data/enumerations.tsv); None when the text does not start with one."""
    for level, rx in _enumerations():
        m = rx.match(text)
        if m:
            n = m.groupdict().get("n")
            return level, (int(n) if n and n.isdigit() else cn_number(n) if n else 0)
    return None


def is_enumerated(text: str) -> bool:
    return enum_level(text) is not None


@dataclass(frozen=True)
class Signature:
    kind: str  # "person" or "department"
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


@lru_cache(maxsize=1)
def _bylines() -> tuple[re.Pattern[str], ...]:
    return patterns("bylines.tsv")


def match_byline(text: str) -> tuple[str | None, str] | None:
    """(title, name) of a byline under a report's title (data/bylines.tsv); only short lines.
    Read in the normalised form, so a traditional-script byline ("鎮長　陳文彬") reads like a
    simplified one and the name is recorded in simplified characters."""
    t = normalize(text.strip())
    if len(t) > 60:
        return None
    for rx in _bylines():
        m = rx.search(t)
        if m:
            return m.group("title") or None, re.sub(r"[\s　]", "", m.group("name"))
    return None


def match_reported_speaker(text: str) -> tuple[str | None, str] | None:
    """(title, name) of the speaker a retold report names at a sentence start
    ("周恩来总理在报告中首先指出"), data/reported_speakers.tsv."""
    t = text.strip()
    for rx in patterns("reported_speakers.tsv"):
        m = rx.match(t)
        if m:
            return m.group("title") or None, re.sub(r"[\s　]", "", m.group("name"))
    return None


def is_salutation(text: str) -> bool:
    """The salutation that opens a delivered report's body ("各位代表："), data/salutations.tsv."""
    t = text.strip()
    return any(rx.match(t) for rx in patterns("salutations.tsv"))


def is_bare_name(text: str) -> bool:
    """A line that is only a personal name (2-4 characters, maybe spaced as newspapers print them,
    or a transliterated name with ·): a byline when it stands under the dateline."""
    t = re.sub(r"[\s　]", "", text)
    if any(rx.search(normalize(t)) for rx in patterns("office_words.tsv")):
        return False  # an office on its own line ("县长"), the byline's first half
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}(?:[·•][\u4e00-\u9fff]{1,10})+", t))
