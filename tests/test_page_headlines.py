"""A saved news page's headline, timestamp and captions, and the title of an untitled news item
(data: boilerplate.tsv timestamp and caption rules, news_lead_titles.tsv): files written here,
read through the real pipeline, exact outputs."""

from __future__ import annotations

from pathlib import Path

from indexer.paragraphs import Block
from indexer.pipeline import build_document
from indexer.read import read_sources
from indexer.titles import news_lead_title, own_title


def doc_of(tmp_path: Path, text: str):
    p = tmp_path / "page.txt"
    p.write_text(text, encoding="utf-8")
    return build_document(p, None, p.name, read_sources(p)[0])


def blk(kind: str, text: str, n: int) -> Block:
    return Block(kind=kind, text=text, line_start=n, line_end=n)


def test_a_metadata_line_ends_the_headline_above_it(tmp_path: Path):
    # every line indented and no blank line between headline and body: only the removed
    # 发布时间 line says where the headline stops
    doc = doc_of(
        tmp_path,
        "当前位置:首页 > 政务动态\n龙泉镇:区农办来我镇考察确认2017年一事一议项目\n"
        "发布时间:2017-05-16 浏览次数: 【打印】\n"
        "  5月9日下午,区农办相关领导来我镇考察项目,镇财政所人员陪同参加。\n"
        "  今年我镇有十个行政村申报了项目,主要包括道路建设等内容。\n",
    )
    assert [p.text for p in doc.paragraphs] == [
        "龙泉镇:区农办来我镇考察确认2017年一事一议项目",
        "5月9日下午,区农办相关领导来我镇考察项目,镇财政所人员陪同参加。",
        "今年我镇有十个行政村申报了项目,主要包括道路建设等内容。",
    ]
    assert doc.title == "龙泉镇:区农办来我镇考察确认2017年一事一议项目"
    assert doc.evidence["title"] == 'title line 2 "龙泉镇:区农办来我镇考察确认2017年一事一议项目"'
    assert (doc.date, doc.year) == ("2017-05-16", 2017)


def test_a_timestamp_line_is_page_metadata(tmp_path: Path):
    doc = doc_of(
        tmp_path,
        "通 知\n2022-09-09 16:49\n各村(社区):\n近期,我镇秸秆露天焚烧现象较多。\n龙泉镇人民政府\n2022年9月9日\n",
    )
    texts = [p.text for p in doc.paragraphs]
    assert "2022-09-09 16:49" not in " ".join(texts) and texts[1] == "各村(社区):"
    assert doc.date == "2022-09-09"


def test_a_photo_caption_is_not_text(tmp_path: Path):
    doc = doc_of(
        tmp_path,
        "大会现场\n\n龙泉县第十五届人民代表大会第二次会议在县剧院隆重开幕。\n\n活动剪影\n\n"
        "代表们认真审议了政府工作报告。\n",
    )
    assert [p.text for p in doc.paragraphs] == [
        "龙泉县第十五届人民代表大会第二次会议在县剧院隆重开幕。",
        "代表们认真审议了政府工作报告。",
    ]


def test_a_lone_headline_above_its_date_line():
    blocks = [
        blk("heading", "龙泉镇争取建设项目15个", 2),
        blk("heading", "2018-07-03", 4),
        blk("body", "近日,笔者从龙泉镇了解到,该镇共争取建设项目15个。", 7),
        blk("body", "项目包括水泥路维修等。", 9),
    ]
    assert own_title(blocks).value == "龙泉镇争取建设项目15个"
    # a second headline-like line before the text: not a lone first line
    blocks[1] = blk("heading", "相关阅读", 4)
    assert own_title(blocks).value is None


def test_an_untitled_news_item_is_titled_by_its_lead(tmp_path: Path):
    doc = doc_of(
        tmp_path,
        "为进一步发挥典型示范作用,1月16日下午,龙泉镇召开2024年度村级综合考评表彰大会。全体镇村干部参加会议。\n"
        "会上,镇人大主席宣读了通报。\n",
    )
    assert doc.doc_type == "新闻报道"
    assert doc.title == "龙泉镇召开2024年度村级综合考评表彰大会"
    assert (
        doc.evidence["title"] == 'the news lead, line 1 "龙泉镇召开2024年度村级综合考评表彰大会" (news_lead_titles.tsv)'
    )


def test_a_scene_setting_lead_gives_no_title():
    blocks = [blk("body", "3月4日,在全县人民的热切期盼下,龙泉县人代会隆重开幕。", 1)]
    assert news_lead_title(blocks).value is None
    blocks = [blk("body", "4月29日至30日,龙泉市广武镇召开第七届人民代表大会第四次会议。", 1)]
    assert news_lead_title(blocks).value == "龙泉市广武镇召开第七届人民代表大会第四次会议"


def test_a_title_fragment_above_a_byline_is_no_title():
    blocks = [
        blk("heading", "人民代表大会第二次会议上", 1),
        blk("signature", "龙泉市人民政府市长 张三", 5),
        blk("body", "各位代表：", 9),
    ]
    assert own_title(blocks).value is None


def test_a_document_sites_furniture(tmp_path: Path):
    doc = doc_of(
        tmp_path,
        "龙泉市关于秸秆禁烧的公告、通告汇编(10篇)\n\n2023-04-20 20:07:55 121\n"
        "联系客服-公文范文_中小学试卷-某某公文专家库\n\n关于全面禁止露天焚烧秸秆的通告\n\n"
        "市人民政府决定在全市范围内禁止露天焚烧秸秆。\n\n(0)\n\n尚未有人赏赞,赶紧来一个吧\n¥0.01\n"
        "本周热门\n\n关于本文\n本文标题:龙泉市关于秸秆禁烧的公告\n",
    )
    assert [p.text for p in doc.paragraphs] == [
        "龙泉市关于秸秆禁烧的公告、通告汇编(10篇)",
        "关于全面禁止露天焚烧秸秆的通告",
        "市人民政府决定在全市范围内禁止露天焚烧秸秆。",
    ]
    assert (doc.title, doc.doc_type, doc.date) == ("龙泉市关于秸秆禁烧的公告、通告汇编(10篇)", "汇编", "2023-04-20")


def test_hyphenated_words_in_text_are_not_a_title_bar(tmp_path: Path):
    doc = doc_of(tmp_path, "龙泉镇召开会议\n\n会议指出,要把产业-生态-文化融合发展作为重点。\n\n2023-2024学年\n")
    assert [p.text for p in doc.paragraphs][1:] == ["会议指出,要把产业-生态-文化融合发展作为重点。", "2023-2024学年"]


def test_a_page_title_loses_the_site_and_its_section():
    from indexer.titles import strip_site_name

    assert (
        strip_site_name("龙泉街道党工委委员一行到金融街开展调研工作 东区办事处_某某网")
        == "龙泉街道党工委委员一行到金融街开展调研工作"
    )
    assert strip_site_name("龙泉镇2024年政府工作报告") == "龙泉镇2024年政府工作报告"
