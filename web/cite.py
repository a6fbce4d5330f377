"""Citations of a paragraph on the web: the GB/T 7714 text on the paragraph page, RIS and
BibTeX downloads, and /api/cite/<id> (the same dict as `archive cite ID --json`). Permalinks are
built on the configured base URL (--base-url, $ARCHIVE_BASE_URL), never on the Host header."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Blueprint, Response, abort, current_app, jsonify

from archive.cite import citation

from .db import get_archive

bp = Blueprint("cite", __name__)


def paragraph_citation(p: dict[str, Any]) -> dict[str, Any]:
    """{"fields", "gbt7714", "ris", "bibtex"} for paragraph ``p`` of the served archive."""
    head = get_archive().neighbours({**p, "n": 1}, 6)[1] if p["n"] > 1 else []
    head = ([p] if p["n"] == 1 else []) + head
    return citation(p, head, current_app.config["BASE_URL"])


def _download(pid: str, fmt: str) -> Response:
    p = get_archive().paragraph(pid)
    if not p:
        abort(404)
    c = paragraph_citation(p)
    body, mime, ext = (
        (c["ris"], "application/x-research-info-systems", "ris")
        if fmt == "ris"
        else (c["bibtex"], "application/x-bibtex", "bib")
    )
    # an id can hold CJK characters: RFC 6266 filename* (UTF-8), with an ASCII fallback
    ascii_name = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in pid)
    disposition = f"attachment; filename=\"{ascii_name}.{ext}\"; filename*=UTF-8''{quote(pid, safe='')}.{ext}"
    resp = Response(body.encode("utf-8"), headers={"Content-Disposition": disposition})
    resp.headers["Content-Type"] = f"{mime}; charset=utf-8"
    return resp


@bp.route("/p/<pid>/cite.ris")
def ris(pid: str):
    return _download(pid, "ris")


@bp.route("/p/<pid>/cite.bib")
def bib(pid: str):
    return _download(pid, "bib")


@bp.route("/api/cite/<pid>")
def api(pid: str):
    p = get_archive().paragraph(pid)
    if not p:
        from .api import error

        return error(404, f"no paragraph {pid}", "no_paragraph", pid)
    return jsonify(paragraph_citation(p))
