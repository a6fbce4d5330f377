"""The search service: the one place that turns a query into hits, facets and highlights.

The CLI, the JSON API and the HTML pages all call this and get the same dict shapes.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Iterator

import numpy as np
from whoosh import query as wq

from . import exact, segmenter, store
from .columns import Columns
from .config import HIT_TEXT_CHARS, MAX_LIMIT, MAX_OFFSET
from .facets import facet_counts_from, filter_mask
from .ids import OutsideHome, path_inside
from .model import FACETS
from .query import Query, QueryError, parse
from .rank import Ranker
from .similar import SimilarIndex
from .snippets import snippet
from .textnorm import display_spans

SORTS = ("relevance", "newest", "oldest", "place")


def ranking_words(terms: list[str]) -> list[str]:
    words: list[str] = []
    for t in terms:
        for w, _, _ in segmenter.cut(t):
            if w.strip() and any(c.isalnum() for c in w) and w not in words:
                words.append(w)
    return words


class Archive:
    """An opened archive home, shared by every request of a server.

    Whoosh searchers are not thread-safe (stored fields are read through one file handle:
    concurrent reads garbled them under load), so each thread gets its own searcher, kept
    up to date with the index.
    """

    def __init__(self, home: Path) -> None:
        self.home = home
        self._columns_lock = threading.Lock()
        self._local = threading.local()
        self._epoch = 0
        self._open()

    def _open(self) -> None:
        self.ix = store.open_index(self.home)          # IndexMissing if there is none
        self._ino = os.stat(store.index_dir(self.home)).st_ino
        self.exact = store.open_exact(self.home)
        self._columns = None
        self._epoch += 1

    def _follow_swap(self) -> None:
        """A rebuild swaps a new index folder in: reopen both files (a Whoosh generation
        number alone cannot tell, as a fresh index starts counting again)."""
        try:
            ino = os.stat(store.index_dir(self.home)).st_ino
        except FileNotFoundError:      # between the two renames of a swap: keep the open one
            return
        if ino != self._ino:
            with self._columns_lock:
                if ino != self._ino:
                    self._open()

    def searcher(self):
        self._follow_swap()
        s, epoch = getattr(self._local, "searcher", (None, 0))
        if s is None or epoch != self._epoch:
            s = self.ix.searcher()
        elif not s.up_to_date():
            s = s.refresh()
        self._local.searcher = (s, self._epoch)
        return s

    # --- search -------------------------------------------------------------------------
    def search(self, text: str = "", *, filters: dict[str, list[str]] | None = None, sort: str = "relevance",
               limit: int = 20, offset: int = 0, facets: bool = True, allow_empty: bool = False) -> dict[str, Any]:
        q = parse(text, filters)
        if q.is_empty() and not allow_empty:
            raise QueryError("empty query: type a word or phrase, e.g. 腾笼换鸟")
        if sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}")
        if not (1 <= limit <= MAX_LIMIT):
            raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
        if not (0 <= offset <= MAX_OFFSET):
            raise QueryError(f"offset must be between 0 and {MAX_OFFSET}")
        # One searcher and its columns for the whole request: docnums mean something only
        # within one index generation.
        s, cols = self._view()
        # The exact matches (the bigram index, then the filters) give the total and the
        # facets; BM25 on the jieba words ranks the page among them.
        base = self._exact_docs(q, cols)
        matched = self._filtered(base, cols, q.filters)
        page = self._page(q, matched, sort, offset, limit, s, cols)
        hits = [self._hit(s.stored_fields(d), q, score) for d, score in page]
        out: dict[str, Any] = {"query": text, "total": int(len(matched)), "hits": hits, "facets": {}}
        if facets:
            docsets: dict[str | None, np.ndarray] = {None: matched}
            for name in q.filters:
                if name in FACETS:
                    docsets[name] = self._filtered(base, cols, q.filters, skip=name)
            out["facets"] = facet_counts_from(cols, docsets)
        out["filters"] = q.filters
        out["sort"], out["limit"], out["offset"] = sort, limit, offset
        return out

    def _exact_docs(self, q: Query, cols: Columns) -> np.ndarray:
        """Docnums of the paragraphs containing the query's terms (and none of its
        exclusions), exactly; every paragraph when it has only filters. Kept for the index
        generation (clicking facets re-runs the same terms with other filters)."""
        expr = exact.match_expression(q)
        excl = exact.exclusion_expression(q) if expr is None else None
        key = (expr, excl)
        hit = cols.cached(key)
        if hit is not None:
            return hit
        if expr is not None:
            docs = cols.docs_for_keys(self.exact.keys(expr))
        else:
            docs = cols.live_docs
            if excl is not None:
                docs = np.setdiff1d(docs, cols.docs_for_keys(self.exact.keys(excl)), assume_unique=True)
        return cols.cache(key, docs)

    @staticmethod
    def _filtered(docs: np.ndarray, cols: Columns, filters: dict[str, list[str]], skip: str | None = None) -> np.ndarray:
        mask = filter_mask(cols, filters, skip)
        return docs if mask is None else docs[mask[docs]]

    def _page(self, q: Query, docs: np.ndarray, sort: str, offset: int, limit: int, s: Any,
              cols: Columns) -> list[tuple[int, float | None]]:
        """(docnum, score) of the requested slice of ``docs`` in the order of ``sort``."""
        if not len(docs) or offset >= len(docs):
            return []
        words = ranking_words(q.terms)
        if sort != "relevance" or not words:
            ordered = cols.order(docs, sort)
            return [(int(d), None) for d in ordered[offset:offset + limit]]
        # BM25 on the jieba words (Whoosh's formula on Whoosh's postings, archive/rank.py),
        # among the exact matches only. A paragraph can contain the phrase without jieba
        # cutting it into these words: such paragraphs come after the scored ones.
        scores = self._ranker(s, cols).scores(s, words, docs)
        wanted = offset + limit
        scored = np.flatnonzero(scores > 0)
        if len(scored) > wanted:
            # the wanted-th best score, and every paragraph at least as good: ties at the cut
            # all go on, so that pages of one query never overlap or skip
            kth = -np.partition(-scores[scored], wanted - 1)[wanted - 1]
            scored = scored[scores[scored] >= kth]
        scored = scored[np.lexsort((docs[scored], -scores[scored]))][:wanted]
        ranked = [(int(docs[i]), round(float(scores[i]), 4)) for i in scored]
        if len(ranked) < wanted:
            rest = cols.order(docs[scores == 0], "document")
            ranked += [(int(d), 0.0) for d in rest[:wanted - len(ranked)]]
        return ranked[offset:offset + limit]

    def _view(self) -> tuple[Any, Columns]:
        """This thread's searcher and the columns of the same index generation."""
        s = self.searcher()
        return s, self._columns_of(s)

    def _ranker(self, s: Any, cols: Columns) -> Ranker:
        """The BM25 ranker of the columns' index generation (built once, shared by threads)."""
        if cols.ranker is None:
            with self._columns_lock:
                if cols.ranker is None:
                    cols.ranker = Ranker(s)
        return cols.ranker

    def warm(self) -> None:
        """Read the columns and document lengths now rather than on the first search."""
        s, cols = self._view()
        self._ranker(s, cols)

    def columns(self) -> Columns:
        """Columns of the current index generation (built once, shared by threads)."""
        return self._view()[1]

    def _columns_of(self, s: Any) -> Columns:
        reader = s.reader()
        cols = self._columns
        if cols is None or cols.generation != reader.generation():
            with self._columns_lock:
                cols = self._columns
                if cols is None or cols.generation != reader.generation():
                    cols = self._columns = Columns(reader)
        return cols

    def _hit(self, fields: dict[str, Any], q: Query, score: float | None) -> dict[str, Any]:
        """A hit of a list: a paragraph over HIT_TEXT_CHARS comes as a snippet around its
        highlights (``text_cut``: true), so that no answer carries a giant paragraph whole."""
        d = store.from_fields(fields)
        d["score"] = score
        spans = [list(s) for s in display_spans(d["text"], q.terms)]
        if len(d["text"]) > HIT_TEXT_CHARS:
            d["text"], spans, _ = snippet(d["text"], spans, width=HIT_TEXT_CHARS // 8, max_len=HIT_TEXT_CHARS)
            d["text_cut"] = True
        d["highlights"] = spans
        return d

    def iter_matches(self, text: str = "", *, filters: dict[str, list[str]] | None = None,
                     sort: str = "oldest", cap: int | None = None) -> Iterator[dict[str, Any]]:
        """Every matching paragraph (the whole archive for an empty query), for export."""
        return self.matches(text, filters=filters, sort=sort, cap=cap)[1]

    def matches(self, text: str = "", *, filters: dict[str, list[str]] | None = None,
                sort: str = "oldest", cap: int | None = None) -> tuple[int, Iterator[dict[str, Any]]]:
        """(how many paragraphs match, an iterator over them, at most ``cap`` when given).
        The rows are read one at a time, all from one index generation, so an export of the
        whole archive holds one row in memory, not the archive."""
        q = parse(text, filters)
        s, cols = self._view()
        docs = self._filtered(self._exact_docs(q, cols), cols, q.filters)
        n = len(docs) if cap is None else max(0, min(cap, len(docs)))
        if sort == "relevance" and ranking_words(q.terms):
            order = [d for d, _ in self._page(q, docs, sort, 0, n, s, cols)] if n else []
        else:
            order = cols.order(docs, sort if sort in SORTS and sort != "relevance" else "oldest")[:n]

        def rows() -> Iterator[dict[str, Any]]:
            for d in order:
                yield store.from_fields(s.stored_fields(int(d)))
        return int(len(docs)), rows()

    # --- paragraphs and documents --------------------------------------------------------
    def paragraph(self, pid: str) -> dict[str, Any] | None:
        fields = self.searcher().document(id=pid)
        return store.from_fields(fields) if fields else None

    def document(self, doc_id: str) -> list[dict[str, Any]]:
        s = self.searcher()
        r = s.search(wq.Term("doc_id", doc_id), limit=None, sortedby="n")
        return [store.from_fields(h.fields()) for h in r]

    def neighbours(self, p: dict[str, Any], k: int = 2) -> tuple[list[dict], list[dict]]:
        s = self.searcher()
        n = p["n"]
        r = s.search(wq.And([wq.Term("doc_id", p["doc_id"]), wq.NumericRange("n", max(1, n - k), n + k)]),
                     limit=None, sortedby="n")
        rows = [store.from_fields(h.fields()) for h in r]
        return [x for x in rows if x["n"] < n], [x for x in rows if x["n"] > n]

    def similar(self, pid: str) -> list[dict[str, Any]]:
        """Paragraphs in other documents that share passages with this one, best first."""
        path = store.similar_path(self.home)
        if not path.exists():
            return []
        mtime = path.stat().st_mtime
        if getattr(self, "_similar_mtime", None) != mtime:
            import json
            self._similar = SimilarIndex(json.loads(path.read_text(encoding="utf-8")))
            self._similar_mtime = mtime
        out = []
        for other, score in self._similar.lookup(pid):
            p = self.paragraph(other)
            if p:
                p["similarity"] = score
                out.append(p)
        return out

    def source_text(self, doc_id: str) -> str | None:
        """The source file as it was indexed (a copy kept in the home, never an outside path)."""
        if not doc_id or "/" in doc_id or "\\" in doc_id or doc_id.startswith("."):
            return None
        try:
            path = path_inside(store.sources_dir(self.home), f"{doc_id}.txt")
        except OutsideHome:
            return None
        if not path.is_file():
            return None
        return path.read_text(encoding="utf-8")

    def trend(self, text: str = "", *, filters: dict[str, list[str]] | None = None) -> dict[str, Any]:
        """Matching paragraphs per year (count and per 1,000 paragraphs of that year), and a
        township-by-year table showing where and when the phrase first appears."""
        q = parse(text, filters)
        if q.is_empty():
            raise QueryError("empty query: type a word or phrase, e.g. 腾笼换鸟")
        cols = self.columns()
        hits = self._filtered(self._exact_docs(q, cols), cols, q.filters)
        base = self._filtered(cols.live_docs, cols, q.filters)
        matched, totals = cols.count("year", hits), cols.count("year", base)
        years = []
        for y in sorted(y for y in matched if y):
            n, all_n = matched[y], totals.get(y, 0)
            years.append({"year": y, "count": n, "paragraphs": all_n,
                          "per_1000": round(1000 * n / all_n, 2) if all_n else None})
        table: dict[str, dict[int, int]] = {}
        for (township, year), n in cols.cells("township", hits).items():
            if year:
                table.setdefault(township, {})[year] = n
        rows = [{"township": t, "first_year": min(c), "counts": {str(y): c[y] for y in sorted(c)},
                 "total": sum(c.values())} for t, c in table.items()]
        rows.sort(key=lambda r: (r["first_year"], -r["total"], r["township"] is None, r["township"] or ""))
        return {"query": text, "filters": q.filters, "total": int(len(hits)), "years": years,
                "all_years": sorted({y["year"] for y in years}), "townships": rows}

    def stats(self) -> dict[str, Any]:
        s, cols = self._view()
        manifest = store.read_manifest(self.home)
        facets = facet_counts_from(cols, {None: cols.live_docs})
        docs = []
        per_doc = cols.count("doc_id", cols.live_docs)
        for doc_id, d in sorted(manifest.get("documents", {}).items()):
            first = self.paragraph(f"{doc_id}-1") or {}
            docs.append({"doc_id": doc_id, "title": d.get("title"), "path": d.get("display"),
                         "paragraphs": int(per_doc.get(doc_id, 0)), "cataloged": d.get("cataloged", True),
                         "province": first.get("province"), "city": first.get("city"),
                         "county": first.get("county"), "level": d.get("level"), "year": first.get("year"),
                         "format": d.get("format"), "aliases": d.get("aliases", [])})
        size = sum(f.stat().st_size for f in store.index_dir(self.home).glob("*") if f.is_file())
        rows = self.exact.meta("rows")
        return {"home": str(self.home), "documents": len(docs), "paragraphs": s.doc_count(),
                "exact_rows": rows, "unreachable_rows": max(0, rows - s.doc_count()),
                "kinds": cols.count("kind", cols.live_docs),
                "analysis": manifest.get("analysis"), "pipeline": manifest.get("pipeline"),
                "built_at": manifest.get("built_at"), "index_bytes": size, "facets": facets, "docs": docs}
