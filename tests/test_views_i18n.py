"""Every interface string of the trends, map, citation and browsing views exists in both
languages: a missing key would show its name ('date_label') on the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive.browse import SORTS

from archive.fields import PLACE_FIELDS as PLACE_LEVELS
from archive.fields import YEAR_FIELDS as BY
from web.i18n import STRINGS
from web.trends import MEASURES

TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"
MINE = ("browse.html", "_docheader.html", "_home_browse.html", "trends.html", "_citation.html", "_help_views.html")


@pytest.mark.parametrize("name", MINE)
def test_every_static_key_exists(name):
    keys = set(re.findall(r"\bt\('([a-z_0-9]+)'\s*[,)]", (TEMPLATES / name).read_text(encoding="utf-8")))
    assert keys and not [k for k in keys if k not in STRINGS]


def test_every_composed_key_exists():
    keys = (
        [f"measure_{m}" for m in MEASURES]
        + [f"per_year_{m}" for m in MEASURES]
        + [f"by_{b}" for b in BY]
        + [f"not_at_level_{lv}" for lv in PLACE_LEVELS]
        + [f"level_{lv}" for lv in ("national", *PLACE_LEVELS)]
        + list(PLACE_LEVELS)
        + [f"cite_{k}" for k in ("author", "issuer", "title", "occasion", "date", "paragraph", "permalink")]
    )
    assert not [k for k in keys if k not in STRINGS]
    assert SORTS == ("date", "title", "place")


@pytest.mark.parametrize(
    "url", ["/trends?q=腾笼换鸟,筑巢引凤", "/browse", "/", "/p/pinghu-2023-xinde-46", "/d/pinghu-2023-xinde"]
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_show_no_key_names(client, url, lang):
    html = client.get(url + ("&" if "?" in url else "?") + ("lang=en" if lang == "en" else "")).get_data(as_text=True)
    text = re.sub(r"<[^>]+>", " ", html)
    # a key name shown as text: lower-case words joined by underscores (date_label, map_none)
    leaked = re.findall(r"(?<![\w/.-])[a-z]+(?:_[a-z0-9]+)+(?![\w/.-])", text)
    assert not leaked
