"""The result page at scale, in real Chromium (desktop and a 390-px phone), on the generated
archive of tests/conftest.py (big_home: ~380 townships, 60 counties, 16 years with gaps,
thousands of hits). One test per thing a user must be able to do; each asserts what the user
sees, against the search service's own answer where there is one."""

from __future__ import annotations

import re
import threading
from urllib.parse import parse_qs, urlsplit

import pytest

from archive.search import Archive

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(big_home):
    from waitress.server import create_server

    from web import create_app

    srv = create_server(create_app(big_home), host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=srv.run, daemon=True).start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


@pytest.fixture(scope="module")
def arch(big_home):
    return Archive(big_home)


@pytest.fixture
def open_page(chromium):
    """open_page(url, viewport=DESKTOP, js=True) -> a page that fails the test on any CSP
    violation or script error (the pages run under the strict policy of web/protocol.py)."""
    contexts, problems = [], []

    def open_(url: str, viewport: dict = DESKTOP, js: bool = True):
        ctx = chromium.new_context(viewport=viewport, java_script_enabled=js)
        ctx.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " function (e) { window.__csp.push(e.violatedDirective); });"
        )
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
        pg.on("pageerror", lambda e: problems.append(f"script error: {e}"))
        pg.goto(url)
        return pg

    yield open_
    for ctx in contexts:
        ctx.close()
    assert not problems, problems


def wait(pg, expr: str, timeout: float = 20.0) -> None:
    """Poll a JavaScript condition (Playwright's wait_for_function evaluates strings with eval,
    which the page's CSP refuses)."""
    import time

    end = time.time() + timeout
    while True:
        try:
            if pg.evaluate(f"() => Boolean({expr})"):
                return
        except Exception:  # a navigation in between
            pass
        assert time.time() < end, f"timed out waiting for {expr}"
        time.sleep(0.1)


def total_shown(pg) -> int:
    return int(pg.locator("#total").inner_text())


def test_facets_scale_top_values_more_and_filter_within_pinned_and_unlabeled_last(open_page, site, arch):
    pg = open_page(site + "/?q=发展")
    facet = pg.locator("#facet-township")
    facet.locator("summary").first.click()  # the lowest place level starts collapsed
    first = facet.locator("ul.first li")
    assert first.count() == 8  # a short list, not hundreds of checkboxes
    expected = arch.search("发展", limit=1, facet_limit=None)["facets"]["township"]
    named = [i for i in expected if i["value"] is not None]
    assert len(named) > 200
    assert [re.sub(r"\s+", " ", first.nth(k).locator(".fv").inner_text()).split(" ")[0] for k in range(8)] == [
        i["value"] for i in named[:8]
    ]
    more = facet.locator("details.more")
    assert f"另 {len(named) - 8} 项" in more.locator("summary").inner_text()
    more.locator("summary").click()
    # filter within: type part of a name far down the list
    target = named[-1]["value"]
    box = facet.locator("input[data-within]")
    box.fill(target[:2])
    visible = [t for t in facet.locator("ul.rest li:visible .fv").all_inner_texts()]
    assert visible and all(target[:2] in v for v in visible)
    # tick it: after the update it is pinned at the top of the list, ticked, and the total is right
    facet.locator(f"ul.rest input[value='{target}']").click()
    wait(
        pg,
        "document.querySelector('#total') && !location.search.includes('within') && "
        "location.search.includes('township=')",
    )
    pg.wait_for_selector(f"#facet-township ul.first li:first-child input[value='{target}']:checked")
    want = arch.search("发展", filters={"township": [target]}, limit=1)["total"]
    assert total_shown(pg) == want
    # every document without a township is one '未标注' line, the last of the facet
    last = pg.locator("#facet-township fieldset > ul").last
    assert "unlabeled" in (last.get_attribute("class") or "") and "未标注" in last.inner_text()
    none_count = sum(
        i["count"]
        for i in arch.search("发展", filters={"township": [target]}, limit=1, facet_limit=None)["facets"]["township"]
        if i["value"] is None
    )
    assert str(none_count) in last.inner_text()


def test_place_facets_follow_the_levels_present_collapsed_below(open_page, site, arch):
    pg = open_page(site + "/?q=发展")
    ids = pg.eval_on_selector_all("details.facet[id^='facet-']", "ds => ds.map(d => [d.id, d.open])")
    places = [(i, o) for i, o in ids if i in ("facet-province", "facet-city", "facet-county", "facet-township")]
    assert [i for i, _ in places] == ["facet-province", "facet-city", "facet-county", "facet-township"]
    assert [o for _, o in places] == [True, False, False, False]
    # one province chosen: its cities open, and only its cities are offered
    prov = arch.search("发展", limit=1)["facets"]["province"][0]["value"]
    pg.locator(f"#facet-province input[value='{prov}']").click()
    wait(pg, "location.search.includes('province=')")
    pg.wait_for_selector("#facet-city[open]")
    cities = set(pg.locator("#facet-city ul.first .fv, #facet-city ul.rest .fv").all_inner_texts())
    expected = {
        i["value"]
        for i in arch.search("发展", filters={"province": [prov]}, limit=1, facet_limit=None)["facets"]["city"]
        if i["value"]
    }
    assert {c.split()[0] for c in cities} == expected


def test_year_range_with_a_histogram_of_every_year(open_page, site, arch):
    pg = open_page(site + "/?q=发展")
    years = {i["value"]: i["count"] for i in arch.search("发展", limit=1)["facets"]["year"] if i["value"]}
    lo, hi = min(years), max(years)
    bars = pg.locator("svg.histogram rect.hbar")
    assert bars.count() == hi - lo + 1  # every year in the span, gaps included
    heights = [
        float(h)
        for h in pg.eval_on_selector_all("svg.histogram rect.hbar", "rs => rs.map(r => r.getAttribute('height'))")
    ]
    assert [h == 0 for h in heights] == [(lo + k) not in years for k in range(hi - lo + 1)]
    pg.fill("#year-from", "2003")
    pg.fill("#year-to", "2010")
    pg.press("#year-to", "Enter")
    wait(pg, "location.search.includes('year_from=2003')")
    wait(
        pg,
        f"document.querySelector('#total').textContent == "
        f"'{arch.search('发展', filters={'year': ['2003-2010']}, limit=1)['total']}'",
    )
    assert "年份: 2003–2010" in pg.locator(".chips").inner_text()
    sel = pg.eval_on_selector_all("svg.histogram rect.hbar.sel", "rs => rs.length")
    assert sel == 2010 - 2003 + 1


def test_the_phone_filter_drawer(open_page, site, arch):
    pg = open_page(site + "/?q=发展", PHONE)
    assert not pg.locator("#facets").is_visible()
    assert pg.locator("#drawer-open").is_visible()
    # the first hit is near the top, not after the filters
    assert pg.locator(".hit").first.bounding_box()["y"] < 700
    pg.click("#drawer-open")
    assert pg.locator("#facets").is_visible()
    box = pg.locator("#facets").bounding_box()
    assert box["width"] <= 390 and box["x"] >= 0
    doc_type = arch.search("发展", limit=1)["facets"]["doc_type"][0]["value"]
    pg.locator(f"#facet-type input[value='{doc_type}']").click()
    wait(pg, "location.search.includes('type=')")
    assert pg.locator("#facets").is_visible()  # the drawer stays open while choosing
    assert total_shown(pg) == arch.search("发展", filters={"doc_type": [doc_type]}, limit=1)["total"]
    pg.click(".drawer-close")
    assert not pg.locator("#facets").is_visible()
    assert pg.evaluate("document.activeElement.id") == "drawer-open"


def test_the_phone_drawer_without_javascript(open_page, site):
    pg = open_page(site + "/?q=发展", PHONE, js=False)
    assert not pg.locator("#facets").is_visible()
    pg.click("#drawer-open")  # a plain #facets link: CSS :target opens it
    assert pg.locator("#facets").is_visible()


def test_space_on_a_facet_keeps_focus_and_announces_the_count(open_page, site, arch):
    pg = open_page(site + "/?q=发展")
    cb = pg.locator("#facet-type ul.first input").first
    value = cb.get_attribute("value")
    cb.focus()
    pg.keyboard.press("Space")
    wait(pg, "location.search.includes('type=')")
    want = arch.search("发展", filters={"doc_type": [value]}, limit=1)["total"]
    wait(pg, f"document.querySelector('#live').textContent.includes('{want}')")
    focused = pg.evaluate("[document.activeElement.name, document.activeElement.value, document.activeElement.checked]")
    assert focused == ["type", value, True]
    assert pg.locator("#live").get_attribute("aria-live") == "polite"
    assert pg.evaluate("window.scrollY") < 900  # not sent back to the top of a reloaded page
    pg.keyboard.press("Space")  # and off again, still in place
    wait(pg, "!location.search.includes('type=')")
    assert pg.evaluate("[document.activeElement.name, document.activeElement.value]") == ["type", value]


def test_the_facet_form_works_without_javascript(open_page, site, arch):
    pg = open_page(site + "/?q=发展", js=False)
    value = pg.locator("#facet-type ul.first input").first.get_attribute("value")
    pg.locator(f"#facet-type input[value='{value}']").click()
    pg.click("#facet-form button.apply")
    pg.wait_for_load_state()
    assert total_shown(pg) == arch.search("发展", filters={"doc_type": [value]}, limit=1)["total"]
    # the filter-within box filters on the server
    pg.goto(site + "/?q=发展&within_township=" + "镇")
    assert pg.locator("#more-township[open]").count() == 1


def test_skip_link_lands_on_results_and_few_tabs_reach_the_first_hit(open_page, site):
    pg = open_page(site + "/?q=发展")
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.className") == "skip"
    pg.keyboard.press("Enter")
    assert pg.evaluate("document.activeElement.id") == "results"
    pg.goto(site + "/?q=发展")
    for n in range(1, 40):
        pg.keyboard.press("Tab")
        if pg.evaluate("document.activeElement.classList.contains('plink')"):
            break
    assert n <= 20, n


def test_links_from_a_deep_sorted_page_come_back_to_it(open_page, site):
    pg = open_page(site + "/?q=发展&sort=newest&page=3&type=任务书")
    pg.locator(".plink").first.click()
    pg.wait_for_load_state()
    pg.click("text=返回检索结果")
    args = parse_qs(urlsplit(pg.url).query)
    assert args == {"q": ["发展"], "sort": ["newest"], "page": ["3"], "type": ["任务书"]}
    assert pg.locator("nav.pager a.current").inner_text() == "3"
    # out of range: the last page, said so
    pg.goto(site + "/?q=发展&page=100000")
    assert "这里是最后一页" in pg.locator("#clamped").inner_text()
    assert pg.locator(".hit").count() > 0


def test_a_long_paste_is_not_cut_and_gets_the_message(open_page, site):
    pg = open_page(site + "/")
    text = "腾笼换鸟" * 150  # 600 characters
    pg.fill("#q", text)
    assert len(pg.input_value("#q")) == 600
    assert "600" in pg.locator("#q-limit").inner_text()
    pg.press("#q", "Enter")
    pg.wait_for_load_state()
    assert "检索式太长：600 个字符（最多 500 个）" in pg.locator("[role=alert]").inner_text()
    assert pg.input_value("#q") == text


def test_the_source_view_marks_the_hit_in_the_middle_of_the_window(open_page, site, arch):
    hit = max(arch.search("凤凰涅槃", limit=100)["hits"], key=lambda h: h["source_lines"][0])
    assert hit["source_lines"][0] > 5
    pg = open_page(site + f"/p/{hit['id']}?q=凤凰涅槃")
    pg.click("#in-source")
    pg.wait_for_load_state()
    assert "/tmp/" not in pg.locator("h1").inner_text()
    marked = pg.locator("tr.marked")
    assert marked.count() == hit["source_lines"][1] - hit["source_lines"][0] + 1
    assert "凤凰涅槃" in "".join(pg.locator("tr.marked mark").all_inner_texts()).replace("\n", "")
    box = marked.first.bounding_box()
    assert 900 * 0.2 < box["y"] < 900 * 0.7, box


def test_english_mode_is_kept_and_nothing_is_chinese_only(open_page, site):
    pg = open_page(site + "/?q=发展&lang=en&level=township")
    assert "Level: Township" in pg.locator(".chips").inner_text()
    pg.locator(".plink").first.click()
    pg.wait_for_load_state()
    assert "lang=en" in pg.url
    pg.click("#in-source")
    pg.wait_for_load_state()
    assert "lang=en" in pg.url and pg.locator("html").get_attribute("lang") == "en"
    pg.click("#back-to-document")
    assert "lang=en" in pg.url


def test_screenshots_for_people(open_page, site):
    from pathlib import Path

    out = Path(__file__).resolve().parent / "artifacts" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    pg = open_page(site + "/?q=发展")
    pg.screenshot(path=str(out / "search-facets-big.png"))
    ph = open_page(site + "/?q=发展", PHONE)
    ph.click("#drawer-open")
    ph.screenshot(path=str(out / "search-drawer-phone.png"))
    assert (out / "search-drawer-phone.png").stat().st_size > 1000


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_full_facet_panel_passes_axe(open_page, site, axe, viewport):
    pg = open_page(site + "/?q=发展&type=任务书", DESKTOP if viewport == "desktop" else PHONE)
    if viewport == "phone":
        pg.click("#drawer-open")
    for d in pg.locator("details").all():
        d.evaluate("d => { d.open = true; }")
    found = axe(pg)
    assert not found, [(v["id"], v["impact"], v["nodes"][:2]) for v in found]


def test_a_new_query_after_facet_changes_keeps_the_filters(open_page, site, arch):
    pg = open_page(site + "/?q=发展")
    value = pg.locator("#facet-type ul.first input").first.get_attribute("value")
    pg.locator(f"#facet-type input[value='{value}']").click()
    wait(pg, "location.search.includes('type=')")
    pg.fill("#q", "腾笼换鸟")
    pg.press("#q", "Enter")
    wait(pg, "location.search.includes('%E8%85%BE')")
    args = parse_qs(urlsplit(pg.url).query)
    assert args["type"] == [value] and args["q"] == ["腾笼换鸟"]
    assert total_shown(pg) == arch.search("腾笼换鸟", filters={"doc_type": [value]}, limit=1)["total"]
