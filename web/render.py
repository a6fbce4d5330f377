"""Turning paragraph dicts into safe HTML pieces: highlights, snippets, citations, charts."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from archive.place_display import place_label
from archive.snippets import snippet


def place(p: dict[str, Any], lang: str = "zh") -> str:
    """The paragraph's place at its level ('绍兴市 · 浙江省', '全国'); Jinja escapes it."""
    return place_label(p, lang)


def highlight(text: str, spans: list[list[int]], id_prefix: str | None = None, start: int = 0) -> Markup:
    """Text with <mark> around each span; every piece of text is escaped."""
    out, pos = [], 0
    for k, (s, e) in enumerate(spans):
        out.append(escape(text[pos:s]))
        attr = Markup(f' id="{id_prefix}{start + k + 1}"') if id_prefix else Markup("")
        out.append(Markup("<mark") + attr + Markup(">") + escape(text[s:e]) + Markup("</mark>"))
        pos = e
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def hit_snippet(hit: dict[str, Any]) -> Markup:
    text, spans, _ = snippet(hit["text"], hit.get("highlights") or [], width=80, max_len=320)
    return highlight(text, spans)


def bar_chart(years: list[dict[str, Any]], key: str, label: str, width: int = 640, height: int = 220) -> Markup:
    """A small inline SVG bar chart (no JavaScript), with a text title for screen readers."""
    if not years:
        return Markup("")
    values = [(y["year"], y.get(key) or 0) for y in years]
    top = max(v for _, v in values) or 1
    n = len(values)
    bw = max(8, min(60, (width - 40) // max(n, 1) - 8))
    parts = [
        f'<svg role="img" aria-labelledby="chart-{key}-title" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet"><title id="chart-{key}-title">{escape(label)}</title>'
    ]
    for i, (year, v) in enumerate(values):
        x = 30 + i * (bw + 8)
        h = int((height - 50) * v / top)
        y = height - 30 - h
        parts.append(f'<rect x="{x}" y="{y}" width="{bw}" height="{h}" class="bar"><title>{year}: {v}</title></rect>')
        parts.append(f'<text x="{x + bw / 2}" y="{height - 12}" text-anchor="middle" class="axis">{year}</text>')
        parts.append(f'<text x="{x + bw / 2}" y="{y - 4}" text-anchor="middle" class="val">{v}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def grouped(items: list[dict[str, Any]], key: str | None) -> list[tuple[Any, list[dict[str, Any]]]]:
    """Facet items grouped under their parent place (unknown parents last), biggest first."""
    if not key:
        return [(None, items)]
    groups: dict[Any, list[dict[str, Any]]] = {}
    for item in items:
        groups.setdefault(item.get(key), []).append(item)
    order = sorted(groups, key=lambda g: (g is None, -sum(i["count"] for i in groups[g]), str(g)))
    return [(g, sorted(groups[g], key=lambda i: -i["count"])) for g in order]
