"""The result page through the test client, on the seeds and on the generated larger archive
(tests/conftest.py big_home): state kept in every link, pages clamped, typed filters as chips,
hints that find something, exports a user can trust, messages in the page's language."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from archive.search import Archive

STATE = {"q": ["发展"], "sort": ["newest"], "page": ["2"], "type": ["任务书"]}


@pytest.fixture(scope="module")
def big(big_home):
    from web import create_app

    app = create_app(big_home, {"TESTING": True})
    return app.test_client(), Archive(big_home)


def hrefs(html: str, pattern: str = "") -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]*)"', html) if pattern in unescape(h)]


def args_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def get(client, url: str):
    r = client.get("/" + url if url.startswith("?") else url)
    return r, r.get_data(as_text=True)


def test_every_link_from_a_result_page_keeps_query_filters_sort_and_page(big):
    client, _ = big
    r, html = get(client, "/?q=发展&sort=newest&page=2&type=任务书")
    assert r.status_code == 200
    hits = hrefs(html, "/p/")
    assert len(hits) == 20
    for h in hits:
        assert {k: v for k, v in args_of(h).items() if k in STATE} == STATE, h
    # the paragraph page: back to results, to the document, to the source, neighbours: all keep it
    _, para = get(client, hits[0])
    links = [
        h
        for h in hrefs(para, "/?") + hrefs(para, "/d/") + hrefs(para, "/p/")
        if h.startswith("/") and not h.startswith("/compare")
    ]  # the permalink is stateless
    assert any("/d/" in h and "/source" in h for h in links) and any(h.startswith("/?") for h in links)
    for h in links:
        if "lang=" in h and "lang=en" not in h:
            continue
        assert {k: v for k, v in args_of(h).items() if k in STATE} == STATE, h
    # the document page and the source view link back with the same state
    doc = next(h for h in links if "/d/" in h and "/source" not in h)
    _, dhtml = get(client, doc)
    for h in hrefs(dhtml, "/p/") + hrefs(dhtml, "/source") + hrefs(dhtml, "/?q"):
        assert {k: v for k, v in args_of(h).items() if k in STATE} == STATE, h
    src = next(h for h in links if "/source" in h)
    _, shtml = get(client, src)
    back = hrefs(shtml, "/d/") + hrefs(shtml, "/?q")
    assert back and all({k: v for k, v in args_of(h).items() if k in STATE} == STATE for h in back)


def test_the_language_switch_keeps_everything_and_english_stays_on_every_link(big):
    client, _ = big
    _, html = get(client, "/?q=发展&sort=newest&page=2&type=任务书")
    switch = re.search(r'id="lang-switch"[^>]*|href="([^"]*)"[^>]*id="lang-switch"', html)
    sw = unescape(re.search(r'<a href="([^"]*)"[^>]*id="lang-switch"', html).group(1))
    assert switch and args_of(sw) == dict(STATE, lang=["en"])
    _, en = get(client, "/" + sw)
    internal = [
        h
        for h in hrefs(en)
        if (h.startswith("/") or h.startswith("?")) and "/static/" not in h and "lang-switch" not in h
    ]
    switch_back = unescape(re.search(r'<a href="([^"]*)"[^>]*id="lang-switch"', en).group(1))
    for h in internal:
        if h == switch_back or h.startswith("/export") or h.startswith("#"):
            continue
        assert "lang=en" in h, h
    _, para = get(client, next(h for h in internal if "/p/" in h))
    for h in hrefs(para):
        if (h.startswith("/") or h.startswith("?")) and "/static/" not in h and "lang=en" not in h:
            assert h.startswith("/?q") is False and "/d/" not in h and "/p/" not in h, h


def test_numbered_pager_with_first_and_last_and_deep_pages(big):
    client, arch = big
    total = arch.search("发展", limit=1)["total"]
    pages = -(-total // 20)
    assert pages > 100
    _, html = get(client, "/?q=发展&page=50")
    nav = re.search(r'<nav class="pager".*?</nav>', html, re.S).group(0)
    numbers = [int(n) for n in re.findall(r'aria-label="第(\d+)页"', nav)]
    assert numbers[0] == 1 and numbers[-1] == pages and 50 in numbers and {48, 49, 51, 52} <= set(numbers)
    assert "首页" in nav and "末页" in nav and f"第50页，共{pages}页" in nav
    last = hrefs(nav, f"page={pages}")
    assert last
    _, deep = get(client, last[0])
    shown = re.findall(r'<ol class="hits" start="(\d+)"', deep)
    assert shown == [str((pages - 1) * 20 + 1)] and len(hrefs(deep, "/p/")) == total - (pages - 1) * 20


@pytest.mark.parametrize("page", ["3", "500", "9999"])
def test_a_page_after_the_last_is_the_last_page_not_an_error(client, archive, page):
    total = archive.search("腾笼换鸟", limit=1)["total"]
    last = -(-total // 20)
    r, html = get(client, f"/?q=腾笼换鸟&page={page}")
    assert r.status_code == 200
    assert f"第{page}页" not in html.split('id="clamped"')[0] or int(page) <= last
    assert 'id="clamped"' in html and f"共{last}页" in html
    assert len(hrefs(html, "/p/")) == total - (last - 1) * 20


def test_page_zero_is_the_first_page_and_garbage_gets_a_chinese_message(client):
    r, html = get(client, "/?q=腾笼换鸟&page=0")
    assert r.status_code == 200 and '<ol class="hits" start="1"' in html
    r, html = get(client, "/?q=腾笼换鸟&page=abc")
    assert r.status_code == 400 and "page 必须是整数" in html


def test_filters_typed_in_the_box_become_chips_and_ticked_facets(client, archive):
    r, html = get(client, "/?q=腾笼换鸟 township:新埭")
    assert r.status_code == 200
    chips = [unescape(c).strip() for c in re.findall(r'class="chip"[^>]*>([^<]*)<', html)]
    assert chips == ["乡镇街道: 新埭镇"]
    assert re.search(r'name="township" value="新埭镇" checked', html)
    assert re.search(r'<input id="q" name="q" type="search" value="腾笼换鸟"', html)
    total = int(re.search(r'<span id="total">(\d+)', html).group(1))
    assert total == archive.search("腾笼换鸟", filters={"township": ["新埭镇"]}, limit=1)["total"] > 0
    # removing the chip removes the filter
    chip = unescape(re.search(r'<a class="chip" href="([^"]*)"', html).group(1))
    assert "township" not in args_of(chip) and args_of(chip)["q"] == ["腾笼换鸟"]


def test_level_chips_and_values_are_translated(client):
    _, html = get(client, "/?q=发展&level=township")
    assert "层级: 乡镇级" in html and "层级: township" not in html
    _, en = get(client, "/?q=发展&level=township&lang=en")
    assert "Level: Township" in en


def test_a_query_with_no_hits_offers_the_closest_spelling_that_finds_something(client, archive):
    r, html = get(client, "/?q=腾笼换凤")
    assert r.status_code == 200 and 'id="suggestion"' in html
    suggestion = unescape(re.search(r'id="suggestion">[^<]*<a href="([^"]*)">([^<]*)<', html).group(2))
    assert archive.search("腾笼换凤", limit=1)["total"] == 0
    assert archive.search(suggestion, limit=1)["total"] > 0 and suggestion == "腾笼换鸟"


def test_a_query_with_no_hits_names_the_filter_whose_removal_gives_hits(client, archive):
    _, html = get(client, "/?q=腾笼换鸟&year=1990&township=新埭镇")
    dropped = re.search(r'<ul class="hint" id="dropped">(.*?)</ul>', html, re.S).group(1)
    expected = archive.search("腾笼换鸟", filters={"township": ["新埭镇"]}, limit=1)["total"]
    assert f"去掉“年份: 1990”可得 {expected} 条" in unescape(dropped)
    link = unescape(re.search(r'href="([^"]*)"', dropped).group(1))
    assert "year" not in args_of(link) and args_of(link)["township"] == ["新埭镇"]


@pytest.mark.parametrize(
    "bad,zh",
    [
        ('"腾笼换鸟', "引号没有配对"),
        ("腾笼换鸟 OR", "两边都需要检索词"),
        ("(腾笼换鸟", "括号没有配对"),
        ("-腾退", "只有排除词"),
        ("year:二〇二三", "年份应写作"),
    ],
)
def test_query_errors_are_in_the_pages_language(client, bad, zh):
    r, html = get(client, "/?q=" + bad)
    assert r.status_code == 400
    msg = unescape(re.search(r'role="alert"[^>]*>([^<]*)<', html).group(1))
    assert zh in msg and not re.search(r"[a-z]{4,}", msg.replace("year", "")), msg
    r, en = get(client, "/?lang=en&q=" + bad)
    assert not re.search(
        r"[\u4e00-\u9fff]{6,}",
        unescape(re.search(r'role="alert"[^>]*>([^<]*)<', en).group(1)).replace("腾笼换鸟", "").replace("新仓镇", ""),
    )


def test_the_paragraph_page_has_no_english_labels_in_chinese(client, archive):
    pid = archive.search("腾笼换鸟", limit=1)["hits"][0]["id"]
    _, html = get(client, f"/p/{pid}")
    labels = [unescape(x) for x in re.findall(r"<dt>([^<]*)</dt>", html)]
    assert labels and not [x for x in labels if re.search(r"[A-Za-z]", x)], labels


def test_long_queries_up_to_the_limit_work_and_longer_ones_get_the_message_with_nothing_cut(client):
    ok = "腾笼换鸟" * 125  # 500 characters
    r, _ = get(client, "/?q=" + ok)
    assert r.status_code == 200
    for n in (600, 1500):  # 1,500 characters: 13,500 bytes of URL
        r, html = get(client, "/?q=" + "腾" * n)
        assert r.status_code == 400
        assert f"检索式太长：{n} 个字符（最多 500 个）" in unescape(html)
        box = unescape(re.search(r'<input id="q" name="q" type="search" value="([^"]*)"', html).group(1))
        assert box == "腾" * n
        assert 'maxlength' not in html.split('id="q"')[1].split(">")[0]


def test_export_respects_sort_is_named_after_the_query_and_carries_permalinks(big):
    client, arch = big
    r = client.get("/export.csv?q=发展&sort=newest&type=任务书")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "text/csv; charset=utf-8"
    cd = r.headers["Content-Disposition"]
    assert "filename*=UTF-8''archive-%E5%8F%91%E5%B1%95_%E4%BB%BB%E5%8A%A1%E4%B9%A6.csv" in cd, cd
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff"))))
    total = arch.search("发展", filters={"doc_type": ["任务书"]}, limit=1)["total"]
    assert len(rows) == total == int(r.headers["X-Export-Count"]) > 400
    # the order of the result pages, page after page
    expected = []
    for off in range(0, total, 100):
        expected += [
            h["id"]
            for h in arch.search(
                "发展", filters={"doc_type": ["任务书"]}, sort="newest", limit=100, offset=off, facets=False
            )["hits"]
        ]
    assert [x["id"] for x in rows] == expected
    assert all(x["permalink"] == f"http://127.0.0.1:8000/p/{x['id']}" for x in rows)
    j = client.get("/export.json?q=发展&sort=oldest&type=任务书").get_json()
    assert j["count"] == total and j["truncated"] is False and len(j["paragraphs"]) == total
    assert [p["year"] for p in j["paragraphs"]] == sorted(p["year"] for p in j["paragraphs"])


def test_the_source_view_shows_the_relative_path_and_marks_the_hit(client, archive, seed_home):
    hit = archive.search("腾笼换鸟", limit=1)["hits"][0]
    a, b = hit["source_lines"]
    _, html = get(client, f"/d/{hit['doc_id']}/source?lines={a}-{b}&q=腾笼换鸟")
    assert str(seed_home) not in html and "/work/" not in html and "/tmp/" not in html
    marked = re.findall(r'<tr id="L(\d+)" class="marked">.*?</tr>', html, re.S)
    assert [int(x) for x in marked] == list(range(a, b + 1))
    rows = re.findall(r'<tr id="L\d+" class="marked">(.*?)</tr>', html, re.S)
    text = "".join(re.sub(r"<[^>]+>", "", r) for r in rows)
    marks = "".join(re.findall(r"<mark>([^<]*)</mark>", "".join(rows)))
    assert "腾笼换鸟" in marks or ("腾笼" in text and marks)


def test_relative_path_of_absolute_sources():
    from web.sourceview import relative_path

    paths = ["/srv/corpus/city-2024/a.txt", "/srv/corpus/national/b.txt"]
    assert relative_path("/srv/corpus/city-2024/a.txt", paths) == "city-2024/a.txt"
    assert relative_path("seeds/x.txt", paths) == "seeds/x.txt"
    assert relative_path("/srv/one/c.txt", ["/srv/one/c.txt"]) == "c.txt"


def test_the_help_pages_examples_all_find_paragraphs(client):
    _, html = get(client, "/help")
    links = re.findall(r'<li><a href="([^"]+)"><code>', html)
    assert len(links) >= 10
    for link in links:
        r, page = get(client, unescape(link))
        total = re.search(r'<span id="total">(\d+)', page)
        assert r.status_code == 200 and total and int(total.group(1)) > 0, unescape(link)


def test_hints_are_the_same_in_the_api_and_the_cli(client, runner, seed_home, archive):
    j = client.get("/api/search?q=腾笼换鸟 year:1990").get_json()
    want = archive.search("腾笼换鸟", limit=1)["total"]
    assert j["total"] == 0 and j["hints"]["without"] == [{"field": "year", "values": ["1990"], "total": want}]
    assert client.get("/api/search?q=腾笼换凤").get_json()["hints"]["suggestion"] == "腾笼换鸟"
    assert "hints" not in client.get("/api/search?q=腾笼换鸟").get_json()
    out = runner("search", "腾笼换凤", "--home", seed_home).output
    assert "did you mean: 腾笼换鸟" in out
    out = runner("search", "腾笼换鸟", "year:1990", "--home", seed_home).output
    assert f"without year:1990: {want} paragraphs" in out


def test_long_queries_under_the_default_server(serve_process, seed_home):
    """`archive serve` as it runs by default (gunicorn, several workers): a 500-character query
    is answered, a longer one (even past gunicorn's own 8,190-byte line) gets the documented
    message, not gunicorn's 'Request Line is too large'."""
    import urllib.error
    import urllib.request
    from urllib.parse import quote

    _, port = serve_process("--home", str(seed_home))
    base = f"http://127.0.0.1:{port}/?q="
    with urllib.request.urlopen(base + quote("腾笼换鸟" * 125), timeout=30) as r:
        assert r.status == 200
    for n in (600, 1200):  # 1,200 characters: 10,800 bytes
        with pytest.raises(urllib.error.HTTPError) as exc:
            urllib.request.urlopen(base + quote("腾" * n), timeout=30)
        body = exc.value.read().decode("utf-8")
        assert exc.value.code == 400 and f"检索式太长：{n} 个字符（最多 500 个）" in body
