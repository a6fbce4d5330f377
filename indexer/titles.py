"""A document's own title and its type (genre), with the evidence for each.

The title is the document's own title lines (the headings before its first body paragraph, joined
when wrapped), a catalog or collection title, else one made from what is known ("绍兴市2024年政府工作
报告"). Section headings ("一、2023年工作回顾"), datelines, bylines and place lines are never a title.
The genre comes from archive/data/genres.tsv: a collection's type code, then the title, then the
opening lines ("我代表市人民政府，向大会报告工作" is a government work report).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from archive.datafiles import rows

from . import rules
from .dating import find_date, section_year


@dataclass(frozen=True)
class Found:
    value: str | None
    evidence: str | None


NOTHING = Found(None, None)


@lru_cache(maxsize=1)
def _genres() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple((g, where, re.compile(rx)) for g, where, rx in rows("genres.tsv"))


def genre_in(text: str, where: str) -> str | None:
    """The genre a title (or a type code, or an opening line) names, or None."""
    for genre, w, rx in _genres():
        if w == where and rx.search(text):
            return genre
    return None


def known_genre(value: str) -> str | None:
    """A type given by a catalog or collection: a genre name as is, a code through the table."""
    names = {g for g, _, _ in _genres()}
    return value if value in names else genre_in(value, "code") or genre_in(value, "title")


def _is_title_line(text: str, continues: bool = False) -> bool:
    """A line that may be (part of) the title. "2024年工作思路" alone is a section heading, but
    after a title line ending in a connective ("…工作总结和") it is the title's second line."""
    t = text.strip()
    return bool(t) and len(t) <= 80 and not rules.is_enumerated(t) and (continues or not section_year(t) or genre_in(t, "title") is not None) \
        and not find_date(t.strip("（）()—－- ")[:14]) and not t.endswith(("：", ":"))


def own_title(blocks: Sequence) -> Found:
    """The title lines at the top: consecutive headings before the first body paragraph, joined
    (a wrapped title), accepted only when they name a genre (else they are a slogan or a stray)."""
    lines: list = []
    for b in blocks[:10]:
        if b.kind == "body":
            break
        continues = bool(lines) and lines[-1].text.strip().endswith(("和", "及", "与", "暨", "、", "的"))
        if b.kind == "heading" and not b.place and _is_title_line(b.text, continues):
            lines.append(b)
        elif lines:
            break
    for k in range(len(lines), 0, -1):          # all the lines, else fewer
        text = "".join(x.text.strip() for x in lines[:k])
        if genre_in(text, "title"):
            return Found(text, f'title line{"s" if k > 1 else ""} {lines[0].line_start}'
                               f'{"-" + str(lines[k - 1].line_end) if k > 1 else ""} "{text[:50]}"')
    return NOTHING


def doc_genre(*, given: str | None, given_source: str | None, title: str | None,
              head: Sequence[str]) -> Found:
    if given:
        g = known_genre(given.strip())
        if g:
            return Found(g, f'{given_source or "catalog field type"} "{given}"')
    if title:
        g = genre_in(title, "title")
        if g:
            return Found(g, f'title "{title[:50]}" (genres.tsv)')
    for line in head:
        g = genre_in(line.strip(), "head")
        if g:
            return Found(g, f'opening line "{line.strip()[:40]}" (genres.tsv)')
    return NOTHING


def document_title(*, given: str | None, given_source: str | None, blocks: Sequence,
                   place: str | None, year: int | None, genre: str | None) -> Found:
    """A catalog title, else the document's own title lines, else one made from place, year and
    type; a title that is only a genre name ("政府工作报告") is prefixed with the issuer's place."""
    if given:
        return Found(given, f'{given_source or "catalog field title"}')
    own = own_title(blocks)
    if own.value:
        bare = own.value.strip() in {g for g, _, _ in _genres()} or re.fullmatch(r"通\s*知", own.value.strip())
        if bare and place:
            return Found(place + own.value.strip(), own.evidence + f" with the place ({place})")
        return own
    if genre and (place or year):
        made = f"{place or ''}{f'{year}年' if year else ''}{genre}"
        return Found(made, "made from place, year and type (the text has no title line)")
    return NOTHING
