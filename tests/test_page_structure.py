"""Page heads that are not text: a site's banner and an info bar's date between furniture lines
(data/sandwiched_lines.tsv), a mirror's glossed spam headline (data/spam_headlines.tsv), a
teaser that ends with the text's first words (indexer/teasers.py) and a headline that joins the
文号 and title printed below it (paragraphs.drop_joined_headlines). Exact outputs on pages
written here."""

from __future__ import annotations

from pathlib import Path

from archive.datafiles import rows
from indexer.boilerplate import strip_boilerplate
from indexer.paragraphs import Block, build_blocks, drop_joined_headlines
from indexer.pipeline import build_document
from indexer.read import Line, read_sources
from indexer.teasers import drop_teaser_lines, teaser_end


def strip(*texts: str) -> tuple[list[str], dict[str, str]]:
    lines, meta, _ = strip_boilerplate([Line(i, t) for i, t in enumerate(texts, start=1)])
    return [l.text for l in lines], meta


def test_a_site_banner_and_an_info_bar_date_between_furniture_lines_go():
    texts, meta = strip(
        "无障碍浏览 长者模式",
        "某某县人民政府",
        "首页 >> 公开信息内容",
        "某某镇召开安全生产会议",
        "  • 某某市政府门户网站 www.example.gov.cn",
        "  • 2019-05-06",
        "  • 打印本页",
        "5月5日，某某镇召开安全生产工作会议。",
        "某某镇人民政府",
        "2019年5月6日",
    )
    assert texts == ["", "", "", "某某镇召开安全生产会议", "", "", "", "5月5日，某某镇召开安全生产工作会议。"] + [
        "某某镇人民政府",
        "2019年5月6日",
    ]
    assert meta == {"date": "2019-05-06"}


def test_a_signature_and_its_date_between_text_and_a_footer_stay():
    texts, _ = strip("全镇完成了任务。", "某某镇人民政府", "2019年5月6日", "打印本页", "关闭窗口")
    assert texts == ["全镇完成了任务。", "某某镇人民政府", "2019年5月6日", "", ""]
    # the table's rows, one per kind, in order
    assert [r[0] for r in rows("sandwiched_lines.tsv")] == ["date", "date", "site"]


def test_a_glossed_headline_above_an_unglossed_text_that_shares_no_word_with_it_goes():
    glossed = [
        Line(1, "风(fēng)和(hé)日(rì)丽(lì)竟然是真的?"),
        Line(2, "3月6日，某某镇第三届人民代表大会第七次会议隆重举行。"),
        Line(3, "会议听取和审议了镇人民政府工作报告。"),
    ]
    plain = [Line(1, "风和日丽竟然是真的?"), glossed[1], glossed[2]]
    kept, _, _ = strip_boilerplate(plain, glossed=glossed)
    assert [l.text for l in kept] == ["", glossed[1].text, glossed[2].text]
    # a glossed mirror of the whole text keeps its headline, and so does a headline whose words
    # are the text's (会议)
    mirror = [Line(2, "3月6日，某某鎮(zhèn)第三屆(jiè)人民代表大會(huì)召開。"), glossed[2]]
    kept, _, _ = strip_boilerplate(plain[:1] + mirror, glossed=glossed[:1] + mirror)
    assert kept[0].text == "风和日丽竟然是真的?"
    own = [Line(1, "会(huì)议(yì)隆重举行"), glossed[1]]
    kept, _, _ = strip_boilerplate([Line(1, "会议隆重举行"), glossed[1]], glossed=own)
    assert kept[0].text == "会议隆重举行"
    assert {r[0]: r[1] for r in rows("spam_headlines.tsv")} == {"max_length": "40", "min_glosses": "2", "min_word": "2"}


TEASER = "某某县位于某省中部，本站为你整理了某某县政府工作报告。 某某县政府工作报告 20xx年，是我县建县50周年的喜庆之年，也是经济运行压力加大的一年。一年"
BODY = "20xx年，是我县建县50周年的喜庆之年，也是经济运行压力加大的一年。一年来，我们圆满完成了目标任务。"


def test_a_teaser_ending_with_the_opening_of_the_text_is_dropped():
    assert teaser_end(TEASER, BODY)
    assert not teaser_end(BODY, BODY)  # a copy is a duplicate, not a teaser
    assert not teaser_end("我们圆满完成了目标任务。", BODY)  # too short to tell
    lines = [Line(1, "某某县政府工作报告"), Line(2, ""), Line(3, TEASER), Line(4, ""), Line(5, BODY)]
    assert [(l.no, l.text, l.role) for l in drop_teaser_lines(lines)] == [
        (1, "某某县政府工作报告", ""),
        (2, "", ""),
        (3, "", "break"),
        (4, "", ""),
        (5, BODY, ""),
    ]
    blocks = build_blocks(lines, None)
    assert [(b.kind, b.text, b.line_start) for b in blocks] == [
        ("heading", "某某县政府工作报告", 1),
        ("body", BODY, 5),
    ]


def test_a_headline_joining_the_number_and_title_printed_below_it_is_dropped():
    number, title = "某府发〔2003〕61号", "《某某市人民政府关于命名示范街道的通报》"
    blocks = [
        Block(number + title, "heading", 1, 1),
        Block(title, "heading", 2, 2),
        Block(number, "heading", 3, 3),
        Block("各区县政府：", "body", 4, 4),
    ]
    out = drop_joined_headlines(blocks)
    assert [(b.text, b.line_start, b.line_end) for b in out] == [
        (title, 1, 2),
        (number, 3, 3),
        ("各区县政府：", 4, 4),
    ]
    # only two headings below can be the headline's parts: a heading and a paragraph stay apart
    other = [Block("某某镇概况", "heading", 1, 1), Block("某某镇", "heading", 2, 2), Block("概况", "body", 3, 3)]
    assert [b.text for b in drop_joined_headlines(other)] == ["某某镇概况", "某某镇", "概况"]


def test_the_pipeline_drops_a_spam_headline_and_keeps_every_line_mapped(tmp_path: Path):
    page = tmp_path / "page.txt"
    page.write_text(
        "风(fēng)和(hé)日(rì)丽(lì)竟然是真的?\n\n"
        "最后编辑时间:2024-03-16 15:02:33 来源:未知\n\n"
        "  3月6日，覃塘区樟木镇第三届人民代表大会第七次会议在镇大礼堂举行。\n\n"
        "  会议听取和审议了镇人民政府工作报告。\n",
        encoding="utf-8",
    )
    src = read_sources(page)[0]
    doc = build_document(page, None, "page.txt", src=src)
    assert [p.text for p in doc.paragraphs] == [
        "3月6日，覃塘区樟木镇第三届人民代表大会第七次会议在镇大礼堂举行。",
        "会议听取和审议了镇人民政府工作报告。",
    ]


def test_a_separator_line_and_the_comment_box_go():
    # data/boilerplate.tsv: a lone "|" left by a table or menu; 网友评论 heads the comment box
    texts, _ = strip("|", "2009年度某镇政府信息公开年度报告", "全年主动公开信息二十条。", "网友评论", "好！")
    assert texts == ["", "2009年度某镇政府信息公开年度报告", "全年主动公开信息二十条。"]


def test_more_metadata_forms_become_fields():
    from indexer.boilerplate import furniture_form, metadata_line

    # data/metadata_labels.tsv: labels in 【】 (a legal database), 信息分类/生成日期/发文机关, 保存时间
    assert metadata_line(
        furniture_form("【发布单位】某县人民政府办公室　【发布日期】2024.03.18　【时效性】现行有效")
    ) == {
        "publisher": "某县人民政府办公室",
        "date": "2024.03.18",
    }
    assert metadata_line(furniture_form("信息分类：通知公告　　发布机构：某县人民政府办公室")) == {
        "subject": "通知公告",
        "publisher": "某县人民政府办公室",
    }
    assert metadata_line(furniture_form("生成日期：2024-01-15　　　　文号：")) == {"date": "2024-01-15"}
    assert metadata_line(furniture_form("发文机关：某市人民政府　发文字号：某政发〔2024〕8号")) == {
        "publisher": "某市人民政府",
        "doc_number": "某政发〔2024〕8号",
    }
    # a browser's save stamp is no date of the document
    assert metadata_line(furniture_form("保存时间：2024-03-30 21:07:12")) == {}


def test_a_masthead_a_menu_bar_a_site_name_with_buttons_and_a_related_list_go():
    texts, _ = strip(
        "某县人民政府",
        "首页　政务公开　政务服务　政民互动　走进某县",
        "某县人民政府　无障碍　长者版",
        "您所在的位置：首页 > 镇街动态",
        "某镇召开会议",
        "正文第一句。",
        "【打印】　【关闭】　扫一扫",
        "热点推荐",
        "· 2024年全县春茶开采仪式举行",
        "· 某县持续优化营商环境",
        "— 2 —",
    )
    assert texts == ["", "", "", "", "某镇召开会议", "正文第一句。", "", "", "", "", ""]
    # a letterhead above a metadata line is no masthead; a line opening with 首页 is no menu
    texts, _ = strip("某镇人民政府", "发布时间：2024-01-02", "首页 工作")
    assert texts == ["某镇人民政府", "", "首页 工作"]


PIECES = """某某镇：民生实事项目票决制落地见效

某某镇全面推行民生实事项目人大代表票决制，群众满意度明显提升。

一、提高政治站位，切实增强做好安全生产工作的责任感

安全生产事关人民群众生命财产安全，绝不能有丝毫松懈。

联系电话：0752-7791234

某某镇人民政府
"""


def test_in_a_text_whose_lines_are_set_apart_by_blank_lines_a_short_line_ends_its_paragraph():
    lines = [Line(i, t) for i, t in enumerate(PIECES.split("\n"), start=1)]
    assert [b.text for b in build_blocks(lines, None)] == [
        "某某镇：民生实事项目票决制落地见效",
        "某某镇全面推行民生实事项目人大代表票决制，群众满意度明显提升。",
        "一、提高政治站位，切实增强做好安全生产工作的责任感",
        "安全生产事关人民群众生命财产安全，绝不能有丝毫松懈。",
        "联系电话：0752-7791234",
        "某某镇人民政府",
    ]
    # a preview whose chunks run on without blank lines between most of them still joins them
    chunks = ["今年以来，某某镇紧紧围绕年初确定的", "目标任务，抓项目、强产业。", "", "全年完成投资五亿元。"]
    lines = [Line(i, t) for i, t in enumerate(chunks, start=1)]
    assert [b.text for b in build_blocks(lines, None)][
        0
    ] == "今年以来，某某镇紧紧围绕年初确定的目标任务，抓项目、强产业。"


def test_a_punctuated_headline_printed_twice_is_one_heading():
    blocks = [
        Block("某乡：小茶叶撬动大产业", "body", 1, 1),
        Block("某乡：小茶叶撬动大产业", "body", 3, 3),
        Block("春茶采摘季，某乡的茶山上一片繁忙。", "body", 5, 5),
    ]
    assert [(b.text, b.kind, b.line_start, b.line_end) for b in drop_joined_headlines(blocks)] == [
        ("某乡：小茶叶撬动大产业", "body", 1, 3),
        ("春茶采摘季，某乡的茶山上一片繁忙。", "body", 5, 5),
    ]
