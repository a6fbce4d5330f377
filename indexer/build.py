"""Writing the index: incremental by default, atomic either way.

Every build writes a new generation folder beside the served one (archive/store.py) and
publishes it with one atomic replace of the home's CURRENT pointer once it is complete:
index, exact table, source copies, reuse table and manifest. An incremental run starts its
generation from hard links to the current one's files (Whoosh segment files never change;
the exact table is copied) and deletes and re-adds only the documents whose file, catalog
entry or pipeline changed. A failure or a kill at any moment leaves the previous generation
serving; the next build removes what the dead one left (recover()) without re-reading any
source. A document leaves the archive only when its source file is gone or a scanned
folder no longer holds it (or on --rebuild): a file that fails to read keeps its indexed
version, and the report says so.
"""

from __future__ import annotations

import hashlib
from array import array
import json
import fcntl
import os
import shutil
import signal
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from archive import record, store
from archive.analysis import ANALYSIS_VERSION
from archive.config import Limits
from archive.engine.exact import FILE_NAME as EXACT_FILE
from archive.engine.exact import ExactIndex
from archive.ids import OutsideHome, path_inside, safe_id
from archive.model import Document, paragraph_id
from archive.textnorm import normalize

from .catalog import CATALOG_NAME, CatalogError, Entry, load_catalog
from .pipeline import build_document
from .dedup import DuplicateFinder, fingerprint
from .reuse import find_reuse
from archive.engine.writer import open_writer
from .limits import check_file
from .walk import source_files
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
    kept: list[str] = field(default_factory=list)  # indexed documents kept because their file failed to read
    uncataloged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str, float]] = field(default_factory=list)  # (path, kept doc id, similarity)
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # read, but with something lost or changed
    undated: list[str] = field(default_factory=list)  # no issue year found: left null, not guessed
    formats: dict[str, dict[str, int]] = field(default_factory=dict)
    ocr_pages: int = 0  # pages OCR'd in this build (the rest came from the home's OCR cache)
    ocr_seconds: float = 0.0
    rebuilt: bool = False
    reason: str = ""
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def display_path(path: Path, follow: bool = True) -> str:
    """Paths under the working directory are shown relative to it (``follow=False``: a
    symbolic link is named as itself, not as where it points)."""
    full = path.resolve() if follow else Path(os.path.abspath(path))
    try:
        return str(full.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(full)


def collect(paths: Iterable[Path], report: BuildReport) -> list[Source]:
    """Every supported file under the given paths, with its catalog entry if any."""
    out: list[Source] = []
    catalogs: dict[Path, dict[str, Entry]] = {}
    for root in paths:
        if not root.exists():
            report.skipped.append((str(root), "no such file or directory"))
            continue
        files = [root]
        if not root.is_file():
            files, left_out = source_files(root)
            report.skipped += [(display_path(p, follow=False), why) for p, why in left_out]
        unsupported: dict[Path, list[str]] = {}
        for f in files:
            if f.name in (CATALOG_NAME, "collection.toml") or f.name.startswith("."):
                continue
            if f != root and is_collection_note(f):
                continue
            if f.suffix.lower() not in SUPPORTED:
                if root.is_file():
                    report.skipped.append((display_path(f), f"unsupported file type {f.suffix or '(none)'}"))
                else:
                    unsupported.setdefault(f.parent, []).append(f.name)
                continue
            d = f.parent
            if d not in catalogs:
                try:
                    catalogs[d] = load_catalog(d)
                except CatalogError as exc:
                    report.skipped.append((display_path(d / CATALOG_NAME), f"catalog unreadable: {exc}"))
                    catalogs[d] = {}
            out.append(Source(f, catalogs[d].get(f.name), display_path(f)))
        for d, names in unsupported.items():  # one line a folder: images, spreadsheets …
            shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
            report.skipped.append(
                (
                    display_path(d),
                    f"{len(names)} file{'s' if len(names) != 1 else ''} "
                    f"of unsupported types: {shown}" + _image_hint(names),
                )
            )
    return out


def _image_hint(names: list[str]) -> str:
    """Scanned images are read with the OCR extra: say so where they are left out."""
    from .read import IMAGE_SUFFIXES
    from .ocr import INSTALL_HINT

    return f" (scanned images: {INSTALL_HINT})" if any(Path(n).suffix.lower() in IMAGE_SUFFIXES for n in names) else ""


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
    return {"htm": "html", "xhtml": "html", "ndjson": "jsonl", "json": "jsonl", "text": "txt"}.get(suffix, suffix)


def source_fingerprint(src: Source, data: bytes) -> str:
    """What decides whether a source must be indexed again: its bytes, its catalog entry and
    the pipeline version (not rules.Signature, a signature line of a document)."""
    h = hashlib.sha256(data)
    h.update(json.dumps(asdict(src.entry) if src.entry else None, sort_keys=True).encode())
    h.update(PIPELINE_VERSION.encode())
    return h.hexdigest()


def build(
    paths: list[Path],
    home: Path,
    *,
    rebuild: bool = False,
    keep_duplicates: bool = False,
    progress: Callable[[Source, int, int], None] | None = None,
    process: Callable[[Source], Document] | None = None,
    limits: Limits | None = None,
    ocr_progress: Callable[[str, int, int, float | None], None] | None = None,
) -> BuildReport:
    limits = limits or Limits.from_env()
    home.mkdir(parents=True, exist_ok=True)
    from .ocr.cache import OcrStore

    ocr = OcrStore(home, ocr_progress)  # starts its workers only when a scan needs them
    with build_lock(home):
        recover(home)
        try:
            report = _build(
                paths,
                home,
                rebuild=rebuild,
                keep_duplicates=keep_duplicates,
                progress=progress,
                process=process,
                limits=limits,
                ocr=ocr,
            )
        finally:
            ocr.close()
        report.ocr_pages, report.ocr_seconds = ocr.pages_done, round(ocr.seconds, 2)
        return report


def _build(paths, home, *, rebuild, keep_duplicates, progress, process, limits, ocr) -> BuildReport:
    t0 = time.perf_counter()
    report = BuildReport(home=str(home))
    manifest = store.read_manifest(home)
    # documents of an older layout's (or a lost) index still say where they came from, so a
    # rebuild re-reads every folder indexed before, not only the paths given
    old_docs: dict[str, dict] = manifest.get("documents", {})
    if not store.exists(home):
        rebuild, report.reason = (
            True,
            (
                "the index was written by another version of the archive"
                if store.index_dir(home).is_dir()
                else "no index yet"
            ),
        )
    elif manifest.get("format") != store.FORMAT:
        rebuild, report.reason = True, f"index format changed ({manifest.get('format')} -> {store.FORMAT})"
    elif manifest.get("analysis") != ANALYSIS_VERSION:
        rebuild, report.reason = (
            True,
            f"analyzer or dictionary changed ({manifest.get('analysis')} -> {ANALYSIS_VERSION})",
        )
    elif rebuild:
        report.reason = "--rebuild"
    report.rebuilt = rebuild

    sources = collect(paths, report)
    if rebuild and old_docs:
        # documents indexed from other roots earlier are re-read from where they came from
        seen = {s.path.resolve() for s in sources}
        extra_roots = [Path(d["path"]) for d in old_docs.values() if Path(d["path"]).resolve() not in seen]
        sources += [s for s in collect([p for p in extra_roots if p.exists()], BuildReport(home=str(home)))]
    process = process or (
        lambda s, st, display: build_document(s.path, s.entry, display, st, max_paragraph_chars=limits.paragraph_chars)
    )

    by_path: dict[str, list[tuple[str, dict]]] = {}
    for doc_id, d in old_docs.items():
        by_path.setdefault(d["path"], []).append((doc_id, d))
    new_docs: dict[str, dict] = {} if rebuild else dict(old_docs)
    seen_ids: dict[str, str] = {}
    kept = DuplicateFinder(new_docs)
    failed: set[str] = set()
    session = WriterSession(home, fresh=rebuild, files=len(sources))
    try:
        plan = BuildPlan(
            sources=sources,
            process=process,
            progress=progress,
            rebuild=rebuild,
            keep_duplicates=keep_duplicates,
            limits=limits,
            old_docs=old_docs,
            by_path=by_path,
            ocr=ocr,
        )
        _run(plan, BuildState(new_docs=new_docs, seen_ids=seen_ids, kept=kept, failed=failed), session, report)
        _find_removed(paths, report, rebuild, old_docs, new_docs, seen_ids, failed)
        for doc_id in report.removed:
            session.remove(doc_id)
        changed = rebuild or session.touched or bool(report.removed) or new_docs != old_docs
        session.finish(
            report.removed,
            {
                "analysis": ANALYSIS_VERSION,
                "format": store.FORMAT,
                "pipeline": PIPELINE_VERSION,
                "built_at": time.time(),
                "documents": new_docs,
            }
            if changed
            else None,
        )
    except BaseException:
        session.abort()
        raise
    report.documents = len(new_docs)
    report.paragraphs = sum(d["paragraphs"] for d in new_docs.values())
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


@dataclass
class BuildPlan:
    """What one build is to do, decided before any file is read."""

    sources: list[Source]
    process: Callable[..., Document]  # source -> tagged document (pipeline.build_document)
    progress: Callable[[Source, int, int], None] | None
    rebuild: bool  # a fresh generation, not an update of the current one
    keep_duplicates: bool
    limits: Limits
    old_docs: dict[str, dict]  # the manifest's documents before this build
    by_path: dict[str, list[tuple[str, dict]]]  # resolved source path -> its documents in old_docs
    ocr: Any = None  # indexer.ocr.cache.OcrStore: scans are read with it


@dataclass
class BuildState:
    """What the build has found so far (filled in by _run)."""

    new_docs: dict[str, dict]  # the manifest's documents after this build
    seen_ids: dict[str, str]  # document id -> the source that made it
    kept: DuplicateFinder  # texts already in the archive, for duplicates
    failed: set[str]  # resolved paths that failed to read, whole or in part


def _run(plan: BuildPlan, state: BuildState, session: WriterSession, report: BuildReport) -> None:
    """Read every source and hand each new or changed document to the writer session. The
    resolved path of every file that failed to read (in whole or in part) goes in
    ``state.failed``: its indexed documents stay as they were."""
    sources, process, progress, limits = plan.sources, plan.process, plan.progress, plan.limits
    rebuild, keep_duplicates, by_path, old_docs = plan.rebuild, plan.keep_duplicates, plan.by_path, plan.old_docs
    new_docs, seen_ids, kept, failed = state.new_docs, state.seen_ids, state.kept, state.failed
    for i, src in enumerate(sources, start=1):
        if progress:
            progress(src, i, len(sources))
        fmt = fmt_of(src.path)
        counts = report.formats.setdefault(fmt, {"files": 0, "documents": 0, "skipped": 0})
        prior = by_path.get(str(src.path.resolve()), [])
        try:
            check_file(src.path, src.path.stat().st_size, limits)  # before reading it whole
            data = src.path.read_bytes()
        except ReadError as exc:
            report.skipped.append((src.display, str(exc) + _keeping(prior, rebuild)))
            counts["skipped"] += 1
            failed.add(str(src.path.resolve()))
            continue
        except OSError as exc:
            report.skipped.append((src.display, f"cannot open: {exc.strerror or exc}" + _keeping(prior, rebuild)))
            counts["skipped"] += 1
            failed.add(str(src.path.resolve()))
            continue
        checkpoint("read")
        sig = source_fingerprint(src, data)
        if not rebuild and prior and all(d["sha"] == sig for _, d in prior):
            report.unchanged += len(prior)
            counts["files"] += 1
            counts["documents"] += len(prior)
            for doc_id, _ in prior:
                seen_ids[doc_id] = src.display
            continue
        try:
            units = read_sources(src.path, plan.ocr, src.display)
        except ReadError as exc:
            report.skipped.append((src.display, str(exc) + _keeping(prior, rebuild)))
            counts["skipped"] += 1
            failed.add(str(src.path.resolve()))
            continue
        counts["files"] += 1
        if any(getattr(u, "warnings", None) for u in units):
            # rows skipped or bytes replaced: a row that did not come out is no evidence that
            # its document left the file, so the file's other indexed documents stay
            failed.add(str(src.path.resolve()))
        for unit in units:
            display = src.display + (f"#{unit.part}" if unit.part else "")
            read_warnings = len(unit.warnings)  # the reader's are the file's; the pipeline's, this document's
            try:
                doc = process(src, unit, display)
            except ReadError as exc:
                report.skipped.append((display, str(exc)))
                counts["skipped"] += 1
                failed.add(str(src.path.resolve()))
                continue
            finally:
                report.warnings += [
                    (src.display if k < read_warnings else display, w) for k, w in enumerate(unit.warnings)
                ]
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
                    new_docs.pop(doc.doc_id)  # indexed before, a duplicate now
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
            new_docs[doc.doc_id] = {
                "path": str(src.path.resolve()),
                "display": display,
                "sha": sig,
                "paragraphs": len(doc.paragraphs),
                "title": doc.title,
                "cataloged": doc.cataloged,
                "format": fmt,
                "level": doc.level,
                "fingerprint": fp,
                "sketch": sketch,
                "given_id": given_id,
                "aliases": (old_docs.get(doc.doc_id) or {}).get("aliases", []) if not rebuild else [],
            }
            kept.add(doc.doc_id, fp, sketch, display)


def _keeping(prior: list, rebuild: bool) -> str:
    if not prior:
        return ""
    return (
        " (dropped by --rebuild)"
        if rebuild
        else f" (its {len(prior)} indexed document{'s' if len(prior) > 1 else ''} kept as indexed before)"
    )


def _find_removed(paths, report, rebuild, old_docs, new_docs, seen_ids, failed) -> None:
    """Documents whose file is gone, or that a scanned folder no longer holds. A document of a
    file that failed to read stays: a read error is no evidence that it is gone."""
    roots = [p.resolve() for p in paths if p.exists()]
    for doc_id, d in list(new_docs.items()):
        if doc_id in seen_ids:
            continue
        if d["path"] in failed:
            report.kept.append(doc_id)
            continue
        p = Path(d["path"])
        under_root = any(p == r or r in p.parents for r in roots)
        if not p.exists() or under_root:
            new_docs.pop(doc_id)
            if doc_id in old_docs and doc_id not in report.removed:
                report.removed.append(doc_id)
    if rebuild:
        report.removed = [d for d in old_docs if d not in new_docs]


KILL_AT = "ARCHIVE_KILL_AT"  # fault injection (bench/faults.py): "<point>" or "<point>:<n>" (n-th time)
_passes: dict[str, int] = {}


def checkpoint(point: str) -> None:
    """A named moment of a build where bench/faults.py can have the builder killed (SIGKILL to
    itself only: its worker processes must die on their own)."""
    want = os.environ.get(KILL_AT)
    if not want:
        return
    name, _, nth = want.partition(":")
    if name == point:
        _passes[point] = _passes.get(point, 0) + 1
        if _passes[point] >= int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)


@contextmanager
def build_lock(home: Path):
    """One build at a time per home (a second waits); the lock goes with the process, so a
    killed build never leaves it held."""
    with open(home / ".build.lock", "a+b") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        yield


def recover(home: Path) -> None:
    """Remove what killed builds left (called with the build lock held, so no build is
    running): unfinished generations, a pointer being written, generations no reader holds
    other than the served one, and the folders of the layout before generations."""
    current = store.current_name(home)
    (home / (store.CURRENT + ".tmp")).unlink(missing_ok=True)
    for p in home.iterdir():
        n = p.name
        if n.endswith(".building") or n.startswith(("index.building-", "sources.building-", "index.old-")):
            shutil.rmtree(p, ignore_errors=True)
    for name in store.generations(home):
        if name == current:
            continue
        lock = store.try_lock_unused(home / name)
        if lock is not None:
            with lock:
                shutil.rmtree(home / name, ignore_errors=True)
    if current and store.complete(home / current):
        for n in ("index", "sources"):
            shutil.rmtree(home / n, ignore_errors=True)
        for n in ("manifest.json", "similar.json"):
            (home / n).unlink(missing_ok=True)


def _link_generation(src: Path, dst: Path) -> None:
    """A copy of a generation to build the next one on: hard links to the files that are
    only ever replaced (Whoosh segments and TOCs, source copies, the JSON files), a real
    copy of the exact table (SQLite changes its file in place)."""
    dst.mkdir()
    for p in src.iterdir():
        if p.name in (store.READERS, EXACT_FILE) or p.name.endswith(("LOCK", ".tmp")):
            continue
        if p.is_dir():
            _link_generation(p, dst / p.name)
            continue
        try:
            os.link(p, dst / p.name)
        except OSError:
            shutil.copy2(p, dst / p.name)
    if (src / EXACT_FILE).exists():
        shutil.copyfile(src / EXACT_FILE, dst / EXACT_FILE)


def writer_procs(files: int) -> int:
    """Processes for a fresh build's writer. Whoosh's multiprocess writer analyses and writes
    postings on every core; it pays for its start-up only on larger builds (50+ files).
    $ARCHIVE_INDEX_PROCS sets the number for such builds (the tests run two on any machine)."""
    if files < 50:
        return 1
    env = os.environ.get("ARCHIVE_INDEX_PROCS", "")
    return max(1, int(env)) if env.isdigit() else min(os.cpu_count() or 1, 4)


class WriterSession:
    """Documents go into the next generation as they are made, so memory stays flat however
    large the collection; nothing is visible to readers until finish() publishes it, and
    abort() (or a kill) leaves the served generation as it was."""

    def __init__(self, home: Path, fresh: bool, files: int) -> None:
        self.home, self.fresh = home, fresh
        self.touched = False
        self.name = store.next_name(home)
        self.staging = home / f"{self.name}.building"
        self.source_names: list[str] = []
        if fresh:
            self.staging.mkdir()
            (self.staging / "sources").mkdir()
            ix = store.create_index(self.staging)
            self.exact = ExactIndex(self.staging / EXACT_FILE, create=True)
            self.writer = open_writer(ix, writer_procs(files))
        else:
            _link_generation(store.generation_dir(home), self.staging)
            (self.staging / "sources").mkdir(exist_ok=True)
            self.writer = open_writer(store.open_index(home, folder=self.staging), 1)
            self.exact = ExactIndex(self.staging / EXACT_FILE)
        checkpoint("staged")
        # keys are never reused: rows of replaced paragraphs stay behind, unreachable
        self.key = self.exact.begin()

    def add(self, doc: Document, source_text: str) -> None:
        if not self.fresh:
            self.writer.delete_by_term("doc_id", doc.doc_id)
        rows = []
        for p in doc.paragraphs:
            d = p.to_dict()
            norm = normalize(d["text"])
            self.writer.add_document(**record.to_fields(d, self.key, norm))
            rows.append((self.key, norm))
            self.key += 1
        self.exact.add(rows)
        # a new file, never a write into one linked from the served generation
        path = path_inside(self.staging / "sources", f"{doc.doc_id}.txt")
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(source_text, encoding="utf-8")
        os.replace(tmp, path)
        # a scan's layout (page sizes, line boxes) beside its text, for the page view
        layout = path_inside(self.staging / "sources", f"{doc.doc_id}{store.OCR_SUFFIX}")
        if doc.ocr:
            store.write_json_atomic(layout, doc.ocr)
        else:
            layout.unlink(missing_ok=True)
        self.source_names.append(doc.doc_id)
        self.touched = True
        checkpoint("added")

    def remove(self, doc_id: str) -> None:
        if not self.fresh:
            self.writer.delete_by_term("doc_id", doc_id)
            try:
                path_inside(self.staging / "sources", f"{doc_id}.txt").unlink(missing_ok=True)
                path_inside(self.staging / "sources", f"{doc_id}{store.OCR_SUFFIX}").unlink(missing_ok=True)
            except OutsideHome:  # an unsafe id of an older version: never delete outside
                pass
            self.touched = True

    def finish(self, removed: list[str], manifest: dict | None) -> None:
        """Commit both stores, write the reuse table and manifest, and publish the generation;
        with no manifest (nothing changed) the staging copy is dropped and nothing published."""
        if manifest is None:
            self.abort()
            return
        self.exact.commit(optimize=self.fresh)
        checkpoint("exact-committed")
        if self.fresh or self.touched:
            self.writer.commit()
        else:
            self.writer.cancel()
        checkpoint("whoosh-committed")
        if self.fresh or self.touched or removed or not (self.staging / "similar.json").exists():
            _save_reuse(self.staging)
        checkpoint("reuse-written")
        store.write_json_atomic(self.staging / "manifest.json", manifest)
        (self.staging / store.READERS).touch()
        checkpoint("manifest-written")
        final = self.home / self.name
        os.replace(self.staging, final)
        checkpoint("renamed")
        store.publish(self.home, self.name)
        checkpoint("published")
        recover(self.home)  # the previous generation, unless a reader still holds it

    def abort(self) -> None:
        try:
            self.exact.rollback()
            self.writer.cancel()
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)


def _save_reuse(folder: Path) -> None:
    """Recompute which paragraphs reuse text from other documents (over the whole index of
    the generation being built)."""
    ix = store.open_index(folder, mmap=False, folder=folder)
    with ix.searcher() as s:
        docnums = array("q")

        def paragraphs():
            for docnum, f in s.reader().iter_docs():
                docnums.append(docnum)
                yield f["id"], f["doc_id"], f["text"]

        similar = find_reuse(paragraphs(), text_of=lambda i: s.stored_fields(docnums[i])["text"])
    path = folder / "similar.json"
    path.unlink(missing_ok=True)  # a link to the previous generation's: never written into
    store.write_json_atomic(path, similar)
