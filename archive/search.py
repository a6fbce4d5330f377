"""The search service: the one place that turns a query into hits, facets and highlights.

The CLI, the JSON API and the HTML pages all call this and get the same dict shapes.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Iterator

from whoosh import query as wq
from whoosh import sorting

from . import segmenter, store
from .analysis import grams
from .config import EXPORT_CAP, MAX_LIMIT, MAX_OFFSET
from .facets import FacetColumns, facet_counts_from, filter_query
from .model import FACETS
from .query import Query, QueryError, parse
from .textnorm import display_spans

SORTS = ("relevance", "newest", "oldest", "place")


def exact(term: str, loose: bool = False) -> wq.Query:
    """Paragraphs whose normalised text contains ``term``, whatever jieba made of it.

    ``loose`` drops the positions (all the bigrams, anywhere): a cheap superset, used only
    where the exact set of matches is already known and applied as a filter."""
    if len(term) == 1:
        return wq.Prefix("bi", term)     # every character begins a bigram (see analysis.END)
    bigrams = grams(term, 2)
    if len(bigrams) == 1:
        return wq.Term("bi", bigrams[0])
    return wq.And([wq.Term("bi", b) for b in bigrams]) if loose else wq.Phrase("bi", bigrams)


def ranking_words(terms: list[str]) -> list[str]:
    words: list[str] = []
    for t in terms:
        for w, _, _ in segmenter.cut(t):
            if w.strip() and any(c.isalnum() for c in w) and w not in words:
                words.append(w)
    return words


def required_query(q: Query, loose: bool = False) -> wq.Query:
    """The matching part of a query: exact terms ANDed, OR groups, exclusions."""
    if q.groups:
        parts = [wq.Or([exact(t, loose) for t in g]) if len(g) > 1 else exact(g[0], loose) for g in q.groups]
        required: wq.Query = parts[0] if len(parts) == 1 else wq.And(parts)
    else:
        required = wq.Every()
    if q.excludes and not loose:
        # (a loose superset never excludes: all bigrams of an excluded term anywhere in a
        # paragraph do not make the term; the exact set it is filtered by has the exclusions)
        required = wq.AndNot(required, wq.Or([exact(t) for t in q.excludes]))
    return required


def to_whoosh(q: Query, loose: bool = False) -> wq.Query:
    required = required_query(q, loose)
    words = ranking_words(q.terms)
    if not words:
        return required
    # match on the exact fields, rank by BM25 on the jieba words
    return wq.AndMaybe(wq.ConstantScoreQuery(required, 0.0), wq.Or([wq.Term("words", w) for w in words]))


def _sortedby(sort: str) -> sorting.MultiFacet | None:
    if sort == "relevance":
        return None
    if sort == "newest":
        keys = [sorting.FieldFacet("year", reverse=True), sorting.FieldFacet("date", reverse=True),
                sorting.FieldFacet("doc_id"), sorting.FieldFacet("n")]
    elif sort == "oldest":
        keys = [sorting.FieldFacet("year"), sorting.FieldFacet("date"), sorting.FieldFacet("doc_id"),
                sorting.FieldFacet("n")]
    else:
        keys = [sorting.FieldFacet("province"), sorting.FieldFacet("county"), sorting.FieldFacet("township"),
                sorting.FieldFacet("doc_id"), sorting.FieldFacet("n")]
    return sorting.MultiFacet(keys)


class Archive:
    """An opened archive home, shared by every request of a server.

    Whoosh searchers are not thread-safe (stored fields are read through one file handle:
    concurrent reads garbled them under load), so each thread gets its own searcher, kept
    up to date with the index.
    """

    def __init__(self, home: Path) -> None:
        self.home = home
        self.ix = store.open_index(home)
        self._local = threading.local()
        self._columns_lock = threading.Lock()

    def searcher(self):
        s = getattr(self._local, "searcher", None)
        if s is None:
            s = self.ix.searcher()
        elif not s.up_to_date():
            s = s.refresh()
        self._local.searcher = s
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
        s = self.searcher()
        flt = filter_query(q.filters)
        # The exact matches first (phrase queries on the bigram field, filters applied): they
        # give the total and the facets. A scored top-N search skips documents that cannot
        # reach the top, so its len() would undercount; it only ranks, on a cheap superset
        # query restricted to these matches.
        required = required_query(q)
        matched = self._docnums(required, flt)
        results = s.search(to_whoosh(q, loose=True), filter=set(matched), limit=offset + limit,
                           sortedby=_sortedby(sort), terms=False)
        hits = []
        for hit in results[offset:offset + limit]:
            hits.append(self._hit(hit.fields(), q, hit.score if sort == "relevance" else None))
        out: dict[str, Any] = {"query": text, "total": len(matched), "hits": hits, "facets": {}}
        if facets:
            docsets: dict[str | None, list[int]] = {None: matched}
            for name in q.filters:
                if name in FACETS:
                    docsets[name] = self._docnums(required, filter_query(q.filters, skip=name))
            out["facets"] = facet_counts_from(self.columns(), docsets)
        out["filters"] = q.filters
        out["sort"], out["limit"], out["offset"] = sort, limit, offset
        return out

    def _docnums(self, required: wq.Query, flt: wq.Query | None) -> list[int]:
        """Every matching paragraph (internal numbers), exactly: no scoring, nothing skipped."""
        q = required if flt is None else wq.And([required, flt])
        return list(self.searcher().docs_for_query(q))

    def columns(self) -> FacetColumns:
        """Facet columns of the current index generation (built once, shared by threads)."""
        reader = self.searcher().reader()
        cols = getattr(self, "_columns", None)
        if cols is None or cols.generation != reader.generation():
            with self._columns_lock:
                cols = getattr(self, "_columns", None)
                if cols is None or cols.generation != reader.generation():
                    cols = self._columns = FacetColumns(reader)
        return cols

    def _hit(self, fields: dict[str, Any], q: Query, score: float | None) -> dict[str, Any]:
        d = store.from_fields(fields)
        d["score"] = round(float(score), 4) if score is not None else None
        d["highlights"] = [list(s) for s in display_spans(d["text"], q.terms)]
        return d

    def iter_matches(self, text: str = "", *, filters: dict[str, list[str]] | None = None,
                     sort: str = "oldest", cap: int = EXPORT_CAP) -> Iterator[dict[str, Any]]:
        """Every matching paragraph (up to ``cap``), for export."""
        q = parse(text, filters)
        if q.is_empty():
            raise QueryError("empty query: export needs a query or a filter")
        s = self.searcher()
        results = s.search(to_whoosh(q), filter=filter_query(q.filters), limit=cap,
                           sortedby=_sortedby(sort if sort in SORTS else "oldest"))
        for hit in results:
            yield store.from_fields(hit.fields())

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
            self._similar = json.loads(path.read_text(encoding="utf-8"))
            self._similar_mtime = mtime
        out = []
        for other, score in self._similar.get(pid, []):
            p = self.paragraph(other)
            if p:
                p["similarity"] = score
                out.append(p)
        return out

    def source_text(self, doc_id: str) -> str | None:
        """The source file as it was indexed (a copy kept in the home, never an outside path)."""
        if not doc_id or "/" in doc_id or "\\" in doc_id or doc_id.startswith("."):
            return None
        path = store.sources_dir(self.home) / f"{doc_id}.txt"
        if path.parent.resolve() != store.sources_dir(self.home).resolve() or not path.is_file():
            return None
        return path.read_text(encoding="utf-8")

    def trend(self, text: str = "", *, filters: dict[str, list[str]] | None = None) -> dict[str, Any]:
        """Matching paragraphs per year (count and per 1,000 paragraphs of that year), and a
        township-by-year table showing where and when the phrase first appears."""
        q = parse(text, filters)
        if q.is_empty():
            raise QueryError("empty query: type a word or phrase, e.g. 腾笼换鸟")
        s = self.searcher()
        wquery = to_whoosh(q)
        flt = filter_query(q.filters)
        by_year = sorting.FieldFacet("year", maptype=sorting.Count)
        cell = sorting.MultiFacet([sorting.FieldFacet("township"), sorting.FieldFacet("year")], maptype=sorting.Count)
        hits = s.search(wquery, filter=flt, limit=1, groupedby={"year": by_year, "cell": cell})
        base_filter = filter_query({k: v for k, v in q.filters.items()})
        base = s.search(wq.Every(), filter=base_filter, limit=1, groupedby={"year": by_year})
        matched, totals = hits.groups("year"), base.groups("year")
        years = []
        for y in sorted(int(k) for k in matched if k):
            n, all_n = int(matched[y]), int(totals.get(y, 0))
            years.append({"year": y, "count": n, "paragraphs": all_n,
                          "per_1000": round(1000 * n / all_n, 2) if all_n else None})
        table: dict[str, dict[int, int]] = {}
        for (township, year), n in hits.groups("cell").items():
            if not year:
                continue
            key = None if township in (store.NONE, "") else township
            table.setdefault(key, {})[int(year)] = int(n)
        rows = [{"township": t, "first_year": min(c), "counts": {str(y): c[y] for y in sorted(c)},
                 "total": sum(c.values())} for t, c in table.items()]
        rows.sort(key=lambda r: (r["first_year"], -r["total"], r["township"] is None, r["township"] or ""))
        return {"query": text, "filters": q.filters, "total": len(hits), "years": years,
                "all_years": sorted({y["year"] for y in years}), "townships": rows}

    def stats(self) -> dict[str, Any]:
        s = self.searcher()
        manifest = store.read_manifest(self.home)
        everything = s.search(wq.Every(), limit=1, groupedby={
            n: sorting.FieldFacet(n, maptype=sorting.Count) for n in ("kind", "doc_id")})
        facets = facet_counts_from(self.columns(), {None: list(s.docs_for_query(wq.Every()))})
        docs = []
        per_doc = everything.groups("doc_id")
        for doc_id, d in sorted(manifest.get("documents", {}).items()):
            first = self.paragraph(f"{doc_id}-1") or {}
            docs.append({"doc_id": doc_id, "title": d.get("title"), "path": d.get("display"),
                         "paragraphs": int(per_doc.get(doc_id, 0)), "cataloged": d.get("cataloged", True),
                         "province": first.get("province"), "city": first.get("city"),
                         "county": first.get("county"), "level": d.get("level"), "year": first.get("year"),
                         "format": d.get("format"), "aliases": d.get("aliases", [])})
        size = sum(f.stat().st_size for f in store.index_dir(self.home).glob("*") if f.is_file())
        return {"home": str(self.home), "documents": len(docs), "paragraphs": s.doc_count(),
                "kinds": {k: int(v) for k, v in everything.groups("kind").items()},
                "analysis": manifest.get("analysis"), "pipeline": manifest.get("pipeline"),
                "built_at": manifest.get("built_at"), "index_bytes": size, "facets": facets, "docs": docs}
