"""One generation of an archive home opened for reading (the View an Archive serves from)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from . import store
from .columns import Columns
from .engine.queries import terms_by_length
from .rank import Ranker
from .similar import SimilarIndex


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
        self.generation = store.Generation(home)  # IndexMissing if there is none
        self.name, self.dir = self.generation.name, self.generation.dir
        self.ix = store.open_index(home, folder=self.dir)
        self.exact = store.open_exact(home, folder=self.dir)
        self.lock = threading.RLock()  # every use of the searcher and its readers
        self._searcher: Any = None
        self._columns: Columns | None = None
        self._similar: SimilarIndex | None = None
        self._lexicons: dict[str, dict[int, list[tuple[str, int]]]] = {}
        self.stats: dict[str, Any] | None = None  # Archive.stats() of this generation, once
        self.users = 0  # requests holding it (Archive.hold); guarded by the archive's users lock
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
            self._lexicons = {}
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

    def lexicon(self, field: str) -> dict[int, list[tuple[str, int]]]:
        """Every term of an indexed field with its paragraph count, by length in characters
        (read once per generation: a walk of the whole term list)."""
        if field not in self._lexicons:
            with self.lock:
                if field not in self._lexicons:
                    self._lexicons[field] = terms_by_length(self.searcher(), field)
        return self._lexicons[field]

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
