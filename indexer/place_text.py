"""Finding the full names of China's divisions in running text, at every level.

A township name counts only where it stands as a word: the character before it must be a boundary
(not Chinese, or one of data/place_preceders.tsv: a preposition, a particle, the end of a
higher division's name), and the character after a 乡/镇 must not continue a word
(data/place_followers.tsv). Text is matched in its normalised form (traditional script as
simplified, pinyin glosses removed), so 月山鎮 and 下管鎮(zhèn) are found like 月山镇.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from archive.datafiles import rows
from archive.textnorm import normalize

# a pinyin gloss after a character: 鎮(zhèn), 質(zhì)
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zA-Z\u00e0-\u01dc\u0300-\u036f?]{1,8}\)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
MAX_NAME = 14


def match_form(text: str) -> str:
    """The form place names are matched in: NFKC, traditional->simplified, no pinyin glosses."""
    return _PINYIN.sub("", normalize(text))


@lru_cache(maxsize=1)
def preceders() -> frozenset[str]:
    return frozenset(r[0] for r in rows("place_preceders.tsv"))


@lru_cache(maxsize=1)
def followers() -> dict[str, str]:
    return {r[0]: r[1] for r in rows("place_followers.tsv")}


@lru_cache(maxsize=1)
def township_forms() -> tuple[tuple[str, str], ...]:
    return tuple((r[0], r[1]) for r in rows("township_forms.tsv"))


@lru_cache(maxsize=1)
def generic_names() -> frozenset[str]:
    return frozenset(r[0] for r in rows("generic_place_names.tsv"))


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, ...]]:
    """Full names of provinces, cities, counties and townships (data/township_endings.tsv) -> codes."""
    from archive.gazetteer import CODE_LEVELS, divisions, placeholders, strip_ethnic

    d = divisions()
    out: dict[str, list[str]] = {}
    township_ends = tuple(r[0] for r in rows("township_endings.tsv"))
    for code, name in d.name.items():
        level = CODE_LEVELS.get(len(code))
        if level is None or name in placeholders() or name in generic_names() or len(name) < 3:
            continue
        if level == "township" and not name.endswith(township_ends):
            continue  # farms, parks, development zones: ordinary words in text
        if d.name.get(d.parent.get(code, "")) == name:
            continue  # 中山市 the county-level unit is 中山市 the city
        out.setdefault(name, []).append(code)
        if level == "city" and name.endswith("自治州"):
            # 阿坝州, 楚雄州: the form an autonomous prefecture's own papers use
            base = strip_ethnic(name[:-3])
            if len(base) >= 2:
                out.setdefault(base + "州", []).append(code)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _last_chars() -> frozenset[str]:
    return frozenset(n[-1] for n in _names()) | frozenset(w[-1] for w, _ in township_forms())


@dataclass(frozen=True)
class Mention:
    name: str  # the gazetteer name (东区办事处 -> 东区街道)
    codes: tuple[str, ...]
    start: int  # offsets in the match form of the text
    end: int


def _boundary_before(text: str, start: int) -> bool:
    if start == 0:
        return True
    ch = text[start - 1]
    return not _CJK.match(ch) or ch in preceders()


def _boundary_after(text: str, end: int, name: str) -> bool:
    if end >= len(text):
        return True
    stop = followers().get(name[-1])
    return not (stop and text[end] in stop)


def mentions(text: str) -> list[Mention]:
    """Every division name standing as a word in text (already in match form), left to right;
    at one end position the longest name wins."""
    names = _names()
    ends = _last_chars()
    out: list[Mention] = []
    taken = 0  # a name may not overlap the previous one
    for i, ch in enumerate(text):
        if ch not in ends:
            continue
        end = i + 1
        for length in range(min(MAX_NAME, end - taken), 2, -1):
            start = end - length
            word = text[start:end]
            name = word
            if name not in names:
                name = next(
                    (
                        word[: -len(w)] + g
                        for w, g in township_forms()
                        if word.endswith(w) and word[: -len(w)] + g in names
                    ),
                    "",
                )
                if not name:
                    continue
            # a township name must stand as a word (文明村镇 holds 明村镇); the longer names of
            # counties, cities and provinces are read wherever they stand (入选武汉市)
            township = len(names[name][0]) == 9
            if (not township or _boundary_before(text, start)) and _boundary_after(text, end, name):
                out.append(Mention(name, names[name], start, end))
                taken = end
                break
    return out


@lru_cache(maxsize=1)
def _masked() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]] | None:
    """The mask pattern followed by a unique ethnic autonomy suffix, and suffix -> its one code
    (data/masked_places.tsv); None when no suffix is unique."""
    from archive.gazetteer import divisions, strip_ethnic

    table = {r[0]: r[1] for r in rows("masked_places.tsv")}
    by_suffix: dict[str, list[str]] = {}
    for code, name in divisions().name.items():
        m = re.search(r"自治(?:区|州|县|旗)$", name)
        if not m or len(code) > 6:
            continue
        base = strip_ethnic(name[: m.start()])
        suffix = name[len(base) :]
        if suffix != name[m.start() :]:  # an ethnic group stands before 自治…
            by_suffix.setdefault(suffix, []).append(code)
    unique = {k: tuple(v) for k, v in by_suffix.items() if len(v) == 1}
    if not unique:
        return None
    alt = "|".join(re.escape(k) for k in sorted(unique, key=len, reverse=True))
    return re.compile(f"(?:{table['mask']})(?P<suffix>{alt})"), unique


def masked_mentions(text: str) -> list[Mention]:
    """Masked names whose suffix tells the place ("xx壮族自治区" -> 广西壮族自治区), in match form."""
    found = _masked()
    if not found or "自治" not in text:
        return []
    rx, unique = found
    from archive.gazetteer import divisions

    d = divisions()
    out = []
    for m in rx.finditer(text):
        codes = unique[m.group("suffix")]
        out.append(Mention(d.name[codes[0]], codes, m.start(), m.end()))
    return out
