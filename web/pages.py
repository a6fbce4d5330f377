"""HTML pages. Every view's state is in its URL, so it can be bookmarked and shared."""
from __future__ import annotations

import json
import math
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request, stream_with_context, url_for

from archive.config import MAX_QUERY_CHARS
from archive.export import export_chunks
from archive.fields import DEFAULT_SORT, SORTS, flat_facets, place_facets_top_down
from archive.query import QueryError, parse
from archive.store import IndexMissing
from archive.textnorm import display_spans

from . import render
from .db import get_archive
from .i18n import field_label, lang_of, t
from .params import FILTER_ARGS, SearchParams, parse_args

bp = Blueprint("pages", __name__)


@bp.app_context_processor
def inject() -> dict[str, Any]:
    lang = _lang()
    return {"t": lambda key, *a: t(key, lang, *a), "label": lambda key: field_label(key, lang), "lang": lang,
            "render": render, "FILTER_ARGS": FILTER_ARGS, "SORTS": SORTS, "DEFAULT_SORT": DEFAULT_SORT, "MAX_QUERY_CHARS": MAX_QUERY_CHARS,
            # the facet panel: nested place facets outermost first, then the others (archive/fields.py)
            "PLACE_FACETS": place_facets_top_down(), "FLAT_FACETS": [(f.arg, f.name) for f in flat_facets()]}


@bp.app_errorhandler(404)
def not_found(_e):
    if request.path.startswith("/api/"):
        from .api import error
        return error(404, "not found")
    return render_template("error.html", message=t("not_found", _lang()), params=SearchParams(lang=_lang())), 404


@bp.app_errorhandler(IndexMissing)
def no_index(_e):
    return render_template("error.html", message=t("index_missing", _lang()), params=SearchParams(lang=_lang())), 503


def absolute_url(path: str) -> str:
    """The configured base URL plus an app path (a client's Host header is not trusted)."""
    root = request.script_root
    if root and path.startswith(root):
        path = path[len(root):]
    return current_app.config["BASE_URL"] + path


def _lang() -> str:
    return lang_of(request.args.get("lang"))


def _params() -> tuple[SearchParams | None, str | None]:
    try:
        return parse_args(request.args), None
    except QueryError as exc:
        return None, str(exc)


@bp.route("/")
def search():
    params, error = _params()
    if params is None:
        return render_template("search.html", params=SearchParams(q=request.args.get("q", "")[:MAX_QUERY_CHARS], lang=_lang()),
                               result=None, error=error), 400
    archive = get_archive()
    result = None
    if params.q or params.filters:
        try:
            result = archive.search(params.q, filters=params.filters, sort=params.sort, limit=params.limit,
                                    offset=params.offset, allow_empty=True)
        except QueryError as exc:
            return render_template("search.html", params=params, result=None, error=str(exc)), 400
    pages = math.ceil(result["total"] / params.limit) if result else 0
    return render_template("search.html", params=params, result=result, error=None, pages=pages,
                           stats=None if result else archive.stats())


@bp.route("/help")
def help_page():
    return render_template("help.html", params=SearchParams(lang=_lang()))


def _reading_state() -> tuple[SearchParams, list[str]]:
    """The search a reader came from (kept in the URL) and its terms, for highlighting."""
    params, _ = _params()
    try:
        terms = parse(request.args.get("q", "")).terms
    except QueryError:
        terms = []
    return params or SearchParams(lang=_lang()), terms


def _spans(text: str, terms: list[str]) -> list[list[int]]:
    return [list(s) for s in display_spans(text, terms)] if terms else []


@bp.route("/p/<pid>")
def paragraph(pid: str):
    archive = get_archive()
    p = archive.paragraph(pid)
    if not p:
        abort(404)
    params, terms = _reading_state()
    spans = _spans(p["text"], terms)
    before, after = archive.neighbours(p, 2)
    permalink = absolute_url(url_for("pages.paragraph", pid=pid))
    return render_template("paragraph.html", p=p, spans=spans, before=before, after=after, params=params,
                           similar=archive.similar(pid),
                           citation=render.citation(p, permalink), permalink=permalink)


@bp.route("/d/<doc_id>")
def document(doc_id: str):
    archive = get_archive()
    paras = archive.document(doc_id)
    if not paras:
        abort(404)
    params, terms = _reading_state()
    rows, count = [], 0
    for p in paras:
        spans = _spans(p["text"], terms)
        rows.append({"p": p, "html": render.highlight(p["text"], spans, "hit-", count)})
        count += len(spans)
    target = request.args.get("n", type=int)
    return render_template("document.html", rows=rows, doc=paras[0], hits=count, target=target, params=params)


@bp.route("/d/<doc_id>/source")
def source(doc_id: str):
    archive = get_archive()
    text = archive.source_text(doc_id)
    paras = archive.document(doc_id) if text is not None else []
    if text is None or not paras:
        abort(404)
    lines = text.split("\n")
    mark = (0, -1)
    rng = request.args.get("lines", "")
    if rng:
        try:
            a, _, b = rng.partition("-")
            mark = (int(a), int(b or a))
        except ValueError:
            mark = (0, -1)
    params = SearchParams(lang=_lang())
    return render_template("source.html", lines=lines, mark=mark, doc=paras[0], params=params)


@bp.route("/trends")
def trends():
    from . import trends as trends_view
    return trends_view.page()


@bp.route("/export.<fmt>")
def export(fmt: str):
    """Every matching paragraph (the whole archive without a query), streamed row by row:
    nothing is cut, and the server holds one row at a time."""
    if fmt not in ("csv", "json", "jsonl"):
        abort(404)
    params, error = _params()
    if params is None:
        return Response(error, status=400, mimetype="text/plain")
    try:
        total, rows = get_archive().matches(params.q, filters=params.filters)
    except QueryError as exc:
        return Response(str(exc), status=400, mimetype="text/plain")
    name = "archive-export"
    headers = {"Content-Disposition": f"attachment; filename={name}.{fmt}", "X-Export-Count": str(total)}
    if fmt == "json":
        def body():
            head = json.dumps({"query": params.q, "filters": params.filters, "count": total, "truncated": False},
                              ensure_ascii=False)
            yield (head[:-1] + ', "paragraphs": [').encode("utf-8")
            for k, r in enumerate(rows):
                yield (("," if k else "") + json.dumps(r, ensure_ascii=False)).encode("utf-8")
            yield b"]}"
        return Response(stream_with_context(body()), mimetype="application/json", headers=headers)
    mime = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    return Response(stream_with_context(export_chunks(rows, "csv" if fmt == "csv" else "jsonl")), mimetype=mime,
                    headers=headers)
