"""Texts whose title, place name or type is missing or masked (templates, catalogue lines, annual
reports): level_hints.tsv, genres.tsv head/tail rules, standalone_lines.tsv, self_titles.tsv,
title_year_offsets.tsv. Exact outputs on texts written here."""

from __future__ import annotations

import pytest

from indexer.dating import document_date
from indexer.paragraphs import Block, stands_alone
from indexer.places import locate
from indexer.titles import doc_genre, own_title


def lines(*texts: str) -> list[tuple[int, str]]:
    return list(enumerate(texts, start=1))


def blk(kind: str, text: str, n: int) -> Block:
    return Block(kind=kind, text=text, line_start=n, line_end=n)


@pytest.mark.parametrize(
    "first, line_no",
    [
        ("镇2023年工作总结和2024年工作谋划", 1),
        ("乡2023年政府工作报告-10篇(第20/30页)", 1),
        ("街道办事处年终总结(9)", 1),
        ("村党总支副书记秋季秸秆禁烧表态发言", 1),
    ],
)
def test_a_title_opening_with_the_bare_level_word_says_the_level(first, line_no):
    loc = locate(
        fields={},
        file_stem="doc",
        title=None,
        head="",
        lines=lines(first, "今年以来,全市上下团结一心,我们完成了全年任务。"),
    )
    assert loc.level == "township"
    assert loc.evidence["level"] == f'line {line_no} "{first}"'


def test_a_masked_township_name_says_the_level_and_a_body_sentence_does_not():
    loc = locate(
        fields={},
        file_stem="doc",
        title=None,
        head="",
        lines=lines("讲话汇编", "XX镇镇长在公益活动上的讲话", "全市上下要团结一心。", "全市经济平稳。"),
    )
    assert (loc.level, loc.evidence["level"]) == ("township", 'line 2 "XX镇镇长在公益活动上的讲话"')
    # "镇党委书记…" opening a sentence is a person, not a title
    loc = locate(
        fields={},
        file_stem="doc",
        title=None,
        head="",
        lines=lines("镇党委书记孙某全面回顾2024年度工作成绩。", "全市上下团结一心。", "全市经济平稳。"),
    )
    assert loc.level != "township"


@pytest.mark.parametrize(
    "head, tail, genre",
    [
        (["通过这段时间在龙泉乡挂职,我有这样几点收获:", "一是对乡镇工作有了新的认识。"], [], "心得体会"),
        (["2025年是“十四五”规划收官之年。今年镇政府工作的总体要求是:以…为指导"], [], "工作计划"),
        (["创建文明城市。2021年6月11日上午,龙泉街道书记到社区督导检查创建工作。"], [], "新闻报道"),
        (["以下项目为镇人民政府2022年度十大民生实事项目:"], ["现予公告。", "龙泉镇人大主席团"], "公告"),
        (["以上项目拟列入计划。"], ["现予公示。"], "公示"),
        (["龙泉镇召开会议,部署全年工作。"], [], None),
    ],
)
def test_opening_and_closing_words_name_the_genre(head, tail, genre):
    assert doc_genre(given=None, given_source=None, title=None, head=head, tail=tail).value == genre


def test_a_catalogue_line_and_a_title_in_book_marks():
    catalogue = "龙府发〔2003〕61号《龙泉市人民政府关于命名示范街道的通报》"
    assert stands_alone(catalogue) and stands_alone("《龙泉市人民政府关于命名示范街道的通报》")
    assert stands_alone("龙府發〔2003〕61號")
    assert not stands_alone("根据《龙泉市人民政府关于命名示范街道的通报》要求,")
    blocks = [
        blk("body", catalogue, 1),
        blk("heading", "《龙泉市人民政府关于命名示范街道的通报》", 2),
        blk("heading", "龙府发〔2003〕61号", 3),
        blk("body", "各区(市)县政府:", 4),
    ]
    found = own_title(blocks)
    assert found.value == "龙泉市人民政府关于命名示范街道的通报"
    assert found.evidence == 'title line 2 "龙泉市人民政府关于命名示范街道的通报"'


def test_a_text_that_names_itself():
    blocks = [
        blk(
            "body",
            "根据《条例》规定,我镇认真编制了《龙泉镇2021年政府信息公开工作年度报告》。本年度报告由六部分组成。",
            1,
        ),
        blk("heading", "一、总体情况", 2),
    ]
    found = own_title(blocks)
    assert found.value == "龙泉镇2021年政府信息公开工作年度报告"
    assert found.evidence.startswith("the text names itself, line 1 ")
    # a document it was issued under is not its title
    blocks[0] = blk("body", "根据《龙泉市实施方案》要求,结合我镇实际,制定本方案。", 1)
    assert own_title(blocks).value is None


def test_an_annual_report_is_of_the_year_after_the_one_in_its_title():
    d = document_date(fields={}, title="龙泉镇2021年政府信息公开工作年度报告", head=[], tail=[], headings=[])
    assert (d.year, d.evidence) == (
        2022,
        'title "龙泉镇2021年政府信息公开工作年度报告" (covers 2021, published the next year; title_year_offsets.tsv)',
    )
    assert document_date(fields={}, title="龙泉镇2021年工作总结", head=[], tail=[], headings=[]).year == 2021


def test_a_speech_title_glued_to_its_text_is_split_off():
    from indexer.paragraphs import split_glued_title

    text = "在全镇工作例会上讲话在全镇工作例会上的讲话方才,各村在简要汇报今年整体工作思路的基础上,重点汇报了项目建设。"
    out = split_glued_title([blk("body", text, 1), blk("body", "二是思想活跃。", 2)])
    assert [(b.kind, b.text) for b in out] == [
        ("heading", "在全镇工作例会上的讲话"),
        ("body", "方才,各村在简要汇报今年整体工作思路的基础上,重点汇报了项目建设。"),
        ("body", "二是思想活跃。"),
    ]
    # a sentence that mentions a speech is not a title
    text = "在全镇工作例会上的讲话中,书记强调要抓好项目建设,推动各项工作落实。"
    assert split_glued_title([blk("body", text, 1)])[0].text == text


def test_a_text_naming_its_province_by_abbreviation():
    loc = locate(
        fields={},
        file_stem="doc",
        title=None,
        head="",
        lines=lines("镇2023年工作总结", "今年以来,镇深入学习贯彻总书记来川视察重要指示精神,全镇经济平稳。"),
    )
    assert (loc.place.province if loc.place else None, loc.level) == ("四川省", "township")
    assert loc.evidence["province"] == 'line 2 "来川视察" (province_abbreviations.tsv)'
    # a name of the text outweighs it; an abbreviation outside the phrase is nothing
    loc = locate(fields={}, file_stem="doc", title=None, head="", lines=lines("川菜出川,来此考察。"))
    assert loc.place is None
