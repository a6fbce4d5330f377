"""Splitting repaired lines into paragraphs: exact paragraphs from seed-like snippets."""

from indexer.places import county_places
from indexer.paragraphs import build_blocks
from indexer.read import Line


def blocks(text: str, county: str = "平湖市"):
    lines = [Line(i + 1, t) for i, t in enumerate(text.split("\n"))]
    return [(b.kind, b.text, b.line_start, b.line_end) for b in build_blocks(lines, county_places(county))]


def test_hard_wrapped_lines_join_into_one_paragraph():
    text = " 2023年，林埭镇将紧紧围绕\n“城乡融合示范镇”工作目标，奋\n力打造党建高地。\n\n一、聚焦党建夯基，以红色引\n擎驱动跨越赶超。"
    assert blocks(text) == [
        ("body", "2023年，林埭镇将紧紧围绕“城乡融合示范镇”工作目标，奋力打造党建高地。", 1, 3),
        ("body", "一、聚焦党建夯基，以红色引擎驱动跨越赶超。", 5, 6),
    ]


def test_page_break_inside_a_sentence_is_rejoined():
    text = "型引路中全域建强。紧扣“一百\n分”干部打造，重点\n\n项目“骏马赛”、村社工作“红旗\n奖”五大行动。"
    assert blocks(text) == [
        ("body", "型引路中全域建强。紧扣“一百分”干部打造，重点项目“骏马赛”、村社工作“红旗奖”五大行动。", 1, 5)
    ]


def test_double_spaced_ocr_lines_join_and_split_at_sentence_ends():
    text = (
        "一、聚焦产业蝶变,建设创新智造新区。坚定\n\n不移走“工业立镇”之路,创新打造“1221”现代产业格\n\n"
        "局。\n\n二、聚焦城乡融合,打造合作化共富强镇。"
    )
    assert blocks(text) == [
        ("body", "一、聚焦产业蝶变,建设创新智造新区。坚定不移走“工业立镇”之路,创新打造“1221”现代产业格局。", 1, 5),
        ("body", "二、聚焦城乡融合,打造合作化共富强镇。", 7, 7),
    ]


def test_place_lines_and_headlines_are_headings():
    text = "\n\n当湖街道\n\n创新实干谋新篇 争先攀高立潮头\n\n2026年,当湖街道将紧扣目标。"
    assert blocks(text) == [
        ("heading", "当湖街道", 3, 3),
        ("heading", "创新实干谋新篇 争先攀高立潮头", 5, 5),
        ("body", "2026年,当湖街道将紧扣目标。", 7, 7),
    ]


def test_vertical_name_becomes_a_place_heading():
    text = "贡献林埭力量！\n\n广\n陈\n镇\n\n2023 年，独山港经济开发\n区将切实扛起使命。"
    assert blocks(text) == [
        ("body", "贡献林埭力量！", 1, 1),
        ("heading", "广陈镇", 3, 5),
        ("body", "2023年，独山港经济开发区将切实扛起使命。", 7, 8),
    ]


def test_signature_over_two_lines_is_one_signature_paragraph():
    text = (
        "切实提高预警能力。\n 平湖农业经济开发区党工委副书记、\n管委会副主任，广陈镇党委副书记，镇长 许建军\n\n"
        "日前，平湖市党政代表团赴绍兴。"
    )
    assert blocks(text) == [
        ("body", "切实提高预警能力。", 1, 1),
        ("signature", "平湖农业经济开发区党工委副书记、管委会副主任，广陈镇党委副书记，镇长 许建军", 2, 3),
        ("body", "日前，平湖市党政代表团赴绍兴。", 5, 5),
    ]


def test_headline_right_before_a_signature_stays_a_headline():
    text = "念落到实处。\n\n学思践悟谋发展 积蓄奋进新动能\n市委常委、平湖经济技术开发区党工委书记 何 苗"
    assert blocks(text) == [
        ("body", "念落到实处。", 1, 1),
        ("heading", "学思践悟谋发展 积蓄奋进新动能", 3, 3),
        ("signature", "市委常委、平湖经济技术开发区党工委书记 何苗", 4, 4),
    ]


def test_task_book_title_then_next_opener_split():
    text = "■牵头部门 政法委\n\n平安善治专项行动任务书\n2023年，招大育强专项行动\n\n将紧紧围绕“招大”目标任务。"
    assert blocks(text) == [
        ("signature", "■牵头部门 政法委", 1, 1),
        ("heading", "平安善治专项行动任务书", 3, 3),
        ("body", "2023年，招大育强专项行动将紧紧围绕“招大”目标任务。", 4, 6),
    ]


def test_enumerated_heading_does_not_swallow_its_first_paragraph():
    text = "  二、突出大干项目,扩存量、引增量,赋能跨越发展新引擎\n\n  坚持 “ 一切围着项目转”, 以非常举 措。"
    assert blocks(text) == [
        ("heading", "二、突出大干项目,扩存量、引增量,赋能跨越发展新引擎", 1, 1),
        ("body", "坚持“一切围着项目转”,以非常举措。", 3, 3),
    ]


def test_every_character_of_the_seeds_lands_in_exactly_one_paragraph(archive):
    """Nothing unsearchable, nothing counted twice: source line ranges never overlap."""
    import re

    for doc in archive.stats()["docs"]:
        paras = archive.document(doc["doc_id"])
        ranges = [p["source_lines"] for p in paras]
        for (a1, b1), (a2, b2) in zip(ranges, ranges[1:]):
            assert b1 < a2, (doc["doc_id"], (a1, b1), (a2, b2))
        src = archive.source_text(doc["doc_id"])
        covered = set()
        for a, b in ranges:
            covered.update(range(a, b + 1))
        lines = src.split("\n")
        boiler = re.compile(r"导航菜单|首页>|政务公开|索引号|公开方式|组配分类|发布时间|本文|留言|验证码")
        for i, line in enumerate(lines, start=1):
            if line.strip() and i not in covered:
                assert boiler.search(line), f"{doc['doc_id']} line {i} is in no paragraph: {line!r}"


def test_one_paragraph_per_line_keeps_every_sentence_end_and_short_line():
    """Long lines of varied length, no blank lines: each line is a paragraph, and the
    issuer and date under the body are not glued to it."""
    text = (
        "为改善村容村貌，3月2日上午，东坡镇组织干部群众开展环境卫生整治活动，清理垃圾十余吨。\n"
        "活动中，大家分工协作，清扫道路、清理沟渠，村庄面貌焕然一新。\n"
        "下一步，东坡镇将建立长效机制，推动人居环境持续改善。\n"
        "东坡镇人民政府\n"
        "2024年3月2日"
    )
    assert [(k, t) for k, t, _, _ in blocks(text)] == [
        ("body", "为改善村容村貌，3月2日上午，东坡镇组织干部群众开展环境卫生整治活动，清理垃圾十余吨。"),
        ("body", "活动中，大家分工协作，清扫道路、清理沟渠，村庄面貌焕然一新。"),
        ("body", "下一步，东坡镇将建立长效机制，推动人居环境持续改善。"),
        ("heading", "东坡镇人民政府"),
        ("heading", "2024年3月2日"),
    ]


def test_hard_wrapped_text_joins_a_full_line_ending_in_a_full_stop_but_ends_at_a_short_one():
    lines = [
        "今年以来，我镇坚持把项目建设作为",
        "经济工作的主抓手，全力推进项目。",
        "重点项目开工十二个，完成投资三亿",
        "元，同比增长百分之十五以上，为全",
        "年目标打下坚实基础。",
        "同志们：",
        "今天的会议很重要，希望大家认真",
        "贯彻落实会议精神，抓好各项工作，",
        "会后各村要迅速传达。",
        "要把任务分解到人，责任落实到岗，",
        "确保各项工作落地见效，取得实效，",
        "不负群众期望。",
    ]
    out = blocks("\n".join(lines))
    assert [(t, a, b) for _, t, a, b in out] == [
        (
            "今年以来，我镇坚持把项目建设作为经济工作的主抓手，全力推进项目。重点项目开工十二个，完成投资三亿元，"
            "同比增长百分之十五以上，为全年目标打下坚实基础。",
            1,
            5,
        ),
        ("同志们：", 6, 6),
        ("今天的会议很重要，希望大家认真贯彻落实会议精神，抓好各项工作，会后各村要迅速传达。", 7, 9),
        ("要把任务分解到人，责任落实到岗，确保各项工作落地见效，取得实效，不负群众期望。", 10, 12),
    ]


def test_a_full_stop_after_a_wrapped_heading_stays_with_the_heading():
    text = "一、坚持党建引领，夯实基层基础\n。全镇各党组织深入开展主题教育。\n二、强化产业支撑"
    assert [(k, t) for k, t, _, _ in blocks(text)] == [
        ("body", "一、坚持党建引领，夯实基层基础。全镇各党组织深入开展主题教育。"),
        ("heading", "二、强化产业支撑"),
    ]


def test_standalone_lines_and_wrapped_headlines():
    from indexer.paragraphs import heading_continues, stands_alone

    assert [
        stands_alone(t)
        for t in (
            "2021年10月11日",
            "二〇二四年一月五日",
            "2018-12-31",
            "阿府办发〔2021〕21号",
            "东坡镇人民政府",
            "2021年工作回顾",
        )
    ] == [True, True, True, True, False, False]
    assert heading_continues("在东坡镇第五届人民代表大会第三次会议上的", "政府工作报告")
    assert heading_continues("关于印发《东坡镇人居环境", "整治方案》的通知")
    assert not heading_continues("东坡镇人民政府", "2024年3月2日")


def _tasks(first: int, n: int) -> str:
    return "".join(f"第{k:03d}项任务按期完成。" for k in range(first, first + n))  # 12 characters each


def test_single_line_report_splits_at_its_headings_then_at_sentence_ends():
    from indexer.paragraphs import split_long_line

    opening = "各位代表：现在，我代表镇人民政府向大会报告工作，请予审议。"
    review = "2023 年是东坡发展史上不平凡的一年，" + _tasks(1, 10)
    quote = "镇党委提出“稳中求进。 再创佳绩。”全镇上下齐心协力。"
    one = "（一）聚力产业升级。" + _tasks(11, 110)  # 1,330 characters: cut at sentence ends
    plan = "2024年，全镇将" + _tasks(200, 5)
    line = (
        opening
        + " 一、2023年工作回顾 "
        + review[:30]
        + " — 3 — "
        + review[30:]
        + " "
        + quote
        + one
        + "2024年工作安排"
        + plan
    )
    assert len(line) >= 1500
    assert split_long_line(line) == [
        opening,
        "一、2023年工作回顾",
        review,
        quote,
        "（一）聚力产业升级。" + _tasks(11, 33),
        _tasks(44, 34),
        _tasks(78, 43),
        "2024年工作安排",
        plan,
    ]


def test_short_lines_are_never_split():
    from indexer.paragraphs import split_long_line

    text = "一、2023年工作回顾 今年全镇完成投资三亿元。 二、2024年工作安排 明年将继续推进。"
    assert split_long_line(text) == [text]


def test_single_line_rules_file():
    from archive.datafiles import rows

    kinds = [r[0] for r in rows("single_line.tsv")]
    assert {
        "min_length",
        "min_share",
        "max_run",
        "target_length",
        "page_number",
        "break",
        "heading_max",
        "section",
    } == set(kinds)


def test_a_single_line_source_becomes_paragraphs_on_one_source_line():
    line = (
        "各位代表：现在，我代表镇人民政府向大会报告工作，请予审议。 一、2023年工作回顾 "
        + "全镇"
        + _tasks(1, 130)
        + " 二、2024年工作安排 "
        + "全镇"
        + _tasks(300, 20)
    )
    out = blocks(line)
    assert [(k, a, b) for k, _, a, b in out][:3] == [("body", 1, 1), ("heading", 1, 1), ("body", 1, 1)]
    assert [t for k, t, _, _ in out if k == "heading"] == ["一、2023年工作回顾", "二、2024年工作安排"]
    assert "".join(t for _, t, _, _ in out) == line.replace(" ", "")


def test_indented_line_after_a_blank_starts_a_paragraph_unless_every_line_is_indented():
    text = (
        "东坡镇：召开人居环境整治推进会\n\n  3月5日，东坡镇召开推进会\n\n  会议要求，各村要压实责任。\n\n东坡镇党政办"
    )
    assert [t for _, t, _, _ in blocks(text)] == [
        "东坡镇：召开人居环境整治推进会",
        "3月5日，东坡镇召开推进会",
        "会议要求，各村要压实责任。",
        "东坡镇党政办",
    ]
    # a web capture that indents every line: the indent says nothing, the sentence runs on
    text = "  1.争当数字化改革排头兵。围绕打造数字\n\n  化改革标杆，加快建设。\n\n  2.争当科技创新践行者。"
    assert [t for _, t, _, _ in blocks(text)] == [
        "1.争当数字化改革排头兵。围绕打造数字化改革标杆，加快建设。",
        "2.争当科技创新践行者。",
    ]


LONG = "会议强调，全镇上下要坚持以人民为中心的发展思想，扎实推进乡村振兴，持续改善人居环境，不断增进民生福祉，奋力开创高质量发展新局面。"


def test_among_long_lines_a_short_label_and_an_enumerated_heading_stand_alone():
    text = "\n".join([LONG, "（一）聚焦产业发展，壮大集体经济", LONG, "同期声：人大代表 李明", LONG, LONG])
    assert [(k, t[:12]) for k, t, _, _ in blocks(text)] == [
        ("body", LONG[:12]),
        ("heading", "（一）聚焦产业发展，壮大"),
        ("body", LONG[:12]),
        ("body", "同期声：人大代表李明"),
        ("body", LONG[:12]),
        ("body", LONG[:12]),
    ]


def test_a_long_paragraph_among_others_is_not_split_as_a_single_line_source():
    long_para = "全镇" + _tasks(1, 130)  # 1,562 characters, but a third of the text
    text = "\n".join([long_para, "全镇" + _tasks(200, 130), "全镇" + _tasks(400, 130)])
    assert len(blocks(text)) == 3


def test_a_title_printed_twice_is_one_heading():
    text = "东坡镇人民政府关于印发《人居环境整治方案》的通知\n东坡镇人民政府关于印发《人居环境整治方案》的通知\n东政发〔2024〕3号\n各村：\n现将方案印发给你们，请认真执行。"
    assert blocks(text) == [
        ("heading", "东坡镇人民政府关于印发《人居环境整治方案》的通知", 1, 2),
        ("heading", "东政发〔2024〕3号", 3, 3),
        ("body", "各村：", 4, 4),
        ("body", "现将方案印发给你们，请认真执行。", 5, 5),
    ]


def test_a_teaser_above_the_date_line_is_dropped_and_the_date_stands_alone():
    first = "1月15日，东坡镇组织开展人居环境整治擂台赛，各村党组织书记依次汇报整治成效。"
    text = f"东坡镇开展人居环境整治擂台赛\n\n{first[:30]}\n\n2022年01月17日\n\n{first}\n\n会上，专家现场点评。"
    assert [(k, t) for k, t, _, _ in blocks(text)] == [
        ("heading", "东坡镇开展人居环境整治擂台赛"),
        ("heading", "2022年01月17日"),
        ("body", first),
        ("body", "会上，专家现场点评。"),
    ]


def test_a_paragraph_opening_with_the_title_again_loses_the_copy():
    text = "在全镇人居环境整治推进会上的表态发言\n\n在全镇人居环境整治推进会上的表态发言 各位领导、同志们：今天我们召开推进会，我代表东坡村表态。"
    assert [(k, t) for k, t, _, _ in blocks(text)] == [
        ("heading", "在全镇人居环境整治推进会上的表态发言"),
        ("body", "各位领导、同志们：今天我们召开推进会，我代表东坡村表态。"),
    ]


def test_a_run_of_short_head_lines_over_long_paragraphs_is_not_one_paragraph():
    """A report stored one paragraph per line opens with a photo caption (with its 。), the title,
    the session line and the speaker: the caption may take the title, but the session line, the
    speaker and the salutation are paragraphs of their own (the speaker's line must stay readable)."""
    body = [
        f"第{n}方面，全县上下坚持以高质量发展统揽全局，扎实推进产业升级、城乡融合和民生改善，"
        f"完成投资{n * 17}亿元，新增就业{n * 310}人，群众获得感持续增强，各项工作取得新成效。"
        for n in range(1, 7)
    ]
    text = (
        "政府工作报告。 县融媒体中心记者 王林 摄\n"
        "政府工作报告\n"
        "（2025年1月8日在安吉县第十七届人民代表大会第五次会议上）\n"
        "县长 陈明\n"
        "各位代表：\n" + "\n".join(body)
    )
    got = [t for _, t, _, _ in blocks(text, "安吉县")]
    assert got[:4] == [
        "政府工作报告。县融媒体中心记者王林摄政府工作报告",
        "（2025年1月8日在安吉县第十七届人民代表大会第五次会议上）",
        "县长 陈明",
        "各位代表：",
    ]
    assert got[4:] == body


def test_short_lines_inside_an_open_bracket_stay_in_their_paragraph():
    """A source that breaks lines around a unit ('（PM' / '2.5' / '）和…（PM' / '10' / '）治理…') keeps
    the sentence whole: the short lines are not headlines while a bracket is open."""
    body = [
        f"第{n}方面，全县上下坚持以高质量发展统揽全局，扎实推进产业升级、城乡融合和民生改善，"
        f"完成投资{n * 17}亿元，新增就业{n * 310}人，群众获得感持续增强，各项工作取得新成效。"
        for n in range(1, 7)
    ]
    text = "\n".join(
        body[:3]
        + ["强化污染防治。以细颗粒物（PM", "2.5", "）和可吸入颗粒物（PM", "10", "）治理为突破口，实行区域联防联控。"]
        + body[3:]
    )
    got = [t for _, t, _, _ in blocks(text, "安吉县")]
    assert (
        got
        == body[:3]
        + ["强化污染防治。以细颗粒物（PM 2.5）和可吸入颗粒物（PM 10）治理为突破口，实行区域联防联控。"]
        + body[3:]
    )
