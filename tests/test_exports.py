"""Exports that say what they did: nothing cut without a word, the whole archive on
request, and no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from archive.export import FORMULA_STARTS, safe_cell
from archive.search import Archive
from indexer.build import build
from web import create_app

N = 10_050  # more than the old cap of 10,000


@pytest.fixture(scope="module")
def big_home(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("big")
    (root / "src").mkdir()
    lines = [f"第{k}项：平湖市推进腾笼换鸟第{k}号工程，编号{k * 7919 % 100003}。" for k in range(N)]
    (root / "src" / "平湖.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    report = build([root / "src"], root / "home")
    assert report.paragraphs == N
    return root / "home"


def invoke(*args: str):
    out = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert out.exit_code == 0, out.output
    return out


def test_cli_export_without_a_query_is_the_whole_archive(big_home):
    out = invoke("export", "--home", str(big_home))
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == N == len({r["id"] for r in rows})
    assert [r["n"] for r in rows] == list(range(1, N + 1))  # document order within the oldest sort


def test_cli_export_of_a_query_is_not_cut(big_home, tmp_path):
    target = tmp_path / "hits.csv"
    out = invoke("export", "腾笼换鸟", "--format", "csv", "-o", str(target), "--home", str(big_home))
    table = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert len(table) == N and f"{N:,} of {N:,} matching paragraphs written" in out.stderr


def test_cli_export_limit_says_what_it_left_out(big_home, tmp_path):
    target = tmp_path / "some.jsonl"
    out = invoke("export", "腾笼换鸟", "--limit", "150", "-o", str(target), "--home", str(big_home))
    assert len(target.read_text(encoding="utf-8").splitlines()) == 150  # not stopped at 100
    assert f"stopped at --limit 150: {N - 150:,} more paragraphs match" in out.stderr


def test_web_export_streams_every_row(big_home):
    client = create_app(big_home).test_client()
    r = client.get("/export.csv?q=腾笼换鸟")
    assert r.status_code == 200 and r.is_streamed and r.headers["X-Export-Count"] == str(N)
    rows = list(csv.reader(io.StringIO(r.get_data().decode("utf-8-sig"))))
    assert len(rows) == N + 1
    j = json.loads(client.get("/export.json?q=腾笼换鸟").get_data())
    assert j["count"] == N and len(j["paragraphs"]) == N and j["truncated"] is False
    whole = client.get("/export.jsonl")  # no query: the whole archive
    assert len(whole.get_data().splitlines()) == N


FORMULAS = ["=HYPERLINK(\"http://evil.example/\",\"点击\")", "=cmd|' /C calc'!A0", "+1+2", "-3+4", "@SUM(A1:A2)"]


def test_safe_cell():
    assert [safe_cell(v) for v in FORMULAS] == ["'" + v for v in FORMULAS]
    assert safe_cell("\t=1") == "'\t=1" and safe_cell("\r=1") == "'\r=1"
    assert safe_cell("腾笼换鸟") == "腾笼换鸟" and safe_cell(2024) == 2024 and safe_cell("") == ""


def test_formula_cells_are_neutralised_in_both_csv_exports(tmp_path):
    d = tmp_path / "f"
    d.mkdir()
    paragraphs = [f"{v}，腾笼换鸟第{k}段。" for k, v in enumerate(FORMULAS)]
    (d / "evil.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (d / "catalog.toml").write_text(
        '[[document]]\nfile = "evil.txt"\nid = "evil"\ntitle = "=1+1"\ncounty = "平湖市"\nspeaker = "@admin"\n',
        encoding="utf-8",
    )
    home = tmp_path / "h"
    build([d], home)
    texts = {p["text"] for p in Archive(home).iter_matches("腾笼换鸟")}
    assert texts == set(paragraphs)  # indexed as written
    web = create_app(home).test_client().get("/export.csv?q=腾笼换鸟").get_data()
    target = tmp_path / "cli.csv"
    invoke("export", "腾笼换鸟", "--format", "csv", "-o", str(target), "--home", str(home))
    for data in (web, target.read_bytes()):
        # read the file back as a spreadsheet does: every cell, first character
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1:]
        cells = [c for r in rows for c in r if c]
        assert len(rows) == len(FORMULAS)
        assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
        header = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[0]
        by = [dict(zip(header, r)) for r in rows]
        assert sorted(r["text"] for r in by) == sorted("'" + p for p in paragraphs)
        assert {r["title"] for r in by} == {"'=1+1"} and {r["speaker"] for r in by} == {"'@admin"}
