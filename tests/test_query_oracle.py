"""The query language against a brute-force scan: for each query, the paragraphs the index
returns are exactly those whose normalised text satisfies the query by the definition in
archive.query.matches (plain substring and regex tests over every stored paragraph)."""

from __future__ import annotations

import re

import pytest

from archive.query import parse
from archive.textnorm import normalize

QUERIES = [
    "腾笼换鸟 AND 千万工程",
    "腾笼换鸟 or 千万工程",
    "腾笼换鸟 not 千万工程",
    "(腾笼换鸟 OR 招大引强) NOT 千万工程",
    "(腾笼换鸟 OR 招大引强) (工作 OR 发展)",
    "“腾笼换鸟”",
    "「招大引强」 -腾笼换鸟",
    "镇 NOT (工作 OR 发展)",
    '"腾笼换鸟 凤凰涅槃"',
    '"人人有责 人人尽责"',
    '"一 二 三"',
    "工作 (发展 -高质量)",
]


@pytest.fixture(scope="module")
def texts(archive):
    return {f["id"]: normalize(f["text"]) for f in archive.searcher().all_stored_fields()}


@pytest.mark.parametrize("text", QUERIES)
def test_index_answers_equal_the_brute_force_definition(archive, texts, text):
    q = parse(text)
    from archive.query import matches

    expected = {pid for pid, norm in texts.items() if matches(q.tree, norm)}
    found = {h["id"] for h in archive.iter_matches(text, cap=10**6)}
    assert found == expected, text


def test_the_definition_itself_on_plain_scans(texts):
    # 'A OR B' is a union and 'A NOT B' a difference of plain substring scans, and a quoted phrase
    # with a space matches its two halves with nothing or one punctuation mark between them
    from archive.query import matches

    a = {p for p, t in texts.items() if "腾笼换鸟" in t}
    b = {p for p, t in texts.items() if "千万工程" in t}
    assert {p for p, t in texts.items() if matches(parse("腾笼换鸟 or 千万工程").tree, t)} == a | b
    assert {p for p, t in texts.items() if matches(parse("腾笼换鸟 not 千万工程").tree, t)} == a - b
    gap = re.compile(r"腾笼换鸟[ 、,。;:!?]?凤凰涅槃")
    assert {p for p, t in texts.items() if matches(parse('"腾笼换鸟 凤凰涅槃"').tree, t)} == {
        p for p, t in texts.items() if gap.search(t)
    }


def test_ime_quotes_find_what_ascii_quotes_find(archive):
    plain = {h["id"] for h in archive.iter_matches("腾笼换鸟", cap=10**6)}
    assert plain
    for quoted in ["“腾笼换鸟”", "「腾笼换鸟」", "『腾笼换鸟』", "＂腾笼换鸟＂"]:
        assert {h["id"] for h in archive.iter_matches(quoted, cap=10**6)} == plain, quoted


def test_a_phrase_typed_with_a_space_finds_the_punctuated_text(archive, texts):
    found = {h["id"] for h in archive.iter_matches('"人人有责 人人尽责"', cap=10**6)}
    assert found and found == {
        p
        for p, t in texts.items()
        if "人人有责、人人尽责" in t or "人人有责人人尽责" in t or "人人有责 人人尽责" in t or "人人有责,人人尽责" in t
    }
