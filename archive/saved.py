"""Saved searches: a query, its filters and sort under a name, with an Atom feed and a count
of what is new since the last visit.

They live in one small SQLite file in the archive home (``saved.sqlite``, beside the
generations, so every build keeps them). There are no accounts: the archive is a
single-user or trusted-team tool, and whoever can reach it can read, add and delete saved
searches.

"New since the last visit": a visit stores a fingerprint of every paragraph the search
matched, its id and the hash of its document's source (``sha`` in the manifest), 8 bytes
each. A paragraph is new when its fingerprint is not among them: a paragraph of a document
indexed since, or of a document whose file changed. Fingerprints, unlike Whoosh docnums or
exact-index keys, survive a ``--rebuild``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
import time
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

import numpy as np

from . import store
from .fields import BY_NAME, DEFAULT_SORT, FILTER_ARGS, FILTER_FIELDS, SORTS
from .place_display import place_label
from .query import QueryError, parse

if TYPE_CHECKING:
    from .search import Archive

FILE_NAME = "saved.sqlite"
EXPORT_FORMAT = "township-archive-saved-searches"
MAX_NAME = 80
FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS saved(name TEXT PRIMARY KEY, query TEXT NOT NULL, filters TEXT NOT NULL, "
    "sort TEXT NOT NULL, created REAL NOT NULL, visited REAL, seen BLOB)"
)
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f/\\\ud800-\udfff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise QueryError("a saved search needs a name")
    if len(name) > MAX_NAME:
        raise QueryError(f"name too long: {len(name)} characters (at most {MAX_NAME})")
    if _BAD_NAME.search(name):
        raise QueryError("a name cannot hold '/', '\\' or control characters")
    return name


class SavedSearches:
    """The saved searches of one archive home (one connection per call: a single-user file)."""

    _lock = threading.Lock()

    def __init__(self, home: Path) -> None:
        self.path = Path(home) / FILE_NAME

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(str(self.path), timeout=10)
        con.execute(SCHEMA)
        return con

    def save(
        self,
        name: str,
        query: str,
        filters: dict[str, list[str]] | None = None,
        sort: str = DEFAULT_SORT,
        replace: bool = False,
    ) -> dict[str, Any]:
        """Store a search under a name; the query and filters are checked as the search would."""
        name = check_name(name)
        q = parse(query, filters)
        if q.is_empty():
            raise QueryError("nothing to save: the search has neither terms nor filters")
        if sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}")
        clean = {k: [str(v) for v in vals] for k, vals in (filters or {}).items() if vals}
        with self._lock, self._connect() as con:
            if not replace and con.execute("SELECT 1 FROM saved WHERE name = ?", (name,)).fetchone():
                raise QueryError(f"a saved search is already called {name!r}")
            con.execute(
                "INSERT OR REPLACE INTO saved(name, query, filters, sort, created) VALUES (?, ?, ?, ?, ?)",
                (name, query, json.dumps(clean, ensure_ascii=False), sort, time.time()),
            )
        got = self.get(name)
        assert got is not None
        return got

    def _row(self, r: tuple) -> dict[str, Any]:
        return {
            "name": r[0],
            "query": r[1],
            "filters": json.loads(r[2]),
            "sort": r[3],
            "created": _iso(r[4]),
            "last_visit": _iso(r[5]) if r[5] else None,
        }

    def get(self, name: str) -> dict[str, Any] | None:
        with self._connect() as con:
            r = con.execute(
                "SELECT name, query, filters, sort, created, visited FROM saved WHERE name = ?", (name,)
            ).fetchone()
        return self._row(r) if r else None

    def seen(self, name: str) -> np.ndarray | None:
        """Fingerprints of what the search matched at the last visit (None: never visited)."""
        with self._connect() as con:
            r = con.execute("SELECT seen FROM saved WHERE name = ?", (name,)).fetchone()
        if not r or r[0] is None:
            return None
        return np.frombuffer(r[0], dtype=np.uint64)

    def all(self) -> list[dict[str, Any]]:
        with self._connect() as con:
            rows = con.execute(
                "SELECT name, query, filters, sort, created, visited FROM saved ORDER BY name"
            ).fetchall()
        return [self._row(r) for r in rows]

    def delete(self, name: str) -> bool:
        with self._lock, self._connect() as con:
            return con.execute("DELETE FROM saved WHERE name = ?", (name,)).rowcount > 0

    def mark_visited(self, name: str, fingerprints: np.ndarray) -> None:
        blob = np.unique(fingerprints.astype(np.uint64)).tobytes()
        with self._lock, self._connect() as con:
            con.execute("UPDATE saved SET visited = ?, seen = ? WHERE name = ?", (time.time(), blob, name))

    def export(self) -> dict[str, Any]:
        """Every saved search as JSON (name, query, filters, sort, created), for import elsewhere."""
        return {
            "format": EXPORT_FORMAT,
            "version": 1,
            "searches": [{k: s[k] for k in ("name", "query", "filters", "sort", "created")} for s in self.all()],
        }

    def import_(self, data: Any, replace: bool = False) -> dict[str, Any]:
        """Add the searches of an export; a name already taken is skipped unless ``replace``.
        Every search is checked first: a bad one imports nothing."""
        if (
            not isinstance(data, dict)
            or data.get("format") != EXPORT_FORMAT
            or not isinstance(data.get("searches"), list)
        ):
            raise QueryError(f"not an export of saved searches (expected \"format\": \"{EXPORT_FORMAT}\")")
        items = []
        for i, s in enumerate(data["searches"], 1):
            if not isinstance(s, dict) or not isinstance(s.get("name"), str) or not isinstance(s.get("query", ""), str):
                raise QueryError(f"search {i}: needs a name and a query")
            filters = s.get("filters") or {}
            if not isinstance(filters, dict) or not all(isinstance(v, list) for v in filters.values()):
                raise QueryError(f"search {i} ({s['name']}): filters must be lists of values")
            try:
                check_name(s["name"])
                if parse(s.get("query", ""), filters).is_empty():
                    raise QueryError("neither terms nor filters")
                if s.get("sort", DEFAULT_SORT) not in SORTS:
                    raise QueryError(f"sort must be one of {', '.join(SORTS)}")
            except QueryError as exc:
                raise QueryError(f"search {i} ({s['name']}): {exc}") from None
            items.append((s["name"].strip(), s.get("query", ""), filters, s.get("sort", DEFAULT_SORT)))
        added, skipped = [], []
        taken = {s["name"] for s in self.all()}
        for name, query, filters, sort in items:
            if name in taken and not replace:
                skipped.append(name)
                continue
            self.save(name, query, filters, sort, replace=True)
            added.append(name)
        return {"added": added, "skipped": skipped}


def _iso(ts: float) -> str:
    """RFC 3339 with milliseconds: two builds can finish within one second, and a feed reader
    must still see that the feed changed."""
    return datetime.fromtimestamp(ts, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- what a saved search matches now ---------------------------------------------------------
_SHA_CACHE: dict[tuple[str, str], dict[str, str]] = {}


def _doc_shas(archive: "Archive") -> dict[str, str]:
    """doc_id -> hash of its source file, for the served generation (read once)."""
    v = archive.view()
    key = (str(archive.home), v.name)
    if key not in _SHA_CACHE:
        manifest = store.read_manifest(archive.home, folder=v.dir)
        _SHA_CACHE.clear()
        _SHA_CACHE[key] = {d: info.get("sha", "") for d, info in manifest.get("documents", {}).items()}
    return _SHA_CACHE[key]


def fingerprint(pid: str, sha: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{pid}\0{sha}".encode("utf-8"), digest_size=8).digest(), "big")


def fingerprints(archive: "Archive", query: str, filters: dict[str, list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(docnums the search matches now, their fingerprints), from the columns alone."""
    q = parse(query, filters)
    v = archive.view()
    cols = v.columns()
    docs = archive.docnums(q, v)
    shas = _doc_shas(archive)
    doc_values, doc_codes, ns = cols.values["doc_id"], cols.codes["doc_id"], cols.numbers["n"]
    fps = np.fromiter(
        (
            fingerprint(f"{doc_values[doc_codes[d]]}-{ns[d]}", shas.get(doc_values[doc_codes[d]] or "", ""))
            for d in docs
        ),
        dtype=np.uint64,
        count=len(docs),
    )
    return docs, fps


def status(archive: "Archive", saved: SavedSearches, s: dict[str, Any]) -> dict[str, Any]:
    """A saved search with what it matches now: {name, query, filters, sort, created,
    last_visit, total, new} (``new``: matches not seen at the last visit; all when never
    visited; both None, with ``error``, when the stored search cannot run: a file written by
    hand or by an older version must not take the whole list down)."""
    try:
        _docs, fps = fingerprints(archive, s["query"], s["filters"])
    except QueryError as exc:
        return {**s, "total": None, "new": None, "error": str(exc)}
    seen = saved.seen(s["name"])
    new = len(fps) if seen is None else int((~np.isin(fps, seen)).sum())
    return {**s, "total": int(len(fps)), "new": new}


def visit(archive: "Archive", saved: SavedSearches, name: str) -> dict[str, Any]:
    """Open a saved search: its status as it was, then everything it matches counts as seen."""
    s = saved.get(name)
    if s is None:
        raise KeyError(name)
    out = status(archive, saved, s)
    _docs, fps = fingerprints(archive, s["query"], s["filters"])
    saved.mark_visited(name, fps)
    return out


def _split_filters(s: dict[str, Any]) -> tuple[list[tuple[str, str]], list[str]]:
    """The filters as (URL argument, value) pairs where the search page has an argument for
    the field (fields.FILTER_ARGS), and as ``prefix:value`` query terms where it has none
    (doc:, kind:), so that what the page lists is what the count and the feed count."""
    pairs: list[tuple[str, str]] = []
    terms: list[str] = []
    for f, vals in s["filters"].items():
        name = FILTER_FIELDS.get(f, f)
        arg = BY_NAME[name].arg if name in BY_NAME else f
        if FILTER_ARGS.get(arg) == name:
            pairs += [(arg, v) for v in vals]
        else:
            terms += [f"{arg}:{v}" for v in vals]
    return pairs, terms


def search_args(s: dict[str, Any]) -> str:
    """The saved search as URL arguments of the search page."""
    pairs, terms = _split_filters(s)
    q = " ".join([s["query"], *terms]).strip()
    out = [("q", q)] if q else []
    out += pairs
    if s["sort"] != DEFAULT_SORT:
        out.append(("sort", s["sort"]))
    return urlencode(out)


def query_text(s: dict[str, Any]) -> str:
    """The saved search as one query of the query language (filters as township:… terms)."""
    pairs, terms = _split_filters(s)
    parts = [s["query"]] if s["query"] else []
    return " ".join([*parts, *(f"{a}:{v}" for a, v in pairs), *terms])


def _entry_time(p: dict[str, Any], fallback: str) -> str:
    """RFC 3339 time of a paragraph: its document's date (as precise as known), else its year."""
    m = re.match(r"(\d{4})(?:\D{1,2}(\d{1,2}))?(?:\D{1,2}(\d{1,2}))?", p.get("date") or "")
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        try:
            return datetime(y, mo, d, tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            pass
    if p.get("year"):
        return f"{p['year']:04d}-01-01T00:00:00Z"
    return fallback


def _xml_text(s: str | None) -> str:
    return _NOT_XML.sub("\ufffd", s or "")


def atom_feed(archive: "Archive", s: dict[str, Any], base_url: str, limit: int = FEED_ENTRIES) -> bytes:
    """The saved search's matching paragraphs, newest first, as an Atom 1.0 feed (RFC 4287).
    The feed's ``updated`` is when the served generation was built, so it changes with every
    re-index; each entry's is its document's date."""
    manifest = store.read_manifest(archive.home, folder=archive.view().dir)
    built = _iso(float(manifest.get("built_at") or time.time()))
    total, rows = archive.matches(s["query"], filters=s["filters"], sort="newest", cap=limit)
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = _xml_text(text)
        return el

    feed = ET.Element(f"{{{ATOM}}}feed")
    name = quote(s["name"], safe="")
    sub(feed, "id", f"{base_url}/saved/{name}/feed.atom")
    sub(feed, "title", f"{s['name']} · {s['query']}".strip(" ·"))
    sub(feed, "subtitle", f"{total} paragraphs match")
    sub(feed, "updated", built)
    sub(sub(feed, "author"), "name", "乡镇政府文本档案 · Township Government Texts Archive")
    sub(feed, "link", rel="self", href=f"{base_url}/saved/{name}/feed.atom", type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=f"{base_url}/?{search_args(s)}", type="text/html")
    sub(feed, "generator", "township-archive")
    for p in rows:
        e = sub(feed, "entry")
        link = f"{base_url}/p/{quote(p['id'])}"
        sub(e, "id", link)
        bits = [place_label(p), str(p.get("year") or ""), p.get("title") or p["doc_id"]]
        sub(e, "title", " · ".join(b for b in bits if b))
        sub(e, "updated", _entry_time(p, built))
        sub(e, "link", rel="alternate", href=link, type="text/html")
        if p.get("publisher"):
            sub(sub(e, "author"), "name", p["publisher"])
        sub(e, "content", p["text"], type="text")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False)
