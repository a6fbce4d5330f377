"""Citations (archive/cite.py): GB/T 7714 text, RIS and BibTeX of a paragraph, the same from the
paragraph page, /api/cite/<id> and `archive cite`, with a readable permalink on the base URL."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from archive.cite import bibtex, citation, fields, iso_date, occasion, readable

DAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    "date,year,iso",
    [
        ("2024年1月13日", 2024, "2024-01-13"),
        ("2018-2-22", 2018, "2018-02-22"),
        ("2014-08-01 13:52", 2014, "2014-08-01"),
        ("2023-11", 2023, "2023-11"),
        ("2026", 2026, "2026"),
        (None, 2020, "2020"),
        (None, None, None),
        ("2024年13月", 2024, "2024"),
    ],
)
def test_iso_date(date, year, iso):
    assert iso_date(date, year) == iso


def test_readable_permalink_decodes_text_but_keeps_reserved_escapes():
    assert readable("http://h/p/%E7%BB%8D%E5%85%B4-2024-30") == "http://h/p/绍兴-2024-30"
    assert readable("http://h/p/a%2Fb%20c-1") == "http://h/p/a%2Fb%20c-1"


def test_occasion_from_a_dateline_or_a_title():
    assert (
        occasion(
            "亳州市2024年政府工作报告", ["亳州市政府工作报告", "——2024年1月16日在亳州市第五届人民代表大会第三次会议上"]
        )
        == "亳州市第五届人民代表大会第三次会议"
    )
    assert (
        occasion("2026年全市三级干部大会暨「创新实干 争先攀高」动员大会表态发言（摘编）", [])
        == "2026年全市三级干部大会暨「创新实干 争先攀高」动员大会"
    )
    assert occasion("在全县经济工作会议上的讲话", []) == "全县经济工作会议"
    assert occasion("成都市2024年政府工作报告", ["各位代表：", "现在，我代表市人民政府，向大会报告工作。"]) is None


PARA = {
    "id": "绍兴-2024-30",
    "doc_id": "绍兴-2024",
    "n": 30,
    "title": "绍兴市2024年政府工作报告",
    "publisher": None,
    "speaker": "施惠芳",
    "speaker_title": "市长",
    "date": "2024年1月16日",
    "year": 2024,
    "doc_type": "政府工作报告",
    "level": "city",
    "city": "绍兴市",
    "province": "浙江省",
    "text": "…",
}
HEAD = [{"text": "绍兴市2024年政府工作报告"}, {"text": "——2024年1月16日在绍兴市第九届人民代表大会第四次会议上"}]


def test_gbt7714_has_speaker_title_occasion_issuer_date_paragraph_and_a_readable_permalink():
    c = citation(PARA, HEAD, "https://archive.example.org/", DAY)
    assert c["gbt7714"] == (
        "施惠芳. 绍兴市2024年政府工作报告: 绍兴市第九届人民代表大会第四次会议[R/OL]. 绍兴市人民政府, "
        "2024-01-16: 第30段[2026-12-01]. https://archive.example.org/p/绍兴-2024-30."
    )
    assert c["fields"]["url"] == "https://archive.example.org/p/%E7%BB%8D%E5%85%B4-2024-30"


def test_ris_record_reads_back():
    text = citation(PARA, HEAD, "https://archive.example.org", DAY)["ris"]
    assert text.endswith("ER  - \r\n") and "\n" not in text.replace("\r\n", "")
    tags = [(m.group(1), m.group(2)) for m in re.finditer(r"^([A-Z][A-Z0-9])  - (.*)\r$", text, re.M)]
    d = dict(tags)
    assert tags[0] == ("TY", "GOVDOC") and d["AU"] == "施惠芳" and d["PB"] == "绍兴市人民政府"
    assert d["T2"] == "绍兴市第九届人民代表大会第四次会议" and d["DA"] == "2024/01/16/" and d["PY"] == "2024"
    assert d["UR"] == "https://archive.example.org/p/%E7%BB%8D%E5%85%B4-2024-30" and d["Y2"] == "2026/12/01"


def test_bibtex_escapes_special_characters_and_makes_an_ascii_key():
    p = {**PARA, "title": "100% {新} R&D_计划 #1 $x\\y"}
    out = bibtex(fields(p, [], "http://h", DAY))
    assert out.startswith("@misc{2024-30-") and re.match(r"@misc\{[A-Za-z0-9:_-]+,\n", out)
    assert r"title = {{100\% \{新\} R\&D\_计划 \#1 \$x\textbackslash{}y}}" in out
    assert "urldate = {2026-12-01}" in out and "url = {http://h/p/%E7%BB%8D%E5%85%B4-2024-30}" in out


def test_the_signed_author_of_a_seed_piece_leads_its_citation(client, archive, runner, seed_home):
    c = client.get("/api/cite/pinghu-2023-xinde-46").get_json()
    assert c["fields"]["author"] == "许建军" and c["gbt7714"].startswith("许建军. 平湖市党政代表团赴绍兴金华学习考察")
    assert "第46段" in c["gbt7714"] and c["fields"]["issuer"] == "平湖日报"
    assert c["gbt7714"].endswith("/p/pinghu-2023-xinde-46.")
    out = runner(
        "cite",
        "pinghu-2023-xinde-46",
        "--json",
        "--home",
        seed_home,
        "--base-url",
        client.application.config["BASE_URL"],
    )
    assert out.exit_code == 0 and json.loads(out.output) == c  # one dict for the API and the CLI
    text = runner("cite", "pinghu-2023-xinde-46", "--home", seed_home, "--base-url", "https://x.example.org").output
    assert text.strip().endswith("https://x.example.org/p/pinghu-2023-xinde-46.")
    bib = runner("cite", "pinghu-2023-xinde-46", "--format", "bibtex", "--home", seed_home).output
    assert bib.startswith("@misc{pinghu-2023-xinde-46,")
    assert runner("cite", "nope", "--home", seed_home).exit_code != 0


def test_paragraph_page_shows_the_citation_and_offers_ris_and_bibtex(client):
    html = client.get("/p/pinghu-2023-gzbg-3").get_data(as_text=True)
    assert "[R/OL]" in html and 'id="cite-ris"' in html and 'id="cite-bib"' in html
    r = client.get("/p/pinghu-2023-gzbg-3/cite.ris")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("application/x-research-info-systems")
    assert "attachment" in r.headers["Content-Disposition"] and r.get_data(as_text=True).startswith("TY  - GOVDOC")
    b = client.get("/p/pinghu-2023-gzbg-3/cite.bib")
    assert b.status_code == 200 and b.get_data(as_text=True).startswith("@misc{pinghu-2023-gzbg-3,")
    assert client.get("/p/nope/cite.ris").status_code == 404
    nf = client.get("/api/cite/nope")
    assert nf.status_code == 404 and nf.get_json()["error"] == "no paragraph nope"


def test_the_base_url_comes_from_the_configuration_not_the_host_header(seed_home):
    from web import create_app

    c = create_app(seed_home, {"TESTING": True, "BASE_URL": "https://cite.example.org"}).test_client()
    got = c.get("/api/cite/pinghu-2023-gzbg-3", headers={"Host": "evil.example.com"}).get_json()
    assert got["fields"]["permalink"] == "https://cite.example.org/p/pinghu-2023-gzbg-3"


def test_cite_type_and_occasion_tables_exact():
    from archive.datafiles import rows

    types = {r[0]: r[1:] for r in rows("cite_types.tsv")}
    assert types["政府工作报告"] == ["R", "GOVDOC", "人民政府"] and types["表态发言"] == ["Z", "SPEECH", ""]
    assert [r[0] for r in rows("occasions.tsv")] == ["head", "title"]


def test_help_page_examples_for_these_views_answer_with_hits_on_the_seeds(client):
    import re as _re

    html = client.get("/help").get_data(as_text=True)
    mine = {"help-trend", "help-trend-count", "help-cite", "help-browse"}
    links = {k: v for k, v in _re.findall(r'id="(help-[a-z-]+)" href="([^"]+)"', html) if k in mine}
    assert set(links) == mine
    for name, href in links.items():
        r = client.get(href.replace("&amp;", "&"))
        assert r.status_code == 200, (name, href)
    trend = client.get("/api/trend?q=腾笼换鸟,筑巢引凤").get_json()
    assert all(s["total"] > 0 for s in trend["series"])
    assert client.get("/api/browse?sort=title").get_json()["total"] == 5


def test_newspaper_issuers_data_file_exact_output():
    from archive.cite import newspaper_endings

    assert newspaper_endings() == ("日报", "晚报", "报社", "时报")
    p = {
        "id": "x-1",
        "doc_id": "x",
        "n": 1,
        "title": "表态发言",
        "doc_type": "表态发言",
        "publisher": "平湖日报",
        "year": 2023,
    }
    f = fields(p, [], "http://h", dt.date(2026, 12, 1))
    assert f["issuer"] == "平湖日报"  # from the publisher field
    assert (f["gbt_type"], f["ris_type"]) == ("N", "NEWS")  # not the speech's Z / SPEECH
    f = fields({**p, "publisher": "平湖市人民政府"}, [], "http://h", dt.date(2026, 12, 1))
    assert (f["gbt_type"], f["ris_type"]) != ("N", "NEWS")
