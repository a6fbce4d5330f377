"""PDF files with a text layer (born-digital 政府信息公开 PDFs).

Keeps reading order, drops running headers, footers and page numbers, and joins lines
across page breaks (the paragraph builder rejoins a sentence cut by a page end). Footnotes
(smaller type at a page's foot) become lines of role "note" after the body, each its own
paragraph, so they are not spliced into the sentence that runs on to the next page. A PDF
without a text layer (a scan) is reported as such, not indexed as empty.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from archive.datafiles import patterns

from .source import Line, ReadError, SourceText

_EDGE = 2  # lines at the top and bottom of a page that may be running headers/footers


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def read_pdf(path: Path, ocr: Any = None, shown: str = "") -> SourceText:
    """The PDF's text layer; pages without one are OCR'd with ``ocr`` (the build's
    indexer.ocr.cache.OcrStore) when the OCR extra is installed."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover
        raise ReadError("pdfplumber is not installed") from None
    try:
        with pdfplumber.open(str(path)) as pdf:
            sized = [
                [(l["text"], _size(l)) for l in p.extract_text_lines(layout=False, strip=False)] for p in pdf.pages
            ]
    except Exception as exc:
        raise ReadError(unreadable_reason(exc)) from None
    if not sized:
        raise ReadError("PDF without pages")
    blank_pages = [i for i, page in enumerate(sized) if not any(t.strip() for t, _ in page)]
    scanned: set[int] = set()
    results: dict[int, dict] = {}
    geometry: dict | None = None
    if blank_pages:
        from .ocr import INSTALL_HINT, missing

        if len(blank_pages) == len(sized):
            if missing() or ocr is None:
                raise ReadError(
                    f"scanned PDF without a text layer ({len(sized)} pages): it needs OCR first; "
                    + (INSTALL_HINT if missing() else "OCR needs an archive home")
                )
            from .ocr.read import read_scanned

            return read_scanned(path, ocr, shown)
        if missing() or ocr is None:
            warnings = [
                f"{len(blank_pages)} of {len(sized)} pages have no text layer (scans) and were not read: "
                + (INSTALL_HINT if missing() else "OCR needs an archive home")
            ]
        else:
            sha, results = ocr.recognise(path, blank_pages, shown=shown)
            scanned = set(blank_pages)
            geometry = {"sha": sha, "pages": [], "lines": {}}
            warnings = []
    else:
        warnings = []
    page_lines = [[t for t, _ in page] for page in sized]
    body_size = _body_size(sized)
    # running headers and footers: the same line (digits aside) at a page edge on most pages
    edges: Counter[str] = Counter()
    for lines in page_lines:
        nonblank = [l for l in lines if l.strip()]
        for l in set(nonblank[:_EDGE] + nonblank[-_EDGE:]):
            edges[_key(l)] += 1
    running = {k for k, n in edges.items() if len(page_lines) >= 3 and n >= max(3, len(page_lines) // 2)}
    out: list[Line] = []
    footnotes: list[str] = []
    for page_no, (lines, page) in enumerate(zip(page_lines, sized)):
        if page_no in scanned and geometry is not None:
            # an image-only page of a mixed PDF: its OCR'd lines, numbered in place
            from .ocr.read import scanned_source

            src = scanned_source(
                path, geometry["sha"], [(page_no + 1, results[page_no])], "pdf", first_line=len(out) + 1
            )
            out.extend(src.lines)
            assert src.ocr is not None
            geometry["pages"] += src.ocr["pages"]
            geometry["lines"].update(src.ocr["lines"])
            continue
        nonblank_idx = [i for i, l in enumerate(lines) if l.strip()]
        edge_idx = set(nonblank_idx[:_EDGE] + nonblank_idx[-_EDGE:])
        kept = [
            (i, l)
            for i, l in enumerate(lines)
            if not (
                i in edge_idx
                and (any(rx.match(l.strip()) for rx in patterns("page_numbers.tsv")) or _key(l.strip()) in running)
            )
        ]
        notes = footnote_lines([(l, page[i][1]) for i, l in kept], body_size)
        for k, (_, l) in enumerate(kept):
            if k not in notes:
                out.append(Line(len(out) + 1, l))
            elif notes[k] == "cont" and footnotes:
                footnotes[-1] = footnotes[-1].rstrip() + l.strip()  # a note over two lines
            else:
                footnotes.append(l.strip())
    # footnotes go after the body, as endnotes: a sentence cut by a page end runs on
    # across the notes at the foot of the page
    if footnotes:
        out.append(Line(len(out) + 1, ""))
        for note in footnotes:
            out.append(Line(len(out) + 1, note, "note"))
    return SourceText(path, "\n".join(l.text for l in out), out, "pdf", {}, warnings=warnings, ocr=geometry)


def unreadable_reason(exc: Exception) -> str:
    """What a person can do about a PDF that does not open."""
    what = f"{type(exc).__name__} {exc}".lower()
    if "password" in what or "encrypt" in what:
        return "password-protected PDF: open it and save a copy without the password"
    return (
        f"not a readable PDF ({type(exc).__name__}): the file is cut short or not a PDF; "
        "open it in a PDF reader and save it again"
    )


def _size(line: dict) -> float:
    chars = [c for c in line.get("chars", []) if str(c.get("text", "")).strip()]
    return sum(c["size"] for c in chars) / len(chars) if chars else 0.0


def _body_size(pages: list[list[tuple[str, float]]]) -> float:
    """The font size most of the text is set in (by characters)."""
    by_size: Counter[float] = Counter()
    for page in pages:
        for text, size in page:
            by_size[round(size, 1)] += len(text.strip())
    return by_size.most_common(1)[0][0] if by_size else 0.0


# A footnote is set smaller than the body: below this share of the body size.
NOTE_SIZE = 0.85


def footnote_lines(lines: list[tuple[str, float]], body_size: float) -> dict[int, str]:
    """The footnotes at the bottom of one page: index -> "start" (a new note) or "cont".

    The run of lines at the page end set smaller than the body, or opening with a
    footnote marker (①, [1], 注：; data/footnote_markers.tsv) in a smaller size, is the
    footnote area; each marker starts a note, other lines continue the one above."""
    markers = patterns("footnote_markers.tsv")
    small = [bool(t.strip()) and 0 < size < NOTE_SIZE * body_size for t, size in lines]
    k = len(lines)
    while k > 0 and (small[k - 1] or not lines[k - 1][0].strip()):
        k -= 1
    out: dict[int, str] = {}
    for i in range(k, len(lines)):
        text = lines[i][0].strip()
        if not text:
            continue
        out[i] = "start" if any(rx.match(text) for rx in markers) or not out else "cont"
    return out
