"""Two documents side by side (/compare?a=DOC&b=DOC, /api/compare)."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from archive import compare as compare_mod
from archive.query import QueryError

from .db import get_archive
from .params import SearchParams
from .i18n import error_text

bp = Blueprint("compare", __name__)


def _ids() -> tuple[str, str]:
    a, b = (request.args.get("a") or "").strip(), (request.args.get("b") or "").strip()
    if not a or not b:
        raise QueryError("name two documents: ?a=DOC_ID&b=DOC_ID", "compare_ids")
    return a, b


@bp.route("/compare")
def page():
    lang = "en" if request.args.get("lang") == "en" else "zh"
    params = SearchParams(lang=lang)
    if not request.args.get("a") and not request.args.get("b"):
        return render_template("compare.html", params=params, result=None, error=None, target=None)
    try:
        result = compare_mod.compare(get_archive(), *_ids())
    except QueryError as exc:
        return render_template(
            "compare.html", params=params, result=None, error=error_text(exc, lang), target=None
        ), 400
    except LookupError as exc:
        return render_template(
            "compare.html", params=params, result=None, error=compare_mod.message(exc), target=None
        ), 404
    return render_template("compare.html", params=params, result=result, error=None, target=request.args.get("p"))


@bp.route("/api/compare")
def api():
    from .api import error

    try:
        return jsonify(compare_mod.compare(get_archive(), *_ids()))
    except QueryError as exc:
        return error(400, exc)
    except LookupError as exc:
        return error(404, compare_mod.message(exc), "no_document", exc.args[-1])
