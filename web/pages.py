"""HTML pages. Every view's state is in its URL, so it can be bookmarked and shared."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, url_for

from archive.config import MAX_QUERY_CHARS
from archive.fields import DEFAULT_SORT, SORTS, flat_facets, place_facets_top_down
from archive.query import QueryError, parse
from archive.store import IndexMissing
from archive.textnorm import display_spans

from . import cite as cite_view
from . import render
from .db import get_archive
from .i18n import error_text, field_label, lang_of, t
from .i18n_evidence import evidence_text
from .params import FILTER_ARGS, SearchParams, parse_args

bp = Blueprint("pages", __name__)


@bp.app_context_processor
def inject() -> dict[str, Any]:
    lang = _lang()
    return {
        "t": lambda key, *a: t(key, lang, *a),
        "label": lambda key: field_label(key, lang),
        "evidence_text": lambda why: evidence_text(why, lang),
        "lang": lang,
        "render": render,
        "FILTER_ARGS": FILTER_ARGS,
        "SORTS": SORTS,
        "DEFAULT_SORT": DEFAULT_SORT,
        "MAX_QUERY_CHARS": MAX_QUERY_CHARS,
        # the facet panel: nested place facets outermost first, then the others (archive/fields.py)
        "PLACE_FACETS": place_facets_top_down(),
        "FLAT_FACETS": [(f.arg, f.name) for f in flat_facets()],
        "lang_switch_args": lang_switch_args,
    }


def lang_switch_args(other: str) -> str:
    """This page's own arguments with the language switched: the switch keeps everything
    (query, filters, sort, page, a document's paragraph, a source view's lines)."""
    from urllib.parse import urlencode

    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    if other == "en":
        args.append(("lang", "en"))
    return urlencode(args)


@bp.app_errorhandler(404)
def not_found(_e):
    if request.path.startswith("/api/"):
        from .api import error

        return error(404, "not found", "not_found")
    return render_template("error.html", message=t("not_found", _lang()), params=SearchParams(lang=_lang())), 404


@bp.app_errorhandler(IndexMissing)
def no_index(_e):
    return render_template("error.html", message=t("index_missing", _lang()), params=SearchParams(lang=_lang())), 503


def absolute_url(path: str) -> str:
    """The configured base URL plus an app path (a client's Host header is not trusted)."""
    root = request.script_root
    if root and path.startswith(root):
        path = path[len(root) :]
    return current_app.config["BASE_URL"] + path


def _lang() -> str:
    return lang_of(request.args.get("lang"))


def _params() -> tuple[SearchParams | None, str | None]:
    try:
        return parse_args(request.args), None
    except QueryError as exc:
        return None, error_text(exc, _lang())


@bp.route("/")
def search():
    from .searchpage import render_search

    return render_search()


@bp.route("/help")
def help_page():
    from .searchpage import HELP_EXAMPLES

    return render_template("help.html", params=SearchParams(lang=_lang()), help_examples=HELP_EXAMPLES)


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
    from . import scan
    from .sourceview import collection_paths, relative_path

    return render_template(
        "paragraph.html",
        p=p,
        spans=spans,
        before=before,
        after=after,
        params=params,
        similar=archive.similar(pid),
        source_path=relative_path(p.get("source_path"), collection_paths(archive)),
        view=scan.for_paragraph(archive, p, terms),
        zoom=1,
        zooms=scan.ZOOMS,
        q=request.args.get("q", ""),
        cite=cite_view.paragraph_citation(p),
        permalink=permalink,
    )


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
    from . import sourceview

    lines = text.split("\n")
    mark = (0, -1)
    rng = request.args.get("lines", "")
    if rng:
        try:
            a, _, b = rng.partition("-")
            mark = (int(a), int(b or a))
        except ValueError:
            mark = (0, -1)
    params, terms = _reading_state()
    path = sourceview.relative_path(paras[0].get("source_path"), sourceview.collection_paths(archive))
    from . import scan

    view = scan.page_view(archive, doc_id, None, mark if mark[0] > 0 else None, terms)
    return render_template(
        "source.html",
        rows=sourceview.rows(lines, mark, terms),
        mark=mark,
        doc=paras[0],
        params=params,
        path=path,
        n=request.args.get("n", type=int),
        view=view,
        zoom=1,
        zooms=scan.ZOOMS,
        q=request.args.get("q", ""),
    )


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
    from .exportview import export_response

    return export_response(fmt)
