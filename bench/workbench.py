"""Times of the researcher's workbench: batch search (50 phrases) and the concordance, on
the real corpus (../shared/corpus, all 290 reports) and on the 100k replicated corpus
(bench/run.py's make_corpus: the 143 city reports ×10 with varied catalogs).

    .venv/bin/python bench/workbench.py                     # both sizes, writes bench/WORKBENCH.md
    .venv/bin/python bench/workbench.py --sizes corpus --home var/corpus   # reuse an index
    .venv/bin/python bench/workbench.py --home var/corpus --home-100k var/100k   # reuse both

Targets: 50 phrases over the corpus in under 2 s (issue 13). Each figure is the median of
--repeat runs after one warm-up run (the first, cold run is reported too), with the cache
of recent match sets turned off, so every run pays the FTS5 queries.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from archive import batch, kwic  # noqa: E402
from archive.columns import Columns  # noqa: E402
from archive.search import Archive  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
CITY = CORPUS / "city-2024"
ARCHIVE = str(Path(sys.executable).with_name("archive"))
OUT = ROOT / "bench" / "WORKBENCH.md"

# Fifty policy phrases of the kind a diffusion study lists: rare and common, 2 to 7 characters.
PHRASES = """高质量发展 共同富裕 乡村振兴 数字经济 营商环境 新质生产力 腾笼换鸟 千万工程 专项债 碳达峰
碳中和 放管服 一带一路 长三角一体化 粤港澳大湾区 城市更新 老旧小区 招商引资 民营经济 科技创新
人才 专精特新 小巨人 亩均 低效用地 未来社区 数字化改革 最多跑一次 河长制 林长制
污染防治 生态文明 美丽乡村 新型城镇化 城乡融合 基层治理 枫桥经验 网格化 安全生产 疫情防控
稳就业 保市场主体 减税降费 双循环 新基建 5G 人工智能 集成电路 新能源汽车 县域经济""".split()
QUERIES = [("rare phrase", "腾笼换鸟"), ("common phrase", "高质量发展"), ("two terms", "共同富裕 数字经济")]
SORTS = ("oldest", "left", "right_words")


def timed(fn: Callable[[], Any], repeat: int) -> dict[str, float]:
    t0 = time.perf_counter()
    fn()
    cold = time.perf_counter() - t0
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return {"cold_s": round(cold, 4), "median_s": round(statistics.median(runs), 4), "max_s": round(max(runs), 4)}


def index(corpus: Path, home: Path, keep_duplicates: bool) -> dict[str, Any]:
    args = [ARCHIVE, "index", str(corpus), "--home", str(home), "--rebuild", "--json"]
    if keep_duplicates:
        args.append("--keep-duplicates")
    t0 = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    return {
        "paragraphs": report["paragraphs"],
        "documents": report["documents"],
        "index_s": round(time.perf_counter() - t0, 1),
    }


def measure(home: Path, repeat: int) -> dict[str, Any]:
    Columns.CACHE_DOCS = 0
    a = Archive(home)
    a.warm()
    paragraphs = a.stats()["paragraphs"]
    out: dict[str, Any] = {"paragraphs": paragraphs, "batch": {}, "kwic": {}}
    for place in ("township", "county", "province"):
        out["batch"][f"50 phrases by {place} × year"] = timed(lambda: batch.batch(a, PHRASES, place=place), repeat)
    out["batch"]["50 phrases by county × period, one province"] = timed(
        lambda: batch.batch(a, PHRASES, place="county", time="period", filters={"province": ["浙江省"]}), repeat
    )
    total = batch.batch(a, PHRASES)
    out["batch_matches"] = sum(ph["paragraphs"] for ph in total["phrases"])
    for label, q in QUERIES:
        for sort in SORTS:
            lines = kwic.concordance(a, q, sort=sort)["total"]
            out["kwic"][f"{label} «{q}», sort {sort} ({lines:,} lines)"] = timed(
                lambda: kwic.concordance(a, q, sort=sort), repeat
            )
    a.close()
    return out


def render(results: dict[str, Any]) -> str:
    lines = [
        "# Workbench timings (bench/workbench.py)",
        "",
        f"{results['machine']}, {results['date']}. Median of {results['repeat']} runs after one "
        "warm-up (the cold first run in brackets), match-set cache off. Target: 50 phrases over the "
        "corpus in under 2 s.",
        "",
        results.get("note", ""),
        "",
    ]
    for size, r in results["sizes"].items():
        lines += [
            f"## {size}: {r['paragraphs']:,} paragraphs ({r.get('documents', '?')} documents, "
            f"indexed in {r.get('index_s', '?')} s)",
            "",
            f"Batch: the 50 phrases match {r['batch_matches']:,} paragraphs in all.",
            "",
            "| what | median | max | cold |",
            "| --- | ---: | ---: | ---: |",
        ]
        for k, v in [*r["batch"].items(), *r["kwic"].items()]:
            lines.append(
                f"| {k} | {v['median_s'] * 1000:,.0f} ms | {v['max_s'] * 1000:,.0f} ms | {v['cold_s'] * 1000:,.0f} ms |"
            )
        lines.append("")
    lines += [
        "Batch search reads no text: one FTS5 phrase query per phrase, then numpy on the coded",
        "columns. The concordance must read the text of every matching paragraph (to count and",
        "sort the occurrences), so its time grows with the matching paragraphs; since h19 it reads",
        "only the texts for that (the other fields only for the lines a page shows) and the word",
        "sorts cut only the stretch around each hit, not the whole paragraph. What is left is",
        "Whoosh's stored-field decoding (zlib and pickle per paragraph) and the text normalisation",
        "that finds the hits.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="corpus,100k")
    ap.add_argument("--home", type=Path, help="an index of the corpus to reuse (size 'corpus' only)")
    ap.add_argument(
        "--home-100k",
        type=Path,
        help="an index of the 100k corpus to reuse (make_corpus(city-2024, 10), indexed with --keep-duplicates)",
    )
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--note", default="", help="a line on the conditions of the run, for the report")
    args = ap.parse_args()
    results: dict[str, Any] = {
        "machine": f"{platform.machine()} {platform.python_version()}",
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "repeat": args.repeat,
        "note": args.note,
        "sizes": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes.split(","):
            info: dict[str, Any] = {}
            if size == "corpus":
                home = args.home or Path(tmp) / "corpus-home"
                if not args.home:
                    info = index(CORPUS, home, keep_duplicates=False)
            elif size == "100k" and args.home_100k:
                home = args.home_100k
            elif size == "100k":
                from run import make_corpus

                corpus = make_corpus(CITY, 10, Path(tmp) / "c100k")
                home = Path(tmp) / "home-100k"
                info = index(corpus, home, keep_duplicates=True)
            else:
                raise SystemExit(f"unknown size {size!r}: corpus or 100k")
            print(f"{size}: measuring {info or home}", file=sys.stderr)
            results["sizes"][size] = {**info, **measure(home, args.repeat)}
    OUT.write_text(render(results), encoding="utf-8")
    OUT.with_suffix(".json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
