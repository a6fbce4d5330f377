"""A document's own title and its type (genre), with the evidence for each.

The title is the document's own title lines (the headings before its first body paragraph, joined
when wrapped), a catalog or collection title, else one made from what is known ("绍兴市2024年政府工作
报告"). Section headings ("一、2023年工作回顾"), datelines, bylines and place lines are never a title.
The genre comes from archive/data/genres.tsv: a collection's type code, then the title, then the
opening lines ("我代表市人民政府，向大会报告工作" is a government work report).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from archive.datafiles import patterns, rows
from archive.textnorm import normalize

from . import rules
from .dating import find_date, is_dateline, section_year
from .paragraphs import heading_continues, stands_alone


@dataclass(frozen=True)
class Found:
    value: str | None
    evidence: str | None


NOTHING = Found(None, None)


@lru_cache(maxsize=1)
def _genres() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple((g, where, re.compile(rx)) for g, where, rx in rows("genres.tsv"))


_QUOTED = re.compile(r"《[^《》]*》")


def genre_in(text: str, where: str) -> str | None:
    """The genre a title (or a type code, or an opening line) names, or None. Matched on the
    normalised text, so a traditional-script title (…的通報) reads like a simplified one. A genre
    named inside 《…》 is another document's ("代表围绕《政府工作报告》进行讨论" is news; "印发《…实施
    意见》的通知" is a notice), so quoted titles are left out of a title's match."""
    text = normalize(text) if where != "code" else text
    if where == "title":
        text = _QUOTED.sub("", text)
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
    return (
        bool(t)
        and len(t) <= 80
        and not rules.is_enumerated(t)
        and (continues or not section_year(t) or genre_in(t, "title") is not None)
        and not find_date(t.strip("（）()—－- ")[:14])
        and not t.endswith(("：", ":"))
    )


def strip_site_name(title: str) -> str:
    """A page title's site suffix goes ("…开展调研工作 东区办事处_中山网"): data/title_site_suffixes.tsv."""
    for rx in patterns("title_site_suffixes.tsv"):
        title = rx.sub("", title)
    return title.strip()


# a news headline may open with its source and a colon ("金城镇:区农工办来我镇考察…"): one colon
# after a short name, no other punctuation, so it is still a headline and not a sentence
_SOURCE_HEADLINE = re.compile(r"^[^，。：:；！？,;!?\s]{2,10}[：:][^。，；：！？,;:!?]{6,60}$")


def _unwrap(text: str) -> str:
    """A title printed wholly inside 《》 is the title itself, not a document it quotes."""
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1 and text.count("》") == 1:
        return text[1:-1]
    return text


def _meta_line(b) -> bool:
    """A date line between a news headline and its text ("2018-07-03"). (Not a byline: above a
    speaker's byline the lone line may be the tail of a wrapped title, "人民代表大会第二次会议上".)"""
    return b.kind == "heading" and is_dateline(b.text)


def _printed_twice(text: str) -> str | None:
    """The headline of a line that is one headline twice over ("某乡：小茶叶撬动大产业某乡：小茶叶撬动
    大产业"), else None; a headline ends no sentence, so a repeated sentence is not one."""
    s = text.strip()
    t = re.sub(r"\s+", "", s)
    n = len(t) // 2
    if len(t) % 2 or n < 6 or t[:n] != t[n:] or t[-1] in "。！？；!?;":
        return None
    m = len(s) // 2
    return s[:m].strip() if len(s) % 2 == 0 and s[:m] == s[m:] else t[:n]


def own_title(blocks: Sequence) -> Found:
    """The title lines at the top, among the headings before the first body paragraph.

    A line that names a genre is a title; a line ending in a connective ("…工作总结和") continues
    on the next; two lines neither of which names a genre but which do together are one wrapped
    title. Lines above the title (site names, navigation) are passed over. Without any genre word,
    a lone first line of the document followed by the body is its title ("创建绿色社区 营造优美环境")."""
    lines: list = []
    for k, b in enumerate(blocks[:10]):
        half = _printed_twice(b.text.strip())
        if half and not lines and _is_title_line(half) and not rules.match_byline(half):
            # a page that prints its headline twice, the copies glued into one line
            span = f"{b.line_start}" + (f"-{b.line_end}" if b.line_end != b.line_start else "")
            return Found(
                strip_site_name(half), f'title line{"s" if "-" in span else ""} {span} "{half[:50]}" (printed twice)'
            )
        if (
            b.kind == "body"
            and k == 0
            and _SOURCE_HEADLINE.match(b.text.strip())
            and len(blocks) > 1
            and blocks[1].kind == "body"
        ):
            lines.append(b)
            break
        if b.kind == "body" and not lines and stands_alone(b.text.strip()):
            continue  # a 文号 or date line above the title (a page's catalogue line)
        if b.kind == "body":
            break
        continues = bool(lines) and heading_continues(lines[-1].text.strip(), b.text.strip())
        if b.kind == "heading" and not b.place and _is_title_line(b.text, continues) and not rules.match_byline(b.text):
            lines.append(b)
        elif lines:
            break
    i = 0
    while i < len(lines):
        j = i + 1
        text = _unwrap(lines[i].text.strip())
        while j < len(lines) and (
            heading_continues(text, lines[j].text.strip())
            or (
                not genre_in(text, "title")
                and not genre_in(lines[j].text, "title")
                and genre_in(text + lines[j].text.strip(), "title")
            )
        ):
            text += lines[j].text.strip()
            j += 1
        if genre_in(text, "title"):
            span = f"{lines[i].line_start}" + (f"-{lines[j - 1].line_end}" if j - i > 1 else "")
            return Found(strip_site_name(text), f'title line{"s" if j - i > 1 else ""} {span} "{text[:50]}"')
        i = j
    # the lone first line above the text, with perhaps a date line between them
    after = list(itertools.takewhile(_meta_line, blocks[1:4]))
    if (
        len(lines) == 1
        and blocks
        and blocks[0] is lines[0]
        and len(blocks) > 1 + len(after)
        and blocks[1 + len(after)].kind == "body"
    ):
        return Found(
            strip_site_name(lines[0].text.strip()),
            f'first line {lines[0].line_start} "{lines[0].text.strip()[:50]}" (no genre word)',
        )
    if not lines:
        first = next((b for b in blocks[:6] if b.kind == "body"), None)
        for rx in patterns("self_titles.tsv"):
            m = rx.search(first.text) if first is not None else None
            if m and first is not None:
                return Found(
                    m.group("t"),
                    f'the text names itself, line {first.line_start} "{m.group(0)[:60]}" (self_titles.tsv)',
                )
    return NOTHING


def doc_genre(
    *,
    given: str | None,
    given_source: str | None,
    title: str | None,
    head: Sequence[str],
    tail: Sequence[str] = (),
    body: Sequence[tuple[int, str]] = (),
) -> Found:
    """The document's genre, from the strongest evidence that names one: a catalog or collection
    type; an opening statement of what the report is; the title; the opening lines; the closing
    formula; last, a formula only one genre uses anywhere in the text (``body``: (first source
    line, text) of every paragraph) (data/genres.tsv)."""
    if given:
        g = known_genre(given.strip())
        if g:
            return Found(g, f'{given_source or "catalog field type"} "{given}"')
    sources: list[tuple[str, str, str]] = (
        [("statement", line, "opening statement") for line in head]
        + ([("title", title, "title")] if title else [])
        + [("head", line, "opening line") for line in head]
        + [("tail", line, "closing formula") for line in reversed(tail)]
    )
    for where, text, what in sources:
        g = genre_in(text.strip(), where)
        if g:
            quoted = text.strip()[-30:] if where == "tail" else text.strip()[:50]
            return Found(g, f'{what} "{quoted}" (genres.tsv)')
    for line, text in body:
        norm = normalize(text)
        for genre, w, rx in _genres():
            m = rx.search(norm) if w == "body" else None
            if m:
                return Found(genre, f'line {line} "{m.group(0).lstrip("。!,").strip()}" (genres.tsv)')
    return NOTHING


def _bare(title: str) -> bool:
    """A title that is only a genre name, maybe with a year ("政府工作报告", "2024年政府工作报告",
    "政府工作报告(2024年)", "通 知"): it names no issuer, so the issuer's place is put in front."""
    t = re.sub(r"^(?:19|20)\d\d\s*年度?|[（(](?:19|20)\d\d\s*年?度?[)）]$|\s", "", normalize(title))
    return t in _genre_names()


@lru_cache(maxsize=1)
def _genre_names() -> frozenset[str]:
    return frozenset(normalize(g) for g, _, _ in _genres())


def document_title(
    *,
    given: str | None,
    given_source: str | None,
    blocks: Sequence,
    place: str | None,
    year: int | None,
    genre: str | None,
) -> Found:
    """A catalog title, else the document's own title lines, else one made from place, year and
    type; a title that is only a genre name ("政府工作报告") is prefixed with the issuer's place."""
    if given:
        # a catalog's title is the cataloguer's, kept as written; a page's or a collection's may
        # carry the site's name, and a collection's bare "2026年政府工作报告" names no issuer
        catalog = given_source is None or given_source.startswith("catalog")
        if catalog:
            return Found(given, f'{given_source or "catalog field title"}')
        found = Found(strip_site_name(given), f"{given_source}")
        return with_issuer(found, place, year)
    own = own_title(blocks)
    if own.value:
        # a bare "通 知" says less than the notice's own statement of its subject
        stated = notice_title(blocks) if _bare(own.value) else NOTHING
        subtitled = with_subtitle(own, blocks) if _bare(own.value) else NOTHING
        return stated if stated.value else subtitled if subtitled.value else with_issuer(own, place, year)
    lead = news_lead_title(blocks) if genre == "新闻报道" else NOTHING
    if lead.value:
        return lead
    for supplied in (notice_title(blocks), occasion_title(blocks)):
        if supplied.value:
            return supplied
    if genre:
        made = f"{place or ''}{f'{year}年' if year else ''}{genre}"
        return Found(made, "made from place, year and type (the text has no title line)")
    made = f"{place or ''}{f'{year}年' if year else ''}{_made_titles()['unknown_type']}"
    if place or year:
        return Found(
            made, "made from place and year; the type is unknown (the text has no title line; made_titles.tsv)"
        )
    return Found(made, "nothing is known of the text: no title line, place, year or type (made_titles.tsv)")


def with_issuer(found: Found, place: str | None, year: int | None) -> Found:
    """A title that is only a genre name names no issuer: the issuer's place goes in front, and
    the year, when the title has none, after it, the form of a made title ("{place}{year}年{type}")
    so that a printed bare title and a missing one read alike ("政府工作报告" → "云梦乡2024年政府工作
    报告"; "2024年政府工作报告" → "玉林市2024年政府工作报告")."""
    if not found.value or not place or not _bare(found.value):
        return found
    title = found.value.strip()
    if year and not re.search(r"(?:19|20)\d\d", title):
        return Found(f"{place}{year}年{title}", f"{found.evidence} with the place ({place}) and year ({year})")
    return Found(place + title, f"{found.evidence} with the place ({place})")


def with_subtitle(found: Found, blocks: Sequence) -> Found:
    """A bare title with the subtitle under it that names whose report it is (data/subtitles.tsv):
    "政府工作报告——马伟在某县…会议上的报告"."""
    for k, b in enumerate(blocks[:8]):
        if b.kind == "body":
            break
        if normalize(b.text.strip()) != normalize(found.value or "") or k + 1 >= len(blocks):
            continue
        nxt = blocks[k + 1]
        for rx in patterns("subtitles.tsv"):
            m = _read(rx, nxt.text.strip(), anchored=True)
            if m and nxt.kind == "heading":
                return Found(
                    f"{found.value}——{m('t')}",
                    f'{found.evidence} and its subtitle, line {nxt.line_start} "{m("t")[:40]}" (subtitles.tsv)',
                )
    return NOTHING


@lru_cache(maxsize=1)
def _made_titles() -> dict[str, str]:
    return {r[0]: r[1] for r in rows("made_titles.tsv")}


def _read(rx: re.Pattern[str], text: str, *, anchored: bool = False) -> Callable[[str | int], str] | None:
    """A rule matched on the normalised text, so traditional script reads like simplified; the
    returned function gives a group in the text's own characters (normalised where they do not
    map one to one)."""
    norm = normalize(text)
    m = rx.match(norm) if anchored else rx.search(norm)
    if not m:
        return None
    shown = text if len(norm) == len(text) else norm
    return lambda g: shown[m.start(g) : m.end(g)] if m.group(g) is not None else ""


@lru_cache(maxsize=1)
def _lead_rules() -> tuple[tuple[re.Pattern[str], ...], ...]:
    table = rows("news_lead_titles.tsv")
    return tuple(tuple(re.compile(r[1]) for r in table if r[0] == kind) for kind in ("event", "clause", "not_start"))


def news_lead_title(blocks: Sequence) -> Found:
    """An untitled news item's title from its lead: a congress session and what it did, else the
    clause after the day it reports on (data/news_lead_titles.tsv), from the first two body
    paragraphs."""
    events, clauses, not_start = _lead_rules()
    lead = [b for b in blocks if b.kind == "body"][:2]
    for b in lead:
        for rx in events:
            g = _read(rx, b.text.strip())
            if g:
                t = g("s") + g("a") + g("v")
                return Found(t, f'the news lead, line {b.line_start} "{g(0)[:50]}" (news_lead_titles.tsv)')
    for b in lead:
        for rx in clauses:
            m = rx.search(b.text.strip())
            if m and not any(n.match(m.group("t")) for n in not_start):
                t = m.group("t").strip()
                return Found(t, f'the news lead, line {b.line_start} "{t}" (news_lead_titles.tsv)')
    return NOTHING


@lru_cache(maxsize=1)
def _notice_rules() -> dict[str, tuple[re.Pattern[str], ...]]:
    table = rows("notice_titles.tsv")
    return {k: tuple(re.compile(r[1]) for r in table if r[0] == k) for k in ("subject", "not_subject", "issuer")}


def notice_title(blocks: Sequence) -> Found:
    """An untitled notice's title in the standard form "{issuer}关于{subject}的{kind}", from the
    phrase that opens its list ("现将…公示如下") and the body named in its signature
    (data/notice_titles.tsv). Without a stated subject there is no such title."""
    rules_ = _notice_rules()
    body = [b for b in blocks if b.kind == "body"]
    for b in body[:3]:
        for rx in rules_["subject"]:
            m = _read(rx, b.text)
            if not m or any(n.match(normalize(m("s"))) for n in rules_["not_subject"]):
                continue
            subject, kind = m("s").strip(), m("g")
            issuer, where = "", ""
            for s in reversed(blocks[-6:]):
                hit = next((h for r in rules_["issuer"] if (h := _read(r, s.text.strip(), anchored=True))), None)
                if hit and s is not b:
                    issuer, where = hit("i"), f', the signature line {s.line_start} "{hit("i")}"'
                    break
            return Found(
                f"{issuer}关于{subject}的{kind}",
                f'the notice states its subject, line {b.line_start} "{m(0)[:40]}"{where} (notice_titles.tsv)',
            )
    return NOTHING


def occasion_title(blocks: Sequence) -> Found:
    """An untitled experience report's title: the occasion its first sentence names and its kind
    ("通过这段时间在某乡挂职,我有这样几点收获" → "在某乡挂职心得体会"), data/occasion_titles.tsv."""
    first = next((b for b in blocks[:4] if b.kind == "body"), None)
    if first is None:
        return NOTHING
    for rx, kind in ((re.compile(r[0]), r[1]) for r in rows("occasion_titles.tsv")):
        m = _read(rx, first.text.strip(), anchored=True)
        if m:
            return Found(
                m("t") + kind,
                f'the opening names the occasion, line {first.line_start} "{m(0)[:40]}" (occasion_titles.tsv)',
            )
    return NOTHING
