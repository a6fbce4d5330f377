"""Readers that keep a document's structure: Markdown with front matter, TSV with tabs,
Word tables row by row, a Word package with a broken relationship, PDF footnotes.
Every file is made here by the test itself."""
from __future__ import annotations

from pathlib import Path

from indexer.pipeline import build_document
from indexer.read import read_sources


def paras(doc):
    return [(p.kind, p.text) for p in doc.paragraphs]


MD = """---
title: 东坡镇2024年工作总结
date: 2024-12-30
作者: 张明
township: 东坡镇
tags: [总结, 2024]
---
# 东坡镇2024年工作总结

## 一、主要工作

今年以来，我镇**扎实推进**人居环境整治，
完成[农村改厕](https://example.org/a)三百户。![现场](a.png)

- 建成污水管网十二公里。
"""


def test_markdown_front_matter_is_metadata_and_hash_lines_are_headings(tmp_path):
    p = tmp_path / "summary.md"
    p.write_text(MD, encoding="utf-8")
    src = read_sources(p)[0]
    assert src.meta == {"title": "东坡镇2024年工作总结", "date": "2024-12-30", "township": "东坡镇", "speaker": "张明"}
    doc = build_document(p, None, p.name, src)
    assert paras(doc) == [("heading", "东坡镇2024年工作总结"), ("heading", "一、主要工作"),
                          ("body", "今年以来，我镇扎实推进人居环境整治，完成农村改厕三百户。"),
                          ("body", "建成污水管网十二公里。")]
    assert doc.title == "东坡镇2024年工作总结" and doc.year == 2024
    # paragraphs point at their lines in the file as written
    assert [p.source_lines for p in doc.paragraphs] == [[8, 8], [10, 10], [12, 13], [15, 15]]


def test_markdown_without_front_matter_and_a_lone_rule(tmp_path):
    from indexer.read_md import front_matter, strip_inline
    assert front_matter(["---", "no closing fence"]) == ({}, 0)
    assert front_matter(["---", "title: 标题", "---", "正文"]) == ({"title": "标题"}, 3)
    assert strip_inline("**重点**、*次要*、`代码`、~~删除~~、[链接](u)") == "重点、次要、代码、删除、链接"
    assert strip_inline("snake_case_name 与 __粗体__") == "snake_case_name 与 粗体"


def test_tsv_is_read_with_tabs(tmp_path):
    p = tmp_path / "reports.tsv"
    p.write_text("title\tyear\tcontent\n东坡镇2023年工作总结\t2023\t2023年，东坡镇完成投资3亿元，同比增长12%。\n",
                 encoding="utf-8")
    units = read_sources(p)
    assert len(units) == 1
    assert units[0].meta == {"title": "东坡镇2023年工作总结", "year": "2023"}
    assert [l.text for l in units[0].lines] == ["2023年，东坡镇完成投资3亿元，同比增长12%。"]
