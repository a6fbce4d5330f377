"""Trends and stats of the served generation (part of search.Archive)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from . import record, store
from .facets import facet_counts_from
from .view import View


class Stats:
    """What the archive holds, and how a phrase spreads over years and places."""

    home: Path

    def view(self) -> View:  # the index handle's (archive/handle.py)
        raise NotImplementedError

    def trend(
        self, text: str = "", *, filters: dict[str, list[str]] | None = None, by: str = "year", level: str = "township"
    ) -> dict[str, Any]:
        """Per-year counts (and per 1,000 paragraphs) of each comma-separated phrase and where
        each first appears (archive/trends.py)."""
        from .trends import Searchable, trend

        return trend(cast(Searchable, self), text, filters=filters, by=by, level=level)

    def stats(self) -> dict[str, Any]:
        """Documents, paragraphs, places and years of the served generation. A published
        generation never changes, so this is worked out once per generation (the home page
        shows it on every visit) and must be treated as read-only."""
        v = self.view()
        if v.stats is None:
            v.stats = self._stats_of(v)
        return v.stats

    def _stats_of(self, v: View) -> dict[str, Any]:
        s, cols = v.searcher(), v.columns()
        manifest = store.read_manifest(self.home, folder=v.dir)
        facets = facet_counts_from(cols, {None: cols.live_docs})
        docs = []
        per_doc = cols.count("doc_id", cols.live_docs)
        for doc_id, d in sorted(manifest.get("documents", {}).items()):
            with v.lock:
                f1 = s.document(id=f"{doc_id}-1")
            first = record.from_fields(f1) if f1 else {}
            docs.append(
                {
                    "doc_id": doc_id,
                    "title": d.get("title"),
                    "path": d.get("display"),
                    "paragraphs": int(per_doc.get(doc_id, 0)),
                    "cataloged": d.get("cataloged", True),
                    "province": first.get("province"),
                    "city": first.get("city"),
                    "county": first.get("county"),
                    "level": d.get("level"),
                    "year": first.get("year"),
                    "format": d.get("format"),
                    "aliases": d.get("aliases", []),
                    "given_id": d.get("given_id") if d.get("given_id") != doc_id else None,
                }
            )
        size = sum(f.stat().st_size for f in v.dir.glob("*") if f.is_file())
        rows = v.exact.meta("rows")
        return {
            "home": str(self.home),
            "generation": v.name,
            "documents": len(docs),
            "paragraphs": s.doc_count(),
            "exact_rows": rows,
            "unreachable_rows": max(0, rows - s.doc_count()),
            "kinds": cols.count("kind", cols.live_docs),
            "analysis": manifest.get("analysis"),
            "pipeline": manifest.get("pipeline"),
            "built_at": manifest.get("built_at"),
            "index_bytes": size,
            "facets": facets,
            "docs": docs,
        }
