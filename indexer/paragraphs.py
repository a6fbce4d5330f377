"""The split stage: lines into paragraphs, each with a kind and its source lines.

It runs on repaired lines (repair.repair_lines) and has each paragraph's text repaired once
its lines are known (repair.repair_paragraph); the stage order is in pipeline.py.

Hard wraps, double-spaced OCR and page breaks all look like line breaks; what decides a
paragraph break is whether the line before ends a sentence, and whether the next line
starts something (an enumerated point, a place name, a signature, a piece opener).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from functools import lru_cache

from archive.datafiles import patterns, rows
from archive.textnorm import to_simplified
from .places import CountyPlaces

from . import clean, rules
from .repair import repair_note, repair_paragraph
from .source import Line
from .teasers import drop_teaser_lines


@dataclass
class Block:
    """A paragraph before tagging."""

    text: str
    kind: str  # heading, body, signature, note (a footnote)
    line_start: int
    line_end: int
    place: str | None = None  # township when the paragraph is a place-name line
    signature: rules.Signature | None = None


# Line roles (read.Line.role) that make a paragraph of their own; "start" only begins one.
OWN_PARAGRAPH = ("heading", "row", "note")


@dataclass
class _Unit:
    first: int
    last: int
    text: str
    indent: bool
    role: str = ""  # what the source says it is (heading, row, note, start): see read.Line


def _units(lines: list[Line], breaks: set[int] | None = None) -> list[_Unit | None]:
    """Lines after joining vertical names; None stands for a blank line. The positions of the
    blank lines that end a paragraph whatever follows (a removed metadata line) go in ``breaks``."""
    merged = clean.join_vertical([l.text for l in lines])
    total = sum(len(t.strip()) for _, _, t in merged)
    out: list[_Unit | None] = []
    for a, b, text in merged:
        if not text.strip():
            if breaks is not None and any(l.role == "break" for l in lines[a : b + 1]):
                breaks.add(len(out))
            out.append(None)
            continue
        indent = bool(re.match(r"^[ \t\u3000\u00a0]", text))
        role = next((l.role for l in lines[a : b + 1] if l.role), "")
        # a line holding most of a long text is a report that lost its line ends
        lost_lines = len(text.strip()) >= _single_line().min_share * total
        pieces = split_long_line(text.strip()) if lost_lines and role not in OWN_PARAGRAPH else [text.strip()]
        for k, piece in enumerate(pieces):
            out.append(_Unit(lines[a].no, lines[b].no, piece, indent and k == 0, role))
    return out


@dataclass(frozen=True)
class _SingleLine:
    min_length: int
    min_share: float
    max_run: int
    target_length: int
    heading_max: int
    page_number: re.Pattern[str]
    breaks: tuple[re.Pattern[str], ...]
    sections: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _single_line() -> _SingleLine:
    table: dict[str, list[str]] = {}
    for r in rows("single_line.tsv"):
        table.setdefault(r[0], []).append(r[1])
    one = {k: v[0] for k, v in table.items()}
    return _SingleLine(
        int(one["min_length"]),
        float(one["min_share"]),
        int(one["max_run"]),
        int(one["target_length"]),
        int(one["heading_max"]),
        re.compile(one["page_number"]),
        tuple(map(re.compile, table["break"])),
        tuple(map(re.compile, table["section"])),
    )


_OPENERS, _CLOSERS = "“‘《（(「『【", "”’》）)」』】"


def _balanced(text: str) -> bool:
    """No quotation or bracket is left open in text (a split point must not fall inside one)."""
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
    return depth == 0


def split_long_line(text: str) -> list[str]:
    """A report stored as one long line, split on its own structure (data/single_line.tsv):
    at enumerated headings and sentence ends followed by a space, around unnumbered section
    headings, after a numbered heading's first space; runs still too long at sentence ends
    near a target length. Never inside a quotation, a bracket or a number."""
    cfg = _single_line()
    if len(text) < cfg.min_length:
        return [text]
    text = cfg.page_number.sub("", text)
    cuts: set[int] = set()
    for rx in cfg.breaks:
        cuts.update(m.end() for m in rx.finditer(text))
    for rx in cfg.sections:
        for m in rx.finditer(text):
            cuts.update((m.start(1), m.end(1)))
    pieces = _cut(text, cuts)
    out: list[str] = []
    for piece in pieces:
        # a numbered heading without punctuation ends at its first space
        head = re.match(rf"^(\S{{2,{cfg.heading_max}}})\s+(?=\S)", piece)
        if head and rules.is_enumerated(piece) and not clean.has_sentence_punct(head.group(1)):
            out.append(head.group(1))
            piece = piece[head.end() :]
        out.extend(_sentence_runs(piece, cfg))
    return [p for p in (x.strip() for x in out) if p]


def _cut(text: str, cuts: set[int]) -> list[str]:
    pieces, start = [], 0
    for c in sorted(cuts):
        if 0 < c < len(text) and c > start and _balanced(text[:c]):
            pieces.append(text[start:c])
            start = c
    pieces.append(text[start:])
    return pieces


def _sentence_runs(piece: str, cfg: _SingleLine) -> list[str]:
    """A run longer than max_run cut at the first sentence end after target_length characters."""
    if len(piece) <= cfg.max_run:
        return [piece]
    out, start = [], 0
    for m in re.finditer(r"[。！？!?](?![”’」』）)])", piece):
        end = m.end()
        if (
            end - start >= cfg.target_length
            and len(piece) - end >= cfg.target_length // 2
            and _balanced(piece[start:end])
        ):
            out.append(piece[start:end])
            start = end
    out.append(piece[start:])
    return out


def _heading_like(text: str) -> bool:
    """No sentence punctuation and short: a headline, a title, a name line."""
    return not clean.has_sentence_punct(text) and len(text) <= 60


def _enum_heading(text: str) -> bool:
    return rules.is_enumerated(text) and not re.search(r"[。；！？!?]", text) and len(text) <= 40


def wrap_width(units: list[_Unit | None]) -> int:
    """The usual length of a hard-wrapped line (0 when the text is not hard-wrapped).

    Evidence: many lines that do not end a sentence have (nearly) one length, and they make
    a good share of all lines; a text with one paragraph per line has scattered lengths."""
    from collections import Counter

    lengths = Counter(len(u.text) for u in units if u and not clean.ends_sentence(u.text) and len(u.text) >= 8)
    if not lengths:
        return 0
    width, count = lengths.most_common(1)[0]
    if count < 5:
        return 0
    nonblank = sum(1 for u in units if u)
    near = sum(n for length, n in lengths.items() if width - 3 <= length <= width + 2)
    return width if near >= WRAPPED_SHARE * nonblank else 0


# In an unwrapped text, a line is short (a paragraph of its own) when the median line is at
# least this many times longer.
SHORT_AMONG_LONG = 3

# Indentation marks paragraph starts when at most this share of the lines are indented
# (a web capture that indents every line says nothing by it).
INDENT_SHARE = 0.6

# Blank lines mark paragraph ends when at least this share of the lines have one after them
# (a preview that breaks its text into chunks leaves runs of lines without).
BLANK_SHARE = 0.8

# A text is hard-wrapped when at least this share of its lines have the wrap width (±3):
# hard-wrapped PDF and newspaper text has 50-90%; one paragraph per line 10-20%.
WRAPPED_SHARE = 0.3


def stands_alone(text: str) -> bool:
    """A line that is a paragraph of its own (a date line, a 文号) even without punctuation."""
    return any(rx.match(text) for rx in patterns("standalone_lines.tsv"))


def heading_continues(a: str, b: str) -> bool:
    """Two short lines without punctuation form one wrapped headline: the first stops where
    a title cannot (an open 《 or “, a trailing 的/和/关于) or the second starts with a closing mark
    (data/heading_connectives.tsv). Matched in simplified script, so 關於 reads like 关于."""
    ends, starts = _connectives()
    a, b = to_simplified(a), to_simplified(b)
    return bool(
        any(rx.search(a) for rx in ends)
        or any(rx.match(b) for rx in starts)
        or a.count("《") > a.count("》")
        or a.count("“") > a.count("”")
        or a.count("（") > a.count("）")
        or a.count("(") > a.count(")")
    )


@lru_cache(maxsize=1)
def _connectives() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """(patterns for the end of a first line, patterns for the start of a second)."""
    table = rows("heading_connectives.tsv")
    return (
        tuple(re.compile(r[1]) for r in table if r[0] == "end"),
        tuple(re.compile(r[1]) for r in table if r[0] == "start"),
    )


def opens_with_closing_mark(text: str) -> bool:
    """A line that opens with a closing mark (。 ” 》 …) belongs to the line above."""
    return any(rx.match(text) for rx in _connectives()[1])


def build_blocks(lines: list[Line], places: CountyPlaces | None) -> list[Block]:
    blocks: list[Block] = []
    cur: list[_Unit] = []
    gap = 0

    def place_of(text: str) -> str | None:
        return places.place_line(text) if places else None

    def flush() -> None:
        if cur:
            blocks.append(_finish(cur, place_of))
        cur.clear()

    breaks: set[int] = set()
    units = _units(drop_teaser_lines(lines), breaks)
    width = wrap_width(units)
    nonblank = [u for u in units if u]
    indent_marks_starts = sum(u.indent for u in nonblank) <= INDENT_SHARE * len(nonblank)
    # a text whose lines are all set apart by blank lines says where its paragraphs end: there
    # a short line before a blank line (a piece heading 某镇：…, a contact line) is complete
    blank_ends = bool(nonblank) and sum(1 for i, u in enumerate(units[:-1]) if u and units[i + 1] is None) >= (
        BLANK_SHARE * len(nonblank)
    )
    lengths = sorted(len(u.text) for u in nonblank)
    typical = lengths[len(lengths) // 2] if lengths else 0  # the median line length

    def wrapped_body_line(text: str) -> bool:
        """A (nearly) full-width line without punctuation is body text cut by the wrap, not a
        headline; first lines of paragraphs are indented, hence the slack."""
        return bool(width) and " " not in text and width - 4 <= len(text) <= width + 3

    for pos, unit in enumerate(units):
        if unit is None:
            if pos in breaks:
                flush()
            gap += 1
            continue
        if unit.role in OWN_PARAGRAPH:
            # the source says where its headings, table rows and notes are: one paragraph each
            flush()
            cur.append(unit)
            flush()
            gap = 0
            continue
        if unit.role == "start":
            flush()  # the source starts a paragraph here (an HTML block); lines may join it
        if cur:
            a = cur[-1]
            cur_heading = all(_heading_like(u.text) for u in cur) or (len(cur) == 1 and _enum_heading(a.text))
            cur_place = len(cur) == 1 and place_of(a.text) is not None
            cur_sig = rules.match_signature(" ".join(u.text for u in cur)) is not None
            b = unit.text
            boundary_ok = gap >= 1 or clean.ends_sentence(a.text) or cur_heading or unit.indent
            sig_continues = (
                len(cur) == 1
                and re.search(r"[、，,]$", a.text) is not None
                and rules.match_signature(a.text + b) is not None
            )
            b_hard = boundary_ok and (
                rules.is_enumerated(b)
                or place_of(b) is not None
                or rules.match_signature(b) is not None
                or rules.starts_paragraph(b)
                or rules.is_note(b)
                # an indented first line; after a blank line only where indenting marks
                # paragraph starts, not every line
                or (unit.indent and (gap == 0 or indent_marks_starts))
                or stands_alone(b)
            )
            if sig_continues or opens_with_closing_mark(b):
                # a line opening with a closing mark ('。', '”的') continues the line above
                new = False
            elif b_hard or cur_sig or cur_place or (len(cur) == 1 and stands_alone(a.text)):
                new = True
            elif cur_heading:
                # without a known wrap width, an enumerated line with a comma is taken as the
                # first line of a wrapped paragraph ('一、聚焦党建夯基，以红色引') when it is as
                # long as the text's lines usually are; among long one-paragraph lines it is
                # a heading of its own ('（一）全力争创…示范区，提升产业体系竞争力')
                cut_by_wrap = len(cur) == 1 and (
                    wrapped_body_line(a.text)
                    if width
                    else rules.is_enumerated(a.text) and "，" in a.text and len(a.text) >= 0.8 * typical
                )
                if gap >= 1:
                    # a blank line after a heading ends it, unless the heading is a line cut by
                    # a known wrap width
                    new = not (cut_by_wrap and width and clean.has_sentence_punct(b))
                elif clean.has_sentence_punct(b):
                    # a heading line followed by a sentence ends there, unless it is a
                    # full-width line cut by the wrap
                    new = not cut_by_wrap
                else:
                    # a headline may run over two lines in wrapped text; in a text with one
                    # paragraph per line only when the first line visibly stops short
                    new = stands_alone(a.text) or stands_alone(b) or not (width or heading_continues(a.text, b))
            elif clean.ends_sentence(a.text):
                # a sentence end is a paragraph end, except on a full-width line of a
                # hard-wrapped text, where the wrap may fall after a 。 inside a paragraph;
                # there a colon ends one only on a line well short of the width ('同志们：')
                new = (
                    gap >= 1
                    or not width
                    or (len(a.text) < width // 2 if a.text.rstrip()[-1] in "：:" else len(a.text) < width - 2)
                )
            else:
                # in a text of long one-paragraph lines, a short line is a paragraph of its own
                # (a caption, a label, a name) even without a full stop; so is the last of a run
                # of short lines that joined (a photo caption with its 。 and the title under it,
                # then the session line and the speaker of a report stored one line each)
                new = (
                    not width
                    and (
                        len(cur) == 1
                        or (
                            _heading_like(a.text)
                            and _heading_like(b)
                            and all(typical >= SHORT_AMONG_LONG * len(u.text) for u in cur)
                            and _balanced("".join(u.text for u in cur))  # not inside "（PM" / "10" / "）"
                        )
                    )
                    and (typical >= SHORT_AMONG_LONG * len(a.text) or (gap >= 1 and blank_ends))
                    and len(a.text) <= 40
                    and not re.search(r"[。！？!?]", a.text)
                )
            if new:
                flush()
        cur.append(unit)
        gap = 0
    flush()
    blocks = drop_teasers(drop_repeated_headings(split_glued_title([b for b in blocks if b.text])))
    return drop_joined_headlines(blocks)


# A teaser is a body paragraph near the top whose text opens one of the next few paragraphs.
TEASER_REACH = 3
TEASER_MIN = 20


def drop_teasers(blocks: list[Block]) -> list[Block]:
    """Drop a page's teaser: the first paragraph repeated (often cut short) above the date
    line, before the article itself. Its words are all in the paragraph it previews."""

    def key(t: str) -> str:
        return re.sub(r"[\s.…。]+$", "", re.sub(r"\s", "", t))

    out: list[Block] = []
    for i, b in enumerate(blocks):
        k = key(b.text)
        if (
            b.kind == "body"
            and i < 10
            and len(k) >= TEASER_MIN
            and any(
                c.kind == "body" and len(key(c.text)) > len(k) and key(c.text).startswith(k)
                for c in blocks[i + 1 : i + 1 + TEASER_REACH]
            )
        ):
            continue
        out.append(b)
    return out


def split_glued_title(blocks: list[Block]) -> list[Block]:
    """A first paragraph that opens with a speech's title glued to its text (a preview page
    without line ends: data/glued_titles.tsv) becomes the title heading and the text."""
    if not blocks or blocks[0].kind != "body":
        return blocks
    first = blocks[0]
    for rx in patterns("glued_titles.tsv"):
        m = rx.match(first.text)
        if m and len(first.text) > m.end() + 10:
            title = Block(m.group("t"), "heading", first.line_start, first.line_start)
            first.text = first.text[m.end() :].lstrip()
            return [title] + blocks
    return blocks


def drop_repeated_headings(blocks: list[Block]) -> list[Block]:
    """A heading repeated on the next line (a page template printing the title twice) is
    one heading: the copy's lines join the first, so every line still has its paragraph.
    A paragraph that opens with a heading just above it loses the repeated words."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            prev
            and b.kind == "heading"
            and prev.kind == "heading"
            and re.sub(r"\s", "", b.text) == re.sub(r"\s", "", prev.text)
        ):
            prev.line_end = b.line_end
            continue
        if b.kind == "body":
            # the title printed again at the start of the first paragraph
            for h in out[-3:]:
                if (
                    h.kind == "heading"
                    and len(h.text) >= 10
                    and b.text.startswith(h.text)
                    and len(b.text) > len(h.text) + 10
                ):
                    b.text = b.text[len(h.text) :].lstrip()
                    break
        out.append(b)
    return out


def _finish(units: list[_Unit], place_of) -> Block:
    raw = [u.text for u in units]
    first, last = units[0].first, units[-1].last
    joined_raw = " ".join(raw)
    role = units[0].role
    if role == "row":
        return Block(joined_raw.strip(), "body", first, last)
    if role == "note":
        return Block(repair_note(raw), "note", first, last)
    sig = rules.match_signature(joined_raw) if role != "heading" else None
    if sig:
        return Block(
            f"{sig.title} {sig.name}" if sig.kind == "person" else joined_raw.strip(),
            "signature",
            first,
            last,
            signature=sig,
        )
    heading = all(_heading_like(t) for t in raw)
    text = repair_paragraph(raw, heading)
    place = place_of(text) if len(units) <= 2 else None
    if place or heading or _enum_heading(text) or role == "heading":
        return Block(text, "heading", first, last, place=place)
    return Block(text, "body", first, last)


# A page's headline that joins the title and the 文号 printed below it stands this near the top.
HEADLINE_REACH = 3
HEADLINE_MAX = 60  # characters of a headline printed twice


def drop_joined_headlines(blocks: list[Block]) -> list[Block]:
    """A page's headline that is two of the next paragraphs joined (文号 + 《title》, printed again
    below as two lines) is one of them twice: its lines join the paragraph after it. A short
    line printed twice at the top (某乡：小茶叶撬动大产业) is the page's headline, once."""
    for i, b in enumerate(blocks[:HEADLINE_REACH]):
        k = re.sub(r"\s", "", b.text)
        c = blocks[i + 1] if i + 1 < len(blocks) else None
        if c and len(k) <= HEADLINE_MAX and k == re.sub(r"\s", "", c.text) and "。" not in k:
            b.line_end = c.line_end
            return blocks[: i + 1] + blocks[i + 2 :]
        nxt = [re.sub(r"\s", "", c.text) for c in blocks[i + 1 : i + 3] if c.kind == "heading"]
        if len(nxt) == 2 and all(nxt) and k in (nxt[0] + nxt[1], nxt[1] + nxt[0]):
            blocks[i + 1].line_start = min(blocks[i + 1].line_start, b.line_start)
            return blocks[:i] + blocks[i + 1 :]
    return blocks
