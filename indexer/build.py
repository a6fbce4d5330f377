"""Writing the index: incremental by default, atomic either way.

An incremental run deletes and re-adds only the documents whose file, catalog entry or
pipeline changed, in one Whoosh commit: until that commit the old index is what readers
see, and a failure cancels it. A rebuild (or a new analyzer/dictionary) writes a fresh
index beside the served one and swaps it in only when it is complete.
"""
from __future__ import annotations

import hashlib
from array import array
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from whoosh import index as windex

from archive import store
from archive.analysis import ANALYSIS_VERSION
from archive.config import Limits
from archive.exact import FILE_NAME as EXACT_FILE
from archive.exact import ExactIndex
from archive.ids import OutsideHome, path_inside, safe_id
from archive.model import Document, paragraph_id
from archive.textnorm import normalize

from .catalog import CATALOG_NAME, CatalogError, Entry, load_catalog
from .pipeline import build_document
from .dedup import DuplicateFinder, fingerprint
from .reuse import find_reuse
from .writer import open_writer
from .limits import check_file
from .read import SUPPORTED, ReadError, is_collection_note, read_sources

# Bump when reading, repair, splitting or tagging changes what a file yields.
PIPELINE_VERSION = "p4"


@dataclass
class Source:
    path: Path
    entry: Entry | None
    display: str


@dataclass
class BuildReport:
    home: str
    documents: int = 0
    paragraphs: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    uncataloged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str, float]] = field(default_factory=list)   # (path, kept doc id, similarity)
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)    # read, but with something lost or changed
    undated: list[str] = field(default_factory=list)     # no issue year found: left null, not guessed
    formats: dict[str, dict[str, int]] = field(default_factory=dict)
    rebuilt: bool = False
    reason: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def display_path(path: Path) -> str:
    """Paths under the working directory are shown relative to it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


def collect(paths: Iterable[Path], report: BuildReport) -> list[Source]:
    """Every supported file under the given paths, with its catalog entry if any."""
    out: list[Source] = []
    catalogs: dict[Path, dict[str, Entry]] = {}
    for root in paths:
        if not root.exists():
            report.skipped.append((str(root), "no such file or directory"))
            continue
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for f in files:
            if f.name in (CATALOG_NAME, "collection.toml") or f.name.startswith("."):
                continue
            if f != root and is_collection_note(f):
                continue
            if f.suffix.lower() not in SUPPORTED:
                if root.is_file():
                    report.skipped.append((display_path(f), f"unsupported file type {f.suffix or '(none)'}"))
                continue
            d = f.parent
            if d not in catalogs:
                try:
                    catalogs[d] = load_catalog(d)
                except CatalogError as exc:
                    report.skipped.append((display_path(d / CATALOG_NAME), f"catalog unreadable: {exc}"))
                    catalogs[d] = {}
            out.append(Source(f, catalogs[d].get(f.name), display_path(f)))
    return out


def unique_id(doc_id: str, fmt: str, taken: dict[str, str]) -> str:
    """嘉兴 is taken (嘉兴.txt): the Word file becomes 嘉兴-docx, then 嘉兴-docx-2 …"""
    cand, k = f"{doc_id}-{fmt}", 2
    while cand in taken:
        cand, k = f"{doc_id}-{fmt}-{k}", k + 1
    return cand


def rename(doc: Document, doc_id: str) -> None:
    doc.doc_id = doc_id
    for p in doc.paragraphs:
        p.doc_id = doc_id
        p.id = paragraph_id(doc_id, p.n)


def fmt_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return {"htm": "html", "xhtml": "html", "ndjson": "jsonl", "json": "jsonl", "text": "txt", "md": "txt"}.get(suffix, suffix)


def signature(src: Source, data: bytes) -> str:
    h = hashlib.sha256(data)
    h.update(json.dumps(asdict(src.entry) if src.entry else None, sort_keys=True).encode())
    h.update(PIPELINE_VERSION.encode())
    return h.hexdigest()


def build(paths: list[Path], home: Path, *, rebuild: bool = False, keep_duplicates: bool = False,
          progress: Callable[[Source, int, int], None] | None = None,
          process: Callable[[Source], Document] | None = None, limits: Limits | None = None) -> BuildReport:
    t0 = time.perf_counter()
    limits = limits or Limits.from_env()
    home.mkdir(parents=True, exist_ok=True)
    report = BuildReport(home=str(home))
    manifest = store.read_manifest(home)
    old_docs: dict[str, dict] = manifest.get("documents", {}) if store.exists(home) else {}
    if not store.exists(home):
        rebuild, report.reason = True, ("the index was written by another version of the archive"
                                        if store.index_dir(home).is_dir() else "no index yet")
    elif manifest.get("format") != store.FORMAT:
        rebuild, report.reason = True, f"index format changed ({manifest.get('format')} -> {store.FORMAT})"
    elif manifest.get("analysis") != ANALYSIS_VERSION:
        rebuild, report.reason = True, f"analyzer or dictionary changed ({manifest.get('analysis')} -> {ANALYSIS_VERSION})"
    elif rebuild:
        report.reason = "--rebuild"
    report.rebuilt = rebuild

    sources = collect(paths, report)
    if rebuild and old_docs:
        # documents indexed from other roots earlier are re-read from where they came from
        seen = {s.path.resolve() for s in sources}
        extra_roots = [Path(d["path"]) for d in old_docs.values() if Path(d["path"]).resolve() not in seen]
        sources += [s for s in collect([p for p in extra_roots if p.exists()], BuildReport(home=str(home)))]
    process = process or (lambda s, st, display: build_document(s.path, s.entry, display, st,
                                                                max_paragraph_chars=limits.paragraph_chars))

    by_path: dict[str, list[tuple[str, dict]]] = {}
    for doc_id, d in old_docs.items():
        by_path.setdefault(d["path"], []).append((doc_id, d))
    new_docs: dict[str, dict] = {} if rebuild else dict(old_docs)
    seen_ids: dict[str, str] = {}
    kept = DuplicateFinder(new_docs)
    session = WriterSession(home, fresh=rebuild, files=len(sources))
    try:
        _run(sources, session, report, process, progress, rebuild=rebuild, keep_duplicates=keep_duplicates,
             by_path=by_path, old_docs=old_docs, new_docs=new_docs, seen_ids=seen_ids, kept=kept, limits=limits)
        _find_removed(paths, report, rebuild, old_docs, new_docs, seen_ids)
        for doc_id in report.removed:
            session.remove(doc_id)
        session.finish(report.removed)
    except BaseException:
        session.abort()
        raise
    if session.touched or report.removed or not store.similar_path(home).exists():
        _save_reuse(home)
    store.write_json_atomic(store.manifest_path(home), {
        "analysis": ANALYSIS_VERSION, "format": store.FORMAT, "pipeline": PIPELINE_VERSION, "built_at": time.time(),
        "documents": new_docs})
    report.documents = len(new_docs)
    report.paragraphs = sum(d["paragraphs"] for d in new_docs.values())
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


def _run(sources, session, report, process, progress, *, rebuild, keep_duplicates, by_path, old_docs, new_docs,
         seen_ids, kept, limits) -> None:
    """Read every source and hand each new or changed document to the writer session."""
    for i, src in enumerate(sources, start=1):
        if progress:
            progress(src, i, len(sources))
        fmt = fmt_of(src.path)
        counts = report.formats.setdefault(fmt, {"files": 0, "documents": 0, "skipped": 0})
        try:
            check_file(src.path, src.path.stat().st_size, limits)     # before reading it whole
            data = src.path.read_bytes()
        except ReadError as exc:
            report.skipped.append((src.display, str(exc)))
            counts["skipped"] += 1
            continue
        except OSError as exc:
            report.skipped.append((src.display, f"cannot open: {exc.strerror or exc}"))
            counts["skipped"] += 1
            continue
        sig = signature(src, data)
        prior = by_path.get(str(src.path.resolve()), [])
        if not rebuild and prior and all(d["sha"] == sig for _, d in prior):
            report.unchanged += len(prior)
            counts["files"] += 1
            counts["documents"] += len(prior)
            for doc_id, _ in prior:
                seen_ids[doc_id] = src.display
            continue
        try:
            units = read_sources(src.path)
        except ReadError as exc:
            report.skipped.append((src.display, str(exc)))
            counts["skipped"] += 1
            continue
        counts["files"] += 1
        for unit in units:
            display = src.display + (f"#{unit.part}" if unit.part else "")
            read_warnings = len(unit.warnings)      # the reader's are the file's; the pipeline's, this document's
            try:
                doc = process(src, unit, display)
            except ReadError as exc:
                report.skipped.append((display, str(exc)))
                counts["skipped"] += 1
                continue
            finally:
                report.warnings += [(src.display if k < read_warnings else display, w)
                                    for k, w in enumerate(unit.warnings)]
            if not doc.paragraphs:
                report.skipped.append((display, "no text left after removing boilerplate"))
                counts["skipped"] += 1
                continue
            fp, sketch = fingerprint(doc)
            twin = None if keep_duplicates else kept.match(fp, sketch, origin=display)
            if twin:
                twin_id, similarity = twin
                report.duplicates.append((display, twin_id, similarity))
                aliases = new_docs[twin_id].setdefault("aliases", [])
                if display not in aliases:
                    aliases.append(display)
                if doc.doc_id != twin_id and (new_docs.get(doc.doc_id) or {}).get("display") == display:
                    new_docs.pop(doc.doc_id)        # indexed before, a duplicate now
                    if doc.doc_id in old_docs:
                        report.removed.append(doc.doc_id)
                continue
            given_id = (src.entry.id if src.entry else None) or unit.meta.get("id")
            if given_id and safe_id(given_id) != given_id:
                report.warnings.append((display, f"id {given_id!r} is not a safe file name: stored as {doc.doc_id}"))
            if doc.doc_id in seen_ids:
                if src.entry and src.entry.id and safe_id(src.entry.id) == doc.doc_id:
                    report.skipped.append((display, f"document id {doc.doc_id} already used by {seen_ids[doc.doc_id]}"))
                    counts["skipped"] += 1
                    continue
                rename(doc, unique_id(doc.doc_id, fmt, seen_ids))
            seen_ids[doc.doc_id] = display
            counts["documents"] += 1
            if not doc.cataloged and not unit.part:
                report.uncataloged.append(display)
            if doc.level is None or doc.place_note:
                report.unplaced.append((display, doc.place_note or "no place"))
            if doc.year is None:
                report.undated.append(display)
            (report.updated if doc.doc_id in old_docs else report.added).append(doc.doc_id)
            session.add(doc, unit.text)
            new_docs[doc.doc_id] = {"path": str(src.path.resolve()), "display": display, "sha": sig,
                                    "paragraphs": len(doc.paragraphs), "title": doc.title,
                                    "cataloged": doc.cataloged, "format": fmt, "level": doc.level,
                                    "fingerprint": fp, "sketch": sketch, "given_id": given_id,
                                    "aliases": (old_docs.get(doc.doc_id) or {}).get("aliases", [])
                                    if not rebuild else []}
            kept.add(doc.doc_id, fp, sketch, display)



def _find_removed(paths, report, rebuild, old_docs, new_docs, seen_ids) -> None:
    """Documents whose file is gone, or that a scanned folder no longer holds."""
    roots = [p.resolve() for p in paths if p.exists()]
    for doc_id, d in list(new_docs.items()):
        if doc_id in seen_ids:
            continue
        p = Path(d["path"])
        under_root = any(p == r or r in p.parents for r in roots)
        if not p.exists() or under_root:
            new_docs.pop(doc_id)
            if doc_id in old_docs and doc_id not in report.removed:
                report.removed.append(doc_id)
    if rebuild:
        report.removed = [d for d in old_docs if d not in new_docs]


class WriterSession:
    """Documents go into the index as they are made, so memory stays flat however large the
    collection; nothing is visible to readers until finish(), and abort() leaves the served
    index as it was. A fresh build writes beside the served index and swaps it in."""

    def __init__(self, home: Path, fresh: bool, files: int) -> None:
        self.home, self.fresh = home, fresh
        self.touched = False
        self.staging = home / f"index.building-{os.getpid()}"
        self.sources = home / f"sources.building-{os.getpid()}"
        shutil.rmtree(self.sources, ignore_errors=True)
        self.sources.mkdir(parents=True)
        self.source_names: list[str] = []
        if fresh:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging.mkdir(parents=True)
            ix = windex.create_in(str(self.staging), store.schema(), indexname=store.INDEX_NAME)
            self.exact = ExactIndex(self.staging / EXACT_FILE, create=True)
            # Whoosh's multiprocess writer analyses and writes postings on every core; it pays
            # for its start-up only on larger builds
            procs = min(os.cpu_count() or 1, 4) if files >= 50 else 1
            self.writer = open_writer(ix, procs)
        else:
            self.writer = open_writer(store.open_index(home), 1)
            self.exact = store.open_exact(home)
        # keys are never reused: rows of replaced paragraphs stay behind, unreachable
        self.key = self.exact.begin()

    def add(self, doc: Document, source_text: str) -> None:
        if not self.fresh:
            self.writer.delete_by_term("doc_id", doc.doc_id)
        rows = []
        for p in doc.paragraphs:
            d = p.to_dict()
            norm = normalize(d["text"])
            self.writer.add_document(**store.to_fields(d, self.key, norm))
            rows.append((self.key, norm))
            self.key += 1
        self.exact.add(rows)
        path_inside(self.sources, f"{doc.doc_id}.txt").write_text(source_text, encoding="utf-8")
        self.source_names.append(doc.doc_id)
        self.touched = True

    def remove(self, doc_id: str) -> None:
        if not self.fresh:
            self.writer.delete_by_term("doc_id", doc_id)
            self.touched = True

    def finish(self, removed: list[str]) -> None:
        # exact rows first: until the Whoosh commit no live paragraph points at them
        self.exact.commit(optimize=self.fresh)
        if self.fresh or self.touched:
            self.writer.commit()
        else:
            self.writer.cancel()
        if self.fresh:
            target = store.index_dir(self.home)
            old = self.home / f"index.old-{os.getpid()}"
            if target.exists():
                os.replace(target, old)
            os.replace(self.staging, target)
            shutil.rmtree(old, ignore_errors=True)
        d = store.sources_dir(self.home)
        d.mkdir(parents=True, exist_ok=True)
        for doc_id in self.source_names:
            os.replace(path_inside(self.sources, f"{doc_id}.txt"), path_inside(d, f"{doc_id}.txt"))
        for doc_id in removed:
            try:
                path_inside(d, f"{doc_id}.txt").unlink(missing_ok=True)
            except OutsideHome:        # an unsafe id of an older version: never delete outside
                pass
        shutil.rmtree(self.sources, ignore_errors=True)

    def abort(self) -> None:
        try:
            self.exact.rollback()
            self.writer.cancel()
        finally:
            shutil.rmtree(self.sources, ignore_errors=True)
            if self.fresh:
                shutil.rmtree(self.staging, ignore_errors=True)


def _save_reuse(home: Path) -> None:
    """Recompute which paragraphs reuse text from other documents (over the whole index)."""
    ix = store.open_index(home, mmap=False)
    with ix.searcher() as s:
        docnums = array("q")

        def paragraphs():
            for docnum, f in s.reader().iter_docs():
                docnums.append(docnum)
                yield f["id"], f["doc_id"], f["text"]
        similar = find_reuse(paragraphs(), text_of=lambda i: s.stored_fields(docnums[i])["text"])
    store.write_json_atomic(store.similar_path(home), similar)


