"""archive/facets.py: facet counts of a search against a brute-force count over every paragraph
of the seed index (the oracle): disjunctive within a facet, conjunctive across facets, place
values with the place they lie in, the documented order."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from archive import record
from archive.facets import FACET_LIMIT, PARENT
from archive.model import FACETS
from archive.query import year_range
from archive.textnorm import normalize


@pytest.fixture(scope="module")
def paragraphs(archive) -> list[dict[str, Any]]:
    return [record.from_fields(f) for f in archive.searcher().all_stored_fields()]


def passes(p: dict[str, Any], field: str, values: list[str]) -> bool:
    if field == "year":
        return any(lo <= (p["year"] or -1) <= hi for lo, hi in map(year_range, values))
    return any(p[field] == (None if v == "none" else v) for v in values)


def oracle(paragraphs, term: str, filters: dict[str, list[str]]) -> dict[str, list[dict[str, Any]]]:
    matching = [p for p in paragraphs if normalize(term) in normalize(p["text"])]
    out = {}
    for name in FACETS:
        keep = [p for p in matching if all(passes(p, f, v) for f, v in filters.items() if f != name)]
        if name in PARENT:
            counts = Counter((p[PARENT[name]], p[name]) for p in keep)
            items = [{"value": v, "count": n, PARENT[name]: parent} for (parent, v), n in counts.items()]
        else:
            items = [{"value": v, "count": n} for v, n in Counter(p[name] for p in keep).items()]
        if name == "year":
            items.sort(key=lambda d: -(d["value"] or 0))
        else:
            items.sort(key=lambda d: (-d["count"], d["value"] is None, str(d["value"])))
        out[name] = items[:FACET_LIMIT]
    return out


def same(ours: dict, truth: dict) -> None:
    assert list(ours) == list(FACETS)
    for name in FACETS:
        if name == "year":  # years in the documented order (newest first); exact lists
            assert ours[name] == truth[name], name
        else:  # equal counts may come in either order of their (parent) keys

            def key(d, name=name):
                return (-d["count"], d["value"] is None, str(d["value"]), str(d.get(PARENT.get(name))))

            assert sorted(ours[name], key=key) == sorted(truth[name], key=key), name
            assert [d["count"] for d in ours[name]] == [d["count"] for d in truth[name]], name


@pytest.mark.parametrize(
    "term, filters",
    [
        ("发展", {}),
        ("发展", {"township": ["新埭镇"]}),
        ("发展", {"township": ["新埭镇", "none"], "doc_type": ["表态发言"]}),
        ("腾笼换鸟", {"year": ["2023"]}),
        ("平湖", {"year": ["2020-2026"], "level": ["township", "county"]}),
        ("镇", {"county": ["平湖市"], "speaker": ["none"]}),
    ],
)
def test_facet_counts_equal_a_brute_force_count(archive, paragraphs, term, filters):
    r = archive.search(term, filters=filters, limit=1)
    truth = oracle(paragraphs, term, filters)
    same(r["facets"], truth)
    assert r["total"] == sum(
        1
        for p in paragraphs
        if normalize(term) in normalize(p["text"]) and all(passes(p, f, v) for f, v in filters.items())
    )
    assert r["total"] > 0


def test_a_ticked_value_leaves_the_other_values_of_its_facet_counted(archive):
    base = archive.search("发展", limit=1)["facets"]["township"]
    ticked = archive.search("发展", filters={"township": ["新埭镇"]}, limit=1)
    assert ticked["facets"]["township"] == base  # its own facet ignores its filter
    assert ticked["total"] == next(d["count"] for d in base if d["value"] == "新埭镇")
    assert all(sum(d["count"] for d in v) == ticked["total"] for k, v in ticked["facets"].items() if k != "township")


def test_place_values_carry_the_place_they_lie_in(archive, paragraphs):
    facets = archive.search("发展", limit=1)["facets"]
    chains = {(p["township"], p["county"]) for p in paragraphs}
    assert {(d["value"], d["county"]) for d in facets["township"]} <= chains
    assert all(set(d) == {"value", "count", PARENT[name]} for name in PARENT for d in facets[name])
