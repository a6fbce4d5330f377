"""The search service: the one place that turns a query into hits, facets and highlights.

The CLI, the JSON API and the HTML pages all call this and get the same dict shapes.
"""

from __future__ import annotations

from typing import Any, Iterator

import numpy as np

from . import conditions, placenames, record, segmenter
from .engine import exact
from .analysis import is_word
from .columns import Columns
from .handle import IndexHandle
from .lookups import Lookups
from .config import HIT_TEXT_CHARS, MAX_LIMIT, MAX_OFFSET
from .facets import FACET_LIMIT, facet_counts_from, filter_mask
from .fields import FACETS, SORTS
from .query import Query, QueryError, parse
from .snippets import snippet
from .stats import Stats
from .textnorm import display_spans
from .view import View

__all__ = ["Archive", "View", "ranking_words"]


def ranking_words(terms: list[str]) -> list[str]:
    words: list[str] = []
    for t in terms:
        for w, _, _ in segmenter.cut(t):
            if is_word(w) and w not in words:
                words.append(w)
    return words


class Archive(IndexHandle, Lookups, Stats):
    """An opened archive home, shared by every request of a server: the index handle that
    follows generations (archive/handle.py), search and paging (here), paragraph and document
    lookups (archive/lookups.py), trends and stats (archive/stats.py)."""

    # --- search -------------------------------------------------------------------------
    def search(
        self,
        text: str = "",
        *,
        filters: dict[str, list[str]] | None = None,
        sort: str = "relevance",
        limit: int = 20,
        offset: int = 0,
        facets: bool = True,
        allow_empty: bool = False,
        facet_limit: int | None = FACET_LIMIT,
    ) -> dict[str, Any]:
        """Hits of one page, the total, and facet counts (``facet_limit`` values each, None: all)."""
        q = parse(text, filters)
        if q.is_empty() and not allow_empty:
            raise QueryError("empty query: type a word or phrase, e.g. 腾笼换鸟", "empty")
        if sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}", "bad_sort", ", ".join(SORTS))
        if not (1 <= limit <= MAX_LIMIT):
            raise QueryError(f"limit must be between 1 and {MAX_LIMIT}", "limit", MAX_LIMIT)
        if not (0 <= offset <= MAX_OFFSET):
            raise QueryError(f"offset must be between 0 and {MAX_OFFSET}", "offset", MAX_OFFSET)
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
            out["facets"] = facet_counts_from(cols, docsets, facet_limit)
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
        if key[2] is not None:  # "A B"~N, A /s B: the index gave the plain AND; check each text
            docs = conditions.filter_docs(v, docs, q)
        return cols.cache(key, docs)

    @staticmethod
    def _filtered(
        docs: np.ndarray, cols: Columns, filters: dict[str, list[str]], skip: str | None = None
    ) -> np.ndarray:
        mask = filter_mask(cols, filters, skip)
        return docs if mask is None else docs[mask[docs]]

    def _page(
        self, q: Query, docs: np.ndarray, sort: str, offset: int, limit: int, v: View
    ) -> list[tuple[int, float | None]]:
        """(docnum, score) of the requested slice of ``docs`` in the order of ``sort``."""
        s, cols = v.searcher(), v.columns()
        if not len(docs) or offset >= len(docs):
            return []
        words = ranking_words(q.terms)
        if sort != "relevance" or not words:
            ordered = cols.order(docs, sort)
            return [(int(d), None) for d in ordered[offset : offset + limit]]
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
            ranked += [(int(d), 0.0) for d in rest[: wanted - len(ranked)]]
        return ranked[offset : offset + limit]

    def warm(self) -> None:
        """Read the columns and document lengths now rather than on the first search."""
        self.view().ranker()

    def columns(self) -> Columns:
        """Columns of the current index generation (built once, shared by threads)."""
        return self.view().columns()

    def _hit(self, fields: dict[str, Any], q: Query, score: float | None) -> dict[str, Any]:
        """A hit of a list: a paragraph over HIT_TEXT_CHARS comes as a snippet around its
        highlights (``text_cut``: true), so that no answer carries a giant paragraph whole."""
        d = record.from_fields(fields)
        d["score"] = score
        # under "A B"~N or A /s B only the occurrences that satisfy the condition are hits
        spans = [list(s) for s in (conditions.highlights(d["text"], q) or display_spans(d["text"], q.terms))]
        if len(d["text"]) > HIT_TEXT_CHARS:
            d["text"], spans, _ = snippet(d["text"], spans, width=HIT_TEXT_CHARS // 8, max_len=HIT_TEXT_CHARS)
            d["text_cut"] = True
        d["highlights"] = spans
        return d

    def iter_matches(
        self,
        text: str = "",
        *,
        filters: dict[str, list[str]] | None = None,
        sort: str = "oldest",
        cap: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Every matching paragraph (the whole archive for an empty query), for export."""
        return self.matches(text, filters=filters, sort=sort, cap=cap)[1]

    def matches(
        self,
        text: str = "",
        *,
        filters: dict[str, list[str]] | None = None,
        sort: str = "oldest",
        cap: int | None = None,
    ) -> tuple[int, Iterator[dict[str, Any]]]:
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
                yield record.from_fields(fields)

        return int(len(docs)), rows()

    def docnums(self, q: Query, v: View) -> np.ndarray:
        """Docnums of the paragraphs matching ``q`` (terms and filters), exactly, in ``v``."""
        q.filters = placenames.resolve(q.filters, v.columns())
        return self._filtered(self._exact_docs(q, v), v.columns(), q.filters)

    filtered = _filtered
