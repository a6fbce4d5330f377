"""Removing web and print boilerplate while keeping the metadata it carries."""
from __future__ import annotations

import re
from functools import lru_cache

from archive.datafiles import rows

from .read import Line


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((action, re.compile(rx)) for action, rx in rows("boilerplate.tsv"))


def strip_boilerplate(lines: list[Line]) -> tuple[list[Line], dict[str, str], int]:
    """Lines without boilerplate, the metadata found in it, and how many lines were removed.

    A removed line becomes empty (so a paragraph cannot run across it) but keeps its number.
    """
    meta: dict[str, str] = {}
    out: list[Line] = []
    removed = 0
    rules = _rules()
    inline = [rx for act, rx in rules if act == "inline"]
    for i, line in enumerate(lines):
        for rx in inline:
            if rx.search(line.text):
                line = Line(line.no, rx.sub("", line.text))
        text = line.text.strip()
        action = None
        for act, rx in rules:
            if act == "inline":
                continue
            m = rx.search(text) if text else None
            if not m:
                continue
            if act == "meta":
                for k, v in m.groupdict().items():
                    if v and k not in meta:
                        meta[k] = v
                # a metadata line may carry several fields: read them all before dropping it
                action = action or "meta"
                continue
            action = act
            break
        if action == "tail":
            removed += sum(1 for l in lines[i:] if l.text.strip())
            break
        if action in ("line", "meta"):
            removed += 1
            out.append(Line(line.no, ""))
            continue
        out.append(line)
    return out, meta, removed
