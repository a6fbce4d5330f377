"""heading_continues reads its rules from archive/data/heading_connectives.tsv: exact outputs."""

from archive.datafiles import rows
from indexer.paragraphs import heading_continues, opens_with_closing_mark


def test_every_row_of_the_table_joins_two_lines():
    # one pair of lines per rule kind, written here: each joins only because of its rule
    ends = {"的": "在龙泉镇第三次会议上的", "在": "关于表彰在", "、": "教育、医疗、", "《": "关于印发《"}
    for where, rx, _why in rows("heading_connectives.tsv"):
        assert where in ("end", "start"), rx
    for tail, first in ends.items():
        assert heading_continues(first, "政府工作报告"), tail
    assert heading_continues("龙泉镇政府工作报告", "》的通知")
    assert opens_with_closing_mark("。二、主要任务") and not opens_with_closing_mark("二、主要任务")


def test_lines_that_do_not_continue():
    assert not heading_continues("龙泉镇人民政府", "2024年3月2日")
    assert not heading_continues("龙泉镇政府工作报告", "各位代表")
    # an unclosed bracket anywhere in the first line still joins (counted in code, not the table)
    assert heading_continues("龙泉镇（2024年", "第一季度）工作要点")
