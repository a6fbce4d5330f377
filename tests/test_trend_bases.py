"""Each phrase of a trend is counted against its own paragraphs: a phrase with an inline filter
(腾笼换鸟 province:浙江省) has a smaller base than one without, and rows[].paragraphs carries each
term's base (it carried the first term's for all), checked against a brute-force scan."""

from __future__ import annotations

import pytest

from archive.search import Archive
from archive.textnorm import normalize
from indexer.build import build
from views_fixture import write_collection


@pytest.fixture(scope="module")
def views_archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("views")
    home = root / "home"
    build([write_collection(root / "src")], home)
    return Archive(home)


def all_paragraphs(a: Archive) -> list[dict]:
    return [p for d in a.stats()["docs"] for p in a.document(d["doc_id"])]


@pytest.mark.parametrize(
    "text,filters",
    [
        ("筑巢引凤,腾笼换鸟 province:浙江省", [{}, {"province": "浙江省"}]),
        ("腾笼换鸟 province:浙江省,筑巢引凤", [{"province": "浙江省"}, {}]),
    ],
)
def test_every_term_has_its_own_base(views_archive, text, filters):
    paras = all_paragraphs(views_archive)
    t = views_archive.trend(text)
    assert not t["shared_base"]
    assert len({tuple(r["paragraphs"]) for r in t["rows"]}) > 1
    for k, want in enumerate(filters):
        mine = [p for p in paras if all(p[f] == v for f, v in want.items())]
        term = t["terms"][k].split()[0]
        for row in t["rows"]:
            base = sum(1 for p in mine if p["year"] == row["year"])
            n = sum(1 for p in mine if p["year"] == row["year"] and term in normalize(p["text"]))
            assert row["paragraphs"][k] == base and row["counts"][k] == n
            assert row["per_1000"][k] == (round(1000 * n / base, 2) if base else None)
            assert t["series"][k]["paragraphs"][t["years"].index(row["year"])] == base


def test_the_page_and_cli_show_each_base(views_archive, runner):
    from web import create_app

    t = views_archive.trend("筑巢引凤,腾笼换鸟 province:浙江省")
    client = create_app(views_archive.home, {"TESTING": True}).test_client()
    for lang, label in (("zh", "· 当年段落"), ("en", "· paragraphs")):
        html = client.get("/trends", query_string={"q": "筑巢引凤,腾笼换鸟 province:浙江省", "lang": lang}).get_data(
            as_text=True
        )
        table = html.split('id="year-table"')[1].split("</table>")[0]
        assert table.split("</thead>")[0].count(label) == 2
        row = t["rows"][-1]
        cells = table.split(f'<th scope="row">{row["year"]}</th>')[1].split("</tr>")[0]
        assert [int(x.split("<")[0]) for x in cells.split("<td>")[1:] if x.split("<")[0].isdigit()][:1] == [
            row["paragraphs"][0]
        ]
    out = runner("trend", "筑巢引凤,腾笼换鸟 province:浙江省", "--home", views_archive.home)
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[0].split().count("paragraphs") == 2
    shared = runner("trend", "筑巢引凤,腾笼换鸟", "--home", views_archive.home)
    assert shared.output.splitlines()[0].split().count("paragraphs") == 1
