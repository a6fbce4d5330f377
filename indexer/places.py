"""Placing a document in China's divisions (indexer/gazetteer.py), and a county's township
names and aliases for tagging its paragraphs.

The same township name exists in several counties (高桥街道 in six), so names are only
ever resolved inside a county that the document itself establishes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from archive.datafiles import rows

from archive.gazetteer import CODE_LEVELS, Place, divisions, placeholders, short_forms, short_name

if TYPE_CHECKING:
    from .short_places import ShortFound


class CountyPlaces:
    """Township names, aliases and short forms of one county, for matching in text."""

    def __init__(self, county: Place) -> None:
        self.county = county
        d = divisions()
        self.townships: dict[str, Place] = {}
        for code in d.children.get(county.code, []):
            p = d.place(code)
            self.townships[p.name] = p
        self.names: dict[str, str] = {}
        for name in self.townships:
            self.names[name] = name
        for alias, canonical, county_name in rows("place_aliases.tsv"):
            if county_name == county.name and canonical in self.townships:
                self.names[alias] = canonical
        for name in self.townships:
            s = short_name(name)
            if s and s not in self.names:
                self.names[s] = name
        alternatives = sorted(self.names, key=len, reverse=True)
        self._regex = re.compile("|".join(re.escape(a) for a in alternatives)) if alternatives else None

    def resolve(self, text: str) -> str | None:
        """Canonical township for a name, alias or short form, or a 'X(Y)' pair."""
        text = text.strip()
        m = re.fullmatch(r"(.+?)[（(](.+?)[)）]", text)
        if m:
            return self.resolve(m.group(2)) or self.resolve(m.group(1))
        return self.names.get(text)

    def mentions(self, text: str) -> Counter[str]:
        """How often each township is named in text (longest names first)."""
        out: Counter[str] = Counter()
        if self._regex:
            for m in self._regex.finditer(text):
                out[self.names[m.group(0)]] += 1
        return out

    def place_line(self, text: str) -> str | None:
        """The township when a whole line is a place name, e.g. '平湖经济技术开发区(钟埭街道)'."""
        t = re.sub(r"\s+", "", text)
        return self.resolve(t) if len(t) <= 30 else None


@lru_cache(maxsize=256)
def county_places(county: str, within: str | None = None) -> CountyPlaces | None:
    place = divisions().county(county, within)
    return CountyPlaces(place) if place else None


# ---------------------------------------------------------------------------------------
# Locating a document anywhere in China, from its catalog fields, file name, title, text.


@dataclass(frozen=True)
class Located:
    place: Place | None
    level: str | None  # national, province, city, county, township, or None
    note: str | None = None  # why nothing (or less) was decided, for the index report
    # where each of province, city, county, township and level came from
    evidence: dict[str, str] = field(default_factory=dict)


class Locator:
    """Full and short names of provinces, cities and counties, with their codes."""

    def __init__(self) -> None:
        d = divisions()
        self.full: dict[str, list[str]] = {}
        self.short: dict[str, list[str]] = {}
        for code, name in d.name.items():
            level = CODE_LEVELS.get(len(code))
            if level not in ("province", "city", "county") or name in placeholders():
                continue
            self.full.setdefault(name, []).append(code)
            for s in short_forms(name, level):
                self.short.setdefault(s, []).append(code)
        names = sorted(set(self.full) | set(self.short), key=len, reverse=True)
        self._regex = re.compile("|".join(re.escape(n) for n in names))

    def codes(self, name: str) -> list[str]:
        return self.full.get(name) or self.short.get(name) or []

    def names_in(self, text: str) -> list[str]:
        return [m.group(0) for m in self._regex.finditer(text)]


@lru_cache(maxsize=1)
def _level_hints() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r[0], re.compile(r[1])) for r in rows("level_hints.tsv"))


@lru_cache(maxsize=1)
def locator() -> Locator:
    return Locator()


def _consistent(codes: list[str], anchors: list[str]) -> list[str]:
    """Codes that lie under (or above) one of the anchor codes."""
    return [c for c in codes if any(c.startswith(a) or a.startswith(c) for a in anchors)]


def resolve_codes(
    groups: list[list[str]], labels: list[str], level: str | None = None
) -> tuple[str | None, str | None]:
    """Pick the most specific code that every other unambiguous mention agrees with; a
    level hint (from '我代表市人民政府') settles a name shared by two levels."""
    if level:
        groups = [([c for c in g if CODE_LEVELS.get(len(c)) == level] or g) if len(g) > 1 else g for g in groups]
    sure = [g[0] for g in groups if len(g) == 1]
    chosen: list[str] = []
    note = None
    for g, label in zip(groups, labels):
        if len(g) == 1:
            chosen.append(g[0])
            continue
        narrowed = _consistent(g, sure) if sure else []
        if len(narrowed) == 1:
            chosen.append(narrowed[0])
        else:
            note = f"ambiguous place name {label} ({len(g)} places): left unset"
    chosen = [c for c in chosen if all(c.startswith(o) or o.startswith(c) for o in chosen)] or chosen[:1]
    if not chosen:
        return None, note
    return max(chosen, key=len), note


LEVEL_ORDER = ("national", "province", "city", "county", "township")
_DEPTH = {"province": 2, "city": 4, "county": 6, "township": 9}
ISSUER_WEIGHT, TITLE_WEIGHT, TEXT_WEIGHT = 50.0, 10.0, 1.0


def _quote(text: str, n: int = 40) -> str:
    text = re.sub(r"\s+", " ", text.strip())
    return '"' + (text[:n] + "…" if len(text) > n else text) + '"'


def _outside_book_titles(text: str) -> str:
    """《中华人民共和国政府信息公开条例》 cites a law; it does not make a document national."""
    return re.sub(r"《[^》]{0,60}》", "", text)


@dataclass
class _Scan:
    """Weighted mentions of divisions in a document, with the best evidence for each code."""

    weight: dict[str, float] = field(default_factory=dict)
    # weight from page furniture and reposting sources (a site's footer, 来源：某县融媒体中心):
    # they name the site's county for every page on it, so they never hold a descent back
    weak: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, tuple[float, str]] = field(default_factory=dict)
    issuers: dict[str, str] = field(default_factory=dict)  # code -> evidence
    ambiguous: list[tuple[tuple[str, ...], float, str]] = field(default_factory=list)
    sure: set[str] = field(default_factory=set)

    def add(self, codes: tuple[str, ...], w: float, ev: str, issuer: bool = False, weak: bool = False) -> None:
        if len(codes) == 1:
            self.count(codes[0], w, ev, issuer)
            self.sure.add(codes[0])
            if weak:
                self.weak[codes[0]] = self.weak.get(codes[0], 0.0) + w
        else:
            self.ambiguous.append((codes, w, ev))

    def count(self, code: str, w: float, ev: str, issuer: bool) -> None:
        self.weight[code] = self.weight.get(code, 0.0) + w
        if code not in self.evidence or self.evidence[code][0] < w:
            self.evidence[code] = (w, ev)
        if issuer:
            self.issuers.setdefault(code, ev)

    def settle(self, anchor: str | None) -> None:
        """An ambiguous name (新城镇: ten townships) is the one place that the document's
        other, unambiguous mentions agree with (same chain, or a township of the same county)."""
        sure = list(self.sure) + ([anchor] if anchor else [])
        left: list[tuple[tuple[str, ...], float, str]] = []
        for codes, w, ev in self.ambiguous:
            support = {
                c: sum(
                    self.weight.get(s, 1.0)
                    for s in sure
                    if c.startswith(s) or s.startswith(c) or (len(c) == len(s) == 9 and c[:6] == s[:6])
                )
                for c in codes
            }
            best = max(support.values())
            winners = [c for c, v in support.items() if v == best]
            if best > 0 and len(winners) == 1:
                self.count(winners[0], w, ev, ev.startswith("issuer"))
            elif best == 0:
                left.append((codes, w, ev))
        self._settle_siblings(left)

    def _settle_siblings(self, left: list[tuple[tuple[str, ...], float, str]]) -> None:
        """Ambiguous township names with no other support: when two or more different names
        have a township in one county and in no other such county, they are that county's
        (兴华镇, 新村乡, 中和镇 … all lie in 青冈县)."""
        d = divisions()
        names: dict[str, set[str]] = {}
        for codes, _, _ in left:
            for c in codes:
                if len(c) == 9:
                    names.setdefault(c[:6], set()).add(d.name[c])
        if not names:
            return
        ranked = sorted(names.items(), key=lambda kv: len(kv[1]), reverse=True)
        county, members = ranked[0]
        if len(members) < 2 or (len(ranked) > 1 and len(ranked[1][1]) == len(members)):
            return
        for codes, w, ev in left:
            hit = [c for c in codes if c[:6] == county]
            if len(hit) == 1:
                self.count(
                    hit[0],
                    w,
                    ev + f"; gazetteer: with the other townships named, in {d.name[county]}",
                    ev.startswith("issuer"),
                )

    def subtree(self, code: str) -> float:
        return sum(w for c, w in self.weight.items() if c.startswith(code))

    def descend(self, start: str, max_depth: int, minimum: float, target: int | None = None) -> str:
        """From start, go down while one child holds most of the weight below (3/5): a
        township report names its county and city too, a city report names many counties.
        Above the level the document speaks at (target: 我镇 -> township), the node's own
        mentions do not hold it back (a township's report cites its county's rules)."""
        node = start
        while True:
            total = self.subtree(node) - self.weak.get(node, 0.0)
            if target and len(node) < target:
                total -= self.weight.get(node, 0.0) - self.weak.get(node, 0.0)
            children: dict[str, float] = {}
            for c, w in self.weight.items():
                if c.startswith(node) and len(c) > len(node):
                    nxt = next(n for n in (2, 4, 6, 9) if n > len(node))
                    if nxt > max_depth:
                        continue
                    children[c[:nxt]] = children.get(c[:nxt], 0.0) + w
            if not children:
                return _visible(node)
            child, w = max(children.items(), key=lambda kv: kv[1])
            # below a place the text establishes, toward the level it speaks at, one mention
            # is enough (茅坪镇 once in a 白河县 township's news); a lone unique township too
            need = 1.0 if target and len(node) < target and self.weight.get(node, 0.0) >= minimum else minimum
            if len(self.weight) == 1 and len(next(iter(self.weight))) == 9:
                need = 1.0
            if w < need or w < 0.6 * total or child not in divisions().name:
                return _visible(node)
            node = child


def _visible(code: str) -> str:
    """A code that stands for no place of its own (上海市's 市辖区, 中山市's county 中山市)
    gives way to its parent."""
    d = divisions()
    while code and (d.name[code] in placeholders() or d.name.get(d.parent.get(code, "")) == d.name[code]):
        code = d.parent.get(code, "")
    return code


@lru_cache(maxsize=1)
def _issuer_patterns() -> tuple[re.Pattern[str], ...]:
    from archive.datafiles import patterns

    return patterns("issuers.tsv")


def _department_patterns() -> tuple[re.Pattern[str], ...]:
    from archive.datafiles import patterns

    return patterns("department_issuers.tsv")


@lru_cache(maxsize=1)
def _reposters() -> tuple[re.Pattern[str], ...]:
    from archive.datafiles import patterns

    return patterns("reposting_sources.tsv")


@lru_cache(maxsize=1)
def _self_references() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r[0], re.compile(r[1])) for r in rows("self_references.tsv"))


def _province_by_abbreviation(lines: list[tuple[int, str]]) -> tuple[str, str] | None:
    """(province, evidence) of a line that names the text's own province by its abbreviation
    ("总书记来川视察…" → 四川省; data/province_abbreviations.tsv)."""
    table = rows("province_abbreviations.tsv")
    names = {r[1]: r[2] for r in table if r[0] == "abbr"}
    for rx in (re.compile(r[1]) for r in table if r[0] == "context"):
        for no, line in lines:
            m = rx.search(line)
            if m and m.group("abbr") in names:
                return names[m.group("abbr")], f'line {no} "{m.group(0)}" (province_abbreviations.tsv)'
    return None


def _chains(found: list) -> list:
    """ "湖南省石门县新关镇" is one mention of 新关镇: a name written right after a higher
    division's name stands for the deepest place of the chain (the others are its address)."""
    out: list = []
    for m in found:
        if out and out[-1].end == m.start:
            prev = out[-1]
            codes = tuple(c for c in m.codes if any(c.startswith(p) for p in prev.codes))
            if codes:
                out[-1] = replace(m, codes=codes)
                continue
        out.append(m)
    return out


def _scan(
    lines: list[tuple[int, str]],
    issuers: list[tuple[str, str]],
    title: str | None,
    furniture: frozenset[int] = frozenset(),
) -> _Scan:
    from .place_text import masked_mentions, match_form
    from .place_text import mentions as raw_mentions

    def mentions(text: str) -> list:
        return _chains(raw_mentions(text)) + masked_mentions(text)

    scan = _Scan()
    for label, value in issuers:
        form = match_form(value)
        if any(rx.search(form) for rx in _reposters()):
            # a media centre or department that reposted the text: its place only (reposting_sources.tsv)
            for m in mentions(form):
                scan.add(m.codes, TEXT_WEIGHT, f"{label} {_quote(value)} (reposted by)", weak=True)
            continue
        for m in mentions(form):
            scan.add(m.codes, ISSUER_WEIGHT, f"issuer {label} {_quote(value)}", issuer=True)
    if title:
        for m in mentions(match_form(title)):
            scan.add(m.codes, TITLE_WEIGHT, f"title {_quote(title)}")
    seen = 0
    for no, raw in lines:
        if not raw.strip():
            continue
        text = match_form(raw.strip())
        if no in furniture:
            # a site's name in its header or watermark: weak evidence, never an issuer
            issuer, department, w = False, False, TEXT_WEIGHT
        else:
            seen += 1
            issuer = len(text) <= 40 and any(rx.search(text) for rx in _issuer_patterns())
            department = not issuer and len(text) <= 40 and any(rx.search(text) for rx in _department_patterns())
            issuer = issuer or department
            w = ISSUER_WEIGHT if issuer else TITLE_WEIGHT if seen <= 3 and len(text) <= 60 else TEXT_WEIGHT
        label = "department issuer " if issuer and department else "issuer " if issuer else ""
        for m in mentions(text):
            where = raw.strip() if len(text) <= 40 else text[max(0, m.start - 12) : m.end + 12]
            scan.add(m.codes, w, label + f"line {no} {_quote(where)}", issuer=issuer, weak=no in furniture)
    return scan


def _self_level(lines: list[tuple[int, str]]) -> tuple[str | None, str]:
    """The level the text speaks of itself at (我镇 ×12), when it does so at least twice."""
    from .place_text import match_form

    text = match_form("\n".join(t for _, t in lines))
    counts: Counter[str] = Counter()
    words: dict[str, Counter[str]] = {}
    for level, rx in _self_references():
        for m in rx.finditer(text):
            counts[level] += 1
            words.setdefault(level, Counter())[m.group(0)] += 1
    if not counts:
        return None, ""
    (level, n), *rest = counts.most_common(2)
    if n < 2 or (rest and rest[0][1] == n):
        return None, ""
    word, k = words[level].most_common(1)[0]
    return level, f"self-reference {word} ×{k} ({level} {n}×)"


def _reconcile(level: str | None, place: Place | None) -> str | None:
    """ "我市" and "我代表市人民政府" in a county-level city (平湖市) speak at the county level,
    in a municipality (上海市) at the province level."""
    if level == "city" and place and place.level in ("county", "township") and (place.county or "").endswith("市"):
        return "county"
    if level == "city" and place and place.level == "province" and (place.province or "").endswith("市"):
        return "province"
    return level


def locate(
    *,
    fields: dict[str, str | None],
    file_stem: str,
    title: str | None,
    head: str,
    lines: list[tuple[int, str]] | None = None,
    furniture: frozenset[int] = frozenset(),
) -> Located:
    """Where a document speaks for, and at what level, with the evidence for each field.

    Catalog/manifest fields first, then an opening statement (我代表国务院), the file name, the
    title and phrases such as 我代表平湖市人民政府: the first of these that names a place anchors
    the document. Below that anchor (or with none), names found in issuer lines (a signature
    遂溪县建新镇人民政府, a 发布机构 value: strongest), the opening lines and the text are weighed
    through the gazetteer's hierarchy; lines numbered in ``furniture`` (page furniture removed
    from the text) count as weak evidence. An ambiguous name is never guessed: it is left unset."""
    from archive.datafiles import patterns

    loc = locator()
    d = divisions()
    groups: list[list[str]] = []
    labels: list[str] = []
    sources: list[str] = []
    lines = lines if lines is not None else [(i, t) for i, t in enumerate((head or "").split("\n"), start=1)]

    def add(name: str, source: str, parent: list[str] | None = None) -> None:
        codes = loc.codes(name)
        if parent:
            codes = _consistent(codes, parent) or codes
        if codes:
            groups.append(codes)
            labels.append(name)
            sources.append(source)

    for key in ("province", "city", "county"):
        v = fields.get(key)
        if v:
            add(v, f"catalog field {key}", [g[0] for g in groups if len(g) == 1])
    from_catalog = bool(groups)
    opening = "\n".join((head or "").split("\n")[:12])
    if not groups:
        for rx in patterns("national_statements.tsv"):
            m = rx.search(opening)
            if m:
                # '我代表国务院…' outweighs a file name: a national report saved as 台州.txt is still national
                return Located(None, "national", None, {"level": f"statement {_quote(m.group(0))}"})
    if not groups:
        stem = re.sub(r"[_\-\s]+", " ", file_stem)
        for part in stem.split():
            if loc.codes(part):
                add(part, f"file name {file_stem}")
            else:
                for name in loc.names_in(part):
                    if name in loc.full:
                        add(name, f"file name {file_stem}")
    if not groups:
        from .place_text import match_form

        plain = match_form(title or "")  # 廣州共產黨報告 reads as 广州共产党报告
        for name in loc.names_in(plain):
            if name in loc.full:
                add(name, f"title {_quote(title or '')}")
        # a title that opens with a short name speaks for that place (北京共产主义组织的报告)
        first = next(iter(loc.names_in(plain[:8])), None)
        if not groups and first and plain.startswith(first) and len(loc.codes(first)) == 1:
            add(first, f"title {_quote(title or '')}")
    if not groups:
        for rx in patterns("place_contexts.tsv"):
            for no, line in lines[:40]:
                m = rx.search(line.strip())
                if m and loc.codes(m.group("place")):
                    add(m.group("place"), f"line {no} {_quote(line)}")
            if groups:
                break
    if not groups:
        found = _province_by_abbreviation(lines[:40])
        if found:
            add(*found)
    hint, hint_ev = None, ""
    for lvl, rx in _level_hints():
        hit = next(((no, line) for no, line in lines[:40] if rx.search(line.strip())), None)
        if hit:
            hint, hint_ev = lvl, f"line {hit[0]} {_quote(hit[1])}"
            break
    anchor, note = resolve_codes(groups, labels, hint)
    evidence: dict[str, str] = {}
    anchor_source = ""
    if anchor:
        src = anchor_source = next(s for g, s in zip(groups, sources) if anchor in g)
        evidence[CODE_LEVELS[len(anchor)]] = src
        for g, s in zip(groups, sources):
            if len(g) == 1 and anchor.startswith(g[0]):
                evidence.setdefault(CODE_LEVELS[len(g[0])], s)

    township = fields.get("township")
    if anchor and from_catalog:
        place = d.place(anchor)
        if township and place.level == "county":
            cp = CountyPlaces(place)
            t = cp.resolve(township)
            if t:
                evidence["township"] = "catalog field township"
                return Located(
                    cp.townships[t],
                    "township",
                    note,
                    _fill(evidence, cp.townships[t], "township", "catalog field township"),
                )
        return Located(place, place.level, note, _fill(evidence, place, place.level, evidence.get(place.level, "")))

    issuer_fields = [
        (label, str(fields[key])) for key, label in (("publisher", "发布机构"), ("source", "来源")) if fields.get(key)
    ]
    scan = _scan(lines, issuer_fields, title, furniture)
    scan.settle(anchor)
    _settle_issuers(scan, lines, title)
    self_level, self_ev = _self_level(lines)
    self_word = self_ev.split(" ")[1] if self_ev else ""  # "self-reference 全市 ×2 (city 2×)" → 全市
    issuer_code = (
        max(scan.issuers, key=lambda c: (len(c), scan.weight.get(c, 0)), default=None) if scan.issuers else None
    )
    outranks = False
    if anchor and issuer_code and not (issuer_code.startswith(anchor) or anchor.startswith(issuer_code)):
        # a saved page's publisher (来源/发布机构: 东区办事处) outranks the place its headline
        # names (顺德区大良街道 visiting): the page is the publisher's account of its own work
        outranks = anchor_source.startswith("title") and scan.issuers[issuer_code].startswith(
            tuple(f"issuer {label}" for label, _ in issuer_fields)
        )
        if outranks:
            anchor, evidence = None, {}
        else:
            issuer_code = None
    level, level_ev = None, ""
    if issuer_code:
        level, level_ev = CODE_LEVELS[len(issuer_code)], scan.issuers[issuer_code]
    elif hint:
        level, level_ev = hint, hint_ev
    elif self_level and (not anchor or self_level == "township"):
        # the weakest evidence: it never overrides a place named by file name or title
        # (a prefecture's report says 全省 and 全区 too), except to go below it (我镇)
        level, level_ev = self_level, self_ev

    national = None
    if not anchor and not issuer_code and level in (None, "national"):
        from .place_text import match_form, mentions

        def marker(text: str) -> re.Pattern[str] | None:
            return next((rx for rx in patterns("national_markers.tsv") if rx.search(_outside_book_titles(text))), None)

        national = marker(title or "")
        if national and not mentions(match_form(title or "")):
            # the title of a national text (…国务院政府工作报告, 在中国共产党第九次全国代表大会上的报告)
            return Located(None, "national", note, {"level": f"national marker {national.pattern}"})
        national = national or marker(head[:300])
    # a city's level still reaches a county-level city (诸暨市 says 我市); checked after descending
    max_depth = _DEPTH["county"] if level == "city" else _DEPTH.get(level or "", 9)
    target = _DEPTH.get(level or "")
    if level_ev.startswith("department issuer"):
        # a department's notice may concern a township: its government's own mentions (the
        # signature) do not hold the place at the county (department_issuers.tsv)
        max_depth = target = 9
    if anchor:
        max_depth = max(max_depth, len(anchor))
    start = anchor or (issuer_code if outranks and issuer_code else "")
    code = scan.descend(start, max_depth, minimum=2.0, target=target)
    named = _township_by_name(scan, code) if level in (None, "township") else None
    if not named and level == "township" and len(code) < 9:
        # a text that names other townships in full (a compilation) is not placed by a bare short name
        others = any(len(c) == 9 for c in scan.weight) or any(len(c) == 9 for g, _, _ in scan.ambiguous for c in g)
        short = _short_named(lines, furniture, code, unique_alone=not others)
        if short:
            code = short.place.code
            evidence["township"] = short.township
            if short.county:
                evidence["county"] = short.county
    if national and not code and not named:
        # in a title that names a place (中共某镇委员会召开…) or in the text, 中共, 国务院 … make a
        # text national only when it names no place below the country: a township's news studies
        # 中共中央's documents, a county office signs 中共某县委办公室 (one mention is enough then)
        if not scan.weight:
            return Located(None, "national", note, {"level": f"national marker {national.pattern}"})
        code = scan.descend(start, max_depth, minimum=1.0, target=_DEPTH.get(level or ""))
    if named:
        name, ev = named
        base = d.place(code) if code else None
        evidence["township"] = ev
        evidence["level"] = level_ev or "a township named by the text"
        place = Place("", name, "township", name, None, base.city if base else None, base.province if base else None)
        return Located(place, "township", note, _fill(evidence, place, "township", ev))
    if not code:
        if level == "city" and level_ev == self_ev and self_word.endswith("市"):
            # "全市" with no city named: a prefecture or a county-level city, both say 全市
            return Located(None, None, note or "全市 with no city named: prefecture or county-level city")
        if level in ("township", "county", "city", "province"):
            return Located(None, level, note, {"level": level_ev})
        return Located(None, None, note or "no place found in catalog, file name, title or text")
    if len(code) == 2 and level == "city" and level_ev == self_ev and self_word.endswith("市"):
        # "全市" under a province only (xx市 masked): which city, and of which kind, is not known
        place = d.place(code)
        why = "全市 with no city named: prefecture or county-level city"
        filled = _fill(evidence, place, "province", evidence.get("province", ""))
        return Located(place, None, note or why, {k: v for k, v in filled.items() if k != "level"})
    if level == "city" and len(code) == 6 and not d.name[code].endswith("市") and len(anchor or "") < 6:
        code = _visible(code[:4])
    place = d.place(code)
    for c in (code[:2], code[:4], code[:6], code[:9]):
        if c in scan.evidence and len(c) <= len(code):
            evidence.setdefault(CODE_LEVELS[len(c)], scan.evidence[c][1])
    if place.level not in evidence:
        # named only through the places below it (the townships of a county)
        below = [(w, ev) for c, (w, ev) in scan.evidence.items() if c.startswith(code) and c != code]
        if below:
            evidence[place.level] = max(below)[1]
    if (
        place.level == "township"
        and len(d.codes(place.name, "township")) == 1
        and not any(c in scan.weight for c in (code[:2], code[:4], code[:6]))
        and (place.county or "") not in evidence.get("township", "")
    ):
        evidence["township"] = evidence.get("township", "") + "; gazetteer: unique township name"
    level = _reconcile(level, place) or place.level
    if not level_ev:
        level_ev = f"level of {place.name} in the gazetteer"
    evidence["level"] = level_ev
    return Located(place, level, note, _fill(evidence, place, place.level, evidence.get(place.level, "")))


def _settle_issuers(scan: _Scan, lines: list[tuple[int, str]], title: str | None) -> None:
    """Ambiguous issuer names that the short names of their cities settle (short_places.py)."""
    from .place_text import match_form
    from .short_places import settle_by_short_names

    left = [a for a in scan.ambiguous if a[2].startswith("issuer") and not any(c in scan.weight for c in a[0])]
    if not left:
        return
    text = [(0, match_form(title))] if title else []
    text += [(no, match_form(t.strip())) for no, t in lines if t.strip()]
    for code, w, ev in settle_by_short_names(left, text):
        scan.count(code, w, ev, issuer=True)


def _short_named(
    lines: list[tuple[int, str]], furniture: frozenset[int], code: str, unique_alone: bool
) -> "ShortFound | None":
    """A township the text names only by its short form (indexer/short_places.py)."""
    from .place_text import match_form
    from .short_places import township_by_short_name

    body = [(no, match_form(t.strip())) for no, t in lines if t.strip() and no not in furniture]
    return township_by_short_name(body, code, unique_alone=unique_alone)


def _township_by_name(scan: _Scan, code: str) -> tuple[str, str] | None:
    """五营镇 is named throughout, but China has several: the document is that township's even
    when its county cannot be told (the name is kept; county and city stay unset)."""
    if len(code) >= 6:
        return None
    weights: dict[str, float] = {}
    evid: dict[str, tuple[float, str]] = {}
    d = divisions()
    for codes, w, ev in scan.ambiguous:
        if all(len(c) == 9 for c in codes) and not any(c.startswith(code) for c in scan.weight if len(c) == 9):
            name = d.name[codes[0]]
            if code and not any(c.startswith(code) for c in codes):
                continue
            weights[name] = weights.get(name, 0.0) + w
            if name not in evid or evid[name][0] < w:
                evid[name] = (w, ev)
    if not weights:
        return None
    name, w = max(weights.items(), key=lambda kv: kv[1])
    if w < 3.0 or w < 0.6 * sum(weights.values()):
        return None
    n = len(d.codes(name, "township"))
    return name, f"{evid[name][1]}; gazetteer: {n} townships of this name, county not named"


def _fill(evidence: dict[str, str], place: Place, level: str, ev: str) -> dict[str, str]:
    """Fields implied by the gazetteer (a township's county, city and province) say so."""
    out = dict(evidence)
    for key in ("province", "city", "county", "township"):
        value = getattr(place, key)
        if value and key not in out:
            out[key] = f"gazetteer: {place.name} is in {value}" if value != place.name else ev
    out.setdefault("level", f"level of {place.name} in the gazetteer")
    return out
