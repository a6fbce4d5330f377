"""A filter key the archive does not know (from a JSON body or an imported file) is a clear
400, never a 500, and a saved search whose query cannot run no longer takes the whole list
of saved searches down with it; nor does a home without an index (a 503 like every page)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from archive import saved
from archive.query import QueryError, parse


def test_parse_refuses_an_unknown_filter_field_and_maps_arguments():
    with pytest.raises(QueryError, match="unknown filter 'foo'"):
        parse("腾笼换鸟", {"foo": ["x"]})
    assert parse("腾笼换鸟", {"type": ["任务书"], "doc": ["d"]}).filters == {"doc_type": ["任务书"], "doc_id": ["d"]}


@pytest.fixture
def client(tmp_path, seed_home):
    from web import create_app

    home = tmp_path / "home"
    shutil.copytree(seed_home, home, ignore=shutil.ignore_patterns("saved.sqlite"))
    return create_app(home, {"TESTING": True}).test_client(), home


def test_batch_api_with_an_unknown_filter_is_a_400(client):
    c, _ = client
    r = c.post("/api/batch", json={"phrases": ["腾笼换鸟"], "filters": {"foo": ["x"]}})
    assert r.status_code == 400 and "unknown filter" in r.get_json()["error"]


def test_saving_or_importing_an_unknown_filter_is_refused_and_stores_nothing(client):
    c, home = client
    r = c.post("/api/saved", json={"name": "x", "query": "腾笼换鸟", "filters": {"foo": ["x"]}})
    assert r.status_code == 400 and "unknown filter" in r.get_json()["error"]
    bad = {"format": saved.EXPORT_FORMAT, "searches": [{"name": "y", "query": "腾笼换鸟", "filters": {"foo": ["1"]}}]}
    assert c.post("/api/saved/import", json=bad).status_code == 400
    assert saved.SavedSearches(home).all() == []
    assert c.get("/saved").status_code == 200 and c.get("/api/saved").get_json() == {"saved": []}


def test_a_stored_search_that_no_longer_runs_is_reported_in_the_list(client, runner):
    """A saved.sqlite written by an older version (or by hand) may hold a query or a filter
    that the query language now refuses: the list shows its error, the others still count."""
    c, home = client
    store = saved.SavedSearches(home)
    store.save("ok", "腾笼换鸟")
    with sqlite3.connect(home / saved.FILE_NAME) as con:
        con.execute(
            "INSERT INTO saved(name, query, filters, sort, created) VALUES (?, ?, ?, ?, ?)",
            ("old", "腾笼换鸟", '{"foo": ["x"]}', "relevance", 0.0),
        )
    listing = {s["name"]: s for s in c.get("/api/saved").get_json()["saved"]}
    assert listing["ok"]["total"] == c.get("/api/search", query_string={"q": "腾笼换鸟"}).get_json()["total"] > 0
    assert listing["old"]["total"] is None and "unknown filter" in listing["old"]["error"]
    page = c.get("/saved")
    assert page.status_code == 200 and "unknown filter" in page.get_data(as_text=True)
    assert c.get("/api/saved/old").status_code == 200
    assert c.get("/saved/old/feed.atom").status_code == 400
    assert c.get("/saved/old").status_code == 400
    res = runner("saved", "list", "--home", home)
    assert res.exit_code == 0 and "cannot run: unknown filter" in res.output and "ok" in res.output


@pytest.mark.parametrize("url", ["/saved", "/saved.json", "/saved/x", "/saved/x/feed.atom", "/api/saved"])
def test_saved_searches_without_an_index_say_so(tmp_path, url):
    from web import create_app

    c = create_app(tmp_path / "empty", {"TESTING": False}).test_client()
    r = c.get(url)
    assert r.status_code == 503
    assert not (tmp_path / "empty").exists()  # nothing written for a home without an index
