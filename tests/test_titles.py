"""Titles and document types: indexer/titles.py with data/genres.tsv, exact outputs."""

from __future__ import annotations

import pytest

from indexer.paragraphs import Block
from indexer.titles import doc_genre, document_title, genre_in, known_genre, own_title


def blk(kind: str, text: str, n: int) -> Block:
    return Block(kind=kind, text=text, line_start=n, line_end=n)


@pytest.mark.parametrize(
    "title, genre",
    [
        ("第十二届全国人民代表大会第一次会议关于政府工作报告的决议", "关于政府工作报告的决议"),
        ("2024年杭州市政府工作报告", "政府工作报告"),
        ("在中国共产党第十次全国代表大会上的报告", "党代会报告"),
        ("九峰街道办事处2024年工作总结及2025年工作计划", "工作总结和工作计划"),
        ("街道办事处年终总结", "工作总结"),
        ("水口镇2025年工作安排", "工作计划"),
        ("在全镇乡村振兴工作推进会上的表态发言", "表态发言"),
        ("平湖市党政代表团学习考察心得体会", "心得体会"),
        ("临汾市人民政府关于禁烧小麦秸秆和麦茬的通告", "通告"),
        ("某某县人民政府办公室关于印发《某某办法》的通知", "通知"),
        ("2018年建新镇政府信息公开工作年度报告", "政府信息公开工作年度报告"),
        ("五营镇召开第五届人民代表大会第四次会议", "新闻报道"),
        ("创建绿色社区 营造优美环境", None),
        ("县人大代表围绕《政府工作报告》进行分组讨论", "新闻报道"),  # the quoted report is another document
        ("中共某某市委办公室印发《关于全面推进政务公开工作的实施意见》的通知", "通知"),
    ],
)
def test_genre_of_titles(title, genre):
    assert genre_in(title, "title") == genre


def test_type_codes_and_opening_lines():
    assert known_genre("cpc_congress_report") == "党代会报告"
    assert known_genre("表态发言") == "表态发言"
    g = doc_genre(
        given=None,
        given_source=None,
        title="绍兴",
        head=["各位代表：", "现在，我代表市人民政府，向大会报告工作，请予审议。"],
    )
    assert g.value == "政府工作报告" and g.evidence.startswith("opening line")
    news = doc_genre(given=None, given_source=None, title=None, head=["12月9日，某某乡召开第十一届人民代表大会。"])
    assert news.value == "新闻报道"
    lead = doc_genre(
        given=None,
        given_source=None,
        title=None,
        head=["为进一步发挥先进典型示范带动作用，1月16日下午，某某镇召开年度表彰大会。"],
    )
    assert lead.value == "新闻报道"
    report = doc_genre(
        given=None, given_source=None, title=None, head=["各位代表：", "现在，我代表镇人民政府，向大会报告工作。"]
    )
    assert report.value == "政府工作报告"
    notice = doc_genre(
        given=None,
        given_source=None,
        title=None,
        head=["根据文件要求，现将项目公示如下。"],
        tail=["公示时间：2018年12月14日至2019年1月14日某某局"],
    )
    assert notice.value == "公示"
    notice = doc_genre(
        given=None,
        given_source=None,
        title=None,
        head=["为切实做好秸秆禁烧工作……"],
        tail=["六、本通告自发布之日起施行。特此通告。", "某某市人民政府"],
    )
    assert (notice.value, notice.evidence) == (
        "通告",
        'closing formula "六、本通告自发布之日起施行。特此通告。" (genres.tsv)',
    )


def test_own_title_skips_section_headings_and_joins_wrapped_lines():
    blocks = [
        blk("heading", "2023年某某街道工作总结和", 1),
        blk("heading", "2024年工作思路", 2),
        blk("body", "2023年，我们……", 4),
    ]
    assert own_title(blocks).value == "2023年某某街道工作总结和2024年工作思路"
    section_only = [blk("heading", "2023年工作回顾", 1), blk("body", "2023年是……", 2)]
    assert own_title(section_only).value is None


def test_made_and_prefixed_titles():
    none = [blk("body", "各位代表：", 1)]
    made = document_title(given=None, given_source=None, blocks=none, place="绍兴市", year=2024, genre="政府工作报告")
    assert made.value == "绍兴市2024年政府工作报告" and made.evidence.startswith("made from")
    bare = [blk("heading", "政府工作报告", 1), blk("body", "各位代表：", 3)]
    assert (
        document_title(
            given=None, given_source=None, blocks=bare, place="马鞍山市", year=2024, genre="政府工作报告"
        ).value
        == "马鞍山市2024年政府工作报告"
    )
    given = document_title(
        given="某某文集", given_source="collection field title", blocks=bare, place=None, year=None, genre=None
    )
    assert (given.value, given.evidence) == ("某某文集", "collection field title")


def test_a_bare_title_with_a_year_gets_the_issuer_and_a_byline_is_never_a_title():
    for bare in ("2024年政府工作报告", "政府工作报告(2024年)"):
        blocks = [blk("heading", bare, 1), blk("body", "各位代表：", 3)]
        t = document_title(
            given=None, given_source=None, blocks=blocks, place="玉林市", year=2024, genre="政府工作报告"
        )
        assert t.value == "玉林市" + bare
    byline_only = [blk("heading", "市长马军", 1), blk("body", "各位代表：", 2)]
    made = document_title(
        given=None, given_source=None, blocks=byline_only, place="蚌埠市", year=2024, genre="政府工作报告"
    )
    assert made.value == "蚌埠市2024年政府工作报告"


def test_an_opening_statement_names_the_report_whatever_the_series_title():
    g = doc_genre(
        given=None,
        given_source=None,
        title="1956年中华人民共和国国务院政府工作报告",
        head=["各位代表：", "现在我代表国务院向大会提出关于1955年国家决算和1956年国家预算的报告，请予审查。"],
    )
    assert g.value == "国家决算和预算报告"
    glued = doc_genre(
        given=None, given_source=None, title="枣庄", head=["各位代表：现在，我代表市人民政府向大会报告工作，请予审议。"]
    )
    assert glued.value == "政府工作报告"
    assert (
        doc_genre(
            given=None, given_source=None, title=None, head=["下面，我代表行署作工作报告，请各位主任、委员提出意见。"]
        ).value
        == "行政公署工作报告"
    )


def test_site_names_and_table_separators_leave_page_titles():
    from indexer.titles import strip_site_name

    assert strip_site_name("某某街道开展调研工作_中山网") == "某某街道开展调研工作"
    assert strip_site_name("关于某事的通知 - 某某县人民政府") == "关于某事的通知"
    assert strip_site_name("2009年度某某镇政府信息公开年度报告| ||") == "2009年度某某镇政府信息公开年度报告"
    assert strip_site_name("2024年政府工作报告") == "2024年政府工作报告"
