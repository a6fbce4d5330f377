"""`archive ocr-cache --prune` frees the OCR cache entries (home/ocr/<file hash>/) that no
generation's scan layout names any more, keeps every one a generation needs (the served one
and an older one a server may hold), removes nothing when a layout cannot be read, and says
what it freed. The generations are real builds of text files; a scan's layout
(sources/<doc>.ocr.json, as indexer/build.py writes it) and its cache entry are written here
so that the test does not need the OCR extra."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from archive import store
from indexer.build import build
from indexer.ocr import cache
from indexer.ocr.prune import prune


def _entry(home: Path, name: str, pages: int = 2) -> str:
    sha = hashlib.sha256(name.encode()).hexdigest()
    d = cache.folder(home, sha)
    d.mkdir(parents=True)
    (d / "result.json").write_text(json.dumps({"engine": "x", "dpi": 200, "pages": {}}), encoding="utf-8")
    for i in range(pages):
        (d / cache.image_name(i)).write_bytes(b"\0" * 1000)
    return sha


def _layout(home: Path, generation: str, doc_id: str, sha: str) -> None:
    store.write_json_atomic(home / generation / "sources" / f"{doc_id}{store.OCR_SUFFIX}", {"sha": sha, "pages": []})


def _home(tmp_path: Path) -> Path:
    docs, home = tmp_path / "docs", tmp_path / "home"
    docs.mkdir()
    (docs / "a.txt").write_text("新仓镇2023年工作总结\n\n腾笼换鸟，千万工程。\n", encoding="utf-8")
    build([docs], home)
    return home


def test_prune_frees_only_entries_no_generation_needs(tmp_path, runner):
    home = _home(tmp_path)
    served = store.current_name(home)
    current, old, gone = _entry(home, "scan now"), _entry(home, "scan before"), _entry(home, "scan removed", 3)
    _layout(home, served, "scan-1", current)
    older = home / "gen-000000"  # an older generation a server still holds, with its own scan
    (older / "sources").mkdir(parents=True)
    _layout(home, "gen-000000", "scan-1", old)
    dry = prune(home, dry_run=True)
    assert sorted(dry.removed) == [gone] and (home / "ocr" / gone).is_dir()  # a report only
    out = runner("ocr-cache", "--home", home)
    assert out.exit_code == 0 and "2 entries needed" in out.output and "1 entries not needed" in out.output
    out = runner("ocr-cache", "--prune", "--json", "--home", home)
    assert out.exit_code == 0, out.output
    report = json.loads(out.output)
    assert report["removed"] == [gone] and sorted(report["kept"]) == sorted([current, old])
    assert report["freed_bytes"] == 3 * 1000 + _json_size()  # its three pages and its result
    assert not (home / "ocr" / gone).exists()
    assert (home / "ocr" / current / cache.image_name(1)).is_file() and (home / "ocr" / old).is_dir()
    assert prune(home).removed == []  # nothing more to free


def _json_size() -> int:
    return len(json.dumps({"engine": "x", "dpi": 200, "pages": {}}).encode())


def test_an_unreadable_layout_keeps_everything(tmp_path):
    home = _home(tmp_path)
    served = store.current_name(home)
    keep = _entry(home, "a scan")
    (home / served / "sources" / f"broken{store.OCR_SUFFIX}").write_text("{not json", encoding="utf-8")
    report = prune(home)
    assert report.removed == [] and report.kept == [keep] and report.unreadable
    assert (home / "ocr" / keep).is_dir()


def test_no_cache_no_work(tmp_path):
    home = _home(tmp_path)
    assert prune(home).removed == [] and not (home / "ocr").exists()
