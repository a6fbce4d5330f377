"""The exact-match index: every character bigram of every paragraph, in SQLite FTS5.

Why a second index beside Whoosh: exact matching needs a positional posting for every
character of every paragraph (~250 per paragraph), and Whoosh writes and intersects
postings in pure Python (~20 µs each: 7x short of the indexing target, 100 ms for a
common phrase at 10,000 paragraphs). FTS5 is compiled, ships with Python, and keeps
positions, so a phrase of consecutive bigrams is answered in C with the same guarantee:
a paragraph matches exactly when its normalised text contains the query string, whatever
jieba does with it. Whoosh keeps the jieba words (ranking), stored fields and columns.

Each paragraph is a row whose rowid is its *key*, a number Whoosh stores in a column;
keys are never reused, so rows of replaced paragraphs are simply no longer live (the
searcher only maps keys Whoosh still holds), which keeps every build atomic: the rows go
in first and become visible only with the Whoosh commit. Dead rows are dropped when the
table is rewritten (a rebuild, or compact() when too many pile up).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from urllib.parse import quote
import numpy as np

from ..query import And, Node, Not, Or, Query, QueryError, Term, phrase_gaps, top_split

FILE_NAME = "exact.sqlite"
END = "\U000f0003"  # closes the last bigram, so every character begins one (one-character queries)

# FTS5's ascii tokenizer splits on ASCII punctuation and spaces and keeps every other
# character: ASCII characters other than letters and digits are moved to a private-use
# plane so that a bigram such as "5%" or "g," stays one token.
_SAFE = {c: 0xF0000 + c for c in range(128) if not chr(c).isalnum()}  # END is the moved U+0003


def gram_tokens(norm: str) -> str:
    """The bigrams of normalised text as FTS5 tokens, one per character offset."""
    if not norm:
        return ""
    s = (norm + END).translate(_SAFE)
    return " ".join(s[i : i + 2] for i in range(len(s) - 1))


def phrase_expression(term: str) -> str:
    """An FTS5 phrase for one normalised query term."""
    s = term.translate(_SAFE)
    if len(s) == 1:
        return f'"{s}" *'  # a prefix of some bigram: any occurrence of the character
    return '"' + " ".join(s[i : i + 2] for i in range(len(s) - 1)) + '"'


# A phrase with more spaces than this is matched as its neighbouring pairs (each pair exactly,
# the pairs not necessarily at one place): the variants multiply (35 per space). A positive
# one is then checked on each candidate's text (archive/conditions.py).
MAX_EXACT_GAPS = 2


def _term(t: Term) -> str:
    """A term as FTS5: one phrase, or for a phrase typed with spaces, the OR of its variants
    (each space as nothing or one character of data/phrase_gaps.tsv)."""
    if len(t.parts) == 1:
        return phrase_expression(t.parts[0])
    if len(t.parts) - 1 > MAX_EXACT_GAPS:
        return "(" + " AND ".join(_term(Term(t.parts[i : i + 2])) for i in range(len(t.parts) - 1)) + ")"
    variants = [t.parts[0]]
    for part in t.parts[1:]:
        variants = [v + g + part for v in variants for g in phrase_gaps()]
    return "(" + " OR ".join(phrase_expression(v) for v in variants) + ")"


def expression(node: Node) -> str:
    """A query tree as one FTS5 expression (every group parenthesised: FTS5's own
    precedence, NOT over AND over OR, never decides). Top-level exclusions without a
    positive part are the caller's (see match_expression)."""
    if isinstance(node, Term):
        return _term(node)
    if isinstance(node, Or):
        return "(" + " OR ".join(expression(c) for c in node.children) + ")"
    if isinstance(node, And):
        pos = [expression(c) for c in node.children if not isinstance(c, Not)]
        neg = [expression(c.child) for c in node.children if isinstance(c, Not)]
        if not pos:
            raise QueryError("NOT needs a term to subtract from", "not_alone")
        out = pos[0] if len(pos) == 1 else "(" + " AND ".join(pos) + ")"
        return f"({out} NOT ({' OR '.join(neg)}))" if neg else out
    raise QueryError("NOT needs a term to subtract from", "not_alone")


def match_expression(q: Query) -> str | None:
    """The query's terms as one FTS5 expression (None when it has no positive terms)."""
    pos, neg = top_split(q.tree)
    if pos is None:
        return None
    expr = expression(pos)
    if neg:
        expr = f"{expr} NOT ({exclusion_expression(q)})"
    return expr


def exclusion_expression(q: Query) -> str | None:
    """The top-level excluded terms alone (for a query of filters and exclusions)."""
    _, neg = top_split(q.tree)
    return " OR ".join(expression(n) for n in neg) if neg else None


SCHEMA = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5("
    "g, content='', columnsize=0, detail=full, tokenize='ascii');"
    "CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value INTEGER)"
)


class ExactIndex:
    """One FTS5 file. Readers get a connection per thread (sqlite3 connections are not
    shared across threads); the writer is whoever calls add() and commit()."""

    def __init__(self, path: Path, create: bool = False, readonly: bool = False) -> None:
        self.path, self.readonly = path, readonly
        if not create and not path.exists():
            raise FileNotFoundError(f"no exact-match index at {path}: run 'archive index --rebuild'")
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []  # every thread's, for close_all()
        self._readers_lock = threading.Lock()
        self._writer: sqlite3.Connection | None = None
        if create:
            con = self._connect()
            try:
                con.executescript(SCHEMA)
            except sqlite3.OperationalError as exc:
                if "fts5" in str(exc):
                    raise RuntimeError(
                        f"this Python's SQLite ({sqlite3.sqlite_version}) was built without FTS5, "
                        "which the exact-match index needs"
                    ) from exc
                raise
            finally:
                con.close()  # the writer's own connection must be the only one at commit

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            # a published generation never changes: no locks, no journal to look for
            uri = "file:" + quote(str(self.path.resolve())) + "?mode=ro&immutable=1"
            con = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            con.execute("PRAGMA cache_size=-1024")  # 1 MB a connection (one per thread)
            return con
        con = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        return con

    def _reader(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = self._connect()
            with self._readers_lock:
                self._readers.append(con)
        return con

    # --- writing ---------------------------------------------------------------------------
    def meta(self, name: str, con: sqlite3.Connection | None = None) -> int:
        row = (con or self._reader()).execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else 0

    def begin(self) -> int:
        """Start the write transaction; returns the first key never given to a row (kept in
        meta: a contentless table cannot be scanned for its largest rowid)."""
        self._writer = self._connect()
        self._writer.execute("BEGIN")
        self._next, self._rows = self.meta("next_key", self._writer) or 1, self.meta("rows", self._writer)
        return self._next

    def add(self, rows: list[tuple[int, str]]) -> None:
        """(key, normalised paragraph text) rows, keys ascending, inside begin()'s transaction."""
        assert self._writer is not None, "begin() first"
        self._writer.executemany(
            "INSERT INTO grams(rowid, g) VALUES (?, ?)", ((k, gram_tokens(norm)) for k, norm in rows)
        )
        if rows:
            self._next = max(self._next, rows[-1][0] + 1)
            self._rows += len(rows)

    def commit(self, optimize: bool = False) -> None:
        """``optimize`` merges the table into one b-tree (after a fresh build: faster
        queries; too costly after every small update, where FTS5's automerge suffices)."""
        if self._writer is not None:
            self._writer.execute("INSERT OR REPLACE INTO meta VALUES ('next_key', ?)", (self._next,))
            self._writer.execute("INSERT OR REPLACE INTO meta VALUES ('rows', ?)", (self._rows,))
            self._writer.execute("COMMIT")
            if optimize:
                self._writer.execute("INSERT INTO grams(grams) VALUES ('optimize')")
            # one self-contained file, as readers open it read-only and never look for a WAL
            self._writer.execute("PRAGMA journal_mode=DELETE")
            self._writer.close()
            self._writer = None

    def rollback(self) -> None:
        if self._writer is not None:
            try:
                if self._writer.in_transaction:
                    self._writer.execute("ROLLBACK")
            finally:
                self._writer.close()
                self._writer = None

    # --- reading ---------------------------------------------------------------------------
    def keys(self, expression: str) -> np.ndarray:
        """Keys of the rows matching an FTS5 expression (in no particular order).

        SQLite joins them into one string and numpy parses it: a third of the time of
        fetching half a million rows one Python tuple at a time."""
        row = (
            self._reader()
            .execute("SELECT group_concat(rowid) FROM grams WHERE grams MATCH ?", (expression,))
            .fetchone()
        )
        if not row or not row[0]:
            return np.zeros(0, dtype=np.int64)
        return np.fromstring(row[0], dtype=np.int64, sep=",")

    def close(self) -> None:
        """Close this thread's reader connection (others close when their thread's local goes)."""
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None
            with self._readers_lock:
                if con in self._readers:
                    self._readers.remove(con)

    def close_all(self) -> None:
        """Close every thread's reader connection (the generation is no longer used by anyone;
        connections are made with check_same_thread=False, so any thread may close them)."""
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for con in readers:
            con.close()
