"""Hostile and broken inputs: ids that look like paths, broken rows, bad bytes. Real files,
a real index on disk; every check names what a user would have lost before."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from archive import store
from archive.ids import safe_id
from archive.search import Archive
from indexer.build import build
from indexer.read import read_sources

TEXT = "2024年，当湖街道将推进有机更新，深化“千万工程”。"
HOSTILE = ["../../docs/good_alpha", "../../../escaped_by_id", "2024/01号"]


def files_under(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_safe_id_is_stable_and_never_a_path():
    assert safe_id("pinghu-2023-xinde") == "pinghu-2023-xinde"  # safe ids unchanged
    assert safe_id("2024/01号") == safe_id("2024/01号") != safe_id("2024-01号")
    for raw in HOSTILE + ["..", ".", "", "a\\b", "a\u202eb", "\x00", "x" * 500, ".hidden"]:
        name = safe_id(raw)
        assert name and "/" not in name and "\\" not in name and ".." not in name
        assert not name.startswith(".") and len(name) <= 110 and name.isprintable()
    assert safe_id("2024/01号").startswith("2024-01号-")


def test_ids_from_a_csv_stay_inside_the_home(tmp_path):
    root = tmp_path / "outer" / "inner"
    docs, data, home = root / "docs", root / "data", root / "home"
    docs.mkdir(parents=True)
    data.mkdir()
    (docs / "good_alpha.txt").write_text("用户自己的文件，不能被覆盖。\n", encoding="utf-8")
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "title", "county", "full_text"])
    for k, raw in enumerate(HOSTILE):
        w.writerow([raw, f"平湖市文件{k}", "平湖市", f"{TEXT}第{k}号。"])
    (data / "rows.csv").write_text(buf.getvalue(), encoding="utf-8")
    before = files_under(tmp_path)

    report = build([data], home)

    assert report.documents == 3 and not report.skipped  # 2024/01号 no longer aborts the run
    after = files_under(tmp_path)
    for p, content in before.items():  # the user's files are untouched
        assert after[p] == content
    new = [p for p in after if p not in before]
    assert new and all(home.resolve() in p.resolve().parents for p in new)
    assert not (tmp_path / "outer" / "escaped_by_id.txt").exists()
    # sources live one level deeper now (home/gen-N/sources): the same ids must not land beside it
    assert not (root / "escaped_by_id.txt").exists() and not (home / "docs").exists()
    sources = store.generation_dir(home) / "sources"
    assert sorted(p.name for p in sources.iterdir()) == sorted(f"{safe_id(r)}.txt" for r in HOSTILE)
    ids = sorted(json.loads(store.manifest_path(home).read_text(encoding="utf-8"))["documents"])
    assert ids == sorted(safe_id(r) for r in HOSTILE)
    manifest = json.loads(store.manifest_path(home).read_text(encoding="utf-8"))["documents"]
    assert sorted(d["given_id"] for d in manifest.values()) == sorted(HOSTILE)  # the original is kept
    warned = " ".join(w for _, w in report.warnings)
    assert all(repr(r) in warned for r in HOSTILE)
    a = Archive(home)
    doc = a.document(safe_id("2024/01号"))
    assert doc and doc[0]["text"] == f"{TEXT}第2号。"
    assert a.source_text(safe_id("2024/01号")).startswith(TEXT)
    assert a.source_text("../../docs/good_alpha") is None
    stats = {d["doc_id"]: d["given_id"] for d in a.stats()["docs"]}
    assert stats == {safe_id(r): r for r in HOSTILE}  # users see the original id
    from click.testing import CliRunner

    from cli.main import main

    shown = CliRunner().invoke(main, ["stats", "--home", str(home)]).output
    assert "(given id '2024/01号')" in shown and "(given id '../../docs/good_alpha')" in shown
    # a second run finds the same names (stable mapping): nothing added or removed
    again = build([data], home)
    assert (again.added, again.removed, again.unchanged) == ([], [], 3)


def test_catalog_id_that_is_a_path(tmp_path):
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text(TEXT + "\n", encoding="utf-8")
    (d / "catalog.toml").write_text(
        '[[document]]\nfile = "a.txt"\nid = "../../../x/escaped_by_id"\ncounty = "平湖市"\n', encoding="utf-8"
    )
    home = tmp_path / "h"
    report = build([d], home)
    assert report.documents == 1
    assert [p.name for p in store.sources_dir(home).iterdir()] == [safe_id("../../../x/escaped_by_id") + ".txt"]
    assert not list(tmp_path.glob("x")) and not (tmp_path.parent / "x").exists()


def test_one_broken_jsonl_line_skips_that_row_only(tmp_path):
    d = tmp_path / "j"
    d.mkdir()
    rows = [
        json.dumps({"id": f"r{k}", "county": "平湖市", "content": f"{TEXT}第{k}条。"}, ensure_ascii=False)
        for k in range(5)
    ]
    rows[2] = rows[2][:25]  # a truncated line
    rows.insert(4, "[1, 2]")  # JSON, but not an object
    (d / "rows.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = build([d], tmp_path / "h")
    assert report.documents == 4 and not report.skipped
    assert [w for _, w in report.warnings] == [
        "line 3: broken JSON at column 24 (Unterminated string starting at); row skipped",
        "line 5: a JSON list, not an object; row skipped",
    ]
    assert sorted(json.loads(store.manifest_path(tmp_path / "h").read_text(encoding="utf-8"))["documents"]) == [
        "r0",
        "r1",
        "r3",
        "r4",
    ]


def test_csv_runaway_quote_and_ragged_rows_are_reported(tmp_path):
    p = tmp_path / "rows.csv"
    p.write_text(
        "id,county,full_text\n"
        f"a,平湖市,{TEXT}甲\n"
        f'b,平湖市,"{TEXT}乙\n'  # the quote never closes
        f"c,平湖市,{TEXT}丙\n"
        f"d,平湖市\n"  # a column short
        f"e,平湖市,{TEXT}戊,多余\n",
        encoding="utf-8",
    )  # a column too many
    units = read_sources(p)
    assert [u.meta.get("id") for u in units] == ["a", "c", "d", "e"]
    assert units[0].warnings == [
        "line 3: a quote opened in this row is never closed; row skipped",
        "line 5: 2 fields where the header has 3 (missing columns left empty)",
        "line 6: 4 fields where the header has 3 (1 extra field(s) dropped)",
    ]
    assert [u.text for u in units] == [f"{TEXT}甲", f"{TEXT}丙", "", f"{TEXT}戊"]
    # the rows after the broken one keep their ordinals (ids stay put when it is fixed)
    assert [u.part for u in units] == [1, 3, 4, 5]


def test_a_bad_byte_is_replaced_and_reported_with_its_offset(tmp_path):
    d = tmp_path / "t"
    d.mkdir()
    head = ("各位代表：\n\n" + TEXT + "\n\n").encode("utf-8")
    (d / "平湖.txt").write_bytes(head + b"\xff" + "林埭镇打造“中国棒球第一村”。\n".encode("utf-8"))
    gbk_head = "各位代表：\n\n".encode("gbk")
    (d / "嘉兴.txt").write_bytes(gbk_head + b"\xff" + "现在，我代表市人民政府报告工作。\n".encode("gbk"))
    report = build([d], tmp_path / "h")
    assert report.documents == 2 and not report.skipped
    warnings = {Path(path).name: w for path, w in report.warnings}
    assert warnings == {
        "平湖.txt": f"1 undecodable UTF-8 sequence replaced by U+FFFD: 0xFF at byte {len(head):,}",
        "嘉兴.txt": f"1 undecodable GB18030 sequence replaced by U+FFFD: 0xFF at byte {len(gbk_head):,}",
    }
    a = Archive(tmp_path / "h")
    hits = a.search("中国棒球第一村")["hits"]
    assert [h["text"] for h in hits] == ["\ufffd林埭镇打造“中国棒球第一村”。"]


def test_every_skipped_file_is_named_with_its_reason(tmp_path):
    d = tmp_path / "src"
    (d / "sub").mkdir(parents=True)
    (d / ".git").mkdir()
    (d / ".git" / "notes.txt").write_text(TEXT, encoding="utf-8")  # inside a hidden folder
    (d / "a.txt").write_text(TEXT + "\n", encoding="utf-8")
    (d / ".hidden.txt").write_text(TEXT + "甲\n", encoding="utf-8")
    (d / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # dangling
    (d / "sub" / "loop").symlink_to(d, target_is_directory=True)  # leads back up
    (d / "sub" / "b.txt").write_text("2023年，新埭镇推进数字经济。\n", encoding="utf-8")
    report = build([d], tmp_path / "h")
    assert report.documents == 2
    reasons = {Path(p).name: why for p, why in report.skipped}
    assert reasons == {
        ".git": "hidden folder (its name starts with a dot)",
        ".hidden.txt": "hidden file (its name starts with a dot)",
        "gone.txt": f"dangling symbolic link (to {tmp_path / 'nowhere.txt'}, which does not exist)",
        "loop": f"symbolic link loop: leads back to {d}",
    }


def test_file_names_are_printed_escaped(tmp_path):
    from click.testing import CliRunner

    from cli.main import main
    from archive.printable import printable

    assert printable("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert printable("a\nb\rc\td\x1b[31m") == "a\\nb\\rc\\td\\u001b[31m"
    assert printable("平湖 市 2024.txt") == "平湖 市 2024.txt"
    d = tmp_path / "src"
    d.mkdir()
    (d / "bad\nname\u202e.txt").write_bytes(b"")  # skipped: empty
    (d / "ok\u202eevil.txt").write_text(TEXT + "\n", encoding="utf-8")  # indexed: no catalog entry note
    out = CliRunner().invoke(main, ["index", str(d), "--home", str(tmp_path / "h")])
    assert out.exit_code == 0, out.output
    assert "\u202e" not in out.output and "bad\\nname\\u202e.txt: empty file" in out.output
    assert "ok\\u202eevil.txt has no catalog entry" in out.output


def test_a_lone_surrogate_escape_in_jsonl_is_replaced(tmp_path):
    d = tmp_path / "j"
    d.mkdir()
    (d / "a.jsonl").write_text(
        '{"id": "s1", "county": "平湖市", "content": "' + TEXT[:-1] + '\\ud800。"}\n'
        '{"id": "s2", "county": "平湖市", "content": "' + TEXT + '"}\n',
        encoding="utf-8",
    )
    report = build([d], tmp_path / "h")  # was a UnicodeEncodeError that aborted the run
    assert report.documents == 2 and [w for _, w in report.warnings] == [
        "line 1: 1 lone surrogate escape (\\ud800-\\udfff, half of a character) replaced by U+FFFD"
    ]
    assert Archive(tmp_path / "h").document("s1")[0]["text"] == TEXT[:-1] + "\ufffd。"
