"""The result page: one search, its filter panel, pager and hints, all from the URL.

Filters typed in the box (``township:新埭``) leave the box for the URL's own arguments (with
short place names resolved: 新埭镇), so they show as chips and ticked facets and every link
keeps them the same way. A page after the last is the last page (with a note), never an
error. When nothing matches, the page offers the closest spelling and the filters whose
removal would give hits.
"""

from __future__ import annotations

import math
from typing import Any

from flask import render_template, request

from archive import hints
from archive.config import MAX_QUERY_CHARS
from archive.query import QueryError, split_filters

from . import facetpanel
from .db import get_archive
from .i18n import error_text, t
from .params import FILTER_ARGS, SearchParams, parse_args

# The help page's examples: each finds paragraphs in the seeds (tests/test_search_page.py checks)
HELP_EXAMPLES = [
    "腾笼换鸟 千万工程",
    "腾笼换鸟 AND 发展",
    "“人人有责 人人尽责”",
    "「共同富裕」",
    "腾笼换鸟 -腾退",
    "招大引强 or 招大育强",
    "(腾笼换鸟 OR 筑巢引凤) NOT 千万工程",
    "腾笼换鸟 township:新埭",
    "共同富裕 county:平湖",
    "发展 province:浙江 year:2023-2024",
    "任务 type:任务书",
    "township:none 发展",
]
PAGER_WINDOW = 2  # pages shown each side of the current one


def lang() -> str:
    return "en" if request.args.get("lang") == "en" else "zh"


def pager(page: int, pages: int) -> list[int | None]:
    """Page numbers to show: first, a window around ``page``, last; None for a gap."""
    if pages <= 1:
        return []
    shown = sorted({1, pages, *range(max(1, page - PAGER_WINDOW), min(pages, page + PAGER_WINDOW) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def year_label(value: str, lg: str) -> str:
    """A year filter as shown: 2019, 2003–2010, or open-ended from the range control."""
    a, _, b = value.partition("-")
    if not b or a == b:
        return a
    if a == "1000":
        return t("year_le", lg, b)
    if b == "2999":
        return t("year_ge", lg, a)
    return f"{a}–{b}"


def value_label(field: str, value: str, lg: str) -> str:
    if value == "none":
        return t("unlabeled", lg)
    if field == "level":
        return t("level_" + value, lg)
    if field == "year":
        return year_label(value, lg)
    return value


def chips(params: SearchParams, lg: str) -> list[dict[str, str]]:
    out = []
    for arg, field in FILTER_ARGS.items():
        for v in params.filters.get(field, []):
            out.append(
                {
                    "arg": arg,
                    "field": field,
                    "value": v,
                    "label": f"{t(field, lg)}: {value_label(field, v, lg)}",
                    "href": "?" + params.without(arg, v),
                }
            )
    return out


def too_long(q: str):
    """The answer to a query too long even for the URL limit: the documented message, the
    text kept in the box (never cut)."""
    lg = lang()
    n = len(q)
    exc = QueryError(f"query too long: {n:,} characters (at most {MAX_QUERY_CHARS})", "too_long", n, MAX_QUERY_CHARS)
    return render_template(
        "search.html",
        params=SearchParams(q=q, lang=lg),
        result=None,
        error=error_text(exc, lg),
        max_chars=MAX_QUERY_CHARS,
    ), 400


def render_search():
    lg = lang()
    try:
        params = parse_args(request.args)
    except QueryError as exc:
        # the box keeps everything typed (never cut), with the message in the page's language
        return render_template(
            "search.html",
            params=SearchParams(q=request.args.get("q", ""), lang=lg),
            result=None,
            error=error_text(exc, lg),
            max_chars=MAX_QUERY_CHARS,
        ), 400
    archive = get_archive()
    if not (params.q or params.filters):
        return render_template(
            "search.html", params=params, result=None, error=None, stats=archive.stats(), max_chars=MAX_QUERY_CHARS
        )

    def run() -> dict[str, Any]:
        return archive.search(
            params.q,
            filters=params.filters,
            sort=params.sort,
            limit=params.limit,
            offset=params.offset,
            allow_empty=True,
            facet_limit=None,
        )

    try:
        result = run()
        pages = max(1, math.ceil(result["total"] / params.limit))
        clamped = None
        if params.page > pages:
            clamped, params.page = params.page, pages
            result = run()  # the last page instead of one past the end
    except QueryError as exc:
        return render_template(
            "search.html", params=params, result=None, error=error_text(exc, lg), max_chars=MAX_QUERY_CHARS
        ), 400
    # typed filters become the URL's (resolved) filters; the box keeps the terms
    params.q, _ = split_filters(params.q, set(FILTER_ARGS.values()))
    params.filters = {f: list(v) for f, v in result["filters"].items() if f in FILTER_ARGS.values()}
    suggestion, dropped = None, []
    if result["total"] == 0:
        suggestion = hints.spelling(archive, params.q, params.filters)
        dropped = [
            dict(
                d,
                label=", ".join(f"{t(d['field'], lg)}: {value_label(d['field'], v, lg)}" for v in d["values"]),
                href="?" + params.url_args(**{_arg(d["field"]): None}, page=None),
            )
            for d in hints.dropped_filters(archive, params.q, params.filters)
        ]
    tr = lambda key, *a: t(key, lg, *a)  # noqa: E731
    return render_template(
        "search.html",
        params=params,
        result=result,
        error=None,
        pages=pages,
        pager=pager(params.page, pages),
        clamped=clamped,
        chips=chips(params, lg),
        panel=facetpanel.panel(result["facets"], params, params.within, tr),
        histogram=facetpanel.histogram,
        suggestion=suggestion,
        dropped=dropped,
        max_chars=MAX_QUERY_CHARS,
    )


def _arg(field: str) -> str:
    return {f: a for a, f in FILTER_ARGS.items()}[field]


__all__: list[Any] = ["render_search", "pager"]
