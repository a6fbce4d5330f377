"""The workbench in a real headless Chromium: the concordance sort, the batch table and
saving a search. The server, browser and CSP-checking page fixtures are test_browser's."""

from __future__ import annotations

from test_browser import browser, page, server, shot  # noqa: F401  (fixtures)

from archive import batch, kwic


def test_concordance_sort_by_left_context(page, server, archive):  # noqa: F811
    page.goto(server + "/?q=腾笼换鸟")
    page.click("#kwic-link")
    page.wait_for_selector("#kwic-table")
    assert page.inner_text("#kwic-lines") == "8"
    hits = page.locator("#kwic-table td.kh").all_inner_texts()
    assert hits == ["腾笼换鸟"] * 8
    page.select_option("#kwic-sort", "left")
    page.fill("#kwic-width", "6")
    page.click("#kwic-form button[type=submit]")
    page.wait_for_url("**sort=left*")
    want = kwic.concordance(archive, "腾笼换鸟", width=6, sort="left")["lines"]
    assert page.locator("#kwic-table td.kl").all_inner_texts() == [ln["left"].strip() for ln in want]
    assert [
        a.split("/p/")[1].split("?")[0]
        for a in page.locator("a.kwic-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    ] == [ln["id"] for ln in want]
    # the hit column is aligned: every hit cell starts at the same x
    xs = {round(b["x"]) for b in (c.bounding_box() for c in page.locator("#kwic-table td.kh").all()) if b}
    assert len(xs) == 1
    shot(page, "kwic")
    page.locator("a.kwic-link").first.click()
    page.wait_for_selector(".para-main mark")
    assert page.locator(".para-main mark").first.inner_text() == "腾笼换鸟"


def test_batch_paste_table_click_a_cell_lands_on_its_search(page, server, archive):  # noqa: F811
    page.goto(server + "/")
    page.click("#nav-batch")
    page.fill("#phrases", "腾笼换鸟\n千万工程\n共同富裕")
    page.click("#batch-run")
    page.wait_for_selector("table.batch-table")
    assert page.locator("table.batch-table").count() == 3
    core = batch.batch(archive, ["腾笼换鸟", "千万工程", "共同富裕"])
    first = page.locator("table.batch-table").first
    rows = first.locator("tbody tr")
    assert rows.count() == len(core["phrases"][0]["places"])
    assert [r.split("·")[0].strip() for r in rows.locator("th").all_inner_texts()] == [
        p["place"] or "（无乡镇）" for p in core["phrases"][0]["places"]
    ]
    shot(page, "batch")
    cell = first.locator("a.batch-cell").first
    count = cell.get_attribute("data-count")
    cell.click()
    page.wait_for_selector("#total")
    assert page.inner_text("#total") == count
    assert page.locator(".chip").count() == 3  # township, county, year
    assert all(m == "腾笼换鸟" for m in page.locator("ol.hits mark").all_inner_texts())


def test_save_a_search_see_it_listed_and_open_it(page, server, seed_home):  # noqa: F811
    from archive.saved import SavedSearches

    store = SavedSearches(seed_home)
    store.delete("新埭 腾笼换鸟")
    page.goto(server + "/?q=腾笼换鸟&township=新埭镇&sort=newest")
    page.wait_for_selector("#total")
    page.fill("#save-name", "新埭 腾笼换鸟")
    page.click("#save-button")
    page.wait_for_selector("#saved-table")
    row = page.locator("tr.saved-row[data-name='新埭 腾笼换鸟']")
    assert row.locator(".saved-total").inner_text() == "2"
    assert row.locator(".saved-new").inner_text() == "2"
    s = store.get("新埭 腾笼换鸟")
    assert s is not None and s["filters"] == {"township": ["新埭镇"]} and s["sort"] == "newest"
    shot(page, "saved")
    row.locator("a.saved-open").click()
    page.wait_for_selector("#total")
    assert page.inner_text("#total") == "2" and "sort=newest" in page.url
    page.click("#nav-saved")
    page.wait_for_selector("#saved-table")
    row = page.locator("tr.saved-row[data-name='新埭 腾笼换鸟']")
    assert row.locator(".saved-new").inner_text() == "0"
    row.locator("button.saved-delete").click()
    page.wait_for_selector("#saved-empty, #saved-table")
    assert page.locator("tr.saved-row[data-name='新埭 腾笼换鸟']").count() == 0
    assert store.get("新埭 腾笼换鸟") is None
