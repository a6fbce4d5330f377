"""Place gazetteer: China's divisions down to township, plus local aliases.

The same township name exists in several counties (高桥街道 in six), so names are only
ever resolved inside a county that the document itself establishes.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .datafiles import rows

LEVELS = {2: "province", 4: "city", 6: "county", 9: "township"}


@lru_cache(maxsize=1)
def placeholders() -> dict[str, str]:
    """Gazetteer names that stand in for a level (市辖区 …), with what they mean for the city."""
    return {r[0]: r[1] for r in rows("division_placeholders.tsv")}


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str
    township: str | None
    county: str | None
    city: str | None
    province: str | None


class Divisions:
    """All divisions by code, with lookups by name."""

    def __init__(self) -> None:
        self.name: dict[str, str] = {}
        self.parent: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        self.children: dict[str, list[str]] = {}
        for code, name, parent in rows("divisions.tsv"):
            self.name[code] = name
            self.parent[code] = parent
            self.by_name.setdefault(name, []).append(code)
            self.children.setdefault(parent, []).append(code)

    def place(self, code: str) -> Place:
        chain: dict[str, str] = {}
        c: str | None = code
        while c:
            chain[LEVELS.get(len(c), "?")] = self.name[c]
            c = self.parent.get(c) or None
        city = chain.get("city")
        meaning = placeholders().get(city or "")
        if meaning == "province":                     # municipalities: the city is the province
            city = chain.get("province")
        elif meaning == "none":                       # county-level cities governed by the province
            city = None
        return Place(code, self.name[code], LEVELS.get(len(code), "?"), chain.get("township"),
                     chain.get("county"), city, chain.get("province"))

    def codes(self, name: str, level: str | None = None) -> list[str]:
        out = self.by_name.get(name, [])
        return [c for c in out if level is None or LEVELS.get(len(c)) == level]

    def county(self, name: str, within: str | None = None) -> Place | None:
        """The county called ``name``; ``within`` (a city or province name) settles ties."""
        codes = self.codes(name, "county")
        if within and len(codes) > 1:
            codes = [c for c in codes if within in (self.name.get(c[:4]), self.name.get(c[:2]))] or codes
        return self.place(codes[0]) if len(codes) == 1 else None


@lru_cache(maxsize=1)
def divisions() -> Divisions:
    return Divisions()


def short_name(name: str) -> str | None:
    """当湖街道 -> 当湖, 新仓镇 -> 新仓: the form speeches use for their own township."""
    forms = short_forms(name, "township")
    return forms[0] if forms else None


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

@lru_cache(maxsize=1)
def _ethnic_suffixes() -> tuple[str, ...]:
    return tuple(sorted((r[0] + "族" for r in rows("ethnic_groups.txt")), key=len, reverse=True))


def strip_ethnic(name: str) -> str:
    """凉山彝族 -> 凉山; 湘西土家族苗族 -> 湘西."""
    changed = True
    while changed:
        changed = False
        for suffix in _ethnic_suffixes():
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                name, changed = name[: -len(suffix)], True
                break
    return name


@lru_cache(maxsize=1)
def _suffixes() -> dict[str, list[tuple[str, bool]]]:
    out: dict[str, list[tuple[str, bool]]] = {}
    for r in rows("place_suffixes.tsv"):
        out.setdefault(r[0], []).append((r[1], len(r) > 2 and r[2] == "ethnic"))
    return out


def township_suffixes() -> list[str]:
    return [s for s, _ in _suffixes().get("township", [])]


def short_forms(name: str, level: str) -> list[str]:
    """浙江省 -> 浙江; 内蒙古自治区 -> 内蒙古; 嘉兴市 -> 嘉兴; 凉山彝族自治州 -> 凉山; 平湖市 -> 平湖
    (data/place_suffixes.tsv): the first suffix that leaves at least two characters."""
    for suffix, ethnic in _suffixes().get(level, []):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            base = name[: -len(suffix)]
            base = strip_ethnic(base) if ethnic else base
            return [base] if len(base) >= 2 else []
    return []


@dataclass(frozen=True)
class Located:
    place: Place | None
    level: str | None           # national, province, city, county, township, or None
    note: str | None = None     # why nothing (or less) was decided, for the index report


class Locator:
    """Full and short names of provinces, cities and counties, with their codes."""

    def __init__(self) -> None:
        d = divisions()
        self.full: dict[str, list[str]] = {}
        self.short: dict[str, list[str]] = {}
        for code, name in d.name.items():
            level = LEVELS.get(len(code))
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


def resolve_codes(groups: list[list[str]], labels: list[str], level: str | None = None) -> tuple[str | None, str | None]:
    """Pick the most specific code that every other unambiguous mention agrees with; a
    level hint (from '我代表市人民政府') settles a name shared by two levels."""
    if level:
        groups = [([c for c in g if LEVELS.get(len(c)) == level] or g) if len(g) > 1 else g for g in groups]
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


def locate(*, fields: dict[str, str | None], file_stem: str, title: str | None, head: str) -> Located:
    """Where a document speaks for: catalog/manifest fields first, then the file name, the
    title and the opening text. An ambiguous name is never guessed: it is left unset, with a note."""
    from .datafiles import patterns
    loc = locator()
    d = divisions()
    groups: list[list[str]] = []
    labels: list[str] = []

    def add(name: str, parent: list[str] | None = None) -> None:
        codes = loc.codes(name)
        if parent:
            codes = _consistent(codes, parent) or codes
        if codes:
            groups.append(codes)
            labels.append(name)

    for key in ("province", "city", "county"):
        v = fields.get(key)
        if v:
            add(v, [g[0] for g in groups if len(g) == 1])
    opening = "\n".join((head or "").split("\n")[:12])
    if not groups and any(rx.search(opening) for rx in patterns("national_statements.tsv")):
        # '我代表国务院…' outweighs a file name: a national report saved as 台州.txt is still national
        return Located(None, "national", None)
    if not groups:
        stem = re.sub(r"[_\-\s]+", " ", file_stem)
        for part in stem.split():
            if loc.codes(part):
                add(part)
            else:
                for name in loc.names_in(part):
                    if name in loc.full:
                        add(name)
    if not groups:
        for name in loc.names_in(title or ""):
            if name in loc.full:
                add(name)
    if not groups:
        for rx in patterns("place_contexts.tsv"):
            for line in (head or "").split("\n")[:40]:
                m = rx.search(line.strip())
                if m and loc.codes(m.group("place")):
                    add(m.group("place"))
            if groups:
                break
    hint = None
    for lvl, rx in _level_hints():
        if any(rx.search(line.strip()) for line in (head or "").split("\n")[:40]):
            hint = lvl
            break
    code, note = resolve_codes(groups, labels, hint)
    if code:
        place = d.place(code)
        township = fields.get("township")
        if township and place.level == "county":
            cp = CountyPlaces(place)
            t = cp.resolve(township)
            if t:
                return Located(cp.townships[t], "township", note)
        return Located(place, place.level, note)
    text = f"{title or ''}\n{head[:300]}"
    if any(rx.search(text) for rx in patterns("national_markers.tsv")):
        return Located(None, "national", note)
    return Located(None, None, note or "no place found in catalog, file name, title or opening text")
