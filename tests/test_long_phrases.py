"""A quoted phrase with more spaces than the exact index spells out (exact.MAX_EXACT_GAPS) is
looked up as its neighbouring pairs; the answer must still be exactly the paragraphs whose
text holds the phrase (query.matches), not every paragraph that holds the pairs somewhere."""

from __future__ import annotations

import pytest

from archive.engine import exact
from archive.query import matches, parse
from archive.textnorm import normalize

# On the seeds each pair is in the same paragraph, but never as one run: the pairs' AND is a
# strict superset (checked below, so the test keeps its teeth if the seeds change).
LONG = '"完成 重点 项目 完成"'


@pytest.fixture(scope="module")
def texts(archive):
    return {f["id"]: normalize(f["text"]) for f in archive.searcher().all_stored_fields()}


def test_the_example_is_longer_than_the_index_spells_out():
    assert len(parse(LONG).tree.parts) - 1 > exact.MAX_EXACT_GAPS


@pytest.mark.parametrize("text", [LONG, f"{LONG} OR 腾笼换鸟", f"发展 {LONG}", '"推进 高质量 发展 建设"'])
def test_a_long_phrase_finds_exactly_the_brute_force_matches(archive, texts, text):
    q = parse(text)
    expected = {pid for pid, norm in texts.items() if matches(q.tree, norm)}
    assert {h["id"] for h in archive.iter_matches(text, cap=10**6)} == expected
    assert archive.search(text)["total"] == len(expected)


def test_the_pairs_alone_would_find_more(texts):
    parts = parse(LONG).tree.parts
    pairs = [parse(f'"{a} {b}"').tree for a, b in zip(parts, parts[1:])]
    superset = {pid for pid, norm in texts.items() if all(matches(p, norm) for p in pairs)}
    exact_set = {pid for pid, norm in texts.items() if matches(parse(LONG).tree, norm)}
    assert superset - exact_set
