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
    assert paras(doc) == [
        ("heading", "东坡镇2024年工作总结"),
        ("heading", "一、主要工作"),
        ("body", "今年以来，我镇扎实推进人居环境整治，完成农村改厕三百户。"),
        ("body", "建成污水管网十二公里。"),
    ]
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
    p.write_text(
        "title\tyear\tcontent\n东坡镇2023年工作总结\t2023\t2023年，东坡镇完成投资3亿元，同比增长12%。\n",
        encoding="utf-8",
    )
    units = read_sources(p)
    assert len(units) == 1
    assert units[0].meta == {"title": "东坡镇2023年工作总结", "year": "2023"}
    assert [l.text for l in units[0].lines] == ["2023年，东坡镇完成投资3亿元，同比增长12%。"]


def make_report_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("东坡镇2024年重点项目表", level=1)
    d.add_paragraph("今年全镇安排重点项目三个，总投资五亿元。")
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("序号", "项目名称", "投资（万元）"), ("1", "污水管网改造", "12000"), ("2", "", "8000")]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    d.add_paragraph("东坡镇人民政府")
    d.save(str(path))


def test_word_table_is_one_paragraph_per_row_with_cells_separated(tmp_path):
    p = tmp_path / "projects.docx"
    make_report_docx(p)
    doc = build_document(p, None, p.name, read_sources(p)[0])
    assert paras(doc) == [
        ("heading", "东坡镇2024年重点项目表"),
        ("body", "今年全镇安排重点项目三个，总投资五亿元。"),
        ("body", "序号 | 项目名称 | 投资（万元）"),
        ("body", "1 | 污水管网改造 | 12000"),
        ("body", "2 | 8000"),
        ("heading", "东坡镇人民政府"),
    ]


def break_a_relationship(path: Path) -> None:
    """Add a relationship to a part the package does not have (Word and WPS still open it)."""
    import zipfile

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdGone" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/image" Target="media/gone.png"/>'
                    b"</Relationships>",
                )
            zout.writestr(item, data)
    tmp.replace(path)


def test_docx_with_a_relationship_to_a_missing_part_is_read_from_its_document_xml(tmp_path):
    import docx
    import pytest

    p = tmp_path / "projects.docx"
    make_report_docx(p)
    break_a_relationship(p)
    with pytest.raises(KeyError):
        docx.Document(str(p))  # what python-docx alone does with such a file
    doc = build_document(p, None, p.name, read_sources(p)[0])
    assert paras(doc)[:3] == [
        ("heading", "东坡镇2024年重点项目表"),
        ("body", "今年全镇安排重点项目三个，总投资五亿元。"),
        ("body", "序号 | 项目名称 | 投资（万元）"),
    ]
    assert len(doc.paragraphs) == 6


def test_a_file_that_is_no_docx_says_what_to_do(tmp_path):
    import pytest
    from indexer.read import ReadError

    p = tmp_path / "old.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)  # an OLE .doc renamed
    with pytest.raises(ReadError, match="save it as .docx"):
        read_sources(p)


def make_pdf_with_footnotes(path: Path) -> None:
    """Two pages of 12-point body text; footnotes in 8 points at the foot of page 1, the
    sentence running on to page 2 after them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    pages = [
        (
            [
                "一、主要工作",
                "今年全镇深入推进“千万工程”①，完成农村改厕三百户，新建污水管",
                "网十二公里，村庄面貌明显改善。全镇上下齐心协力，持续深化人居环境",
                "整治，建成美丽乡村精品线两条②，乡村旅游接待游客",
            ],
            [
                "①“千万工程”：浙江省2003年启动的“千村示范、万村整治”工程，",
                "此后不断深化。",
                "②精品线：串联若干村庄的示范线路。",
            ],
        ),
        (["二十万人次，同比增长百分之十五。"], []),
    ]
    for number, (body, notes) in enumerate(pages, start=1):
        c.setFont("STSong-Light", 12)
        y = 760
        for line in body:
            c.drawString(72, y, line)
            y -= 20
        c.setFont("STSong-Light", 8)
        y = 110
        for line in notes:
            c.drawString(72, y, line)
            y -= 12
        c.setFont("STSong-Light", 12)
        c.drawString(290, 40, str(number))
        c.showPage()
    c.save()


def test_pdf_footnotes_are_notes_and_the_sentence_runs_on_across_them(tmp_path):
    p = tmp_path / "report.pdf"
    make_pdf_with_footnotes(p)
    doc = build_document(p, None, p.name, read_sources(p)[0])
    assert paras(doc) == [
        ("heading", "一、主要工作"),
        (
            "body",
            "今年全镇深入推进“千万工程”①，完成农村改厕三百户，新建污水管网十二公里，村庄面貌明显改善。"
            "全镇上下齐心协力，持续深化人居环境整治，建成美丽乡村精品线两条②，乡村旅游接待游客二十万人次，"
            "同比增长百分之十五。",
        ),
        ("note", "①“千万工程”：浙江省2003年启动的“千村示范、万村整治”工程，此后不断深化。"),
        ("note", "②精品线：串联若干村庄的示范线路。"),
    ]


def test_footnote_area_is_the_small_type_at_the_page_foot():
    from indexer.read_pdf import footnote_lines

    lines = [
        ("正文第一行", 12.0),
        ("小字插在正文中", 8.0),
        ("正文第二行", 12.0),
        ("①注一", 8.0),
        ("续行", 8.0),
        ("", 0.0),
        ("[2]注二", 8.0),
    ]
    assert footnote_lines(lines, 12.0) == {3: "start", 4: "cont", 6: "start"}
    assert footnote_lines([("正文", 12.0)], 12.0) == {}


def test_a_folders_readme_and_manifest_are_not_documents(tmp_path):
    from indexer.build import BuildReport, collect

    (tmp_path / "README.md").write_text("# 本资料集说明\n\n收录东坡镇文件。", encoding="utf-8")
    (tmp_path / "MANIFEST.md").write_text("文件清单", encoding="utf-8")
    (tmp_path / "总结.md").write_text("# 东坡镇工作总结\n\n今年完成投资三亿元。", encoding="utf-8")
    report = BuildReport(home=str(tmp_path))
    assert [s.path.name for s in collect([tmp_path], report)] == ["总结.md"]
    # named on its own, a readme is read like any Markdown file
    assert [s.path.name for s in collect([tmp_path / "README.md"], report)] == ["README.md"]


PAGE = """<html><head><title>东坡镇召开人居环境整治推进会_东坡镇人民政府</title></head><body>
<div class="top"><a href="/">网站首页</a> <a href="/zw">政务公开</a> <a href="/xw">新闻中心</a></div>
<div style="display:none">东坡镇人民政府</div>
<h1><a href="/this">东坡镇召开人居环境整治推进会</a></h1>
<div>发布时间：2024-03-05</div>
<div class="article">
<p>3月5日，东坡镇召开人居环境整治推进会</p>
<p>会议要求，各村要压实责任，确保整治取得实效。</p>
<p>东坡镇党政办</p>
</div>
<div><span onclick="window.print()">打印</span><span onclick="window.close()">关闭</span></div>
<ul><li><a href="/a">东坡镇开展春季植树活动</a></li><li><a href="/b">东坡镇召开安全生产会议</a></li></ul>
</body></html>"""


def test_html_keeps_the_article_blocks_as_paragraphs_and_drops_navigation(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    src = read_sources(p)[0]
    assert [(l.text, l.role) for l in src.lines if l.text] == [
        ("东坡镇召开人居环境整治推进会", "heading"),
        ("发布时间：2024-03-05", "start"),
        ("3月5日，东坡镇召开人居环境整治推进会", "start"),
        ("会议要求，各村要压实责任，确保整治取得实效。", "start"),
        ("东坡镇党政办", "start"),
    ]
    doc = build_document(p, None, p.name, src)
    # a block that does not end in a full stop is still a paragraph end in HTML
    assert [t for _, t in paras(doc)][-3:] == [
        "3月5日，东坡镇召开人居环境整治推进会",
        "会议要求，各村要压实责任，确保整治取得实效。",
        "东坡镇党政办",
    ]


def test_link_density():
    from indexer.read import link_dense

    assert link_dense("网站首页 政务公开", 8)
    assert not link_dense("详见《东坡镇人居环境整治方案》。", 14)  # a sentence with a link in it
    assert not link_dense("东坡镇党政办", 0)


def test_a_broken_pdf_says_what_to_do(tmp_path):
    import pytest
    from indexer.read import ReadError

    p = tmp_path / "cut.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n")  # cut short
    with pytest.raises(ReadError, match="save it again"):
        read_sources(p)


def test_a_password_protected_pdf_is_named_as_such():
    from indexer.read_pdf import unreadable_reason
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    assert unreadable_reason(PDFPasswordIncorrect()).startswith("password-protected PDF")


def test_markdown_table_is_one_paragraph_per_row(tmp_path):
    p = tmp_path / "projects.md"
    p.write_text(
        "# 重点项目\n\n| 序号 | 项目名称 | 投资 |\n|---|:---|---:|\n| 1 | **污水管网** | 1.2亿元 |\n| 2 | 道路 | |\n",
        encoding="utf-8",
    )
    doc = build_document(p, None, p.name, read_sources(p)[0])
    assert paras(doc) == [
        ("heading", "重点项目"),
        ("body", "序号 | 项目名称 | 投资"),
        ("body", "1 | 污水管网 | 1.2亿元"),
        ("body", "2 | 道路"),
    ]


def test_markdown_is_reported_as_markdown(tmp_path):
    from indexer.build import build

    src = tmp_path / "src"
    src.mkdir()
    (src / "总结.md").write_text("# 东坡镇工作总结\n\n今年完成投资三亿元。\n", encoding="utf-8")
    report = build([src], tmp_path / "home")
    assert report.formats == {"md": {"files": 1, "documents": 1, "skipped": 0}}
