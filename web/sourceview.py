"""The source view: the file as indexed, the paragraph's lines marked, the hit's characters
highlighted, and the file named by its path inside the collection (never the server's own
folders)."""

from __future__ import annotations

import os
from typing import Any

from markupsafe import Markup

from archive.textnorm import display_spans

from . import render


def relative_path(path: str | None, all_paths: list[str]) -> str:
    """A document's path as a reader should see it: relative paths as they are; an absolute
    one relative to the folder all indexed absolute paths share (the collection's root),
    else its file name."""
    if not path:
        return ""
    if not os.path.isabs(path):
        return path
    absolute = [p for p in all_paths if p and os.path.isabs(p)]
    try:
        root = os.path.commonpath(absolute) if len(absolute) > 1 else os.path.dirname(path)
    except ValueError:
        root = os.path.dirname(path)
    if root == path:
        root = os.path.dirname(path)
    rel = os.path.relpath(path, root) if root else os.path.basename(path)
    return os.path.basename(path) if rel.startswith("..") else rel


def collection_paths(archive: Any) -> list[str]:
    return [d.get("path") or "" for d in archive.stats().get("docs", [])]


def rows(lines: list[str], mark: tuple[int, int], terms: list[str]) -> list[dict[str, Any]]:
    """One row per line: number, HTML (the query's terms marked inside the marked lines, also
    where a term runs across a line break of the source) and whether it is marked."""
    lo, hi = mark
    spans_of: dict[int, list[list[int]]] = {}
    if terms and lo >= 1 and hi >= lo:
        block = lines[lo - 1 : hi]
        joined, owner = "", []
        for k, line in enumerate(block):
            joined += line
            owner += [(lo + k, c) for c in range(len(line))]
        for s, e in display_spans(joined, terms):
            # split a span at line ends
            cur = None
            for i in range(s, e):
                ln, c = owner[i]
                if cur and cur[0] == ln and cur[2] == c:
                    cur[2] = c + 1
                else:
                    if cur:
                        spans_of.setdefault(cur[0], []).append([cur[1], cur[2]])
                    cur = [ln, c, c + 1]
            if cur:
                spans_of.setdefault(cur[0], []).append([cur[1], cur[2]])
    out = []
    for no, line in enumerate(lines, 1):
        spans = sorted(spans_of.get(no, []))
        html: Markup = render.highlight(line, spans) if spans else Markup.escape(line)
        out.append({"no": no, "html": html, "marked": lo <= no <= hi})
    return out
