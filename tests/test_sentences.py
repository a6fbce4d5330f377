"""archive/sentences.py and its rule file (archive/data/sentence_ends.tsv): exact output."""

from __future__ import annotations

from archive.sentences import sentence_end, sentence_spans


def test_sentence_spans_exact():
    assert sentence_spans("甲。乙！”丙；丁") == [(0, 2), (2, 5), (5, 7), (7, 8)]
    assert sentence_spans("a!b?c;d") == [(0, 2), (2, 4), (4, 6), (6, 7)]
    assert sentence_spans("甲，乙：丙") == [(0, 5)]  # a comma or colon ends no sentence
    assert sentence_spans("") == [(0, 0)]
    assert sentence_spans("甲。") == [(0, 2)]
    assert [m.group() for m in sentence_end().finditer("好。”」又？）")] == ["。”」", "？）"]
