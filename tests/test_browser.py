"""End to end in a real headless Chromium (Debian's package, driven by Playwright).

Screenshots of the main pages are saved under tests/artifacts/screenshots/ for a person to
look at. Without Chromium these tests skip, unless ARCHIVE_REQUIRE_BROWSER=1 (as in CI).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import threading
from pathlib import Path

import pytest

SHOTS = Path(__file__).resolve().parent / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("ARCHIVE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def server(seed_home, browser_available):
    from waitress.server import create_server

    from web import create_app

    # port 0: the server binds a free port itself and keeps it (no bind-close-reuse race)
    srv = create_server(create_app(seed_home), host="127.0.0.1", port=0, threads=4)
    port = srv.effective_port
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{port}"
    srv.close()


@pytest.fixture(scope="module")
def browser(server, chromium):
    """The session's Chromium (conftest): Playwright's sync API allows one instance per process."""
    return chromium


@pytest.fixture
def page(browser):
    """A page that fails its test on any Content-Security-Policy violation or script error:
    the pages must work under the strict policy the server sends (web/protocol.py)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    # counted in the page itself too, in case Chromium stops logging violations to the console
    ctx.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });"
    )
    pg = ctx.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    pg.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    csp_headers: list[str] = []
    pg.on(
        "response",
        lambda r: (
            csp_headers.append(r.headers.get("content-security-policy", ""))
            if r.request.resource_type == "document"
            else None
        ),
    )
    yield pg
    try:
        problems += pg.evaluate("window.__csp || []")
    except Exception:  # the page is gone (a download): the console still counted
        pass
    ctx.close()
    assert not problems, problems
    assert csp_headers and all("default-src 'none'" in h for h in csp_headers), csp_headers


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_search_tick_a_facet_open_a_hit_and_land_on_it(page, server):
    page.goto(server + "/")
    page.get_by_label("检索词").fill("腾笼换鸟")
    page.get_by_label("检索词").press("Enter")
    page.wait_for_selector("#total")
    assert page.inner_text("#total") == "8"
    assert page.locator("ol.hits > li").count() == 8
    assert page.locator("ol.hits mark").first.inner_text() == "腾笼换鸟"
    shot(page, "search")

    # tick a township: the page reloads with the filter in the URL and the count changes
    page.locator("#facet-township input[value='新埭镇']").click()
    page.wait_for_url("**township=*")
    assert page.inner_text("#total") == "2"
    assert page.locator(".chip").count() == 1
    assert all(t == "新埭镇 · 平湖市 · 嘉兴市" for t in page.locator("ol.hits .place").all_inner_texts())
    # the back button returns to the unfiltered view (the facet change was applied in place
    # and pushed to the history; going back and forward reloads that state)
    from playwright.sync_api import expect

    page.go_back()
    expect(page.locator("#total")).to_have_text("8")
    page.go_forward()
    expect(page.locator("#total")).to_have_text("2")

    # open a hit, then the document at this paragraph
    page.locator("a.plink").first.click()
    page.wait_for_selector(".para-main mark")
    assert page.locator(".para-main mark").first.inner_text() == "腾笼换鸟"
    shot(page, "paragraph")
    page.click("#in-document")
    page.wait_for_selector(".para.target")
    target = page.locator(".para.target")
    assert target.locator("mark").count() >= 1
    assert target.is_visible()
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the target paragraph is scrolled into view"
    shot(page, "document")


def test_trends_view(page, server):
    page.goto(server + "/?q=腾笼换鸟")
    page.click("#trends-link")
    page.wait_for_selector("svg.chart")
    assert page.locator("svg.chart rect.bar").count() == 4  # 2023-2026, empty years included
    rows = page.locator("#diffusion tbody tr")
    assert rows.count() == 6
    assert "独山港镇" in rows.nth(rows.count() - 2).inner_text()  # the latest place, before the unplaced row
    shot(page, "trends")
    # a cell links to its paragraphs
    page.locator("#diffusion tbody tr").first.locator("td a").first.click()
    page.wait_for_selector("#total")
    assert page.inner_text("#total") == "2"


def test_download_csv_and_read_it_back(page, server):
    page.goto(server + "/?q=腾笼换鸟")
    with page.expect_download() as info:
        page.click("#export-csv")
    path = info.value.path()
    data = Path(path).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 8 and all("腾笼换鸟" in r["text"] for r in rows)
    assert {r["township"] for r in rows} >= {"新埭镇", "独山港镇"}


def test_source_view_and_citation_copy(page, server):
    page.goto(server + "/p/pinghu-2023-xinde-2")
    page.click("#in-source")
    page.wait_for_selector("tr.marked")
    assert page.locator("tr.marked").count() == 11
    shot(page, "source")
    page.go_back()
    assert "第2段" in page.input_value("#citation")


def test_phone_width_has_no_sideways_scroll(browser, server):
    ctx = browser.new_context(viewport={"width": 375, "height": 800})
    pg = ctx.new_page()
    pg.goto(server + "/?q=枫桥经验")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 376
    shot(pg, "search-phone")
    ctx.close()


def test_keyboard_only_search(page, server):
    page.goto(server + "/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand
    for _ in range(6):
        if page.evaluate("document.activeElement.id") == "q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("枫桥经验")
    page.keyboard.press("Enter")
    page.wait_for_selector("#total")
    assert int(page.inner_text("#total")) > 0
