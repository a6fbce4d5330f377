"""Markdown files: front matter becomes metadata, '#' lines headings, markup is dropped.

Only the markup that changes the words a reader sees is handled (headings, emphasis,
links, images, block quotes, list bullets, rules, tables row by row); the text keeps its line numbers so the
source view still points at the right lines.
"""

from __future__ import annotations

import re
from pathlib import Path

from .source import Line, ReadError, SourceText, decode_lossy

_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(
    r"(\*\*|\*|~~|`)(?=\S)(.+?)(?<=\S)\1"
    r"|(?<![A-Za-z0-9])(__|_)(?=\S)(.+?)(?<=\S)\3(?![A-Za-z0-9])"
)  # no '_' inside words


def front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """`key: value` pairs between a first line '---' and the next '---', and the number of
    lines they take (0 without front matter). Values lose their quotes; lists are skipped."""
    if not lines or not _FENCE.match(lines[0]):
        return {}, 0
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:], start=1):
        if _FENCE.match(line):
            return meta, i + 1
        m = re.match(r"^([^\s:#][^:]*?)\s*[:：]\s*(.*?)\s*$", line)
        if m and m.group(2) and not m.group(2).startswith(("[", "{", "|", ">")):
            meta[m.group(1).strip().lower()] = m.group(2).strip().strip("'\"")
    return {}, 0  # no closing fence: not front matter


def strip_inline(text: str) -> str:
    """Words without markup: '**重点**[链接](u)' -> '重点链接'; images go."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    prev = None
    while prev != text:
        prev, text = text, _EMPHASIS.sub(lambda m: m.group(2) or m.group(4), text)
    return text


def markdown_lines(text: str) -> tuple[list[Line], dict[str, str]]:
    raw = text.split("\n")
    meta, skip = front_matter(raw)
    out: list[Line] = []
    fenced = False
    for i, line in enumerate(raw):
        no = i + 1
        if i < skip:
            continue
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            out.append(Line(no, ""))
            continue
        if fenced:
            out.append(Line(no, line))
            continue
        m = _HEADING.match(line)
        if m:
            out.append(Line(no, strip_inline(m.group(1)), role="heading"))
            continue
        if _RULE.match(line) or _TABLE_RULE.match(line):
            out.append(Line(no, ""))
            continue
        if _TABLE_ROW.match(line):
            # a table row: one paragraph, cells joined as in Word tables
            cells = [strip_inline(c).strip() for c in line.strip().strip("|").split("|")]
            out.append(Line(no, " | ".join(c for c in cells if c), role="row"))
            continue
        line = _QUOTE.sub("", line)
        line = _BULLET.sub(r"\1", line)
        out.append(Line(no, strip_inline(line)))
    return out, meta


def read_md(path: Path) -> SourceText:
    from .read_table import known_columns

    try:
        text, _, warnings = decode_lossy(path.read_bytes())
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines, raw_meta = markdown_lines(text)
    if not any(l.text.strip() for l in lines):
        raise ReadError("Markdown file without text")
    # front-matter keys are read like a collection's columns (title/标题, date/日期, author/作者 …)
    meta: dict[str, str] = {}
    for field, names in known_columns().items():
        for n in names:
            if n in raw_meta and field != "text":
                meta[field] = raw_meta[n]
                break
    return SourceText(path, text, lines, "markdown", meta, warnings=warnings)
