"""The concordance (archive/kwic.py) against a brute-force scan of the seed paragraphs:
the number of lines, their contexts and their order under every sort; the CLI, the API,
the page and the CSV carry the same lines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from archive import kwic, segmenter
from archive.query import QueryError
from archive.textnorm import normalize

GOLD = json.loads((Path(__file__).with_name("gold") / "seed-phrase-counts.json").read_text(encoding="utf-8"))


def every_paragraph(archive) -> list[dict]:
    return [p for d in archive.stats()["docs"] for p in archive.document(d["doc_id"])]


def brute_lines(archive, needles: list[str], width: int) -> list[dict]:
    """Every occurrence of every needle, by scanning each paragraph character by character
    (a display substring of the needle's length that normalises to it), in the oldest-first paragraph order:
    year, date, document id, paragraph number. Occurrences that touch are one line."""
    paras = [p for p in every_paragraph(archive) if all(n in normalize(p["text"]) for n in needles)]
    dates = sorted({p["date"] for p in paras if p["date"]})
    paras.sort(
        key=lambda p: (p["year"] or 1 << 30, dates.index(p["date"]) if p["date"] else 1 << 30, p["doc_id"], p["n"])
    )
    out = []
    for p in paras:
        text = p["text"]
        spans: list[list[int]] = []
        for i in range(len(text)):
            for n in needles:
                if normalize(text[i : i + len(n)]) == n:
                    if spans and i <= spans[-1][1]:
                        spans[-1][1] = max(spans[-1][1], i + len(n))
                    else:
                        spans.append([i, i + len(n)])
            spans.sort()
        for s, e in spans:
            out.append(
                {
                    "id": p["id"],
                    "start": s,
                    "end": e,
                    "left": text[max(0, s - width) : s],
                    "hit": text[s:e],
                    "right": text[e : e + width],
                    "year": p["year"],
                    "text": text,
                }
            )
    return out


def brute_words(line: dict, width: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    text, s, e = line["text"], line["start"], line["end"]
    cut = segmenter.cut(text)
    left = [text[max(a, s - width) : min(b, s)] for _, a, b in cut if a < s and b > s - width]
    right = [text[max(a, e) : min(b, e + width)] for _, a, b in cut if b > e and a < e + width]
    return tuple(reversed(left)), tuple(right)


def shape(lines: list[dict]) -> list[tuple]:
    return [(ln["id"], ln["start"], ln["end"], ln["left"], ln["hit"], ln["right"]) for ln in lines]


@pytest.mark.parametrize(
    "query,needles",
    [("腾笼换鸟", ["腾笼换鸟"]), ("发展", ["发展"]), ("亩", ["亩"]), ("共同富裕 数字经济", ["共同富裕", "数字经济"])],
)
@pytest.mark.parametrize("width", [5, 20])
def test_lines_equal_a_brute_force_scan_under_every_sort(archive, query, needles, width):
    expected = brute_lines(archive, needles, width)
    assert expected, "the example must have hits on the seeds"
    orders = {
        "oldest": expected,
        "left": sorted(expected, key=lambda ln: ln["left"][::-1]),
        "right": sorted(expected, key=lambda ln: ln["right"]),
        "left_words": sorted(expected, key=lambda ln: brute_words(ln, width)[0]),
        "right_words": sorted(expected, key=lambda ln: brute_words(ln, width)[1]),
    }
    for sort, want in orders.items():
        n, got = kwic.all_lines(archive, query, width=width, sort=sort)
        assert shape(got) == shape(want), sort
        assert n == len({ln["id"] for ln in want})
    # the orders of paragraphs the search has: occurrences in text order within a paragraph
    for sort in ("newest", "place"):
        order = [h["id"] for h in archive.search(query, sort=sort, limit=100, facets=False)["hits"]]
        _, got = kwic.all_lines(archive, query, width=width, sort=sort)
        want = sorted(expected, key=lambda ln: (order.index(ln["id"]), ln["start"]))
        assert shape(got) == shape(want), sort


def test_sorts_really_differ_on_the_seeds(archive):
    """Guard against an oracle that agrees because every order is the same."""
    shapes = {s: shape(kwic.all_lines(archive, "发展", width=8, sort=s)[1]) for s in kwic.SORTS}
    assert len({tuple(v) for v in shapes.values()}) == len(kwic.SORTS)


@pytest.mark.parametrize("phrase", sorted(GOLD))
def test_lines_per_file_add_up_to_the_gold_occurrence_counts(archive, phrase):
    _, lines = kwic.all_lines(archive, phrase)
    per_file: dict[str, int] = {}
    source = {p["id"]: Path(p["source_path"]).name for p in every_paragraph(archive)}
    for ln in lines:
        per_file[source[ln["id"]]] = per_file.get(source[ln["id"]], 0) + 1
    assert per_file == GOLD[phrase]


def test_filters_pages_and_metadata(archive):
    full = kwic.concordance(archive, "腾笼换鸟", filters={"township": ["新埭镇"]}, limit=100)
    assert full["total"] == 2 and {ln["township"] for ln in full["lines"]} == {"新埭镇"}
    assert all(ln["place"] == "新埭镇 · 平湖市 · 嘉兴市" and ln["year"] == 2023 for ln in full["lines"])
    _, whole = kwic.all_lines(archive, "发展", width=10, sort="right")
    pages = [
        kwic.concordance(archive, "发展", width=10, sort="right", limit=7, offset=o)
        for o in range(0, len(whole) + 7, 7)
    ]
    assert all(pg["total"] == len(whole) > 100 for pg in pages)
    assert [ln for pg in pages for ln in pg["lines"]] == whole


def test_context_words_exact():
    text = "深入推进腾笼换鸟工程建设"
    left, right = kwic.context_words(text, 4, 8, 4)
    assert "".join(reversed(left)) == "深入推进" and "".join(right) == "工程建设"
    assert left == tuple(reversed([w for w, a, b in segmenter.cut(text) if b <= 4]))


@pytest.mark.parametrize(
    "kw,msg",
    [({"sort": "sideways"}, "sort"), ({"width": 0}, "width"), ({"width": 500}, "width"), ({"limit": 0}, "limit")],
)
def test_bad_parameters_are_clear(archive, kw, msg):
    with pytest.raises(QueryError, match=msg):
        kwic.concordance(archive, "发展", **kw)
    with pytest.raises(QueryError, match="word or phrase"):
        kwic.concordance(archive, "township:新埭镇")


def test_csv_rows_are_spreadsheet_safe():
    line = {
        "id": "d-1",
        "place": "新埭镇",
        "year": 2023,
        "left": "=HYPERLINK(1)",
        "hit": "腾笼换鸟",
        "right": "+1",
        "title": None,
        "doc_type": "-x",
        "start": 3,
        "end": 7,
    }
    rows = list(kwic.csv_rows([line], "http://h"))
    assert rows[1] == ["d-1", "新埭镇", 2023, "'=HYPERLINK(1)", "腾笼换鸟", "'+1", "", "'-x", 3, 7, "http://h/p/d-1"]


def test_api_cli_and_page_carry_the_same_lines(client, runner, seed_home, archive):
    core = kwic.concordance(archive, "腾笼换鸟", width=6, sort="left", limit=5)
    api = client.get("/api/kwic", query_string={"q": "腾笼换鸟", "width": 6, "sort": "left", "limit": 5}).get_json()
    assert api == core
    cli = runner("kwic", "腾笼换鸟", "--width", "6", "--sort", "left", "--limit", "5", "--json", "--home", seed_home)
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.output) == core
    page = client.get("/kwic", query_string={"q": "腾笼换鸟", "width": 6, "sort": "left"}).get_data(as_text=True)
    rows = page.split('<tr class="kwic-line">')[1:]
    assert len(rows) == core["total"] == 8
    for row, ln in zip(rows, kwic.concordance(archive, "腾笼换鸟", width=6, sort="left", limit=8)["lines"]):
        assert f'<td class="kl">{ln["left"]}</td>' in row and f"/p/{ln['id']}" in row
    text = runner("kwic", "腾笼换鸟", "--home", seed_home)
    assert text.exit_code == 0 and "8 occurrences in 8 paragraphs" in text.output


def test_csv_export_from_web_and_cli(client, runner, seed_home, archive, tmp_path):
    _, lines = kwic.all_lines(archive, "发展", width=10, sort="right")
    r = client.get("/kwic.csv", query_string={"q": "发展", "width": 10, "sort": "right"})
    assert r.status_code == 200 and r.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(r.data.decode("utf-8-sig"))))
    assert [(x["id"], x["left"], x["hit"], x["right"]) for x in rows] == [
        (ln["id"], ln["left"], ln["hit"], ln["right"]) for ln in lines
    ]
    out = tmp_path / "k.csv"
    res = runner("kwic", "发展", "--width", "10", "--sort", "right", "--csv", "-o", out, "--home", seed_home)
    assert res.exit_code == 0, res.output
    assert list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))) == rows


def test_errors(client, runner, seed_home):
    r = client.get("/api/kwic", query_string={"q": "发展", "sort": "nope"})
    assert r.status_code == 400 and "sort" in r.get_json()["error"]
    r = client.get("/kwic", query_string={"q": '"发展', "sort": "left"})
    assert r.status_code == 400 and "引号没有配对" in r.get_data(as_text=True)  # the page's language
    r = client.get("/kwic", query_string={"q": '"发展', "sort": "left", "lang": "en"})
    assert r.status_code == 400 and "unclosed quote" in r.get_data(as_text=True)
    res = runner("kwic", "--home", seed_home)
    assert res.exit_code != 0 and "word or phrase" in res.output
    r = client.get("/kwic", query_string={"q": "<script>发展"})
    assert r.status_code == 200 and "<script>发展" not in r.get_data(as_text=True)


def test_help_page_example_has_hits(client):
    page = client.get("/help").get_data(as_text=True)
    assert 'id="help-kwic"' in page
    r = client.get("/api/kwic", query_string={"q": "腾笼换鸟", "sort": "left"}).get_json()
    assert r["total"] > 0
