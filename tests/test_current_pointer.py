"""Which generation is current is known from one stat of CURRENT per request, read again only
when a build replaced it: the next request after a swap answers from the new generation."""

from __future__ import annotations

import sys
from pathlib import Path

from archive import store
from archive.handle import CurrentPointer
from indexer.build import build

_watch: dict[str, object] = {"path": None, "opens": 0}


def _hook(event: str, args: tuple) -> None:
    if event == "open" and _watch["path"] is not None and str(args[0]) == _watch["path"]:
        _watch["opens"] = int(_watch["opens"]) + 1  # type: ignore[call-overload]


sys.addaudithook(_hook)  # audit hooks cannot be removed: it only counts while a path is set


def _docs(folder: Path, word: str) -> Path:
    folder.mkdir(exist_ok=True)
    for i in range(2):
        (folder / f"d{i}.txt").write_text(
            f"新仓镇{2020 + i}年工作总结\n\n{word}第{i}项，千万工程。\n", encoding="utf-8"
        )
    return folder


def test_requests_do_not_read_current_again_while_it_is_unchanged(tmp_path):
    from web import create_app

    docs, home = _docs(tmp_path / "docs", "腾笼换鸟"), tmp_path / "home"
    build([docs], home)
    client = create_app(home, {"TESTING": True}).test_client()
    assert client.get("/api/search?q=腾笼换鸟").get_json()["total"] == 2
    _watch.update(path=str(home / store.CURRENT), opens=0)
    try:
        for _ in range(20):
            assert client.get("/api/search?q=腾笼换鸟").get_json()["total"] == 2
        assert _watch["opens"] == 0
        build([_docs(docs, "筑巢引凤")], home)  # publishes a new generation
        _watch["opens"] = 0
        assert client.get("/api/search?q=筑巢引凤").get_json()["total"] == 2
        assert _watch["opens"] >= 1  # read for the swap (and by the new generation's open)
        _watch["opens"] = 0
        for _ in range(20):
            assert client.get("/api/search?q=筑巢引凤").get_json()["total"] == 2
        assert _watch["opens"] == 0
    finally:
        _watch["path"] = None


def test_a_swap_is_seen_by_the_next_request(tmp_path):
    """Builds one after another, within the same second and with pointers of the same length:
    each request after a build answers from the generation that build published."""
    from web import create_app

    docs, home = _docs(tmp_path / "docs", "词0"), tmp_path / "home"
    build([docs], home)
    client = create_app(home, {"TESTING": True}).test_client()
    for k in range(1, 5):
        assert client.get(f"/api/search?q=词{k - 1}").get_json()["total"] == 2
        build([_docs(docs, f"词{k}")], home)
        assert client.get(f"/api/search?q=词{k}").get_json()["total"] == 2
        assert client.get(f"/api/search?q=词{k - 1}").get_json()["total"] == 0


def test_the_pointer_follows_every_replace_and_a_rewrite_in_place(tmp_path):
    pointer = CurrentPointer(tmp_path)
    assert pointer.name() is None
    for k in range(1, 30):  # same size, same second: the inode tells them apart
        (tmp_path / "gen-tmp").write_text(f"gen-{k:06d}\n", encoding="utf-8")
        (tmp_path / "gen-tmp").replace(tmp_path / store.CURRENT)
        assert pointer.name() == store.current_name(tmp_path) == f"gen-{k:06d}"
    (tmp_path / store.CURRENT).write_text("gen-1000000\n", encoding="utf-8")  # in place, longer
    assert pointer.name() == "gen-1000000"
    (tmp_path / store.CURRENT).unlink()
    assert pointer.name() is None
