"""Scanned pages through the real build: pages generated here (tests/scanpages.py) saved as
PNG, a multi-page TIFF and an image-only PDF, OCR'd once for the module into a real index,
and checked against what was drawn: character error rate, reading order, each paragraph's
box over its drawn region, exact-phrase search, the OCR cache. Needs the OCR extra
(pip install -e '.[ocr]') and Debian's fonts-noto-cjk; skips with the reason without them."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scanpages  # noqa: E402

from indexer.ocr import INSTALL_HINT, missing  # noqa: E402

if missing():
    pytest.skip(f"OCR extra not installed ({missing()}): {INSTALL_HINT}", allow_module_level=True)
if not scanpages.fonts_available():
    pytest.skip("fonts-noto-cjk is not installed (apt-get install fonts-noto-cjk)", allow_module_level=True)

from archive.search import Archive  # noqa: E402
from archive.textnorm import normalize  # noqa: E402
from indexer.build import build  # noqa: E402

CLEAN = ("one-column", "two-column", "three-column", "vertical")


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict:
    """The generated pages as files: {file name: [pages]} and the folder."""
    pages = scanpages.sample_pages()
    folder = tmp_path_factory.mktemp("scans")
    files = {"one.png": [pages["one-column"]], "two.png": [pages["two-column"]],
             "noisy.png": [pages["one-column-noisy"]],
             "multi.tif": [pages["three-column"], pages["vertical"]],
             "scan.pdf": [pages["two-column-noisy"]]}
    for name, ps in files.items():
        if name.endswith(".png"):
            ps[0].image.save(folder / name)
        elif name.endswith(".tif"):
            scanpages.multipage_tiff([p.image for p in ps], folder / name)
        else:
            scanpages.image_pdf([p.image for p in ps], folder / name, dpi=150)
    return {"folder": folder, "files": files}


@pytest.fixture(scope="module")
def indexed(scans, tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    # the noisy pages are copies of clean ones: kept as documents of their own here
    report = build([scans["folder"]], home, keep_duplicates=True)
    return home, report, Archive(home)


def paragraphs(archive: Archive, doc_id: str) -> list[dict]:
    found = archive.document(doc_id)
    assert found, doc_id
    return found


def truth_paragraphs(pages: list) -> list[tuple[int, scanpages.TruthParagraph]]:
    return [(k + 1, tp) for k, p in enumerate(pages) for tp in p.paragraphs]


def test_every_scan_is_indexed_and_ocr_runs_once_per_page(indexed, scans):
    home, report, _ = indexed
    assert report.skipped == [] and report.documents == 5
    assert report.ocr_pages == 6
    assert {f: c["documents"] for f, c in report.formats.items()} == {"png": 3, "tif": 1, "pdf": 1}


def test_character_error_rate_and_reading_order_match_the_drawn_pages(indexed, scans):
    _, _, archive = indexed
    for name, pages in scans["files"].items():
        got = paragraphs(archive, Path(name).stem)
        truth = truth_paragraphs(pages)
        # reading order: the n-th paragraph found is the n-th drawn, nothing merged or split
        assert len(got) == len(truth), (name, [g["text"][:12] for g in got])
        for (page, tp), g in zip(truth, got):
            assert scanpages.cer(tp.text, g["text"]) < 0.1, (name, tp.text, g["text"])
            assert g["ocr"]["page"] == page
            assert (g["kind"] == "heading") == (tp.kind == "heading"), (name, g["text"])
        rate = scanpages.cer("".join(tp.text for _, tp in truth), "".join(g["text"] for g in got))
        noisy = any(p.layout.endswith("+noise") for p in pages)
        assert rate < (0.05 if noisy else 0.02), (name, rate)


def test_each_paragraphs_box_covers_the_region_it_was_drawn_in(indexed, scans):
    _, _, archive = indexed
    for name, pages in scans["files"].items():
        layout = archive.ocr_layout(Path(name).stem)
        assert layout is not None
        for (page, tp), g in zip(truth_paragraphs(pages), paragraphs(archive, Path(name).stem)):
            # the PDF page was rendered at another resolution than it was drawn
            size = next(p for p in layout["pages"] if p["n"] == page)
            k = size["width"] / pages[page - 1].image.width
            ours = [b[1:] for b in g["ocr"]["boxes"] if b[0] == page]
            for x0, y0, x1, y1 in tp.boxes:
                t = (x0 * k, y0 * k, x1 * k, y1 * k)
                covered = sum(max(0, min(t[2], b[2]) - max(t[0], b[0])) * max(0, min(t[3], b[3]) - max(t[1], b[1]))
                              for b in ours)
                assert covered >= 0.95 * (t[2] - t[0]) * (t[3] - t[1]), (name, tp.text[:10], t, ours)
            assert 0.5 < g["ocr"]["confidence"] <= 1


def test_exact_phrase_search_finds_every_phrase_whose_characters_were_recognised(indexed, scans):
    _, _, archive = indexed
    for name, pages in scans["files"].items():
        doc_id = Path(name).stem
        source = normalize("".join((archive.source_text(doc_id) or "").split()))
        checked = 0
        for _, tp in truth_paragraphs(pages):
            text = tp.text
            for start in range(0, max(1, len(text) - 6), 5):
                phrase = text[start:start + 6]
                if normalize(phrase) not in source:
                    continue        # not recognised as drawn: no search can be asked to find it
                hits = archive.search(f'"{phrase}"', limit=50)["hits"]
                assert any(h["doc_id"] == doc_id for h in hits), (name, phrase)
                checked += 1
        assert checked >= 5, name


def test_a_rebuild_reads_the_ocr_cache_and_keeps_the_page_images(indexed, scans):
    home, _, _ = indexed
    report = build([scans["folder"]], home, rebuild=True, keep_duplicates=True)
    assert report.ocr_pages == 0 and report.documents == 5
    images = sorted(p.name for p in (home / "ocr").glob("*/page-*.webp"))
    assert len(images) == 6


def test_archive_index_prints_ocr_progress_per_page(runner, scans, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(scans["folder"] / "one.png", folder / "one.png")
    result = runner("index", folder, "--home", tmp_path / "home")
    assert result.exit_code == 0, result.output
    assert "OCR " in result.output and "one.png: page 1/1" in result.output
    assert "OCR: 1 pages in" in result.output


def test_without_the_extra_a_scan_is_reported_with_the_install_hint(scans, monkeypatch):
    import indexer.ocr
    from indexer.read import ReadError, read_sources
    monkeypatch.setattr(indexer.ocr, "missing", lambda: "rapidocr-onnxruntime is not installed")
    with pytest.raises(ReadError, match=r"scanned PDF without a text layer \(1 pages\).*pip install -e '.\[ocr\]'"):
        read_sources(scans["folder"] / "scan.pdf")
    with pytest.raises(ReadError, match=r"scanned image: install the OCR extra"):
        read_sources(scans["folder"] / "one.png")
