"""Titles and speakers of texts that print no title or byline in the usual form (issue 11):
a compilation's title glued to its contents, a news report of a congress session, a bare genre
name, a text of unknown type, a byline on two lines, a retold report, a title naming its speaker.
Exact outputs on small fixtures written for these tests."""

from __future__ import annotations

import json

from indexer.paragraphs import Block, split_glued_title
from indexer.pipeline import build_document
from indexer.read import read_sources
from indexer.tag import attribute
from indexer.titles import doc_genre, document_title, news_lead_title, own_title


def blk(kind: str, text: str, n: int) -> Block:
    return Block(kind=kind, text=text, line_start=n, line_end=n)


def test_a_title_glued_to_its_table_of_contents_is_split_off():
    first = blk("body", "1、某某镇2023年政府工作报告汇编(12篇)目录1.甲镇政府工作报告 2.乙镇政府工作报告 3.丙镇", 1)
    blocks = split_glued_title([first, blk("body", "各位代表：现在，我代表镇人民政府向大会报告工作。", 2)])
    assert [(b.kind, b.text) for b in blocks[:2]] == [
        ("heading", "某某镇2023年政府工作报告汇编(12篇)"),
        ("body", "目录1.甲镇政府工作报告 2.乙镇政府工作报告 3.丙镇"),
    ]
    assert own_title(blocks).value == "某某镇2023年政府工作报告汇编(12篇)"
    # a sentence that mentions a table of contents is no title
    plain = [blk("body", "本书分为三编，目录附后。第一编讲述……", 1)]
    assert split_glued_title(plain)[0].kind == "body"


def test_a_report_of_a_session_is_titled_by_the_session_and_what_it_did():
    lead = "在全县人民的期盼下，某某县第九届人民代表大会第三次会议3月4日下午在县礼堂隆重开幕，二百名代表出席。"
    blocks = [blk("heading", "会场", 1), blk("body", lead, 2), blk("body", "会议听取了报告。", 3)]
    g = doc_genre(given=None, given_source=None, title=None, head=[b.text for b in blocks])
    assert g.value == "新闻报道"
    found = news_lead_title(blocks)
    assert (found.value, found.evidence) == (
        "某某县第九届人民代表大会第三次会议开幕",
        'the news lead, line 2 "某某县第九届人民代表大会第三次会议3月4日下午在县礼堂隆重开幕" (news_lead_titles.tsv)',
    )
    won = [blk("body", "3月1日，某某鎮第十八屆人民代表大會第六次會議在鎮禮堂勝利召開。", 1)]
    assert news_lead_title(won).value == "某某鎮第十八屆人民代表大會第六次會議勝利召開"  # its own script
    during = [blk("body", "某某县第九届人民代表大会第三次会议召开期间，代表们走访了十个村。", 1)]
    assert news_lead_title(during).value is None  # the session sets the scene of something else
    cppcc = [blk("body", "昨天上午，政协某某县第七届委员会第二次会议在县城胜利闭幕。", 1)]
    assert news_lead_title(cppcc).value == "政协某某县第七届委员会第二次会议胜利闭幕"
    # a resolution hears the report: it does not say the session opened
    resolution = ["某某县第九届人民代表大会第三次会议听取和审议了县人民政府县长所作的政府工作报告。"]
    assert doc_genre(given=None, given_source=None, title=None, head=resolution).value is None


def test_a_summary_and_plan_abstract_says_what_it_is():
    head = ["2023年，在区委的坚强领导下，街道上下团结一心，各项事业稳步发展。2024年，要坚定信心，锚定目标。"]
    g = doc_genre(given=None, given_source=None, title=None, head=head)
    assert g.value == "工作总结和工作计划"
    made = document_title(
        given=None, given_source=None, blocks=[blk("body", head[0], 1)], place=None, year=None, genre=g.value
    )
    assert made.value == "工作总结和工作计划"
    one_year = ["2023年，在区委的坚强领导下，街道各项事业稳步发展，群众满意度提升。"]
    assert doc_genre(given=None, given_source=None, title=None, head=one_year).value is None


def test_a_bare_genre_title_gets_the_issuer_and_the_year():
    bare = [blk("heading", "政府工作报告", 1), blk("body", "各位代表：", 3)]
    t = document_title(given=None, given_source=None, blocks=bare, place="某某县", year=2019, genre="政府工作报告")
    assert (t.value, t.evidence) == (
        "某某县2019年政府工作报告",
        'title line 1 "政府工作报告" with the place (某某县) and year (2019)',
    )
    # a collection's bare title names no issuer either; a catalog's is the cataloguer's, kept
    given = document_title(
        given="2026年政府工作报告",
        given_source="collection field title",
        blocks=bare,
        place="某某省",
        year=2026,
        genre=None,
    )
    assert (given.value, given.evidence) == (
        "某某省2026年政府工作报告",
        "collection field title with the place (某某省)",
    )
    catalog = document_title(
        given="2026年政府工作报告",
        given_source="catalog field title",
        blocks=bare,
        place="某某省",
        year=2026,
        genre=None,
    )
    assert catalog.value == "2026年政府工作报告"


def test_a_text_of_unknown_type_is_titled_by_place_and_year_never_by_its_file_name(tmp_path):
    body = [blk("body", "节日将至，按照安排，辖区开展了环境卫生大扫除活动，居民纷纷参与。", 1)]
    t = document_title(given=None, given_source=None, blocks=body, place="某某街道", year=2015, genre=None)
    assert (t.value, t.evidence) == (
        "某某街道2015年材料",
        "made from place and year; the type is unknown (the text has no title line; made_titles.tsv)",
    )
    nothing = document_title(given=None, given_source=None, blocks=body, place=None, year=None, genre=None)
    assert (nothing.value, nothing.evidence) == (
        "材料",
        "nothing is known of the text: no title line, place, year or type (made_titles.tsv)",
    )
    p = tmp_path / "dev_x01.txt"
    p.write_text(
        "节日将至，按照安排，辖区开展了环境卫生大扫除活动，居民纷纷参与。\n某某街道办事处\n2015年9月28日\n",
        encoding="utf-8",
    )
    doc = build_document(p, None, p.name)
    assert doc.year == 2015 and doc.title.endswith("2015年材料") and "dev_x01" not in doc.title


def test_a_byline_on_two_lines_names_the_speaker():
    blocks = [
        blk("heading", "政府工作报告", 1),
        blk("heading", "——2024年3月5日在某某大会上", 2),
        blk("heading", "国务院总理", 4),
        blk("heading", "张　三", 5),
        blk("body", "各位代表：", 7),
        blk("body", "现在，我代表国务院，向大会报告政府工作。", 8),
    ]
    tags = attribute(blocks, None, doc_year=2024, default_township=None, default_speaker=None, doc_type=None)
    assert {(t.speaker, t.speaker_title) for t in tags} == {("张三", "国务院总理")}
    assert tags[-1].evidence["speaker"] == 'byline lines 4-5 "国务院总理 张　三" (bylines.tsv)'
    # an office alone under the dateline is the byline's first half, not a name
    split = [blk("heading", "——2024年1月10日在某某县第十八届人民代表大会第三次会议上", 1)]
    split += [blk("heading", "县长", 2), blk("heading", "王小明", 3), blk("body", "各位代表：", 4)]
    tags = attribute(split, None, doc_year=2024, default_township=None, default_speaker=None, doc_type=None)
    assert (tags[-1].speaker, tags[-1].speaker_title) == ("王小明", "县长")
    # two lines that are not a title and a name stay unread
    plain = [blk("heading", "工作回顾", 1), blk("heading", "张三", 2), blk("body", "过去一年……", 3)]
    assert (
        attribute(plain, None, doc_year=None, default_township=None, default_speaker=None, doc_type=None)[-1].speaker
        is None
    )


def test_a_retold_report_names_who_delivered_it_but_a_news_item_does_not():
    blocks = [
        blk("body", "五年来，全国各族人民团结奋斗，取得了巨大成就。", 1),
        blk("heading", "经济建设的成就", 2),
        blk("body", "王五总理在报告中首先指出，五年来国民经济全面好转。", 3),
    ]
    tags = attribute(blocks, None, doc_year=1964, default_township=None, default_speaker=None, doc_type="政府工作报告")
    assert (tags[0].speaker, tags[0].speaker_title) == ("王五", "总理")
    assert tags[0].evidence["speaker"] == (
        'the text names who delivered it, line 3 "王五总理在报告中首先指出，五年来国民经济全面好转。" (reported_speakers.tsv)'
    )
    news = attribute(blocks, None, doc_year=1964, default_township=None, default_speaker=None, doc_type="新闻报道")
    assert news[0].speaker is None
    retold_speech = [blk("body", "李四书记在讲话中强调，要抓好秋收工作。", 1)]
    assert (
        attribute(retold_speech, None, doc_year=None, default_township=None, default_speaker=None, doc_type=None)[
            0
        ].speaker
        is None
    )
    mentioned = [blk("body", "会议传达了李四书记的讲话精神，大家表示要认真落实。", 1)]
    assert (
        attribute(mentioned, None, doc_year=None, default_township=None, default_speaker=None, doc_type=None)[0].speaker
        is None
    )


def test_a_collection_title_that_names_its_speaker(tmp_path):
    p = tmp_path / "reports.jsonl"
    rows = [
        {
            "title": "赵六在某某党第三次代表大会上的报告",
            "url": "u1",
            "content": "现在我代表中央委员会作工作报告。\n\n党员人数有所增加。",
            "year": 1923,
        },
        {"title": "在某某党第四次代表大会上的报告", "url": "u2", "content": "同志们！\n\n大会开幕了。", "year": 1925},
    ]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    docs = [build_document(p, None, f"{p.name}#{u.part}", u) for u in read_sources(p)]
    assert [d.paragraphs[0].speaker for d in docs] == ["赵六", None]
    assert (
        docs[0].paragraphs[-1].evidence["speaker"]
        == 'collection field title "赵六在某某党第三次代表大会上的报告" (bylines.tsv)'
    )


def test_an_untitled_notice_is_titled_from_its_stated_subject_and_its_signature():
    blocks = [
        blk("body", "根据上级文件要求，结合我县实际，现将2018年度少数民族发展资金项目公示如下：", 1),
        blk("body", "1.某某村道路硬化工程，115万元。", 2),
        blk("body", "某某县民族宗教事务局", 3),
        blk("body", "2018年12月14日", 4),
    ]
    t = document_title(given=None, given_source=None, blocks=blocks, place="某某镇", year=2018, genre="公示")
    assert (t.value, t.evidence) == (
        "某某县民族宗教事务局关于2018年度少数民族发展资金项目的公示",
        'the notice states its subject, line 1 "现将2018年度少数民族发展资金项目公示如下", '
        'the signature line 3 "某某县民族宗教事务局" (notice_titles.tsv)',
    )
    # a printed bare "通 知" says less than the notice's statement; without a signature, no issuer
    bare = [
        blk("heading", "通 知", 1),
        blk("body", "为做好防汛工作，现就汛期值班有关事项通知如下：", 2),
        blk("body", "一、……", 3),
    ]
    t = document_title(given=None, given_source=None, blocks=bare, place="某某镇", year=2022, genre="通知")
    assert t.value == "关于汛期值班的通知"
    # a traditional-script notice reads like a simplified one and keeps its own characters
    trad = [
        blk("body", "根據上級要求，現將2018年度少數民族發展資金項目公示如下：", 1),
        blk("body", "某某縣民族宗教事務局", 2),
        blk("body", "2018年12月14日", 3),
    ]
    t = document_title(given=None, given_source=None, blocks=trad, place="某某镇", year=2018, genre="公示")
    assert t.value == "某某縣民族宗教事務局关于2018年度少數民族發展資金項目的公示"
    # a subject that names nothing gives no title: the made one stands
    empty = [blk("body", "为切实做好禁烧工作，现就有关事项通告如下：", 1), blk("body", "某某市人民政府", 2)]
    t = document_title(given=None, given_source=None, blocks=empty, place="某某市", year=2017, genre="通告")
    assert t.value == "某某市2017年通告"


def test_an_experience_report_is_titled_by_the_occasion_it_names():
    blocks = [blk("body", "通过这段时间在某某乡挂职，我有这样几点收获：", 1), blk("body", "一是……", 2)]
    t = document_title(given=None, given_source=None, blocks=blocks, place="某某乡", year=None, genre="心得体会")
    assert (t.value, t.evidence) == (
        "在某某乡挂职心得体会",
        'the opening names the occasion, line 1 "通过这段时间在某某乡挂职，我有这样几点收获" (occasion_titles.tsv)',
    )


def test_a_byline_in_traditional_script_reads_like_a_simplified_one():
    from indexer.rules import match_byline

    assert match_byline("鎮長　陳文彬") == ("镇长", "陈文彬")
    assert match_byline("縣人民政府縣長 王小明") == ("县人民政府县长", "王小明")


def test_a_page_title_is_its_headline_without_the_site_and_column_names():
    from indexer.read import html_lines, page_title

    assert page_title("某镇召开推进会-某某市人民政府", ["某某市人民政府", "某镇召开推进会"]) == "某镇召开推进会"
    assert page_title(
        "某某县人民政府关于做好缴费工作的通知_通知公告_某某县人民政府", ["某某县人民政府关于做好缴费工作的通知"]
    ) == ("某某县人民政府关于做好缴费工作的通知")
    # an <h1> that the <title> does not open with (the site's logo) leaves the <title> as written
    assert page_title("某镇开展调研工作", ["某某门户网站"]) == "某镇开展调研工作"
    html = (
        "<html><head><title>某镇召开推进会-某某市人民政府</title></head>"
        "<body><h1>某某市人民政府</h1><h1>某镇召开推进会</h1><p>4月10日，某镇召开推进会。</p></body></html>"
    )
    assert html_lines(html)[1]["title"] == "某镇召开推进会"


def test_a_saved_page_is_titled_by_its_headline_with_that_evidence(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>某镇召开项目推进会-某某市人民政府</title></head><body><h1>某镇召开项目推进会</h1>"
        "<p>4月10日上午，某镇召开项目推进会，部署二季度重点项目建设工作。</p></body></html>",
        encoding="utf-8",
    )
    doc = build_document(p, None, p.name)
    assert (doc.title, doc.evidence["title"]) == ("某镇召开项目推进会", "page headline (<title>, <h1>)")


def test_a_bare_title_with_a_subtitle_naming_its_report_keeps_the_subtitle():
    blocks = [
        blk("heading", "政府工作报告", 1),
        blk("heading", "张三在某某县第十七届人民代表大会第三次会议上的报告", 3),
        blk("body", "各位代表：", 5),
    ]
    t = document_title(given=None, given_source=None, blocks=blocks, place="某某县", year=2019, genre="政府工作报告")
    assert (t.value, t.evidence) == (
        "政府工作报告——张三在某某县第十七届人民代表大会第三次会议上的报告",
        'title line 1 "政府工作报告" and its subtitle, line 3 "张三在某某县第十七届人民代表大会第三次会议上的报告" (subtitles.tsv)',
    )
    # a dateline is no subtitle: the place and year are supplied
    dated = [
        blk("heading", "政府工作报告", 1),
        blk("heading", "——2024年1月9日在某某乡第十八届人民代表大会第三次会议上", 2),
    ]
    dated.append(blk("body", "各位代表：", 4))
    t = document_title(given=None, given_source=None, blocks=dated, place="某某乡", year=2024, genre="政府工作报告")
    assert t.value == "某某乡2024年政府工作报告"


def test_a_headline_printed_twice_on_one_line_is_the_title():
    blocks = [
        blk("body", "某乡：小茶叶撬动乡村振兴大产业某乡：小茶叶撬动乡村振兴大产业", 3),
        blk("body", "春茶采摘季，某乡的茶山上一片繁忙景象。", 5),
    ]
    t = own_title(blocks)
    assert (t.value, t.evidence) == (
        "某乡：小茶叶撬动乡村振兴大产业",
        'title line 3 "某乡：小茶叶撬动乡村振兴大产业" (printed twice)',
    )
    spaced = [blk("body", "创建绿色社区 营造优美环境创建绿色社区 营造优美环境", 1), blk("body", "近年来……", 2)]
    assert own_title(spaced).value == "创建绿色社区 营造优美环境"
    # a sentence said twice is no headline
    said = [blk("body", "大家都很满意。大家都很满意。", 1), blk("body", "近年来……", 2)]
    assert own_title(said).value is None
