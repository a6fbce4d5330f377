"""Genres told by a text without a title (genres.tsv: statement, head, tail and body rules) and the
level a text speaks at (self_references.tsv, a bare 全市): exact outputs on texts written here."""

from __future__ import annotations

import pytest

from indexer.places import locate
from indexer.titles import Found, doc_genre


def genre(head=(), tail=(), body=()) -> Found:
    return doc_genre(given=None, given_source=None, title=None, head=list(head), tail=list(tail), body=list(body))


@pytest.mark.parametrize(
    "head, tail, want",
    [
        # a news lead on a meeting's ceremony
        (
            ["龙泉县第十五届人民代表大会第二次会议3月4日下午在县剧院隆重开幕,代表出席。"],
            [],
            (
                "新闻报道",
                'opening line "龙泉县第十五届人民代表大会第二次会议3月4日下午在县剧院隆重开幕,代表出席。" (genres.tsv)',
            ),
        ),
        # a news item on an activity
        (
            ["社区组织开展了环境卫生大扫除,通过此次活动,增强了居民的卫生意识。"],
            [],
            (
                "新闻报道",
                'opening line "社区组织开展了环境卫生大扫除,通过此次活动,增强了居民的卫生意识。" (genres.tsv)',
            ),
        ),
        # a summary of one year with the plan of the next
        (
            ["2021年,全镇上下团结一心,各项事业稳步发展。2022年,要坚定信心,真抓实干。"],
            [],
            (
                "工作总结和工作计划",
                'opening line "2021年,全镇上下团结一心,各项事业稳步发展。2022年,要坚定信心,真抓实干。" (genres.tsv)',
            ),
        ),
        # a short item that credits its sender at the end
        (
            ["1-6月,全县工业投资同比增长8%。"],
            ["1-6月,全县工业投资同比增长8%,增速位列全市第一。(龙泉县统计局)"],
            ("新闻报道", 'closing formula "全县工业投资同比增长8%,增速位列全市第一。(龙泉县统计局)" (genres.tsv)'),
        ),
        # the congress is addressed by a report on a programme, or with the plan outline it presents
        (
            ["各位代表:", "我受国务院的委托,向大会作关于全国农业发展纲要的执行情况的报告。"],
            [],
            (
                "农业发展纲要执行情况报告",
                'opening statement "我受国务院的委托,向大会作关于全国农业发展纲要的执行情况的报告。" (genres.tsv)',
            ),
        ),
        (
            [
                "国务院制定了《国民经济和社会发展第十个五年计划纲要(草案)》。现在,我代表国务院向大会作报告,请连同《纲要(草案)》一并审议。"
            ],
            [],
            (
                "五年计划报告",
                'opening statement "国务院制定了《国民经济和社会发展第十个五年计划纲要(草案)》。现在,我代表国务院向大会作报告,请连同" (genres.tsv)',
            ),
        ),
    ],
)
def test_opening_and_closing_words_name_the_genre(head, tail, want):
    assert genre(head, tail) == Found(*want)


@pytest.mark.parametrize(
    "title, want",
    [
        ("龙泉市乡镇人大工作经验交流材料(三篇)", "经验材料"),
        ("龙泉乡:小茶叶撬动大产业", "新闻报道"),
        ("龙泉镇2023年政府工作报告", "政府工作报告"),
    ],
)
def test_title_words_name_the_genre(title, want):
    assert doc_genre(given=None, given_source=None, title=title, head=[]) == Found(
        want, f'title "{title}" (genres.tsv)'
    )


def test_a_write_up_that_closes_with_what_it_will_go_on_doing():
    tail = ["下一步,龙泉镇将继续深化网格化治理,为全县提供经验。"]
    # work news or an experience report: the closing alone reads as news (the common kind)
    want = Found("新闻报道", 'closing formula "下一步,龙泉镇将继续深化网格化治理,为全县提供经验。" (genres.tsv)')
    assert genre(["龙泉镇位于县城东南部,辖28个行政村。"], tail) == want
    # a headline printed twice and glued to the text still reads as a work-news headline
    glued = "龙泉乡:小茶叶撬动大产业龙泉乡:小茶叶撬动大产业"
    assert genre([glued], tail).value == "新闻报道"
    assert genre(["龙泉镇位于县城东南部。"], ["下一步工作打算如下。"]).value is None


@pytest.mark.parametrize(
    "head, tail",
    [
        (["各位代表:龙泉县第十五届人民代表大会第二次会议今天隆重开幕了。"], []),  # a speech at the meeting
        (["我们将开展环境卫生大扫除活动。"], []),  # a plan, not a report of the activity
        (["2021年,全镇上下团结一心,各项事业稳步发展。"], []),  # a summary alone
        ([], ["(此处有删节)"]),  # a bracket that names no sender
    ],
)
def test_words_that_name_no_genre(head, tail):
    assert genre(head, tail).value is None


def test_the_work_reports_formula_anywhere_in_the_text_is_the_weakest_evidence():
    body = [
        (1, "2023年是极不平凡的一年。"),
        (40, "做好今年政府工作,要统筹兼顾。做好今年政府工作的总体要求是:坚持稳中求进。"),
    ]
    assert genre(body=body) == Found("政府工作报告", 'line 40 "做好今年政府工作的总体要求是" (genres.tsv)')
    # a township's plan states its requirement in its opening: the opening line decides
    head = ["今年镇政府工作的总体要求是:坚持稳中求进。"]
    assert genre(head=head, body=[(1, head[0])] + body).value == "工作计划"
    assert genre(body=[(3, "今年全镇工作的总体要求是坚持稳中求进。")]).value is None


def where(*texts: str):
    return locate(fields={}, file_stem="doc", title=None, head="", lines=list(enumerate(texts, start=1)))


def test_a_township_ranking_itself_among_the_citys_townships_is_a_township():
    loc = where("2023年,街道上下团结一心,各项事业发展。", "力争各项工作在全市走前列,在全市街道始终保争第一。")
    assert (loc.level, loc.evidence["level"]) == ("township", "self-reference 街道上下 ×1 (township 2×)")


def test_a_bare_quanshi_with_no_city_named_leaves_the_level_unknown():
    # a prefecture and a county-level city both say 全市
    loc = where("市人民政府决定在全市范围内禁止露天焚烧秸秆。", "全市范围内全面禁止露天焚烧秸秆。")
    assert (loc.place, loc.level) == (None, None)
    # 全州 can only be a prefecture's (自治州)
    loc = where("州人民政府决定在全州范围内禁止露天焚烧秸秆。", "全州范围内全面禁止露天焚烧秸秆。")
    assert loc.level == "city"


def test_a_county_departments_notice_on_a_township_project():
    # signed by a county bureau: the county's level; the project's township is still the place
    loc = where(
        "根据有关文件,现将项目公示如下:",
        "1.安排资金50万元下达给凤屯镇人民政府,用于凤屯镇腊湾村道路硬化。",
        "2.安排资金30万元用于凤屯镇小村村饮水工程。",
        "公示期间如有异议,请向我局反映。",
        "牟定县民族宗教事务局",
        "2018年12月14日",
    )
    assert (loc.place.name, loc.place.county, loc.level) == ("凤屯镇", "牟定县", "county")
    assert loc.evidence["level"] == 'department issuer line 5 "牟定县民族宗教事务局"'
    # without the signature the township's own name sets the level
    loc = where("1.安排资金50万元下达给凤屯镇人民政府,用于凤屯镇腊湾村道路硬化。", "2.凤屯镇小村村饮水工程。")
    assert loc.level == "township"
    # a media centre's line is a repost, not a signature
    loc = where("1.安排资金50万元下达给凤屯镇人民政府。", "2.凤屯镇小村村饮水工程。", "牟定县融媒体中心")
    assert loc.level == "township"
