"""A page's teaser line: a site's summary that ends with the opening words of the text below.

Document sites print a preview above the article: an intro sentence, the title and the first
sentences of the text, cut off ("…介绍。 金湖县政府工作报告 20xx年，是我县…的一年。一年"). Its end
is the start of a paragraph a few lines down, repeated; it is no paragraph of the text. Only the
head of a page is looked at, and only an end of at least TEASER_MIN characters that the later
line opens with counts (a repeated phrase is shorter; a repeated sentence is not at a line end).
"""

from __future__ import annotations

import re

from .source import Line

TEASER_MIN = 20  # characters the teaser's end and the later line share
HEAD_LINES = 15  # non-blank lines at the top of a page where teasers stand
REACH = 4  # later non-blank lines a teaser previews


def _key(text: str) -> str:
    return re.sub(r"\s", "", text)


def teaser_end(line: str, later: str) -> bool:
    """True when line ends with the (cut-off) opening of later: at least TEASER_MIN characters,
    and not the whole of later (a line that is later's copy is a duplicate, not a teaser)."""
    a, b = _key(line), _key(later)
    if len(b) < TEASER_MIN or len(a) < TEASER_MIN:
        return False
    p = a.find(b[:TEASER_MIN])
    while p >= 0:
        tail = a[p:]
        if b.startswith(tail) and len(tail) < len(b):
            return True
        p = a.find(b[:TEASER_MIN], p + 1)
    return False


def drop_teaser_lines(lines: list[Line]) -> list[Line]:
    """The lines with each teaser line emptied (its number kept, so no paragraph runs across)."""
    nonblank = [i for i, l in enumerate(lines) if l.text.strip()][:HEAD_LINES]
    gone = set()
    for k, i in enumerate(nonblank):
        later = [lines[j].text for j in nonblank[k + 1 : k + 1 + REACH]]
        if any(teaser_end(lines[i].text, t) for t in later):
            gone.add(i)
    if not gone:
        return lines
    return [Line(l.no, "", "break") if i in gone else l for i, l in enumerate(lines)]
