"""The records the indexer makes: Document, and Paragraph (declared in archive/fields.py, where
each of its attributes is also the declaration of its field)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The field vocabulary is declared once, in archive/fields.py; these names are kept for callers.
from .fields import FACETS, PARAGRAPH_FIELDS, PARENT, Paragraph

__all__ = ["FACETS", "PARAGRAPH_FIELDS", "PARENT", "Paragraph", "Document", "paragraph_id"]


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
