"""Server-rendered SVG for the trends page: a per-year chart of one or more phrases and a
province map coloured by first appearance. No JavaScript; every mark has a <title>, and the
page carries the same numbers as tables."""

from __future__ import annotations

import math
from typing import Any

from markupsafe import Markup, escape

from archive.chinamap import china_map, region_codes

SERIES_CLASSES = 8  # .s0 … .s7 in style.css
FONT = 11  # axis labels, px in the chart's own units
DIGIT = 0.62 * FONT  # width of a digit at that size (a 4-digit year is ~27 units)


def label_step(n_years: int, plot_width: float, label_width: float = 4 * DIGIT + 8) -> int:
    """The smallest of 1, 2, 5, 10, 20, 25, 50 … years between x labels that keeps labels
    from overlapping: a label needs ``label_width`` units and a year gets plot_width / n."""
    per_year = plot_width / max(n_years, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if step * per_year >= label_width:
            return step
    return 1000


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least ``top`` (0, 5, 10 …; 0, 0.5, 1 …)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def _fmt(v: float) -> str:
    return f"{v:g}" if v < 1e5 else f"{v:,.0f}"


def trend_chart(
    trend: dict[str, Any], measure: str, title: str, unit: str, width: int = 720, height: int = 280
) -> Markup:
    """Bars for one phrase, lines for several; x = every year of the range, y = ``measure``
    ('per_1000' or 'counts'). Labels are thinned so that none overlaps another."""
    years: list[int] = trend["years"]
    series = trend["series"]
    if not years:
        return Markup("")
    values = [[(v or 0) for v in s[measure]] for s in series]
    ticks = nice_ticks(max(max(vs) for vs in values))
    top = ticks[-1] or 1
    left = 12 + DIGIT * max(len(_fmt(t)) for t in ticks)
    right, top_pad, bottom = 12, 12, 30
    pw, ph = width - left - right, height - top_pad - bottom
    slot = pw / len(years)

    def x(i: int) -> float:
        return left + slot * (i + 0.5)

    def y(v: float) -> float:
        return top_pad + ph * (1 - v / top)

    out = [
        f'<svg role="img" aria-labelledby="chart-title" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet"><title id="chart-title">{escape(title)}</title>'
    ]
    for tv in ticks:
        yy = y(tv)
        out.append(f'<line x1="{left:.1f}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}" class="grid"/>')
        out.append(f'<text x="{left - 6:.1f}" y="{yy + FONT / 3:.1f}" text-anchor="end" class="axis">{_fmt(tv)}</text>')
    step = label_step(len(years), pw)
    for i, yr in enumerate(years):
        if yr % step == 0 or step == 1:
            out.append(f'<text x="{x(i):.1f}" y="{height - 10}" text-anchor="middle" class="axis year">{yr}</text>')
    for k, (s, vs) in enumerate(zip(series, values)):
        cls = f"s{k % SERIES_CLASSES}"
        name = escape(s["query"])
        if len(series) == 1:
            bw = max(1.0, slot * 0.8)
            for i, (yr, v) in enumerate(zip(years, vs)):
                h = ph * v / top
                out.append(
                    f'<rect x="{x(i) - bw / 2:.1f}" y="{y(v):.1f}" width="{bw:.1f}" height="{h:.1f}" '
                    f'class="bar {cls}"><title>{name} {yr}: {_fmt(v)} {escape(unit)}</title></rect>'
                )
            continue
        pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(vs))
        out.append(f'<polyline points="{pts}" class="line {cls}"/>')
        r = 3 if slot >= 8 else 1.5
        for i, (yr, v) in enumerate(zip(years, vs)):
            out.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="{r}" class="dot {cls}">'
                f'<title>{name} {yr}: {_fmt(v)} {escape(unit)}</title></circle>'
            )
    out.append("</svg>")
    return Markup("".join(out))


# First-appearance colours: .fy0 (earliest) … .fy5 (latest) in style.css.
BUCKETS = 6


def first_year_buckets(first_years: list[int]) -> list[tuple[int, int]]:
    """Up to BUCKETS year ranges covering the first years, each range a colour."""
    if not first_years:
        return []
    lo, hi = min(first_years), max(first_years)
    n = min(BUCKETS, hi - lo + 1)
    size = math.ceil((hi - lo + 1) / n)
    out = []
    a = lo
    while a <= hi:
        out.append((a, min(hi, a + size - 1)))
        a += size
    return out


def province_map(
    provinces: list[dict[str, Any]], title: str, no_match: str, fmt_region: str, map_id: str = "map"
) -> tuple[Markup, list[dict[str, Any]]]:
    """The map of China's provincial divisions, each coloured by the first year the phrase
    appears there (grey: not found), with a <title> per region; and the legend's entries."""
    m = china_map()
    codes = region_codes()
    found = {codes[p["province"]]: p for p in provinces if p["province"] in codes}
    buckets = first_year_buckets([p["first_year"] for p in found.values() if p["first_year"]])
    out = [
        f'<svg role="img" aria-labelledby="{map_id}-title" class="chinamap" id="{map_id}" '
        f'viewBox="0 0 {m["width"]} {m["height"]}" width="100%" preserveAspectRatio="xMidYMid meet">'
        f'<title id="{map_id}-title">{escape(title)}</title>'
    ]
    for r in m["regions"]:
        p = found.get(r["code"])
        if p and p["first_year"]:
            b = next(i for i, (a, z) in enumerate(buckets) if a <= p["first_year"] <= z)
            cls = f"region fy{b}"
            label = fmt_region.format(name=r["name"], year=p["first_year"], count=p["total"])
        else:
            cls = "region none"
            label = f"{r['name']}: {no_match}"
        out.append(f'<path d="{r["d"]}" class="{cls}" data-code="{r["code"]}"><title>{escape(label)}</title></path>')
    out.append("</svg>")
    legend = [{"from": a, "to": z, "cls": f"fy{i}"} for i, (a, z) in enumerate(buckets)]
    return Markup("".join(out)), legend
