"""Reading order of OCR boxes (indexer/layout.py) and the per-paragraph evidence
(indexer/ocr/evidence.py), on boxes written out here: no OCR engine needed."""

from __future__ import annotations

from indexer import layout
from indexer.ocr.evidence import paragraph_ocr


def box(x0: float, y0: float, x1: float, y1: float, text: str, conf: float = 0.99) -> dict:
    n = len(text)
    vertical = (y1 - y0) > 1.5 * (x1 - x0)
    chars = [
        [conf, x0, y0 + (y1 - y0) * k / n, x1, y0 + (y1 - y0) * (k + 1) / n]
        if vertical
        else [conf, x0 + (x1 - x0) * k / n, y0, x0 + (x1 - x0) * (k + 1) / n, y1]
        for k in range(n)
    ]
    return {"quad": [[x0, y0], [x1, y0], [x1, y1], [x0, y1]], "text": text, "score": conf, "chars": chars}


def page(*boxes: dict, width: int = 800, height: int = 600) -> dict:
    return {"width": width, "height": height, "boxes": list(boxes)}


def texts(p: dict) -> list[tuple[str, str]]:
    return [(t, role) for t, role, _ in layout.source_lines([layout.page_lines(p, 1)])]


def test_two_columns_under_a_headline_that_fits_in_one_column_are_read_column_by_column():
    # the rows of both columns line up, as on a newspaper page; detection order is row by row
    left = ["　　甲一甲一甲一甲一甲一", "甲二甲二甲二甲二甲二甲二", "甲三甲三。"]
    right = ["乙一乙一乙一乙一乙一乙一", "乙二乙二乙二乙二乙二乙二", "乙三乙三乙三。"]
    boxes = [box(300, 20, 440, 48, "标题标题标题")]  # 28 px type, inside the left column's span
    for k in range(3):
        y = 80 + 34 * k
        boxes.append(
            box(
                40 + (40 if k == 0 else 0),
                y,
                40 + 20 * len(left[k].strip("　")) + (40 if k == 0 else 0),
                y + 20,
                left[k].strip("　"),
            )
        )
        boxes.append(box(420, y, 420 + 20 * len(right[k]), y + 20, right[k]))
    got = texts(page(*boxes))
    assert [t for t, _ in got if t] == [
        "标题标题标题",
        "甲一甲一甲一甲一甲一",
        "甲二甲二甲二甲二甲二甲二",
        "甲三甲三。",
        "乙一乙一乙一乙一乙一乙一",
        "乙二乙二乙二乙二乙二乙二",
        "乙三乙三乙三。",
    ]
    roles = dict(got)
    assert roles["标题标题标题"] == "heading" and roles["甲一甲一甲一甲一甲一"] == "start"
    assert roles["乙一乙一乙一乙一乙一乙一"] == ""  # a column's top line that is not indented runs on


def test_vertical_columns_are_read_right_to_left_and_a_split_column_is_one_line():
    boxes = [
        box(700, 40, 722, 300, "第一列文字第一列文字第一"),
        box(650, 40, 672, 160, "第二列文字，"),  # the detector cut this column at a mark
        box(650, 142, 672, 300, "，第二列后半"),
        box(600, 84, 622, 224, "第三列缩进开头"),
    ]
    got = texts(page(*boxes))
    assert got == [
        ("第一列文字第一列文字第一", ""),
        ("第二列文字，第二列后半", ""),
        ("", ""),
        ("第三列缩进开头", "start"),
    ]


def test_a_short_line_after_a_full_stop_ends_the_paragraph_and_a_gap_is_a_space():
    boxes = [
        box(40, 40, 440, 60, "一二三四五六七八九十一二三四五六七八九十"),
        box(40, 74, 100, 94, "完了。"),
        box(40, 108, 440, 128, "一二三四五六七八九十一二三四五六七八九十"),
        box(40, 142, 80, 162, "镇长"),
        box(200, 142, 240, 162, "张三"),
    ]
    got = [t for t, _ in texts(page(*boxes))]
    assert got == [
        "一二三四五六七八九十一二三四五六七八九十",
        "完了。",
        "",
        "一二三四五六七八九十一二三四五六七八九十",
        "镇长 张三",
    ]


def test_a_turned_page_is_straightened_before_its_lines_are_cut():
    import math

    a = math.radians(2.0)
    boxes = []
    for k in range(4):
        x0, y0 = 40, 40 + 30 * k
        pts = [(x0, y0), (x0 + 600, y0), (x0 + 600, y0 + 20), (x0, y0 + 20)]
        quad = [[x * math.cos(a) - y * math.sin(a) + 30, x * math.sin(a) + y * math.cos(a)] for x, y in pts]
        boxes.append({"quad": quad, "text": f"第{k}行" + "字" * 27, "score": 0.99, "chars": []})
    got = [t for t, _ in texts(page(*boxes))]
    assert got == [f"第{k}行" + "字" * 27 for k in range(4)]


def test_confusions_of_the_recogniser_are_put_right_one_character_for_one():
    assert layout.repair_line("二O二四年工作回顾") == "二〇二四年工作回顾"
    assert layout.repair_line("任务,基础设施:完善") == "任务，基础设施：完善"
    assert layout.repair_line("完成良好o各村") == "完成良好。各村"
    assert layout.repair_line("GDP 3.5%, CO2") == "GDP 3.5%, CO2"  # Latin text is left alone
    assert layout.repair_line("项目’各项", vertical=True) == "项目，各项"
    assert layout.repair_line("项目’各项") == "项目’各项"  # a quote in horizontal text


def test_a_paragraphs_evidence_has_one_box_per_column_piece_and_its_confidence():
    lines = {
        "3": {"page": 2, "boxes": [[40, 100, 380, 120]], "chars": [[0.9, 0, 0, 1, 1]] * 10, "vertical": False},
        "4": {
            "page": 2,
            "boxes": [[40, 134, 380, 154]],
            "chars": [[0.5, 0, 0, 1, 1]] * 2 + [[1.0, 0, 0, 1, 1]] * 8,
            "vertical": False,
        },
        "5": {"page": 2, "boxes": [[420, 80, 760, 100]], "chars": [[1.0, 0, 0, 1, 1]] * 10, "vertical": False},
    }
    # each line's box widened by a fifth of its height (PAD)
    assert paragraph_ocr(lines, 3, 5) == {
        "page": 2,
        "boxes": [[2, 36, 96, 384, 158], [2, 416, 76, 764, 104]],
        "confidence": 0.933,
        "low_chars": 2,
    }
    assert paragraph_ocr(lines, 7, 9) is None
