"""Concordance parameters out of bounds are a clear 400 on every entry point (the page, the
CSV, the API), never a crash or a silently ignored value; the CSV downloads say their
charset once."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "args,msg",
    [
        ({"limit": "0"}, "limit"),
        ({"q": "发展", "limit": "0"}, "limit"),
        ({"q": "发展", "width": "100000"}, "width"),
        ({"q": "发展", "width": "-3"}, "width"),
        ({"q": "发展", "sort": "bogus"}, "sort"),
    ],
)
@pytest.mark.parametrize("url", ["/kwic", "/kwic.csv", "/api/kwic"])
def test_bad_parameters_are_a_400_everywhere(client, url, args, msg):
    r = client.get(url, query_string=args)
    assert r.status_code == 400 and msg in r.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/kwic.csv?q=发展", "/batch.csv?phrases=发展"])
def test_csv_content_type_names_its_charset_once(client, url):
    r = client.get(url)
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/csv; charset=utf-8"
