"""JSON API errors follow the language the request gives (?lang=zh|en, else Accept-Language,
else English, as before): every error path of the API, in both languages, against the text
the pages show for the same error (web.i18n.error_text) or its own English."""

from __future__ import annotations

import re

import pytest

from archive.query import QueryError, parse
from web.i18n import error_text

CJK = re.compile(r"[\u4e00-\u9fff]")

# (url, status): one request per kind of error the API answers
CASES = [
    ("/api/search?q=-腾笼换鸟", 400),
    ("/api/search?q=发展&sort=sideways", 400),
    ("/api/search?q=发展&limit=0", 400),
    ("/api/search?q=(发展", 400),
    ("/api/kwic?q=发展&sort=sideways", 400),
    ("/api/kwic?q=发展&width=0", 400),
    ("/api/kwic?q=township:新埭镇", 400),
    ("/api/kwic?q=发展&limit=x", 400),
    ("/api/trend?q=-腾笼换鸟", 400),
    ("/api/p/no-such-paragraph", 404),
    ("/api/d/no-such-document", 404),
    ("/api/cite/no-such-paragraph", 404),
    ("/api/compare?a=no-such-document&b=other", 404),
    ("/api/d/no-such-document/page/3", 404),
    ("/api/saved/no-such-search", 404),
    ("/api/no-such-endpoint", 404),
    ("/api/compare?a=only-one", 400),
    ("/api/batch", 400),
]


def _get(client, url: str, lang: str | None, header: str | None = None):
    sep = "&" if "?" in url else "?"
    full = url + (f"{sep}lang={lang}" if lang else "")
    return client.get(full, headers={"Accept-Language": header} if header else {})


@pytest.mark.parametrize("url,status", CASES)
def test_every_api_error_in_both_languages(client, url, status):
    en, zh = _get(client, url, "en"), _get(client, url, "zh")
    assert en.status_code == zh.status_code == status, (en.get_json(), zh.get_json())
    e, z = en.get_json(), zh.get_json()
    assert set(e) == set(z) == {"error", "status"}  # one shape
    assert not CJK.search(e["error"].replace("腾笼换鸟", "").replace("新埭镇", "")), e
    assert CJK.search(z["error"]) and z["error"] != e["error"], z
    # no language asked: English, as before; a browser that prefers Chinese gets Chinese
    assert _get(client, url, None).get_json()["error"] == e["error"]
    assert _get(client, url, None, "zh-CN,zh;q=0.9,en;q=0.5").get_json()["error"] == z["error"]
    assert _get(client, url, "en", "zh-CN").get_json()["error"] == e["error"]  # ?lang wins


def test_a_query_error_reads_as_the_pages_show_it(client):
    with pytest.raises(QueryError) as info:
        parse("-腾笼换鸟")
    assert _get(client, "/api/search?q=-腾笼换鸟", "zh").get_json()["error"] == error_text(info.value, "zh")
    assert _get(client, "/api/search?q=-腾笼换鸟", "en").get_json()["error"] == str(info.value)
    z = _get(client, "/api/p/no-such-paragraph", "zh").get_json()["error"]
    assert "no-such-paragraph" in z and z.startswith("没有段落")
