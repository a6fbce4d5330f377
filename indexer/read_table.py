"""CSV and JSONL collections: one document per row.

Which column holds the text and which hold metadata is declared in a collection.toml
beside the files; without one, well-known column names are tried, and the text column
is the one with the longest values.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.datafiles import rows

from .read import Line, ReadError, SourceText, decode

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MANIFEST_NAME = "collection.toml"


def known_columns() -> dict[str, list[str]]:
    """Field -> column names tried when collection.toml does not say (data/collection_columns.tsv)."""
    return {r[0]: r[1:] for r in rows("collection_columns.tsv")}


@dataclass
class Columns:
    mapping: dict[str, str]        # metadata key -> column name


def load_manifest(directory: Path) -> dict[str, Any]:
    p = directory / MANIFEST_NAME
    if not p.exists():
        return {}
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ReadError(f"{p.name} unreadable: {exc}") from None


def detect_columns(rows: list[dict[str, Any]], declared: dict[str, str] | None = None) -> Columns:
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
    return Columns(mapping)


def _rows_csv(path: Path) -> list[dict[str, Any]]:
    text, _ = decode(path.read_bytes())
    try:
        return list(csv.DictReader(io.StringIO(text)))
    except csv.Error as exc:
        raise ReadError(f"broken CSV: {exc}") from None


def _rows_jsonl(path: Path) -> list[dict[str, Any]]:
    text, _ = decode(path.read_bytes())
    rows = []
    stripped = text.strip()
    if path.suffix.lower() == ".json" and stripped.startswith("["):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ReadError(f"broken JSON: {exc.msg} at line {exc.lineno}") from None
        return [r for r in data if isinstance(r, dict)]
    for i, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReadError(f"broken JSON on line {i}: {exc.msg}") from None
        if isinstance(obj, dict):
            rows.append(obj)
    return rows


def read_table(path: Path) -> list[SourceText]:
    fmt = "csv" if path.suffix.lower() in (".csv", ".tsv") else "jsonl"
    rows = _rows_csv(path) if fmt == "csv" else _rows_jsonl(path)
    if not rows:
        raise ReadError(f"{fmt.upper()} file without rows")
    manifest = load_manifest(path.parent)
    declared = (manifest.get(fmt) or manifest.get("columns") or {})
    cols = detect_columns(rows, {k: v for k, v in declared.items() if isinstance(v, str)})
    out: list[SourceText] = []
    for n, row in enumerate(rows, start=1):
        text = str(row.get(cols.mapping["text"]) or "").replace("\r\n", "\n").replace("\r", "\n")
        meta = {}
        for key, col in cols.mapping.items():
            v = row.get(col)
            if key != "text" and v not in (None, ""):
                meta[key] = str(v).strip()
        lines = [Line(i + 1, t) for i, t in enumerate(text.split("\n"))]
        out.append(SourceText(path, text, lines, "utf-8", fmt, meta, part=n))
    return out
