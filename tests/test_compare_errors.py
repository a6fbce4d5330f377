"""An unknown document in a comparison is named whole, quotes and all, on every entry point."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("a,b", [("pinghu-2023-xinde", "nope"), ("nope", "pinghu-2023-xinde")])
def test_the_unknown_document_is_named_whole(client, runner, seed_home, a, b):
    r = client.get("/api/compare", query_string={"a": a, "b": b})
    assert r.status_code == 404 and r.get_json()["error"] == "no document 'nope'"
    page = client.get("/compare", query_string={"a": a, "b": b})
    assert page.status_code == 404 and "no document &#39;nope&#39;<" in page.get_data(as_text=True)
    res = runner("compare", a, b, "--home", seed_home)
    assert res.exit_code != 0 and "no document 'nope'\n" in res.output
