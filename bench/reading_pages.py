"""Server time of the reading pages: a paragraph (/p/<id>, with its neighbours, citation,
similar paragraphs and highlights of the search it came from) and a whole document (/d/<id>).

Target (issue 14 review): under 50 ms a page on the corpus, like the search page. The sample is
chosen from the index itself, the same on every run of one index: paragraphs spread evenly
over all of them in id order, the first paragraph of a document (its citation reads the
document's head), a paragraph in the middle of the longest document; and for /d/ the longest
document and documents spread evenly. Each page is requested through the Flask app in this
process (no network) after one warm-up request; times are the median and the worst of
--repeat requests over the whole sample.

    .venv/bin/archive index ../shared/corpus --home /tmp/corpus-home
    .venv/bin/python bench/reading_pages.py --home /tmp/corpus-home [--repeat 5] [--write]

--write replaces the "Reading pages" section of bench/RESULTS.md with the table.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path

from results_file import page_timing_preamble, replace_section, verdict
from urllib.parse import quote

TARGET_MS = 50.0
RESULTS = Path(__file__).with_name("RESULTS.md")
SECTION = "## Reading pages server time (bench/reading_pages.py)"


def sample(app, k: int = 12) -> dict[str, list[str]]:
    """URLs of each kind of page, picked from the index in a fixed way."""
    from web.db import get_archive

    with app.app_context():
        v = get_archive().view()
        with v.lock:
            rows = [(f["id"], f["doc_id"], f["n"]) for f in v.searcher().all_stored_fields()]
    rows.sort()
    step = max(1, len(rows) // k)
    spread = [r for r in rows[::step]][:k]
    sizes = Counter(d for _, d, _ in rows)
    longest, size = sizes.most_common(1)[0]
    middle = next(pid for pid, d, n in rows if d == longest and n == size // 2)
    first = [pid for pid, _, n in rows if n == 1][:: max(1, len(sizes) // 4)][:4]
    docs = sorted(sizes)
    return {
        "/p/<id>": [f"/p/{quote(pid)}" for pid, _, _ in spread],
        "/p/<id>?q=发展": [f"/p/{quote(pid)}?q={quote('发展')}" for pid, _, _ in spread],
        "/p/<id> (n = 1)": [f"/p/{quote(pid)}" for pid in first],
        f"/p/<id> (middle of a {size}-paragraph document)": [f"/p/{quote(middle)}"],
        "/d/<id>": [f"/d/{quote(d)}" for d in docs[:: max(1, len(docs) // k)][:k]],
        f"/d/<id> (longest, {size} paragraphs)": [f"/d/{quote(longest)}"],
    }


def run(home: Path, repeat: int) -> list[dict]:
    from web import create_app

    app = create_app(home, {"TESTING": True})
    client = app.test_client()
    out = []
    for kind, urls in sample(app).items():
        times = []
        for url in urls:
            r = client.get(url)  # warm-up
            assert r.status_code == 200, (url, r.status_code)
            for _ in range(repeat):
                t0 = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
        out.append({"page": kind, "pages": len(urls), "median_ms": statistics.median(times), "max_ms": max(times)})
    return out


def table(rows: list[dict], home: Path, repeat: int, note: str) -> str:
    lines = [
        SECTION,
        "",
        page_timing_preamble(home, repeat, "of each page through the Flask app.")
        + f" Target: under {TARGET_MS:.0f} ms.{(' ' + note) if note else ''}",
        "",
        "| page | pages | median ms | worst ms | target |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        ok = verdict(r["median_ms"], TARGET_MS)
        lines.append(f"| `{r['page']}` | {r['pages']} | {r['median_ms']:.1f} | {r['max_ms']:.1f} | {ok} |")
    return "\n".join(lines) + "\n"


def write(section: str) -> None:
    heading, _, body = section.partition("\n")
    replace_section(heading, body)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--home", type=Path, required=True, help="an archive home (index ../shared/corpus into it)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--note", default="", help="a sentence added to the section (e.g. before/after figures)")
    ap.add_argument("--write", action="store_true", help="update the section in bench/RESULTS.md")
    a = ap.parse_args()
    out = table(run(a.home, a.repeat), a.home, a.repeat, a.note)
    print(out)
    if a.write:
        write(out)


if __name__ == "__main__":
    main()
