"""Bylines under a report's title (data/bylines.tsv): who delivered it, exact outputs."""

from __future__ import annotations

import pytest

from indexer.paragraphs import Block
from indexer.rules import match_byline
from indexer.tag import attribute


@pytest.mark.parametrize(
    "line, found",
    [
        ("市长 王军", ("市长", "王军")),
        ("市长马军", ("市长", "马军")),
        ("国务院总理 李强", ("国务院总理", "李强")),
        ("浙江省代省长刘捷", ("浙江省代省长", "刘捷")),
        ("池州市人民政府市长 朱浩东", ("池州市人民政府市长", "朱浩东")),
        ("自治区主席 艾尔肯·吐尼亚孜", ("自治区主席", "艾尔肯·吐尼亚孜")),
        ("——2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议的政府工作报告", ("市长", "龚正")),
        ("镇长王 鹏", ("镇长", "王鹏")),
        ("马伟在泗阳县第十七届人民代表大会第三次会议上的报告", (None, "马伟")),
        ("在全镇乡村振兴工作推进会上的表态发言", None),
        (
            "——2025年1月14日自治区人民政府主席王莉霞在内蒙古自治区第十四届人民代表大会第三次会议上的讲话",
            ("自治区人民政府主席", "王莉霞"),
        ),
        (
            "2025年1月14日在北京市第十六届人民代表大会第三次会议上北京市市长殷勇同志作政府工作报告。",
            ("北京市市长", "殷勇"),
        ),
        (
            "2025年1月14日在浙江省第十四届人民代表大会第三次会议上浙江省代省长刘捷作政府工作报告",
            ("浙江省代省长", "刘捷"),
        ),
        ("政府工作报告", None),
        ("一、2023年工作回顾", None),
        ("在市委的坚强领导下，市长王军带领全市人民奋力拼搏取得了显著成绩。", None),
    ],
)
def test_match_byline(line, found):
    assert match_byline(line) == found


def test_a_byline_above_the_body_names_the_speaker_of_every_paragraph():
    blocks = [
        Block("政府工作报告", "heading", 1, 1),
        Block("市长 王军", "heading", 2, 2),
        Block("各位代表：", "body", 4, 4),
        Block("市长王军同志强调，要抓落实。", "body", 5, 5),
    ]
    tags = attribute(blocks, None, doc_year=2024, default_township=None, default_speaker=None, doc_type=None)
    assert {t.speaker for t in tags} == {"王军"}
    assert tags[3].evidence["speaker"] == 'byline line 2 "市长 王军" (bylines.tsv)'
    # a name in the body is not a byline
    body_only = [Block("各位代表：", "body", 1, 1), Block("市长 王军", "body", 2, 2)]
    assert {
        t.speaker
        for t in attribute(body_only, None, doc_year=None, default_township=None, default_speaker=None, doc_type=None)
    } == {None}


@pytest.mark.parametrize("line, yes", [("各位代表：", True), ("同志们！", True), ("各位代表说，", False)])
def test_salutations(line, yes):
    from indexer.rules import is_salutation

    assert is_salutation(line) is yes


def test_a_bare_name_under_the_dateline_is_the_speaker():
    blocks = [
        Block("决胜全面建成小康社会", "heading", 1, 1),
        Block("（2017年10月18日）", "heading", 2, 2),
        Block("习 近 平", "heading", 3, 3),
        Block("同志们：", "body", 4, 4),
    ]
    tags = attribute(blocks, None, doc_year=2017, default_township=None, default_speaker=None, doc_type=None)
    assert tags[3].speaker == "习近平"
    # a short heading that follows no dateline is not a name
    blocks[1] = Block("前言", "heading", 2, 2)
    assert (
        attribute(blocks, None, doc_year=2017, default_township=None, default_speaker=None, doc_type=None)[3].speaker
        is None
    )
