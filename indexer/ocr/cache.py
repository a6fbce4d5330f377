"""OCR results and page images in the archive home, by the scanned file's hash.

home/ocr/<sha256 of the file>/
  result.json     {"engine", "dpi", "pages": {"0": page result of engine.recognise, ...}}
  page-001.webp   the page, downscaled, for the page view (web/pages_ocr.py)

It lives beside the generations, not in one: a rebuild, a new generation or a changed
pipeline reuses it, so an unchanged file is never OCR'd twice; a changed file has a new
hash. Only pages asked for are recognised (a mixed PDF's pages without a text layer), and
pages are recognised in parallel worker processes, one per core.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable

from . import engine, pages

FOLDER = "ocr"
# Page images are kept this size (long side, pixels) as WebP: enough to read a character
# at zoom, about 60 KB a page.
IMAGE_SIDE = 1600
IMAGE_QUALITY = 70

Progress = Callable[[str, int, int, float | None], None]  # (file shown, pages done, pages, seconds left)


def progress_line(shown: str, done: int, total: int, left: float | None) -> str:
    """'OCR scan.pdf: page 3/12, about 25 s left' (what `archive index` prints per page)."""
    if done == 0:
        return f"OCR {shown}: {total} page{'s' if total != 1 else ''} to read"
    eta = f", about {left:.0f} s left" if left is not None and done < total else ""
    return f"OCR {shown}: page {done}/{total}{eta}"


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def folder(home: Path, sha: str) -> Path:
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise ValueError("not a file hash")
    return home / FOLDER / sha


def image_name(index: int) -> str:
    return f"page-{index + 1:03d}.webp"


def _ocr_page(path: str, index: int, dpi: int, out: str, threads: int | None) -> dict:
    """One page: render, save its image, recognise (in a worker process, or in this one)."""
    img = pages.page_image(Path(path), index, dpi)
    small = img.copy()
    small.thumbnail((IMAGE_SIDE, IMAGE_SIDE))
    target = Path(out) / image_name(index)
    tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
    small.save(tmp, "WEBP", quality=IMAGE_QUALITY)
    os.replace(tmp, target)
    return engine.recognise(img, threads)


class OcrStore:
    """OCR for one build: the home's cache, a pool of workers started on first need (and
    closed with close()), and a progress callback per page."""

    def __init__(self, home: Path, progress: Progress | None = None, workers: int | None = None) -> None:
        self.home = home
        self.progress = progress
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None
        self.pages_done = 0  # pages recognised in this build (not from the cache)
        self.seconds = 0.0

    def recognise(
        self, path: Path, indices: list[int] | None = None, shown: str = "", dpi: int = pages.PDF_DPI
    ) -> tuple[str, dict[int, dict]]:
        """(file hash, {page index: page result}) for the pages asked for (all by default)."""
        sha = file_hash(path)
        out = folder(self.home, sha)
        out.mkdir(parents=True, exist_ok=True)
        cached = _load(out / "result.json", dpi)
        wanted = indices if indices is not None else list(range(pages.page_count(path)))
        todo = [i for i in wanted if str(i) not in cached or not (out / image_name(i)).exists()]
        if todo:
            t0 = time.perf_counter()
            results = self._run(path, todo, dpi, out, shown or path.name)
            self.pages_done += len(todo)
            self.seconds += time.perf_counter() - t0
            cached.update({str(i): r for i, r in results.items()})
            _save(out / "result.json", {"engine": engine.version(), "dpi": dpi, "pages": cached})
        return sha, {i: cached[str(i)] for i in wanted}

    def _run(self, path: Path, todo: list[int], dpi: int, out: Path, shown: str) -> dict[int, dict]:
        t0 = time.perf_counter()
        done: dict[int, dict] = {}

        def report() -> None:
            if self.progress:
                rate = (time.perf_counter() - t0) / len(done)
                self.progress(shown, len(done), len(todo), rate * (len(todo) - len(done)))

        if self.progress:
            self.progress(shown, 0, len(todo), None)
        if len(todo) == 1 or self.workers == 1:
            for i in todo:  # one page: in this process, on all cores
                done[i] = _ocr_page(str(path), i, dpi, str(out), None)
                report()
            return done
        pool = self._executor()
        futures: dict[Future, int] = {
            pool.submit(_ocr_page, str(path), i, dpi, str(out), engine.worker_threads(self.workers)): i for i in todo
        }
        from concurrent.futures import as_completed

        for fut in as_completed(futures):
            done[futures[fut]] = fut.result()
            report()
        return done

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing

            # spawn: the builder may hold Whoosh writers and sqlite handles that a fork would copy
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def _load(path: Path, dpi: int) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if data.get("engine") != engine.version() or data.get("dpi") != dpi:
        return {}
    return dict(data.get("pages") or {})


def _save(path: Path, data: dict) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
