"""Attributing every paragraph to a township, year and speaker.

A page of pledge speeches is a run of pieces, one per township, and OCR may have shuffled
their columns. Pieces are found from evidence, strongest first:
- a line that is a township name, or a paragraph opening with the township as subject
  ('2023年，林埭镇将…'), starts a piece for that township (explicit);
- an enumerated point out of sequence (三、 after 一、二、三、 or 四、 after 二、), or a
  body paragraph after a closing exclamation, starts a fragment of unknown origin; the
  townships it names decide where it belongs;
- a signature ('当湖街道党委书记 金 一', '■牵头部门 发改局') attributes the text above it,
  back to the previous signature or to a piece that speaks for another place.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .places import CountyPlaces

from . import rules
from .dating import is_dateline, section_year
from .paragraphs import Block


@dataclass
class PlaceRun:
    """Consecutive blocks that belong to one township (a "segment" before; that word is kept
    for Whoosh's index segments and the word segmenter)."""

    start: int
    township: str | None
    how: str  # explicit, note, fragment-inherit, fragment-closing, document
    members: list[int] = field(default_factory=list)


@dataclass
class Tags:
    township: str | None = None
    year: int | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    heading: str | None = None
    doc_type: str | None = None
    period: int | None = None
    evidence: dict[str, str] = field(default_factory=dict)


def opener_township(text: str, places: CountyPlaces | None) -> tuple[bool, str | None]:
    """(opens a piece?, township) for a body paragraph."""
    subject = rules.opener_subject(text)
    if not subject:
        return False, None
    if places:
        t = places.resolve(subject)
        if t:
            return True, t
    if rules.is_county_subject(subject):
        return True, None
    return False, None


def place_runs(blocks: list[Block], places: CountyPlaces | None, default_township: str | None) -> list[PlaceRun]:
    segs: list[PlaceRun] = [PlaceRun(0, default_township, "document")]
    # What each body paragraph is, worked out once: a closing sentence names its township
    # too ('曹桥街道将以…贡献曹桥力量!'), but it ends a piece rather than opening one.
    closing = [b.kind == "body" and rules.is_closing(b.text) for b in blocks]
    opener = [
        opener_township(b.text, places) if b.kind == "body" and not closing[i] else (False, None)
        for i, b in enumerate(blocks)
    ]
    levels = [rules.enum_level(b.text) if b.kind in ("body", "heading") else None for b in blocks]
    # Fragments exist only on pages that put several townships' pieces together; a report
    # in one voice (a county's work report) is never cut up by its exclamations.
    compilation = sum(1 for i, b in enumerate(blocks) if (b.kind == "heading" and b.place) or opener[i][1]) >= 2
    last_enum: int | None = None
    after_closing = False
    after_note = False
    after_signature = False  # a signature ends the piece it signs
    for i, b in enumerate(blocks):
        new: PlaceRun | None = None
        level = levels[i]
        if b.kind == "heading" and b.place:
            new = PlaceRun(i, b.place, "explicit")
        elif b.kind == "body":
            opens, township = opener[i]
            if rules.is_note(b.text):
                new = PlaceRun(i, None, "note")
            elif opens:
                new = PlaceRun(i, township, "explicit")
            elif after_note or after_signature:
                new = PlaceRun(i, default_township, "document")
            elif after_closing and compilation:
                new = PlaceRun(i, None, "fragment-closing")
            elif compilation and level and level[0] == 1 and last_enum is not None and level[1] != last_enum + 1:
                new = PlaceRun(i, segs[-1].township, "fragment-inherit")
        if new:
            segs.append(new)
            last_enum = None
        if level and level[0] == 1:
            last_enum = level[1]
        if b.kind == "body":
            after_closing = closing[i]
            after_note = segs[-1].how == "note"
            after_signature = False
        elif b.kind == "signature":
            after_signature = True
        segs[-1].members.append(i)
    return [s for s in segs if s.members]


def _settle_fragments(segs: list[PlaceRun], blocks: list[Block], places: CountyPlaces | None) -> None:
    """A fragment belongs to the township it names most often (ties: no decision)."""
    for s in segs:
        if not s.how.startswith("fragment") or not places:
            continue
        counts = places.mentions("".join(blocks[i].text for i in s.members))
        ranked = counts.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            s.township = ranked[0][0]


def signature_township(sig: rules.Signature, places: CountyPlaces | None) -> str | None:
    if not places:
        return None
    counts = places.mentions(sig.title)
    if not counts:
        return None
    # a canonical township name beats a zone alias when both appear ('…开发区…，广陈镇党委…')
    canonical = [t for t in counts if t in sig.title]
    return canonical[-1] if canonical else counts.most_common(1)[0][0]


def attribute(
    blocks: list[Block],
    places: CountyPlaces | None,
    *,
    doc_year: int | None,
    default_township: str | None,
    default_speaker: str | None,
    doc_type: str | None,
) -> list[Tags]:
    segs = place_runs(blocks, places, default_township)
    _settle_fragments(segs, blocks, places)
    tags = [Tags(speaker=default_speaker, doc_type=doc_type) for _ in blocks]
    seg_of: dict[int, PlaceRun] = {}
    for s in segs:
        for i in s.members:
            seg_of[i] = s
            tags[i].township = s.township
            if s.township and s.how != "document":
                opening = blocks[s.start]
                tags[i].evidence["place.township"] = (
                    f'{s.how} piece from line {opening.line_start} "{opening.text[:30]}"'
                )

    # a byline before any body text ('浙江省省长 刘捷' under a report's title) speaks for it all
    first_body = next((i for i, b in enumerate(blocks) if b.kind == "body"), len(blocks))
    bylines = [i for i, b in enumerate(blocks[:first_body]) if b.kind == "signature" and b.signature]
    byline = blocks[bylines[-1]].signature if bylines else None
    if byline is not None:
        sig = byline
        for t in tags:
            t.speaker = unicodedata.normalize("NFKC", sig.name)
            t.speaker_title = sig.title
            t.evidence["speaker"] = f'byline line {blocks[bylines[-1]].line_start} "{blocks[bylines[-1]].text[:40]}"'

    elif default_speaker is None:
        # a byline the signature rules do not read ("市长 王军", "自治区主席 艾尔肯·吐尼亚孜", a dateline
        # naming the speaker): only among the lines above the first body paragraph
        # the head ends at the first body paragraph, or at the salutation ("各位代表：") when a
        # dateline was read as body text
        salute = next((i for i, b in enumerate(blocks[:12]) if rules.is_salutation(b.text)), None)
        head_end = max(first_body, salute if salute is not None else 0)
        for i, b in enumerate(blocks[:head_end]):
            found = rules.match_byline(b.text)
            where = f'byline line {b.line_start} "{b.text[:40]}" (bylines.tsv)'
            if not found and i and rules.is_bare_name(b.text):
                prev = blocks[i - 1]
                if is_dateline(prev.text):
                    found = (None, re.sub(r"[\s　]", "", b.text))  # "（2017年10月18日）" then "习 近 平"
                else:
                    # the title and the name on lines of their own ("国务院总理" then "李　强")
                    found = rules.match_byline(f"{prev.text.strip()} {b.text.strip()}")
                    where = f'byline lines {prev.line_start}-{b.line_start} "{prev.text.strip()} {b.text.strip()}" (bylines.tsv)'
            if found:
                for t in tags:
                    t.speaker_title, t.speaker = found[0], unicodedata.normalize("NFKC", found[1])
                    t.evidence["speaker"] = where
                break
        else:  # no byline above the text
            reported = _reported_speaker(blocks, doc_type)
            if reported:
                (title, name), where = reported
                for t in tags:
                    t.speaker_title, t.speaker = title, unicodedata.normalize("NFKC", name)
                    t.evidence["speaker"] = where

    # signatures attribute the text above them
    claimed = bylines[-1] if bylines else -1  # last paragraph already attributed by a signature
    for i, b in enumerate(blocks):
        if b.kind != "signature" or not b.signature:
            continue
        sig = b.signature
        township = signature_township(sig, places)
        start = i
        j = i - 1
        while j > claimed:
            s = seg_of[j]
            if s.how == "note":
                break
            if s.how == "explicit" and s.township != township:
                break
            start = j
            j -= 1
        scope = list(range(start, i + 1))
        k = i + 1
        while k < len(blocks) and blocks[k].kind == "heading" and not blocks[k].place:
            scope.append(k)  # a title printed after its signature (任务书)
            k += 1
        for m in scope:
            tags[m].speaker = unicodedata.normalize("NFKC", sig.name)
            tags[m].speaker_title = sig.title
            tags[m].evidence["speaker"] = f'signature line {b.line_start} "{b.text[:40]}"'
            if sig.kind == "person" and township is not None:
                tags[m].township = township
                tags[m].evidence["place.township"] = f'signature line {b.line_start} "{b.text[:40]}"'
            elif sig.kind == "department":
                tags[m].township = None
                tags[m].evidence.pop("place.township", None)
            if sig.doc_type:
                tags[m].doc_type = sig.doc_type
        claimed = scope[-1]

    _headings_and_years(blocks, tags, doc_year)
    return tags


def _reported_speaker(blocks: list[Block], doc_type: str | None) -> tuple[tuple[str | None, str], str] | None:
    """A report retold in the third person (an abstract: "周恩来总理在报告中首先指出") names who
    delivered it in its first body paragraphs (data/reported_speakers.tsv). A news item names many
    speakers in that way, so it is not read for one."""
    if doc_type == "新闻报道":
        return None
    for b in [b for b in blocks if b.kind == "body"][:6]:
        found = rules.match_reported_speaker(b.text)
        if found:
            return (
                found,
                f'the text names who delivered it, line {b.line_start} "{b.text.strip()[:30]}" (reported_speakers.tsv)',
            )
    return None


def _headings_and_years(blocks: list[Block], tags: list[Tags], doc_year: int | None) -> None:
    """The section a paragraph sits under, and the year that section speaks about (its period:
    the innermost heading that scopes a year, data/period_headings.tsv; else the document's year).
    Every paragraph's ``year`` is the document's: the year it was issued."""
    stack: list[tuple[int, str, int | None, int]] = []  # (level, text, year the section is about, line)
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            if b.place:
                stack = []
            else:
                level = rules.enum_level(b.text)
                lvl = level[0] if level else 0
                while stack and stack[-1][0] >= lvl:
                    stack.pop()
                sy = section_year(b.text)
                stack.append((lvl, b.text, sy[1] if sy else None, b.line_start))
        tags[i].heading = (
            stack[-1][1] if stack and stack[-1][1] != b.text else (stack[-2][1] if len(stack) > 1 else None)
        )
        period, why = doc_year, None
        for _, text, y, line in stack:
            if y is not None:
                period, why = y, f'heading line {line} "{text[:40]}" (period_headings.tsv)'
        tags[i].year = doc_year
        tags[i].period = period
        if why:
            tags[i].evidence["period"] = why
