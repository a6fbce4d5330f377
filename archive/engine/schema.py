"""The index schema in Whoosh's terms, made from the field declaration (archive/fields.py),
and creating and opening an index on disk. Field types that are Whoosh's own with one change
(no postings for a value read only as a column; counted words fed in already cut) are here,
so no other module builds or patches a Whoosh field."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.columns import RefBytesColumn
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Frequency
from whoosh.system import pack_uint

from ..fields import FIELDS, Field
from .check import check_engine


class WordCounts(Frequency):
    """Whoosh's frequency format, fed a list of words already cut (see words()): counting
    them in one Counter skips building a Token per word, half the cost of adding a
    paragraph. A string still goes through the field's analyzer, as in Whoosh."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(value, list):
            return super().word_values(value, analyzer, **kwargs)
        fb = self.field_boost
        return ((w, n, n * fb, pack_uint(n)) for w, n in Counter(value).items())


class FacetField(ID):
    """A stored value with a column and no postings: filters, facet counts and sorting all
    read the column (archive/columns.py), so writing postings for it would be wasted time.
    Its column is a table of distinct values plus one small reference per paragraph, which
    is read as one array (Whoosh's default variable-length column is read value by value)."""

    indexed = False


class ColumnNumber(NUMERIC):
    """A number kept as a column (and stored if asked), not indexed, for the same reason."""

    indexed = False


def _words_field(analyzer: Any) -> TEXT:
    field = TEXT(analyzer=analyzer, phrase=False)
    field.format = WordCounts(field_boost=1.0)
    return field


def _index_fields(f: Field, analyzer: Any) -> dict[str, Any]:
    """The Whoosh field(s) for one declared paragraph field, by its column kind."""
    kind = f.column
    if kind == "key":
        return {f.name: ID(stored=True, unique=True)}
    if kind == "keyword":
        return {f.name: ID(stored=True, sortable=RefBytesColumn())}
    if kind == "ordinal":
        return {f.name: NUMERIC(stored=True, sortable=True)}
    if kind == "coded":
        return {f.name: FacetField(stored=True, sortable=RefBytesColumn())}
    if kind == "number":
        return {f.name: ColumnNumber(stored=True, sortable=True)}
    if kind == "text":
        return {f.name: STORED(), "words": _words_field(analyzer)}  # ranked words of the text
    if kind == "lines":
        return {"line_start": STORED(), "line_end": STORED()}
    if kind == "stored":
        return {f.name: STORED()}
    raise ValueError(f"field {f.name}: unknown column kind {kind!r}")


def schema(analyzer: Any) -> Schema:
    """Every declared paragraph field (archive/fields.py), plus the row in the exact index;
    ``analyzer`` cuts the text into the ranked words (archive/analysis.py)."""
    out: dict[str, Any] = {"key": ColumnNumber(numtype=int, bits=64, signed=False, sortable=True)}
    for f in FIELDS:
        out.update(_index_fields(f, analyzer))
    return Schema(**out)


def create_index(folder: Path, name: str, schema: Schema) -> Any:
    """A new, empty index in ``folder``."""
    check_engine()
    return windex.create_in(str(folder), schema, indexname=name)


def index_exists(folder: Path, name: str) -> bool:
    return windex.exists_in(str(folder), indexname=name)


def open_index(folder: Path, name: str, *, mmap: bool = True) -> Any:
    """The index in ``folder``; ``mmap=False`` reads files instead of mapping them."""
    check_engine()
    return FileStorage(str(folder), supports_mmap=mmap).open_index(name)
