"""CSV and JSONL collections: one document per row.

Which column holds the text and which hold metadata is declared in a collection.toml
beside the files; without one, well-known column names are tried, and the text column
is the one with the longest values.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.datafiles import rows

from .source import Line, ReadError, SourceText, decode_lossy

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MANIFEST_NAME = "collection.toml"


def known_columns() -> dict[str, list[str]]:
    """Field -> column names tried when collection.toml does not say (data/collection_columns.tsv)."""
    return {r[0]: r[1:] for r in rows("collection_columns.tsv")}


@dataclass
class ColumnMapping:
    mapping: dict[str, str]  # metadata key -> column name


def load_manifest(directory: Path) -> dict[str, Any]:
    p = directory / MANIFEST_NAME
    if not p.exists():
        return {}
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ReadError(f"{p.name} unreadable: {exc}") from None


def detect_columns(rows: list[dict[str, Any]], declared: dict[str, str] | None = None) -> ColumnMapping:
    columns = list(rows[0].keys()) if rows else []
    lower = {c.lower().strip(): c for c in columns}
    mapping: dict[str, str] = {}
    for key, names in known_columns().items():
        for n in names:
            if n in lower:
                mapping[key] = lower[n]
                break
    if "text" not in mapping and columns:

        def avg_len(c: str) -> float:
            return sum(len(str(r.get(c) or "")) for r in rows) / max(1, len(rows))

        mapping["text"] = max(columns, key=avg_len)
    for key, col in (declared or {}).items():
        if col not in columns:
            raise ReadError(f"{MANIFEST_NAME} names column {col!r} for {key}, but the file has {', '.join(columns)}")
        mapping[key] = col
    return ColumnMapping(mapping)


Row = tuple[int, int, dict[str, Any]]  # (ordinal in the file, line the row starts on, fields)


def _rows_csv(path: Path, warnings: list[str]) -> list[Row]:
    """Rows of a CSV file. A row that cannot be parsed (a quote that never closes, a stray
    quote) is skipped with its line number and reading goes on at the next line; a row
    with more or fewer fields than the header is kept and reported."""
    text, _, bad = decode_lossy(path.read_bytes())
    warnings += bad
    lines = [line + "\n" for line in text.split("\n")]  # only \n ends a line (not U+2028)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    header: list[str] | None = None
    out: list[Row] = []
    ordinal, pos = 0, 0  # pos: lines consumed so far
    while pos < len(lines):
        reader = csv.reader(iter(lines[pos:]), delimiter=delimiter, strict=True)
        base, done = pos, reader.line_num
        try:
            for fields in reader:
                start, done = base + done + 1, reader.line_num
                pos = base + done
                if header is None:
                    header = fields
                    continue
                if not any(f.strip() for f in fields):
                    continue
                ordinal += 1
                if len(fields) != len(header):
                    what = (
                        "missing columns left empty"
                        if len(fields) < len(header)
                        else f"{len(fields) - len(header)} extra field(s) dropped"
                    )
                    warnings.append(f"line {start}: {len(fields)} fields where the header has {len(header)} ({what})")
                out.append((ordinal, start, dict(zip(header, fields))))
            pos = len(lines)
        except csv.Error as exc:
            start = base + done + 1
            if header is None:
                raise ReadError(f"broken CSV header on line {start}: {exc}") from None
            ordinal += 1
            if "unexpected end of data" in str(exc) or reader.line_num + base >= len(lines):
                warnings.append(f"line {start}: a quote opened in this row is never closed; row skipped")
            else:
                warnings.append(f"line {start}: broken CSV row ({exc}); row skipped")
            pos = start  # go on with the line after the row's first line
    return out


def _rows_jsonl(path: Path, warnings: list[str]) -> list[Row]:
    """Rows of a JSONL file (or a .json array). A line that is not a JSON object is skipped
    with its line number; the other rows are read."""
    text, _, bad = decode_lossy(path.read_bytes())
    warnings += bad
    stripped = text.strip()
    if path.suffix.lower() == ".json" and stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ReadError(f"broken JSON: {exc.msg} at line {exc.lineno}") from None
        out = []
        for i, r in enumerate((r for r in data if isinstance(r, dict)), start=1):
            r, fixed = _no_surrogates(r)
            if fixed:
                warnings.append(f"row {i}: {fixed} lone surrogate escape(s) replaced by U+FFFD")
            out.append((i, 1, r))
        return out
    rows: list[Row] = []
    ordinal = 0
    for i, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        ordinal += 1
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            warnings.append(f"line {i}: broken JSON at column {exc.colno} ({exc.msg}); row skipped")
            continue
        if isinstance(obj, dict):
            obj, fixed = _no_surrogates(obj)
            if fixed:
                warnings.append(
                    f"line {i}: {fixed} lone surrogate escape{'s' if fixed != 1 else ''} (\\ud800-\\udfff, "
                    "half of a character) replaced by U+FFFD"
                )
            rows.append((ordinal, i, obj))
        else:
            warnings.append(f"line {i}: a JSON {type(obj).__name__}, not an object; row skipped")
    return rows


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(row: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """JSON may escape half a character ("\\ud800"), which no UTF-8 file, index or page can
    hold: each becomes U+FFFD. (row with strings fixed, how many were replaced)"""
    fixed = 0

    def clean(v: Any) -> Any:
        nonlocal fixed
        if isinstance(v, str):
            v, n = _SURROGATE.subn("\ufffd", v)
            fixed += n
        return v

    return {clean(k): clean(v) for k, v in row.items()}, fixed


def read_table(path: Path) -> list[SourceText]:
    fmt = "csv" if path.suffix.lower() in (".csv", ".tsv") else "jsonl"
    warnings: list[str] = []
    table = _rows_csv(path, warnings) if fmt == "csv" else _rows_jsonl(path, warnings)
    if not table:
        raise ReadError(f"{fmt.upper()} file without readable rows" + (f" ({warnings[0]})" if warnings else ""))
    rows = [r for _, _, r in table]
    manifest = load_manifest(path.parent)
    declared = manifest.get(fmt) or manifest.get("columns") or {}
    cols = detect_columns(rows, {k: v for k, v in declared.items() if isinstance(v, str)})
    out: list[SourceText] = []
    for n, _line, row in table:
        text = str(row.get(cols.mapping["text"]) or "").replace("\r\n", "\n").replace("\r", "\n")
        meta = {}
        for key, col in cols.mapping.items():
            v = row.get(col)
            if key != "text" and v not in (None, ""):
                meta[key] = str(v).strip()
        lines = [Line(i + 1, t) for i, t in enumerate(text.split("\n"))]
        out.append(SourceText(path, text, lines, fmt, meta, part=n))
    out[0].warnings = warnings
    return out
