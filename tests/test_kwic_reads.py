"""The concordance reads what it needs: every matching paragraph's text (to find and sort the
occurrences), the other fields only of the lines it shows, and for the word sorts only the
stretch of text around each hit, cut exactly as the whole paragraph would be (the oracle:
segmenter.cut of the whole text). At 100k paragraphs the concordance of a common phrase read
and decoded every matching paragraph's record and cut every paragraph whole: 3.9 s, 11.8 s
with a word sort (bench/WORKBENCH.md)."""

from __future__ import annotations

import sys

import pytest

from archive import kwic, segmenter


def every_paragraph(archive) -> list[dict]:
    return [p for d in archive.stats()["docs"] for p in archive.document(d["doc_id"])]


def overlapping(cut: list[tuple[str, int, int]], lo: int, hi: int) -> list[tuple[str, int, int]]:
    return [(w, a, b) for w, a, b in cut if a < hi and b > lo]


HOSTILE = [
    "GDP增长6.5%，规上工业产值增长10%以上。2023年\r\n新埭镇 将紧扣“高质量发展”目标",
    "一、扛起“三个主平台”重任（2024—2025），A+B&C_d-e.f#g 　全角空格；ＡＢＣ１２３。",
    "没有标点的一长段文字腾笼换鸟筑巢引凤共同富裕数字经济营商环境新质生产力",
    "𠀀𠀁扩展区汉字与Ⅲ罗马数字、ｶﾀｶﾅ和かな混排！？",
]


@pytest.mark.parametrize("width", [1, 5, 20])
def test_a_window_is_cut_as_within_the_whole_paragraph(archive, width):
    texts = [p["text"] for p in every_paragraph(archive)] + HOSTILE
    checked = 0
    for text in texts:
        whole = segmenter.cut(text)
        for lo in range(0, len(text), 7):
            hi = min(len(text), lo + width)
            assert overlapping(kwic.window_cut(text, lo, hi), lo, hi) == overlapping(whole, lo, hi), (text, lo, hi)
            checked += 1
    assert checked > 1000


def _count(fn, name: str, arg: str | None = None) -> tuple[int, int]:
    """(calls of functions called ``name``, summed length of their ``arg``) while fn runs."""
    calls = size = 0

    def prof(frame, event, _arg):
        nonlocal calls, size
        if event == "call" and frame.f_code.co_name == name:
            calls += 1
            if arg:
                size += len(frame.f_locals[arg])

    sys.setprofile(prof)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return calls, size


@pytest.mark.parametrize("sort", kwic.SORTS)
def test_a_page_reads_the_records_of_its_lines_only(archive, sort):
    total = kwic.concordance(archive, "发展", sort=sort, limit=5)
    assert total["paragraphs"] > 20
    decoded, _ = _count(lambda: kwic.concordance(archive, "发展", sort=sort, limit=5), "from_fields")
    assert decoded <= 5


@pytest.mark.parametrize("sort", ["left_words", "right_words"])
def test_word_sorts_cut_the_context_not_the_paragraph(archive, sort):
    width = 5
    _, lines = kwic.all_lines(archive, "发展", width=width, sort=sort)
    texts = {ln["id"]: len(p["text"]) for ln in lines for p in [archive.paragraph(ln["id"])]}
    calls, chars = _count(lambda: kwic.concordance(archive, "发展", width=width, sort=sort), "cut", "text")
    assert calls == len(lines)
    assert chars < sum(texts.values()) / 2, (chars, sum(texts.values()))
