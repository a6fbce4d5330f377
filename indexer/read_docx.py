"""Word (.docx) files: one line per paragraph, one per table row (cells joined by " | "),
blank lines between.

python-docx opens the package; when it refuses one that Word and WPS open (a relationship
to a part that is missing, a broken content type), the text is read from word/document.xml
directly, since the words live there whatever else the package lacks.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .source import Line, ReadError, SourceText

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CELL_SEP = " | "
# paragraph styles that mark headings: Word's built-in Heading 1-9 and Title, WPS's 标题 1…
_HEADING_STYLE = re.compile(r"^(?:heading\s*\d|title|标题\s*\d?)$", re.I)


def read_docx(path: Path) -> SourceText:
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover
        raise ReadError("python-docx is not installed") from None
    title = None
    try:
        document = docx.Document(str(path))
        body = document.element.body
        title = document.core_properties.title
        styles = {s.style_id: s.name for s in document.styles}
    except Exception as exc:  # KeyError for a missing part, BadZipFile, ValueError …
        body, title, styles = _from_package(path, exc)
    texts = body_lines(body, styles)
    lines: list[Line] = []
    for t, role in texts:
        if not t.strip():
            continue
        lines.append(Line(len(lines) + 1, t, role))
        lines.append(Line(len(lines) + 1, ""))
    if not lines:
        raise ReadError("Word file without text")
    meta = {"title": title.strip()} if title and title.strip() else {}
    return SourceText(path, "\n".join(l.text for l in lines), lines, "docx", meta)


def _from_package(path: Path, why: Exception):
    """(body element, title, style names) read straight from the zip package."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                raise ReadError(
                    "not a Word .docx package (no word/document.xml): "
                    "an old .doc or another file renamed; save it as .docx in Word or WPS"
                )
            root = etree.fromstring(z.read("word/document.xml"), parser)
            title = None
            if "docProps/core.xml" in names:
                core = etree.fromstring(z.read("docProps/core.xml"), parser)
                title = next((e.text for e in core.iter() if e.tag.endswith("}title")), None)
            styles: dict[str, str] = {}
            if "word/styles.xml" in names:
                for st in etree.fromstring(z.read("word/styles.xml"), parser).iter(_W + "style"):
                    name = st.find(_W + "name")
                    if name is not None:
                        styles[st.get(_W + "styleId") or ""] = name.get(_W + "val") or ""
    except zipfile.BadZipFile:
        raise ReadError(
            "not a Word .docx file (not a zip package): an old .doc, or the file is "
            "cut short; save it as .docx in Word or WPS"
        ) from None
    except etree.XMLSyntaxError as exc:
        raise ReadError(
            f"Word file with broken XML in word/document.xml ({exc.msg}); python-docx said {type(why).__name__}: {why}"
        ) from None
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from None
    body = root.find(_W + "body")
    if body is None:
        raise ReadError("Word file without a document body")
    return body, title, styles


def _text(el) -> str:
    """The words under an element; tabs as spaces, breaks as line ends."""
    out: list[str] = []
    for node in el.iter():
        tag = node.tag.rsplit("}", 1)[-1] if isinstance(node.tag, str) else ""
        if tag == "t":
            out.append(node.text or "")
        elif tag == "tab":
            out.append(" ")
        elif tag in ("br", "cr"):
            out.append(" ")
    return "".join(out)


def _is_heading(p, styles: dict[str, str]) -> bool:
    ppr = p.find(_W + "pPr")
    if ppr is None:
        return False
    style = ppr.find(_W + "pStyle")
    if style is not None:
        sid = style.get(_W + "val") or ""
        if _HEADING_STYLE.match(styles.get(sid, sid).strip()):
            return True
    return ppr.find(_W + "outlineLvl") is not None


def body_lines(body, styles: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(text, role) for every paragraph and table row of a document body, in order."""
    styles = styles or {}
    out: list[tuple[str, str]] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "p":
            out.append((_text(child), "heading" if _is_heading(child, styles) else ""))
        elif tag == "tbl":
            out.extend(table_lines(child, styles))
        elif tag == "sdt":  # a content control: its content is ordinary body
            content = child.find(_W + "sdtContent")
            if content is not None:
                out.extend(body_lines(content, styles))
    return out


def table_lines(tbl, styles: dict[str, str]) -> list[tuple[str, str]]:
    """One line per row, cells joined by CELL_SEP. A one-column table is a frame around
    text (a layout table), so its cells' paragraphs are read as paragraphs."""
    rows = tbl.findall(_W + "tr")
    if rows and all(len(r.findall(_W + "tc")) <= 1 for r in rows):
        out: list[tuple[str, str]] = []
        for r in rows:
            for tc in r.findall(_W + "tc"):
                out.extend(body_lines(tc, styles))
        return out
    lines = []
    for r in rows:
        cells = [re.sub(r"\s+", " ", _text(tc)).strip() for tc in r.findall(_W + "tc")]
        cells = [c for c in cells if c]
        if cells:
            lines.append((CELL_SEP.join(cells), "row"))
    return lines
