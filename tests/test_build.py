"""Building the index: incremental updates, removals, re-analysis, and failures that lose nothing."""

from __future__ import annotations

import json

import pytest

from archive import store
from archive.engine.exact import ExactIndex
from archive.search import Archive
from indexer import build as build_mod
from indexer.build import build


def test_rerun_touches_only_changed_new_and_removed_documents(seeds_copy, tmp_path, monkeypatch):
    home = tmp_path / "home"
    first = build([seeds_copy], home)
    assert first.rebuilt and len(first.added) == 5

    again = build([seeds_copy], home)
    assert not again.rebuilt and again.unchanged == 5 and not (again.added or again.updated or again.removed)

    # change one document, add one, remove one
    f = seeds_copy / "002_7596909d04796d96.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("腾笼换鸟", "腾笼换鸟试点"), encoding="utf-8")
    (seeds_copy / "new-town.txt").write_text("2025年，林埭镇将全面推进未来社区建设。\n", encoding="utf-8")
    (seeds_copy / "003_463ebdba2a0282bd.txt").unlink()
    report = build([seeds_copy], home)
    assert report.updated == ["pinghu-2023-gzbg"]
    assert report.added == ["new-town"]
    assert report.removed == ["pinghu-2023-xinde"]
    assert report.unchanged == 3
    # the one file without a catalog entry, by its path as the report shows it (relative to
    # the working directory when under it, else absolute)
    assert report.uncataloged == [str((seeds_copy / "new-town.txt").resolve())]
    monkeypatch.chdir(tmp_path)
    (seeds_copy / "new-town.txt").write_text("2025年，林埭镇将全面推进未来乡村建设。\n", encoding="utf-8")
    assert build([seeds_copy], home).uncataloged == ["seeds/new-town.txt"]

    a = Archive(home)
    assert a.search("腾笼换鸟试点")["total"] == 2
    assert a.document("pinghu-2023-xinde") == []
    assert a.source_text("pinghu-2023-xinde") is None
    new = a.document("new-town")
    assert len(new) == 1 and new[0]["township"] == "林埭镇" and new[0]["county"] == "平湖市"
    assert new[0]["year"] is None  # a year inside a sentence is not the document's year


def test_paragraph_ids_are_stable_across_rebuilds(seeds_copy, tmp_path):
    home = tmp_path / "home"
    build([seeds_copy], home)
    before = [(p["id"], p["text"]) for p in Archive(home).document("pinghu-2023-biaotai")]
    build([seeds_copy], home, rebuild=True)
    after = [(p["id"], p["text"]) for p in Archive(home).document("pinghu-2023-biaotai")]
    assert before == after


def test_failed_incremental_build_leaves_the_previous_index_serving(seeds_copy, tmp_path, monkeypatch):
    home = tmp_path / "home"
    build([seeds_copy], home)
    served = Archive(home)
    total = served.search("腾笼换鸟")["total"]
    manifest = store.manifest_path(home).read_text(encoding="utf-8")

    for f in sorted(seeds_copy.glob("*.txt")):
        f.write_text(f.read_text(encoding="utf-8") + "\n\n2025年，新仓镇将深入推进腾笼换鸟。\n", encoding="utf-8")
    calls = {"n": 0}
    real = build_mod.build_document

    def fail_on_third(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return real(*args, **kwargs)

    monkeypatch.setattr(build_mod, "build_document", fail_on_third)
    with pytest.raises(RuntimeError):
        build([seeds_copy], home)
    # nothing changed: same hits, same manifest, and a new reader sees the same
    assert served.search("腾笼换鸟")["total"] == total
    assert Archive(home).search("腾笼换鸟")["total"] == total
    assert store.manifest_path(home).read_text(encoding="utf-8") == manifest

    monkeypatch.setattr(build_mod, "build_document", real)
    report = build([seeds_copy], home)
    assert len(report.updated) == 5
    # the web page (002) drops everything after its footer, the appended line included
    assert Archive(home).search("腾笼换鸟")["total"] == total + 4


@pytest.mark.parametrize("rebuild", [True, False])
def test_failed_write_keeps_the_old_index(seeds_copy, tmp_path, monkeypatch, rebuild):
    home = tmp_path / "home"
    build([seeds_copy], home)
    before = Archive(home).search("数字经济")
    for f in sorted(seeds_copy.glob("*.txt"))[:2]:  # two changed documents to re-add
        f.write_text(f.read_text(encoding="utf-8") + "\n数字经济再添一段。\n", encoding="utf-8")
    calls = []
    real_add = ExactIndex.add

    def add_then_fail(self, rows):
        real_add(self, rows)
        calls.append(len(rows))
        if len(calls) == 2:
            raise OSError("no space left on device")

    monkeypatch.setattr(ExactIndex, "add", add_then_fail)
    with pytest.raises(OSError):
        build([seeds_copy], home, rebuild=rebuild)
    monkeypatch.undo()
    after = Archive(home).search("数字经济")
    assert after["total"] == before["total"] and after["facets"] == before["facets"]
    assert [h["id"] for h in after["hits"]] == [h["id"] for h in before["hits"]]
    assert not list(home.glob("*.building"))
    # and the next run goes through, with the new paragraphs found
    build([seeds_copy], home, rebuild=rebuild)
    assert Archive(home).search("数字经济再添一段")["total"] == 2


def test_dictionary_change_triggers_re_analysis(seeds_copy, tmp_path):
    home = tmp_path / "home"
    build([seeds_copy], home)
    m = json.loads(store.manifest_path(home).read_text(encoding="utf-8"))
    m["analysis"] = "an-older-dictionary"
    store.manifest_path(home).write_text(json.dumps(m), encoding="utf-8")
    report = build([seeds_copy], home)
    assert report.rebuilt and "dictionary" in report.reason
    assert report.documents == 5 and Archive(home).search("枫桥经验")["total"] > 0


def test_unreadable_files_are_reported_and_skipped(seeds_copy, tmp_path):
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "blob.txt").write_bytes(b"\x00\x01" * 100)
    (seeds_copy / "image.png").write_bytes(b"\x89PNG")
    report = build([seeds_copy], tmp_path / "home")
    reasons = dict((p.split("/")[-1], why) for p, why in report.skipped)
    from indexer.ocr import INSTALL_HINT, missing

    # an image is a scan to read with the OCR extra; without it, it is named with the hint
    image = (
        {"image.png": "not a readable image (UnidentifiedImageError): open it and save it again"}
        if not missing()
        else {"seeds": f"1 file of unsupported types: image.png (scanned images: {INSTALL_HINT})"}
    )
    assert reasons == {"empty.txt": "empty file", "blob.txt": "binary file, not text", **image}  # named, not silent
    assert report.documents == 5


def test_the_same_document_id_twice_is_reported(seeds_copy, tmp_path):
    other = seeds_copy / "more"
    other.mkdir()
    (other / "catalog.toml").write_text('[[document]]\nfile = "x.txt"\nid = "pinghu-2023-gzbg"\n', encoding="utf-8")
    (other / "x.txt").write_text("平湖市2023年工作要点。\n", encoding="utf-8")
    report = build([seeds_copy], tmp_path / "home")
    assert any("already used" in why for _, why in report.skipped)


def test_an_index_this_version_cannot_read_is_rebuilt(seeds_copy, tmp_path):
    home = tmp_path / "home"
    build([seeds_copy], home)
    (store.index_dir(home) / "exact.sqlite").unlink()  # as left by a version without it
    assert not store.exists(home)
    report = build([seeds_copy], home)
    assert report.rebuilt and "another version" in report.reason
    assert Archive(home).search("腾笼换鸟")["total"] == 8
