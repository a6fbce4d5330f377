"""A township named only by its short form, and an ambiguous publisher settled by its city's short
name (indexer/short_places.py, data/township_kinds.tsv); fixtures written here."""

from __future__ import annotations

from archive.segmenter import dictionary_word
from indexer.places import locate
from indexer.short_places import settle_by_short_names, township_by_short_name


def lines(*texts: str) -> list[tuple[int, str]]:
    return list(enumerate(texts, start=1))


def place(loc) -> tuple:
    p = loc.place
    return (p.township, p.county, p.city, p.province, loc.level) if p else (None, loc.level)


SHORT_TOWNSHIP = (
    "今年全镇工作的总体要求是：认真落实湖州市委全会部署，坚决扛起安吉生态文明建设主阵地的担当。",
    "我镇将持续打造天荒坪样板，为安吉高质量发展贡献天荒坪力量。",
)


def test_a_township_named_by_its_short_name_under_its_countys_short_name():
    loc = locate(fields={}, file_stem="report", title=None, head="", lines=lines(*SHORT_TOWNSHIP))
    assert place(loc) == ("天荒坪镇", "安吉县", "湖州市", "浙江省", "township")
    # evidence quotes lines in their match form (NFKC: ，→ ,)
    assert (
        loc.evidence["township"]
        == 'line 2 "我镇将持续打造天荒坪样板,为安吉高质量发" ×2 (short name of 天荒坪镇 in 安吉县)'
    )
    assert (
        loc.evidence["county"]
        == 'line 1 "委全会部署,坚决扛起安吉生态文明建设主阵地的" (short name of 安吉县 in 湖州市)'
    )


def test_a_short_name_needs_the_text_to_speak_as_that_kind_of_township():
    # the same text written by a county office (全县, no 我镇/全镇): 天荒坪 is a scenic spot here
    county_text = [t.replace("全镇", "全县").replace("我镇", "我县") for t in SHORT_TOWNSHIP]
    loc = locate(fields={}, file_stem="report", title=None, head="", lines=lines(*county_text))
    assert loc.place is None or loc.place.township is None
    # data/township_kinds.tsv: a 镇 speaks as 我镇; a street's short name is not its township
    assert township_by_short_name(lines("我镇在鲁谷打造精品社区。"), "") is None
    assert township_by_short_name(lines("我县在天荒坪召开现场会。"), "330523") is None


def test_a_unique_short_name_alone_places_a_street_that_says_it_is_one():
    text = lines("街道办事处年终总结", "我们在鲁谷打造了一批精品社区，街道办事处服务大厅全年无休。")
    found = township_by_short_name(text, "")
    assert found is not None
    assert (found.place.name, found.place.county, found.place.city) == ("鲁谷街道", "石景山区", "北京市")
    assert found.township == (
        'line 2 "我们在鲁谷打造了一批精品社区，" ×1 '
        "(short name of 鲁谷街道 in 石景山区; gazetteer: the only township of that short name)"
    )
    # not when a place is already established that the street is not under, nor when the text
    # names other townships in full (a compilation), nor for a dictionary word (金融街)
    assert township_by_short_name(text, "3301") is None
    assert township_by_short_name(text, "", unique_alone=False) is None
    assert dictionary_word("金融街") and not dictionary_word("鲁谷")
    assert township_by_short_name(lines("街道办事处：金融街建设再上台阶。"), "") is None


def test_a_short_name_inside_a_longer_word_does_not_count():
    # 安吉 in 安吉县 is the full name; in 平安吉祥 it is no word of its own
    assert township_by_short_name(lines("我镇平安吉祥，天荒坪人人有责。"), "3305") is None


def test_an_ambiguous_publisher_is_settled_by_its_citys_short_name_and_outranks_the_headline():
    title = "慈溪市周巷镇党委委员一行到城东街道考察"
    text = lines(
        title,
        "来源：城东办事处",
        "3月5日，慈溪市周巷镇党委委员一行到我街道考察，街道党工委副书记陪同。",
        "下一步，我街道将升级发展众创空间，为舟山经济发展提供动力。",
    )
    loc = locate(fields={"source": "城东办事处"}, file_stem="page", title=title, head="", lines=text)
    assert place(loc) == ("城东街道", "定海区", "舟山市", "浙江省", "township")
    assert loc.evidence["township"] == (
        'issuer 来源 "城东办事处"; 城东街道 of 舟山市: line 4 "升级发展众创空间,为舟山经济发展提供动力。" ×1 (short name of 舟山市)'
    )


def test_settling_by_short_names_leaves_a_name_two_candidates_share():
    # two 城东街道 lie in 金华市 (婺城区, 东阳市): 金华 backs both, so nothing is settled
    amb = [(("330702001", "330783006", "330902004"), 50.0, 'issuer 来源 "城东办事处"')]
    assert settle_by_short_names(amb, lines("为金华经济发展提供动力。")) == []
    (code, w, ev), *_ = settle_by_short_names(amb, lines("为东阳经济发展提供动力。"))
    assert (code, w) == ("330783006", 50.0)
    assert ev.endswith('line 1 "为东阳经济发展提供动力。" ×1 (short name of 东阳市)')


def test_the_tables_exact_output():
    from archive.datafiles import rows
    from archive.gazetteer import divisions
    from indexer.short_places import _county_shorts, _kind

    # data/county_short_names.tsv: 县, 市, 区 and an autonomous county's ethnic groups go
    d = divisions()
    assert [d.name[c] for c in _county_shorts()["安吉"]] == ["安吉县"]
    assert [d.name[c] for c in _county_shorts()["江华"]] == ["江华瑶族自治县"]
    assert "市中" in _county_shorts() and "中" not in _county_shorts()
    # data/township_kinds.tsv: one row per kind, the suffix first
    assert [r[0] for r in rows("township_kinds.tsv")] == ["街道", "镇", "乡"]
    assert (_kind("鲁谷街道"), _kind("天荒坪镇"), _kind("溪龙乡"), _kind("某某农场")) == ("街道", "镇", "乡", None)


def test_a_masked_name_with_a_unique_autonomy_suffix_names_its_place():
    from indexer.place_text import masked_mentions

    # data/masked_places.tsv: the only 壮族自治区 is 广西, the only 朝鲜族自治州 延边
    found = masked_mentions("根据《xx壮族自治区大气污染防治条例》和《××朝鲜族自治州禁烧办法》，xx市决定")
    assert [(m.name, m.codes, m.start, m.end) for m in found] == [
        ("广西壮族自治区", ("45",), 3, 10),
        ("延边朝鲜族自治州", ("2224",), 21, 29),
    ]
    # a mask before a plain suffix, or before a suffix two places share, says nothing
    assert masked_mentions("xx市xx镇xx自治区XX土家族苗族自治州") == []
    loc = locate(
        fields={},
        file_stem="notice",
        title="关于全面禁止露天焚烧秸秆的通告",
        head="",
        lines=lines("根据《xx壮族自治区大气污染防治条例》《xx壮族自治区秸秆禁烧管理暂行办法》要求，现通告如下："),
    )
    assert (loc.place.name, loc.place.level) == ("广西壮族自治区", "province")
    assert loc.evidence["province"].startswith('line 1 "')


def test_a_reposting_media_centre_is_no_issuer_and_does_not_hold_the_township_back():
    # data/reposting_sources.tsv: 来源：某县融媒体中心 names the site's county, not the body that wrote
    text = lines(
        "发布时间：2024-06-07　来源：天峨县融媒体中心",
        "6月5日上午，天峨县六排镇在云榜社区召开网格化服务管理工作推进会。",
        "今年以来，六排镇将全镇划分为106个网格。",
        "版权所有：天峨县人民政府",
    )
    loc = locate(
        fields={"source": "天峨县融媒体中心"},
        file_stem="news",
        title=None,
        head="",
        lines=text,
        furniture=frozenset({1, 4}),
    )
    assert place(loc)[:2] == ("六排镇", "天峨县")
    assert "issuer" not in loc.evidence.get("county", "") and "issuer" not in loc.evidence["level"]
    # a township government as the 来源 stays the issuer
    loc = locate(fields={"source": "六排镇人民政府"}, file_stem="news", title=None, head="", lines=text[1:3])
    assert loc.evidence["level"] == 'issuer 来源 "六排镇人民政府"'


def test_a_speaker_who_answers_for_a_township_speaks_at_its_level():
    # data/level_hints.tsv: 我代表某镇作表态 (a county meeting's speech names 全县 often)
    loc = locate(
        fields={},
        file_stem="speech",
        title="在全县乡村振兴推进会上的表态发言",
        head="",
        lines=lines(
            "刚才，县委主要领导对全县工作作了部署。",
            "下面，我代表筠门岭镇作如下表态。",
            "全县上下，筠门岭镇一定抓好落实。",
        ),
    )
    assert loc.level == "township"
    assert loc.evidence["level"] == 'line 2 "下面，我代表筠门岭镇作如下表态。"'
