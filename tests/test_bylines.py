"""Bylines under a report's title (data/bylines.tsv): who delivered it, exact outputs."""
from __future__ import annotations

import pytest

from indexer.paragraphs import Block
from indexer.rules import match_byline
from indexer.tag import attribute


@pytest.mark.parametrize("line, found", [
    ("市长 王军", ("市长", "王军")),
    ("市长马军", ("市长", "马军")),
    ("国务院总理 李强", ("国务院总理", "李强")),
    ("浙江省代省长刘捷", ("浙江省代省长", "刘捷")),
    ("池州市人民政府市长 朱浩东", ("池州市人民政府市长", "朱浩东")),
    ("自治区主席 艾尔肯·吐尼亚孜", ("自治区主席", "艾尔肯·吐尼亚孜")),
    ("——2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议的政府工作报告", ("市长", "龚正")),
    ("镇长王 鹏", ("镇长", "王鹏")),
    ("政府工作报告", None),
    ("一、2023年工作回顾", None),
    ("在市委的坚强领导下，市长王军带领全市人民奋力拼搏取得了显著成绩。", None),
])
def test_match_byline(line, found):
    assert match_byline(line) == found


def test_a_byline_above_the_body_names_the_speaker_of_every_paragraph():
    blocks = [Block("政府工作报告", "heading", 1, 1), Block("市长 王军", "heading", 2, 2),
              Block("各位代表：", "body", 4, 4), Block("市长王军同志强调，要抓落实。", "body", 5, 5)]
    tags = attribute(blocks, None, doc_year=2024, default_township=None, default_speaker=None, doc_type=None)
    assert {t.speaker for t in tags} == {"王军"}
    assert tags[3].evidence["speaker"] == 'byline line 2 "市长 王军" (bylines.tsv)'
    # a name in the body is not a byline
    body_only = [Block("各位代表：", "body", 1, 1), Block("市长 王军", "body", 2, 2)]
    assert {t.speaker for t in attribute(body_only, None, doc_year=None, default_township=None,
                                          default_speaker=None, doc_type=None)} == {None}
