"""A document's place (/compare, the document list, a document's header) is the division at
the document's own level with the one above it: a county report is '平湖市 · 嘉兴市', without
the county-wide mark that belongs to a paragraph no township claims (/compare showed
'平湖市 · 嘉兴市（县级，无乡镇）' for county documents)."""

from __future__ import annotations


import pytest

from archive.browse import browse, header
from archive.compare import compare
from archive.place_display import document_place, place_label
from archive.search import Archive
from indexer.build import build


def test_document_place_exact_outputs():
    county = {"level": "county", "county": "平湖市", "city": "嘉兴市", "township": None}
    assert document_place(county) == "平湖市 · 嘉兴市" != place_label(county)
    assert document_place(county, "en") == "平湖市 · 嘉兴市"
    town = {"level": "township", "township": "新埭镇", "county": "平湖市", "city": "嘉兴市"}
    assert document_place(town) == "新埭镇 · 平湖市 · 嘉兴市" == place_label(town)
    # a county report whose first paragraph names a township is still the county's
    assert document_place({**county, "township": "新埭镇"}) == "平湖市 · 嘉兴市"
    assert document_place({"level": "national"}) == "全国" and document_place({"level": "national"}, "en") == "National"
    assert document_place({"level": "city", "city": "绍兴市", "province": "浙江省"}) == "绍兴市 · 浙江省"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Archive:
    src = tmp_path_factory.mktemp("docs")
    body = "各位代表：\n\n现在，我代表平湖市人民政府向大会报告工作，推进数字赋能，建设共同富裕示范区。\n\n{}\n"
    (src / "平湖2023.txt").write_text(body.format("2023年，全市上下统筹推进各项工作。"), encoding="utf-8")
    (src / "平湖2024.txt").write_text(body.format("2024年，全市上下深化改革开放。"), encoding="utf-8")
    h = tmp_path_factory.mktemp("home")
    build([src], h)
    return Archive(h)


def test_compare_browse_and_header_show_a_county_document_without_the_mark(archive):
    docs = [d["doc_id"] for d in archive.stats()["docs"]]
    assert len(docs) == 2
    first = archive.document(docs[0])[0]
    assert first["level"] == "county" and "（县级，无乡镇）" in place_label(first)  # the paragraph's label
    c = compare(archive, docs[0], docs[1])
    assert c["a"]["place"] == c["b"]["place"] == "平湖市 · 嘉兴市"
    assert {d["place"] for d in browse(archive)["documents"]} == {"平湖市 · 嘉兴市"}
    assert header(archive.document(docs[0]))["place"] == "平湖市 · 嘉兴市"
    from web import create_app

    client = create_app(archive.home, {"TESTING": True}).test_client()
    for lang in ("zh", "en"):
        page = client.get("/compare", query_string={"a": docs[0], "b": docs[1], "lang": lang}).get_data(as_text=True)
        assert "平湖市 · 嘉兴市" in page and "（县级，无乡镇）" not in page and "county-wide" not in page
