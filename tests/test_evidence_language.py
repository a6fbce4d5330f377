"""The paragraph page's "why?" reads in the page's language: the indexer's English notes are
shown in Chinese on the Chinese page (quoted text, names and data file names untouched) and
as written on the English one."""

from __future__ import annotations

import html
import re

import pytest

from web.i18n_evidence import evidence_text

EXACT = [
    (
        'heading line 12 "二、2024年工作安排" (period_headings.tsv)',
        '第12行小标题 "二、2024年工作安排" (period_headings.tsv)',
    ),
    (
        'heading "一、2023年工作回顾" (review of 2023, so the next year)',
        '小标题 "一、2023年工作回顾" （回顾2023年，故为其后一年）',
    ),
    ('heading "二、2024年工作安排" (plan for 2024)', '小标题 "二、2024年工作安排" （2024年的安排）'),
    ("made from place, year and type (the text has no title line)", "由地区、年份和类型生成（正文没有标题行）"),
    ("gazetteer: 平湖市 is in 浙江省", "地名表：平湖市属于浙江省"),
    ("level of 新埭镇 in the gazetteer", "地名表中新埭镇的层级"),
    ('title line 1 "政府工作报告" with the place (平湖市)', '第1行标题 "政府工作报告"，加上地区（平湖市）'),
    ('byline line 5 "市长 张三" (bylines.tsv)', '第5行署名 "市长 张三" (bylines.tsv)'),
    ('signature line 9 "新埭镇人民政府"', '第9行落款 "新埭镇人民政府"'),
    ('catalog field type "表态发言"', '目录字段「文本类型」 "表态发言"'),
    ("collection field title", "资料集字段「标题」"),
    ('explicit piece from line 3 "当湖街道"', '第3行的分篇开头 "当湖街道"'),
    ('page metadata date "2026-02-09"', '网页元数据日期 "2026-02-09"'),
    ('line 4 "the line says with heading"', '第4行 "the line says with heading"'),  # quotes untouched
    ("national marker 国务院", "全国性标志 国务院"),
    ("file name 平湖.txt", "文件名 平湖.txt"),
]


@pytest.mark.parametrize("english,chinese", EXACT)
def test_evidence_in_chinese_exact(english, chinese):
    assert evidence_text(english, "zh") == chinese
    assert evidence_text(english, "en") == english


def _outside_quotes(text: str) -> str:
    text = re.sub(r'"[^"]*"|“[^”]*”|\'[^\']*\'', "", text)
    return re.sub(r"[\w.-]+\.(tsv|txt|docx|pdf|html?|csv|jsonl?)\b", "", text)


def test_every_seed_paragraph_page_explains_itself_in_chinese(client, archive):
    paras = [p for d in archive.stats()["docs"] for p in archive.document(d["doc_id"])]
    checked = 0
    for p in paras:
        if not p.get("evidence"):
            continue
        zh = client.get(f"/p/{p['id']}").get_data(as_text=True)
        block = html.unescape(zh.split('id="evidence"')[1].split("</details>")[0])
        for why in p["evidence"].values():
            shown = evidence_text(why, "zh")
            assert shown in block
            assert not re.search(r"[A-Za-z]{3,}", _outside_quotes(shown)), (why, shown)
        en = html.unescape(client.get(f"/p/{p['id']}?lang=en").get_data(as_text=True))
        assert all(str(why) in en for why in p["evidence"].values())
        checked += 1
    assert checked > 100
