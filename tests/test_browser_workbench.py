"""The workbench in a real headless Chromium: the concordance sort, the batch table and
saving a search. The server, browser and CSP-checking page fixtures are test_browser's."""
from __future__ import annotations

from test_browser import browser, page, server, shot  # noqa: F401  (fixtures)

from archive import kwic


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
    assert [a.split("/p/")[1].split("?")[0] for a in
            page.locator("a.kwic-link").evaluate_all("els => els.map(e => e.getAttribute('href'))")] == \
        [ln["id"] for ln in want]
    # the hit column is aligned: every hit cell starts at the same x
    xs = {round(b["x"]) for b in (c.bounding_box() for c in page.locator("#kwic-table td.kh").all()) if b}
    assert len(xs) == 1
    shot(page, "kwic")
    page.locator("a.kwic-link").first.click()
    page.wait_for_selector(".para-main mark")
    assert page.locator(".para-main mark").first.inner_text() == "腾笼换鸟"
