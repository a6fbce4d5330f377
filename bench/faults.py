"""Kill `archive index` at many points of fresh, rebuild and incremental runs, and check
that the archive survives each kill.

    .venv/bin/python bench/faults.py                  # generated collection (~1 min)
    .venv/bin/python bench/faults.py --corpus ../shared/corpus --only timed   # the real corpus

Each trial resets a work folder to a known state (the sources and, but for fresh runs, the
home built from them), starts `archive index` in its own process group and kills it:
either at a named checkpoint of the build (ARCHIVE_KILL_AT, indexer/build.py: the builder
sends SIGKILL to itself alone, so that its Whoosh worker processes must die on their own),
or after a delay (SIGKILL to the whole process group). After the kill it checks:

- served: what a new reader sees is exactly the OLD or the NEW complete state (document
  count, paragraph count and the totals of a few queries, all from one state), or no index
  for a fresh run killed before its first publication;
- orphans: no process of the killed group is left;
- then a plain `archive index` of the same paths recovers: it exits 0, leaves no staging
  folder or pointer temp file, and the archive then holds exactly the NEW state, with the
  folder indexed earlier from another path still there.

The outcome table is printed and, with --results, written into bench/RESULTS.md (its
"Faults" section, replaced on each run; the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results_file import replace_section
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive import store  # noqa: E402
from archive.search import Archive  # noqa: E402

QUERIES = ("腾笼换鸟", "新增段落", "美丽乡村", "曹桥街道")
POINTS = (
    "read:20",
    "staged",
    "added:8",
    "exact-committed",
    "whoosh-committed",
    "reuse-written",
    "manifest-written",
    "renamed",
    "published",
)


def generated(src: Path, n: int = 60) -> None:
    """A collection big enough for the multiprocess writer (>= 50 files)."""
    towns = ["新仓镇", "广陈镇", "林埭镇", "新埭镇", "独山港镇", "乍浦镇", "当湖街道", "钟埭街道"]
    for i in range(n):
        t = towns[i % len(towns)]
        paras = [
            f"{2020 + i % 5}年，{t}推进第{i}号腾笼换鸟工作，盘活低效用地{i}亩。",
            f"{t}建设美丽乡村第{i}期，完成农房改造{i * 3}户。",
            f"第{i}号文件要求：{t}全面落实河长制，开展清河行动。",
        ]
        (src / f"doc{i:03d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")


def change(src: Path) -> None:
    """The incremental edit: 10 files changed, 5 removed, 5 added."""
    files = sorted(src.glob("*.txt"))
    for f in files[:10]:
        f.write_text(f.read_text(encoding="utf-8") + "\n新增段落：继续推进腾笼换鸟。\n", encoding="utf-8")
    for f in files[10:15]:
        f.unlink()
    for k in range(5):
        (src / f"added{k}.txt").write_text(f"2025年，新仓镇新增段落第{k}条，推进美丽乡村。\n", encoding="utf-8")


def state(home: Path) -> tuple | None:
    """(documents, paragraphs, totals of QUERIES) as a new reader sees them; None: no index."""
    try:
        a = Archive(home)
    except store.IndexMissing:
        return None
    try:
        st = a.stats()
        return (st["documents"], st["paragraphs"], *(a.search(q)["total"] for q in QUERIES))
    finally:
        a.close()
        del a
        gc.collect()


def run_index(
    home: Path, paths: list[Path], *args: str, kill_at: str | None = None, after: float | None = None
) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("ARCHIVE_KILL_AT", None)
    if kill_at:
        env["ARCHIVE_KILL_AT"] = kill_at
    cmd = [sys.executable, "-m", "cli", "index", *map(str, paths), "--home", str(home), *args]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    killed_group = False
    if after is not None:
        try:
            p.wait(timeout=after)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            killed_group = True
    p.wait()
    err = p.stderr.read().decode("utf-8", "replace") if p.stderr else ""
    orphans = []
    for _ in range(50):  # workers killed by the kernel may take a moment
        orphans = subprocess.run(["pgrep", "-g", str(p.pid)], capture_output=True, text=True).stdout.split()
        if not orphans:
            break
        time.sleep(0.1)
    for pid in orphans:  # leave nothing behind us either
        try:
            os.kill(int(pid), signal.SIGKILL)
        except (ProcessLookupError, ValueError):
            pass
    return {
        "rc": p.returncode,
        "seconds": time.perf_counter() - t0,
        "orphans": len(orphans),
        "killed_group": killed_group,
        "stderr": err[-500:],
    }


def leftovers(home: Path) -> list[str]:
    """Staging folders, pointer temp files, and generations other than the served one."""
    if not home.exists():
        return []
    current = store.current_name(home)
    return sorted(
        p.name
        for p in home.iterdir()
        if p.name.endswith((".building", ".tmp"))
        or p.name.startswith(("index.building", "index.old"))
        or (store.GENERATION.fullmatch(p.name) and p.name != current)
    )


class Bench:
    def __init__(self, work: Path, corpus: Path | None) -> None:
        self.work, self.corpus = work, corpus
        self.template = work / "template"
        self.src, self.other, self.home = work / "docs", work / "other", work / "home"

    def prepare(self) -> None:
        """Template sources (old and new) and the homes of the old state."""
        t = self.template
        shutil.rmtree(t, ignore_errors=True)
        (t / "old").mkdir(parents=True)
        (t / "other").mkdir()
        if self.corpus:
            for f in sorted(self.corpus.rglob("*")):
                if f.is_file():
                    dest = t / "old" / f.relative_to(self.corpus)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(f, dest)
        else:
            generated(t / "old")
        (t / "other" / "delta.txt").write_text("2022年，曹桥街道启动腾笼换鸟。\n", encoding="utf-8")
        shutil.copytree(t / "old", t / "new")
        if self.corpus:
            (t / "new" / "zz-added.txt").write_text("2025年，新仓镇新增段落：推进美丽乡村。\n", encoding="utf-8")
        else:
            change(t / "new")
        # the old home: other/ indexed first, then docs/ (built where the trials run)
        self.reset("old", home=False)
        shutil.rmtree(self.home, ignore_errors=True)
        for paths in ([self.other], [self.src]):
            r = run_index(self.home, paths)
            assert r["rc"] == 0, r["stderr"]
        self.old_state = state(self.home)
        shutil.rmtree(t / "home-old", ignore_errors=True)
        shutil.copytree(self.home, t / "home-old", symlinks=True)
        # the new states: incremental from the old home, and fresh
        self.reset("new", home=True)
        r = run_index(self.home, [self.src])
        self.incremental_s = r["seconds"]
        self.new_state = state(self.home)
        self.reset("new", home=False)
        r = run_index(self.home, [self.src])
        self.fresh_s = r["seconds"]
        self.fresh_state = state(self.home)

    def reset(self, sources: str, home: bool) -> None:
        for d in (self.src, self.other, self.home):
            shutil.rmtree(d, ignore_errors=True)
        shutil.copytree(self.template / sources, self.src)
        shutil.copytree(self.template / "other", self.other)
        if home:
            shutil.copytree(self.template / "home-old", self.home, symlinks=True)

    def trial(self, mode: str, how: str) -> dict[str, Any]:
        """mode: fresh | rebuild | incremental; how: a checkpoint or 't=<seconds>'."""
        self.reset("new", home=mode != "fresh")
        args = ["--rebuild"] if mode == "rebuild" else []
        kw = {"after": float(how[2:])} if how.startswith("t=") else {"kill_at": how}
        r = run_index(self.home, [self.src], *args, **kw)
        served = state(self.home)
        old = None if mode == "fresh" else self.old_state
        # a rebuild of the old home re-reads other/ too, so its new state is the incremental one
        new = self.fresh_state if mode == "fresh" else self.new_state
        seen = (
            "old"
            if served == old and old is not None
            else "new"
            if served == new
            else "none"
            if served is None and mode == "fresh"
            else f"MIXED {served}"
        )
        left = leftovers(self.home)
        rec = run_index(self.home, [self.src])
        after = state(self.home)
        ok_after = after == new and rec["rc"] == 0 and not leftovers(self.home)
        gens = len(store.generations(self.home))
        completed = r["rc"] == 0
        ok = seen in ("old", "new", "none") and r["orphans"] == 0 and ok_after and gens <= 2
        return {
            "mode": mode,
            "kill": how,
            "exit": "completed"
            if completed
            else ("SIGKILL (group)" if r["killed_group"] else "SIGKILL (self)" if r["rc"] == -9 else str(r["rc"])),
            "served": seen,
            "orphans": r["orphans"],
            "left": ", ".join(left) or "-",
            "recovery": "ok" if ok_after else f"FAILED rc={rec['rc']} {after} {rec['stderr'][-200:]}",
            "generations": gens,
            "ok": ok,
        }


def table(rows: list[dict[str, Any]]) -> str:
    out = [
        "| run | kill at | builder | served after the kill | orphans | left behind | plain `archive index` after | verdict |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        out.append(
            f"| {r['mode']} | {r['kill']} | {r['exit']} | {r['served']} | {r['orphans']} | {r['left']} | "
            f"{r['recovery']} ({r['generations']} generation{'s' if r['generations'] != 1 else ''}) | "
            f"{'ok' if r['ok'] else 'FAIL'} |"
        )
    return "\n".join(out)


def write_results(text: str, which: str = "") -> None:
    head = "## Faults: `archive index` killed at many points (bench/faults.py)" + (f", {which}" if which else "")
    replace_section(head, text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, help="index a copy of this folder instead of a generated collection")
    ap.add_argument("--only", choices=["points", "timed"], help="only checkpoint kills, or only timed kills")
    ap.add_argument("--modes", default="fresh,rebuild,incremental", help="which runs to kill (comma-separated)")
    ap.add_argument(
        "--fractions",
        default="0.25,0.5,0.75,0.95",
        help="timed kills at these fractions of an uninterrupted run's duration",
    )
    ap.add_argument("--work", type=Path, help="work folder (default: a temporary one, removed after)")
    ap.add_argument("--results", action="store_true", help="write the table into bench/RESULTS.md")
    a = ap.parse_args()
    work = a.work or Path(tempfile.mkdtemp(prefix="archive-faults-"))
    b = Bench(work, a.corpus.resolve() if a.corpus else None)
    t0 = time.perf_counter()
    try:
        b.prepare()
        print(
            f"old {b.old_state}  new {b.new_state}  fresh {b.fresh_state}  "
            f"(fresh build {b.fresh_s:.1f} s, incremental {b.incremental_s:.1f} s)",
            flush=True,
        )
        plan: list[tuple[str, str]] = []
        for mode in a.modes.split(","):
            if a.only != "timed":
                plan += [(mode, p) for p in POINTS if not (mode == "incremental" and p == "read:20" and a.corpus)]
            if a.only != "points":
                dur = b.incremental_s if mode == "incremental" else b.fresh_s
                plan += [(mode, f"t={dur * float(f):.2f}") for f in a.fractions.split(",")]
        rows = []
        for mode, how in plan:
            r = b.trial(mode, how)
            rows.append(r)
            print(
                f"{mode:12} {how:18} {r['exit']:16} served={r['served']:6} orphans={r['orphans']} "
                f"left={r['left']} recovery={r['recovery']} -> {'ok' if r['ok'] else 'FAIL'}",
                flush=True,
            )
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)
    what = f"a copy of {a.corpus}" if a.corpus else "a generated collection of 60 text files (multiprocess writer)"
    text = (
        f"{len(rows)} kills of `archive index` on {what}, {sum(r['ok'] for r in rows)} ok "
        f"({time.perf_counter() - t0:.0f} s; {time.strftime('%Y-%m-%d')}). Old state (documents, paragraphs, totals of "
        f"{', '.join(QUERIES)}): {b.old_state}; new: {b.new_state} (fresh: {b.fresh_state}). A checkpoint kill is "
        "SIGKILL of the builder alone (its workers must die with it); `t=` kills the whole process group after "
        "that many seconds. \"served\" is what a new reader sees right after the kill; the recovery column is a "
        "plain `archive index` of the same folder, checked against the new state (with the folder indexed "
        "earlier from another path still there).\n\n" + table(rows)
    )
    print("\n" + table(rows))
    if a.results:
        write_results(text, "corpus" if a.corpus else "")
    sys.exit(0 if all(r["ok"] for r in rows) else 1)


if __name__ == "__main__":
    main()
