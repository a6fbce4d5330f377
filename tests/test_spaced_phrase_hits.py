"""A phrase typed with spaces ("人人有责 人人尽责", matching 人人有责、人人尽责) is one hit
per occurrence: one concordance line and one highlight covering the whole phrase, as a
brute-force scan of the regex the query language defines (query.term_regex) finds."""

from __future__ import annotations

import pytest

from archive import kwic
from archive.query import parse, term_regex
from archive.textnorm import normalize

# the second: 高质量发展 with nothing between, in paragraphs that also say 发展 elsewhere
PHRASES = ['"人人有责 人人尽责"', '"高质量 发展"']


def brute(archive, text: str) -> list[tuple[str, str]]:
    """(paragraph id, normalised hit) of every occurrence, in no particular order."""
    rx = term_regex(parse(text).tree)
    out = []
    for f in archive.searcher().all_stored_fields():
        norm = normalize(f["text"])
        out += [(f["id"], m.group()) for m in rx.finditer(norm)]
    return out


@pytest.mark.parametrize("text", PHRASES)
def test_one_concordance_line_per_occurrence(archive, text):
    expected = brute(archive, text)
    assert expected, "the example must have hits on the seeds"
    _n, lines = kwic.all_lines(archive, text, width=5)
    assert sorted((ln["id"], normalize(ln["hit"])) for ln in lines) == sorted(expected)


@pytest.mark.parametrize("text", PHRASES)
def test_the_search_highlights_the_whole_phrase(archive, text):
    expected = brute(archive, text)
    assert len({pid for pid, _ in expected}) <= 100
    got = [
        (h["id"], normalize(h["text"][s:e]))
        for h in archive.search(text, limit=100)["hits"]
        for s, e in h["highlights"]
    ]
    assert sorted(got) == sorted(expected)
