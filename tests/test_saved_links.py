"""Opening a saved search (its link to the search page, its feed's alternate link, the query
the CLI prints) lists what its count says, whatever filters it holds: the page has URL
arguments for the facets and period only, so doc: and kind: travel inside the query."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def client(tmp_path, seed_home):
    from web import create_app

    home = tmp_path / "home"
    shutil.copytree(seed_home, home, ignore=shutil.ignore_patterns("saved.sqlite"))
    return create_app(home, {"TESTING": True}).test_client(), home


@pytest.mark.parametrize(
    "filters",
    [
        {"doc": ["pinghu-2023-xinde"]},
        {"doc_id": ["pinghu-2023-xinde"]},
        {"kind": ["heading"]},
        {"type": ["心得体会"]},
        {"doc_type": ["心得体会"]},
        {"township": ["新埭镇"], "kind": ["body"]},
        {"period": ["2023"]},
    ],
)
def test_the_opened_search_lists_what_the_saved_search_counts(client, runner, filters):
    c, home = client
    saved = c.post("/api/saved", json={"name": "s", "query": "发展", "filters": filters}).get_json()
    everything = c.get("/api/search", query_string={"q": "发展"}).get_json()["total"]
    assert 0 < saved["total"] < everything, "the filter must narrow the example"
    location = c.get("/saved/s").headers["Location"]
    assert c.get("/api/search?" + urlsplit(location).query).get_json()["total"] == saved["total"]
    feed = ET.fromstring(c.get("/saved/s/feed.atom").data)
    alternate = next(link.get("href") for link in feed.findall(A + "link") if link.get("rel") == "alternate")
    assert c.get("/api/search?" + urlsplit(alternate).query).get_json()["total"] == saved["total"]
    printed = runner("saved", "open", "s", "--home", home).output.split("archive search ", 1)[1].strip()
    assert json.loads(runner("search", printed, "--json", "--home", home).output)["total"] == saved["total"]
