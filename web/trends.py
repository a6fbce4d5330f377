"""The trends page and its JSON: several phrases per year, raw or per 1,000 paragraphs, by
issue year or by the year a section speaks about, diffusion at any level and a map.

Its state is in the URL like every page's: q (phrases separated by commas), the search
filters, measure (per_1000 | count), by (year | period), diffusion (province … township)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import render_template, request
from werkzeug.datastructures import MultiDict

from archive.query import QueryError
from archive.fields import DEFAULT_PLACE, DEFAULT_TIME, PLACE_FIELDS, YEAR_FIELDS

from .charts import province_map, trend_chart
from .db import get_archive
from .i18n import lang_of, t
from .params import SearchParams, parse_args
from .i18n import error_text

MEASURES = ("per_1000", "count")
# each option's value when the URL does not give it (links leave defaults out)
DEFAULTS = {"measure": MEASURES[0], "by": DEFAULT_TIME, "diffusion": DEFAULT_PLACE}


def trend_options(args: MultiDict) -> dict[str, str]:
    """measure, by and diffusion from the URL, checked (a clear message for a wrong value)."""
    opts = {name: args.get(name) or default for name, default in DEFAULTS.items()}
    for name, allowed in (("measure", MEASURES), ("by", YEAR_FIELDS), ("diffusion", PLACE_FIELDS)):
        if opts[name] not in allowed:
            raise QueryError(f"{name} must be one of {', '.join(allowed)}")
    return opts


def compute(params: SearchParams, opts: dict[str, str]) -> dict[str, Any]:
    """The trend dict (archive/trends.py) for these parameters: the same for JSON and HTML."""
    return get_archive().trend(params.q, filters=params.filters, by=opts["by"], level=opts["diffusion"])


class TrendLinks:
    """URLs of the trends page that change one option and keep the rest of the state."""

    def __init__(self, params: SearchParams, opts: dict[str, str]) -> None:
        self.params, self.opts = params, opts

    def url(self, **changes: str) -> str:
        state = {**self.opts, **changes}
        extra = [(k, v) for k, v in state.items() if v != DEFAULTS[k]]
        args = self.params.args(page=None, sort=None) + extra
        return "?" + urlencode(args)

    def search(self, term: str, **filters: list[str]) -> str:
        """The search page for one phrase with extra filters (a cell of a table)."""
        return "/?" + self.params.url_args(q=term, page=None, sort=None, **filters)


def page():
    """GET /trends."""
    lang = lang_of(request.args.get("lang"))
    try:
        params = parse_args(request.args)
        opts = trend_options(request.args)
    except QueryError as exc:
        return render_template(
            "trends.html", params=SearchParams(lang=lang), trend=None, error=error_text(exc, lang)
        ), 400
    if not params.q:
        return render_template("trends.html", params=params, trend=None, error=None, opts=opts, defaults=DEFAULTS)
    try:
        trend = compute(params, opts)
    except QueryError as exc:
        return render_template(
            "trends.html", params=params, trend=None, error=error_text(exc, lang), opts=opts, defaults=DEFAULTS
        ), 400
    unit = t("unit_per_1000" if opts["measure"] == "per_1000" else "unit_count", lang)
    chart = trend_chart(
        trend,
        "per_1000" if opts["measure"] == "per_1000" else "counts",
        t("chart_title", lang, "、".join(trend["terms"]), unit),
        unit,
    )
    maps = []
    for k, s in enumerate(trend["series"]):
        svg, legend = province_map(
            s["provinces"],
            t("map_title", lang, s["query"]),
            t("map_none", lang),
            t("map_region", lang),
            map_id=f"map-{k}",
        )
        maps.append({"svg": svg, "legend": legend})
    return render_template(
        "trends.html",
        params=params,
        trend=trend,
        error=None,
        opts=opts,
        chart=chart,
        maps=maps,
        links=TrendLinks(params, opts),
        unit=unit,
        measures=MEASURES,
        bys=YEAR_FIELDS,
        levels=PLACE_FIELDS,
        defaults=DEFAULTS,
    )


def api():
    """GET /api/trend: the same dict as the page renders."""
    params = parse_args(request.args)
    return compute(params, trend_options(request.args))
