"""A township named only by its short form (水口 for 水口镇, 淮川 for 淮川街道).

Township reports call themselves by the short name ("打造水口样板", "树立了淮川…形象"), but most
short names are also words (水口 is a water outlet) or shared by many townships, so one is
accepted only with consistent evidence in the same document (data/township_kinds.tsv):

- the text speaks as a township of that kind (我镇 for a 镇, 街道办事处 for a 街道);
- the short name stands as a word of its own (the segmenter cuts it out whole: 开平 in
  "扛牢开平主战场", never 东区 inside 东区路);
- and its county is established: placed by the text already, or named by its own short form
  (开平) under the city or province the text names; or, with no county, the short name belongs
  to one township in China and is no dictionary word (金融街 is a street in Beijing and a word).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from archive.datafiles import rows
from archive.gazetteer import CODE_LEVELS, Place, divisions, short_forms, short_name, strip_ethnic


@dataclass(frozen=True)
class ShortFound:
    place: Place
    township: str  # evidence for the township
    county: str | None  # evidence for the county, when named by its short form


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r[0], re.compile(r[1])) for r in rows("township_kinds.tsv"))


def _kind(name: str) -> str | None:
    """The kind of a township name: its suffix in township_kinds.tsv (镇, 乡, 街道)."""
    return next((k for k, _ in _kinds() if name.endswith(k)), None)


@lru_cache(maxsize=1)
def _township_shorts() -> dict[str, tuple[str, ...]]:
    """Short name -> township codes, over all of China."""
    d = divisions()
    out: dict[str, list[str]] = {}
    for code, name in d.name.items():
        if len(code) == 9:
            s = short_name(name)
            if s:
                out.setdefault(s, []).append(code)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _higher_names() -> frozenset[str]:
    """Full and short names of provinces, cities and counties: a short township name equal to
    one of them names that place, not the township."""
    d = divisions()
    out: set[str] = set()
    for code, name in d.name.items():
        level = CODE_LEVELS.get(len(code))
        if level in ("province", "city", "county"):
            out.add(name)
            out.update(short_forms(name, level))
    return frozenset(out)


@lru_cache(maxsize=1)
def _county_shorts() -> dict[str, tuple[str, ...]]:
    """Short name -> county codes (data/county_short_names.tsv)."""
    table = [(r[0], len(r) > 1 and r[1] == "ethnic") for r in rows("county_short_names.tsv")]
    out: dict[str, list[str]] = {}
    for code, name in divisions().name.items():
        if len(code) != 6:
            continue
        for suffix, ethnic in table:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                base = strip_ethnic(name[: -len(suffix)]) if ethnic else name[: -len(suffix)]
                if len(base) >= 2:
                    out.setdefault(base, []).append(code)
                break
    return {k: tuple(v) for k, v in out.items()}


def _words(lines: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """(line number, word, the line) for every word the segmenter cuts from the lines."""
    from archive.segmenter import cut

    out = []
    for no, text in lines:
        for word, _, _ in cut(text):
            out.append((no, word, text))
    return out


def _quote(no: int, text: str, word: str) -> str:
    i = text.find(word)
    snippet = text[max(0, i - 10) : i + len(word) + 10] if i >= 0 else text[:24]
    return f'line {no} "{snippet}"'


def township_by_short_name(lines: list[tuple[int, str]], code: str, unique_alone: bool = True) -> ShortFound | None:
    """The township a township-level text names by its short form, below ``code`` (the place the
    text established, '' for none); lines are in match form. None unless the evidence agrees.
    ``unique_alone`` False (the text names other townships in full) forbids the last rule."""
    from archive.segmenter import dictionary_word

    d = divisions()
    text = "\n".join(t for _, t in lines)
    spoken = {k for k, rx in _kinds() if rx.search(text)}
    if not spoken:
        return None
    words = _words(lines)
    county_ev: str | None = None
    if len(code) == 6:
        counties = [code]
    else:
        counties = []
        if code:
            named: dict[str, tuple[int, str, str]] = {}
            for no, w, line in words:
                for c in _county_shorts().get(w, ()):
                    if c.startswith(code):
                        named.setdefault(c, (no, w, line))
            if len(named) == 1:
                c, (no, w, line) = next(iter(named.items()))
                counties = [c]
                county_ev = f"{_quote(no, line, w)} (short name of {d.name[c]} in {d.name[c[:4]]})"
    found: Counter[str] = Counter()
    first: dict[str, tuple[int, str, str]] = {}
    if counties:
        townships = {d.name[c]: c for c in d.children.get(counties[0], [])}
        by_short = {s: name for name in townships if (s := short_name(name))}
        for no, w, line in words:
            t = by_short.get(w)
            if t and _kind(t) in spoken:
                found[t] += 1
                first.setdefault(t, (no, w, line))
        if not found:
            return None
        (name, n), *rest = found.most_common(2)
        if rest and rest[0][1] == n:
            return None
        no, w, line = first[name]
        ev = f"{_quote(no, line, w)} ×{n} (short name of {name} in {d.name[counties[0]]})"
        return ShortFound(d.place(townships[name]), ev, county_ev)
    if code or not unique_alone:
        return None  # a place is established but no county below it: a bare short name is too weak
    shorts = _township_shorts()
    for no, w, line in words:
        hit = shorts.get(w)
        if not hit or len(hit) != 1 or w in _higher_names() or dictionary_word(w):
            continue
        if _kind(d.name[hit[0]]) not in spoken:
            continue
        found[hit[0]] += 1
        first.setdefault(hit[0], (no, w, line))
    if len(found) != 1:
        return None
    c, n = next(iter(found.items()))
    place = d.place(c)
    no, w, line = first[c]
    ev = f"{_quote(no, line, w)} ×{n} (short name of {place.name} in {place.county}; gazetteer: the only township of that short name)"
    return ShortFound(place, ev, None)


def settle_by_short_names(
    ambiguous: list[tuple[tuple[str, ...], float, str]], lines: list[tuple[int, str]]
) -> list[tuple[str, float, str]]:
    """Ambiguous names (东区街道: three streets in China) settled by the short names of their
    cities and counties: the one candidate whose city or county the text names as a word
    (中山 in "为中山经济发展", 中山网) is meant. Returns (code, weight, evidence) for each settled
    name; the others stay unsettled. Lines are in match form."""
    d = divisions()
    todo = [(codes, w, ev) for codes, w, ev in ambiguous if all(len(c) == 9 for c in codes)]
    if not todo:
        return []
    words: dict[str, tuple[int, str]] = {}
    counts: Counter[str] = Counter()
    for no, word, line in _words(lines):
        counts[word] += 1
        words.setdefault(word, (no, line))

    def support(code: str) -> tuple[int, str] | None:
        for parent, level in ((code[:6], "county"), (code[:4], "city")):
            name = d.name.get(parent)
            if not name:
                continue
            for s in short_forms(name, level):
                if counts.get(s):
                    no, line = words[s]
                    return counts[s], f"{_quote(no, line, s)} ×{counts[s]} (short name of {name})"
        return None

    out: list[tuple[str, float, str]] = []
    for codes, w, ev in todo:
        backed = {c: s for c in codes if (s := support(c))}
        if len(backed) == 1:
            c, (_, why) = next(iter(backed.items()))
            out.append((c, w, f"{ev}; {d.name[c]} of {d.name[c[:4]]}: {why}"))
    return out
