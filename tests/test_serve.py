"""`archive serve` as a user starts it: several processes, each opening the index itself,
answering concurrent clients with the same results; and one process with --workers 1."""

from __future__ import annotations

import json
import os
import threading
import urllib.parse
import urllib.request
from pathlib import Path

import pytest


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.status, r.read()


@pytest.mark.parametrize("workers", [2, 1])
def test_serve_answers_concurrent_clients(seed_home, workers, serve_process):
    if workers > 1 and os.name != "posix":
        pytest.skip("pre-forking server on POSIX only")
    # port 0: the server picks a free port, read back from the socket it listens on
    proc, port = serve_process("--home", str(seed_home), "--workers", str(workers), "--threads", "4")
    status, body = _get(f"http://127.0.0.1:{port}/api/search?q=" + urllib.parse.quote("腾笼换鸟"))
    base = f"http://127.0.0.1:{port}"
    expected = json.loads(body)["total"]
    assert expected == 8
    results: list = []

    def client(k: int) -> None:
        for q in ["腾笼换鸟", "数字经济", "枫桥经验"] * 3:
            status, body = _get(base + "/api/search?q=" + urllib.parse.quote(q))
            page_status, page = _get(base + "/?q=" + urllib.parse.quote(q))
            results.append((q, status, json.loads(body)["total"], page_status, "<mark" in page.decode()))

    threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 8 * 9
    totals: dict[str, set[int]] = {}
    for q, status, total, page_status, marked in results:
        assert status == 200 and page_status == 200 and marked
        totals.setdefault(q, set()).add(total)
    assert all(len(v) == 1 for v in totals.values()) and totals["腾笼换鸟"] == {8}
    if workers > 1:
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        assert len(children) == workers


def test_port_0_names_the_port_it_listens_on_in_its_banner_and_citations(seed_home, serve_process):
    # `archive serve --port 0` printed "on http://127.0.0.1:0/" and cited http://127.0.0.1:0/p/…
    proc, port = serve_process("--home", str(seed_home), "--workers", "1", "--threads", "2")
    assert port != 0
    status, body = _get(f"http://127.0.0.1:{port}/api/cite/pinghu-2023-xinde-46")
    assert status == 200
    assert f"http://127.0.0.1:{port}/p/pinghu-2023-xinde-46" in json.dumps(json.loads(body), ensure_ascii=False)
    proc.terminate()
    banner = proc.communicate(timeout=20)[1].decode()
    assert f"on http://127.0.0.1:{port}/" in banner, banner
