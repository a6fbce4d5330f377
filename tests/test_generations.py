"""Generations: a reader sees one committed build of both stores; builds publish atomically,
recover from kills, and remove a document only when its source is gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from archive import store
from archive.search import Archive
from archive.textnorm import normalize
from indexer.build import build
from web import create_app

REPO = Path(__file__).resolve().parent.parent

TEXTS = {
    "alpha.txt": "2023年，新仓镇推进腾笼换鸟工作。\n\n新仓镇腾笼换鸟成效明显。\n\n全镇完成绿色转型。\n",
    "beta.txt": "2024年，广陈镇深化腾笼换鸟改革。\n\n广陈镇建设未来乡村。\n",
    "gamma.txt": "2024年，林埭镇全力招商引资。\n\n林埭镇腾笼换鸟再出发。\n",
}


def oracle(a: Archive, phrase: str) -> int:
    """Paragraphs containing the phrase, by brute force over the stored fields."""
    return sum(normalize(phrase) in normalize(f["text"]) for f in a.searcher().all_stored_fields())


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def test_a_running_archive_and_app_see_each_new_generation_whole(corpus, tmp_path):
    home = tmp_path / "home"
    build([corpus], home)
    a = Archive(home)
    client = create_app(home).test_client()
    assert a.search("腾笼换鸟")["total"] == 4 == oracle(a, "腾笼换鸟")
    assert client.get("/api/search?q=腾笼换鸟").get_json()["total"] == 4

    # replace a document: its old paragraphs are gone, not served beside the new ones
    (corpus / "alpha.txt").write_text(
        "2023年，新仓镇推进腾笼换鸟工作。\n\n新仓镇腾笼换鸟再提速。\n\n新仓镇腾笼换鸟见实效。\n", encoding="utf-8"
    )
    build([corpus], home)
    assert a.search("腾笼换鸟")["total"] == 5 == oracle(a, "腾笼换鸟")
    assert a.search("成效明显")["total"] == 0
    body = client.get("/api/search?q=腾笼换鸟&limit=50").get_json()
    assert body["total"] == 5 and len({h["id"] for h in body["hits"]}) == 5

    # remove a document: gone from search, its page 404s, without a restart
    doc = a.search("林埭镇")["hits"][0]["doc_id"]
    assert client.get(f"/d/{doc}").status_code == 200
    (corpus / "gamma.txt").unlink()
    build([corpus], home)
    assert a.search("腾笼换鸟")["total"] == 4 == oracle(a, "腾笼换鸟")
    assert a.search("林埭镇")["total"] == 0
    assert client.get("/api/search?q=林埭镇").get_json()["total"] == 0
    assert client.get(f"/d/{doc}").status_code == 404
    assert client.get(f"/api/d/{doc}").status_code == 404
    # generations no reader holds are deleted by the next build; held ones stay until let go
    build([corpus], home, rebuild=True)
    a.search("腾笼换鸟")
    build([corpus], home, rebuild=True)
    assert len(store.generations(home)) == 3  # the client's, a's and the new one
    a.search("腾笼换鸟")
    client.get("/api/search?q=腾笼换鸟")
    build([corpus], home, rebuild=True)
    assert len(store.generations(home)) == 2  # both readers' and the new one


def test_swap_race_readers_get_old_or_new_never_a_mix(corpus, tmp_path, monkeypatch):
    """The new generation is opened slowly (store.open_exact sleeps): every search meanwhile
    answers from the old one, then all from the new one; never an error. (Before
    generations, a search during the reopen got a reader of old and new segments together,
    and every later search raised IndexError.)"""
    home = tmp_path / "home"
    build([corpus], home)
    for k in range(2):  # incremental updates: the served Whoosh generation is now 3
        (corpus / "alpha.txt").write_text(TEXTS["alpha.txt"] + f"\n第{k}次补充。\n", encoding="utf-8")
        build([corpus], home)
    a = Archive(home)
    old = a.search("腾笼换鸟")["total"]
    for i in range(6):
        (corpus / f"more-{i}.txt").write_text(f"2025年，新埭镇第{i}次推进腾笼换鸟。\n", encoding="utf-8")
    build([corpus], home, rebuild=True)
    new = old + 6
    real_open = store.open_exact

    def slow_open_exact(*args, **kwargs):
        time.sleep(0.6)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(store, "open_exact", slow_open_exact)
    results, errors = [], []

    def reader() -> None:
        t_end = time.time() + 1.5
        while time.time() < t_end:
            try:
                r = a.search("腾笼换鸟", limit=50)
                results.append((r["total"], len(r["hits"]), r["facets"]["township"]))
            except Exception as exc:  # noqa: BLE001 - any error is the failure
                errors.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    totals = [t for t, _, _ in results]
    assert set(totals) <= {old, new} and old in totals and totals[-1] == new
    assert all(n == t for t, n, _ in results)  # every hit page is whole
    assert all(sum(f["count"] for f in facets) == t for t, _, facets in results)
    assert a.search("腾笼换鸟")["total"] == new == oracle(a, "腾笼换鸟")


def test_a_file_that_fails_to_read_keeps_its_indexed_version(corpus, tmp_path, monkeypatch):
    home = tmp_path / "home"
    build([corpus], home)
    # a file that no longer decodes as text
    (corpus / "beta.txt").write_bytes(b"\x00\x01" * 200)
    report = build([corpus], home)
    assert report.removed == [] and report.kept == ["beta"]
    assert any("kept as indexed before" in why for _, why in report.skipped)
    assert Archive(home).search("广陈镇")["total"] == 2
    # a file that cannot be opened (chmod 000; root reads anyway, so its read fails instead)
    (corpus / "beta.txt").write_text(TEXTS["beta.txt"], encoding="utf-8")
    build([corpus], home)
    target = corpus / "gamma.txt"
    target.chmod(0)
    if os.geteuid() == 0:
        real = Path.read_bytes
        monkeypatch.setattr(
            Path,
            "read_bytes",
            lambda self: (
                (_ for _ in ()).throw(PermissionError(13, "Permission denied")) if self == target else real(self)
            ),
        )
    report = build([corpus], home)
    target.chmod(0o644)
    assert report.removed == [] and report.kept == ["gamma"]
    assert Archive(home).search("林埭镇")["total"] == 2
    # the file really gone: now it leaves
    monkeypatch.undo()
    target.unlink()
    assert build([corpus], home).removed == ["gamma"]


def _kill_build(home: Path, corpus: Path, point: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, ARCHIVE_KILL_AT=point, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "cli", "index", str(corpus), "--home", str(home), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("point", ["added:2", "whoosh-committed", "renamed", "published"])
def test_a_kill_at_any_point_leaves_old_or_new_and_recovers(corpus, tmp_path, point):
    """Killed (SIGKILL) at a point of an incremental build: search answers with the old or
    the new data, and the next plain build cleans up and completes without losing a folder
    indexed earlier."""
    home = tmp_path / "home"
    other = tmp_path / "other"
    other.mkdir()
    (other / "delta.txt").write_text("2022年，曹桥街道腾笼换鸟开局。\n", encoding="utf-8")
    build([corpus], home)
    build([other], home)
    old = Archive(home).search("腾笼换鸟")["total"]
    for name in TEXTS:
        (corpus / name).write_text(TEXTS[name] + "\n再推腾笼换鸟一段。\n", encoding="utf-8")
    r = _kill_build(home, corpus, point)
    assert r.returncode == -signal.SIGKILL, r.stderr
    assert store.exists(home)
    total = Archive(home).search("腾笼换鸟")["total"]
    assert total in (old, old + 3)
    assert total == (old + 3 if point == "published" else old)
    report = build([corpus], home)
    assert not list(home.glob("*.building")) and not (home / "CURRENT.tmp").exists()
    a = Archive(home)
    assert a.search("腾笼换鸟")["total"] == old + 3 == oracle(a, "腾笼换鸟")
    assert a.search("曹桥街道")["total"] == 1  # the other folder is still there
    assert report.documents == 4


def test_a_killed_first_build_leaves_no_index_and_the_next_one_builds(corpus, tmp_path):
    home = tmp_path / "home"
    r = _kill_build(home, corpus, "reuse-written")
    assert r.returncode == -signal.SIGKILL
    assert not store.exists(home) and list(home.glob("*.building"))
    build([corpus], home)
    assert not list(home.glob("*.building"))
    assert Archive(home).search("腾笼换鸟")["total"] == 4


def test_multiprocess_workers_die_with_a_killed_builder(tmp_path):
    """A fresh build of 60 files uses Whoosh's worker processes; killing the builder alone
    (SIGKILL, no chance to clean up) takes them down too."""
    docs = tmp_path / "many"
    docs.mkdir()
    for i in range(60):
        (docs / f"d{i:03d}.txt").write_text(
            f"2024年，第{i}镇推进腾笼换鸟。\n\n第{i}镇建设美丽乡村。\n" * 3, encoding="utf-8"
        )
    home = tmp_path / "home"
    env = dict(os.environ, ARCHIVE_KILL_AT="added:40", PYTHONPATH=str(REPO))
    p = subprocess.Popen(
        [sys.executable, "-m", "cli", "index", str(docs), "--home", str(home)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    p.wait(timeout=300)
    assert p.returncode == -signal.SIGKILL
    deadline = time.time() + 10
    while time.time() < deadline:
        left = subprocess.run(["pgrep", "-g", str(p.pid)], capture_output=True, text=True).stdout.split()
        if not left:
            break
        time.sleep(0.2)
    assert not left, f"orphan workers {left}"


def test_a_small_multiprocess_build_is_readable(tmp_path):
    """60 three-paragraph files: Whoosh's writer gives both batches to one worker and the
    other returns an empty segment without column files, which made every search fail."""
    docs = tmp_path / "small"
    docs.mkdir()
    for i in range(60):
        (docs / f"d{i:03d}.txt").write_text(
            f"2024年，第{i}镇推进腾笼换鸟。\n\n第{i}镇建设美丽乡村。\n\n第{i}号文件要求全面落实河长制。\n",
            encoding="utf-8",
        )
    build([docs], tmp_path / "home")
    a = Archive(tmp_path / "home")
    assert a.search("腾笼换鸟")["total"] == 60 == oracle(a, "腾笼换鸟")
    assert a.search("美丽乡村", sort="relevance")["total"] == 60


def test_threads_share_one_searcher_without_garbling(archive):
    """Every thread reads through the generation's one searcher (under its lock): pages,
    documents and paragraphs read concurrently equal those read alone."""
    queries = ["腾笼换鸟", "新仓镇", "数字经济", "的", "发展"]
    alone = {q: archive.search(q, limit=50) for q in queries}
    docs = sorted({h["doc_id"] for r in alone.values() for h in r["hits"]})
    doc_alone = {d: archive.document(d) for d in docs}
    errors: list[str] = []

    def worker(k: int) -> None:
        for i in range(30):
            q = queries[(k + i) % len(queries)]
            r = archive.search(q, limit=50)
            if [h["id"] for h in r["hits"]] != [h["id"] for h in alone[q]["hits"]] or [
                h["text"] for h in r["hits"]
            ] != [h["text"] for h in alone[q]["hits"]]:
                errors.append(f"search {q}")
            d = docs[(k + i) % len(docs)]
            if archive.document(d) != doc_alone[d]:
                errors.append(f"document {d}")
            p = doc_alone[d][0]
            if archive.paragraph(p["id"]) != p:
                errors.append(f"paragraph {p['id']}")

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:5]


def test_one_request_reads_one_generation_while_a_build_publishes_the_next(tmp_path, seeds_copy):
    """A paragraph page makes several lookups (the paragraph, its neighbours, similar ones): all of
    them come from the generation the request started on; the next request sees the new one."""
    from archive import store as st
    from web import create_app
    from web.db import get_archive

    home = tmp_path / "home"
    build([seeds_copy], home)
    app = create_app(str(home))
    with app.test_request_context("/p/x"):
        archive = get_archive()
        first = archive.view().name
        (seeds_copy / "003_463ebdba2a0282bd.txt").unlink()
        build([seeds_copy], home)  # publishes the next generation
        assert st.current_name(home) != first
        assert archive.view().name == first  # still the request's generation
        assert archive.document("pinghu-2023-xinde")  # so the removed document is still whole here
    with app.test_request_context("/p/x"):
        assert get_archive().view().name == st.current_name(home) != first
        assert get_archive().document("pinghu-2023-xinde") == []
    with app.test_client() as c:  # and through a real request
        assert c.get("/d/pinghu-2023-xinde").status_code == 404
