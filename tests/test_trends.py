"""Trends (archive/trends.py): per-year counts of several phrases, raw and per 1,000
paragraphs, by issue year or by period, and first appearance at every level, checked against
a brute-force scan of every paragraph's text; the same dict from the API, the page and the CLI."""

from __future__ import annotations

import json

import pytest

from archive.query import QueryError
from archive.search import Archive
from archive.textnorm import normalize
from archive.fields import PLACE_FIELDS as LEVELS
from archive.trends import split_terms
from indexer.build import build
from views_fixture import write_collection


@pytest.fixture(scope="module")
def views_home(tmp_path_factory):
    src = write_collection(tmp_path_factory.mktemp("views-src"))
    home = tmp_path_factory.mktemp("views-home")
    report = build([src], home)
    assert report.documents == 48 and not report.skipped
    return home


@pytest.fixture(scope="module")
def views_archive(views_home):
    return Archive(views_home)


def all_paragraphs(a: Archive) -> list[dict]:
    return [p for d in a.stats()["docs"] for p in a.document(d["doc_id"])]


def test_split_terms():
    assert split_terms("腾笼换鸟,筑巢引凤") == ["腾笼换鸟", "筑巢引凤"]
    assert split_terms(" 腾笼换鸟，筑巢引凤、腾笼换鸟 ,") == ["腾笼换鸟", "筑巢引凤"]
    assert split_terms('"a,b" c') == ['"a,b" c']


@pytest.mark.parametrize("by", ["year", "period"])
def test_counts_per_year_equal_a_brute_force_scan(views_archive, by):
    paras = all_paragraphs(views_archive)
    t = views_archive.trend("腾笼换鸟,筑巢引凤", by=by)
    assert t["terms"] == ["腾笼换鸟", "筑巢引凤"]
    found = set()
    for k, term in enumerate(t["terms"]):
        hits = [p for p in paras if term in normalize(p["text"])]
        assert t["series"][k]["total"] == len(hits) > 0
        found |= {p[by] for p in hits if p[by]}
        for row in t["rows"]:
            y = row["year"]
            n = sum(1 for p in hits if p[by] == y)
            base = sum(1 for p in paras if p[by] == y)
            assert row["counts"][k] == n and row["paragraphs"][k] == base
            assert row["per_1000"][k] == (round(1000 * n / base, 2) if base else None)
    # every year from the first match to the last, zeros included
    assert t["years"] == list(range(min(found), max(found) + 1))
    assert any(sum(r["counts"]) == 0 for r in t["rows"])


def test_period_differs_from_issue_year(views_archive):
    by_year = views_archive.trend("筑巢引凤", by="year")
    by_period = views_archive.trend("筑巢引凤", by="period")
    assert by_year["years"][0] == 2018 and by_period["years"][0] == 2017  # a review of the year before


@pytest.mark.parametrize("level", LEVELS)
def test_diffusion_at_every_level_equals_a_brute_force_scan(views_archive, level):
    paras = all_paragraphs(views_archive)
    t = views_archive.trend("腾笼换鸟", level=level)
    hits = [p for p in paras if "腾笼换鸟" in normalize(p["text"])]
    expected: dict = {}
    for p in hits:
        expected.setdefault(p[level], {}).setdefault(p["year"], 0)
        expected[p[level]][p["year"]] += 1
    rows = t["series"][0]["diffusion"]
    got = {
        r["place"]: {int(y): n for y, n in r["counts"].items()} | ({None: r["undated"]} if r["undated"] else {})
        for r in rows
    }
    assert got == expected
    for r in rows:
        years = [y for y in expected[r["place"]] if y is not None]
        assert r["first_year"] == (min(years) if years else None)
        assert r["total"] == sum(expected[r["place"]].values()) == sum(r["counts"].values()) + r["undated"]
    firsts = [r["first_year"] for r in rows if r["place"] is not None]
    assert firsts == sorted(firsts)  # in order of first appearance
    assert len([r for r in rows if r["place"] is not None]) >= 3


def test_filters_apply_to_counts_and_base(views_archive):
    paras = [p for p in all_paragraphs(views_archive) if p["province"] == "浙江省"]
    t = views_archive.trend("腾笼换鸟", filters={"province": ["浙江省"]})
    for row in t["rows"]:
        assert row["paragraphs"] == [sum(1 for p in paras if p["year"] == row["year"])]
        assert row["counts"][0] == sum(
            1 for p in paras if p["year"] == row["year"] and "腾笼换鸟" in normalize(p["text"])
        )
    assert [p["province"] for p in t["series"][0]["provinces"]] == ["浙江省"]


@pytest.mark.parametrize(
    "text,kw,needle",
    [
        ("", {}, "empty query"),
        ("-腾退", {}, "term"),
        ("x", {"by": "day"}, "by must be"),
        ("x", {"level": "village"}, "level must"),
        (",".join("abcdefghi"), {}, "at most 8"),
    ],
)
def test_bad_trend_requests_say_why(views_archive, text, kw, needle):
    with pytest.raises(QueryError, match=needle):
        views_archive.trend(text, **kw)


def test_api_page_and_cli_share_one_dict(views_home, runner):
    from web import create_app

    client = create_app(views_home, {"TESTING": True}).test_client()
    api = client.get("/api/trend?q=腾笼换鸟,筑巢引凤&by=period&diffusion=county").get_json()
    cli = runner(
        "trend", "腾笼换鸟,筑巢引凤", "--by", "period", "--diffusion", "county", "--json", "--home", views_home
    )
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.output) == api
    assert api["by"] == "period" and api["level"] == "county"
    html = client.get("/trends?q=腾笼换鸟,筑巢引凤&by=period&diffusion=county&measure=count").get_data(as_text=True)
    for s in api["series"]:
        assert f"{s['query']}: {s['total']} " in html
    assert client.get("/api/trend?q=x&measure=pie").status_code == 400
    assert "measure must be" in client.get("/trends?q=x&measure=pie").get_data(as_text=True)
    text = runner("trend", "腾笼换鸟", "--home", views_home).output
    assert "腾笼换鸟: " in text and "first in 2000" in text


def test_diffusion_counts_undated_paragraphs_in_their_own_column(tmp_path):
    """A township's row total is its year columns plus its undated paragraphs, on the page too."""
    from archive.search import Archive
    from indexer.build import build
    from web import create_app

    src = tmp_path / "src"
    src.mkdir()
    body = "新埭镇推进腾笼换鸟，盘活低效用地，亩均税收持续提升。"
    (src / "dated.txt").write_text(
        "平湖市新埭镇2023年工作总结\n" + body + "\n平湖市新埭镇人民政府\n2023年12月20日\n", encoding="utf-8"
    )
    (src / "undated.txt").write_text("平湖市新埭镇工作材料\n" + body + "\n", encoding="utf-8")
    home = tmp_path / "home"
    build([src], home)
    rows = Archive(home).trend("腾笼换鸟", level="township")["series"][0]["diffusion"]
    row = next(r for r in rows if r["place"] == "新埭镇")
    paras = all_paragraphs(Archive(home))
    hits = [p for p in paras if "腾笼换鸟" in p["text"] and p["township"] == "新埭镇"]
    undated = sum(1 for p in hits if p["year"] is None)
    assert undated >= 1 and row["undated"] == undated
    assert row["total"] == len(hits) == sum(row["counts"].values()) + row["undated"]
    app = create_app(home, {"TESTING": True})
    html = app.test_client().get("/trends?q=腾笼换鸟&diffusion=township").get_data(as_text=True)
    assert "年份不详" in html
