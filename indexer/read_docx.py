"""Word (.docx) files: one line per paragraph (tables row by row), blank lines between."""
from __future__ import annotations

from pathlib import Path

from .read import Line, ReadError, SourceText


def read_docx(path: Path) -> SourceText:
    try:
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError:  # pragma: no cover
        raise ReadError("python-docx is not installed") from None
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ReadError(f"not a readable Word file ({type(exc).__name__})") from None
    except Exception as exc:  # zipfile.BadZipFile and friends
        raise ReadError(f"not a readable Word file ({type(exc).__name__})") from None
    texts: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            t = "".join(node.text or "" for node in child.iter() if node.tag.endswith("}t"))
            texts.append(t)
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iter():
                        if cell.tag.endswith("}tc"):
                            cells.append("".join(n.text or "" for n in cell.iter() if n.tag.endswith("}t")))
                    texts.append(" ".join(c for c in cells if c.strip()))
    lines: list[Line] = []
    for t in texts:
        if not t.strip():
            continue
        lines.append(Line(len(lines) + 1, t))
        lines.append(Line(len(lines) + 1, ""))
    if not lines:
        raise ReadError("Word file without text")
    meta = {}
    props = document.core_properties
    if props.title and props.title.strip():
        meta["title"] = props.title.strip()
    return SourceText(path, "\n".join(l.text for l in lines), lines, "docx", "docx", meta)
