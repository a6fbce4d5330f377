"""Issue year, date and period: the rules of indexer/dating.py and their data files, exact outputs."""

from __future__ import annotations

import pytest

from indexer.dating import Dated, document_date, find_date, parse_date, periods, section_year


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2024年4月6日", "2024-04-06"),
        ("2024年04月06日", "2024-04-06"),
        ("2018-2-22", "2018-02-22"),
        ("发布日期：2014-08-01 13:52", "2014-08-01"),
        ("2024.4.6", "2024-04-06"),
        ("日期:2011/12/9     稿源:某某网", "2011-12-09"),
        ("二〇二四年一月二十九日", "2024-01-29"),
        ("2024年1月", "2024-01"),
    ],
)
def test_find_date_reads_the_common_forms(text, iso):
    assert find_date(text)[0] == iso


@pytest.mark.parametrize("text", ["2024年2月30日", "电话0573-2024-12-1", "文号2024.12.1.3", "2023-13-01"])
def test_impossible_dates_and_numbers_are_not_dates(text):
    assert find_date(text) is None


@pytest.mark.parametrize(
    "value, iso",
    [
        ("2024", "2024"),
        ("2023-11", "2023-11"),
        ("2024年", "2024"),
        ("2026-01-22", "2026-01-22"),
        ("", None),
        ("不详", None),
    ],
)
def test_parse_date_of_catalog_values(value, iso):
    assert parse_date(value) == iso


@pytest.mark.parametrize(
    "heading, found",
    [
        ("一、2023年工作回顾", ("review", 2023)),
        ("一、2023年政府工作回顾", ("review", 2023)),
        ("2023年度工作总结", ("review", 2023)),
        ("二、2024年工作安排", ("plan", 2024)),
        ("2024年工作思路", ("plan", 2024)),
        ("一、2025年主要工作", ("section", 2025)),
        ("（一）确保2025年全面完成目标", None),  # a target, not the section's year
        ("三、强化政府自身建设", None),
    ],
)
def test_section_year(heading, found):
    assert section_year(heading) == found


def date(**kw):
    base = dict(fields={}, title=None, head=[], tail=[], headings=[])
    return document_date(**{**base, **kw})


def test_catalog_field_wins_and_says_so():
    assert date(fields={"date": "2024-02-26", "date_source": "catalog field date"}, title="2023年工作总结") == Dated(
        2024, "2024-02-26", 'catalog field date "2024-02-26"'
    )


def test_dateline_in_the_head():
    d = date(head=["政府工作报告", "——2024年1月13日在马鞍山市第十七届人民代表大会第四次会议上"])
    assert (d.year, d.date) == (2024, "2024-01-13") and d.evidence.startswith("dateline")


def test_a_year_inside_a_sentence_is_not_a_dateline():
    assert date(head=["各位代表：", "2025年，林埭镇将全面推进未来社区建设。"]) == Dated(None, None, None)


def test_npc_session_and_own_party_congress():
    assert date(title="第十二届全国人民代表大会第一次会议关于政府工作报告的决议").year == 2013
    assert date(title="第二届全国人民代表大会第三次会议关于政府工作报告的决议").year == 1962  # no session in 1961
    assert date(title="高举旗帜 (十七大)").year == 2007
    assert date(title="在中国共产党第十次全国代表大会上的报告").year == 1973
    assert date(title="报告", head=["同志们：", "现在，我代表第十七届中央委员会向大会作报告。"]).year == 2012
    # a report that only mentions an earlier congress is not dated by it
    assert date(title="政府工作报告", head=["党的十八大以来，我们……"]).year is None


def test_closing_date_under_a_signature():
    assert date(tail=["特此通告。", "某某县人民政府", "2017年10月17日"]).date == "2017-10-17"
    assert date(tail=["六、本通告自发布之日起施行。特此通告。某某市人民政府2017年10月17日"]).date == "2017-10-17"


def test_title_years_take_the_plan_year():
    assert date(title="某某街道2023年工作总结和2024年工作思路").year == 2024
    # …unless the text says the reviewed year is this year (written before it ended)
    assert (
        date(
            title="镇2023年工作总结和2024年工作谋划",
            head=["镇2023年工作总结和2024年工作谋划", "今年以来，镇始终坚持……"],
        ).year
        == 2023
    )


def test_section_headings_review_plus_one_unless_it_says_this_year():
    assert date(headings=[(2, "一、2023年工作回顾", "过去一年……")]).year == 2024
    assert date(headings=[(2, "一、2023年工作回顾", "过去一年……"), (9, "二、2024年工作安排", None)]).year == 2024
    # reviewed and delivered in the same year (a December congress)
    d = date(headings=[(2, "一、2023年工作回顾", "即将过去的2023年，我市……"), (9, "二、2024年工作安排", None)])
    assert d.year == 2023 and "review of 2023" in d.evidence


def test_periods_follow_the_innermost_scoping_heading():
    chains = [
        None,
        "一、2023年工作回顾",
        "一、2023年工作回顾\n（一）抓产业",
        "二、2024年工作安排",
        "三、强化政府自身建设",
    ]
    assert periods(chains, 2024) == [2024, 2023, 2023, 2024, 2024]
