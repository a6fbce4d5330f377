"""OCR on the generated scanned pages (tests/scanpages.py): character error rate against the
drawn text in reading order, seconds per page, pages per minute through the build's OCR
store on all cores, and the PDF rendering resolution.

    .venv/bin/python bench/ocr_bench.py [--results]

Compared with Debian's Tesseract (tesseract-ocr-chi-sim, -chi-sim-vert) where it is
installed. --results writes the section into bench/RESULTS.md. Needs the OCR extra.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results_file import replace_section

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import scanpages  # noqa: E402

from indexer import layout  # noqa: E402
from indexer.ocr import engine, missing  # noqa: E402
from indexer.ocr.cache import OcrStore  # noqa: E402

HEAD = "## OCR of scanned pages (bench/ocr_bench.py)"


def ours(page) -> tuple[float, float]:
    """(CER, seconds) of RapidOCR + indexer/layout.py on one page."""
    t0 = time.perf_counter()
    result = engine.recognise(page.image)
    lines = layout.source_lines([layout.page_lines(result, 1)])
    return scanpages.cer(page.text, "".join(t for t, _, _ in lines)), time.perf_counter() - t0


def tesseract(page, tmp: Path) -> tuple[float, float] | None:
    if not shutil.which("tesseract"):
        return None
    path = tmp / "page.png"
    page.image.save(path)
    lang, psm = ("chi_sim_vert", "5") if page.layout.startswith("vertical") else ("chi_sim", "3")
    t0 = time.perf_counter()
    out = subprocess.run(["tesseract", str(path), "-", "-l", lang, "--psm", psm], capture_output=True, text=True)
    if out.returncode != 0:
        return None
    return scanpages.cer(page.text, out.stdout), time.perf_counter() - t0


def resolution(tmp: Path) -> list[tuple[int, float, float]]:
    """(dpi, CER, seconds) of a 10.5-point page of an image-only PDF rendered at several resolutions."""
    import random

    rng = random.Random(3)
    big = scanpages.horizontal(
        [
            ("title", "关于做好农村人居环境整治工作的通知"),
            ("body", scanpages.paragraph(rng, 4)),
            ("body", scanpages.paragraph(rng, 3)),
        ],
        columns=1,
        width=1500,
        size=44,
    )
    pdf = scanpages.image_pdf([big.image], tmp / "res.pdf", dpi=300)  # 44 px at 300 dpi: 10.5 pt
    from indexer.ocr import pages

    out = []
    for dpi in (100, 150, 200, 300):
        img = pages.page_image(pdf, 0, dpi)
        t0 = time.perf_counter()
        result = engine.recognise(img)
        text = "".join(t for t, _, _ in layout.source_lines([layout.page_lines(result, 1)]))
        out.append((dpi, scanpages.cer(big.text, text), time.perf_counter() - t0))
    return out


def throughput(tmp: Path, workers: int, pages: list) -> float:
    """Pages per minute of the build's OCR store on a multi-page PDF (a fresh home: no cache)."""
    pdf = scanpages.image_pdf([p.image for p in pages], tmp / f"many-{workers}.pdf", dpi=150)
    home = tmp / f"home-{workers}"
    store = OcrStore(home, workers=workers)
    t0 = time.perf_counter()
    try:
        store.recognise(pdf)
    finally:
        store.close()
    return 60 * len(pages) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--results", action="store_true", help="write the section into bench/RESULTS.md")
    a = ap.parse_args()
    if missing():
        sys.exit(f"the OCR extra is needed: {missing()}")
    pages = scanpages.sample_pages()
    engine.engine()  # the model load is not a page's time
    rows = ["| page | RapidOCR + layout: CER | s | Tesseract: CER | s |", "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        total = {"ours": [0.0, 0], "tess": [0.0, 0]}
        for name, page in pages.items():
            c, s = ours(page)
            t = tesseract(page, tmp)
            total["ours"][0] += c * len(page.text)
            total["ours"][1] += len(page.text)
            if t:
                total["tess"][0] += t[0] * len(page.text)
                total["tess"][1] += len(page.text)
            rows.append(
                f"| {name} | {100 * c:.1f}% | {s:.2f} | " + (f"{100 * t[0]:.1f}% | {t[1]:.2f} |" if t else "- | - |")
            )
            print(rows[-1], flush=True)
        rows.append(
            f"| **all ({sum(len(p.text) for p in pages.values())} characters)** | "
            f"**{100 * total['ours'][0] / total['ours'][1]:.2f}%** | | "
            + (f"**{100 * total['tess'][0] / total['tess'][1]:.2f}%** | |" if total["tess"][1] else "- | |")
        )
        res = resolution(tmp)
        many = list(pages.values()) * 2
        rate1 = throughput(tmp, 1, many)
        rate_n = throughput(tmp, os.cpu_count() or 1, many)
    res_rows = ["| render dpi | CER | s per page |", "|---|---|---|"] + [
        f"| {dpi} | {100 * c:.1f}% | {s:.2f} |" for dpi, c, s in res
    ]
    text = (
        f"`bench/ocr_bench.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores "
        f"({platform.processor() or platform.machine()}), {engine.version()}; the machine was shared with other "
        f"builds, so seconds are upper bounds. Pages: tests/scanpages.py sample_pages() (PNG in memory); CER "
        f"against the drawn text in the reading order produced (whitespace ignored).\n\n"
        + "\n".join(rows)
        + f"\n\n**Throughput** (`OcrStore`, a {len(many)}-page image-only PDF, no cache): "
        f"**{rate_n:.0f} pages a minute** with {os.cpu_count()} worker processes, {rate1:.0f} with one.\n\n"
        f"**Resolution** of PDF pages (10.5-point text, `indexer/ocr/pages.py` PDF_DPI = 200):\n\n"
        + "\n".join(res_rows)
    )
    print(text)
    if a.results:
        replace_section(HEAD, text)


if __name__ == "__main__":
    main()
