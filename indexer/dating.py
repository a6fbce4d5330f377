"""When a document was issued (its year and date) and which year each section speaks about.

A document's ``year`` is the year it was issued or delivered, the same for all its paragraphs;
``period`` is the year a section speaks about ("2023年工作回顾" → 2023), defaulting to ``year``.
Evidence, strongest first (the first that answers wins, and says where it came from):

1. a catalog or collection field (``date``, ``year``) or a page's metadata line (发布日期/成文日期);
2. a dateline in the head ("——2024年1月13日在…人民代表大会第四次会议上", "（2024年1月29日）");
3. the congress or NPC session the document names as its own (data: npc_sessions.tsv,
   cpc_congresses.tsv), in its title or opening statement;
4. a date line among the last lines (the date under a signature);
5. the years of the title ("2023年工作总结和2024年工作思路" → 2024);
6. section headings: a plan for year Y → Y; a review of year Y → Y+1, or Y when the review itself
   says it is still that year (data: period_headings.tsv, same_year_cues.tsv);
7. what the text says of its own time, when all such statements agree: "2025年是…之年…今年"
   (own_year_statements.tsv), a session's budget and votes, a review of Y with the plan for Y+1,
   "刚刚过去的2025年", an anniversary (year_statements.tsv, indexer/year_statements.py).

Years inside sentences, a web page's "saved on"/print header and copyright years are never a
document's year: unknown stays None.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from archive.datafiles import patterns, rows
from archive.textnorm import normalize

from .rules import cn_number
from .year_statements import stated_year

_CN_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0", "O": "0"}
_CN = "〇○零一二三四五六七八九十"

# 2024年4月6日 · 2024年04月06日 · 2024-2-22 · 2014-08-01 13:52 · 2024.4.6 · 2024/4/6 · 2024年1月
_ARABIC = re.compile(
    r"(?<![\d\-/.])(?P<y>(?:19|20)\d\d)\s*(?:年\s*(?P<m1>\d{1,2})\s*月(?:\s*(?P<d1>\d{1,2})\s*[日号])?"
    r"|[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})(?![\d\-/.]))"
)
# 二〇二四年一月二十九日
_CHINESE = re.compile(
    rf"(?P<y>[〇○零Ｏ一二三四五六七八九]{{4}})\s*年\s*(?P<m>[{_CN}]{{1,2}})\s*月(?:\s*(?P<d>[{_CN}]{{1,3}})\s*日)?"
)
_YEAR_ONLY = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)\s*年?\s*$")


@dataclass(frozen=True)
class Dated:
    year: int | None
    date: str | None  # ISO, as precise as known: "2024", "2024-01", "2024-01-29"
    evidence: str | None  # where it came from, for a reader to check


UNDATED = Dated(None, None, None)


_WIDE = str.maketrans("０１２３４５６７８９－／．號", "0123456789-/.号")


def _digits(text: str) -> str:
    """Full-width digits and separators as ASCII, 號 as 号: the same length, so spans still hold."""
    return text.translate(_WIDE)


def _iso(y: int, m: int | None, d: int | None) -> str | None:
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return datetime.date(y, m, d).isoformat()  # 2024年2月30日 is no date
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first full or year-month date written in ``text``, as ISO, with its span.

    >>> find_date("发布日期：2014-08-01 13:52")
    ('2014-08-01', (5, 15))
    """
    best: tuple[str, tuple[int, int]] | None = None
    text = _digits(text)
    for m in _ARABIC.finditer(text):
        mm, dd = m.group("m1") or m.group("m2"), m.group("d1") or m.group("d2")
        iso = _iso(int(m.group("y")), int(mm), int(dd) if dd else None)
        if iso:
            best = (iso, m.span())
            break
    for m in _CHINESE.finditer(text):
        y = int("".join(_CN_YEAR_DIGITS[c] for c in m.group("y")))
        iso = _iso(y, cn_number(m.group("m").replace("〇", "零")), cn_number(m.group("d")) if m.group("d") else None)
        if iso and (best is None or m.start() < best[1][0]):
            best = (iso, m.span())
        break
    return best


def parse_date(value: str | None) -> str | None:
    """A catalog/metadata value as ISO: any date form above, or a bare year ("2024", "2024年")."""
    if not value:
        return None
    found = find_date(value)
    if found:
        return found[0]
    m = re.match(r"^\s*(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*月?\s*$", value)
    if m:
        return _iso(int(m.group("y")), int(m.group("m")), None)
    m = _YEAR_ONLY.match(value) or re.match(r"^\s*(?P<y>(?:19|20)\d\d)(?!\d)", value)
    return m.group("y") if m else None


# brackets, dashes, list bullets and table bars around a line's date are not part of it
_LINE_MARKS = "（）()—－-― 　•·●▪◆■|｜"


def _dateline(text: str) -> str | None:
    """A line that is a date, possibly with where it was delivered: "——2024年1月13日在…会议上",
    "（2024年1月29日在…）", "2024年2月26日". A date inside a sentence is not a dateline."""
    t = text.strip().strip(_LINE_MARKS)
    found = find_date(t)
    if not found:
        return None
    iso, (s, e) = found
    rest = t[e:].strip()
    if s > 0 or not (rest == "" or rest.startswith("在") or len(rest) <= 2):
        return None
    return iso


def is_dateline(text: str) -> bool:
    return _dateline(text) is not None


@lru_cache(maxsize=1)
def _npc() -> dict[tuple[int, int], int]:
    return {(int(a), int(b)): int(y) for a, b, y in rows("npc_sessions.tsv")}


@lru_cache(maxsize=1)
def _congresses() -> dict[int, int]:
    return {int(n): int(y) for n, y in rows("cpc_congresses.tsv")}


_NPC_SESSION = re.compile(rf"第([{_CN}]+)届全国人民代表大会第([{_CN}]+)次会议")
_OWN_CONGRESS = (
    # the title names the congress: "在中国共产党第十次全国代表大会上的报告", "… (十七大)"
    (re.compile(rf"第([{_CN}]+)次全国代表大会"), 0, "title"),
    (re.compile(rf"[（(]([{_CN}]+)大[)）]"), 0, "title"),
    # the report of the outgoing Central Committee to the next congress
    (re.compile(rf"我代表第([{_CN}]+)届中央委员会向大会作报告"), 1, "head"),
    (re.compile(rf"我代表中央委员会向(?:党的)?第([{_CN}]+)次全国代表大会作报告"), 0, "head"),
)


def _session_year(title: str, head: Sequence[str]) -> tuple[int, str] | None:
    """The year of the NPC session or party congress the document names as its own."""
    for where, texts in (("title", [title]), ("head", list(head))):
        for t in texts:
            m = _NPC_SESSION.search(t)
            if m:
                y = _npc().get((cn_number(m.group(1)), cn_number(m.group(2))))
                if y:
                    return y, f'{where} "{m.group(0)}" (npc_sessions.tsv)'
            for rx, offset, scope in _OWN_CONGRESS:
                if scope != where:
                    continue
                m = rx.search(t)
                if m:
                    y = _congresses().get(cn_number(m.group(1)) + offset)
                    if y:
                        return y, f'{where} "{m.group(0)}" (cpc_congresses.tsv)'
    return None


def section_year(heading: str) -> tuple[str, int] | None:
    """(role, year) of a heading that scopes a section to a year: review or plan."""
    heading = normalize(heading)  # 回顧 reads as 回顾
    for role, _offset, rx in _period_rules():
        m = rx.search(heading)
        if m:
            return role, int(m.group("y"))
    return None


@lru_cache(maxsize=1)
def _period_rules() -> tuple[tuple[str, int, re.Pattern[str]], ...]:
    return tuple(
        (r[0], int(r[1]) if r[1].lstrip("-").isdigit() else 0, re.compile(r[2])) for r in rows("period_headings.tsv")
    )


def _heading_year(headings: Sequence[tuple[int, str, str | None]]) -> tuple[int, str] | None:
    """From (index, heading, first body paragraph under it): a plan's year, else a review's
    year + 1 (or + 0 when the review itself says it is still that year)."""
    plans, reviews, same_year = [], [], []
    for _i, h, first in headings:
        sy = section_year(h)
        if not sy:
            continue
        role, y = sy
        if role == "section":
            continue
        if role == "plan":
            plans.append((y, f'heading "{h}" (plan for {y})'))
        else:
            rest = h[h.find(str(y)) + 8 :] if len(h) > 30 else ""  # a heading glued to its first sentence
            same = any(
                rx.search(first or "") or rx.search(rest) or rx.search(h) for rx in patterns("same_year_cues.tsv")
            )
            if same:
                same_year.append((y, f'heading "{h[:40]}" (review of {y}, which it calls this year)'))
            else:
                reviews.append((y + 1, f'heading "{h[:40]}" (review of {y}, so the next year)'))
    if same_year:
        return max(same_year)
    if plans:
        return max(plans)
    if reviews:
        return max(reviews)
    return None


_CLOSING = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*(?:年|—|-|～)")


def document_date(
    *,
    fields: dict[str, str | None],
    title: str | None,
    head: Sequence[str],
    tail: Sequence[str],
    headings: Sequence[tuple[int, str, str | None]],
    lead: Sequence[str] = (),
    texts: Sequence[str] = (),
    lines: Sequence[int | None] = (),
) -> Dated:
    """The document's year and date with the evidence for them (see the module docstring).

    ``fields``: catalog/collection/metadata values (``date``, ``year``, with ``*_source`` naming
    where each came from); ``head``: the text of the first paragraphs (title block, datelines);
    ``tail``: the last paragraphs; ``headings``: (index, heading, first body paragraph under it);
    ``lead``: the first two body paragraphs (a news lead); ``texts``: every paragraph, with
    ``lines`` its first source line."""
    masked = _masked(list(head) + list(tail))
    for key in ("date", "year"):
        iso = parse_date(fields.get(key))
        source = fields.get(key + "_source") or "catalog field " + key
        if iso and masked and source.startswith("page metadata"):
            continue  # a template's page date is the reposting site's (masked_dates.tsv)
        if iso:
            return _own_day(Dated(int(iso[:4]), iso, f'{source} "{fields.get(key)}"'), lead, tail)
    for line in head:
        iso = _dateline(line)
        if iso:
            return Dated(int(iso[:4]), iso, f'dateline "{line.strip()[:60]}"')
    sy = _session_year(title or "", head)
    if sy:
        return Dated(sy[0], str(sy[0]), sy[1])
    for line in reversed(tail):
        iso = _dateline(line)
        if iso and len(line.strip()) <= 20:
            return Dated(int(iso[:4]), iso, f'closing date line "{line.strip()}"')
    for line in reversed(tail[-3:]):
        # the date under a signature, glued to the last sentence ("…特此通告。某某人民政府2017年10月17日")
        m = _CLOSING.search(line.rstrip(_LINE_MARKS))
        iso = parse_date(m.group(0)) if m else None
        if iso and len(iso) == 10:
            return Dated(int(iso[:4]), iso, f'closing date "{line.strip()[-30:]}"')
    lead_day = _lead_full(lead)
    if lead_day:
        return lead_day
    years = sorted({int(y) for y in _TITLE_YEAR.findall(title or "")})
    if years:
        # "2023年工作总结和2024年工作谋划" is of 2024, unless its text says it is still 2023 ("今年以来，…")
        if (
            len(years) == 2
            and years[1] == years[0] + 1
            and any(rx.search(line) for line in head for rx in patterns("same_year_cues.tsv"))
        ):
            return Dated(
                years[0], str(years[0]), f'title "{title}" (review of {years[0]}, which the text calls this year)'
            )
        for offset, rx, _why in rows("title_year_offsets.tsv"):
            if re.search(rx, normalize(title or "")):
                y = years[-1] + int(offset)
                return Dated(
                    y, str(y), f'title "{title}" (covers {years[-1]}, published the next year; title_year_offsets.tsv)'
                )
        return Dated(years[-1], str(years[-1]), f'title "{title}"')
    hy = _heading_year(headings)
    if hy:
        return Dated(hy[0], str(hy[0]), hy[1])
    stated = _own_year_statement(texts)
    said = stated_year(texts, lines)
    if stated and said and stated.year != said.year:
        return UNDATED  # the text's own statements disagree: unknown stays unknown
    if stated:
        return stated
    if said:
        return Dated(said.year, str(said.year), f"statement {said.evidence}")
    updated = parse_date(fields.get("updated"))
    if updated and len(updated) == 10 and not masked:
        dated = _own_day(UNDATED, lead, tail, bound=(updated, fields.get("updated") or ""))
        if dated.year:
            return dated
    return UNDATED


def _masked(texts: Sequence[str]) -> bool:
    """The text hides its own dates ("20xx年"): a template (data/masked_dates.tsv)."""
    return any(rx.search(t) for t in texts for rx in patterns("masked_dates.tsv"))


@lru_cache(maxsize=1)
def _lead_rules() -> dict[str, re.Pattern[str]]:
    return {r[0]: re.compile(r[1]) for r in rows("lead_dates.tsv")}


def _lead_full(lead: Sequence[str]) -> Dated | None:
    """The full day a news lead opens a sentence with ("2021年6月11日上午,…")."""
    m = next((m for t in lead for m in [_lead_rules()["lead_full"].search(_digits(t))] if m), None)
    iso = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d"))) if m else None
    if m and iso:
        return Dated(int(iso[:4]), iso, f'news lead "{m.group(0).strip("。！？!? ")}" (lead_dates.tsv)')
    return None


def _own_day(dated: Dated, lead: Sequence[str], tail: Sequence[str], bound: tuple[str, str] | None = None) -> Dated:
    """A page's date (or, with ``bound``, its update time) against the day the text gives for
    itself without a year (a news lead's "1月16日", a signature's "10月14日"): the text is of the
    last such day not after the page's time, so a notice signed 10月14日 on a page of 2021-05-13
    is of 2020 (data/lead_dates.tsv). Without such a day a page date stands as it is."""
    page, page_text = bound or (dated.date, "")
    if not page or len(page) != 10:
        return dated
    rules = _lead_rules()
    day, what = None, ""
    m = next((m for t in lead for m in [rules["lead_day"].search(_digits(t))] if m), None)
    if m:
        q = m.group(0).rstrip(",， ")
        day, what = m, f'news lead "{q if len(q) <= 24 else "…" + q[-24:]}"'
    else:
        for line in reversed(tail[-4:]):
            m = rules["closing_day"].match(_digits(line.strip().strip(_LINE_MARKS)))
            if m:
                day, what = m, f'closing date line "{line.strip()}"'
                break
    if day is None:
        return dated
    y, pm, pd = int(page[:4]), int(page[5:7]), int(page[8:10])
    mm, dd = int(day.group("m")), int(day.group("d"))
    if (mm, dd) > (pm, pd):
        y -= 1
    iso = _iso(y, mm, dd)
    if iso is None:
        return dated
    if bound is None and iso[:4] == page[:4]:
        return dated  # the page's own date agrees with the text's day: kept as written
    basis = dated.evidence if bound is None else f'page update time "{page_text}"'
    return Dated(y, iso, f'{what} (lead_dates.tsv), the last such day not after the {basis}')


def _own_year_statement(texts: Sequence[str]) -> Dated | None:
    """The year a paragraph says is its own ("2025年是…收官之年……今年…"), when all such
    statements agree (data/own_year_statements.tsv)."""
    found: dict[int, str] = {}
    for rx_text, cue in rows("own_year_statements.tsv"):
        rx = re.compile(rx_text)
        for t in texts:
            if cue not in t:
                continue
            for m in rx.finditer(_digits(t)):
                found.setdefault(int(m.group("y")), m.group(0))
    if len(found) != 1:
        return None
    ((y, said),) = found.items()
    return Dated(
        y, str(y), f'statement "{said[:40]}" with 今年 (the text calls {y} this year; own_year_statements.tsv)'
    )


def periods(headings_by_block: Sequence[str | None], doc_year: int | None) -> list[int | None]:
    """Each block's period: the year of the innermost section heading that scopes one, else the
    document's year. ``headings_by_block`` gives, per block, the chain of open headings joined
    by a newline (outermost first), or None."""
    out: list[int | None] = []
    for chain in headings_by_block:
        year = doc_year
        for h in (chain or "").split("\n"):
            sy = section_year(h) if h else None
            if sy:
                year = sy[1]
        out.append(year)
    return out
