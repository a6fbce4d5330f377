"""Scanned pages through the real build: pages generated here (tests/scanpages.py) saved as
PNG, a multi-page TIFF and an image-only PDF, OCR'd once for the module into a real index,
and checked against what was drawn: character error rate, reading order, each paragraph's
box over its drawn region, exact-phrase search, the OCR cache. Needs the OCR extra
(pip install -e '.[ocr]') and Debian's fonts-noto-cjk; skips with the reason without them."""

from __future__ import annotations

import shutil
import sys
import threading
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

# the browser fixtures of test_browser.py (Chromium, failing on any CSP violation)
from test_browser import SHOTS, browser, page  # noqa: E402,F401

CLEAN = ("one-column", "two-column", "three-column", "vertical")


@pytest.fixture(scope="module")
def scans(tmp_path_factory) -> dict:
    """The generated pages as files: {file name: [pages]} and the folder."""
    pages = scanpages.sample_pages()
    folder = tmp_path_factory.mktemp("scans")
    files = {
        "one.png": [pages["one-column"]],
        "two.png": [pages["two-column"]],
        "noisy.png": [pages["one-column-noisy"]],
        "multi.tif": [pages["three-column"], pages["vertical"]],
        "scan.pdf": [pages["two-column-noisy"]],
    }
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
        for (page_no, tp), g in zip(truth, got):
            assert scanpages.cer(tp.text, g["text"]) < 0.1, (name, tp.text, g["text"])
            assert g["ocr"]["page"] == page_no
            assert (g["kind"] == "heading") == (tp.kind == "heading"), (name, g["text"])
        rate = scanpages.cer("".join(tp.text for _, tp in truth), "".join(g["text"] for g in got))
        noisy = any(p.layout.endswith("+noise") for p in pages)
        assert rate < (0.05 if noisy else 0.02), (name, rate)


def test_each_paragraphs_box_covers_the_region_it_was_drawn_in(indexed, scans):
    _, _, archive = indexed
    for name, pages in scans["files"].items():
        layout = archive.ocr_layout(Path(name).stem)
        assert layout is not None
        for (page_no, tp), g in zip(truth_paragraphs(pages), paragraphs(archive, Path(name).stem)):
            # the PDF page was rendered at another resolution than it was drawn
            size = next(p for p in layout["pages"] if p["n"] == page_no)
            k = size["width"] / pages[page_no - 1].image.width
            ours = [b[1:] for b in g["ocr"]["boxes"] if b[0] == page_no]
            for x0, y0, x1, y1 in tp.boxes:
                t = (x0 * k, y0 * k, x1 * k, y1 * k)
                covered = sum(
                    max(0, min(t[2], b[2]) - max(t[0], b[0])) * max(0, min(t[3], b[3]) - max(t[1], b[1])) for b in ours
                )
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
                phrase = text[start : start + 6]
                if normalize(phrase) not in source:
                    continue  # not recognised as drawn: no search can be asked to find it
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


# The page view (web/scan.py) on the same index: through Flask, then in Chromium.


def _scan_app(home):
    from web import create_app

    return create_app(home, {"TESTING": True})


def _wrapped_phrase(archive: Archive, doc_id: str) -> tuple[dict, str]:
    """A body paragraph of a scanned document and a phrase of it that runs over a line end."""
    layout = archive.ocr_layout(doc_id)
    src = (archive.source_text(doc_id) or "").split("\n")
    for p in paragraphs(archive, doc_id):
        a, b = p["source_lines"]
        if p["kind"] == "body" and b > a and str(a) in layout["lines"]:
            first = src[a - 1].strip()
            phrase = first[-3:] + src[a].strip()[:3]
            if phrase in p["text"]:
                return p, phrase
    raise AssertionError(f"no wrapped body paragraph in {doc_id}")


def test_the_page_view_outlines_the_paragraph_and_marks_each_character_of_the_hit(indexed):
    home, _, archive = indexed
    client = _scan_app(home).test_client()
    p, phrase = _wrapped_phrase(archive, "two")
    a, b = p["source_lines"]
    view = client.get(f"/api/d/two/page/{p['ocr']['page']}?lines={a}-{b}&q={phrase}").get_json()
    assert view["page"] == 1 and view["pages"] == 1 and view["prev"] is None and view["next"] is None
    assert len(view["hits"]) == len(phrase)  # one box per character, across the line end
    assert len({h["y"] for h in view["hits"]}) == 2  # on two lines
    for h in view["hits"]:  # every hit inside the outlined region
        assert any(
            o["x"] <= h["x"]
            and o["y"] <= h["y"]
            and h["x"] + h["w"] <= o["x"] + o["w"]
            and h["y"] + h["h"] <= o["y"] + o["h"]
            for o in view["outline"]
        ), h
    html = client.get(f"/p/{p['id']}?q={phrase}").get_data(as_text=True)
    assert html.count('class="scan-hit"') == len(phrase) and 'class="scan-outline"' in html
    assert client.get("/d/two/page/1.webp").mimetype == "image/webp"
    # a page a document does not have, a text document, an id that is a path: 404
    assert client.get("/d/two/page/2").status_code == 404
    assert client.get("/api/d/..%2Fx/page/1").status_code == 404
    assert client.get("/d/two/page/1.webp?x=../../etc").status_code == 200  # the URL names no file
    multi = client.get("/api/d/multi/page/2").get_json()
    assert (multi["prev"], multi["next"], multi["pages"]) == (1, None, 2)


@pytest.fixture(scope="module")
def server(indexed, browser_available):
    """The scanned archive served in this process (test_browser's browser fixture uses it)."""
    from waitress.server import create_server

    srv = create_server(_scan_app(indexed[0]), host="127.0.0.1", port=0, threads=2)
    threading.Thread(target=srv.run, daemon=True).start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


def test_a_browser_opens_a_hit_in_a_scan_and_sees_the_region_outlined_on_the_page_image(indexed, server, page):  # noqa: F811
    _, _, archive = indexed
    base = server
    p = next(x for x in paragraphs(archive, "multi") if x["kind"] == "body" and x["ocr"]["page"] == 2)
    phrase = p["text"][2:8]
    images: list[int] = []
    page.on("response", lambda r: images.append(r.status) if r.url.endswith(".webp") else None)
    page.goto(f"{base}/?q={phrase}")
    page.click(f"a[href*='/p/{p['id']}']")
    outline = page.locator("svg.scan-svg rect.scan-outline").first
    outline.wait_for()
    svg, box = page.locator("svg.scan-svg").bounding_box(), outline.bounding_box()
    assert svg and box and box["width"] > 20 and box["height"] > 10
    assert svg["x"] <= box["x"] and box["x"] + box["width"] <= svg["x"] + svg["width"] + 1
    assert page.locator("svg.scan-svg rect.scan-hit").count() == len(phrase)
    assert images and all(s == 200 for s in images)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "scan-paragraph.png"), full_page=True)
    page.click("#scan-prev")  # the page before, then zoomed
    page.locator("#scan-h").filter(has_text="第1页").wait_for()
    page.click("a.zoom-link >> nth=0")
    page.locator("svg.scan-svg.zoom-2").wait_for()
    frame, zoomed = page.locator(".scan-frame").bounding_box(), page.locator("svg.scan-svg").bounding_box()
    assert frame and zoomed and zoomed["width"] > 1.5 * frame["width"]


def test_a_mixed_pdf_ocrs_only_its_image_pages_in_their_place(scans, tmp_path):
    """Page 1 has a text layer, page 2 is a scanned image: both pages' text, in page order,
    and only page 2 goes through OCR (and has boxes)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    from indexer.ocr.cache import OcrStore
    from indexer.pipeline import build_document
    from indexer.read import read_sources

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("STSong-Light", 12)
    c.drawString(72, 760, "第一页有文字层。镇政府召开专题会议部署秋收工作。")
    c.showPage()
    img = scans["files"]["one.png"][0].image
    c.drawImage(ImageReader(img), 36, 400, width=520, height=520 * img.height / img.width)
    c.showPage()
    c.save()
    store = OcrStore(tmp_path / "home")
    try:
        src = read_sources(path, store)[0]
    finally:
        store.close()
    assert store.pages_done == 1 and src.ocr is not None and [p["n"] for p in src.ocr["pages"]] == [2]
    doc = build_document(path, None, path.name, src)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "第一页有文字层。镇政府召开专题会议部署秋收工作。" and doc.paragraphs[0].ocr is None
    truth = [tp.text for tp in scans["files"]["one.png"][0].paragraphs]
    assert len(texts) == 1 + len(truth)
    assert all(scanpages.cer(t, g) < 0.05 for t, g in zip(truth, texts[1:])), texts
    assert all(p.ocr and p.ocr["page"] == 2 for p in doc.paragraphs[1:])
