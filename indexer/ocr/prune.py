"""Pruning home/ocr/: OCR results and page images of files the archive no longer holds.

The cache is keyed by a scanned file's hash and outlives generations (indexer/ocr/cache.py),
so a file that changed or left the archive leaves its entry behind, about 60 KB a page.
An entry is needed while any generation in the home (the served one, and older ones a
server may still hold) has a scan layout naming its hash (sources/<doc>.ocr.json "sha");
pruning runs under the build lock, so no build is OCR-ing a file whose layout is not yet
written. It never deletes a needed entry, and reports what it freed.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from archive import store

from .cache import FOLDER


@dataclass
class OcrCacheReport:
    """Entries kept (needed by a generation) and removed (or, on a dry run, removable)."""

    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept_bytes: int = 0
    freed_bytes: int = 0
    unreadable: list[str] = field(default_factory=list)  # layouts that could not be read


def needed(home: Path, report: OcrCacheReport | None = None) -> set[str]:
    """Hashes named by the scan layouts of every generation in the home."""
    shas: set[str] = set()
    for name in store.generations(home):
        for layout in (home / name / "sources").glob(f"*{store.OCR_SUFFIX}"):
            try:
                sha = json.loads(layout.read_text(encoding="utf-8")).get("sha")
            except (OSError, ValueError, AttributeError):
                if report is not None:
                    report.unreadable.append(str(layout.relative_to(home)))
                continue
            if isinstance(sha, str):
                shas.add(sha)
    return shas


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def prune(home: Path, dry_run: bool = False) -> OcrCacheReport:
    """Remove the cache entries no generation needs (``dry_run``: only say which). A layout
    that cannot be read keeps every entry: its hash is unknown, so nothing is removed."""
    from indexer.build import build_lock

    report = OcrCacheReport()
    cache = home / FOLDER
    if not cache.is_dir():
        return report
    with build_lock(home):
        keep = needed(home, report)
        for entry in sorted(p for p in cache.iterdir() if p.is_dir()):
            size = _size(entry)
            if entry.name in keep or report.unreadable:
                report.kept.append(entry.name)
                report.kept_bytes += size
                continue
            if not dry_run:
                shutil.rmtree(entry)
            report.removed.append(entry.name)
            report.freed_bytes += size
    return report
