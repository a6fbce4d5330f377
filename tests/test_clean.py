"""Each repair step on snippets from the seeds, with exact outputs."""

from indexer.clean import collapse_doubled, join_vertical, join_wrapped, remove_ocr_spaces


def test_join_wrapped_has_no_space_between_cjk():
    assert (
        join_wrapped("奋力打造党建高地、文化高地、平", "安高地，在林埭蝶变")
        == "奋力打造党建高地、文化高地、平安高地，在林埭蝶变"
    )


def test_join_wrapped_keeps_a_space_between_latin_words():
    assert join_wrapped("QFLP", "pilot") == "QFLP pilot"
    assert join_wrapped("GDP增长", "7%") == "GDP增长7%"


def test_vertical_name_is_joined():
    lines = ["贡献独山力量！", "", "广", "陈", "镇", "", "2023 年，独山港经济开发"]
    assert join_vertical(lines) == [
        (0, 0, "贡献独山力量！"),
        (1, 1, ""),
        (2, 4, "广陈镇"),
        (5, 5, ""),
        (6, 6, "2023 年，独山港经济开发"),
    ]


def test_two_vertical_names_separated_by_a_blank_line_stay_two():
    out = join_vertical(["新", "埭", "镇", "", "曹", "桥", "街", "道"])
    assert [t for _, _, t in out] == ["新埭镇", "", "曹桥街道"]


def test_single_character_line_alone_is_not_a_vertical_name():
    assert join_vertical(["做到", "", "底", "", "x"]) == [
        (0, 0, "做到"),
        (1, 1, ""),
        (2, 2, "底"),
        (3, 3, ""),
        (4, 4, "x"),
    ]


def test_ocr_spaces_between_cjk_are_removed():
    assert (
        remove_ocr_spaces("坚持 “ 一切围着项目转、 一切盯着项目干”, 以非常举 措、超常力度")
        == "坚持“一切围着项目转、一切盯着项目干”,以非常举措、超常力度"
    )
    assert (
        remove_ocr_spaces("世界 500 强、总投资超亿美元 和 10 亿元以上项目")
        == "世界500强、总投资超亿美元和10亿元以上项目"
    )
    assert remove_ocr_spaces("当湖街道党委书记 金 一") == "当湖街道党委书记金一"


def test_spaces_in_latin_text_are_kept():
    # kept only where both neighbours are Latin letters, digits or ASCII punctuation
    assert remove_ocr_spaces("布达通SMT 智能主板 and SMT line") == "布达通SMT智能主板and SMT line"
    assert remove_ocr_spaces("嘉兴 QFLP 全域试点") == "嘉兴QFLP全域试点"


def test_headline_phrase_gaps_are_kept_when_asked():
    assert remove_ocr_spaces("实干争先 攀高向前", keep_phrase_gaps=True) == "实干争先 攀高向前"
    assert remove_ocr_spaces("谱“四港”新篇 绘“千亿”蓝图", keep_phrase_gaps=True) == "谱“四港”新篇 绘“千亿”蓝图"
    assert remove_ocr_spaces("实干争先 攀高向前") == "实干争先攀高向前"


def test_doubled_bold_text_is_collapsed():
    s = (
        "广陈镇要向“枫桥经验”学习，““加减乘除加减乘除””推推进基层社会治理进基层社会治理。。"
        "““加加””力量力量，，下沉人员浙沪一体下沉人员浙沪一体"
    )
    assert collapse_doubled(s) == "广陈镇要向“枫桥经验”学习，“加减乘除”推进基层社会治理。“加”力量，下沉人员浙沪一体"


def test_doubled_chunk_cut_by_a_line_end_is_collapsed_after_joining():
    joined = join_wrapped(
        "三、打造文旅融合“一大样板”。提前谋划承提前谋划承",
        "接上海乐高乐园溢出效应接上海乐高乐园溢出效应，，稳妥有序运行夜经济稳妥有序运行夜经济",
    )
    assert (
        collapse_doubled(joined) == "三、打造文旅融合“一大样板”。提前谋划承接上海乐高乐园溢出效应，稳妥有序运行夜经济"
    )


def test_real_repeats_survive():
    for s in ("打造“人人有责、人人尽责”的基层治理共同体。", "一步一步推进，常常看看", "哈哈哈哈", "谈心谈话、分级看望"):
        assert collapse_doubled(s) == s


def test_pinyin_glosses_after_characters_are_removed():
    from indexer.clean import remove_pinyin_glosses

    assert (
        remove_pinyin_glosses("推動高質(zhì)量發(fā)展，全鎮(zhèn)的(de)目標（mù biāo）")
        == "推動高質量發展，全鎮的目標（mù biāo）"
    )
    # without a tone-marked gloss, parentheses after characters are text
    assert remove_pinyin_glosses("村(社区)和方案(a)、附件(B)、的(de)") == "村(社区)和方案(a)、附件(B)、的(de)"
    # one tone-marked gloss is not enough evidence for a toneless one
    assert remove_pinyin_glosses("方(fāng)案(a)") == "方案(a)"
    # a gloss never spans lines, so line numbers stay
    assert remove_pinyin_glosses("鎮(zhèn)\n(zhèn)") == "鎮\n(zhèn)"


def test_pinyin_gloss_rules_file():
    from archive.datafiles import rows

    assert [r[0] for r in rows("pinyin_glosses.tsv")] == ["syllable", "min_tone_marked"]


def test_sentence_end_inside_closing_quotes_even_with_a_stray_space():
    from indexer.clean import ends_sentence

    assert [ends_sentence(t) for t in ("他说：“很受鼓舞。”", "深受感动。 ”", "同志们：", "很受鼓", "（见附件）")] == [
        True,
        True,
        True,
        False,
        False,
    ]
