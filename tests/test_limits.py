"""Size and expansion limits: each refusal reported with its limit, over-long runs split at
sentence ends, and hit lists that never carry a giant paragraph whole."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cli.main import main
from archive.config import HIT_TEXT_CHARS, Limits
from archive.search import Archive
from indexer.build import build
from indexer.limits import split_text
from test_collections import make_docx, make_pdf
from web import create_app

SENTENCE = "平湖市推进腾笼换鸟，盘活低效用地，建设现代化产业体系。"  # 27 characters


def test_split_text_cuts_at_sentence_ends():
    text = SENTENCE * 100
    pieces = split_text(text, 500)
    assert "".join(pieces) == text and all(len(p) <= 500 for p in pieces)
    assert all(p.endswith("。") for p in pieces) and len(pieces) == 6
    run = "腾" * 1200  # no sentence end at all
    assert split_text(run, 500) == ["腾" * 500, "腾" * 500, "腾" * 200]
    assert split_text("短。", 500) == ["短。"]


def test_an_over_long_paragraph_is_split_and_reported(tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    clause = "推进腾笼换鸟、盘活低效用地、建设现代化产业体系，"  # no sentence end
    giant = clause * 120 + "独山港镇打造“中国棒球第一村”。"  # 2,896 characters
    normal = [SENTENCE * 4 for _ in range(40)]  # the rest of the report
    (d / "平湖.txt").write_text("\n\n".join(normal[:20] + [giant] + normal[20:]) + "\n", encoding="utf-8")
    report = build([d], tmp_path / "h", limits=Limits(paragraph_chars=1000))
    assert report.documents == 1 and not report.skipped
    ((where, why),) = report.warnings
    assert where.endswith("平湖.txt")
    assert why == (
        "lines 41-41: a paragraph of 2,896 characters split into 3 of at most 1,000 "
        "(archive index --max-paragraph-chars)"
    )
    a = Archive(tmp_path / "h")
    paras = a.document("平湖")
    assert max(len(p["text"]) for p in paras) == 1000
    assert giant in "".join(p["text"] for p in paras)
    assert [h["text"].count("中国棒球第一村") for h in a.search("中国棒球第一村")["hits"]] == [1]


def test_a_single_line_file_becomes_bounded_paragraphs(tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    text = SENTENCE * 400 + "独山港镇打造“中国棒球第一村”。" + SENTENCE * 400  # one line, 21,615 chars
    (d / "平湖.txt").write_text(text + "\n", encoding="utf-8")
    build([d], tmp_path / "h", limits=Limits(paragraph_chars=1000))
    paras = Archive(tmp_path / "h").document("平湖")
    assert all(len(p["text"]) <= 1000 for p in paras) and "".join(p["text"] for p in paras) == text


def test_docx_that_expands_too_far_is_refused(tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    make_docx(d / "bomb.docx", ["腾" * 600_000])  # ~1.8 MB of XML that compresses to a few KB
    make_docx(d / "ok.docx", [SENTENCE])
    report = build([d], tmp_path / "h")
    skipped = dict((Path(p).name, why) for p, why in report.skipped)
    assert list(skipped) == ["bomb.docx"] and report.documents == 1
    assert skipped["bomb.docx"].startswith("Word part word/document.xml expands ")
    assert "over the limit of 100 (archive index --max-docx-ratio)" in skipped["bomb.docx"]
    report = build([d], tmp_path / "h2", limits=Limits(docx_xml_mb=1, docx_ratio=10_000))
    why = dict((Path(p).name, w) for p, w in report.skipped)["bomb.docx"]
    assert why.startswith("Word part word/document.xml expands to 1.") and "over the limit of 1 MB" in why


def test_pdf_pages_and_file_size_limits(tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    pages = [
        ["各位代表：", "现在，我代表市人民政府向大会报告工作。"],
        ["过去一年，我们深入推进“腾笼换鸟”。"],
        ["全年腾退低效用地2500亩。"],
        ["2024年，坚持和发展新时代“枫桥经验”。"],
        ["深化千万工程。"],
    ]
    make_pdf(d / "long.pdf", pages)
    (d / "big.txt").write_text(SENTENCE * 100, encoding="utf-8")
    out = CliRunner().invoke(
        main, ["index", str(d), "--home", str(tmp_path / "h"), "--max-pdf-pages", "3", "--max-file-mb", "0.005"]
    )
    assert out.exit_code == 0, out.output
    assert "long.pdf: PDF of 5 pages is over the limit of 3 pages (archive index --max-pdf-pages)" in out.output
    assert "big.txt: file of 8,100 bytes is over the limit of 0.005 MB (archive index --max-file-mb)" in out.output
    report = build([d], tmp_path / "h2")  # the defaults take both
    assert report.documents == 2 and not report.skipped


def test_hit_lists_carry_snippets_of_giant_paragraphs(tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    clause = "推进腾笼换鸟、盘活低效用地、建设现代化产业体系，"
    giant = clause * 1000 + "独山港镇打造“中国棒球第一村”，" + clause * 1000  # 48,015 characters
    normal = [SENTENCE * 4] * 500  # more text than the giant holds
    (d / "平湖.txt").write_text("\n\n".join(normal[:250] + [giant] + normal[250:]) + "\n", encoding="utf-8")
    build([d], tmp_path / "h", limits=Limits(paragraph_chars=100_000))  # an index from before the limit
    a = Archive(tmp_path / "h")
    (hit,) = a.search("中国棒球第一村")["hits"]
    assert hit["text_cut"] is True and len(hit["text"]) <= HIT_TEXT_CHARS + 2
    ((s, e),) = hit["highlights"]
    assert hit["text"][s:e] == "中国棒球第一村"
    assert a.paragraph(hit["id"])["text"].startswith(giant)  # the paragraph itself is whole
    body = create_app(tmp_path / "h").test_client().get("/api/search?q=中国棒球第一村").get_data()
    assert len(body) < 20_000 and json.loads(body)["hits"][0]["text_cut"] is True
