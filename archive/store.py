"""The index on disk: its schema, its layout in the archive home, and opening it (here only).

home/
  index/          the Whoosh index that is served, with exact.sqlite (archive/exact.py) in it
  sources/        a copy of each source file as decoded, for the source view
  manifest.json   what was indexed from where, with hashes and the analysis version
  similar.json    paragraphs that reuse text from other documents
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.columns import RefBytesColumn
from whoosh.filedb.filestore import FileStorage
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from .analysis import WordCounts, words, words_analyzer
from .exact import FILE_NAME as EXACT_FILE
from .exact import ExactIndex

INDEX_NAME = "paragraphs"
# Bump when the schema or the exact-match table changes: an index in another format is rebuilt.
FORMAT = "f4-period-evidence"


class IndexMissing(Exception):
    """No index has been built in this home yet."""


class FacetField(ID):
    """A stored value with a column and no postings: filters, facet counts and sorting all
    read the column (archive/columns.py), so writing postings for it would be wasted time.
    Its column is a table of distinct values plus one small reference per paragraph, which
    is read as one array (Whoosh's default variable-length column is read value by value)."""
    indexed = False


class ColumnNumber(NUMERIC):
    """A number kept as a column (and stored if asked), not indexed, for the same reason."""
    indexed = False


def _words_field() -> TEXT:
    field = TEXT(analyzer=words_analyzer(), phrase=False)
    field.format = WordCounts(field_boost=1.0)
    return field


def schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        key=ColumnNumber(numtype=int, bits=64, signed=False, sortable=True),   # its row in the exact index
        doc_id=ID(stored=True, sortable=RefBytesColumn()),
        n=NUMERIC(stored=True, sortable=True),
        kind=FacetField(stored=True, sortable=RefBytesColumn()),
        text=STORED(),
        words=_words_field(),
        heading=STORED(),
        township=FacetField(stored=True, sortable=RefBytesColumn()),
        county=FacetField(stored=True, sortable=RefBytesColumn()),
        city=FacetField(stored=True, sortable=RefBytesColumn()),
        province=FacetField(stored=True, sortable=RefBytesColumn()),
        level=FacetField(stored=True, sortable=RefBytesColumn()),
        year=ColumnNumber(stored=True, sortable=True),
        period=ColumnNumber(stored=True, sortable=True),
        date=FacetField(stored=True, sortable=RefBytesColumn()),
        speaker=FacetField(stored=True, sortable=RefBytesColumn()),
        speaker_title=STORED(),
        doc_type=FacetField(stored=True, sortable=RefBytesColumn()),
        title=STORED(),
        publisher=STORED(),
        source_path=STORED(),
        line_start=STORED(),
        line_end=STORED(),
        evidence=STORED(),
    )


# Facet fields hold this for "none" (a county-wide paragraph has no township).
NONE = "∅"


def index_dir(home: Path) -> Path:
    return home / "index"


def sources_dir(home: Path) -> Path:
    return home / "sources"


def similar_path(home: Path) -> Path:
    return home / "similar.json"


def manifest_path(home: Path) -> Path:
    return home / "manifest.json"


def exists(home: Path) -> bool:
    """A complete index this version can read (an older version's index is not one: its
    schema names analyzers that are gone, and it has no exact-match file)."""
    d = index_dir(home)
    try:
        return d.is_dir() and windex.exists_in(str(d), indexname=INDEX_NAME) and (d / EXACT_FILE).is_file()
    except Exception:
        return False


def open_index(home: Path, mmap: bool = True) -> windex.Index:
    """The served index of this home. Everything that reads the index comes through here.

    ``mmap=False`` for one pass over everything (the build's reuse step): mapped pages of a
    multi-gigabyte index count as the process's memory until the system reclaims them."""
    if not exists(home):
        raise IndexMissing(f"no index in {home}: run 'archive index' first")
    return FileStorage(str(index_dir(home)), supports_mmap=mmap).open_index(INDEX_NAME)


def open_exact(home: Path) -> ExactIndex:
    """The exact-match index that goes with the served Whoosh index."""
    return ExactIndex(index_dir(home) / EXACT_FILE)


def read_manifest(home: Path) -> dict[str, Any]:
    p = manifest_path(home)
    if not p.exists():
        return {"documents": {}}
    return json.loads(p.read_text(encoding="utf-8"))


def write_json_atomic(path: Path, data: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def to_fields(p: dict[str, Any], key: int, norm: str | None = None) -> dict[str, Any]:
    """A paragraph dict as index fields; ``key`` is its row in the exact index, ``norm`` its
    normalised text if already known."""
    def facet(v: Any) -> str:
        return NONE if v in (None, "") else str(v)
    return dict(
        id=p["id"], key=key, doc_id=p["doc_id"], n=p["n"], kind=p["kind"], text=p["text"],
        words=words(p["text"], norm), heading=p["heading"],
        township=facet(p["township"]), county=facet(p["county"]), city=facet(p["city"]),
        province=facet(p["province"]), level=facet(p["level"]), year=p["year"] if p["year"] is not None else 0,
        period=p["period"] if p.get("period") is not None else 0,
        date=facet(p["date"]), speaker=facet(p["speaker"]), speaker_title=p["speaker_title"],
        doc_type=facet(p["doc_type"]), title=p["title"], publisher=p["publisher"],
        source_path=p["source_path"], line_start=p["source_lines"][0], line_end=p["source_lines"][1],
        evidence=p.get("evidence") or {},
    )


def from_fields(f: dict[str, Any]) -> dict[str, Any]:
    """Stored fields back to the paragraph dict (the public shape)."""
    from .model import PARAGRAPH_FIELDS

    def val(k: str) -> Any:
        v = f.get(k)
        return None if v in (NONE, None, "") else v
    d = {k: val(k) for k in PARAGRAPH_FIELDS if k not in ("source_lines",)}
    d["year"] = f.get("year") or None
    d["period"] = f.get("period") or None
    d["evidence"] = f.get("evidence") or {}
    d["source_lines"] = [f.get("line_start"), f.get("line_end")]
    return {k: d[k] for k in PARAGRAPH_FIELDS}
