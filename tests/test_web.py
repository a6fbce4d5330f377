"""Every route of the Flask app through its test client, the JSON shapes, errors and escaping."""

from __future__ import annotations

import csv
import re
import io
import json

import pytest

from archive.model import FACETS, PARAGRAPH_FIELDS
from indexer.build import build
from web import create_app


def test_api_search_has_the_cli_shape(client, archive):
    r = client.get("/api/search", query_string={"q": "腾笼换鸟", "township": ["新埭镇", "广陈镇"], "limit": 5})
    assert r.status_code == 200 and r.mimetype == "application/json"
    data = r.get_json()
    assert list(data) == ["query", "total", "hits", "facets"]
    assert data["total"] == 3 and len(data["hits"]) == 3
    for h in data["hits"]:
        assert list(h)[: len(PARAGRAPH_FIELDS)] == list(PARAGRAPH_FIELDS)
        assert "score" in h and "highlights" in h and h["township"] in ("新埭镇", "广陈镇")
    assert set(data["facets"]) == set(FACETS)
    # the same object as the core service
    core = archive.search("腾笼换鸟", filters={"township": ["新埭镇", "广陈镇"]}, limit=5)
    assert data["hits"] == core["hits"] and data["facets"] == core["facets"]


def test_cli_json_and_api_agree(client, runner, seed_home):
    out = runner("search", "枫桥经验", "--limit", "3", "--json", "--home", seed_home)
    assert out.exit_code == 0
    assert json.loads(out.output) == client.get("/api/search?q=枫桥经验&limit=3").get_json()


@pytest.mark.parametrize(
    "url,status,needle",
    [
        ("/api/search?q=%22", 400, "unclosed quote"),
        ("/api/search?q=" + "腾" * 600, 400, "too long"),
        ("/api/search?q=" + "腾" * 10_000, 414, "URL is"),
        ("/api/search?q=x&limit=1000", 400, "limit"),
        ("/api/search?q=x&limit=abc", 400, "whole number"),
        ("/api/search?q=x&offset=-5", 400, "offset"),
        ("/api/search?q=x&sort=random", 400, "sort"),
        ("/api/search?q=", 400, "empty query"),
        ("/api/p/nope", 404, "no paragraph"),
        ("/api/d/nope", 404, "no document"),
        ("/api/trend?q=-", 400, "needs a term"),
        ("/api/nothing", 404, "not found"),
    ],
)
def test_api_errors_are_json(client, url, status, needle):
    r = client.get(url)
    assert r.status_code == status
    assert r.is_json and needle in r.get_json()["error"]


def test_api_paragraph_document_and_trend(client):
    p = client.get("/api/p/pinghu-2023-xinde-2").get_json()
    assert p["paragraph"]["speaker"] == "金一" and [x["n"] for x in p["before"]] == [1]
    d = client.get("/api/d/pinghu-2023-gzbg").get_json()
    assert d["title"].startswith("平湖市人民政府工作报告") and d["paragraphs"][0]["n"] == 1
    tr = client.get("/api/trend?q=腾笼换鸟").get_json()["series"][0]
    assert sum(tr["counts"]) == tr["total"] == 8
    assert sum(r["total"] for r in tr["diffusion"]) == 8
    first = {r["place"]: r["first_year"] for r in tr["diffusion"]}
    assert first["独山港镇"] == 2026 and first["新埭镇"] == 2023


def test_search_page_keeps_state_and_shows_facets(client):
    html = client.get("/?q=腾笼换鸟&township=新埭镇&sort=newest").get_data(as_text=True)
    assert 'value="腾笼换鸟"' in html
    assert '<span id="total">2</span>' in html
    assert 'name="township" value="新埭镇" checked' in html
    assert "class=\"chip\"" in html and "<mark>腾笼换鸟</mark>" in html
    assert '<strong aria-current="true">最新</strong>' in html


def test_empty_result_suggests_dropping_a_filter(client):
    html = client.get("/?q=腾笼换鸟&township=高桥街道").get_data(as_text=True)
    assert "没有找到" in html and "去掉“乡镇街道: 高桥街道”可得" in html


def test_pagination_links(client):
    html = client.get("/?q=发展").get_data(as_text=True)
    assert 'rel="next"' in html and "page=2" in html
    html2 = client.get("/?q=发展&page=2").get_data(as_text=True)
    assert 'rel="prev"' in html2
    # pages out of range are clamped, not refused (issue 12): 0 is the first, 99999 the last
    assert '<ol class="hits" start="1"' in client.get("/?q=网格&page=0").get_data(as_text=True)
    last = client.get("/?q=网格&page=99999")
    assert last.status_code == 200 and 'id="clamped"' in last.get_data(as_text=True)


def test_english_switch(client):
    html = client.get("/?q=腾笼换鸟&lang=en").get_data(as_text=True)
    assert "paragraphs" in html and "Township" in html and 'lang="en"' in html


def test_bad_query_page_says_why(client):
    r = client.get('/?q=%22腾笼')
    assert r.status_code == 400 and "引号没有配对" in r.get_data(as_text=True)
    r = client.get("/?q=" + "腾" * 600)
    assert r.status_code == 400 and "检索式太长" in r.get_data(as_text=True)
    r = client.get('/?lang=en&q=%22腾笼')
    assert r.status_code == 400 and "unclosed quote" in r.get_data(as_text=True)


def test_paragraph_page(client):
    r = client.get("/p/pinghu-2023-xinde-37?q=腾笼换鸟")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert '<mark id="hit-1">腾笼换鸟</mark>' in html
    assert "许建军" in html and "第37段" in html
    assert re.search(r'id="in-source" href="/d/pinghu-2023-xinde/source\?q=[^"]*lines=344-350', html)
    assert (
        'id="citation"' in html
        and "许建军. 平湖市党政代表团赴绍兴金华学习考察：各镇街道主要负责人心得体会[N/OL]. 平湖日报, 2023-11: 第37段["
        in html
    )
    assert "]. http://127.0.0.1:8000/p/pinghu-2023-xinde-37.</textarea>" in html  # GB/T 7714 (tests/test_cite.py)
    # "why?": each tag's evidence behind a disclosure, escaped like all user text
    ev = html[html.index('<details id="evidence">') :]
    ev = ev[: ev.index("</details>")]
    # in the page's language (web/i18n_evidence.py): the quoted text as it was, escaped
    assert "目录字段「日期」 &#34;2023-11&#34;" in ev and "行落款" in ev
    en = client.get("/p/pinghu-2023-xinde-37?lang=en").get_data(as_text=True)
    assert "catalog field date &#34;2023-11&#34;" in en and "signature line" in en
    assert "<dt>年份</dt>" in ev and "<dt>县市区</dt>" in ev and "place.county" not in ev  # labelled, in Chinese
    assert "<dt>所在章节</dt>" in html and "<dt>heading</dt>" not in html
    assert client.get("/p/nope").status_code == 404


def test_document_page_marks_target_and_hits(client):
    html = client.get("/d/pinghu-2023-xinde?q=枫桥经验&n=2").get_data(as_text=True)
    assert 'id="p-2" class="para body target"' in html
    assert html.count('<mark id="hit-') == 13
    assert "第1处，共13处命中" in html


def test_source_page_marks_lines(client):
    html = client.get("/d/pinghu-2023-xinde/source?lines=9-11").get_data(as_text=True)
    assert html.count('class="marked"') == 3 and 'id="L9" class="marked"' in html
    for bad in ("/d/..%2Fmanifest/source", "/d/../../etc/passwd/source", "/d/nope/source"):
        assert client.get(bad).status_code == 404


def test_trends_page(client, archive):
    html = client.get("/trends?q=腾笼换鸟").get_data(as_text=True)
    # the per-1,000 figure of 2023, worked out by brute force over every paragraph
    from archive.textnorm import normalize

    docs = [d["doc_id"] for d in archive.stats()["docs"]]
    of_2023 = [p for d in docs for p in archive.document(d) if p["year"] == 2023]
    hits = sum(1 for p in of_2023 if "腾笼换鸟" in normalize(p["text"]))
    assert hits and "<svg" in html and 'id="diffusion"' in html and f"{1000 * hits / len(of_2023):.2f}" in html
    assert client.get("/trends").status_code == 200


def test_export_csv_has_bom_and_every_field(client):
    r = client.get("/export.csv?q=腾笼换鸟")
    assert r.status_code == 200 and r.data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(r.data.decode("utf-8-sig"))))
    assert rows[0] == list(PARAGRAPH_FIELDS) + ["permalink"] and len(rows) == 9
    # the evidence column is JSON a script can read back, equal to the API's
    j = client.get("/export.json?q=腾笼换鸟").get_json()
    ev = {r[0]: json.loads(r[PARAGRAPH_FIELDS.index("evidence")]) for r in rows[1:]}
    assert all(ev[p["id"]] == p["evidence"] for p in j["paragraphs"]) and any(ev.values())
    assert j["count"] == 8 and len(j["paragraphs"]) == 8 and not j["truncated"]
    assert client.get("/export.csv?q=%22").status_code == 400
    assert client.get("/export.xml?q=x").status_code == 404


def test_hostile_text_and_queries_are_escaped(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "evil.html").write_text(
        "<html><head><script>alert(9)</script></head><body><p>2024年，新仓镇将警惕&lt;script&gt;alert(1)&lt;/script&gt;与&lt;img src=x onerror=alert(2)&gt;。</p>"
        "</body></html>",
        encoding="utf-8",
    )
    home = tmp_path / "home"
    build([src], home)
    c = create_app(home).test_client()
    for url in ("/?q=script", "/p/evil-1?q=script", "/d/evil?q=script"):
        html = c.get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in html and "<img src=x" not in html, url
        assert "&lt;" in html and "alert(1)" in html and "onerror=alert(2)&gt;" in html, url
        assert "alert(9)" not in html  # the page's own script never became text
    # the source view shows the raw HTML file as text
    html = c.get("/d/evil/source").get_data(as_text=True)
    assert "<script>alert(9)" not in html and "&lt;script&gt;alert(9)&lt;/script&gt;" in html
    html = c.get('/?q="<script>alert(3)</script>"').get_data(as_text=True)
    assert "<script>alert(3)" not in html and "&lt;script&gt;alert(3)" in html


def test_missing_index_gets_a_clear_page(tmp_path):
    c = create_app(tmp_path / "empty").test_client()
    r = c.get("/?q=x")
    assert r.status_code == 503 and "archive index" in r.get_data(as_text=True)
    r = c.get("/api/search?q=x")
    assert r.status_code == 503 and "archive index" in r.get_json()["error"]


def test_townships_are_grouped_under_their_county(client):
    html = client.get("/?q=数字经济").get_data(as_text=True)
    facet = html[html.index('id="facet-township"') : html.index('id="facet-year"')]
    # each township names its county beside it (names repeat across counties)
    assert re.search(r'高桥街道 <span class="parent">桐乡市</span>', facet)
    assert re.search(r'新埭镇 <span class="parent">平湖市</span>', facet)
    data = client.get("/api/search?q=数字经济").get_json()
    assert {(f["county"], f["value"]) for f in data["facets"]["township"]} >= {
        ("桐乡市", "高桥街道"),
        ("平湖市", "新埭镇"),
    }


def test_search_page_with_national_and_city_documents(tmp_path):
    """Place facets whose parent is unknown (a national report has no province) still render."""
    import json as _json

    src = tmp_path / "src"
    src.mkdir()
    rows = [
        {
            "title": "2025年中华人民共和国国务院政府工作报告",
            "content": "现在，我代表国务院，向大会报告政府工作。\n\n深化千万工程。",
        },
        {"title": "2024年嘉兴市政府工作报告", "content": "现在，我代表市人民政府向大会报告工作。\n\n深化千万工程。"},
    ]
    (src / "r.jsonl").write_text("\n".join(_json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    home = tmp_path / "home"
    build([src], home)
    c = create_app(home).test_client()
    r = c.get("/?q=千万工程")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    # one province named (the national report has none): the panel starts below it
    assert '<span id="total">2</span>' in html and 'id="facet-level"' in html
    assert c.get("/?q=千万工程&level=national").get_data(as_text=True).count('class="hit"') == 1


def test_concurrent_requests_on_a_real_server(tmp_path, replicate_seeds, serve_in_thread):
    """8 clients at once on loopback: every answer is right (a shared Whoosh searcher once
    garbled stored fields under concurrency: 'UnpicklingError: invalid load key')."""
    import threading
    import urllib.parse
    import urllib.request

    home = tmp_path / "home"
    build([replicate_seeds(tmp_path / "src", 6)], home, keep_duplicates=True)
    base = serve_in_thread(create_app(home), threads=8)
    expected = {q: client_total(q, home) for q in ("腾笼换鸟", "网格", "发展", "棒", "枫桥经验")}
    failures: list[str] = []

    def client(k: int) -> None:
        for i in range(15):
            q = list(expected)[(k + i) % len(expected)]
            try:
                with urllib.request.urlopen(f"{base}/api/search?q={urllib.parse.quote(q)}&limit=100", timeout=30) as r:
                    data = json.loads(r.read())
                if data["total"] != expected[q] or any(q not in h["text"] for h in data["hits"]):
                    failures.append(f"{q}: wrong answer")
            except Exception as exc:  # any error is a failure of the test
                failures.append(f"{q}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def client_total(q: str, home) -> int:
    from archive.search import Archive

    return Archive(home).search(q, facets=False)["total"]
