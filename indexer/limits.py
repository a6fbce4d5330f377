"""Size and expansion limits (archive/config.py Limits), checked before a file is read,
and the splitting of over-long paragraphs. A refusal is a ReadError naming the limit."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

from archive.config import Limits
from archive.sentences import sentence_end

from .source import ReadError

_MB = 1 << 20
# A sentence ends at 。！？；!?; (and a closing quote or bracket right after it stays with it):
# one rule with same-sentence search, archive/data/sentence_ends.tsv.
_SENTENCE_END = sentence_end()


def check_file(path: Path, size: int, limits: Limits) -> None:
    """Refuse a file over the size limit, a .docx that expands too far, a PDF with too many
    pages, before anything reads it whole."""
    if size > limits.file_mb * _MB:
        shown = f"{size / _MB:,.1f} MB" if size >= _MB else f"{size:,} bytes"
        raise ReadError(f"file of {shown} is over the limit of {limits.file_mb:g} MB (archive index --max-file-mb)")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        check_docx(path, limits)
    elif suffix == ".pdf":
        check_pdf(path, limits)


def check_docx(path: Path, limits: Limits) -> None:
    """A .docx is a zip: its parts' sizes are known before inflating them. A part that
    inflates past the XML limit, or a large part far more compressed than text ever is
    (a zip bomb: 1.2 MB that becomes 300 MB of XML), is refused."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # the reader says what is wrong with it
    for info in infos:
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        if info.file_size > limits.docx_xml_mb * _MB:
            raise ReadError(
                f"Word part {info.filename} expands to {info.file_size / _MB:,.1f} MB, over the limit "
                f"of {limits.docx_xml_mb:g} MB (archive index --max-docx-xml-mb)"
            )
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > _MB and ratio > limits.docx_ratio:
            raise ReadError(
                f"Word part {info.filename} expands {ratio:,.0f}-fold ({info.compress_size:,} to "
                f"{info.file_size:,} bytes), over the limit of {limits.docx_ratio:g} "
                "(archive index --max-docx-ratio): a zip bomb or a damaged file"
            )


def check_pdf(path: Path, limits: Limits) -> None:
    try:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            pages = len(pdf.pages)
    except Exception:
        return  # the reader says what is wrong with it
    if pages > limits.pdf_pages:
        raise ReadError(
            f"PDF of {pages:,} pages is over the limit of {limits.pdf_pages:,} pages (archive index --max-pdf-pages)"
        )


def split_text(text: str, max_chars: int) -> list[str]:
    """Pieces of at most max_chars, cut after the last sentence end that keeps a piece at
    least half as long as the limit, else (a run without sentence ends) at the limit."""
    pieces: list[str] = []
    start, n = 0, len(text)
    while n - start > max_chars:
        end = start + max_chars
        cut = 0
        for m in _SENTENCE_END.finditer(text, start + max_chars // 2, end):
            cut = m.end()
        cut = cut or end
        pieces.append(text[start:cut])
        start = cut
        while start < n and text[start].isspace():
            start += 1
    if start < n:
        pieces.append(text[start:])
    return pieces


def split_long_blocks(blocks: list, max_chars: int) -> tuple[list, list[str]]:
    """Blocks with no text over max_chars (an over-long one becomes body paragraphs cut at
    sentence ends, each keeping its line range), and a warning per split block."""
    out, warnings = [], []
    for b in blocks:
        if len(b.text) <= max_chars:
            out.append(b)
            continue
        pieces = split_text(b.text, max_chars)
        warnings.append(
            f"lines {b.line_start}-{b.line_end}: a paragraph of {len(b.text):,} characters split into "
            f"{len(pieces):,} of at most {max_chars:,} (archive index --max-paragraph-chars)"
        )
        out += [replace(b, text=t, kind="body" if b.kind == "heading" else b.kind) for t in pieces]
    return out, warnings
