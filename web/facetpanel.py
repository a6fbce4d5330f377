"""The filter panel of a result page, worked out from the search's facet counts.

What a long facet needs to stay usable (issue 12: 137 county entries, 135 of them empty, the
year facet 12,400 px down): the values already ticked pinned on top, the few biggest values
next, the rest behind "more…" with a box that filters them, every empty value as one
"未标注" line at the bottom; place facets in the order of the levels present (a level with
a single value says nothing and is left out), the lower ones collapsed until a value above
is chosen; years as a range with a histogram of every year in the span (gaps as zeros).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from archive.fields import PARENT, PLACE_FIELDS, flat_facets
from archive.textnorm import normalize

from .params import FILTER_ARGS, SearchParams

TOP_N = 8  # values shown before "more…"
# the facets, as archive/fields.py declares them: nested places outermost first, then the rest

OTHER = tuple(f.name for f in flat_facets() if f.name != "year")
ARG_OF = {f: a for a, f in FILTER_ARGS.items()}


@dataclass
class Value:
    value: str  # as sent in the URL ('none' for the empty value)
    label: Any  # the value as shown (translated for level and empty values)
    count: int
    selected: bool
    parent: str | None = None


@dataclass
class Facet:
    field: str
    arg: str
    top: list[Value] = dataclasses.field(default_factory=list)  # pinned selected values, then the biggest
    more: list[Value] = dataclasses.field(default_factory=list)  # behind "more…"
    unlabeled: Value | None = None  # every empty value, one line, at the bottom
    open: bool = True  # collapsed when False
    within: str = ""  # the filter-within text (no-JS form)

    @property
    def size(self) -> int:
        return len(self.top) + len(self.more) + (1 if self.unlabeled else 0)


@dataclass
class YearRange:
    bars: list[dict[str, Any]]  # {"year", "count"} for every year from first to last
    lo: int | None
    hi: int | None
    selected: tuple[int, int] | None


def _facet(name: str, items: list[dict[str, Any]], params: SearchParams, within: str, t: Any) -> Facet:
    arg = ARG_OF.get(name, name)
    chosen = [str(v) for v in params.filters.get(name, [])]
    f = Facet(field=name, arg=arg, within=within)
    parent_key = PARENT.get(name)
    pinned: list[Value] = []
    rest: list[Value] = []
    seen = set()
    for it in items:
        raw = it["value"]
        v = "none" if raw is None else str(raw)
        seen.add(v)
        if name == "level" and raw is not None:
            label = t("level_" + str(raw))
        else:
            label = t("unlabeled") if raw is None else raw
        val = Value(v, label, it["count"], v in chosen, it.get(parent_key) if parent_key else None)
        if raw is None:
            # every empty value (one per parent place in a nested facet) is one line
            if f.unlabeled is None:
                f.unlabeled = Value(v, label, 0, v in chosen)
            f.unlabeled.count += it["count"]
        elif val.selected:
            pinned.append(val)
        else:
            rest.append(val)
    for v in chosen:  # a ticked value with no hits left stays visible, at 0
        if v not in seen:
            val = Value(v, t("unlabeled") if v == "none" else (t("level_" + v) if name == "level" else v), 0, True)
            if v == "none":
                f.unlabeled = val
            else:
                pinned.append(val)
    if within:
        key = normalize(within).strip()
        rest = [v for v in rest if key in normalize(str(v.label))]
    f.top = pinned + rest[:TOP_N]
    f.more = rest[TOP_N:]
    return f


def panel(
    facets: dict[str, list[dict[str, Any]]], params: SearchParams, within: dict[str, str], t: Any
) -> dict[str, Any]:
    """{"places": [Facet...], "years": YearRange | None, "others": [Facet...]} for the template."""
    places: list[Facet] = []
    above_chosen = True  # the first level shown is open
    for name in PLACE_FIELDS:
        items = facets.get(name, [])
        named = [i for i in items if i["value"] is not None]
        chosen = bool(params.filters.get(name))
        if len(named) <= 1 and not chosen and not within.get(ARG_OF[name]):
            continue  # one value (or none) at this level: nothing to choose
        f = _facet(name, items, params, within.get(ARG_OF[name], ""), t)
        f.open = above_chosen or chosen or bool(f.within)
        above_chosen = chosen
        places.append(f)
    others = []
    for name in OTHER:
        items = facets.get(name, [])
        if not items or (len(items) == 1 and not params.filters.get(name)):
            continue
        others.append(_facet(name, items, params, within.get(ARG_OF[name], ""), t))
    return {"places": places, "years": years(facets.get("year", []), params), "others": others}


def years(items: list[dict[str, Any]], params: SearchParams) -> YearRange | None:
    counts = {int(i["value"]): i["count"] for i in items if i["value"] is not None}
    if not counts:
        return None
    lo, hi = min(counts), max(counts)
    bars = [{"year": y, "count": counts.get(y, 0)} for y in range(lo, hi + 1)]
    sel = None
    chosen = params.filters.get("year", [])
    if len(chosen) == 1:
        from archive.query import year_range

        sel = year_range(chosen[0])
    return YearRange(bars=bars, lo=lo, hi=hi, selected=sel)


def histogram(yr: YearRange, params: SearchParams, label: str, unit: str) -> Markup:
    """Matching paragraphs per year over the whole span (a year without any is a zero bar, so
    gaps show), as inline SVG: each bar links to that year and names its count (a <title>
    for pointer users; the range inputs beside it are the keyboard's way in)."""
    n = len(yr.bars)
    top = max(b["count"] for b in yr.bars) or 1
    width, height = 230, 70
    bw = width / n
    parts = [
        f'<svg class="histogram" viewBox="0 0 {width} {height + 14}" width="100%" role="group" '
        f'aria-label="{escape(label)}">'
    ]
    for i, b in enumerate(yr.bars):
        h = 0 if not b["count"] else max(2.0, (height - 2) * b["count"] / top)
        sel = yr.selected is not None and yr.selected[0] <= b["year"] <= yr.selected[1]
        cls = "hbar sel" if sel else "hbar"
        href = "?" + params.url_args(year=[str(b["year"])], page=None)
        tip = f'{b["year"]}: {b["count"]} {unit}'
        parts.append(
            f'<a href="{escape(href)}" tabindex="-1" aria-label="{escape(tip)}">'
            f'<rect class="{cls}" x="{i * bw:.2f}" y="{height - h:.2f}" width="{max(bw - 1, 1):.2f}" '
            f'height="{h:.2f}"><title>{escape(tip)}</title></rect>'
            f'<rect class="hhit" x="{i * bw:.2f}" y="0" width="{bw:.2f}" height="{height}"></rect></a>'
        )
    parts.append(
        f'<text x="0" y="{height + 12}" class="haxis">{yr.lo}</text>'
        f'<text x="{width}" y="{height + 12}" class="haxis" text-anchor="end">{yr.hi}</text></svg>'
    )
    return Markup("".join(parts))
