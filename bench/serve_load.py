"""A long mixed load on `archive serve` (gunicorn workers) and each worker's memory after it.

    .venv/bin/python bench/serve_load.py --corpus ../shared/corpus --results

Indexes the corpus into a home (once; --home to reuse one), serves it on 127.0.0.1 only,
and runs 8 concurrent clients through a fixed mix of what readers do: search pages with
facets, sorts and later pages, the JSON API, paragraph and document pages, source views,
trends, small exports. It reports errors (any status but 200, or 404 for the deliberate
misses), latency, and for each worker process after the run: RSS (what `top` shows), PSS
(shared pages split between the processes that map them), anonymous memory (Python objects,
numpy arrays, caches: what the worker itself allocated) and the file-backed part (pages of
the memory-mapped index, shared with the page cache), and the peak RSS (VmHWM).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from results_file import replace_section

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = str(Path(sys.executable).parent / "archive")

QUERIES = [
    "腾笼换鸟",
    "数字经济",
    "乡村振兴",
    "共同富裕",
    "高质量发展",
    "营商环境",
    "的",
    "发展",
    "人民",
    "新质生产力",
    "碳达峰",
    "一带一路",
    "\"人人有责\"",
    "改革 -开放",
    "招商 OR 引资",
    "科技创新",
    "民营经济",
    "老旧小区",
    "教育",
    "医疗 卫生",
    "生态环境",
    "城市更新",
    "农业",
    "就业",
]
SORTS = ["relevance", "newest", "oldest", "place"]


def memory(pid: int) -> dict[str, float]:
    """MB of one process: RSS, PSS, anonymous, file-backed, peak RSS."""
    out: dict[str, float] = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            m = re.match(r"(\w+):\s+(\d+) kB", line)
            if m:
                out[m.group(1)] = int(m.group(2)) / 1024
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                out["VmHWM"] = int(line.split()[1]) / 1024
    return {
        "rss": out.get("Rss", 0),
        "pss": out.get("Pss", 0),
        "anonymous": out.get("Anonymous", 0),
        "file": out.get("Rss", 0) - out.get("Anonymous", 0),
        "peak_rss": out.get("VmHWM", 0),
    }


def workers_of(master: int) -> list[int]:
    kids = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    return [int(k) for k in kids]


def get(base: str, path: str, timeout: float = 60) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def plan(base: str, n: int, seed: int = 7) -> list[tuple[str, int]]:
    """(path, expected status) for n requests of a mixed session."""
    rng = random.Random(seed)
    ids: list[str] = []
    docs: list[str] = []
    towns: list[str] = []
    for q in QUERIES[:8]:
        st, body = get(base, "/api/search?limit=50&q=" + urllib.parse.quote(q))
        data = json.loads(body)
        ids += [h["id"] for h in data["hits"]]
        docs += [h["doc_id"] for h in data["hits"]]
        towns += [f["value"] for f in data["facets"].get("county", [])[:5] if f.get("value")]
    ids, docs, towns = sorted(set(ids)), sorted(set(docs)), sorted(set(towns)) or ["平湖市"]
    out: list[tuple[str, int]] = []
    for _ in range(n):
        q = urllib.parse.quote(rng.choice(QUERIES))
        r = rng.random()
        if r < 0.35:
            path = f"/?q={q}&sort={rng.choice(SORTS)}&page={rng.choice([1, 1, 1, 2, 5])}"
        elif r < 0.45:
            path = f"/?q={q}&county={urllib.parse.quote(rng.choice(towns))}"
        elif r < 0.60:
            path = f"/api/search?q={q}&limit={rng.choice([5, 20, 100])}&offset={rng.choice([0, 0, 20, 100])}"
        elif r < 0.72:
            path = f"/p/{urllib.parse.quote(rng.choice(ids))}"
        elif r < 0.80:
            path = f"/d/{urllib.parse.quote(rng.choice(docs))}?q={q}"
        elif r < 0.85:
            path = f"/d/{urllib.parse.quote(rng.choice(docs))}/source"
        elif r < 0.92:
            path = f"/trends?q={q}"
        elif r < 0.95:
            path = f"/api/trend?q={q}"
        elif r < 0.98:
            path = f"/export.json?q={urllib.parse.quote(rng.choice(['腾笼换鸟', '碳达峰', '老旧小区']))}"
        else:
            out.append(("/d/no-such-document", 404))
            continue
        out.append((path, 200))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--home", type=Path, default=Path("/tmp/archive-serve-load"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=1600)
    ap.add_argument("--budget-seconds", type=float, default=900)
    ap.add_argument("--results", action="store_true", help="write the section into bench/RESULTS.md")
    a = ap.parse_args()
    env = dict(os.environ, ARCHIVE_HOME=str(a.home))
    if not (a.home / "CURRENT").exists():
        t = time.perf_counter()
        subprocess.run(
            [ARCHIVE, "index", str(a.corpus), "--home", str(a.home)], env=env, check=True, stdout=subprocess.DEVNULL
        )
        print(f"indexed {a.corpus} in {time.perf_counter() - t:.0f} s", flush=True)
    index_mb = (
        sum(f.stat().st_size for f in (a.home / (a.home / "CURRENT").read_text().strip()).rglob("*") if f.is_file())
        / 2**20
    )
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    proc = subprocess.Popen(
        [
            ARCHIVE,
            "serve",
            "--home",
            str(a.home),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(a.workers),
            "--threads",
            str(a.threads),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if get(base, "/api/search?q=" + urllib.parse.quote("发展"), timeout=5)[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        before = {pid: memory(pid) for pid in workers_of(proc.pid)}
        todo = plan(base, a.requests)
        lock = threading.Lock()
        latencies: list[float] = []
        errors: list[str] = []
        statuses: dict[int, int] = {}
        deadline = time.perf_counter() + a.budget_seconds

        def client(k: int) -> None:
            for i in range(k, len(todo), a.clients):
                if time.perf_counter() > deadline:
                    return
                path, want = todo[i]
                t = time.perf_counter()
                try:
                    st, _ = get(base, path)
                except OSError as exc:
                    st = -1
                    with lock:
                        errors.append(f"{path}: {exc}")
                with lock:
                    latencies.append((time.perf_counter() - t) * 1000)
                    statuses[st] = statuses.get(st, 0) + 1
                    if st != want and st != -1:
                        errors.append(f"{path}: {st}")

        threads = [threading.Thread(target=client, args=(k,)) for k in range(a.clients)]
        t1 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t1
        after = {pid: memory(pid) for pid in workers_of(proc.pid)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    lat = sorted(latencies)
    res = {
        "requests": len(lat),
        "errors": len(errors),
        "error_examples": errors[:5],
        "statuses": statuses,
        "seconds": round(wall, 1),
        "p50_ms": round(statistics.median(lat), 1),
        "p95_ms": round(lat[int(0.95 * (len(lat) - 1))], 1),
        "index_mb": round(index_mb, 1),
        "workers_before": before,
        "workers_after": after,
    }
    print(json.dumps(res, indent=1, ensure_ascii=False))
    if a.results:
        rows = [
            "| worker | RSS | PSS | anonymous | file-backed (index pages) | peak RSS |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for when, mem in (("after warm-up", before), (f"after {len(lat)} requests", after)):
            for pid, m in sorted(mem.items()):
                rows.append(
                    f"| {pid} {when} | {m['rss']:.0f} MB | {m['pss']:.0f} MB | {m['anonymous']:.0f} MB | "
                    f"{m['file']:.0f} MB | {m['peak_rss']:.0f} MB |"
                )
        text = (
            f"`{' '.join(['bench/serve_load.py', *sys.argv[1:]])}` on {time.strftime('%Y-%m-%d')}: the corpus "
            f"({a.corpus.name}, generation of {index_mb:.0f} MB), `archive serve --workers {a.workers} "
            f"--threads {a.threads}` on 127.0.0.1, {a.clients} concurrent clients, {len(lat)} mixed requests "
            f"(search pages with sorts, facets and later pages, /api/search, /p, /d, sources, trends, "
            f"small exports, deliberate 404s) in {wall:.0f} s: **{len(errors)} errors**, p50 {res['p50_ms']} ms, "
            f"p95 {res['p95_ms']} ms; statuses {statuses}.\n\n" + "\n".join(rows)
        )
        replace_section("## Load and worker memory on the corpus (bench/serve_load.py)", text)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
