"""The page image of a scanned document: the paragraph's region outlined, the hit's
characters highlighted, characters read with low confidence marked; zoom and prev/next page.

One dict (page_view) for the HTML page, the JSON API and the partial shown on the paragraph
page and in the source view. The picture is an SVG: the page image with rectangles over it,
placed by attributes, so the strict CSP (no inline style, no inline script) holds and the
page works without JavaScript; zoom is a link that changes a class.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, jsonify, render_template, request, send_file, url_for

from archive.search import Archive
from archive.textnorm import display_spans

from .db import get_archive
from .params import SearchParams

bp = Blueprint("scan", __name__)

# A character read with less confidence than this is marked (as indexer/ocr/evidence.py counts).
LOW_CONFIDENCE = 0.8
ZOOMS = (1, 2, 3)
# The outline sits this share of a line's height outside its box (as the stored regions do).
PAD = 0.2


def _padded(b: list[float]) -> list[float]:
    pad = PAD * min(b[2] - b[0], b[3] - b[1])
    return [round(b[0] - pad, 1), round(b[1] - pad, 1), round(b[2] + pad, 1), round(b[3] + pad, 1)]


def _rect(b: list[float]) -> dict[str, float]:
    return {"x": round(b[0], 1), "y": round(b[1], 1), "w": round(b[2] - b[0], 1), "h": round(b[3] - b[1], 1)}


def page_view(
    archive: Archive,
    doc_id: str,
    page: int | None = None,
    lines: tuple[int, int] | None = None,
    terms: list[str] | None = None,
    outline: list[list[float]] | None = None,
) -> dict[str, Any] | None:
    """The page (the one of the first marked line by default) with the marked lines' region,
    the terms' characters among them, and the page's low-confidence characters; None for a
    document that is not a scan or a page it does not have."""
    layout = archive.ocr_layout(doc_id)
    if not layout or not layout.get("pages"):
        return None
    geo: dict[str, dict] = layout["lines"]
    numbers = [p["n"] for p in layout["pages"]]
    if page is None:
        first = (
            next((geo[str(n)]["page"] for n in range(lines[0], lines[1] + 1) if str(n) in geo), None) if lines else None
        )
        page = first or numbers[0]
    info = next((p for p in layout["pages"] if p["n"] == page), None)
    if info is None:
        return None
    marked = [(n, geo[str(n)]) for n in range(lines[0], lines[1] + 1) if str(n) in geo] if lines else []
    on_page = [(n, g) for n, g in marked if g["page"] == page]
    if outline is not None:
        regions = [b[1:] for b in outline if b[0] == page]
    else:
        regions = [_padded(b) for _, g in on_page for b in g["boxes"]]
    src = (archive.source_text(doc_id) or "").split("\n")
    hits = _hit_boxes(on_page, src, terms or [])
    page_lines, low = [], []
    for n, g in sorted(((int(k), v) for k, v in geo.items() if v["page"] == page)):
        text = src[n - 1] if 0 < n <= len(src) else ""
        weak = [i for i, c in enumerate(g["chars"][: len(text)]) if c[0] < LOW_CONFIDENCE and not text[i].isspace()]
        low += [g["chars"][i][1:5] for i in weak]
        page_lines.append(
            {"line": n, "text": text, "low": weak, "marked": lines is not None and lines[0] <= n <= lines[1]}
        )
    k = numbers.index(page)
    return {
        "doc_id": doc_id,
        "page": page,
        "pages": len(numbers),
        "width": info["width"],
        "height": info["height"],
        "image": url_for("scan.page_image", doc_id=doc_id, n=page),
        "prev": numbers[k - 1] if k > 0 else None,
        "next": numbers[k + 1] if k + 1 < len(numbers) else None,
        "outline": [_rect(b) for b in regions],
        "hits": [_rect(b) for b in hits],
        "low": [_rect(b) for b in low],
        "lines": page_lines,
        "marked_lines": list(lines) if lines else None,
    }


def _hit_boxes(on_page: list[tuple[int, dict]], src: list[str], terms: list[str]) -> list[list[float]]:
    """Boxes of the characters of each term among the marked lines, found across line ends
    (a phrase wrapped onto the next line is one hit) and spaces the repair removed."""
    if not terms:
        return []
    chars: list[str] = []
    boxes: list[list[float]] = []
    for n, g in on_page:
        text = src[n - 1] if 0 < n <= len(src) else ""
        for ch, c in zip(text, g["chars"]):
            if not ch.isspace():
                chars.append(ch)
                boxes.append(c[1:5])
    return [boxes[i] for a, b in display_spans("".join(chars), terms) for i in range(a, b)]


def _lines_arg() -> tuple[int, int] | None:
    a, _, b = request.args.get("lines", "").partition("-")
    try:
        first = int(a)
        last = int(b or a)
    except ValueError:
        return None
    return (first, last) if 0 < first <= last else None


def _terms() -> list[str]:
    from archive.query import QueryError, parse

    try:
        return parse(request.args.get("q", "")).terms
    except QueryError:
        return []


def _zoom() -> int:
    z = request.args.get("zoom", type=int) or 1
    return z if z in ZOOMS else 1


def for_paragraph(archive: Archive, p: dict[str, Any], terms: list[str]) -> dict[str, Any] | None:
    """The page view of a scanned paragraph (None for text sources): its stored region."""
    if not p.get("ocr"):
        return None
    a, b = p["source_lines"]
    return page_view(archive, p["doc_id"], p["ocr"]["page"], (a, b), terms, outline=p["ocr"].get("boxes"))


@bp.route("/d/<doc_id>/page/<int:n>")
def page(doc_id: str, n: int):
    lang = "en" if request.args.get("lang") == "en" else "zh"
    archive = get_archive()
    view = page_view(archive, doc_id, n, _lines_arg(), _terms())
    paras = archive.document(doc_id) if view else []
    if not view or not paras:
        abort(404)
    return render_template(
        "scan_page.html",
        view=view,
        doc=paras[0],
        zoom=_zoom(),
        zooms=ZOOMS,
        q=request.args.get("q", ""),
        params=SearchParams(lang=lang),
    )


@bp.route("/d/<doc_id>/page/<int:n>.webp")
def page_image(doc_id: str, n: int):
    """The stored page image (home/ocr/<file hash>/page-NNN.webp), never a path from the URL."""
    archive = get_archive()
    layout = archive.ocr_layout(doc_id)
    info = next((p for p in (layout or {}).get("pages", []) if p["n"] == n), None)
    sha = str((layout or {}).get("sha", ""))
    if info is None or len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        abort(404)
    path = Path(current_app.config["ARCHIVE_HOME"]) / "ocr" / sha / f"page-{n:03d}.webp"
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype="image/webp", max_age=86400)


@bp.route("/api/d/<doc_id>/page/<int:n>")
def api_page(doc_id: str, n: int):
    view = page_view(get_archive(), doc_id, n, _lines_arg(), _terms())
    if view is None:
        from .api import error

        return error(404, f"no page {n} of a scanned document {doc_id!r}", "no_page", n, doc_id)
    return jsonify(view)
