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
from archive.model import Document

from .catalog import CATALOG_NAME, CatalogError, Entry, load_catalog
from .pipeline import build_document
from .read import SUPPORTED, ReadError, read_source

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
            if f.name == CATALOG_NAME or f.name.startswith("."):
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


def signature(src: Source, data: bytes) -> str:
    h = hashlib.sha256(data)
    h.update(json.dumps(asdict(src.entry) if src.entry else None, sort_keys=True).encode())
    h.update(PIPELINE_VERSION.encode())
    return h.hexdigest()


def build(paths: list[Path], home: Path, *, rebuild: bool = False,
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
    process = process or (lambda s: build_document(s.path, s.entry, s.display))

    by_path = {d["path"]: (doc_id, d) for doc_id, d in old_docs.items()}
    new_docs: dict[str, dict] = {} if rebuild else dict(old_docs)
    changed: list[Document] = []
    texts: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    for i, src in enumerate(sources, start=1):
        if progress:
            progress(src, i, len(sources))
        try:
            data = src.path.read_bytes()
        except OSError as exc:
            report.skipped.append((src.display, f"cannot open: {exc.strerror or exc}"))
            continue
        sig = signature(src, data)
        prior = by_path.get(str(src.path.resolve()))
        if not rebuild and prior and prior[1]["sha"] == sig:
            report.unchanged += 1
            seen_ids[prior[0]] = src.display
            continue
        try:
            doc = process(src)
        except ReadError as exc:
            report.skipped.append((src.display, str(exc)))
            continue
        if doc.doc_id in seen_ids:
            report.skipped.append((src.display, f"document id {doc.doc_id} already used by {seen_ids[doc.doc_id]}"))
            continue
        if not doc.paragraphs:
            report.skipped.append((src.display, "no text left after removing boilerplate"))
            continue
        seen_ids[doc.doc_id] = src.display
        if not doc.cataloged:
            report.uncataloged.append(src.display)
        if prior and prior[0] != doc.doc_id:
            new_docs.pop(prior[0], None)
            report.removed.append(prior[0])
        (report.updated if doc.doc_id in old_docs else report.added).append(doc.doc_id)
        changed.append(doc)
        texts[doc.doc_id] = read_source(src.path).text
        new_docs[doc.doc_id] = {"path": str(src.path.resolve()), "display": src.display, "sha": sig,
                                "paragraphs": len(doc.paragraphs), "title": doc.title,
                                "cataloged": doc.cataloged}

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
        writer = ix.writer(limitmb=256)
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


def _save_sources(home: Path, texts: dict[str, str], removed: list[str]) -> None:
    d = store.sources_dir(home)
    d.mkdir(parents=True, exist_ok=True)
    for doc_id, text in texts.items():
        tmp = d / f".{doc_id}.tmp"
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, d / f"{doc_id}.txt")
    for doc_id in removed:
        (d / f"{doc_id}.txt").unlink(missing_ok=True)
