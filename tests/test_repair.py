"""The repair stage (indexer/repair.py): its two functions, with exact outputs."""

from indexer.repair import repair_lines, repair_note, repair_paragraph
from indexer.source import Line


def test_repair_lines_removes_glosses_and_keeps_numbers_and_roles():
    lines = [Line(3, "推動高質(zhì)量發(fā)展", "heading"), Line(4, ""), Line(7, "全鎮(zhèn)上下，的(de)目标")]
    assert [(l.no, l.text, l.role) for l in repair_lines(lines)] == [
        (3, "推動高質量發展", "heading"),
        (4, "", ""),
        (7, "全鎮上下，的目标", ""),
    ]


def test_repair_lines_leaves_text_without_glosses_alone():
    lines = [Line(1, "方案(a)和村(社区)"), Line(2, "附件(B)")]
    assert repair_lines(lines) == lines


def test_a_wrapped_body_paragraph_joins_tight_without_ocr_spaces():
    raw = ["奋力打造党建高地、文 化高地、平", "安高地，在林埭蝶变 QFLP", "pilot 中"]
    assert repair_paragraph(raw, heading=False) == "奋力打造党建高地、文化高地、平安高地，在林埭蝶变QFLP pilot中"


def test_a_two_part_headline_keeps_its_phrase_break():
    assert repair_paragraph(["实干争先 攀高向前"], heading=True) == "实干争先 攀高向前"
    assert repair_paragraph(["实干争先 攀高向前"], heading=False) == "实干争先攀高向前"
    # a headline over two lines whose first already has a phrase break keeps a space at the join
    assert repair_paragraph(["实干争先 攀高", "向前"], heading=True) == "实干争先 攀高 向前"


def test_doubled_bold_is_collapsed_in_the_joined_paragraph():
    # the doubled run crosses the line end: only the whole paragraph shows it
    raw = ["““加减乘除加减", "乘除””推推进进改改革革"]
    assert repair_paragraph(raw, heading=False) == "“加减乘除”推进改革"


def test_a_note_joins_its_lines_with_a_space_then_drops_ocr_spaces():
    assert repair_note(["① 数据 来源：", "统计局 2023 年"]) == "①数据来源：统计局2023年"
