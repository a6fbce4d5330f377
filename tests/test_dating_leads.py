"""Dates a text gives for itself outside a full dateline (lead_dates.tsv, masked_dates.tsv,
own_year_statements.tsv, the page's update time): exact outputs on texts written here."""

from __future__ import annotations

from archive.datafiles import rows
from indexer.boilerplate import furniture_form, metadata_line
from indexer.dating import Dated, document_date

PAGE = "page metadata date"


def date(**kw):
    base = dict(fields={}, title=None, head=[], tail=[], headings=[])
    return document_date(**{**base, **kw})


def test_a_signature_day_without_year_takes_the_year_before_a_later_page_date():
    # a notice signed 10月14日, reposted on a page of 2021-05-13: it is of 2020
    d = date(
        fields={"date": "2021-05-13 07:58:25", "date_source": PAGE},
        tail=["特此通告。", "龙泉县人民政府", "10月14日", "网友评论"],
    )
    assert d == Dated(
        2020,
        "2020-10-14",
        'closing date line "10月14日" (lead_dates.tsv), the last such day '
        'not after the page metadata date "2021-05-13 07:58:25"',
    )


def test_a_lead_day_before_the_page_date_keeps_the_page_date():
    d = date(fields={"date": "2017-06-30", "date_source": PAGE}, lead=["6月27日上午,龙泉镇召开环境卫生整治推进会。"])
    assert d == Dated(2017, "2017-06-30", 'page metadata date "2017-06-30"')


def test_the_update_time_dates_a_lead_day_only_when_nothing_else_does():
    fields = metadata_line(furniture_form("最后编辑时间:2024-03-16 15:02:33 来源:未知 作者:未知"))
    assert fields == {"updated": "2024-03-16 15:02:33", "source": "未知", "author": "未知"}
    lead = ["龙泉镇开会了?", "3月6日,龙泉镇第三届人民代表大会第七次会议在镇礼堂举行。"]
    assert date(fields=fields, lead=lead) == Dated(
        2024,
        "2024-03-06",
        'news lead "3月6日" (lead_dates.tsv), the last such day not after the page update time "2024-03-16 15:02:33"',
    )
    # an update time alone is an upper bound, not a date
    assert date(fields=fields, lead=["龙泉镇开展植树活动。"]) == Dated(None, None, None)


def test_a_news_lead_opening_a_sentence_with_its_full_day():
    d = date(lead=["创建文明城市。2021年6月11日上午,龙泉街道到社区督导检查。"])
    assert d == Dated(2021, "2021-06-11", 'news lead "2021年6月11日上午," (lead_dates.tsv)')
    # a full date inside a sentence is not the item's day
    assert date(lead=["龙泉镇于2021年6月11日完成了验收。"]).year is None


def test_a_template_that_masks_its_years_ignores_the_page_date():
    d = date(
        fields={"date": "2026-01-16 21:30:57", "date_source": PAGE},
        head=["龙泉县政府工作报告", "20xx年,是我县建县50周年的喜庆之年。"],
    )
    assert d.year is None
    # a catalog's date is the cataloguer's, masked text or not
    d = date(fields={"date": "2010-01-05", "date_source": "catalog field date"}, head=["20XX年,是我县…"])
    assert d.year == 2010


def test_the_year_a_paragraph_calls_this_year():
    texts = [
        "2023年是全面贯彻党的二十大精神的开局之年。",
        "2025年是“十四五”规划收官之年,也是奋进之年。今年镇政府工作的总体要求是:",
    ]
    assert date(texts=texts) == Dated(
        2025,
        "2025",
        'statement "2025年是“十四五”规划收官之年" with 今年 (the text calls 2025 this year; own_year_statements.tsv)',
    )
    # without 今年 a "Y年是…之年" sentence is a review's or a target's
    assert date(texts=texts[:1]).year is None
    # two paragraphs that disagree date nothing
    assert date(texts=[texts[1], "2026年是关键一年,做好今年工作。"]).year is None


def test_bullets_and_table_bars_around_a_date_line():
    assert date(head=["龙泉镇争取项目15个", "•2018-07-03"]).date == "2018-07-03"
    assert date(tail=["公示时间:2018年12月14日至2019年1月14日龙泉县民政局2018年12月14日|"]).date == "2018-12-14"


def test_the_data_files_have_the_kinds_the_code_reads():
    assert {r[0] for r in rows("lead_dates.tsv")} == {"lead_full", "lead_day", "closing_day"}
    assert all(len(r) == 2 for r in rows("own_year_statements.tsv"))


def test_a_day_announced_for_the_future_keeps_the_page_date():
    d = date(
        fields={"date": "2024-01-20", "date_source": PAGE},
        lead=["为做好春节期间安全工作,定于1月25日,召开全镇安全生产工作会议。"],
    )
    assert d == Dated(2024, "2024-01-20", 'page metadata date "2024-01-20"')
