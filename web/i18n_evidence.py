"""The paragraph page's "why?" (evidence) in Chinese.

The indexer writes each field's evidence as a short English note with the text it relied on
in quotes (``heading line 12 "二、2024年工作安排" (period_headings.tsv)``). The Chinese page
shows the same note with its English words translated, phrase by phrase, and the quoted
text, names and data file names untouched. The phrases are the indexer's vocabulary of
evidence (indexer/places.py, dating.py, titles.py, rules.py, tag.py, catalog.py); a phrase
not listed stays in English rather than being guessed.
"""

from __future__ import annotations

import re
from typing import Callable

_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|\'[^\']*\'')

# (English pattern, Chinese): applied in order outside the quotes, most specific first.
_RULES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"made from place, year and type \(the text has no title line\)", "由地区、年份和类型生成（正文没有标题行）"),
    (r"\(review of (\d+), so the next year\)", r"（回顾\1年，故为其后一年）"),
    (r"\(review of (\d+), which it calls this year\)", r"（回顾\1年，文中称之为今年）"),
    (r"\(plan for (\d+)\)", r"（\1年的安排）"),
    (r"\(the text calls (\d+) this year; ([\w.]+)\)", r"（文中称\1年为今年；\2）"),
    (r"with the place \(([^)]*)\)", r"，加上地区（\1）"),
    (r"no place found in catalog, file name, title or text", "目录、文件名、标题和正文中都没有找到地区"),
    (r"a township named by the text", "正文提到的乡镇"),
    (r"gazetteer: with the other townships named, in (\S+)", r"地名表：与文中其他乡镇同在\1"),
    (r"gazetteer: unique township name", "地名表：乡镇名唯一"),
    (r"gazetteer: (\d+) townships of this name, county not named", r"地名表：有\1个同名乡镇，未提到所属县"),
    (r"gazetteer: (\S+) is in (\S+)", r"地名表：\1属于\2"),
    (r"level of (\S+) in the gazetteer", r"地名表中\1的层级"),
    (r"(explicit|fragment-closing|fragment-inherit) piece from line (\d+)", r"第\2行的分篇开头"),
    (r"heading line (\d+)", r"第\1行小标题"),
    (r"title line (\d+)", r"第\1行标题"),
    (r"byline line (\d+)", r"第\1行署名"),
    (r"signature line (\d+)", r"第\1行落款"),
    (r"opening statement", "开头的表述"),
    (r"opening line", "开头一行"),
    (r"\bline (\d+)", r"第\1行"),
    (r"collection field (\w+)", lambda m: f"资料集字段「{_field(m.group(1))}」"),
    (r"catalog field (\w+)", lambda m: f"目录字段「{_field(m.group(1))}」"),
    (r"page metadata date", "网页元数据日期"),
    (r"page metadata (\w+)", r"网页元数据 \1"),
    (r"national marker", "全国性标志"),
    (r"file name", "文件名"),
    (r"\bdateline\b", "日期行"),
    (r"\bissuer\b", "发文机关"),
    (r"\bstatement\b", "表述"),
    (r"\bheading\b", "小标题"),
    (r"\btitle\b", "标题"),
    (r"\bwith\b", "，含"),
]
# catalog and collection keys that are not the paragraph field's own name
_KEYS = {"type": "doc_type"}


def _field(key: str) -> str:
    from .i18n import field_label

    return field_label(_KEYS.get(key, key), "zh")


_COMPILED = [(re.compile(p), zh) for p, zh in _RULES]


def evidence_text(why: object, lang: str = "zh") -> str:
    """One evidence note in the page's language (English: as the indexer wrote it)."""
    text = "" if why is None else str(why)
    if lang == "en":
        return text
    kept: list[str] = []

    def keep(m: re.Match[str]) -> str:
        kept.append(m.group(0))
        return f"\x00{len(kept) - 1}\x00"

    out = _QUOTED.sub(keep, text)
    for rx, zh in _COMPILED:
        out = rx.sub(zh, out)
    out = re.sub(r"\s*，", "，", out)
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], out)
