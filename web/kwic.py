"""The concordance page, its CSV export and its JSON API (/kwic, /kwic.csv, /api/kwic)."""

from __future__ import annotations

import csv
import io
import math
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from werkzeug.datastructures import MultiDict

from archive import kwic
from archive.config import MAX_QUERY_CHARS
from archive.query import QueryError

from .db import get_archive
from .params import SearchParams, parse_args
from .i18n import error_text

bp = Blueprint("kwic", __name__)
PAGE_LINES = 50


def _params() -> tuple[SearchParams, str, int, int, int]:
    """(search params without the sort, concordance sort, width, limit, offset)."""
    args = MultiDict([(k, v) for k, v in request.args.items(multi=True) if k not in ("sort", "width", "limit")])
    p = parse_args(args)
    sort = request.args.get("sort") or "oldest"
    width = _int("width", kwic.DEFAULT_WIDTH)
    limit = _int("limit", PAGE_LINES)
    offset = _int("offset", (p.page - 1) * max(limit, 1))
    kwic.check_options(sort, width, limit, offset)  # the page divides by limit; the CSV has no other check
    return p, sort, width, limit, offset


def _int(name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError:
        raise QueryError(f"{name} must be a whole number", "not_number", name) from None


@bp.route("/kwic")
def page():
    lang = "en" if request.args.get("lang") == "en" else "zh"
    result: dict[str, Any] | None = None
    try:
        p, sort, width, limit, offset = _params()
        if p.q:
            result = kwic.concordance(
                get_archive(), p.q, filters=p.filters, width=width, sort=sort, limit=limit, offset=offset
            )
    except QueryError as exc:
        return render_template(
            "kwic.html",
            params=SearchParams(q=request.args.get("q", "")[:MAX_QUERY_CHARS], lang=lang),
            result=None,
            error=error_text(exc, lang),
            sort="oldest",
            width=kwic.DEFAULT_WIDTH,
            sorts=kwic.SORTS,
            pages=0,
            page=1,
        ), 400
    pages = math.ceil(result["total"] / limit) if result else 0
    return render_template(
        "kwic.html",
        params=p,
        result=result,
        error=None,
        sort=sort,
        width=width,
        sorts=kwic.SORTS,
        pages=pages,
        page=offset // limit + 1,
    )


@bp.route("/kwic.csv")
def export_csv():
    try:
        p, sort, width, _limit, _offset = _params()
        _n, lines = kwic.all_lines(get_archive(), p.q, filters=p.filters, width=width, sort=sort)
    except QueryError as exc:
        return Response(str(exc), status=400, mimetype="text/plain")
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf)
    for row in kwic.csv_rows(lines, current_app.config["BASE_URL"]):
        w.writerow(row)
    return Response(
        buf.getvalue().encode("utf-8"),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": "attachment; filename=concordance.csv", "X-Export-Count": str(len(lines))},
    )


@bp.route("/api/kwic")
def api():
    from .api import error

    try:
        p, sort, width, limit, offset = _params()
        return jsonify(
            kwic.concordance(get_archive(), p.q, filters=p.filters, width=width, sort=sort, limit=limit, offset=offset)
        )
    except QueryError as exc:
        return error(400, exc)
