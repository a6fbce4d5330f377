"""The paragraph record: the one shape shared by the index, the CLI, the API and the pages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The field vocabulary is declared once, in archive/fields.py; these names are kept for callers.
from .fields import FACETS, PARAGRAPH_FIELDS, PARENT

__all__ = ["FACETS", "PARAGRAPH_FIELDS", "PARENT", "Paragraph", "Document", "paragraph_id"]


@dataclass
class Paragraph:
    id: str
    doc_id: str
    n: int
    kind: str
    text: str
    heading: str | None = None
    township: str | None = None
    county: str | None = None
    city: str | None = None
    province: str | None = None
    level: str | None = None
    year: int | None = None  # the year the document was issued (same for all its paragraphs)
    period: int | None = None  # the year this paragraph's section speaks about
    date: str | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    doc_type: str | None = None
    title: str | None = None
    publisher: str | None = None
    source_path: str | None = None
    source_lines: list[int] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)  # tag -> where it came from
    # a scanned page's paragraph: {"page", "boxes": [[page, x0, y0, x1, y1], ...], "confidence",
    # "low_chars"} (indexer/ocr/evidence.py); None for text sources
    ocr: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: d[k] for k in PARAGRAPH_FIELDS}


def paragraph_id(doc_id: str, n: int) -> str:
    """Stable across rebuilds: the document id plus the paragraph's ordinal."""
    return f"{doc_id}-{n}"


@dataclass
class Document:
    doc_id: str
    title: str | None
    publisher: str | None
    date: str | None
    year: int | None
    doc_type: str | None
    province: str | None
    city: str | None
    county: str | None
    township: str | None
    speaker: str | None
    source_path: str
    cataloged: bool
    paragraphs: list[Paragraph] = field(default_factory=list)
    level: str | None = None
    place_note: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)  # tag -> where it came from
    # a scan's layout: its file hash, page sizes and each source line's boxes
    # (indexer/ocr/read.py), kept beside the source copy for the page view
    ocr: dict[str, Any] | None = None
