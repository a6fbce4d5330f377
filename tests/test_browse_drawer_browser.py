"""/browse on a phone: the filters are a drawer behind a "filters" link (the search page's,
web/static/drawer.css and drawer.js), so the document list is at the top; on a wide screen
the filters stay beside the list. In real Chromium, with and without script, on big_home."""

from __future__ import annotations

import threading

import pytest

from archive.browse import browse
from archive.search import Archive

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(big_home, browser_available):
    from waitress.server import create_server

    from web import create_app

    srv = create_server(create_app(big_home), host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=srv.run, daemon=True).start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


@pytest.fixture
def open_page(chromium):
    contexts, problems = [], []

    def open_(url: str, viewport: dict, js: bool = True, lang: str = "zh"):
        ctx = chromium.new_context(viewport=viewport, java_script_enabled=js)
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
        pg.on("pageerror", lambda e: problems.append(f"script error: {e}"))
        pg.goto(url + ("&lang=en" if lang == "en" else ""))
        return pg

    yield open_
    for ctx in contexts:
        ctx.close()
    assert not problems, problems


@pytest.mark.parametrize("lang,label", [("zh", "筛选"), ("en", "Filters")])
def test_the_phone_filter_drawer_on_browse(open_page, site, big_home, lang, label):
    pg = open_page(site + "/browse?sort=date", PHONE, lang=lang)
    assert not pg.locator("#facets").is_visible()
    opener = pg.locator("#drawer-open")
    assert opener.is_visible() and opener.inner_text().startswith(label)
    assert pg.locator("#doc-table tbody tr").first.bounding_box()["y"] < 500  # the list first
    opener.click()
    assert pg.locator("#facets").is_visible()
    box = pg.locator("#facets").bounding_box()
    assert box["width"] <= 390 and box["x"] >= 0
    assert pg.evaluate("document.activeElement.className") == "drawer-close"
    pg.keyboard.press("Escape")
    assert not pg.locator("#facets").is_visible()
    assert pg.evaluate("document.activeElement.id") == "drawer-open"
    opener.click()
    province = browse(Archive(big_home))["counts"]["province"][0]["value"]
    pg.locator("#bf-province a", has_text=province).first.click()
    pg.wait_for_function("location.search.includes('province=')")
    want = browse(Archive(big_home), filters={"province": [province]})["total"]
    assert int(pg.locator("#doc-total").inner_text()) == want
    assert pg.locator("#drawer-open").inner_text().endswith("(1)")  # one filter chosen
    pg.locator("#drawer-open").click()
    pg.locator(".drawer-close").click()
    assert not pg.locator("#facets").is_visible()


def test_the_browse_drawer_without_javascript(open_page, site):
    pg = open_page(site + "/browse?sort=date", PHONE, js=False)
    assert not pg.locator("#facets").is_visible()
    pg.click("#drawer-open")  # a plain #facets link: CSS :target opens it
    assert pg.locator("#facets").is_visible()


def test_wide_screens_keep_the_filters_beside_the_list(open_page, site):
    pg = open_page(site + "/browse?sort=date", DESKTOP)
    assert pg.locator("#facets").is_visible() and not pg.locator("#drawer-open").is_visible()
    facets, table = pg.locator("#facets").bounding_box(), pg.locator("#doc-table").bounding_box()
    assert facets["x"] + facets["width"] <= table["x"]
