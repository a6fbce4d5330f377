"""PDF files with a text layer (born-digital 政府信息公开 PDFs).

Keeps reading order, drops running headers, footers and page numbers, and joins lines
across page breaks (the paragraph builder rejoins a sentence cut by a page end). A PDF
without a text layer (a scan) is reported as such, not indexed as empty.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from archive.datafiles import patterns

from .read import Line, ReadError, SourceText

_EDGE = 2          # lines at the top and bottom of a page that may be running headers/footers


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def read_pdf(path: Path) -> SourceText:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover
        raise ReadError("pdfplumber is not installed") from None
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [(p.extract_text(layout=False) or "") for p in pdf.pages]
    except Exception as exc:
        raise ReadError(f"not a readable PDF ({type(exc).__name__})") from None
    if not pages:
        raise ReadError("PDF without pages")
    if not any(p.strip() for p in pages):
        raise ReadError(f"scanned PDF without a text layer ({len(pages)} pages): it needs OCR first")
    page_lines = [[l for l in p.split("\n")] for p in pages]
    # running headers and footers: the same line (digits aside) at a page edge on most pages
    edges: Counter[str] = Counter()
    for lines in page_lines:
        nonblank = [l for l in lines if l.strip()]
        for l in set(nonblank[:_EDGE] + nonblank[-_EDGE:]):
            edges[_key(l)] += 1
    running = {k for k, n in edges.items() if len(page_lines) >= 3 and n >= max(3, len(page_lines) // 2)}
    out: list[Line] = []
    for lines in page_lines:
        nonblank_idx = [i for i, l in enumerate(lines) if l.strip()]
        edge_idx = set(nonblank_idx[:_EDGE] + nonblank_idx[-_EDGE:])
        for i, l in enumerate(lines):
            s = l.strip()
            if i in edge_idx and (any(rx.match(s) for rx in patterns("page_numbers.tsv")) or _key(s) in running):
                continue
            out.append(Line(len(out) + 1, l))
    return SourceText(path, "\n".join(l.text for l in out), out, "pdf", "pdf", {})
