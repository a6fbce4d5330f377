"""A scan (an image, a PDF without a text layer, or the image-only pages of a mixed PDF) as a
SourceText: OCR through the home's cache, reading order by indexer/layout.py, and each
line's geometry kept in ``SourceText.ocr`` for the evidence and the page view:

{"sha": file hash, "pages": [{"n": 1, "width", "height", "image": "page-001.webp"}],
 "lines": {"<line no>": {"page", "boxes": [[x0, y0, x1, y1]], "chars": [[conf, x0, y0, x1, y1]], "vertical"}}}
"""

from __future__ import annotations

from pathlib import Path

from .. import layout
from ..source import Line, ReadError, SourceText
from . import cache, pages

# An image smaller than this on both sides is a logo or an icon (a saved web page's
# images folder), not a scanned page.
MIN_PAGE_SIDE = 400


def read_scanned(path: Path, store: cache.OcrStore, shown: str = "") -> SourceText:
    """Every page of an image file or a scanned PDF, OCR'd."""
    n = pages.page_count(path)
    if path.suffix.lower() != ".pdf":
        with pages.open_image(path) as img:
            if max(img.size) < MIN_PAGE_SIDE:
                raise ReadError(f"image of {img.width}×{img.height} pixels: too small to be a scanned page")
    sha, results = store.recognise(path, list(range(n)), shown=shown)
    src = scanned_source(
        path, sha, [(i + 1, results[i]) for i in range(n)], fmt="pdf" if path.suffix.lower() == ".pdf" else "image"
    )
    if not any(l.text.strip() for l in src.lines):
        raise ReadError(f"no text found on {n} scanned page{'s' if n != 1 else ''}")
    return src


def scanned_source(
    path: Path, sha: str, page_results: list[tuple[int, dict]], fmt: str, first_line: int = 1
) -> SourceText:
    """Lines of OCR'd pages (page number, engine result) in reading order, numbered from first_line."""
    per_page = [layout.page_lines(r, no) for no, r in page_results]
    out: list[Line] = []
    geometry: dict[str, dict] = {}
    for text, role, geo in layout.source_lines(per_page):
        no = first_line + len(out)
        out.append(Line(no, text, role))
        if geo is not None:
            geometry[str(no)] = geo
    ocr = {
        "sha": sha,
        "pages": [
            {"n": no, "width": r["width"], "height": r["height"], "image": cache.image_name(no - 1)}
            for no, r in page_results
        ],
        "lines": geometry,
    }
    return SourceText(path, "\n".join(l.text for l in out), out, fmt, {}, ocr=ocr)
