"""Looking up paragraphs and documents of the served generation (part of search.Archive)."""
from __future__ import annotations

from typing import Any

from whoosh import query as wq

from . import record
from .ids import OutsideHome, path_inside
from .view import View


class Lookups:
    """Paragraph, document, neighbours, similar paragraphs, source text."""

    def view(self) -> View:            # the index handle's (archive/handle.py)
        raise NotImplementedError

    def paragraph(self, pid: str) -> dict[str, Any] | None:
        v = self.view()
        with v.lock:
            fields = v.searcher().document(id=pid)
        return record.from_fields(fields) if fields else None

    def document(self, doc_id: str) -> list[dict[str, Any]]:
        v = self.view()
        with v.lock:
            r = v.searcher().search(wq.Term("doc_id", doc_id), limit=None, sortedby="n")
            found = [h.fields() for h in r]
        return [record.from_fields(f) for f in found]

    def neighbours(self, p: dict[str, Any], k: int = 2) -> tuple[list[dict], list[dict]]:
        v = self.view()
        n = p["n"]
        with v.lock:
            r = v.searcher().search(wq.And([wq.Term("doc_id", p["doc_id"]),
                                             wq.NumericRange("n", max(1, n - k), n + k)]), limit=None, sortedby="n")
            found = [h.fields() for h in r]
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
        if not doc_id or "/" in doc_id or "\\" in doc_id or doc_id.startswith("."):
            return None
        try:
            path = path_inside(self.view().dir / "sources", f"{doc_id}.txt")
        except OutsideHome:
            return None
        if not path.is_file():
            return None
        return path.read_text(encoding="utf-8")
