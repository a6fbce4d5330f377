"""The year a text says it lives in (archive/data/year_statements.tsv, indexer/year_statements.py):
exact outputs on sentences written here, their rank below every stronger kind of evidence, and the
evidence shown by `archive show` and the paragraph page."""

from __future__ import annotations

import json

import pytest

from archive.datafiles import rows
from indexer.build import build
from indexer.dating import Dated, document_date
from indexer.year_statements import Statement, rules, stated_year, statements


@pytest.mark.parametrize(
    "text, year, rule, quoted",
    [
        (
            "会上,镇长回顾了2023年全镇工作,明确提出了2024年政府工作的主要目标。",
            2024,
            "review_and_plan",
            "回顾了2023年全镇工作,明确提出了2024年政府工作",
        ),
        (
            "代表说:报告对18年的工作回顾很全面,19年的工作目标也很清楚。",
            2019,
            "two_digit_review_and_plan",
            "18年的工作回顾很全面,19年的工作目标",
        ),
        (
            "会议通过了《龙泉镇2022年财政预算执行情况和2023年财政预算草案的报告》。",
            2023,
            "budget_outturn_and_budget",
            "2022年财政预算执行情况和2023年财政预算",
        ),
        ("大会审查和批准了2021年预算的报告。", 2021, "budget_approved", "审查和批准了2021年预算"),
        (
            "大会票决产生了龙泉镇2022年十件民生实事项目。",
            2022,
            "livelihood_projects_voted",
            "票决产生了龙泉镇2022年十件民生实事",
        ),
        (
            "会议同意报告提出的2020年工作的总体要求和主要目标。",
            2020,
            "session_agrees_year_goals",
            "同意报告提出的2020年工作的总体要求",
        ),
        ("刚刚过去的 2019 年,是极不平凡的一年。", 2020, "just_past_year", "刚刚过去的 2019 年"),
        ("即将过去的2018年,我们攻坚克难。", 2018, "ending_year", "即将过去的2018年"),
        (
            "2020年,是极不平凡的一年。一年来,我们坚持稳中求进。",
            2021,
            "year_summed_up",
            "2020年,是极不平凡的一年。一年来,",
        ),
        (
            "2021年,全镇经济平稳增长。2022年,要坚定信心,真抓实干。",
            2022,
            "year_then_next_year_plan",
            "2021年,全镇经济平稳增长。2022年,要",
        ),
        (
            "今年是中华人民共和国成立70周年,做好今年工作意义重大。",
            2019,
            "prc_anniversary_this_year",
            "今年是中华人民共和国成立70周年",
        ),
        (
            "本次会议是在中华人民共和国成立75周年的关键年召开的重要会议。",
            2024,
            "prc_anniversary_meeting",
            "是在中华人民共和国成立75周年的关键年召开",
        ),
        ("今年是建党100周年,意义非凡。", 2021, "cpc_anniversary_this_year", "今年是建党100周年"),
        (
            "这次大会是在中国共产党成立95周年之际召开的。",
            2016,
            "cpc_anniversary_meeting",
            "是在中国共产党成立95周年之际召开",
        ),
        # traditional script and full-width digits read like simplified text
        ("大會審查和批準了２０２４年預算的報告。", 2024, "budget_approved", "审查和批准了2024年预算"),
    ],
)
def test_each_rule_says_its_year(text, year, rule, quoted):
    assert statements(["龙泉镇召开会议。", text], [1, 7]) == [Statement(year, rule, 7, quoted)]


@pytest.mark.parametrize(
    "text",
    [
        "确保2020年全面建成小康社会。",  # a target
        "去年票决产生的2023年十件民生实事全部完成。",  # looks back on a vote
        "会议审议了2023年财政预算执行情况的报告。",  # an outturn alone is approved the year after
        "回顾2020年以来的工作,展望2025年远景目标。",  # not consecutive years
        "我在14年的工作中积累了经验。",  # fourteen years of work
        "深入学习习近平总书记在庆祝改革开放40周年大会上的讲话。",  # an anniversary named otherwise
        "以优异成绩迎接建党100周年。",  # looks ahead to it
        "打印日期:2024年5月6日 版权所有 2019年",  # page furniture
    ],
)
def test_sentences_that_merely_mention_a_year_say_nothing(text):
    assert statements([text]) == []


def test_statements_that_disagree_date_nothing():
    agree = ["大会审查和批准了2021年预算的报告。", "大会票决产生了2021年十件民生实事项目。"]
    assert stated_year(agree, [3, 4]) == Statement(2021, "budget_approved", 3, "审查和批准了2021年预算")
    assert stated_year(agree + ["刚刚过去的2021年,是极不平凡的一年。"]) is None


def date(**kw):
    base = dict(fields={}, title=None, head=[], tail=[], headings=[])
    return document_date(**{**base, **kw})


def test_a_statement_dates_a_text_with_its_rule_and_line():
    texts = ["龙泉镇召开第十八届人民代表大会第三次会议。", "大会票决产生了2022年十件民生实事项目。"]
    assert date(texts=texts, lines=[1, 3]) == Dated(
        2022,
        "2022",
        'statement livelihood_projects_voted, line 3 "票决产生了2022年十件民生实事" (year_statements.tsv)',
    )


def test_stronger_evidence_wins_over_a_statement():
    texts = ["大会票决产生了2022年十件民生实事项目。"]
    # a date line in the head, a title's year and a plan heading each keep their own year
    assert date(head=["——2023年1月5日在龙泉镇人民代表大会上"], texts=texts).date == "2023-01-05"
    assert date(title="龙泉镇2023年工作计划", texts=texts).year == 2023
    assert date(headings=[(2, "二、2023年工作安排", None)], texts=texts).year == 2023


def test_a_statement_that_contradicts_the_texts_own_year_dates_nothing():
    # "2023年是…之年…今年" (own_year_statements.tsv) against a vote on 2022's projects
    texts = ["2023年是关键之年,做好今年工作意义重大。", "大会票决产生了2022年十件民生实事项目。"]
    assert date(texts=texts).year is None
    assert date(texts=texts[:1]).year == 2023


def test_the_data_file_has_the_kinds_and_groups_the_code_reads():
    assert all(len(r) == 4 for r in rows("year_statements.tsv"))
    groups = {"year": {"y"}, "pair": {"a", "b"}, "anniversary": {"n"}}
    for rule in rules():
        assert set(rule.rx.groupindex) == groups[rule.kind], rule.name
    assert len({r.name for r in rules()}) == len(rules())


NEWS = """龙泉镇召开第十八届人民代表大会第五次会议
1月20日,龙泉镇召开第十八届人民代表大会第五次会议,全镇人大代表出席会议。
会议听取和审议了政府工作报告,审查和批准了2022年财政预算的报告。
大会票决产生了2022年十件民生实事项目。
"""


def test_archive_show_and_the_paragraph_page_give_the_statement(tmp_path, runner):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "longquan-news.txt").write_text(NEWS, encoding="utf-8")
    home = tmp_path / "home"
    report = build([docs], home)
    assert report.documents == 1 and not report.skipped
    out = runner("show", "longquan-news-2", "--home", str(home))
    assert out.exit_code == 0, out.output
    want = 'statement budget_approved, line 3 "审查和批准了2022年财政预算" (year_statements.tsv)'
    assert f"  year: {want}" in out.output
    data = json.loads(runner("show", "longquan-news-2", "--home", str(home), "--json").output)
    assert data["paragraph"]["year"] == 2022 and data["paragraph"]["evidence"]["year"] == want

    from web import create_app

    client = create_app(home, {"TESTING": True}).test_client()
    for lang, said in (("en", "statement budget_approved, line 3"), ("zh", "表述 budget_approved, 第3行")):
        html = client.get(f"/p/longquan-news-2?lang={lang}").get_data(as_text=True)
        ev = html[html.index('<details id="evidence">') :]
        ev = ev[: ev.index("</details>")]
        assert f"{said} &#34;审查和批准了2022年财政预算&#34; (year_statements.tsv)" in ev
