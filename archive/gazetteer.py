"""China's divisions down to township (data/divisions.tsv, vendored from the shared gazetteer),
with the suffix rules that give each name its short forms. Tables only: the place scans that
use them to locate documents and tag paragraphs are the indexer's (indexer/places.py,
indexer/place_text.py); the map of the trends view (chinamap.py) reads the codes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .datafiles import rows

CODE_LEVELS = {2: "province", 4: "city", 6: "county", 9: "township"}


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
            chain[CODE_LEVELS.get(len(c), "?")] = self.name[c]
            c = self.parent.get(c) or None
        city = chain.get("city")
        meaning = placeholders().get(city or "")
        if meaning == "province":  # municipalities: the city is the province
            city = chain.get("province")
        elif meaning == "none":  # county-level cities governed by the province
            city = None
        return Place(
            code,
            self.name[code],
            CODE_LEVELS.get(len(code), "?"),
            chain.get("township"),
            chain.get("county"),
            city,
            chain.get("province"),
        )

    def codes(self, name: str, level: str | None = None) -> list[str]:
        out = self.by_name.get(name, [])
        return [c for c in out if level is None or CODE_LEVELS.get(len(c)) == level]

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
