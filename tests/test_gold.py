"""The gold checks from ../shared/gold (copied into tests/gold), run through a real index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.textnorm import normalize

GOLD = Path(__file__).with_name("gold")
ATTRIBUTION = json.loads((GOLD / "seed-attribution.json").read_text(encoding="utf-8"))
PHRASES = json.loads((GOLD / "seed-phrase-counts.json").read_text(encoding="utf-8"))
DOC_OF_FILE = {
    "000_057ccec5b4d80e33.txt": "pinghu-2026-biaotai",
    "001_19b0033b922f81de.txt": "pinghu-2023-biaotai",
    "002_7596909d04796d96.txt": "pinghu-2023-gzbg",
    "003_463ebdba2a0282bd.txt": "pinghu-2023-xinde",
    "004_48ee3beea556918c.txt": "tongxiang-gaoqiao-2024-zongjie",
}


def all_hits(archive, query: str) -> list[dict]:
    first = archive.search(query, limit=100, facets=False)
    hits = list(first["hits"])
    while len(hits) < first["total"]:
        hits += archive.search(query, limit=100, offset=len(hits), facets=False)["hits"]
    return hits


@pytest.mark.parametrize("check", ATTRIBUTION, ids=[c["contains"] for c in ATTRIBUTION])
def test_attribution(archive, check):
    hits = [h for h in all_hits(archive, f'"{check["contains"]}"') if h["doc_id"] == DOC_OF_FILE[check["file"]]]
    assert len(hits) == 1, f"{check['contains']!r} should be in exactly one paragraph, found {len(hits)}"
    h = hits[0]
    assert h["source_path"].endswith(check["file"])
    keys = ("township", "county", "year", "period")
    assert {k: h[k] for k in keys} == {k: check[k] for k in keys}
    # every paragraph of a document carries the year it was issued; the evidence says why
    assert h["evidence"].get("year")
    if h["period"] != h["year"]:
        assert "heading" in h["evidence"]["period"]
    if "speaker" in check:
        assert h["speaker"] == check["speaker"]


@pytest.mark.parametrize("phrase", sorted(PHRASES))
def test_phrase_search_finds_exactly_the_paragraphs_that_contain_it(archive, phrase):
    hits = all_hits(archive, phrase)
    needle = normalize(phrase)
    # no false positives
    for h in hits:
        assert needle in normalize(h["text"]), (phrase, h["id"])
    # no misses: every paragraph of every document that contains the phrase is a hit
    expected = {
        p["id"] for doc in DOC_OF_FILE.values() for p in archive.document(doc) if needle in normalize(p["text"])
    }
    assert {h["id"] for h in hits} == expected
    # occurrences add up to the gold counts per file
    per_file: dict[str, int] = {}
    for h in hits:
        name = Path(h["source_path"]).name
        per_file[name] = per_file.get(name, 0) + normalize(h["text"]).count(needle)
    assert per_file == PHRASES[phrase]


def test_no_paragraph_carries_web_boilerplate_or_doubled_bold(archive):
    banned = [
        "导航菜单",
        "本文仅代表作者观点",
        "浏览次数",
        "验证码",
        "留言与评论",
        "本文地址",
        "索引号",
        "首页>",
        "加减乘除加减乘除",
        "提前谋划承提前谋划承",
        "。。",
        "，，",
    ]
    for doc in DOC_OF_FILE.values():
        for p in archive.document(doc):
            for b in banned:
                assert b not in p["text"], (p["id"], b)


def test_shared_gold_matches_the_copy_when_present():
    """Optional: ../shared/gold is the source of tests/gold; skip cleanly on a plain clone."""
    shared = Path(__file__).resolve().parents[2] / "shared" / "gold"
    if not shared.is_dir():
        pytest.skip("../shared/gold not present")
    for name in ("seed-attribution.json", "seed-phrase-counts.json"):
        assert json.loads((shared / name).read_text(encoding="utf-8")) == json.loads(
            (GOLD / name).read_text(encoding="utf-8")
        )
