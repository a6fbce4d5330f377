"""archive/snippets.py: a long paragraph cut to windows around its hits, spans shifted with it
(exact outputs, and the shifted spans checked against the original text)."""

from __future__ import annotations

import random

from archive.snippets import snippet


def test_a_short_paragraph_comes_whole():
    assert snippet("短文本", [[0, 1]]) == ("短文本", [[0, 1]], False)
    assert snippet("短" * 240, []) == ("短" * 240, [], False)  # max_len itself is short


def test_a_long_paragraph_without_hits_is_cut_at_max_len():
    assert snippet("长" * 10, [], max_len=5) == ("长长长长长…", [], True)


def test_one_window_around_a_hit_with_ellipses_and_the_span_shifted():
    text = "甲" * 100 + "命中" + "乙" * 100
    assert snippet(text, [[100, 102]], width=10, max_len=50) == (
        "…" + "甲" * 10 + "命中" + "乙" * 10 + "…",
        [[11, 13]],
        True,
    )
    # a hit at the very start: no leading ellipsis
    assert snippet("命中" + "乙" * 100, [[0, 2]], width=3, max_len=20) == ("命中乙乙乙…", [[0, 2]], True)


def test_windows_that_overlap_merge_and_far_ones_are_joined_by_one_ellipsis():
    text = "甲" * 100 + "命中" + "乙" * 5 + "命中" + "丙" * 200 + "命中" + "丁" * 100
    out, spans, cut = snippet(text, [[100, 102], [107, 109], [309, 311]], width=10, max_len=60)
    assert out == (
        "…" + "甲" * 10 + "命中" + "乙" * 5 + "命中" + "丙" * 10 + "…" + "丙" * 10 + "命中" + "丁" * 10 + "…"
    )
    assert spans == [[11, 13], [18, 20], [41, 43]] and cut


def test_shifted_spans_always_point_at_the_same_characters():
    rng = random.Random(3)
    for _ in range(300):
        n = rng.randrange(1, 1500)
        text = "".join(rng.choice("平湖市乡村振兴共同富裕") for _ in range(n))
        # hits as search gives them: short, in order, not overlapping; windows narrower than max_len
        starts = sorted(rng.sample(range(n), min(n, rng.randrange(0, 6))))
        spans = []
        for st in starts:
            if not spans or st >= spans[-1][1]:
                spans.append([st, min(n, st + rng.randrange(1, 9))])
        max_len = rng.randrange(20, 300)
        width = rng.randrange(1, max_len // 2 - 8)
        out, shifted, cut = snippet(text, spans, width=width, max_len=max_len)
        assert cut == (len(text) > max_len)
        if not cut:
            assert out == text and shifted == spans
            continue
        # the shifted spans are, in order, some of the given spans, each over the same characters
        j = 0
        for s, e in spans:
            if (
                j < len(shifted)
                and shifted[j][1] - shifted[j][0] == e - s
                and out[shifted[j][0] : shifted[j][1]] == text[s:e]
            ):
                j += 1
        assert j == len(shifted)
        if spans:
            first = spans[0]
            assert (
                shifted and out[shifted[0][0] : shifted[0][1]] == text[first[0] : first[1]]
            )  # the first hit is never lost
        # every piece between ellipses is a piece of the text
        assert all(piece in text for piece in out.split("…"))
