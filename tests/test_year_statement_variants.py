"""Year statements written in other ways than the ones the rules were first written from
(data/year_statements.tsv): anniversaries in Chinese numerals, exact outputs; and the Chinese
numbers they need (rules.cn_number)."""

from __future__ import annotations

import pytest

from indexer.rules import cn_number
from indexer.year_statements import stated_year


@pytest.mark.parametrize(
    "s, n",
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("七十五", 75),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("百", 100),
    ],
)
def test_chinese_numbers(s: str, n: int):
    assert cn_number(s) == n


@pytest.mark.parametrize(
    "text, year, rule",
    [
        (
            "今年是中华人民共和国成立七十五周年,也是实现“十四五”规划目标任务的关键一年。",
            2024,
            "prc_anniversary_this_year",
        ),
        ("今年是新中国成立75周年。", 2024, "prc_anniversary_this_year"),
        ("今年是中国共产党成立一百周年。", 2021, "cpc_anniversary_this_year"),
        ("今年是建党一百零五周年。", 2026, "cpc_anniversary_this_year"),
        ("这次会议是在新中国成立七十周年之际召开的一次重要会议。", 2019, "prc_anniversary_meeting"),
    ],
)
def test_anniversaries_in_words_or_digits(text: str, year: int, rule: str):
    s = stated_year([text], [3])
    assert s is not None and (s.year, s.rule, s.line) == (year, rule, 3)


def test_an_anniversary_named_otherwise_is_not_taken():
    assert stated_year(["迎接建党一百周年,我们要再接再厉。"]) is None
