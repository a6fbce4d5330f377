"""The paragraph vocabulary, declared once: every field of a paragraph with its labels, query
prefix, whether it is a facet, how it nests, and what kind of column it is in the index.

The declaration is the Paragraph record itself: each attribute carries its Field, and FIELDS is
read from the class. Query parsing, CLI options, web parameters, facet columns, the facet panel,
the document list, the interface labels, exports and the index schema all read FIELDS, so adding
a facet is one line in Paragraph (and the tagger that fills it): docs/adding-a-field.md.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Field:
    name: str  # the paragraph's key (JSON, CSV column, index field)
    zh: str  # interface label
    en: str
    prefixes: tuple[str, ...] = ()  # query prefixes (type:任务书); the first is also the URL arg and CLI option
    facet: bool = False  # counted in the facet panel (and filterable)
    filter: bool = False  # a filter argument (URL, CLI option) without being a facet
    parent: str | None = None  # a place facet is counted with the place it lies in
    # How the index keeps it: "key" (the unique id), "keyword" (indexed term and coded column),
    # "coded" (a column of values by paragraph, for filters, facets and sorts), "number" (a
    # numeric column), "ordinal" (indexed number with a column), "text" (stored; its words
    # are indexed apart), "stored" (read back only), "lines" (stored as first and last line).
    column: str = "stored"
    sortable: bool = False  # a sort order reads it (see SORTS)
    # a document's own value (its first paragraph's): the document list (archive/browse.py,
    # /browse) filters and counts documents by it
    browse: bool = False

    @property
    def arg(self) -> str:
        """URL argument and CLI option name (type for doc_type)."""
        return self.prefixes[0] if self.prefixes else self.name


_REQUIRED: Any = dataclasses.MISSING


def declare(
    zh: str, en: str, prefixes: tuple[str, ...] = (), *, default: Any = None, factory: Any = None, **kw: Any
) -> Any:
    """One attribute of Paragraph and its Field (labels, prefixes, facet, column …) at once."""
    meta = {"field": {"zh": zh, "en": en, "prefixes": prefixes, **kw}}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


@dataclass
class Paragraph:
    """The paragraph record: the one shape shared by the index, the CLI, the API and the pages.
    Each attribute is also the declaration of its field (FIELDS below is read from this class),
    so a new field is one line here and the tagger that fills it."""

    id: str = declare("编号", "ID", column="key", default=_REQUIRED)
    doc_id: str = declare("文档编号", "Document ID", ("doc",), column="keyword", sortable=True, default=_REQUIRED)
    n: int = declare("段落序号", "Paragraph number", column="ordinal", sortable=True, default=_REQUIRED)
    kind: str = declare("段落类别", "Paragraph kind", ("kind",), column="coded", default=_REQUIRED)
    text: str = declare("正文", "Text", column="text", default=_REQUIRED)
    heading: str | None = declare("所在章节", "Section")
    township: str | None = declare(
        "乡镇街道", "Township", ("township",), facet=True, parent="county", column="coded", sortable=True, browse=True
    )
    county: str | None = declare(
        "县市区", "County", ("county",), facet=True, parent="city", column="coded", sortable=True, browse=True
    )
    city: str | None = declare(
        "城市", "City", ("city",), facet=True, parent="province", column="coded", sortable=True, browse=True
    )
    province: str | None = declare(
        "省份", "Province", ("province",), facet=True, column="coded", sortable=True, browse=True
    )
    level: str | None = declare("层级", "Level", ("level",), facet=True, column="coded", browse=True)
    # the year the document was issued (same for all its paragraphs)
    year: int | None = declare("年份", "Year", ("year",), facet=True, column="number", sortable=True, browse=True)
    # the year this paragraph's section speaks about: a filter (the batch table's period cells link to it)
    period: int | None = declare("所述年份", "Year spoken about", ("period",), filter=True, column="number")
    date: str | None = declare("日期", "Date", column="coded", sortable=True)
    speaker: str | None = declare("发言人", "Speaker", ("speaker",), facet=True, column="coded")
    speaker_title: str | None = declare("职务", "Speaker's title")
    doc_type: str | None = declare(
        "文本类型", "Document type", ("type", "doc_type"), facet=True, column="coded", browse=True
    )
    title: str | None = declare("标题", "Title")
    publisher: str | None = declare("发布者", "Publisher")
    source_path: str | None = declare("原始文件", "Source file")
    source_lines: list[int] = declare("行号", "Lines", column="lines", factory=list)
    evidence: dict[str, str] = declare("标注依据", "Why these tags?", factory=dict)  # tag -> where it came from
    # a scanned page's paragraph: {"page", "boxes": [[page, x0, y0, x1, y1], ...], "confidence",
    # "low_chars"} (indexer/ocr/evidence.py); None for text sources
    ocr: dict[str, Any] | None = declare("扫描页证据", "Scan evidence")

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        return {k: d[k] for k in PARAGRAPH_FIELDS}


FIELDS: tuple[Field, ...] = tuple(Field(a.name, **a.metadata["field"]) for a in dataclasses.fields(Paragraph))

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
# Field order of every paragraph object (JSON, JSONL, CSV columns).
PARAGRAPH_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS)
FACET_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.facet)
FACETS: tuple[str, ...] = tuple(f.name for f in FACET_FIELDS)
# Place facets nest: each value is counted with the place it lies in.
PARENT: dict[str, str] = {f.name: f.parent for f in FIELDS if f.parent}
# query prefix -> field (facets, and doc:/kind: which filter without a facet)
FILTER_FIELDS: dict[str, str] = {p: f.name for f in FIELDS for p in f.prefixes}
# URL argument / CLI option -> field: the facets and the other filters
FILTER_ARGS: dict[str, str] = {f.arg: f.name for f in FIELDS if f.facet or f.filter}
# Filters on number fields take a year or a range of years (year:2022-2024, period:2025); they
# are also the time axes of trends and of the batch table (year of issue, year spoken about).
YEAR_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.column == "number" and f.prefixes)


def _read_as_column(f: Field) -> bool:
    """Filters, facets and sorts work on arrays by docnum (archive/columns.py)."""
    return f.facet or f.sortable or bool(f.prefixes)


# Columns read into arrays: coded values and numbers ("key" is the row in the exact table).
CODED: tuple[str, ...] = tuple(f.name for f in FIELDS if f.column in ("coded", "keyword") and _read_as_column(f))
# (every number: a number column is 8 bytes a paragraph, and the trends read period too)
NUMERIC: tuple[str, ...] = (*(f.name for f in FIELDS if f.column in ("number", "ordinal")), "key")


def place_facets_top_down() -> list[tuple[str, str | None]]:
    """(facet, parent) for the nested place facets, outermost first: province, city, county,
    township (the order the facet panel lists them in)."""
    depth = {}
    for f in FACET_FIELDS:
        if f.parent or f.name in PARENT.values():
            d, p = 0, f.parent
            while p:
                d, p = d + 1, PARENT.get(p)
            depth[f.name] = d
    return [(name, PARENT.get(name)) for name in sorted(depth, key=depth.__getitem__)]


# The place facets, outermost first: the levels of trends' diffusion and of the batch table.
PLACE_FIELDS: tuple[str, ...] = tuple(name for name, _ in place_facets_top_down())
# Document fields the document list filters and counts by, and their URL arguments.
BROWSE_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.browse)
# What trends and the batch table count by unless told: the year of issue, the innermost place.
DEFAULT_TIME: str = YEAR_FIELDS[0]
DEFAULT_PLACE: str = PLACE_FIELDS[-1]
BROWSE_ARGS: dict[str, str] = {f.arg: f.name for f in FIELDS if f.browse}


def flat_facets() -> list[Field]:
    """The facets that do not nest, in declaration order."""
    nested = {name for name, _ in place_facets_top_down()}
    return [f for f in FACET_FIELDS if f.name not in nested]


def layout_digest() -> str:
    """A short hash of what the index schema is made from (each field's name and column kind):
    part of the index format, so adding or changing a field rebuilds the index by itself."""
    return hashlib.sha256(repr([(f.name, f.column) for f in FIELDS]).encode()).hexdigest()[:8]


# Result orders. "newest"/"oldest" read year and date, "place" the place columns; every order
# ends in document order (doc_id, n).
SORTS: tuple[str, ...] = ("relevance", "newest", "oldest", "place")
DEFAULT_SORT = "relevance"

# A year filter value: one year or a range (year:2023, year:2022-2024).
YEAR_VALUE = re.compile(r"\d{4}(?:-\d{4})?")
