"""Query errors on every page read in the page's language (the workbench pages showed the
parser's English text in the Chinese interface)."""

from __future__ import annotations

import pytest

from archive.query import QueryError, parse
from web.i18n import error_text

EXCLUDES_ONLY = "-腾笼换鸟"


def _messages() -> tuple[str, str]:
    with pytest.raises(QueryError) as info:
        parse(EXCLUDES_ONLY)
    return error_text(info.value, "zh"), str(info.value)


@pytest.mark.parametrize("url", ["/kwic?q=-腾笼换鸟", "/trends?q=-腾笼换鸟"])
def test_a_query_error_is_chinese_on_chinese_pages_and_english_on_english_ones(client, url):
    zh, en = _messages()
    assert zh != en
    page = client.get(url)
    body = page.get_data(as_text=True)
    assert page.status_code == 400, body[:300]
    assert zh in body and en not in body
    page_en = client.get(url + "&lang=en")
    assert en in page_en.get_data(as_text=True)
