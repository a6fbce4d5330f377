"""Reading source files into numbered lines: text in any common Chinese encoding, and HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag

from .source import Line, ReadError, SourceText, decode_lossy

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".json", ".ndjson"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES | MARKDOWN_SUFFIXES | {".docx", ".pdf"}
# Scanned images are documents only with the OCR extra installed (indexer/ocr/); without it
# a folder's images are listed with the other unsupported files, with the install hint.
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}


def _ocr_installed() -> bool:
    from .ocr import missing

    return missing() is None


if _ocr_installed():
    SUPPORTED = SUPPORTED | IMAGE_SUFFIXES

# Elements whose text is never document text.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "form",
    "aside",
    "iframe",
    "button",
    "select",
    "textarea",
    "template",
    "svg",
)
_DROP_ATTR = re.compile(
    r"nav|menu|footer|breadcrumb|comment|share|sidebar|toolbar|pagination|copyright|login|search", re.I
)
_BR = "\u2029"  # a <br>: a line break inside a block
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "td",
    "th",
    "tr",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "body",
    "center",
    "font",
}


def is_collection_note(path: Path) -> bool:
    """A folder's README.md, MANIFEST.md, LICENSE.md …: about the collection, not in it
    (data/collection_notes.tsv)."""
    from archive.datafiles import patterns

    return any(rx.match(path.stem.lower()) for rx in patterns("collection_notes.tsv"))


def read_sources(path: Path, ocr: Any = None, shown: str = "") -> list[SourceText]:
    """Every document in a file: one for text, HTML, Word, PDF and images; one per row for
    CSV/JSONL. ``ocr`` is the build's indexer.ocr.cache.OcrStore (scans are read with it)."""
    suffix = path.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        from .ocr import INSTALL_HINT, missing

        if missing() or ocr is None:
            raise ReadError(
                f"scanned image: {INSTALL_HINT}" if missing() else "scanned image: OCR needs an archive home"
            )
        from .ocr.read import read_scanned

        return [read_scanned(path, ocr, shown)]
    if suffix not in SUPPORTED:
        raise ReadError(f"unsupported file type {suffix or '(none)'}")
    if suffix == ".docx":
        from .read_docx import read_docx

        return [read_docx(path)]
    if suffix == ".pdf":
        from .read_pdf import read_pdf

        return [read_pdf(path, ocr, shown)]
    if suffix in MARKDOWN_SUFFIXES:
        from .read_md import read_md

        return [read_md(path)]
    if suffix in TABLE_SUFFIXES:
        from .read_table import read_table

        return read_table(path)
    return [read_source(path)]


def read_source(path: Path) -> SourceText:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ReadError(f"unsupported file type {suffix or '(none)'}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError("binary file, not text")
    text, _, warnings = decode_lossy(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError("empty file")
    if suffix in HTML_SUFFIXES:
        lines, meta = html_lines(text)
        if not any(l.text.strip() for l in lines):
            raise ReadError("HTML page without text")
        return SourceText(path, text, lines, "html", meta, warnings=warnings)
    lines = [Line(i + 1, t) for i, t in enumerate(text.split("\n"))]
    return SourceText(path, text, lines, "text", warnings=warnings)


def html_lines(html: str) -> tuple[list[Line], dict[str, str]]:
    """Text blocks of an HTML page, one line each, numbered by the source line they start on."""
    soup = BeautifulSoup(html, "html.parser")
    meta: dict[str, str] = {}
    if soup.title and soup.title.get_text(strip=True):
        meta["title"] = page_title(
            soup.title.get_text(strip=True), [h.get_text(strip=True) for h in soup.find_all("h1")]
        )
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed if hasattr(tag, "decomposed") else False:
            continue
        attrs = " ".join([str(tag.get("id") or "")] + [str(c) for c in tag.get("class") or []])
        if attrs.strip() and _DROP_ATTR.search(attrs) and tag.name not in ("body", "html"):
            tag.decompose()
    for tag in soup.find_all(_hidden):
        if not getattr(tag, "decomposed", False):
            tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with(_BR)
    root = soup.body or soup
    out: list[Line] = []
    for block in _blocks(root):
        if block.tag not in _HEADINGS and link_dense(block.text, block.link_chars):
            continue  # (a headline that links to its own page stays)
        for k, piece in enumerate(block.text.split("\n")):
            role = ("heading" if block.tag in _HEADINGS else "start") if k == 0 else ""
            out.append(Line(block.line + k if k else block.line, piece, role))
        out.append(Line(block.line, ""))
    return out, meta


def page_title(title: str, h1s: list[str]) -> str:
    """The page's headline: the <h1> that the <title> opens with ("…推进会" in "…推进会-新沂市
    人民政府", "…的通知" in "…的通知_通知公告"), since <title> adds the site's or the column's
    name after it; else the <title> as written (an <h1> that is the site's logo is not in it)."""
    inside = [h for h in h1s if len(h) >= 4 and title.startswith(h)]
    return max(inside, key=len) if inside else title


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# A block whose text is mostly link text and makes no sentence is navigation (a menu, a
# list of other articles, 【打印本页】【关闭窗口】): at least this share of its characters.
LINK_DENSE = 0.6


def _hidden(tag: Tag) -> bool:
    """Elements a browser does not show (display:none, hidden, hidden inputs)."""
    return bool(
        tag.has_attr("hidden")
        or _HIDDEN_STYLE.search(str(tag.get("style") or ""))
        or (tag.name == "input" and str(tag.get("type") or "").lower() == "hidden")
    )


def link_dense(text: str, link_chars: int) -> bool:
    """Navigation by text density: mostly links, and no sentence end among them."""
    chars = len(re.sub(r"\s", "", text))
    return chars > 0 and link_chars >= LINK_DENSE * chars and not re.search(r"[。！？!?]", text)


@dataclass
class _Block:
    text: str
    line: int  # source line the block starts on
    tag: str  # the innermost block element it came from
    link_chars: int  # non-space characters inside <a> or an onclick control


def _blocks(root: Tag) -> list[_Block]:
    """Concatenate the text under each innermost block element, in document order."""
    blocks: list[_Block] = []
    current: list[str] = []
    state: dict[str, Any] = {"line": getattr(root, "sourceline", None) or 1, "links": 0, "tag": root.name or ""}

    def flush() -> None:
        text = "".join(current)
        if text.strip():
            blocks.append(_Block(text.strip("\n"), state["line"], state["tag"], state["links"]))
        current.clear()
        state["links"] = 0

    def walk(node: Tag, in_link: bool, block: str) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child).__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction"):
                    continue
                s = str(child)
                if not current and not s.strip():
                    continue
                if not current:
                    state["line"] = getattr(child.parent, "sourceline", None) or state["line"]
                    state["tag"] = block
                # source newlines are layout, not text; <br> is a real line break
                piece = re.sub(r"[ \t]*\n[ \t]*", "", s).replace(_BR, "\n")
                current.append(piece)
                if in_link:
                    state["links"] += len(re.sub(r"\s", "", piece))
            elif isinstance(child, Tag):
                if child.name in _BLOCK:
                    flush()
                    walk(child, in_link, child.name)
                    flush()
                else:
                    # links and clickable controls (onclick: 打印, 关闭) count as link text
                    walk(child, in_link or child.name == "a" or child.has_attr("onclick"), block)

    walk(root, False, root.name or "")
    flush()
    return blocks
