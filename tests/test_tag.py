"""indexer/tag.py: pieces of a compilation page and the township, speaker, heading and period
of each paragraph, on paragraphs written here (exact outputs)."""

from __future__ import annotations

import pytest

from indexer.places import county_places
from indexer import rules, tag
from indexer.paragraphs import Block


@pytest.fixture(scope="module")
def pinghu():
    return county_places("平湖市")


def blocks(places, *specs: tuple[str, str]) -> list[Block]:
    """Blocks as the paragraph splitter gives them: one per (kind, text), line k for the k-th;
    a heading that is a township name carries it, a signature carries its parse."""
    return [
        Block(
            text,
            kind,
            k,
            k,
            place=places.resolve(text) if kind == "heading" else None,
            signature=rules.match_signature(text) if kind == "signature" else None,
        )
        for k, (kind, text) in enumerate(specs, start=1)
    ]


def attribute(bs, places, **kw):
    kw = {"doc_year": 2024, "default_township": None, "default_speaker": None, "doc_type": None, **kw}
    return tag.attribute(bs, places, **kw)


def test_an_opening_with_a_township_as_subject_starts_its_piece(pinghu):
    assert tag.opener_township("2023年，林埭镇将全面推进未来社区建设。", pinghu) == (True, "林埭镇")
    assert tag.opener_township("今年以来，工作顺利推进。", pinghu) == (False, None)
    # without a gazetteer the township cannot be named
    assert tag.opener_township("2023年，林埭镇将全面推进未来社区建设。", None) == (False, None)


def test_pieces_signatures_and_a_fragment_settled_by_the_township_it_names(pinghu):
    bs = blocks(
        pinghu,
        ("body", "2024年，新埭镇将抓好项目建设，推进腾笼换鸟。"),
        ("body", "一、抓好民生工作。"),
        ("signature", "新埭镇党委书记 张 三"),
        ("body", "2024年，广陈镇将全面推进乡村振兴。"),
        ("body", "为建设美丽平湖贡献广陈力量！"),
        ("body", "全力推进广陈镇和林埭镇的产业合作，广陈镇率先。"),
    )
    segs = tag.place_runs(bs, pinghu, None)
    assert [(s.start, s.township, s.how, s.members) for s in segs] == [
        (0, "新埭镇", "explicit", [0, 1, 2]),
        (3, "广陈镇", "explicit", [3, 4]),
        (5, None, "fragment-closing", [5]),
    ]  # a body paragraph after a closing exclamation
    tags = attribute(bs, pinghu)
    assert [(t.township, t.speaker, t.speaker_title) for t in tags] == [
        ("新埭镇", "张三", "新埭镇党委书记"),
        ("新埭镇", "张三", "新埭镇党委书记"),
        ("新埭镇", "张三", "新埭镇党委书记"),
        ("广陈镇", None, None),
        ("广陈镇", None, None),
        ("广陈镇", None, None),
    ]  # the fragment names 广陈镇 twice, 林埭镇 once
    assert tags[0].evidence == {
        "place.township": 'signature line 3 "新埭镇党委书记 张 三"',
        "speaker": 'signature line 3 "新埭镇党委书记 张 三"',
    }
    assert tags[5].evidence["place.township"].startswith('fragment-closing piece from line 6 ')


def test_a_fragment_that_names_two_townships_equally_stays_undecided(pinghu):
    bs = blocks(
        pinghu,
        ("body", "2024年，新埭镇将抓好项目建设。"),
        ("body", "2024年，广陈镇将全面推进乡村振兴。"),
        ("body", "为建设美丽平湖贡献广陈力量！"),
        ("body", "推进新埭镇和林埭镇的产业合作。"),
    )
    assert [t.township for t in attribute(bs, pinghu)] == ["新埭镇", "广陈镇", "广陈镇", None]


def test_a_signature_stops_at_a_piece_for_another_township(pinghu):
    bs = blocks(
        pinghu,
        ("heading", "新埭镇"),
        ("body", "一、抓好项目建设。"),
        ("body", "2024年，广陈镇将全面推进乡村振兴。"),
        ("signature", "当湖街道党委书记 金 一"),
    )
    tags = attribute(bs, pinghu)
    assert [(t.township, t.speaker) for t in tags] == [
        ("新埭镇", None),
        ("新埭镇", None),
        ("广陈镇", None),
        ("当湖街道", "金一"),
    ]


def test_a_one_voice_report_is_never_cut_into_fragments(pinghu):
    # one township named only: no compilation, so the exclamation ends nothing
    bs = blocks(
        pinghu, ("body", "2024年，新埭镇将抓好项目建设。"), ("body", "奋力谱写新篇章！"), ("body", "三、抓好民生工作。")
    )
    assert [(s.township, s.how) for s in tag.place_runs(bs, pinghu, None)] == [("新埭镇", "explicit")]


def test_a_byline_above_the_body_speaks_for_the_whole_document(pinghu):
    bs = blocks(
        pinghu, ("signature", "平湖市市长 王五"), ("body", "今年以来，全市经济平稳。"), ("body", "下一步，继续推进。")
    )
    tags = attribute(bs, pinghu, default_township="当湖街道")
    assert [(t.township, t.speaker, t.speaker_title) for t in tags] == [("当湖街道", "王五", "平湖市市长")] * 3
    assert tags[2].evidence == {"speaker": 'byline line 1 "平湖市市长 王五"'}


def test_headings_nest_and_a_section_heading_scopes_the_period(pinghu):
    bs = blocks(
        pinghu,
        ("heading", "一、2023年工作回顾"),
        ("body", "经济平稳增长。"),
        ("heading", "（一）产业发展"),
        ("body", "工业增加值增长。"),
        ("heading", "二、2024年工作安排"),
        ("body", "推进共同富裕。"),
    )
    tags = attribute(bs, pinghu, doc_year=2024)
    assert [(t.heading, t.year, t.period) for t in tags] == [
        (None, 2024, 2023),
        ("一、2023年工作回顾", 2024, 2023),
        ("一、2023年工作回顾", 2024, 2023),
        ("（一）产业发展", 2024, 2023),
        (None, 2024, 2024),
        ("二、2024年工作安排", 2024, 2024),
    ]
    assert tags[3].evidence["period"] == 'heading line 1 "一、2023年工作回顾" (period_headings.tsv)'
    # no heading that scopes a year: the period is the document's year, with no evidence
    plain = attribute(blocks(pinghu, ("heading", "一、产业发展"), ("body", "工业增长。")), pinghu, doc_year=2022)
    assert [(t.heading, t.period, t.evidence) for t in plain] == [(None, 2022, {}), ("一、产业发展", 2022, {})]
