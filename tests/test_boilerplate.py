"""Page furniture out of the text, metadata lines into fields: exact outputs on small pages
written here (data/boilerplate.tsv, metadata_labels.tsv, page_buttons.tsv)."""

from __future__ import annotations

from pathlib import Path

from indexer.boilerplate import furniture_form, is_button_line, metadata_line, strip_boilerplate
from indexer.pipeline import build_document
from indexer.read import Line, read_sources


def strip(*texts: str) -> tuple[list[str], dict[str, str], int]:
    lines, meta, removed = strip_boilerplate([Line(i, t) for i, t in enumerate(texts, start=1)])
    return [l.text for l in lines], meta, removed


def test_furniture_form_reads_traditional_script_and_spaced_labels():
    assert furniture_form("• 索 引 號：2015-28256") == "索引号:2015-28256"
    assert furniture_form("發(fā)布單位: | 下管鎮(zhèn) |") == "发布单位: | 下管镇 |"


def test_metadata_lines_become_fields_in_every_layout():
    # several labels on a line, bare labels as table cells
    assert metadata_line(furniture_form("索 引 号:0012/2017-00107 | 主题分类:综合政务 | |")) == {
        "index_number": "0012/2017-00107",
        "subject": "综合政务",
    }
    assert metadata_line(furniture_form("文 号 | 成文日期:2017-06-27 | 发布日期:2017-06-30 |")) == {
        "date": "2017-06-27"
    }
    assert metadata_line(furniture_form("体 裁 | 生效日期 | 废止日期 |")) == {}
    # a bracket inside the last value is the value's, a bracket around the whole line is not
    assert metadata_line(furniture_form("发布日期:2025年01月10日 标  题:政府工作报告(2024年)")) == {
        "date": "2025年01月10日",
        "title": "政府工作报告(2024年)",
    }
    assert metadata_line(furniture_form("（发布日期：2024-01-02）")) == {"date": "2024-01-02"}
    # a table row: the value in the next cell, traditional script
    assert metadata_line(furniture_form("索引號: | 11330682/2015-28256 | 公開方式: | 主動公開 |")) == {
        "index_number": "11330682/2015-28256"
    }
    assert metadata_line(
        furniture_form("发文机构:某县某镇 主 题 词: 发布日期:2025年01月10日 文  号: 某府发〔2025〕1号")
    ) == {"publisher": "某县某镇", "date": "2025年01月10日", "doc_number": "某府发〔2025〕1号"}
    assert metadata_line(furniture_form("(编辑:张三 责编:李四 编审:王五)")) == {}
    assert metadata_line(furniture_form("发布时间:2008-03-06 08:39:18 访问次数: 信息来源:某县政府网")) == {
        "date": "2008-03-06 08:39:18",
        "source": "某县政府网",
    }
    # a weak label alone counts only with a short value of the expected shape
    assert metadata_line(furniture_form("来源：某某日报")) == {"source": "某某日报"}
    assert metadata_line(furniture_form("时间: 01-19")) == {"date": "01-19"}
    assert metadata_line(furniture_form("时间：上午九点在镇会议室召开，请准时参加。")) is None
    assert metadata_line(furniture_form("作者认为，要坚持问题导向。")) is None
    assert metadata_line(furniture_form("今年发布机构改革方案")) is None


def test_button_lines():
    assert is_button_line(furniture_form("【打印本页】【关闭窗口】", join=False))
    assert is_button_line(furniture_form("智能问答   |   无障碍浏览   |   长者专区   |   ENGLISH", join=False))
    assert is_button_line(furniture_form("【字体: 【下载Word】 【下载PDF】", join=False))
    assert is_button_line(furniture_form("打印关闭", join=False))
    assert not is_button_line(furniture_form("打印机采购项目完成", join=False))


def test_a_saved_page_keeps_only_its_article():
    texts, meta, removed = strip(
        "當(dāng)前位置 : 首頁 |",
        "您当前的位置：网站首页>政务公开>乡镇动态",
        "索引號: | 11330682/2015-28256 | 公開方式: | 主動公開 |",
        "發(fā)布機構：某某鎮人民政府",
        "某某镇召开安全生产会议",
        "3月5日，某某镇召开安全生产工作会议。",
        "【返回顶部】【关闭本页】【打印本页】",
        "扫一扫在手机打开当前页",
        "分享到：",
        "• 欢迎访问某某县人民政府网站!",
        "> 乡镇动态",
        "上一条：某某镇开展植树活动",
        "版权所有：某某县人民政府 网站标识码 0000000000",
    )
    assert texts == [
        "",
        "",
        "",
        "",
        "某某镇召开安全生产会议",
        "3月5日，某某镇召开安全生产工作会议。",
        "",
        "",
        "",
        "",
        "",
    ]
    assert meta == {"index_number": "11330682/2015-28256", "publisher": "某某镇人民政府"}
    assert removed == 11


def test_footers_teasers_and_site_blurbs():
    texts, _, _ = strip("某镇召开大会。", "晋ICP备00000000号", "还有正文")
    assert texts == ["某镇召开大会。"]
    # a footer names its host and contacts; a task list's 主办单位 line is text
    texts, _, _ = strip("正文。", "主办单位：某市人民政府办公室 承办单位：某市信息中心", "网站地图")
    assert texts == ["正文。"]
    texts, _, _ = strip("年度目标：新建公路100公里。", "主办单位：省交通运输厅，各州、市人民政府", "二、下一项任务")
    assert texts == ["年度目标：新建公路100公里。", "主办单位：省交通运输厅，各州、市人民政府", "二、下一项任务"]
    texts, _, _ = strip("正文一段。", "因篇幅问题不能全部显示,请点此查看更多更全内容", "正文二段。")
    assert texts == ["正文一段。"]
    texts, _, _ = strip("某县地处江南，某某网小编为你整理了某县政府工作报告,希望可以帮到您。 各位代表：")
    assert texts == ["某县地处江南，各位代表："]
    texts, _, _ = strip(
        "相关推荐",
        "SITE123.COM —— 专注公文写作",
        "admin 分享 时间: 加入收藏 共计4000个字,预计阅读时长13分钟。",
        "1500字范文 > 「通告」某县人民政府关于禁烧的通告",
        "正文。",
    )
    assert texts == ["", "", "", "", "正文。"]
    # a Word table row keeps its cells: it is no link bar
    lines, _, _ = strip_boilerplate([Line(1, "项目 | 金额 | 备注", "row")])
    assert [l.text for l in lines] == ["项目 | 金额 | 备注"]


def test_the_publisher_line_is_metadata_not_text(tmp_path: Path):
    """A township named in a 發布機構 line is not counted in the text (issue 11: 川岛镇 9 vs 7)."""
    p = tmp_path / "page.txt"
    p.write_text(
        "當前位置：首頁 > 鄉鎮動態\n發布機構：杜嶺街道辦事處\n發布日期：2015-09-28\n\n"
        "杜嶺街道開展環境衛生大掃除活動。\n\n【關閉本頁】【打印本頁】\n",
        encoding="utf-8",
    )
    doc = build_document(p, None, p.name, read_sources(p)[0])
    assert [q.text for q in doc.paragraphs] == ["杜嶺街道開展環境衛生大掃除活動。"]
    assert (doc.publisher, doc.date, doc.township, doc.level) == (
        "杜岭街道办事处",
        "2015-09-28",
        "杜岭街道",
        "township",
    )
    assert doc.evidence["place.township"] == 'issuer 发布机构 "杜岭街道办事处"; gazetteer: unique township name'


def test_to_simplified_matches_the_character_table():
    """textnorm.to_simplified (one translate) gives the same text as mapping t2s_chars.tsv char by char."""
    from archive.datafiles import rows
    from archive.textnorm import to_simplified

    table = dict((a, b) for a, b in rows("t2s_chars.tsv"))
    text = "發布機構：當前位置 鎮(zhèn)人民政府 abc 123"
    assert to_simplified(text) == "".join(table.get(c, c) for c in text)
    assert to_simplified("發布機構") == "发布机构"
