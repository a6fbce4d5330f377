"""The JSON API: the same objects as `archive search --json`, errors as JSON with a 4xx status."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from archive.query import QueryError
from archive.store import IndexMissing

from .db import get_archive
from .i18n import error_text, t
from .params import parse_args

bp = Blueprint("api", __name__)


def api_lang() -> str:
    """The language a JSON request asks for: ?lang=zh|en, else its Accept-Language, else
    English (what the API answered before it had a choice)."""
    asked = request.args.get("lang")
    if asked in ("zh", "en"):
        return asked
    best = request.accept_languages.best_match(["en", "zh", "zh-CN", "zh-Hans"]) if request else None
    return "zh" if best and best.startswith("zh") else "en"


def error(status: int, message: "str | Exception", key: str | None = None, *args: object):
    """{"error", "status"} with the message in the request's language (api_lang): a query
    error by its key (web.i18n.error_text), a fixed message by ``key`` (apierr_<key>)."""
    lang = api_lang()
    if isinstance(message, Exception):
        text = error_text(message, lang)
    elif key and lang == "zh":
        text = t(f"apierr_{key}", "zh", *args)
    else:
        text = message
    resp = jsonify({"error": text, "status": status})
    resp.status_code = status
    return resp


@bp.errorhandler(QueryError)
def bad_query(exc: QueryError):
    return error(400, exc)


@bp.errorhandler(IndexMissing)
def missing(exc: IndexMissing):
    return error(503, str(exc), "no_index")


@bp.errorhandler(404)
def nf(_e):
    return error(404, "not found", "not_found")


@bp.errorhandler(405)
def na(_e):
    return error(405, "method not allowed", "method")


@bp.route("/search")
def search():
    p = parse_args(request.args, limit_arg=True)
    offset = int(request.args.get("offset") or p.offset)
    result = get_archive().search(
        p.q, filters=p.filters, sort=p.sort, limit=p.limit, offset=offset, allow_empty=bool(p.filters)
    )
    out = {k: result[k] for k in ("query", "total", "hits", "facets")}
    if result["total"] == 0:
        from archive.hints import hints

        out["hints"] = hints(get_archive(), p.q, result["filters"])  # what would find something
    return jsonify(out)


@bp.route("/p/<pid>")
def paragraph(pid: str):
    archive = get_archive()
    p = archive.paragraph(pid)
    if not p:
        return error(404, f"no paragraph {pid}", "no_paragraph", pid)
    before, after = archive.neighbours(p, 2)
    return jsonify({"paragraph": p, "before": before, "after": after, "similar": archive.similar(pid)})


@bp.route("/d/<doc_id>")
def document(doc_id: str):
    paras = get_archive().document(doc_id)
    if not paras:
        return error(404, f"no document {doc_id}", "no_document", doc_id)
    first = paras[0]
    return jsonify(
        {
            "doc_id": doc_id,
            "title": first["title"],
            "publisher": first["publisher"],
            "date": first["date"],
            "doc_type": first["doc_type"],
            "county": first["county"],
            "source_path": first["source_path"],
            "paragraphs": paras,
        }
    )


@bp.route("/trend")
def trend():
    from . import trends as trends_view

    return jsonify(trends_view.api())
