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
}
