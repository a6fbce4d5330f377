"""Writing the index: incremental by default, atomic either way.

An incremental run deletes and re-adds only the documents whose file, catalog entry or
pipeline changed, in one Whoosh commit: until that commit the old index is what readers
see, and a failure cancels it. A rebuild (or a new analyzer/dictionary) writes a fresh
index beside the served one and swaps it in only when it is complete.
"""
from __future__ import annotations

import hashlib
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
from archive.model import Document, paragraph_id

from .catalog import CATALOG_NAME, CatalogError, Entry, load_catalog
from .pipeline import build_document
from .dedup import DuplicateFinder, fingerprint
from .reuse import find_reuse
from .read import SUPPORTED, ReadError, read_sources

# Bump when reading, repair, splitting or tagging changes what a file yields.
PIPELINE_VERSION = "p3"


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
          process: Callable[[Source], Document] | None = None) -> BuildReport:
    t0 = time.perf_counter()
    home.mkdir(parents=True, exist_ok=True)
    report = BuildReport(home=str(home))
    manifest = store.read_manifest(home)
    old_docs: dict[str, dict] = manifest.get("documents", {}) if store.exists(home) else {}
    if not store.exists(home):
        rebuild, report.reason = True, "no index yet"
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
    process = process or (lambda s, st, display: build_document(s.path, s.entry, display, st))

    by_path: dict[str, list[tuple[str, dict]]] = {}
    for doc_id, d in old_docs.items():
        by_path.setdefault(d["path"], []).append((doc_id, d))
    new_docs: dict[str, dict] = {} if rebuild else dict(old_docs)
    changed: list[Document] = []
    texts: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    kept = DuplicateFinder(new_docs)
    for i, src in enumerate(sources, start=1):
        if progress:
            progress(src, i, len(sources))
        fmt = fmt_of(src.path)
        counts = report.formats.setdefault(fmt, {"files": 0, "documents": 0, "skipped": 0})
        try:
            data = src.path.read_bytes()
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
            try:
                doc = process(src, unit, display)
            except ReadError as exc:
                report.skipped.append((display, str(exc)))
                counts["skipped"] += 1
                continue
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
            if doc.doc_id in seen_ids:
                if src.entry and src.entry.id == doc.doc_id:
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
            (report.updated if doc.doc_id in old_docs else report.added).append(doc.doc_id)
            changed.append(doc)
            texts[doc.doc_id] = unit.text
            new_docs[doc.doc_id] = {"path": str(src.path.resolve()), "display": display, "sha": sig,
                                    "paragraphs": len(doc.paragraphs), "title": doc.title,
                                    "cataloged": doc.cataloged, "format": fmt, "level": doc.level,
                                    "fingerprint": fp, "sketch": sketch,
                                    "aliases": (old_docs.get(doc.doc_id) or {}).get("aliases", [])
                                    if not rebuild else []}
            kept.add(doc.doc_id, fp, sketch, display)

    # documents whose file is gone, or that a scanned folder no longer holds
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

    if rebuild:
        _write_fresh(home, changed)
    elif changed or report.removed:
        _write_incremental(home, changed, report.removed)
    _save_sources(home, texts, report.removed)
    if changed or report.removed or not store.similar_path(home).exists():
        _save_reuse(home)
    store.write_json_atomic(store.manifest_path(home), {
        "analysis": ANALYSIS_VERSION, "pipeline": PIPELINE_VERSION, "built_at": time.time(),
        "documents": new_docs})
    report.documents = len(new_docs)
    report.paragraphs = sum(d["paragraphs"] for d in new_docs.values())
    report.seconds = round(time.perf_counter() - t0, 2)
    return report


def _add(writer, docs: list[Document]) -> None:
    for doc in docs:
        for p in doc.paragraphs:
            writer.add_document(**store.to_fields(p.to_dict()))


def _write_incremental(home: Path, changed: list[Document], removed: list[str]) -> None:
    ix = store.open_index(home)
    writer = ix.writer(limitmb=256)
    try:
        for doc_id in removed + [d.doc_id for d in changed]:
            writer.delete_by_term("doc_id", doc_id)
        _add(writer, changed)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _write_fresh(home: Path, docs: list[Document]) -> None:
    target = store.index_dir(home)
    staging = home / f"index.building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        ix = windex.create_in(str(staging), store.schema(), indexname=store.INDEX_NAME)
        paragraphs = sum(len(d.paragraphs) for d in docs)
        # Whoosh's multiprocess writer analyses and writes postings on every core; it pays
        # for its start-up only on larger builds
        procs = min(os.cpu_count() or 1, 4) if paragraphs >= 2000 else 1
        writer = ix.writer(limitmb=256, procs=procs, multisegment=True) if procs > 1 else ix.writer(limitmb=256)
        try:
            _add(writer, docs)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = home / f"index.old-{os.getpid()}"
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def _save_reuse(home: Path) -> None:
    """Recompute which paragraphs reuse text from other documents (over the whole index)."""
    ix = store.open_index(home)
    with ix.searcher() as s:
        triples = [(f["id"], f["doc_id"], f["text"]) for f in s.all_stored_fields()]
    store.write_json_atomic(store.similar_path(home), find_reuse(triples))


def _save_sources(home: Path, texts: dict[str, str], removed: list[str]) -> None:
    d = store.sources_dir(home)
    d.mkdir(parents=True, exist_ok=True)
    for doc_id, text in texts.items():
        tmp = d / f".{doc_id}.tmp"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, d / f"{doc_id}.txt")
    for doc_id in removed:
        (d / f"{doc_id}.txt").unlink(missing_ok=True)
