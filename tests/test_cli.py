"""The `archive` command line on a real index."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from cli.main import main
from archive.model import PARAGRAPH_FIELDS


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_index_prints_a_summary_and_reports_skips(seeds_copy, tmp_path):
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "loose.txt").write_text("2024年，曹桥街道将推进数字经济。\n", encoding="utf-8")
    home = str(tmp_path / "home")
    out = CliRunner().invoke(main, ["index", str(seeds_copy), "--home", home])
    assert out.exit_code == 0, out.output
    assert "6 documents" in out.output and "6 added" in out.output
    assert "skipped" in out.output and "empty file" in out.output
    assert "no catalog entry" in out.output and "loose.txt" in out.output
    again = run("index", str(seeds_copy), "--home", home, "--json")
    report = json.loads(again.output)
    assert report["unchanged"] == 6 and report["added"] == []


def test_search_human_output(seed_home):
    out = run("search", "腾笼换鸟", "--home", str(seed_home), "--limit", "3")
    assert out.exit_code == 0
    assert out.output.startswith("8 paragraphs for «腾笼换鸟», showing 1-3")
    assert "township:" in out.output and "新埭镇 2" in out.output


def test_search_json_shape(seed_home):
    out = run("search", "枫桥经验", "--home", str(seed_home), "--township", "林埭镇", "--json")
    data = json.loads(out.output)
    assert list(data) == ["query", "total", "hits", "facets"]
    assert data["total"] > 0 and all(h["township"] == "林埭镇" and h["speaker"] == "倪建锋" for h in data["hits"])
    assert all(list(h)[: len(PARAGRAPH_FIELDS)] == list(PARAGRAPH_FIELDS) for h in data["hits"])
    assert {f["value"] for f in data["facets"]["township"]} >= {"林埭镇", "当湖街道"}


def test_malformed_query_is_a_clear_error_not_a_traceback(seed_home):
    for bad in ('"腾笼', "-", "OR"):
        out = CliRunner().invoke(main, ["search", bad, "--home", str(seed_home)])
        assert out.exit_code == 2 and "Error:" in out.output and "Traceback" not in out.output
    out = CliRunner().invoke(main, ["search", "--home", str(seed_home)])
    assert out.exit_code == 2 and "empty query" in out.output


def test_missing_index_is_a_clear_error(tmp_path):
    out = CliRunner().invoke(main, ["search", "x", "--home", str(tmp_path / "none")])
    assert out.exit_code == 1 and "archive index" in out.output


def test_show_prints_paragraph_neighbours_and_source_lines(seed_home):
    out = run("show", "pinghu-2023-xinde-2", "--home", str(seed_home))
    assert "[1] 编者按" in out.output and "[2] 党的二十大报告" in out.output and "[3] 深刻领悟" in out.output
    assert "speaker: 金一" in out.output
    assert "     9 | 党的二十大报告中强调要“健全城乡社区治" in out.output
    # the evidence of each tag, as the indexer recorded it
    assert "why these tags:" in out.output and '  year: catalog field date "2023-11"' in out.output
    assert "speaker: signature line" in out.output
    data = json.loads(run("show", "pinghu-2023-xinde-2", "--home", str(seed_home), "--json").output)
    assert data["paragraph"]["source_lines"] == [9, 19] and len(data["source"]) == 11
    assert CliRunner().invoke(main, ["show", "nope", "--home", str(seed_home)]).exit_code == 1


def test_export_jsonl_and_csv(seed_home, tmp_path):
    out = run("export", "腾笼换鸟", "--home", str(seed_home))
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert len(rows) == 8 and all(list(r) == list(PARAGRAPH_FIELDS) for r in rows)
    target = tmp_path / "hits.csv"
    run("export", "腾笼换鸟", "--format", "csv", "-o", str(target), "--home", str(seed_home))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(table) == 8 and table[0]["source_lines"].count("-") == 1


def test_stats(seed_home):
    out = run("stats", "--home", str(seed_home))
    import re

    assert re.search(r"5 documents, \d+ paragraphs", out.output)
    data = json.loads(run("stats", "--json", "--home", str(seed_home)).output)
    assert data["documents"] == 5 and sum(d["paragraphs"] for d in data["docs"]) == data["paragraphs"]
    assert {f["value"] for f in data["facets"]["county"]} == {"平湖市", "桐乡市"}


def test_index_notes_of_one_kind_are_capped_unless_verbose(tmp_path):
    """Ten uncatalogued files: the summary shows NOTES_SHOWN notes and counts the rest; --verbose lists all."""
    from click.testing import CliRunner

    from cli.main import NOTES_SHOWN, main

    src = tmp_path / "src"
    src.mkdir()
    n = NOTES_SHOWN + 3
    for i in range(n):
        (src / f"doc{i:02d}.txt").write_text(
            f"平湖市新埭镇第{i + 1}份材料\n今年我们推进腾笼换鸟，第{i}批企业完成改造，亩均税收继续提升。\n",
            encoding="utf-8",
        )
    out = CliRunner().invoke(main, ["index", str(src), "--home", str(tmp_path / "h")])
    assert out.exit_code == 0, out.output
    notes = [l for l in out.output.splitlines() if l.strip().startswith("note:")]
    assert len(notes) == NOTES_SHOWN
    assert f"… and {n - NOTES_SHOWN} more note lines" in out.output
    out = CliRunner().invoke(main, ["index", str(src), "--home", str(tmp_path / "h"), "--rebuild", "-v"])
    notes = [l for l in out.output.splitlines() if l.strip().startswith("note:")]
    assert len(notes) == n and "more note lines" not in out.output
