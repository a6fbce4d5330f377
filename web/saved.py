"""Saved searches on the web: the list page, save/delete/import forms, each search's Atom
feed, and the JSON API (/saved…, /api/saved…). No accounts (see archive/saved.py); a form
posted from another site is refused (its Origin is not this server's)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request, url_for

from archive import saved as saved_mod
from archive.query import QueryError
from archive.store import IndexMissing

from .db import get_archive
from .params import SearchParams, parse_args
from .i18n import error_text

bp = Blueprint("saved", __name__)
MAX_IMPORT_BYTES = 1 << 20


def _store() -> saved_mod.SavedSearches:
    return saved_mod.SavedSearches(get_archive().home)


def _lang() -> str:
    return "en" if request.values.get("lang") == "en" else "zh"


@bp.before_request
def same_origin_only():
    """A browser on another site can post a form here: refuse changes it did not come from us."""
    if request.method in ("POST", "DELETE", "PUT"):
        origin = request.headers.get("Origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.host:
            return Response("cross-site request refused", status=403, mimetype="text/plain")
    return None


def _listing(error: str | None = None, status: int = 200, message: str | None = None):
    archive = get_archive()
    store = _store()
    rows = [saved_mod.status(archive, store, s) for s in store.all()]
    return render_template(
        "saved.html",
        params=SearchParams(lang=_lang()),
        rows=rows,
        error=error,
        message=message,
        search_args=saved_mod.search_args,
    ), status


@bp.route("/saved", methods=["GET"])
def listing():
    return _listing()


@bp.route("/saved", methods=["POST"])
def save():
    """Save the search in the form (q, filters, sort as on the search page) under ``name``."""
    try:
        p = parse_args(request.form)
        _store().save(request.form.get("name", ""), p.q, p.filters, p.sort, replace=request.form.get("replace") == "1")
    except QueryError as exc:
        return _listing(error_text(exc, _lang()), 400)
    return redirect(
        url_for("saved.listing", lang=_lang() if _lang() == "en" else None, saved=request.form.get("name")), code=303
    )


@bp.route("/saved/<name>/delete", methods=["POST"])
def delete(name: str):
    if not _store().delete(name):
        abort(404)
    return redirect(url_for("saved.listing", lang=_lang() if _lang() == "en" else None), code=303)


@bp.route("/saved/<name>")
def open_search(name: str):
    """Open a saved search: it counts as visited (nothing is new until the next build), then
    the search page shows it."""
    store = _store()
    try:
        s = saved_mod.visit(get_archive(), store, name)
    except KeyError:
        abort(404)
    return redirect(url_for("pages.search") + "?" + saved_mod.search_args(s), code=303)


@bp.route("/saved/<name>/feed.atom")
def feed(name: str):
    s = _store().get(name)
    if s is None:
        abort(404)
    body = saved_mod.atom_feed(get_archive(), s, current_app.config["BASE_URL"])
    return Response(body, mimetype="application/atom+xml")


@bp.route("/saved.json")
def export():
    return Response(
        json.dumps(_store().export(), ensure_ascii=False, indent=1),
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=saved-searches.json"},
    )


def _import_data() -> Any:
    upload = request.files.get("file")
    raw = upload.read(MAX_IMPORT_BYTES + 1) if upload is not None else request.get_data()[: MAX_IMPORT_BYTES + 1]
    if len(raw) > MAX_IMPORT_BYTES:
        raise QueryError("the file is over 1 MB: an export of saved searches is far smaller")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise QueryError("the file is not JSON (an export of saved searches, from /saved.json)") from None


@bp.route("/saved/import", methods=["POST"])
def import_page():
    try:
        done = _store().import_(_import_data(), replace=request.form.get("replace") == "1")
    except QueryError as exc:
        return _listing(error_text(exc, _lang()), 400)
    return _listing(message=f"+{len(done['added'])} / ={len(done['skipped'])}")


# --- JSON API --------------------------------------------------------------------------------
def _api_error(status: int, message: "str | Exception", key: str | None = None, *args: object):
    from .api import error

    return error(status, message, key, *args)


@bp.errorhandler(QueryError)
def bad(exc: QueryError):
    if request.path.startswith("/api/"):
        return _api_error(400, exc)
    return _listing(error_text(exc, _lang()), 400)


@bp.errorhandler(IndexMissing)
def missing(exc: IndexMissing):
    if request.path.startswith("/api/"):
        return _api_error(503, str(exc), "no_index")
    from .pages import no_index  # the app's page (re-raising here would be a 500)

    return no_index(exc)


@bp.route("/api/saved", methods=["GET"])
def api_list():
    archive, store = get_archive(), _store()
    return jsonify({"saved": [saved_mod.status(archive, store, s) for s in store.all()]})


@bp.route("/api/saved", methods=["POST"])
def api_save():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return _api_error(400, 'send a JSON object: {"name", "query", "filters", "sort"}')
    filters = body.get("filters") or {}
    if not isinstance(filters, dict) or not all(isinstance(v, list) for v in filters.values()):
        return _api_error(400, '"filters" must be an object of lists, as {"township": ["新埭镇"]}')
    s = _store().save(
        str(body.get("name") or ""),
        str(body.get("query") or ""),
        filters,
        str(body.get("sort") or "relevance"),
        replace=bool(body.get("replace")),
    )
    return jsonify(saved_mod.status(get_archive(), _store(), s)), 201


@bp.route("/api/saved/<name>", methods=["GET"])
def api_get(name: str):
    s = _store().get(name)
    if s is None:
        return _api_error(404, f"no saved search {name!r}", "no_saved", name)
    return jsonify(saved_mod.status(get_archive(), _store(), s))


@bp.route("/api/saved/<name>", methods=["DELETE"])
def api_delete(name: str):
    if not _store().delete(name):
        return _api_error(404, f"no saved search {name!r}", "no_saved", name)
    return jsonify({"deleted": name})


@bp.route("/api/saved/<name>/visit", methods=["POST"])
def api_visit(name: str):
    try:
        return jsonify(saved_mod.visit(get_archive(), _store(), name))
    except KeyError:
        return _api_error(404, f"no saved search {name!r}", "no_saved", name)


@bp.route("/api/saved/export")
def api_export():
    return jsonify(_store().export())


@bp.route("/api/saved/import", methods=["POST"])
def api_import():
    return jsonify(_store().import_(_import_data(), replace=request.args.get("replace") == "1"))
