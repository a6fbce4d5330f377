"""Browsing by document: /browse (the document list, filtered by place, year, type and level,
filtered within titles, sorted by date, title or place), /api/browse (the same dict), and
the overview the home page shows (counts by place, year and type, linking into /browse)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, jsonify, render_template, request
from werkzeug.datastructures import MultiDict

from archive.browse import MAX_TITLE_FILTER, PANELS, browse, header
from archive.fields import BROWSE_ARGS
from archive.query import QueryError

from .db import get_archive
from .params import SearchParams, filter_values
from .i18n import error_text

bp = Blueprint("browse", __name__)

# URL argument -> document field (the same names as the search filters: archive/fields.py)
ARGS = BROWSE_ARGS
ARG_OF = {f: a for a, f in ARGS.items()}


def browse_args(args: MultiDict) -> dict[str, Any]:
    filters = {f: filter_values(args, a, f) for a, f in ARGS.items()}
    try:
        page = int(args.get("page") or 1)
    except ValueError:
        raise QueryError("page must be a whole number") from None
    return {
        "filters": {k: v for k, v in filters.items() if v},
        "title": (args.get("title") or "").strip(),
        "sort": args.get("sort") or "date",
        "order": args.get("order") or None,
        "page": page,
    }


class BrowseLinks:
    """URLs of /browse that change one thing and keep the rest (filters, title, sort, lang)."""

    def __init__(self, state: dict[str, Any], lang: str) -> None:
        self.state, self.lang = state, lang

    def url(self, **changes: Any) -> str:
        s = {
            "title": self.state["title"],
            "sort": self.state["sort"],
            "order": self.state["order"],
            "page": self.state["page"],
        }
        filters = {a: list(self.state["filters"].get(f, [])) for a, f in ARGS.items()}
        for k, v in changes.items():
            if k in ARGS:
                filters[k] = v
            else:
                s[k] = v
        if "page" not in changes:
            s["page"] = 1
        out: list[tuple[str, str]] = []
        for a, values in filters.items():
            out += [(a, str(v)) for v in values]
        defaults = {"title": "", "sort": "date", "page": 1}
        out += [(k, str(v)) for k, v in s.items() if v not in (None, "") and defaults.get(k) != v]
        if self.lang == "en":
            out.append(("lang", "en"))
        return "/browse?" + urlencode(out)

    def toggle(self, arg: str, value: Any) -> str:
        """Add ``value`` to a filter, or take it away when it is already there."""
        current = list(self.state["filters"].get(ARGS[arg], []))
        v = str(value)
        return self.url(**{arg: [x for x in current if x != v] if v in current else current + [v]})

    def sort(self, key: str) -> str:
        """Sort by ``key``; choosing the current sort again turns the order around."""
        if key == self.state["sort"]:
            return self.url(sort=key, order="asc" if self.state["order"] == "desc" else "desc")
        return self.url(sort=key, order=None)


def _lang() -> str:
    return "en" if request.args.get("lang") == "en" else "zh"


@bp.route("/browse")
def page():
    lang = _lang()
    params = SearchParams(lang=lang)
    try:
        state = browse_args(request.args)
        result = browse(get_archive(), **state)
    except QueryError as exc:
        return render_template("browse.html", params=params, result=None, error=error_text(exc, lang)), 400
    state.update(order=result["order"], page=result["page"])
    return render_template(
        "browse.html",
        params=params,
        result=result,
        error=None,
        links=BrowseLinks(state, lang),
        arg_of=ARG_OF,
        panels=PANELS,
        max_title=MAX_TITLE_FILTER,
    )


@bp.route("/api/browse")
def api():
    try:
        result = browse(get_archive(), **browse_args(request.args))
    except QueryError as exc:
        from .api import error

        return error(400, exc)
    return jsonify(result)


def overview() -> dict[str, Any]:
    """The home page's view of the collection: counts by place, year and type, newest documents."""
    result = browse(get_archive(), page_size=10)
    return {
        "result": result,
        "links": BrowseLinks({"filters": {}, "title": "", "sort": "date", "order": None, "page": 1}, _lang()),
        "arg_of": ARG_OF,
    }


def document_header(paras: list[dict[str, Any]]) -> dict[str, Any]:
    return header(paras)


@bp.app_context_processor
def inject() -> dict[str, Any]:
    return {"home_browse": overview, "document_header": document_header}
