"""Splitting the trends box into phrases: commas inside any quotes the query language knows
(ASCII, IME “…”, CJK 「…」 『…』) belong to the phrase, as the search reads it."""

from __future__ import annotations

import pytest

from archive.trends import split_terms


@pytest.mark.parametrize(
    "text,terms",
    [
        ("腾笼换鸟,筑巢引凤", ["腾笼换鸟", "筑巢引凤"]),
        ('"腾笼换鸟，筑巢引凤"', ['"腾笼换鸟，筑巢引凤"']),
        ("“腾笼换鸟，筑巢引凤”", ["“腾笼换鸟，筑巢引凤”"]),
        ("「人人有责、人人尽责」,腾笼换鸟", ["「人人有责、人人尽责」", "腾笼换鸟"]),
        ("『a,b』、c", ["『a,b』", "c"]),
        ('"a,b', ['"a,b']),  # never closed: one piece, the search reports it
    ],
)
def test_split_terms_exact(text, terms):
    assert split_terms(text) == terms


def test_a_cjk_quoted_phrase_with_a_comma_is_one_series(client):
    r = client.get("/api/trend", query_string={"q": "「人人有责、人人尽责」"})
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["terms"] == ["「人人有责、人人尽责」"]
    search = client.get("/api/search", query_string={"q": "「人人有责、人人尽责」"}).get_json()
    assert body["series"][0]["total"] == search["total"] > 0
