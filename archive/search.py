"""The search service: the one place that turns a query into hits, facets and highlights.

The CLI, the JSON API and the HTML pages all call this and get the same dict shapes.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Iterator

import numpy as np
from whoosh import query as wq

from . import conditions, exact, placenames, segmenter, store
from .analysis import is_word
from .columns import Columns
from .config import HIT_TEXT_CHARS, MAX_LIMIT, MAX_OFFSET
from .facets import facet_counts_from, filter_mask
from .ids import OutsideHome, path_inside
from .fields import FACETS, SORTS
from .query import Query, QueryError, parse
from .rank import Ranker
from .similar import SimilarIndex
from .snippets import snippet
from .textnorm import display_spans

def ranking_words(terms: list[str]) -> list[str]:
    words: list[str] = []
    for t in terms:
        for w, _, _ in segmenter.cut(t):
            if is_word(w) and w not in words:
                words.append(w)
    return words


class View:
    """One generation of the home opened for reading: the Whoosh index and the exact table of
    the same build, their columns and ranker, its reuse table. A generation never changes once
    published, so a view sees exactly one committed state of both stores from open to close.

    One Whoosh searcher serves every thread, one call at a time (``lock``): a searcher is
    not thread-safe (stored fields are read through one file handle: concurrent reads
    garbled them under load), and one per thread cost ~100 MB each on the corpus (its
    readers map and touch every segment file, and keep what they decoded), 8 threads a
    worker ~950 MB. The Whoosh calls of a request are short (a page of stored fields, a
    document's paragraphs, BM25 on arrays); the exact matching (SQLite, one connection per
    thread), filters and facets run outside the lock.
    """

    def __init__(self, home: Path) -> None:
        self.generation = store.Generation(home)         # IndexMissing if there is none
        self.name, self.dir = self.generation.name, self.generation.dir
        self.ix = store.open_index(home, folder=self.dir)
        self.exact = store.open_exact(home, folder=self.dir)
        self.lock = threading.RLock()          # every use of the searcher and its readers
        self._searcher: Any = None
        self._columns: Columns | None = None
        self._similar: SimilarIndex | None = None
        self.stats: dict[str, Any] | None = None    # Archive.stats() of this generation, once
        self.users = 0               # requests holding it (Archive.hold); guarded by the archive's users lock
        self.closed = False

    def close(self) -> None:
        """Let go of the generation: its searcher's files, every thread's exact.sqlite
        connection, and the reader lock (the next build may then delete the folder)."""
        with self.lock:
            if self.closed:
                return
            self.closed = True
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._columns = None
            self._similar = None
            self.exact.close_all()
            self.generation.close()

    def searcher(self) -> Any:
        """The generation's searcher (use it under ``lock`` when threads share the view)."""
        if self._searcher is None:
            with self.lock:
                if self._searcher is None:
                    self._searcher = self.ix.searcher()
        return self._searcher

    def columns(self) -> Columns:
        """The columns of this generation (built once, shared by threads)."""
        if self._columns is None:
            with self.lock:
                if self._columns is None:
                    self._columns = Columns(self.searcher().reader())
        return self._columns

    def ranker(self) -> Ranker:
        cols = self.columns()
        if cols.ranker is None:
            with self.lock:
                if cols.ranker is None:
                    cols.ranker = Ranker(self.searcher())
        return cols.ranker

    def similar(self) -> SimilarIndex | None:
        if self._similar is None:
            path = self.dir / "similar.json"
            if not path.exists():
                return None
            import json
            with self.lock:
                if self._similar is None:
                    self._similar = SimilarIndex(json.loads(path.read_text(encoding="utf-8")))
        return self._similar


class Archive:
    """An opened archive home, shared by every request of a server.

    Each request works on one View (one generation). When a build publishes a new generation,
    the next request opens and warms it in full, then switches to it with one assignment;
    requests already running finish on the old view, and other threads keep using the old
    view until the new one is ready. The old generation's lock is released when its last
    user lets go of it, and the next build deletes its folder.
    """

    def __init__(self, home: Path) -> None:
        self.home = home
        self._switch = threading.Lock()
        self._view = View(home)
        self._held = threading.local()
        self._users = threading.Lock()       # View.users and the list of retired views
        self._retired: list[View] = []       # replaced views that a request still holds
        self._holding = False                # callers hold views (the web app does, the CLI not)

    def hold(self) -> View:
        """Pin this thread to the current generation until release(): every lookup of one
        request (a paragraph, its neighbours, what is similar) then reads the same generation."""
        self.release()
        self._holding = True
        while True:
            v = self.view()
            with self._users:
                if v is not self._view:      # replaced between view() and here: again
                    continue
                v.users += 1
                self._held.view = v
                # replaced views that no request holds any more: every request holds its view,
                # so nobody else is using them (the CLI, which does not hold, never gets here)
                idle = [r for r in self._retired if r.users == 0]
                self._retired = [r for r in self._retired if r.users]
            for r in idle:
                r.close()
            return v

    def release(self) -> None:
        """End this thread's hold; a replaced generation is closed when its last holder lets go."""
        v = getattr(self._held, "view", None)
        self._held.view = None
        if v is None:
            return
        with self._users:
            v.users -= 1
            done = v in self._retired and v.users == 0
            if done:
                self._retired.remove(v)
        if done:
            v.close()

    def _replace(self, new: View) -> None:
        """Make ``new`` current. When callers hold views (the web app), the old one is closed
        by the release() of its last holder, or by the next hold() if none holds it. A caller
        that uses views without holding them (the CLI, scripts) may still be reading the old
        one, so it is only let go of, and closes when the last reference to it goes."""
        with self._users:
            if self._holding:
                self._retired.append(self._view)
            self._view = new

    def view(self) -> View:
        """The generation this thread holds, else the newest that is ready (checked on every
        call: one small file read)."""
        held = getattr(self._held, "view", None)
        if held is not None:
            return held
        v = self._view
        name = store.current_name(self.home)
        if name is not None and name != v.name and self._switch.acquire(blocking=False):
            try:
                if self._view.name != name:
                    new = View(self.home)
                    new.ranker()                 # columns and ranker read before anyone uses it
                    self._replace(new)
            except (store.IndexMissing, OSError):
                pass                             # keep answering from the generation we have
            finally:
                self._switch.release()
        return self._view

    def searcher(self) -> Any:
        return self.view().searcher()

    def close(self) -> None:
        """Release every generation this archive holds (a build may then delete them)."""
        with self._users:
            views, self._retired = [self._view, *self._retired], []
        for v in views:
            v.close()

    @property
    def exact(self) -> exact.ExactIndex:
        return self.view().exact

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
        v = self.view()
        s, cols = v.searcher(), v.columns()
        q.filters = placenames.resolve(q.filters, cols)
        # The exact matches (the bigram index, then the filters) give the total and the
        # facets; BM25 on the jieba words ranks the page among them.
        base = self._exact_docs(q, v)
        matched = self._filtered(base, cols, q.filters)
        page = self._page(q, matched, sort, offset, limit, v)
        with v.lock:
            stored = [(s.stored_fields(d), score) for d, score in page]
        hits = [self._hit(f, q, score) for f, score in stored]
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

    def _exact_docs(self, q: Query, v: View) -> np.ndarray:
        """Docnums of the paragraphs containing the query's terms (and none of its
        exclusions), exactly; every paragraph when it has only filters. Kept for the index
        generation (clicking facets re-runs the same terms with other filters)."""
        expr = exact.match_expression(q)
        excl = exact.exclusion_expression(q) if expr is None else None
        key = (expr, excl, conditions.cache_key(q))
        cols = v.columns()
        hit = cols.cached(key)
        if hit is not None:
            return hit
        if expr is not None:
            docs = cols.docs_for_keys(v.exact.keys(expr))
        else:
            docs = cols.live_docs
            if excl is not None:
                docs = np.setdiff1d(docs, cols.docs_for_keys(v.exact.keys(excl)), assume_unique=True)
        if key[2] is not None:          # "A B"~N, A /s B: the index gave the plain AND; check each text
            docs = conditions.filter_docs(v, docs, q)
        return cols.cache(key, docs)

    @staticmethod
    def _filtered(docs: np.ndarray, cols: Columns, filters: dict[str, list[str]], skip: str | None = None) -> np.ndarray:
        mask = filter_mask(cols, filters, skip)
        return docs if mask is None else docs[mask[docs]]

    def _page(self, q: Query, docs: np.ndarray, sort: str, offset: int, limit: int,
              v: View) -> list[tuple[int, float | None]]:
        """(docnum, score) of the requested slice of ``docs`` in the order of ``sort``."""
        s, cols = v.searcher(), v.columns()
        if not len(docs) or offset >= len(docs):
            return []
        words = ranking_words(q.terms)
        if sort != "relevance" or not words:
            ordered = cols.order(docs, sort)
            return [(int(d), None) for d in ordered[offset:offset + limit]]
        # BM25 on the jieba words (Whoosh's formula on Whoosh's postings, archive/rank.py),
        # among the exact matches only. A paragraph can contain the phrase without jieba
        # cutting it into these words: such paragraphs come after the scored ones.
        ranker = v.ranker()
        with v.lock:
            scores = ranker.scores(s, words, docs)
        wanted = offset + limit
        scored = np.flatnonzero(scores > 0)
        if len(scored) > wanted:
            # the wanted-th best score, and every paragraph at least as good: ties at the cut
            # all go on, so that pages of one query never overlap or skip
            kth = -np.partition(-scores[scored], wanted - 1)[wanted - 1]
            scored = scored[scores[scored] >= kth]
        scored = scored[np.lexsort((docs[scored], -scores[scored]))][:wanted]
        ranked: list[tuple[int, float | None]] = [(int(docs[i]), round(float(scores[i]), 4)) for i in scored]
        if len(ranked) < wanted:
            rest = cols.order(docs[scores == 0], "document")
            ranked += [(int(d), 0.0) for d in rest[:wanted - len(ranked)]]
        return ranked[offset:offset + limit]

    def warm(self) -> None:
        """Read the columns and document lengths now rather than on the first search."""
        self.view().ranker()

    def columns(self) -> Columns:
        """Columns of the current index generation (built once, shared by threads)."""
        return self.view().columns()

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
        v = self.view()
        s, cols = v.searcher(), v.columns()
        q.filters = placenames.resolve(q.filters, cols)
        docs = self._filtered(self._exact_docs(q, v), cols, q.filters)
        n = len(docs) if cap is None else max(0, min(cap, len(docs)))
        if sort == "relevance" and ranking_words(q.terms):
            order: list[int] | np.ndarray = [d for d, _ in self._page(q, docs, sort, 0, n, v)] if n else []
        else:
            order = cols.order(docs, sort if sort in SORTS and sort != "relevance" else "oldest")[:n]

        def rows() -> Iterator[dict[str, Any]]:
            for d in order:
                with v.lock:
                    fields = s.stored_fields(int(d))
                yield store.from_fields(fields)
        return int(len(docs)), rows()

    # --- paragraphs and documents --------------------------------------------------------
    def paragraph(self, pid: str) -> dict[str, Any] | None:
        v = self.view()
        with v.lock:
            fields = v.searcher().document(id=pid)
        return store.from_fields(fields) if fields else None

    def document(self, doc_id: str) -> list[dict[str, Any]]:
        v = self.view()
        with v.lock:
            r = v.searcher().search(wq.Term("doc_id", doc_id), limit=None, sortedby="n")
            found = [h.fields() for h in r]
        return [store.from_fields(f) for f in found]

    def neighbours(self, p: dict[str, Any], k: int = 2) -> tuple[list[dict], list[dict]]:
        v = self.view()
        n = p["n"]
        with v.lock:
            r = v.searcher().search(wq.And([wq.Term("doc_id", p["doc_id"]),
                                             wq.NumericRange("n", max(1, n - k), n + k)]), limit=None, sortedby="n")
            found = [h.fields() for h in r]
        rows = [store.from_fields(f) for f in found]
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
                p = store.from_fields(fields)
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

    def trend(self, text: str = "", *, filters: dict[str, list[str]] | None = None, by: str = "year",
              level: str = "township") -> dict[str, Any]:
        """Per-year counts (and per 1,000 paragraphs) of each comma-separated phrase and where
        each first appears (archive/trends.py)."""
        from .trends import trend
        return trend(self, text, filters=filters, by=by, level=level)

    def docnums(self, q: Query, v: View) -> np.ndarray:
        """Docnums of the paragraphs matching ``q`` (terms and filters), exactly, in ``v``."""
        q.filters = placenames.resolve(q.filters, v.columns())
        return self._filtered(self._exact_docs(q, v), v.columns(), q.filters)

    filtered = _filtered

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
            first = store.from_fields(f1) if f1 else {}
            docs.append({"doc_id": doc_id, "title": d.get("title"), "path": d.get("display"),
                         "paragraphs": int(per_doc.get(doc_id, 0)), "cataloged": d.get("cataloged", True),
                         "province": first.get("province"), "city": first.get("city"),
                         "county": first.get("county"), "level": d.get("level"), "year": first.get("year"),
                         "format": d.get("format"), "aliases": d.get("aliases", []),
                         "given_id": d.get("given_id") if d.get("given_id") != doc_id else None})
        size = sum(f.stat().st_size for f in v.dir.glob("*") if f.is_file())
        rows = v.exact.meta("rows")
        return {"home": str(self.home), "generation": v.name, "documents": len(docs), "paragraphs": s.doc_count(),
                "exact_rows": rows, "unreachable_rows": max(0, rows - s.doc_count()),
                "kinds": cols.count("kind", cols.live_docs),
                "analysis": manifest.get("analysis"), "pipeline": manifest.get("pipeline"),
                "built_at": manifest.get("built_at"), "index_bytes": size, "facets": facets, "docs": docs}
