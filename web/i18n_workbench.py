"""Interface strings of the researcher's workbench (concordance, batch search, saved
searches, side by side), in Chinese and English; merged into web/i18n.py's STRINGS."""
from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "kwic": ("语境索引", "Concordance"),
    "kwic_width": ("每侧字数", "Characters each side"),
    "kwic_show": ("显示", "Show"),
    "kwic_lines": ("处出现", "occurrences"),
    "kwic_left": ("左语境", "Left context"),
    "kwic_hit": ("检索词", "Hit"),
    "kwic_right": ("右语境", "Right context"),
    "kwic_sort_oldest": ("年份（最早）", "Year (oldest)"),
    "kwic_sort_newest": ("年份（最新）", "Year (newest)"),
    "kwic_sort_place": ("地区", "Place"),
    "kwic_sort_left": ("左侧字", "Left characters"),
    "kwic_sort_right": ("右侧字", "Right characters"),
    "kwic_sort_left_words": ("左侧词", "Left words"),
    "kwic_sort_right_words": ("右侧词", "Right words"),
    "syntax_kwic": ("语境索引：每处出现一行，按左右语境排序，例如 /kwic?q=腾笼换鸟&sort=left",
                    "Concordance: one line per occurrence, sortable by context, e.g. /kwic?q=腾笼换鸟&sort=left"),
    "batch": ("批量检索", "Batch search"),
    "batch_intro": ("一次检索多个短语（每行一个，或上传 .txt / .csv 文件）：按地区和年份列出匹配段落数（括号内为文档数）和首次出现年份。",
                    "Many phrases at once (one a line, or upload a .txt / .csv file): matching paragraphs per place "
                    "and year (documents in brackets) and the year each first appears."),
    "batch_phrases": ("短语（每行一个）", "Phrases (one a line)"),
    "batch_file": ("或上传文件", "or upload a file"),
    "batch_place": ("地区层级", "Place level"),
    "batch_time": ("年份口径", "Years by"),
    "batch_run": ("批量检索", "Count"),
    "batch_unknown_year": ("年份不详", "Year unknown"),
    "syntax_batch": ("批量检索：每行一个短语，得到地区×年份表，例如", "Batch search: one phrase a line gives a place × year table, e.g."),
}
