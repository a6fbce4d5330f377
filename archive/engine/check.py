"""Refuse a Whoosh this code was not checked against, loudly, instead of answering wrongly.

The raw readers (raw.py) and the writer (writer.py) rely on private layouts of Whoosh's files
and classes. A different Whoosh could still import and run, and give wrong facet counts or
scores without an error. So before the first index is opened or created: the installed
version must be one listed here, and the raw readers must give, on a small index built in
memory, exactly what Whoosh's own readers give.
"""

from __future__ import annotations

import threading
from typing import Any

# whoosh.versionstring() values whose layouts the raw readers were checked against (the whole
# suite passes on each): Whoosh-Reloaded 2.7.5 and whoosh3 3.54.0 (same import name, same
# on-disk format).
SUPPORTED = ("2.7.5", "3.54.0")


class EngineError(RuntimeError):
    """The installed search engine is not one this code knows how to read."""


_lock = threading.Lock()
_checked: str | None = None


def whoosh_version() -> str:
    import whoosh

    return str(whoosh.versionstring())


def check_engine(version: str | None = None) -> None:
    """Raise EngineError unless the installed Whoosh is supported and its layouts are as the
    raw readers expect. Runs once per process (a few milliseconds); ``version`` overrides the
    installed one (for the tests)."""
    global _checked
    v = version or whoosh_version()
    if _checked == v:
        return
    with _lock:
        if v not in SUPPORTED:
            raise EngineError(
                f"Whoosh {v} is not supported (supported: {', '.join(SUPPORTED)}): this archive reads "
                "Whoosh's column and posting files directly, and another version may lay them out "
                "differently. Install a supported version (pip install -e . installs the pinned one)."
            )
        problem = layout_problem()
        if problem:
            raise EngineError(
                f"Whoosh {v}: {problem}; the archive's raw readers would answer wrongly, so they "
                "refuse to run (archive/engine/raw.py)"
            )
        _checked = v


def layout_problem() -> str | None:
    """None when raw.py reads a small in-memory index exactly as Whoosh's own readers do,
    else what differs."""
    from whoosh.filedb.filestore import RamStorage
    from whoosh.columns import RefBytesColumn
    from whoosh.fields import ID, NUMERIC, TEXT, Schema

    from . import raw

    schema = Schema(
        tag=ID(stored=True, sortable=RefBytesColumn()),
        num=NUMERIC(stored=True, sortable=True),
        signed=NUMERIC(numtype=int, bits=32, signed=True, sortable=True),
        body=TEXT(),
    )

    class _InMemory(RamStorage):  # type: ignore[misc]
        """Whoosh-Reloaded 2.7.5's RamStorage (whoosh3 fixed it) spills a writer's posting pool to a file storage named
        $TMPDIR/MAIN.tmp: a fixed name, so two processes checking at once collide (and it writes
        outside the archive home). The pool keeps working in memory instead."""

        def temp_storage(self, name: str | None = None) -> RamStorage:
            return RamStorage()

    ix = _InMemory().create_index(schema)
    w = ix.writer()
    docs = [
        ("b", 7, -3, "alpha beta beta"),
        ("a", 70000, 5, "beta"),
        ("b", 0, 0, "gamma alpha"),
        ("c", 12, -70000, "alpha alpha alpha"),
    ]
    for tag, num, signed, body in docs:
        w.add_document(tag=tag, num=num, signed=signed, body=body)
    w.commit()
    w = ix.writer()
    w.delete_document(1)
    w.commit(merge=False)
    try:
        with ix.searcher() as s:
            for seg, _ in s.reader().leaf_readers():
                problem = _compare(seg, raw)
                if problem:
                    return problem
    except (AttributeError, TypeError, ValueError) as exc:
        return f"an internal it relies on is gone or changed ({type(exc).__name__}: {exc})"
    return None


def _compare(seg: Any, raw: Any) -> str | None:
    n = seg.doc_count_all()
    fast = raw.fast_paths(seg, numeric="num", coded="tag", text="body", word=b"alpha")
    if not all(fast.values()):
        # the readers would still be right (they fall back to Whoosh's iteration), but a layout
        # they were written for is gone: that is a different Whoosh, not a tested one
        return "not the layout the raw readers were written for: " + ", ".join(k for k, ok in fast.items() if not ok)
    for name in ("num", "signed"):
        ours = raw.leaf_numeric(seg, name).tolist()
        theirs = [v or 0 for v in seg.column_reader(name)]
        if ours != theirs:
            return f"numeric column {name}: raw {ours} != Whoosh {theirs}"
    codes, values = raw.leaf_coded(seg, "tag")
    ours_tags = [values[c] for c in codes.tolist()]
    if ours_tags != list(seg.column_reader("tag")):
        return f"value column: raw {ours_tags} != Whoosh {list(seg.column_reader('tag'))}"
    live = raw.live_docnums(seg).tolist()
    if live != [d for d in range(n) if not seg.is_deleted(d)]:
        return "deleted documents differ"
    for word in ("alpha", "beta", "gamma"):
        ids, weights = raw.leaf_postings("body", seg, word.encode())
        keep = [i in live for i in ids.tolist()]  # raw postings keep deleted documents
        ids, weights = ids[keep], weights[keep]
        m = seg.postings("body", word.encode())
        theirs_ids, theirs_w = [], []
        while m.is_active():
            theirs_ids.append(m.id())
            theirs_w.append(m.weight())
            m.next()
        if ids.tolist() != theirs_ids or weights.tolist() != theirs_w:
            return f"postings of {word!r}: raw {ids.tolist()}/{weights.tolist()} != Whoosh {theirs_ids}/{theirs_w}"
    lengths = raw.leaf_lengths("body", seg).tolist()
    theirs_len = [float(seg.doc_field_length(d, "body")) for d in range(n)]
    if lengths != theirs_len:
        return f"field lengths: raw {lengths} != Whoosh {theirs_len}"
    return None
