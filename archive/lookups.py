"""Looking up paragraphs and documents of the served generation (part of search.Archive)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from . import record
from .engine.queries import document_docnums, document_fields, stored_fields
from .ids import OutsideHome, path_inside
from .store import OCR_SUFFIX
from .view import View


class Lookups:
    """Paragraph, document, neighbours, similar paragraphs, source text."""

    def view(self) -> View:  # the index handle's (archive/handle.py)
        raise NotImplementedError

    def paragraph(self, pid: str) -> dict[str, Any] | None:
        v = self.view()
        with v.lock:
            fields = v.searcher().document(id=pid)
        return record.from_fields(fields) if fields else None

    def document(self, doc_id: str) -> list[dict[str, Any]]:
        v = self.view()
        with v.lock:
            found = document_fields(v.searcher(), doc_id)
        return [record.from_fields(f) for f in found]

    def neighbours(self, p: dict[str, Any], k: int = 2) -> tuple[list[dict], list[dict]]:
        v = self.view()
        n = p["n"]
        numbers = v.columns().numbers["n"]
        with v.lock:
            docs = np.asarray(document_docnums(v.searcher(), p["doc_id"]), dtype=np.int64)
            near = docs[np.abs(numbers[docs] - n) <= k] if len(docs) else docs
            near = near[np.argsort(numbers[near], kind="stable")]
            found = stored_fields(v.searcher(), near.tolist())
        rows = [record.from_fields(f) for f in found]
        return [x for x in rows if x["n"] < n], [x for x in rows if x["n"] > n]

    def similar(self, pid: str) -> list[dict[str, Any]]:
        """Paragraphs in other documents that share passages with this one, best first."""
        v = self.view()
        index = v.similar()
        if index is None:
            return []
        out = []
        for other, score in index.lookup(pid):
            with v.lock:
                fields = v.searcher().document(id=other)
            if fields:
                p = record.from_fields(fields)
                p["similarity"] = score
                out.append(p)
        return out

    def source_text(self, doc_id: str) -> str | None:
        """The source file as it was indexed (a copy kept in the home, never an outside path)."""
        path = self._kept_file(doc_id, ".txt")
        return path.read_text(encoding="utf-8") if path else None

    def ocr_layout(self, doc_id: str) -> dict[str, Any] | None:
        """A scanned document's layout (file hash, page sizes, each source line's boxes and
        character confidences: indexer/ocr/read.py), or None for a text source."""
        path = self._kept_file(doc_id, OCR_SUFFIX)
        return json.loads(path.read_text(encoding="utf-8")) if path else None

    def _kept_file(self, doc_id: str, suffix: str) -> Path | None:
        """A document's file in the generation's sources/ folder, if there is one; None for an
        id that could name a path outside it."""
        if not doc_id or "/" in doc_id or "\\" in doc_id or doc_id.startswith("."):
            return None
        try:
            path = path_inside(self.view().dir / "sources", f"{doc_id}{suffix}")
        except OutsideHome:
            return None
        return path if path.is_file() else None
