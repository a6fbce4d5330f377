"""The trends, map, citation and browsing views in a real Chromium (Debian's package through
Playwright), at desktop width and on a 390-px phone, on the generated collection of
tests/views_fixture.py: what a user sees, under the strict Content-Security-Policy."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from indexer.build import build
from views_fixture import write_collection

CHROMIUM = os.environ.get("ARCHIVE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parent / "artifacts" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def views_server(tmp_path_factory, browser_available):
    src = write_collection(tmp_path_factory.mktemp("views-src"))
    home = tmp_path_factory.mktemp("views-home")
    assert build([src], home).documents == 48
    from waitress.server import create_server

    from web import create_app

    srv = create_server(
        create_app(home, {"BASE_URL": "https://archive.example.org"}), host="127.0.0.1", port=0, threads=4
    )
    threading.Thread(target=srv.run, daemon=True).start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


@pytest.fixture(scope="module")
def chromium(views_server, chromium):
    """The session's Chromium (tests/conftest.py): Playwright's sync API allows one per process."""
    return chromium


@pytest.fixture(params=list(SIZES))
def view(request, chromium):
    """A page at one of the sizes that fails its test on any CSP violation or script error."""
    ctx = chromium.new_context(viewport=SIZES[request.param], accept_downloads=True)
    ctx.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " function (e) { window.__csp.push(e.violatedDirective + ' ' + e.blockedURI); });"
    )
    pg = ctx.new_page()
    pg.size_name = request.param
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    pg.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    yield pg
    try:
        problems += pg.evaluate("window.__csp || []")
    except Exception:
        pass
    ctx.close()
    assert not problems, problems


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{page.size_name}.png"), full_page=True)


def no_sideways_scroll(page) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def overlaps(boxes: list[dict]) -> list[tuple[int, int]]:
    out = []
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes[:i]):
            if (
                a["x"] < b["x"] + b["width"]
                and b["x"] < a["x"] + a["width"]
                and a["y"] < b["y"] + b["height"]
                and b["y"] < a["y"] + a["height"]
            ):
                out.append((j, i))
    return out


def test_trends_two_terms_every_year_switchable_and_labels_apart(view, views_server):
    view.goto(views_server + "/trends")
    view.get_by_label("趋势检索词").fill("腾笼换鸟,筑巢引凤")
    view.get_by_role("button", name="查看趋势").click()
    view.wait_for_selector("svg.chart")
    # two phrases on one chart: two lines and a legend naming both
    assert view.locator("svg.chart polyline.line").count() == 2
    assert view.locator("ul.legend li").all_inner_texts()[:2] == ["腾笼换鸟", "筑巢引凤"]
    # every year from the first match (2000) to the last (2024), zeros included
    years = [int(y) for y in view.locator("#year-table tbody th").all_inner_texts()]
    assert years == list(range(2000, 2025))
    assert "2001" in view.locator("#year-table tbody tr.zero").first.inner_text()
    # per 1,000 by default, then raw counts: the axis and heading change, the URL keeps the state
    assert view.get_by_role("heading", name="每千段落中的匹配段落（逐年，含零）").is_visible()
    per_1000_top = view.locator("svg.chart text.axis:not(.year)").last.text_content()
    view.locator("#measure-switch").get_by_role("link", name="段落数").click()
    view.wait_for_url("**measure=count*")
    assert view.get_by_role("heading", name="每年匹配段落数（逐年，含零）").is_visible()
    assert view.locator("svg.chart text.axis:not(.year)").last.text_content() != per_1000_top
    assert "腾笼换鸟,筑巢引凤" == view.input_value("#q")
    # no two labels of the chart overlap on screen, at this width
    boxes = [t.bounding_box() for t in view.locator("svg.chart text").all()]
    assert len(boxes) > 8 and not overlaps(boxes)
    no_sideways_scroll(view)
    shot(view, "trends-two-terms")


def test_diffusion_by_any_level_with_first_years(view, views_server):
    view.goto(views_server + "/trends?q=腾笼换鸟")
    view.locator("#level-switch").get_by_role("link", name="县市区").click()
    view.wait_for_url("**diffusion=county*")
    rows = view.locator("#diffusion tbody tr:not(.unplaced)")  # the unplaced row comes last
    assert "县级" not in view.locator("#diffusion tbody tr.unplaced").inner_text()
    first_years = [
        int(r.locator("td").first.inner_text()) for r in rows.all() if r.locator("td").first.inner_text().strip()
    ]
    assert len(first_years) >= 4 and first_years == sorted(first_years)
    assert view.locator("#diffusion thead th").first.inner_text() == "县市区"
    # a cell opens the search for that county and year, with the same count
    cell = rows.first.locator("td a").first
    n = cell.inner_text()
    cell.click()
    view.wait_for_selector("#total")
    assert view.inner_text("#total") == n
    assert "county=" in view.url and "year=" in view.url


def test_map_of_china_coloured_by_first_appearance(view, views_server):
    view.goto(views_server + "/trends?q=腾笼换鸟")
    regions = view.locator("#map-0 path.region")
    assert regions.count() == 34
    coloured = view.locator("#map-0 path.region:not(.none)")
    table = view.locator("#provinces-0 tbody tr")
    # the map and its table alternative name the same provinces
    assert coloured.count() == table.count() >= 5
    zj = view.locator("#map-0 path[data-code='33']")
    assert "浙江省" in zj.locator("title").text_content() and "首次出现" in zj.locator("title").text_content()
    assert view.locator("#map-0 path[data-code='71']").get_attribute("class") == "region none"
    # the earliest province has the darkest class
    first = table.first.locator("th").inner_text()
    code = {
        "浙江省": "33",
        "广东省": "44",
        "四川省": "51",
        "山东省": "37",
        "甘肃省": "62",
        "广西壮族自治区": "45",
        "黑龙江省": "23",
        "北京市": "11",
    }[first]
    assert "fy0" in view.locator(f"#map-0 path[data-code='{code}']").get_attribute("class")
    box = view.locator("#map-0").bounding_box()
    assert box and box["width"] > 300
    no_sideways_scroll(view)
    shot(view, "map")


def test_citation_in_gbt7714_with_readable_permalink_and_downloads(view, views_server):
    view.goto(views_server + "/p/省报告-2024-3")
    text = view.input_value("#citation")
    # speaker, title, issuing body, date, paragraph, and the permalink on the configured base URL, readable
    assert text.startswith("张四48. 黑龙江省人民政府2024年讲话[Z/OL]. 黑龙江省人民政府, 2024-04-13: 第3段[")
    assert text.endswith("https://archive.example.org/p/省报告-2024-3.")
    assert "%E7" not in text
    assert view.locator(".cite-permalink").inner_text() == "https://archive.example.org/p/省报告-2024-3"
    assert view.locator("#citation").is_visible()
    box = view.locator("#citation").bounding_box()
    assert box and box["x"] + box["width"] <= view.viewport_size["width"]
    with view.expect_download() as info:
        view.click("#cite-ris")
    ris = Path(info.value.path()).read_text(encoding="utf-8")
    assert ris.startswith("TY  - ") and "UR  - https://archive.example.org/p/%E7%9C%81%E6%8A%A5%E5%91%8A-2024-3" in ris
    assert info.value.suggested_filename == "省报告-2024-3.ris"
    with view.expect_download() as info:
        view.click("#cite-bib")
    bib = Path(info.value.path()).read_text(encoding="utf-8")
    assert bib.startswith("@misc{") and "urldate = {" in bib
    no_sideways_scroll(view)
    shot(view, "citation")


def test_home_page_browses_by_place_year_and_type_with_counts(view, views_server):
    view.goto(views_server + "/")
    provinces = view.locator("#hb-province li")
    assert provinces.count() == 8
    counts = [int(x) for x in view.locator("#hb-province .count").all_inner_texts()]
    assert sum(counts) == 48 and counts == sorted(counts, reverse=True)
    years = view.locator("#hb-year li a").all_inner_texts()
    assert years[:3] == ["2024", "2023", "2021"]
    assert sorted(view.locator("#hb-type li a").all_inner_texts()) == sorted(
        ["政府工作报告", "工作总结", "表态发言", "讲话"]
    )
    # a count opens the document list of that place, with as many documents
    first = provinces.first
    name, n = first.locator("a").inner_text(), first.locator(".count").inner_text()
    first.locator("a").click()
    view.wait_for_selector("#doc-total")
    assert view.inner_text("#doc-total") == n
    assert set(view.locator("#doc-table td.dt-place").all_inner_texts()) and all(
        name in p or p for p in view.locator("#doc-table td.dt-place").all_inner_texts()
    )
    assert view.locator(".chip").count() == 1
    no_sideways_scroll(view)


def filters_drawer(view) -> None:
    """Open the filter drawer where there is one (a phone), as a user would."""
    if view.locator("#drawer-open").is_visible():
        view.click("#drawer-open")
        assert view.locator("#facets").is_visible()


def test_document_list_sorts_and_filters(view, views_server):
    view.goto(views_server + "/browse")
    assert view.inner_text("#doc-total") == "48"
    dates = view.locator("#doc-table td.dt-date").all_inner_texts()
    assert dates == sorted(dates, reverse=True)  # newest first
    view.locator("#browse-sort").get_by_role("link", name="标题").click()
    view.wait_for_url("**sort=title*")
    titles = view.locator("#doc-table td.dt-title").all_inner_texts()
    assert titles == sorted(titles)
    view.locator("#browse-sort").get_by_role("link", name="标题").click()  # again: the other way round
    view.wait_for_url("**order=desc*")
    assert view.locator("#doc-table td.dt-title").all_inner_texts() == sorted(titles, reverse=True)
    # filter by year and type, then within titles (on a phone the filters are a drawer)
    filters_drawer(view)
    view.locator("#bf-year").get_by_role("link", name="2005").click()
    view.wait_for_url("**year=2005*")
    assert view.inner_text("#doc-total") == "4"
    filters_drawer(view)
    view.fill("#title-filter", "讲话")
    view.press("#title-filter", "Enter")
    view.wait_for_url("**title=*")
    assert view.inner_text("#doc-total") == "1"
    assert "讲话" in view.locator("#doc-table td.dt-title").inner_text()
    assert view.locator(".chip").count() == 2
    view.locator(".chip").first.click()  # remove the year: every 讲话
    view.wait_for_selector("#doc-total")
    assert view.inner_text("#doc-total") == "12"
    view.locator("#browse-sort").get_by_role("link", name="地区").click()
    view.wait_for_url("**sort=place*")
    no_sideways_scroll(view)
    shot(view, "browse")


def test_document_header_shows_issuer_date_type_and_speaker(view, views_server):
    view.goto(views_server + "/browse?year=2005&type=讲话")
    view.locator("#doc-table td.dt-title a").first.click()
    view.wait_for_selector("#doc-header")
    assert view.inner_text(".dh-type") == "讲话"
    assert view.inner_text(".dh-date") == "2005-04-13"
    assert view.inner_text(".dh-issuer").endswith("人民政府")
    assert view.inner_text(".dh-speaker").startswith("张四")
    assert view.locator("#doc-header").is_visible()
    no_sideways_scroll(view)
