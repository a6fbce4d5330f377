"""The index on disk: its schema, its layout in the archive home, and opening it (here only).

home/
  CURRENT         the name of the generation that is served, replaced atomically (os.replace)
  gen-000007/     one generation, never changed once CURRENT names it:
    ...           the Whoosh index, with exact.sqlite (archive/engine/exact.py) beside it
    sources/      a copy of each source file as decoded, for the source view (a scan's
                  page sizes and line boxes beside it, <doc_id>.ocr.json)
    manifest.json what was indexed from where, with hashes and the analysis version
    similar.json  paragraphs that reuse text from other documents
  gen-000008.building/   a build in progress (removed by the next build if its builder died)
  ocr/<sha256>/   OCR results and page images of scanned files, by file hash, shared by
                  all generations (indexer/ocr/cache.py)

Why generations: a reader opens everything of one generation and sees exactly that until it
closes it; a build writes the next generation beside it (an incremental build starts from
hard links to the current one's files) and publishes it with one atomic replace of CURRENT.
A kill at any moment leaves CURRENT naming a complete generation. Readers hold a shared
lock on their generation's READERS file so that a build never deletes one still in use.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
from pathlib import Path
from typing import Any

from .analysis import words_analyzer
from .engine import schema as engine_schema

# An index's pickled schema names these classes here (indexes built before archive/engine/).
from .engine.schema import ColumnNumber, FacetField  # noqa: F401
from .engine.exact import FILE_NAME as EXACT_FILE
from .engine.exact import ExactIndex
from .fields import layout_digest

# The paragraph <-> stored fields mapping is archive/record.py; these names stay importable
# here for code written against store.* while others' work lands on top of the move.
from .record import NONE, from_fields, to_fields  # noqa: F401

INDEX_NAME = "paragraphs"
# Bump when the schema or the exact-match table changes: an index in another format is rebuilt.
# The field declaration's digest is part of it: a field added or changed needs no bump here.
FORMAT = f"f5-{layout_digest()}"


class IndexMissing(Exception):
    """No index has been built in this home yet."""


def schema() -> Any:
    """The index schema: the field declaration in Whoosh's terms (archive/engine/schema.py)."""
    return engine_schema.schema(words_analyzer())


def create_index(folder: Path) -> Any:
    """A new, empty index in a generation folder being built."""
    return engine_schema.create_index(folder, INDEX_NAME, schema())


CURRENT = "CURRENT"
OCR_SUFFIX = ".ocr.json"  # sources/<doc_id>.ocr.json: a scan's layout for the page view
READERS = "READERS"  # readers hold a shared flock on it; a build deletes only unlocked generations
GENERATION = re.compile(r"gen-(\d{6,})")


def current_name(home: Path) -> str | None:
    """The served generation's folder name, or None when there is none."""
    try:
        name = (home / CURRENT).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return name if GENERATION.fullmatch(name) else None


def generation_dir(home: Path, name: str | None = None) -> Path:
    """A generation's folder (the served one by default; home/index when there is none, the
    folder of versions before generations, kept so that their manifest can still be read)."""
    name = name or current_name(home)
    return home / name if name else home / "index"


def generations(home: Path) -> list[str]:
    """Names of the complete generation folders in the home, oldest first."""
    if not home.is_dir():
        return []
    return sorted(
        (p.name for p in home.iterdir() if GENERATION.fullmatch(p.name) and p.is_dir()), key=lambda n: int(n[4:])
    )


def next_name(home: Path) -> str:
    """A generation name higher than any in the home (built or being built)."""
    numbers = [int(m.group(1)) for p in (home.iterdir() if home.is_dir() else []) if (m := GENERATION.match(p.name))]
    return f"gen-{max(numbers, default=0) + 1:06d}"


def publish(home: Path, name: str) -> None:
    """Make ``name`` the served generation: one atomic replace of CURRENT (flushed to disk, so
    that no crash can leave a pointer to a generation whose files were not written)."""
    _fsync_tree(home / name)
    tmp = home / (CURRENT + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, home / CURRENT)
    _fsync_dir(home)


def _fsync_dir(d: Path) -> None:
    fd = os.open(d, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(d: Path) -> None:
    for p in [d, *d.rglob("*")]:
        if p.is_dir():
            _fsync_dir(p)
        else:
            with open(p, "rb") as f:
                os.fsync(f.fileno())


def index_dir(home: Path) -> Path:
    return generation_dir(home)


def sources_dir(home: Path) -> Path:
    return generation_dir(home) / "sources"


def similar_path(home: Path) -> Path:
    return generation_dir(home) / "similar.json"


def manifest_path(home: Path) -> Path:
    d = generation_dir(home)
    return d / "manifest.json" if current_name(home) else home / "manifest.json"


def complete(d: Path) -> bool:
    """A complete index this version can read (an older version's index is not one: its
    schema names analyzers that are gone, and it has no exact-match file)."""
    try:
        return d.is_dir() and engine_schema.index_exists(d, INDEX_NAME) and (d / EXACT_FILE).is_file()
    except Exception:
        return False


def exists(home: Path) -> bool:
    return current_name(home) is not None and complete(generation_dir(home))


def open_index(home: Path, mmap: bool = True, *, folder: Path | None = None) -> Any:
    """The served index of this home (or of one generation ``folder``). Everything that reads
    the index comes through here.

    ``mmap=False`` for one pass over everything (the build's reuse step): mapped pages of a
    multi-gigabyte index count as the process's memory until the system reclaims them."""
    d = folder or generation_dir(home)
    if not complete(d):
        raise IndexMissing(f"no index in {home}: run 'archive index' first")
    return engine_schema.open_index(d, INDEX_NAME, mmap=mmap)


def open_exact(home: Path, *, folder: Path | None = None) -> ExactIndex:
    """The exact-match index that goes with the Whoosh index of the same generation, read-only
    (a published generation never changes, so SQLite need not lock or look for a journal)."""
    return ExactIndex((folder or generation_dir(home)) / EXACT_FILE, readonly=True)


class Generation:
    """One generation opened for reading: its folder, held (shared lock) until close()."""

    def __init__(self, home: Path) -> None:
        self._lock: Any = None  # the open file that holds the shared lock
        for _ in range(50):
            name = current_name(home)
            if name is None:
                raise IndexMissing(f"no index in {home}: run 'archive index' first")
            d = home / name
            try:
                f = open(d / READERS, "rb")  # every build writes one into its generation
            except FileNotFoundError:  # deleted since CURRENT was read: read it again
                continue
            fcntl.flock(f, fcntl.LOCK_SH)
            if (d / READERS).exists() and complete(d):  # not deleted while we waited
                self.name, self.dir, self._lock = name, d, f
                return
            f.close()
        raise IndexMissing(f"no stable index in {home}: is a build replacing it in a loop?")

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()  # releases the shared lock
            self._lock = None

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass


def try_lock_unused(d: Path) -> Any:
    """An exclusive lock on a generation no reader holds (None if one does); the caller deletes
    the folder while holding it, so a reader that locks after it finds the folder gone."""
    try:
        f = open(d / READERS, "rb")
    except FileNotFoundError:  # never finished: nobody can have opened it
        return open(os.devnull, "rb")
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        f.close()
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return None
        raise
    return f


def read_manifest(home: Path, folder: Path | None = None) -> dict[str, Any]:
    p = folder / "manifest.json" if folder else manifest_path(home)
    if not p.exists():
        return {"documents": {}}
    return json.loads(p.read_text(encoding="utf-8"))


def write_json_atomic(path: Path, data: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
