"""Browsing by document (archive/browse.py): counts by place, year, type and level against a
brute-force pass over every paragraph, sorts, filters, pages, the document header, and one dict
for /api/browse and the page."""

from __future__ import annotations

from collections import Counter

import pytest

from archive.browse import browse, header
from archive.query import QueryError
from archive.search import Archive
from indexer.build import build
from views_fixture import write_collection


@pytest.fixture(scope="module")
def views_home(tmp_path_factory):
    src = write_collection(tmp_path_factory.mktemp("views-src"))
    home = tmp_path_factory.mktemp("views-home")
    assert build([src], home).documents == 48
    return home


@pytest.fixture(scope="module")
def va(views_home):
    return Archive(views_home)


def first_paragraphs(a: Archive) -> dict[str, dict]:
    return {d["doc_id"]: a.document(d["doc_id"])[0] for d in a.stats()["docs"]}


def test_counts_equal_a_brute_force_count_of_documents(va):
    firsts = first_paragraphs(va)
    r = browse(va, page_size=100)
    assert r["total"] == r["all_documents"] == len(firsts) == 48
    for field in ("province", "city", "year", "doc_type", "level"):
        assert {i["value"]: i["count"] for i in r["counts"][field]} == Counter(p[field] for p in firsts.values())
    sizes = {d: len(va.document(d)) for d in firsts}
    assert {d["doc_id"]: d["paragraphs"] for d in r["documents"]} == sizes


def test_filters_are_ored_within_a_field_and_anded_across(va):
    firsts = first_paragraphs(va)
    r = browse(va, filters={"province": ["浙江省", "四川省"], "doc_type": ["讲话", "工作总结"]}, page_size=100)
    want = {
        d for d, p in firsts.items() if p["province"] in ("浙江省", "四川省") and p["doc_type"] in ("讲话", "工作总结")
    }
    assert {d["doc_id"] for d in r["documents"]} == want and r["total"] == len(want) > 0
    # a field's own counts ignore its own filter (the other provinces still show their counts)
    assert len(r["counts"]["province"]) == 8
    y = browse(va, filters={"year": ["2000-2006"]}, title="讲话", page_size=100)
    assert {d["year"] for d in y["documents"]} == {2000, 2005, 2006} and all(
        "讲话" in d["title"] for d in y["documents"]
    )
    assert browse(va, filters={"township": ["none"]})["total"] == sum(
        1 for p in firsts.values() if p["level"] != "township"
    )


@pytest.mark.parametrize(
    "sort,order", [("date", None), ("date", "asc"), ("title", None), ("title", "desc"), ("place", None)]
)
def test_sorts(va, sort, order):
    docs = browse(va, sort=sort, order=order, page_size=100)["documents"]
    if sort == "date":
        keys = [d["sort_date"] for d in docs]
        assert keys == sorted(keys, reverse=(order or "desc") == "desc")
    elif sort == "title":
        keys = [d["title"] for d in docs]
        assert keys == sorted(keys, reverse=order == "desc")
    else:
        keys = [(d["province"], d["city"] or "", d["county"] or "") for d in docs]
        assert keys == sorted(keys)


def test_pages_cover_every_document_once_and_clamp(va):
    seen = []
    for page in (1, 2, 3):
        r = browse(va, page=page, page_size=20)
        assert r["pages"] == 3
        seen += [d["doc_id"] for d in r["documents"]]
    assert len(seen) == len(set(seen)) == 48
    assert browse(va, page=99, page_size=20)["page"] == 3


@pytest.mark.parametrize(
    "kw,needle",
    [
        ({"sort": "colour"}, "sort must"),
        ({"order": "up"}, "order must"),
        ({"filters": {"speaker": ["x"]}}, "documents can be filtered"),
        ({"title": "x" * 101}, "too long"),
    ],
)
def test_bad_browse_requests_say_why(va, kw, needle):
    with pytest.raises(QueryError, match=needle):
        browse(va, **kw)


def test_header_names_issuer_date_type_and_speakers(va):
    paras = va.document("fx-2005-3")
    h = header(paras)
    assert (h["date"], h["doc_type"], h["paragraphs"]) == ("2005-04-13", "讲话", len(paras))
    assert h["issuer"] == paras[0]["publisher"] and h["issuer"].endswith("人民政府")
    assert [s["name"] for s in h["speakers"]] == ["张四16"]


def test_api_and_page_show_one_dict(views_home, va):
    from web import create_app

    zj = sum(1 for p in first_paragraphs(va).values() if p["province"] == "浙江省")
    c = create_app(views_home, {"TESTING": True}).test_client()
    api = c.get("/api/browse?province=浙江省&sort=title").get_json()
    html = c.get("/browse?province=浙江省&sort=title").get_data(as_text=True)
    assert api["total"] == zj > 0 and f'<span id="doc-total">{api["total"]}</span>' in html
    for d in api["documents"]:
        assert d["title"] in html
    assert c.get("/api/browse?sort=x").status_code == 400 and c.get("/browse?sort=x").status_code == 400
    home = c.get("/").get_data(as_text=True)
    assert 'id="hb-province"' in home and "浙江省" in home
    doc = c.get("/d/fx-2005-3").get_data(as_text=True)
    assert 'id="doc-header"' in doc and "张四16" in doc
