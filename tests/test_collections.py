"""Real collections: Word, PDF, CSV and JSONL sources and GBK text, each made here by the
test itself, with the exact paragraphs and tags they must produce; and duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive import store
from archive.search import Archive
from indexer.build import build
from indexer.catalog import Entry
from indexer.pipeline import build_document
from indexer.read import ReadError, read_sources

REPORT = [
    "各位代表：",
    "现在，我代表市人民政府向大会报告工作，请予审议。",
    "一、2023年工作回顾",
    "过去一年，我们深入推进“腾笼换鸟”，全年腾退低效用地2500亩。",
    "二、2024年工作安排",
    "2024年，坚持和发展新时代“枫桥经验”，深化千万工程。",
]


def paras(doc):
    return [(p.kind, p.text) for p in doc.paragraphs]


def make_docx(path: Path, lines: list[str]) -> None:
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(str(path))


def make_pdf(path: Path, pages: list[list[str]], header: str | None = None) -> None:
    """A born-digital PDF with a text layer (CID font, no font file needed)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        c.setFont("STSong-Light", 12)
        if header:
            c.drawString(72, 800, header)
        y = 760
        for line in lines:
            c.drawString(72, y, line)
            y -= 20
        c.drawString(290, 40, str(number))
        c.showPage()
    c.save()


def test_docx_keeps_paragraphs(tmp_path):
    p = tmp_path / "嘉兴.docx"
    make_docx(p, REPORT)
    doc = build_document(p, None, p.name, read_sources(p)[0])
    assert paras(doc) == [
        ("body", "各位代表："),
        ("body", REPORT[1]),
        ("heading", "一、2023年工作回顾"),
        ("body", REPORT[3]),
        ("heading", "二、2024年工作安排"),
        ("body", REPORT[5]),
    ]
    assert (doc.city, doc.province, doc.level, doc.county) == ("嘉兴市", "浙江省", "city", None)
    assert [p.period for p in doc.paragraphs][2:] == [2023, 2023, 2024, 2024]
    assert {p.year for p in doc.paragraphs} == {2024}


def test_pdf_drops_running_headers_and_page_numbers_and_joins_across_pages(tmp_path):
    p = tmp_path / "2024年平湖市政府工作报告.pdf"
    make_pdf(
        p,
        [
            [
                "2024年平湖市政府工作报告",
                "一、2023年工作回顾",
                "过去一年，我们深入推进“腾笼",
            ],
            ["换鸟”，全年腾退低效用地2500亩。", "二、2024年工作安排"],
            ["2024年，深化千万工程。"],
        ],
        header="平湖市人民政府办公室",
    )
    doc = build_document(p, None, p.name, read_sources(p)[0])
    assert paras(doc) == [
        ("heading", "2024年平湖市政府工作报告"),
        ("heading", "一、2023年工作回顾"),
        ("body", "过去一年，我们深入推进“腾笼换鸟”，全年腾退低效用地2500亩。"),
        ("heading", "二、2024年工作安排"),
        ("body", "2024年，深化千万工程。"),
    ]
    assert (doc.county, doc.city, doc.level, doc.year) == ("平湖市", "嘉兴市", "county", 2024)


def test_scanned_pdf_without_text_is_reported(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(ReadError, match="scanned PDF without a text layer"):
        read_sources(p)


def test_csv_with_bom_multiline_fields_and_page_buttons(tmp_path):
    p = tmp_path / "2026_浙江省_政府工作报告.csv"
    text = (
        "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年浙江省政府工作报告\n来源：浙江日报\n"
        "浙江省省长 刘捷\n各位代表：\n一、2025年主要工作\n深化“千万工程”[1]，李　强同志指出要共同富裕。\n相关报道\n某某新闻"
    )
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["province", "year", "title", "source_url", "publish_date", "full_text"])
    w.writerow(["浙江省", "2026", "2026年浙江省政府工作报告", "https://example.org/r", "2026-01-22", text])
    p.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))
    units = read_sources(p)
    assert len(units) == 1 and units[0].meta["title"] == "2026年浙江省政府工作报告"
    doc = build_document(p, None, p.name + "#1", units[0])
    assert paras(doc) == [
        ("heading", "2026年浙江省政府工作报告"),
        ("signature", "浙江省省长 刘捷"),
        ("body", "各位代表："),
        ("heading", "一、2025年主要工作"),
        ("body", "深化“千万工程”，李强同志指出要共同富裕。"),
    ]
    assert (doc.province, doc.level, doc.year, doc.date, doc.publisher) == (
        "浙江省",
        "province",
        2026,
        "2026-01-22",
        "浙江日报",
    )
    assert (
        doc.paragraphs[-1].speaker == "刘捷" and doc.paragraphs[-1].year == 2026 and doc.paragraphs[-1].period == 2025
    )


def test_jsonl_with_null_years(tmp_path):
    p = tmp_path / "reports.jsonl"
    rows = [
        {
            "title": "2025年中华人民共和国国务院政府工作报告",
            "url": "u1",
            "content": "各位代表：\n\n现在，我代表国务院，向大会报告政府工作。",
            "year": 2025,
        },
        {
            "title": "在中国共产党第九次全国代表大会上的报告",
            "url": "u2",
            "content": "同志们！\n\n大会开幕了。",
            "year": None,
        },
    ]
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    units = read_sources(p)
    docs = [build_document(p, None, f"{p.name}#{u.part}", u) for u in units]
    assert [d.doc_id for d in docs] == ["reports-1", "reports-2"]
    assert [(d.level, d.year, d.province) for d in docs] == [("national", 2025, None), ("national", 1969, None)]
    assert paras(docs[1]) == [("body", "同志们！"), ("body", "大会开幕了。")]


def test_collection_manifest_names_the_columns(tmp_path):
    (tmp_path / "collection.toml").write_text(
        '[csv]\ntext = "正文内容"\ntitle = "标题"\ncounty = "区县"\n', encoding="utf-8"
    )
    p = tmp_path / "data.csv"
    p.write_text(
        "标题,区县,正文内容,备注\n平湖市2024年工作要点,平湖市,\"2024年，当湖街道将推进有机更新。\",x\n",
        encoding="utf-8",
    )
    doc = build_document(p, None, "data.csv#1", read_sources(p)[0])
    assert doc.title == "平湖市2024年工作要点" and doc.county == "平湖市"
    assert doc.paragraphs[0].township == "当湖街道" and doc.paragraphs[0].level == "township"
    (tmp_path / "collection.toml").write_text('[csv]\ntext = "missing"\n', encoding="utf-8")
    with pytest.raises(ReadError, match="names column 'missing'"):
        read_sources(p)


def test_gbk_text_file(tmp_path):
    p = tmp_path / "平湖.txt"
    p.write_bytes(
        "各位代表：\n\n现在，我代表市人民政府向大会报告工作。\n\n2024年，林埭镇将打造“中国棒球第一村”。\n".encode("gbk")
    )
    doc = build_document(p, Entry(file=p.name, county="平湖市", type="政府工作报告"), p.name, read_sources(p)[0])
    assert paras(doc) == [
        ("body", "各位代表："),
        ("body", "现在，我代表市人民政府向大会报告工作。"),
        ("body", "2024年，林埭镇将打造“中国棒球第一村”。"),
    ]
    assert doc.paragraphs[2].township == "林埭镇" and doc.paragraphs[2].level == "township"
    assert doc.paragraphs[0].township is None and doc.paragraphs[0].level == "county"


def test_ambiguous_place_is_left_unset_with_a_note(tmp_path):
    p = tmp_path / "朝阳区.txt"
    p.write_text("各位代表：\n\n今年的工作任务十分繁重。\n", encoding="utf-8")
    doc = build_document(p, None, p.name, read_sources(p)[0])
    assert doc.county is None and doc.level is None and "ambiguous" in doc.place_note


def test_two_copies_under_different_names_are_stored_once(tmp_path):
    src = tmp_path / "src"
    (src / "a").mkdir(parents=True)
    body = "\n\n".join(REPORT) + "\n"
    (src / "a" / "嘉兴.txt").write_text(body, encoding="utf-8")
    (src / "嘉兴市2024年政府工作报告.txt").write_text(body.replace("2500亩", "2500 亩"), encoding="utf-8")
    make_docx(src / "嘉兴.docx", REPORT)
    home = tmp_path / "home"
    report = build([src], home)
    assert report.documents == 1
    assert len(report.duplicates) == 2 and {d[1] for d in report.duplicates} == {"嘉兴"}
    manifest = json.loads(store.manifest_path(home).read_text(encoding="utf-8"))
    aliases = manifest["documents"]["嘉兴"]["aliases"]
    assert sorted(Path(a).name for a in aliases) == ["嘉兴.docx", "嘉兴市2024年政府工作报告.txt"]
    assert Archive(home).search("腾笼换鸟")["total"] == 1


def test_reused_passages_are_found_across_documents(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shared = "建立“一把手”领衔招商机制，实行项目全生命周期管理，做到签约一个、落地一个、投产一个、见效一个"
    (src / "catalog.toml").write_text(
        '[[document]]\nfile = "a.txt"\nid = "a"\ncounty = "平湖市"\n\n[[document]]\nfile = "b.txt"\nid = "b"\ncounty = "桐乡市"\n',
        encoding="utf-8",
    )
    (src / "a.txt").write_text(
        f"2024年，新仓镇将{shared}，全力打造临沪产业高地。\n\n另起一段，讲民生实事。\n", encoding="utf-8"
    )
    (src / "b.txt").write_text(
        f"2024年，濮院镇将坚持{shared}，推动时尚产业升级。\n\n毫不相干的一段话在这里。\n", encoding="utf-8"
    )
    home = tmp_path / "home"
    build([src], home)
    a = Archive(home)
    sim = a.similar("a-1")
    assert [(p["id"], p["township"]) for p in sim] == [("b-1", "濮院镇")]
    assert 0.5 <= sim[0]["similarity"] <= 1.0
    assert a.similar("a-2") == []


def test_the_same_paragraph_in_several_documents_is_one_group(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    same = "全面推行“亩均论英雄”改革，对规上工业企业实行分类综合评价，倒逼低效企业腾笼换鸟"
    for name in ("a", "b", "c"):
        (src / f"{name}.txt").write_text(
            f"{same}。\n\n{name}镇自己的一段话，与别处都不相同，写了足够长的内容以便比较。\n\n{same}。\n",
            encoding="utf-8",
        )
    home = tmp_path / "home"
    build([src], home, keep_duplicates=True)
    a = Archive(home)
    sim = a.similar("a-1")
    assert sorted(p["id"] for p in sim) == ["b-1", "b-3", "c-1", "c-3"]  # never a-3: same document
    assert all(p["similarity"] == 1.0 for p in sim)
    assert a.similar("a-2") == []
    data = json.loads(store.similar_path(home).read_text(encoding="utf-8"))
    assert len(data["groups"]) == 1 and sorted(data["groups"][0]) == ["a-1", "a-3", "b-1", "b-3", "c-1", "c-3"]
