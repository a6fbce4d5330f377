"""Places at every level: names in running text, issuer lines, the gazetteer's hierarchy,
the issuing body's level and the evidence of every place field (fixtures written here)."""

from __future__ import annotations

from pathlib import Path

from indexer.place_text import match_form, mentions
from indexer.places import locate
from indexer.pipeline import build_document
from indexer.read import read_sources


def names(text: str) -> list[str]:
    return [m.name for m in mentions(match_form(text))]


def lines(*texts: str) -> list[tuple[int, str]]:
    return list(enumerate(texts, start=1))


def test_a_township_name_inside_a_longer_word_is_no_place():
    # data/place_preceders.tsv: 文 may not precede a township name (文明 is a word)
    assert names("积极创建省级文明村镇，推进城乡融合。") == []
    assert names("在明村镇召开会议") == ["明村镇"]
    # data/place_followers.tsv: 美丽乡村 holds no township 美丽乡
    assert names("建设美丽乡村") == []


def test_full_chains_traditional_script_pinyin_and_masked_names():
    assert names("湖南省石门县新关镇：") == ["湖南省", "石门县", "新关镇"]
    assert names("下管鎮(zhèn)召開會議") == ["下管镇"]
    assert names("XX镇人民政府 xx市") == []
    # data/township_forms.tsv: an office 办事处 names its street 街道
    assert names("中山市东区办事处") == ["中山市", "东区街道"]


def test_issuer_line_places_a_township_down_the_chain_with_evidence():
    loc = locate(
        fields={},
        file_stem="report",
        title=None,
        head="",
        lines=lines(
            "我镇政府信息公开工作年度报告", "今年我镇主动公开信息二十条。", "遂溪县建新镇人民政府", "2018年12月31日"
        ),
    )
    p = loc.place
    assert (p.township, p.county, p.city, p.province, loc.level) == ("建新镇", "遂溪县", "湛江市", "广东省", "township")
    assert loc.evidence == {
        "township": 'issuer line 3 "遂溪县建新镇人民政府"',
        "county": "gazetteer: 建新镇 is in 遂溪县",
        "city": "gazetteer: 建新镇 is in 湛江市",
        "province": "gazetteer: 建新镇 is in 广东省",
        "level": 'issuer line 3 "遂溪县建新镇人民政府"',
    }


def test_a_unique_township_name_settles_the_document():
    loc = locate(
        fields={},
        file_stem="x",
        title=None,
        head="",
        lines=lines("杜岭街道开展环境卫生大扫除活动", "28日上午，杜岭街道组织志愿者清理楼院。"),
    )
    assert (loc.place.township, loc.place.county, loc.level) == ("杜岭街道", "金水区", "township")
    assert loc.evidence["township"].endswith("; gazetteer: unique township name")


def test_an_ambiguous_township_is_settled_by_its_county_or_kept_by_name_only():
    # 新城镇 exists in ten counties: the county named in the same document decides
    loc = locate(
        fields={},
        file_stem="x",
        title=None,
        head="",
        lines=lines("新城镇召开全镇干部大会", "会议传达了高碑店市委全会精神，新城镇将抓好落实。"),
    )
    assert (loc.place.township, loc.place.county, loc.level) == ("新城镇", "高碑店市", "township")
    # named throughout but no county anywhere: the name is kept, the county is not guessed
    loc = locate(
        fields={},
        file_stem="x",
        title=None,
        head="",
        lines=lines("新城镇召开全镇干部大会", "新城镇将抓好落实，我镇上下齐心。"),
    )
    assert (loc.place.township, loc.place.county, loc.place.city, loc.level) == ("新城镇", None, None, "township")
    assert "townships of this name, county not named" in loc.evidence["township"]


def test_level_of_the_issuing_body():
    # a city report: file name and statement; its counties named in passing do not pull it down
    loc = locate(
        fields={},
        file_stem="绍兴",
        title=None,
        head="",
        lines=lines("各位代表：", "现在，我代表市人民政府，向大会报告工作。", "诸暨市、嵊州市的工作取得新进展。"),
    )
    assert (loc.place.city, loc.place.county, loc.level) == ("绍兴市", None, "city")
    assert loc.evidence == {
        "city": "file name 绍兴",
        "province": "gazetteer: 绍兴市 is in 浙江省",
        "level": 'line 2 "现在，我代表市人民政府，向大会报告工作。"',
    }
    # a municipality speaks as 市人民政府 but is a province
    loc = locate(
        fields={}, file_stem="上海", title=None, head="", lines=lines("现在，我代表市人民政府，向大会报告工作。")
    )
    assert (loc.place.province, loc.place.city, loc.level) == ("上海市", None, "province")
    # a township's text that never names itself: the level is still known (data/self_references.tsv)
    loc = locate(fields={}, file_stem="x", title=None, head="", lines=lines("今年我镇粮食丰收。", "全镇上下团结一心。"))
    assert (loc.place, loc.level, loc.evidence) == (None, "township", {"level": "self-reference 我镇 ×1 (township 2×)"})
    # a law cited by title does not make a notice national
    loc = locate(
        fields={},
        file_stem="x",
        title=None,
        head="根据《中华人民共和国大气污染防治法》，现通告如下。",
        lines=lines("根据《中华人民共和国大气污染防治法》，现通告如下。", "临汾市人民政府", "2015年6月15日"),
    )
    assert (loc.place.city, loc.level) == ("临汾市", "city")


def test_document_keeps_place_evidence_and_paragraph_levels(tmp_path: Path):
    p = tmp_path / "notice.txt"
    p.write_text(
        "关于禁止露天焚烧秸秆的通知\n\n各行政村：\n\n请各村加强巡查，全镇禁止露天焚烧。\n\n"
        "诸暨市安华镇人民政府\n\n2022年9月9日\n",
        encoding="utf-8",
    )
    doc = build_document(p, None, p.name, read_sources(p)[0])
    assert (doc.township, doc.county, doc.city, doc.province, doc.level) == (
        "安华镇",
        "诸暨市",
        "绍兴市",
        "浙江省",
        "township",
    )
    assert doc.evidence["place.township"] == 'issuer line 7 "诸暨市安华镇人民政府"'
    assert doc.evidence["place.province"] == "gazetteer: 安华镇 is in 浙江省"
    assert {q.township for q in doc.paragraphs} == {"安华镇"} and {q.level for q in doc.paragraphs} == {"township"}


def test_townships_named_together_settle_each_other_and_prefecture_short_forms():
    # each name exists in several counties; only one county holds all three
    loc = locate(
        fields={},
        file_stem="x",
        title=None,
        head="",
        lines=lines("在乡镇工作例会上的讲话", "会上，兴华镇、新村乡、中和镇分别作了汇报。"),
    )
    assert (loc.place.county, loc.place.township, loc.level) == ("青冈县", None, "county")
    assert loc.evidence["county"].endswith("; gazetteer: with the other townships named, in 青冈县")
    # 阿坝州 is how 阿坝藏族羌族自治州 writes its own name
    loc = locate(
        fields={},
        file_stem="x",
        title=None,
        head="",
        lines=lines("阿坝州人民政府办公室关于印发管理办法的通知", "各县人民政府："),
    )
    assert (loc.place.city, loc.place.province, loc.level) == ("阿坝藏族羌族自治州", "四川省", "city")


def test_one_mention_is_enough_below_an_established_county():
    loc = locate(
        fields={},
        file_stem="x",
        title=None,
        head="",
        lines=lines(
            "4月15日，茅坪镇召开会议，传达学习白河县人民代表大会精神。全镇干部参加。",
            "会议要求，全镇上下要把白河县两会精神落到实处。",
        ),
    )
    assert (loc.place.township, loc.place.county, loc.level) == ("茅坪镇", "白河县", "township")
    # a street office's news that names no other place: 街道党工委 speaks at the township level
    loc = locate(
        fields={},
        file_stem="x",
        title=None,
        head="",
        lines=lines("街道党工委召开会议。", "街道上下团结一心，大郭街道各社区积极参与。"),
    )
    assert (loc.place.township, loc.level) == ("大郭街道", "township")


def test_a_title_opening_with_a_place_speaks_for_it_in_either_script():
    loc = locate(
        fields={}, file_stem="reports", title="廣州共產黨報告 (一大)", head="一、去年\n\n去年，这里没有任何组织。"
    )
    assert (loc.place.city, loc.place.province, loc.level) == ("广州市", "广东省", "city")
    assert loc.evidence["city"] == 'title "廣州共產黨報告 (一大)"'
    # a national report's title names no place at its start
    loc = locate(fields={}, file_stem="reports", title="在中国共产党第十次全国代表大会上的报告", head="同志们！")
    assert (loc.place, loc.level) == (None, "national")


def test_township_endings_say_which_township_names_are_looked_for():
    from archive.datafiles import rows
    from indexer.place_text import _names

    assert [r[0] for r in rows("township_endings.tsv")] == ["镇", "乡", "街道", "苏木"]
    names = _names()
    assert "达尔汗苏木" in names  # an Inner Mongolian township
    assert "红旗农场" not in names  # a farm at township level reads as an ordinary word
