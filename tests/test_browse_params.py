"""A year filter on the document list that is not a year is a clear 400 (as the search's
year: filter), not a 500."""

from __future__ import annotations

import pytest

from archive.browse import browse
from archive.query import QueryError


@pytest.mark.parametrize("value", ["abc", "2023-", "20234", "2023-abcd"])
def test_a_bad_year_is_a_clear_400(client, archive, value):
    r = client.get("/browse", query_string={"year": value})
    assert r.status_code == 400 and f"年份应写作 2023 或 2022-2024（收到 {value}）" in r.get_data(as_text=True)
    r = client.get("/browse", query_string={"year": value, "lang": "en"})
    assert r.status_code == 400 and "takes a year or a range" in r.get_data(as_text=True)
    with pytest.raises(QueryError, match="takes a year or a range"):
        browse(archive, filters={"year": [value]})


def test_a_good_year_range_still_filters(client, archive):
    got = browse(archive, filters={"year": ["2022-2024"]})
    assert client.get("/browse", query_string={"year": "2022-2024"}).status_code == 200
    everything = browse(archive)
    assert 0 < got["total"] < everything["total"]
    assert [d["doc_id"] for d in got["documents"]] == [
        d["doc_id"] for d in everything["documents"] if d["year"] and 2022 <= d["year"] <= 2024
    ]
    assert got["documents"] == browse(archive, filters={"year": ["2024-2022"]})["documents"]
