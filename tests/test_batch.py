"""Batch search (archive/batch.py) against a brute-force count per cell over the seed
paragraphs and the gold phrase counts; the CLI, the API, the page and the CSV agree."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from archive import batch
from archive.fields import YEAR_FIELDS
from archive.query import QueryError, matches
from archive.textnorm import normalize

GOLD = json.loads((Path(__file__).with_name("gold") / "seed-phrase-counts.json").read_text(encoding="utf-8"))
PARENT = {"township": "county", "county": "city", "city": "province", "province": None}


def every_paragraph(archive) -> list[dict]:
    return [p for d in archive.stats()["docs"] for p in archive.document(d["doc_id"])]


def brute(paras: list[dict], phrase: str, place: str, time: str) -> dict:
    """{(parent, place, year): (paragraphs, documents)} by scanning every paragraph."""
    needle = normalize(phrase)
    cells: dict[tuple, list] = {}
    for p in paras:
        if needle in normalize(p["text"]):
            key = (p[PARENT[place]] if PARENT[place] else None, p[place], p[time])
            cells.setdefault(key, [0, set()])
            cells[key][0] += 1
            cells[key][1].add(p["doc_id"])
    return {k: (n, len(d)) for k, (n, d) in cells.items()}


def table_cells(ph: dict) -> dict:
    return {
        (r["parent"], r["place"], c["year"]): (c["paragraphs"], c["documents"])
        for r in ph["places"]
        for c in r["cells"]
    }


@pytest.mark.parametrize("place", batch.PLACE_LEVELS)
@pytest.mark.parametrize("time", YEAR_FIELDS)
def test_every_cell_equals_a_brute_force_count(archive, place, time):
    paras = every_paragraph(archive)
    phrases = sorted(GOLD)
    result = batch.batch(archive, phrases, place=place, time=time)
    assert [ph["phrase"] for ph in result["phrases"]] == phrases
    for ph in result["phrases"]:
        want = brute(paras, ph["phrase"], place, time)
        assert table_cells(ph) == want, ph["phrase"]
        # totals per place, per year and per phrase
        matching = [p for p in paras if normalize(ph["phrase"]) in normalize(p["text"])]
        assert ph["paragraphs"] == len(matching)
        assert ph["documents"] == len({p["doc_id"] for p in matching})
        for r in ph["places"]:
            mine = [
                p
                for p in matching
                if p[place] == r["place"] and (PARENT[place] is None or p[PARENT[place]] == r["parent"])
            ]
            assert r["paragraphs"] == len(mine) and r["documents"] == len({p["doc_id"] for p in mine})
            assert r["first_year"] == min((p[time] for p in mine if p[time]), default=None)
        assert {y["year"]: y["paragraphs"] for y in ph["years"]} == {
            y: sum(1 for p in matching if p[time] == y) for y in {p[time] for p in matching}
        }
        assert ph["first_year"] == min((p[time] for p in matching if p[time]), default=None)
    assert result["years"] == sorted({k[2] for ph in result["phrases"] for k in table_cells(ph) if k[2]})


def test_documents_per_phrase_are_the_gold_files(archive):
    source = {d["doc_id"]: Path(d["path"]).name for d in archive.stats()["docs"]}
    result = batch.batch(archive, sorted(GOLD))
    for ph in result["phrases"]:
        files = {
            source[p["doc_id"]] for p in every_paragraph(archive) if normalize(ph["phrase"]) in normalize(p["text"])
        }
        assert files == set(GOLD[ph["phrase"]])
        assert ph["documents"] == len(GOLD[ph["phrase"]])
        # a paragraph holds at least one occurrence: never more paragraphs than occurrences
        assert ph["paragraphs"] <= sum(GOLD[ph["phrase"]].values())


def test_filters_narrow_every_cell(archive):
    paras = [p for p in every_paragraph(archive) if p["township"] == "新埭镇" and p["year"] == 2023]
    result = batch.batch(archive, ["腾笼换鸟", "千万工程", "发展"], filters={"township": ["新埭镇"], "year": ["2023"]})
    assert result["filters"] == {"township": ["新埭镇"], "year": ["2023"]}
    for ph in result["phrases"]:
        assert table_cells(ph) == brute(paras, ph["phrase"], "township", "year")
        assert ph["paragraphs"] > 0


def test_read_phrases_exact():
    assert batch.read_phrases("\ufeff腾笼换鸟\n\n# 注释\n “千万工程” \n腾笼换鸟\n") == ["腾笼换鸟", "千万工程"]
    assert batch.read_phrases("id,关键词\n1,腾笼换鸟\n2,\"共同富裕\"\n", "list.csv") == ["腾笼换鸟", "共同富裕"]
    assert batch.read_phrases("腾笼换鸟,x\n千万工程,y\n", "list.csv") == ["腾笼换鸟", "千万工程"]
    assert batch.read_phrases("a\t腾笼换鸟\n", "l.tsv") == ["a"]


@pytest.mark.parametrize(
    "phrases,kw,msg",
    [
        ([], {}, "no phrases"),
        (["x"] * 0 + [str(i) for i in range(501)], {}, "too many"),
        (["腾笼换鸟"], {"place": "village"}, "place"),
        (["腾笼换鸟"], {"time": "decade"}, "time"),
        (["a" * 501], {}, "too long"),
    ],
)
def test_bad_input_is_clear(archive, phrases, kw, msg):
    with pytest.raises(QueryError, match=msg):
        batch.batch(archive, phrases, **kw)


def test_a_phrase_is_read_as_in_quotes(archive, client):
    """A minus, OR or parentheses in a phrase are its characters, not query syntax; a space
    matches as in a quoted phrase (a space, one punctuation mark or nothing), so every count
    equals the search its cells link to."""
    phrases = ["人人有责 人人尽责", "-腾退", "OR", "酒缸 酱缸", "(2023)"]
    for p in batch.batch(archive, phrases)["phrases"]:
        tree = batch.phrase_term(p["phrase"])
        n = sum(1 for x in every_paragraph(archive) if matches(tree, normalize(x["text"])))
        assert p["paragraphs"] == n == archive.search(f'"{p["phrase"]}"', facets=False)["total"]
    assert batch.batch(archive, ["酒缸 酱缸"])["phrases"][0]["paragraphs"] >= 1  # 酒缸、酱缸


def test_csv_rows_have_every_cell_and_total():
    result = {
        "place": "township",
        "years": [2023],
        "phrases": [
            {
                "phrase": "=x",
                "paragraphs": 3,
                "documents": 2,
                "first_year": 2023,
                "years": [
                    {"year": 2023, "paragraphs": 2, "documents": 1},
                    {"year": None, "paragraphs": 1, "documents": 1},
                ],
                "places": [
                    {
                        "place": "新埭镇",
                        "parent": "平湖市",
                        "first_year": 2023,
                        "paragraphs": 3,
                        "documents": 2,
                        "cells": [
                            {"year": 2023, "paragraphs": 2, "documents": 1},
                            {"year": None, "paragraphs": 1, "documents": 1},
                        ],
                    }
                ],
            }
        ],
    }
    rows = list(batch.csv_rows(result))
    assert rows == [
        [
            "phrase",
            "township",
            "parent",
            "first_year",
            "paragraphs",
            "documents",
            "2023 paragraphs",
            "2023 documents",
            "unknown year paragraphs",
            "unknown year documents",
        ],
        ["'=x", "新埭镇", "平湖市", 2023, 3, 2, 2, 1, 1, 1],
        ["'=x", "TOTAL", "", 2023, 3, 2, 2, 1, 1, 1],
    ]


def test_api_cli_page_and_downloads_agree(client, runner, seed_home, archive, tmp_path):
    phrases = ["腾笼换鸟", "千万工程", "共同富裕"]
    core = batch.batch(archive, phrases, place="county", time="period")
    api = client.get("/api/batch", query_string={"phrases": "\n".join(phrases), "place": "county", "time": "period"})
    assert api.get_json() == core
    posted = client.post("/api/batch", json={"phrases": phrases, "place": "county", "time": "period"})
    assert posted.get_json() == core
    f = tmp_path / "p.txt"
    f.write_text("\n".join(phrases), encoding="utf-8")
    cli = runner("batch", f, "--place", "county", "--time", "period", "--json", "--home", seed_home)
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.output) == core
    out = tmp_path / "t.csv"
    res = runner("batch", f, "--place", "county", "--time", "period", "--csv", "-o", out, "--home", seed_home)
    assert res.exit_code == 0, res.output
    web_csv = client.get(
        "/batch.csv", query_string={"phrases": "\n".join(phrases), "place": "county", "time": "period"}
    ).data
    assert web_csv.startswith(b"\xef\xbb\xbf")
    assert (
        list(csv.reader(io.StringIO(web_csv.decode("utf-8-sig"))))
        == list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        == [[str(c) for c in r] for r in batch.csv_rows(core)]
    )
    js = client.get("/batch.json", query_string={"phrases": "\n".join(phrases), "place": "county", "time": "period"})
    assert json.loads(js.data) == core
    text = runner("batch", f, "--home", seed_home)
    assert text.exit_code == 0 and "腾笼换鸟  8 paragraphs, 4 documents, first 2023" in text.output


def test_upload_and_cells_link_to_their_search(client, archive):
    data = {"file": (io.BytesIO("关键词\n腾笼换鸟\n共同富裕\n".encode("gb18030")), "slogans.csv")}
    r = client.post("/batch", data=data, content_type="multipart/form-data")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    core = batch.batch(archive, ["腾笼换鸟", "共同富裕"])
    links = re.findall(r'<a class="batch-cell" href="([^"]+)" data-count="(\d+)"', html)
    assert len(links) == sum(len(r["cells"]) for ph in core["phrases"] for r in ph["places"])
    for href, count in links:
        url = unescape(href)
        args = {k: v for k, v in parse_qs(urlsplit(url).query).items()}
        hits = archive.search(
            args["q"][0], filters={k: v for k, v in args.items() if k in ("township", "county", "year")}
        )
        assert hits["total"] == int(count), url
        assert client.get(url).status_code == 200


def test_errors_and_escaping(client):
    r = client.get("/api/batch", query_string={"phrases": "腾笼换鸟", "place": "village"})
    assert r.status_code == 400 and "place" in r.get_json()["error"]
    r = client.post(
        "/batch", data={"file": (io.BytesIO(b"\xff\xfe\xfa\x00\x81"), "x.txt")}, content_type="multipart/form-data"
    )
    assert r.status_code == 400
    r = client.get("/batch", query_string={"phrases": "<script>x</script>"})
    assert r.status_code == 200 and "<script>x</script>" not in r.get_data(as_text=True)
    assert client.get("/batch").status_code == 200


def test_cli_reports_an_unreadable_file(runner, seed_home, tmp_path):
    res = runner("batch", tmp_path / "missing.txt", "--home", seed_home)
    assert res.exit_code != 0 and "cannot read" in res.output


def test_help_example_has_hits(client):
    html = client.get("/help").get_data(as_text=True)
    href = unescape(re.search(r'id="help-batch" href="([^"]+)"', html).group(1))
    page = client.get(href).get_data(as_text=True)
    assert page.count('class="batch-cell"') > 3


def test_an_uploaded_list_is_utf8_or_gb18030_and_anything_else_is_refused(tmp_path, runner, seed_home):
    assert batch.decode_phrases("\ufeff腾笼换鸟\n".encode("utf-8")) == "腾笼换鸟\n"
    assert batch.decode_phrases("腾笼换鸟\n枫桥经验".encode("gb18030")) == "腾笼换鸟\n枫桥经验"
    with pytest.raises(QueryError, match="neither UTF-8 nor GB18030"):
        batch.decode_phrases(b"\xff\xfe\x00\xd8\x00")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8\x00")
    r = runner("batch", str(bad), "--home", str(seed_home))
    assert r.exit_code != 0 and f"{bad}: the file is neither UTF-8 nor GB18030 text" in r.output
