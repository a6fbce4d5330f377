"""Saved searches (archive/saved.py): stored in the home, listed, deleted, exported and
imported; the Atom feed parsed with a real XML parser and checked for Atom's required
elements; the feed and the "new since last visit" count after an incremental re-index."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from archive import saved
from archive.query import QueryError
from archive.search import Archive
from archive.textnorm import normalize
from indexer.build import build

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
NEW_TEXT = (
    "2027年新仓镇工作总结\n\n新仓镇全年持续推进腾笼换鸟，盘活低效用地三百亩。\n\n"
    "下一步，新仓镇将继续深化腾笼换鸟，推动产业升级。\n"
)


def check_atom(body: bytes) -> ET.Element:
    """RFC 4287's musts: feed id/title/updated, an author on the feed or every entry; each
    entry id/title/updated; times in RFC 3339; ids unique."""
    root = ET.fromstring(body)
    assert root.tag == A + "feed"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(A + tag)) == 1, tag
    assert RFC3339.match(root.findtext(A + "updated"))
    entries = root.findall(A + "entry")
    feed_author = root.find(A + "author")
    assert feed_author is None or feed_author.findtext(A + "name")
    ids = []
    for e in entries:
        for tag in ("id", "title", "updated"):
            assert len(e.findall(A + tag)) == 1, tag
        assert RFC3339.match(e.findtext(A + "updated"))
        assert feed_author is not None or e.find(A + "author") is not None
        assert e.find(A + "content").get("type") == "text"
        ids.append(e.findtext(A + "id"))
    assert len(ids) == len(set(ids))
    assert any(link.get("rel") == "self" for link in root.findall(A + "link"))
    return root


def brute(archive: Archive, phrase: str, township: str | None = None) -> int:
    """The oracle: paragraphs whose normalised text holds ``phrase`` (in ``township``), by
    reading every paragraph of every document."""
    return sum(
        1
        for d in archive.stats()["docs"]
        for p in archive.document(d["doc_id"])
        if phrase in normalize(p["text"]) and (township is None or p["township"] == township)
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_home):
    """An index of the seeds of this module's own (the saved file goes in its home)."""
    import shutil

    h = tmp_path_factory.mktemp("saved") / "home"
    shutil.copytree(seed_home, h, ignore=shutil.ignore_patterns("saved.sqlite"))
    return h


@pytest.fixture
def home(built):
    """That home with no saved searches."""
    (built / "saved.sqlite").unlink(missing_ok=True)
    return built


@pytest.fixture
def fresh_home(tmp_path, seeds_copy):
    h = tmp_path / "home"
    build([seeds_copy], h)
    return h


def test_save_list_get_delete(home):
    store = saved.SavedSearches(home)
    s = store.save("腾退", "腾笼换鸟", {"township": ["新埭镇"]}, "newest")
    assert (home / "saved.sqlite").is_file()
    assert {k: s[k] for k in ("name", "query", "filters", "sort", "last_visit")} == {
        "name": "腾退",
        "query": "腾笼换鸟",
        "filters": {"township": ["新埭镇"]},
        "sort": "newest",
        "last_visit": None,
    }
    store.save("县级", "", {"township": ["none"]})
    assert [x["name"] for x in store.all()] == ["县级", "腾退"]
    with pytest.raises(QueryError, match="already"):
        store.save("腾退", "发展")
    store.save("腾退", "发展", replace=True)
    assert store.get("腾退")["query"] == "发展"
    assert store.delete("腾退") and not store.delete("腾退")
    assert [x["name"] for x in store.all()] == ["县级"]


@pytest.mark.parametrize(
    "name,query,sort,msg",
    [
        ("", "x", "relevance", "name"),
        ("a/b", "x", "relevance", "'/'"),
        ("n" * 81, "x", "relevance", "too long"),
        ("ok", "", "relevance", "nothing"),
        ("ok", '"x', "relevance", "quote"),
        ("ok", "x", "sideways", "sort"),
    ],
)
def test_bad_saves_are_clear(home, name, query, sort, msg):
    with pytest.raises(QueryError, match=msg):
        saved.SavedSearches(home).save(name, query, sort=sort)


def test_feed_is_atom_newest_first_and_changes_after_an_incremental_reindex(fresh_home, seeds_copy):
    home = fresh_home
    archive = Archive(home)
    store = saved.SavedSearches(home)
    s = store.save("腾退", "腾笼换鸟")
    before = saved.atom_feed(archive, s, "http://archive.example")
    root = check_atom(before)
    want = archive.search("腾笼换鸟", sort="newest", limit=50, facets=False)["hits"]
    entries = root.findall(A + "entry")
    assert [e.findtext(A + "id") for e in entries] == [f"http://archive.example/p/{h['id']}" for h in want]
    times = [e.findtext(A + "updated") for e in entries]
    assert times == sorted(times, reverse=True)
    assert [e.findtext(A + "content") for e in entries] == [h["text"] for h in want]

    first = saved.visit(archive, store, "腾退")
    assert first["new"] == first["total"] == brute(archive, "腾笼换鸟") > 0  # never opened: everything is new
    assert saved.status(archive, store, store.get("腾退"))["new"] == 0

    (seeds_copy / "xincang-2027.txt").write_text(NEW_TEXT, encoding="utf-8")
    report = build([seeds_copy], home)
    assert report.documents >= 1
    new_paras = [
        p
        for d in archive.stats()["docs"]
        for p in archive.document(d["doc_id"])
        if d["path"].endswith("xincang-2027.txt") and "腾笼换鸟" in normalize(p["text"])
    ]
    assert len(new_paras) == sum(1 for para in NEW_TEXT.split("\n\n") if "腾笼换鸟" in para) == 2
    st = saved.status(archive, store, store.get("腾退"))
    assert st["total"] == brute(archive, "腾笼换鸟") == first["total"] + len(new_paras)
    assert st["new"] == len(new_paras)
    after = saved.atom_feed(archive, s, "http://archive.example")
    root2 = check_atom(after)
    assert after != before
    assert root2.findtext(A + "updated") != root.findtext(A + "updated")
    ids = [e.findtext(A + "id") for e in root2.findall(A + "entry")]
    assert {f"http://archive.example/p/{p['id']}" for p in new_paras} <= set(ids)
    assert ids[:2] == [f"http://archive.example/p/{p['id']}" for p in new_paras]  # 2027: the newest
    saved.visit(archive, store, "腾退")
    assert saved.status(archive, store, store.get("腾退"))["new"] == 0
    # a rebuild changes no paragraph: nothing is new (fingerprints are not index keys)
    build([seeds_copy], home, rebuild=True)
    assert saved.status(archive, store, store.get("腾退"))["new"] == 0
    archive.close()


def test_feed_text_is_escaped_and_valid_xml(home):
    archive = Archive(home)
    s = saved.SavedSearches(home).save("<&>\"", "发展")
    root = check_atom(saved.atom_feed(archive, s, "http://h"))
    assert root.findtext(A + "title").startswith("<&>\"")


def test_export_import_round_trip(home, tmp_path):
    store = saved.SavedSearches(home)
    store.save("a", "腾笼换鸟", {"township": ["新埭镇", "广陈镇"]}, "oldest")
    store.save("b", "", {"year": ["2023"], "doc_type": ["表态发言"]})
    data = json.loads(json.dumps(store.export()))
    o = saved.SavedSearches(tmp_path / "other")  # needs no index
    o.save("a", "发展")
    assert o.import_(data) == {"added": ["b"], "skipped": ["a"]}
    assert o.get("a")["query"] == "发展"
    assert o.import_(data, replace=True) == {"added": ["a", "b"], "skipped": []}
    strip = [{k: x[k] for k in ("name", "query", "filters", "sort")} for x in o.all()]
    assert strip == [{k: x[k] for k in ("name", "query", "filters", "sort")} for x in store.all()]
    for bad, msg in [
        ({}, "not an export"),
        ({"format": saved.EXPORT_FORMAT, "searches": [{"name": "x"}]}, "neither"),
        ({"format": saved.EXPORT_FORMAT, "searches": [{"name": "x", "query": "y", "sort": "z"}]}, "sort"),
        ({"format": saved.EXPORT_FORMAT, "searches": [{"name": "ok", "query": "y"}, 3]}, "search 2"),
    ]:
        with pytest.raises(QueryError, match=msg):
            o.import_(bad)
    assert [x["name"] for x in o.all()] == ["a", "b"]  # a bad file imports nothing


def test_web_api_and_cli(home, runner, tmp_path):
    from web import create_app

    client = create_app(home, {"TESTING": True}).test_client()
    n = brute(Archive(home), "腾笼换鸟", "新埭镇")
    assert n > 0
    r = client.post("/api/saved", json={"name": "腾退", "query": "腾笼换鸟", "filters": {"township": ["新埭镇"]}})
    assert r.status_code == 201 and r.get_json()["total"] == n and r.get_json()["new"] == n
    assert client.post("/api/saved", json={"name": "腾退", "query": "x"}).status_code == 400
    listing = client.get("/api/saved").get_json()
    cli = runner("saved", "list", "--json", "--home", home)
    assert cli.exit_code == 0 and json.loads(cli.output) == listing
    assert client.post("/api/saved/腾退/visit").get_json()["new"] == n
    assert client.get("/api/saved/腾退").get_json()["new"] == 0
    feed = client.get("/saved/腾退/feed.atom")
    assert feed.mimetype == "application/atom+xml"
    check_atom(feed.data)
    res = runner("saved", "feed", "腾退", "--home", home)
    assert res.exit_code == 0 and len(ET.fromstring(res.output.encode()).findall(A + "entry")) == n
    # the page: save from a search's form, open (marks visited, lands on the search), delete
    r = client.post("/saved", data={"name": "发展", "q": "发展", "township": "新埭镇", "sort": "newest"})
    assert r.status_code == 303
    page = client.get("/saved").get_data(as_text=True)
    assert 'data-name="发展"' in page and "Atom" in page
    r = client.get("/saved/发展")
    assert r.status_code == 303 and "sort=newest" in r.headers["Location"] and "township=" in r.headers["Location"]
    # cross-site forms are refused
    assert client.post("/saved/发展/delete", headers={"Origin": "http://evil.example"}).status_code == 403
    assert client.post("/saved/发展/delete").status_code == 303
    assert client.get("/api/saved/发展").status_code == 404
    exported = client.get("/saved.json").get_json()
    assert [x["name"] for x in exported["searches"]] == ["腾退"]
    out = tmp_path / "s.json"
    assert runner("saved", "export", "-o", out, "--home", home).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == exported
    assert runner("saved", "delete", "腾退", "--home", home).exit_code == 0
    res = runner("saved", "import", out, "--home", home)
    assert res.exit_code == 0 and "added 1" in res.output
    assert client.post("/api/saved/import", data=b"not json").status_code == 400
    res = runner("saved", "add", "x", "--home", home)
    assert res.exit_code != 0 and "nothing to save" in res.output
    res = runner("saved", "add", "共同富裕", "共同富裕", "--home", home)
    assert res.exit_code == 0 and f"{brute(Archive(home), '共同富裕')} paragraphs match" in res.output
    assert client.get("/saved/nope/feed.atom").status_code == 404
