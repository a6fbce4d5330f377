"""Speed and scale of the archive, side by side with the alternatives, in one run.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/run.py

Corpora are built from the real city reports in ../shared/corpus/city-2024 (about 10,000
paragraphs as they are), then REPLICATED to about 100,000 and 1,000,000 paragraphs: copy k of
each report gets another city, province and year in its catalog entry, so facets stay
realistic (replicas are indexed with --keep-duplicates, since they are the same text).

For each size: `archive index` end to end (read, repair, tag, segment, write) as a
subprocess (paragraphs/s, MB/s, index size, peak memory), search latency over a fixed query
set (median, p95, max), the time from `archive serve` to the first answered search, and a
bounded load run of 8 concurrent clients on loopback. The same paragraphs and queries go
through the baselines: Whoosh with jieba's ChineseAnalyzer, SQLite FTS5 (trigram), tantivy-py
with jieba-pretokenised text; exact-phrase recall and precision are measured for everyone
against the ground truth (substring test on the normalised paragraphs).

Sizes that would not fit in --budget-minutes (estimated from the previous size) are
skipped with a message. Results go to bench/RESULTS.md (machine, versions, date).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive import store  # noqa: E402
from archive.search import Archive  # noqa: E402
from archive.textnorm import normalize  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "city-2024"
ARCHIVE = str(Path(sys.executable).with_name("archive"))
SIZES = {"10k": 1, "100k": 10, "1m": 100}

# The fixed query set: (label, query, filters, offset, facets)
QUERIES: list[tuple[str, str, dict, int, bool]] = [
    ("rare slogan", "腾笼换鸟", {}, 0, True),
    ("rare slogan, no facets", "腾笼换鸟", {}, 0, False),
    ("common slogan", "高质量发展", {}, 0, True),
    ("common slogan, no facets", "高质量发展", {}, 0, False),
    ("two-term AND", "数字经济 营商环境", {}, 0, True),
    ("three-term AND", "乡村振兴 共同富裕 农民", {}, 0, True),
    ("exclusion", "枫桥经验 -网格", {}, 0, True),
    ("single character", "棒", {}, 0, True),
    ("filter year", "共同富裕", {"year": ["2024"]}, 0, True),
    ("filter city", "共同富裕", {"city": ["嘉兴市"]}, 0, True),
    ("deep page", "发展", {}, 1000, True),
    ("first page, common", "发展", {}, 0, True),
]
PHRASES = [
    "腾笼换鸟",
    "枫桥经验",
    "千万工程",
    "共同富裕",
    "招大引强",
    "专项债",
    "低效用地",
    "亩均税收",
    "未来社区",
    "数字经济",
    "小巨人",
    "专精特新",
    "有机更新",
    "强村富民",
    "和美乡村",
    "党建引领",
    "网格",
    "上市",
    "GDP",
    "固定资产投资",
    "亿元以上项目",
    "高新技术企业",
    "人才公寓",
    "安置房",
    "千亿",
    "新质生产力",
    "营商环境",
    "一网通办",
    "放管服",
    "最多跑一次",
    "棒",
    "乡村振兴",
    "高质量发展",
    "稳中求进",
    "双碳",
]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --------------------------------------------------------------------------- corpora


def make_corpus(src: Path, factor: int, dest: Path) -> Path:
    """factor 1: the reports as they are; factor k: k copies with varied catalog metadata."""
    if factor == 1:
        return src
    from archive.gazetteer import divisions

    d = divisions()
    cities = [(code, name) for code, name in d.name.items() if len(code) == 4 and name not in ("市辖区", "县")]
    rng = random.Random(42)
    files = sorted(src.glob("*.txt"))
    for k in range(factor):
        folder = dest / f"copy{k:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        lines = []
        for f in files:
            code, city = rng.choice(cities)
            province = d.name[code[:2]]
            year = 2015 + (k % 10)
            shutil.copyfile(f, folder / f.name)
            lines.append(
                f'[[document]]\nfile = "{f.name}"\nid = "{f.stem}-{k}"\nprovince = "{province}"\n'
                f'city = "{city}"\ndate = "{year}"\ntype = "政府工作报告"\n'
            )
        (folder / "catalog.toml").write_text("\n".join(lines), encoding="utf-8")
    return dest


# --------------------------------------------------------------------------- ours


def index_ours(corpus: Path, home: Path) -> dict[str, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    out = subprocess.run(
        [ARCHIVE, "index", str(corpus), "--home", str(home), "--rebuild", "--keep-duplicates", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    report = json.loads(out.stdout)
    mb = sum(f.stat().st_size for f in corpus.rglob("*.txt")) / 1e6
    return {
        "paragraphs": report["paragraphs"],
        "documents": report["documents"],
        "seconds": seconds,
        "pps": report["paragraphs"] / seconds,
        "mbps": mb / seconds,
        "input_mb": mb,
        "index_mb": dir_mb(store.index_dir(home)),
        "peak_mb": max(peak_kb, before) / 1024,
    }


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def time_queries(run: Callable[[str, dict, int, bool], Any], repeat: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for label, q, filters, offset, facets in QUERIES:
        run(q, filters, offset, facets)  # warm-up
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            run(q, filters, offset, facets)
            times.append((time.perf_counter() - t0) * 1000)
        out[label] = times
    return out


def summary(times: dict[str, list[float]]) -> dict[str, float]:
    allt = sorted(t for ts in times.values() for t in ts)
    return {"median": statistics.median(allt), "p95": allt[int(0.95 * (len(allt) - 1))], "max": allt[-1]}


def search_ours(home: Path, repeat: int) -> tuple[dict[str, list[float]], Archive]:
    # measured without the per-generation cache of exact match sets, so every repeat pays
    # the full cost (the served archive keeps it: repeated queries and facet clicks are cheaper)
    from archive.columns import Columns

    Columns.CACHE_DOCS = 0
    a = Archive(home)

    def run(q, filters, offset, facets):
        return a.search(q, filters=filters, offset=min(offset, 10_000), limit=20, facets=facets)

    return time_queries(run, repeat), a


def recall_ours(a: Archive, truth: dict[str, set[str]]) -> tuple[float, float]:
    found = {phrase: {p["id"] for p in a.iter_matches(phrase, cap=10**7)} for phrase in truth}
    return score(found, truth)


def score(found: dict[str, set[str]], truth: dict[str, set[str]]) -> tuple[float, float]:
    tp = sum(len(found[p] & truth[p]) for p in truth)
    fn = sum(len(truth[p] - found[p]) for p in truth)
    fp = sum(len(found[p] - truth[p]) for p in truth)
    return (tp / (tp + fn) if tp + fn else 1.0), (tp / (tp + fp) if tp + fp else 1.0)


def serve_and_load(home: Path, seconds_budget: float = 60, load: bool = True) -> dict[str, Any]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [ARCHIVE, "serve", "--home", str(home), "--port", str(port), "--threads", "8"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    first = None
    try:
        while time.perf_counter() - t0 < 120:
            try:
                with urllib.request.urlopen(base + "/api/search?q=" + urllib.parse.quote("腾笼换鸟"), timeout=5) as r:
                    if r.status == 200:
                        first = time.perf_counter() - t0
                        break
            except OSError:
                time.sleep(0.05)
        if not load:
            return {"first_search_s": first, "requests": 0, "errors": 0, "p50_ms": None, "p95_ms": None, "rps": None}
        # bounded load: 8 clients, each at most 40 requests or until the time budget ends
        queries = [q for _, q, _, _, _ in QUERIES]
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()
        deadline = time.perf_counter() + seconds_budget

        def client(k: int) -> None:
            for i in range(40):
                if time.perf_counter() > deadline:
                    return
                q = queries[(k + i) % len(queries)]
                t = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + "/?q=" + urllib.parse.quote(q), timeout=30) as r:
                        r.read()
                        ok = r.status == 200
                except OSError:
                    ok = False
                with lock:
                    latencies.append((time.perf_counter() - t) * 1000)
                    if not ok:
                        errors[0] += 1

        threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
        t1 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t1
        lat = sorted(latencies)
        return {
            "first_search_s": first,
            "requests": len(lat),
            "errors": errors[0],
            "p50_ms": statistics.median(lat) if lat else None,
            "p95_ms": lat[int(0.95 * (len(lat) - 1))] if lat else None,
            "rps": len(lat) / wall if wall else None,
        }
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# --------------------------------------------------------------------------- baselines


def paragraphs_of(a: Archive) -> list[tuple[str, str, str | None, int | None]]:
    return [(f["id"], f["text"], f.get("city"), f.get("year")) for f in a.searcher().all_stored_fields()]


def truth_of(paras: list[tuple[str, str, Any, Any]]) -> dict[str, set[str]]:
    norms = [(pid, normalize(text)) for pid, text, _, _ in paras]
    return {p: {pid for pid, n in norms if normalize(p) in n} for p in PHRASES}


def baseline_whoosh_jieba(paras, truth, workdir: Path, repeat: int) -> dict[str, Any]:
    from jieba.analyse import ChineseAnalyzer
    from whoosh import index as windex
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import QueryParser

    d = workdir / "whoosh-jieba"
    d.mkdir()
    schema = Schema(id=ID(stored=True, unique=True), content=TEXT(analyzer=ChineseAnalyzer()))
    ix = windex.create_in(str(d), schema)
    t0 = time.perf_counter()
    w = ix.writer(limitmb=256)
    for pid, text, _, _ in paras:
        w.add_document(id=pid, content=text)
    w.commit()
    build_s = time.perf_counter() - t0
    s = ix.searcher()
    qp = QueryParser("content", schema)

    def run(q, filters, offset, facets):
        terms = [t for t in q.split() if not t.startswith("-")]
        return s.search(qp.parse(" ".join(f'"{t}"' for t in terms)), limit=offset + 20)

    times = time_queries(run, repeat)
    found = {p: {h["id"] for h in s.search(qp.parse(f'"{p}"'), limit=None)} for p in truth}
    return {"seconds": build_s, "index_mb": dir_mb(d), "times": times, "recall_precision": score(found, truth)}


def baseline_fts5(paras, truth, workdir: Path, repeat: int) -> dict[str, Any]:
    db = workdir / "fts5.db"
    con = sqlite3.connect(str(db))
    con.execute("CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, text, tokenize='trigram')")
    t0 = time.perf_counter()
    con.executemany("INSERT INTO p(id, text) VALUES (?, ?)", [(pid, text) for pid, text, _, _ in paras])
    con.commit()
    build_s = time.perf_counter() - t0

    def match(term: str) -> str:
        return '"' + term.replace('"', '""') + '"'

    def run(q, filters, offset, facets):
        pos = [t for t in q.split() if not t.startswith("-")]
        neg = [t[1:] for t in q.split() if t.startswith("-")]
        if any(len(t) < 3 for t in pos):  # trigram MATCH needs 3 characters: fall back to LIKE
            where = " AND ".join("text LIKE ?" for _ in pos)
            args = [f"%{t}%" for t in pos]
            return con.execute(f"SELECT id FROM p WHERE {where} LIMIT 20 OFFSET {offset}", args).fetchall()
        expr = " AND ".join(match(t) for t in pos) + "".join(f" NOT {match(t)}" for t in neg)
        rows = con.execute(
            f"SELECT id FROM p WHERE p MATCH ? ORDER BY rank LIMIT 20 OFFSET {offset}", (expr,)
        ).fetchall()
        if facets:
            con.execute("SELECT count(*) FROM p WHERE p MATCH ?", (expr,)).fetchone()
        return rows

    times = time_queries(run, repeat)
    found = {}
    for p in truth:
        if len(p) >= 3:
            found[p] = {r[0] for r in con.execute("SELECT id FROM p WHERE p MATCH ?", (match(p),))}
        else:
            found[p] = set()  # a MATCH on fewer than 3 characters finds nothing
    return {
        "seconds": build_s,
        "index_mb": db.stat().st_size / 1e6,
        "times": times,
        "recall_precision": score(found, truth),
        "note": "MATCH needs 3+ characters; 1-2 character queries fall back to LIKE scans",
    }


def baseline_tantivy(paras, truth, workdir: Path, repeat: int) -> dict[str, Any]:
    import tantivy
    from archive import segmenter

    d = workdir / "tantivy"
    d.mkdir()
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("body", stored=False)
    schema = sb.build()
    ix = tantivy.Index(schema, path=str(d))
    t0 = time.perf_counter()
    w = ix.writer(heap_size=256_000_000)
    for pid, text, _, _ in paras:
        w.add_document(tantivy.Document(id=pid, body=" ".join(t for t, _, _ in segmenter.cut(text))))
    w.commit()
    w.wait_merging_threads()
    build_s = time.perf_counter() - t0
    ix.reload()
    s = ix.searcher()

    def q_of(term: str):
        words = [t for t, _, _ in segmenter.cut(term) if t.strip()]
        return ix.parse_query('"' + " ".join(words) + '"', ["body"])

    def run(q, filters, offset, facets):
        pos = [t for t in q.split() if not t.startswith("-")]
        query = tantivy.Query.boolean_query([(tantivy.Occur.Must, q_of(t)) for t in pos])
        return s.search(query, limit=20, offset=offset, count=facets).hits

    times = time_queries(run, repeat)
    found = {}
    for p in truth:
        res = s.search(q_of(p), limit=max(1, len(paras)), count=True)
        found[p] = {s.doc(addr)["id"][0] for _, addr in res.hits}
    return {"seconds": build_s, "index_mb": dir_mb(d), "times": times, "recall_precision": score(found, truth)}


# --------------------------------------------------------------------------- report


def git_commit() -> str | None:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def merged(results: list[dict[str, Any]], kept: list[dict[str, Any]]) -> list[dict[str, Any]]:
    order = list(SIZES)
    return sorted(kept + results, key=lambda r: order.index(r["size"]))


def versions() -> dict[str, str]:
    from importlib.metadata import version

    out = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version}
    for pkg in ("whoosh3", "rjieba", "jieba", "tantivy", "Flask", "waitress"):
        try:
            out[pkg] = version(pkg)
        except Exception:
            out[pkg] = "-"
    return out


def machine() -> str:
    cpu = "?"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.platform()}"


def fmt(x: Any, nd: int = 1) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:,.{nd}f}"
    return f"{x:,}" if isinstance(x, int) else str(x)


def write_results(results: list[dict[str, Any]], skipped: list[str], out: Path, started: str) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"On {machine()}; each size says when it was measured (last write {started}).",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()) + ".",
        "",
        "Command: `.venv/bin/python bench/run.py` (see README, *Performance*). Sizes above 10k are the real "
        "city reports **replicated** with varied catalog metadata (city, province, year), indexed with "
        "`--keep-duplicates`.",
        "",
    ]
    for r in results:
        o = r["ours"]
        when = (
            f"Measured {r['started']}" + (f" at commit {r['commit']}" if r.get("commit") else "") + "."
            if r.get("started")
            else ""
        )
        lines += [
            f"## {r['size']}: {fmt(o['paragraphs'])} paragraphs ({o['input_mb']:.1f} MB of text)",
            "",
            when,
            "",
            "| system | build s | paragraphs/s | MB/s | index MB | peak MB | search median ms | p95 ms | max ms | exact-phrase recall | precision |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        so = summary(r["ours_times"])
        rec, prec = r.get("ours_rp", (None, None))
        lines.append(
            f"| **ours** (`archive index`, end to end) | {fmt(o['seconds'])} | {fmt(o['pps'], 0)} | {fmt(o['mbps'], 2)} | "
            f"{fmt(o['index_mb'])} | {fmt(o['peak_mb'], 0)} | {fmt(so['median'])} | {fmt(so['p95'])} | {fmt(so['max'])} | "
            f"{fmt(rec, 3)} | {fmt(prec, 3)} |"
        )
        for name, b in r.get("baselines", {}).items():
            if "skipped" in b:
                lines.append(f"| {name} | skipped: {b['skipped']} | | | | | | | | | |")
                continue
            if "error" in b:
                lines.append(f"| {name} | failed: {b['error']} | | | | | | | | | |")
                continue
            sb = summary(b["times"])
            br, bp = b["recall_precision"]
            lines.append(
                f"| {name} (index only) | {fmt(b['seconds'])} | {fmt(o['paragraphs'] / b['seconds'], 0)} | - | "
                f"{fmt(b['index_mb'])} | - | {fmt(sb['median'])} | {fmt(sb['p95'])} | {fmt(sb['max'])} | "
                f"{fmt(br, 3)} | {fmt(bp, 3)} |"
            )
        lines += ["", "Search latency per query (ours, ms: median / p95 / max):", ""]
        lines += ["| query | median | p95 | max |", "|---|---|---|---|"]
        for label, ts in r["ours_times"].items():
            st = sorted(ts)
            lines.append(
                f"| {label} | {fmt(statistics.median(st))} | {fmt(st[int(0.95 * (len(st) - 1))])} | {fmt(st[-1])} |"
            )
        sv = r.get("serve")
        if sv and not sv["requests"]:
            lines += [
                "",
                f"Serving: first search answered {fmt(sv['first_search_s'], 2)} s after `archive serve` started "
                "(no load run at this size: the load target is measured at 10k and 100k).",
            ]
        elif sv:
            lines += [
                "",
                f"Serving: first search answered {fmt(sv['first_search_s'], 2)} s after `archive serve` started; "
                f"8 concurrent clients on loopback: {sv['requests']} search-page requests, {sv['errors']} errors, "
                f"p50 {fmt(sv['p50_ms'])} ms, p95 {fmt(sv['p95_ms'])} ms, {fmt(sv['rps'])} requests/s.",
            ]
        for name, b in r.get("baselines", {}).items():
            if b.get("note"):
                lines += ["", f"{name}: {b['note']}."]
        lines.append("")
    if skipped:
        lines += ["## Skipped sizes", ""] + [f"- {s}" for s in skipped] + [""]
    lines += targets_section(results)
    out.write_text("\n".join(lines) + kept_sections(out), encoding="utf-8")
    out.with_suffix(".json").write_text(
        json.dumps(
            {"started": started, "results": results, "skipped": skipped}, ensure_ascii=False, indent=1, default=str
        ),
        encoding="utf-8",
    )


OWN_HEADINGS = re.compile(r"## (\d+[km]: |Skipped sizes|Targets)")


def kept_sections(out: Path) -> str:
    """The sections other benches wrote into the file (faults, load, OCR …): a rerun keeps them."""
    if not out.exists():
        return ""
    old = out.read_text(encoding="utf-8")
    parts = re.split(r"(?m)^(?=## )", old)
    kept = [p.rstrip() for p in parts if p.startswith("## ") and not OWN_HEADINGS.match(p)]
    return "".join("\n\n" + k for k in kept) + ("\n" if kept else "")


def targets_section(results: list[dict[str, Any]]) -> list[str]:
    """The issue's targets against what this run measured."""
    by = {r["size"]: r for r in results}
    rows = []

    def row(target: str, measured: str, met: bool | None) -> None:
        rows.append(f"| {target} | {measured} | {'met' if met else ('—' if met is None else 'missed')} |")

    small, mid, large = by.get("10k"), by.get("100k"), by.get("1m")
    if small:
        pps = small["ours"]["pps"]
        row(
            "indexing ≥ 1,500 paragraphs/s end to end (real reports)",
            f"{pps:,.0f}/s ({1500 / pps:.1f}× short)",
            pps >= 1500,
        )
        p95 = summary(small["ours_times"])["p95"]
        row("search p95 < 30 ms with facets at 10k", f"{p95:,.0f} ms", p95 < 30)
        rec, prec = small["ours_rp"]
        row("exact-phrase recall and precision 100%", f"{rec:.3f} / {prec:.3f}", rec == 1 and prec == 1)
        sv = small.get("serve") or {}
        if sv.get("requests"):
            row(
                "search page, 8 clients: p95 < 100 ms, no errors (10k)",
                f"p95 {sv['p95_ms']:,.0f} ms, {sv['errors']} errors",
                sv["p95_ms"] < 100 and sv["errors"] == 0,
            )
    if mid:
        sv = mid["serve"]
        row("first search within 2 s of start at 100k", f"{sv['first_search_s']:.2f} s", sv["first_search_s"] < 2)
        row(
            "search page, 8 clients: p95 < 100 ms, no errors (100k)",
            f"p95 {sv['p95_ms']:,.0f} ms, {sv['errors']} errors",
            sv["p95_ms"] < 100 and sv["errors"] == 0,
        )
        row(
            "indexing cost linear in size",
            f"{small['ours']['pps']:,.0f}/s at 10k, {mid['ours']['pps']:,.0f}/s at 100k" if small else "-",
            bool(small) and mid["ours"]["pps"] > 0.7 * small["ours"]["pps"],
        )
        row("peak memory (largest process) at 100k, for reference", f"{mid['ours']['peak_mb']:,.0f} MB", None)
    if large:
        row(
            "indexing cost linear in size (1M)",
            f"{large['ours']['pps']:,.0f}/s at 1M",
            large["ours"]["pps"] > 0.7 * (small or large)["ours"]["pps"],
        )
        row(
            "search p95 < 300 ms at 1M",
            f"{summary(large['ours_times'])['p95']:,.0f} ms",
            summary(large["ours_times"])["p95"] < 300,
        )
        row("peak memory < 1 GB at 1M", f"{large['ours']['peak_mb']:,.0f} MB", large["ours"]["peak_mb"] < 1024)
    else:
        row("search p95 < 300 ms and peak memory < 1 GB at 1M", "size not run (see above): not met", False)
    why = ROOT / "bench" / "WHY.md"  # the explanation of the misses, kept beside this script
    return (
        ["## Targets", "", "| target | measured | |", "|---|---|---|"]
        + rows
        + ["", why.read_text(encoding="utf-8").strip() if why.exists() else "", ""]
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sizes", default="10k,100k,1m")
    ap.add_argument("--budget-minutes", type=float, default=60, help="skip a size whose estimated time exceeds this")
    ap.add_argument(
        "--baseline-budget-minutes",
        type=float,
        default=20,
        help="skip a baseline whose build, estimated from the previous size, exceeds this",
    )
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--baselines", default="whoosh-jieba,fts5,tantivy")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--render", action="store_true", help="only rewrite RESULTS.md from RESULTS.json")
    ap.add_argument(
        "--merge",
        action="store_true",
        help="keep the other sizes' results from the existing RESULTS.json (e.g. rerun 10k,100k only)",
    )
    args = ap.parse_args()
    if args.render:
        saved = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
        write_results(saved["results"], saved["skipped"], args.out, saved["started"])
        return
    if not args.corpus.is_dir():
        sys.exit(f"corpus not found: {args.corpus} (the city reports from ../shared/corpus/city-2024)")
    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    kept: list[dict[str, Any]] = []
    if args.merge and args.out.with_suffix(".json").exists():
        # sizes not run now keep the figures of the run that measured them (each size says when)
        rerun = {x.strip() for x in args.sizes.split(",")}
        kept = [
            r
            for r in json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))["results"]
            if r["size"] not in rerun
        ]
    work = Path(args.workdir or tempfile.mkdtemp(prefix="archive-bench-"))
    results, skipped = [], []
    rate = None  # paragraphs/s measured so far, for the estimates
    base_paragraphs = None
    base_seconds: dict[str, tuple[float, int]] = {}  # baseline build seconds at the previous size
    labels = {
        "Whoosh + jieba ChineseAnalyzer": "whoosh-jieba",
        "SQLite FTS5 trigram": "fts5",
        "tantivy-py, jieba-pretokenised": "tantivy",
    }
    for r in merged([], kept):  # a merged run estimates from the kept sizes too
        rate, base_paragraphs = r["ours"]["pps"], base_paragraphs or r["ours"]["paragraphs"] // SIZES[r["size"]]
        for label, b in r.get("baselines", {}).items():
            if b.get("seconds") and label in labels:
                base_seconds[labels[label]] = (b["seconds"], SIZES[r["size"]])
    for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        factor = SIZES[size]
        if rate and base_paragraphs:
            est_min = base_paragraphs * factor / rate / 60 * 1.6  # indexing plus everything else
            if est_min > args.budget_minutes:
                msg = (
                    f"{size}: skipped — about {base_paragraphs * factor:,} paragraphs at the measured "
                    f"{rate:,.0f} paragraphs/s would take ~{est_min:,.0f} min, over the {args.budget_minutes:.0f}-minute budget"
                )
                log(msg)
                skipped.append(msg)
                continue
        log(f"{size}: building corpus (x{factor})")
        corpus = make_corpus(args.corpus, factor, work / f"corpus-{size}")
        home = work / f"home-{size}"
        log(f"{size}: archive index")
        ours = index_ours(corpus, home)
        rate, base_paragraphs = ours["pps"], base_paragraphs or ours["paragraphs"]
        log(f"{size}: {ours['paragraphs']:,} paragraphs in {ours['seconds']:.1f} s ({ours['pps']:,.0f}/s)")
        times, a = search_ours(home, args.repeat)
        r: dict[str, Any] = {
            "size": size,
            "ours": ours,
            "ours_times": times,
            "started": started,
            "commit": git_commit(),
        }
        paras = paragraphs_of(a)
        truth = truth_of(paras)
        r["ours_rp"] = recall_ours(a, truth)
        log(f"{size}: serve and load")
        r["serve"] = serve_and_load(home, load=factor <= 10)
        r["baselines"] = {}
        for name in [b for b in args.baselines.split(",") if b]:
            fn = {"whoosh-jieba": baseline_whoosh_jieba, "fts5": baseline_fts5, "tantivy": baseline_tantivy}[name]
            label = {
                "whoosh-jieba": "Whoosh + jieba ChineseAnalyzer",
                "fts5": "SQLite FTS5 trigram",
                "tantivy": "tantivy-py, jieba-pretokenised",
            }[name]
            prev = base_seconds.get(name)
            if prev and prev[1] and prev[0] * factor / prev[1] / 60 > args.baseline_budget_minutes:
                est = prev[0] * factor / prev[1] / 60
                r["baselines"][label] = {
                    "skipped": f"~{est:,.0f} min estimated from the previous size, over the "
                    f"{args.baseline_budget_minutes:.0f}-minute budget"
                }
                log(f"{size}: baseline {label} skipped (~{est:,.0f} min)")
                continue
            log(f"{size}: baseline {label}")
            (work / f"base-{size}").mkdir(exist_ok=True)
            try:
                r["baselines"][label] = fn(paras, truth, work / f"base-{size}", args.repeat)
                base_seconds[name] = (r["baselines"][label].get("seconds") or 0, factor)
            except Exception as exc:  # a baseline that cannot run here is reported, not fatal
                r["baselines"][label] = {"error": f"{type(exc).__name__}: {exc}"}
        results.append(r)
        write_results(merged(results, kept), skipped, args.out, started)
        log(f"{size}: done; results so far in {args.out}")
    write_results(merged(results, kept), skipped, args.out, started)
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
