"""Whoosh writers for the build: Whoosh's own, with one cost taken out.

When Whoosh closes a segment it writes every posting with the length of its document,
which it reads back from the lengths column once per posting (~100 per paragraph; a fifth
of the writing time). Here the lengths are read once per document and field. Everything
else, file formats included, is Whoosh's code; the multiprocess writer's workers use the
same class (they are forked from the process that set it).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from typing import Any

from whoosh import multiproc
from whoosh.writing import SegmentWriter


class _Lengths:
    """doc_field_length() from per-field lists filled on first use."""

    def __init__(self, pdr: Any, schema: Any) -> None:
        self.pdr, self.schema = pdr, schema
        self.n = pdr.doc_count_all()
        self.cache: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.cache.get(fieldname)
        if lengths is None:
            if fieldname in self.schema and self.schema[fieldname].scorable:
                lengths = [self.pdr.doc_field_length(d, fieldname, default) for d in range(self.n)]
            else:
                lengths = []
            self.cache[fieldname] = lengths
        return lengths[docnum] if docnum < len(lengths) else default


class LengthCachingWriter(SegmentWriter):
    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        postings = self.pool.iter_postings()
        self.fieldwriter.add_postings(self.schema, _Lengths(pdr, self.schema) if pdr else None, postings)
        self.fieldwriter.close()
        if pdr:
            pdr.close()


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux), so that a killed build
    leaves no worker behind; elsewhere, or if the parent is already gone, exit now or never."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


class _Task(multiproc.SubWriterTask):
    """Whoosh's worker process, which otherwise outlives a killed parent (blocked on its queue)."""

    def start(self) -> None:
        self._parent = os.getpid()
        super().start()

    def run(self) -> None:
        die_with_parent(self._parent)
        super().run()


class _MpWriter(multiproc.MpWriter):
    """Whoosh's multiprocess writer, without the empty segment of a worker that got no batch
    (a small build: 180 paragraphs are two batches for one worker). That segment has no
    column files, and reading the columns of the index then fails on it."""

    def _commit_toc(self, segments: list) -> None:
        super()._commit_toc([s for s in segments if s.doc_count_all() > 0])


def open_writer(ix: Any, procs: int, limitmb: int = 128) -> SegmentWriter:
    """A writer on ``ix``: one process, or Whoosh's multiprocess writer (one segment per
    worker) when procs > 1."""
    if procs > 1:
        multiproc.SegmentWriter = LengthCachingWriter  # what the forked workers construct
        multiproc.SubWriterTask = _Task
        return _MpWriter(ix, procs=procs, multisegment=True, limitmb=limitmb)
    return LengthCachingWriter(ix, limitmb=limitmb)
