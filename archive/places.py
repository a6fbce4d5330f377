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
_SUFFIXES = ("街道", "镇", "乡")


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
        if city in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            city = chain.get("province")
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
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


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
