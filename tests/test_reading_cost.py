"""The reading pages' lookups cost what the document costs, not what the archive holds.

The paragraph page reads a paragraph's neighbours and its document's head (for the citation).
Those were one Whoosh query over the paragraph number ``n``, whose range matcher walked every
paragraph numbered in the range in every document: ~60 ms of the ~65 ms page on the corpus.
Counting Python calls (deterministic, unlike a timer) shows whether a lookup grows with the
archive; the neighbours are also checked against the document read whole (the oracle).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from archive.search import Archive
from indexer.build import build

PHRASES = (
    "推进乡村振兴 强化基层治理 优化营商环境 深化改革开放 保障改善民生 加强生态保护 发展特色产业 建设美丽城镇".split()
)


def _write_docs(folder: Path, count: int, paragraphs: int = 9) -> Path:
    """``count`` distinct documents of ``paragraphs`` paragraphs each (no two alike: nothing is
    merged as a duplicate)."""
    folder.mkdir(parents=True)
    for d in range(count):
        lines = [f"第{d}号工作报告", ""]
        for i in range(paragraphs):
            a, b = PHRASES[(d + i) % len(PHRASES)], PHRASES[(d * 3 + i * 5) % len(PHRASES)]
            lines += [f"{i + 1}、文件{d}第{i}段：我们坚持{a}，统筹{b}，完成年度目标任务{d * 100 + i}项。", ""]
        (folder / f"doc{d:03d}.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def homes(tmp_path_factory) -> dict[str, Archive]:
    out = {}
    for name, count in (("small", 4), ("large", 60)):
        root = tmp_path_factory.mktemp(name)
        build([_write_docs(root / "docs", count)], root / "home")
        out[name] = Archive(root / "home")
    return out


def _calls(fn) -> int:
    count = 0

    def prof(_frame, event, _arg):
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(prof)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def _a_middle_paragraph(archive: Archive) -> dict:
    hits = archive.search("统筹", limit=1, facets=False)["hits"]
    paras = archive.document(hits[0]["doc_id"])
    assert len(paras) >= 7, [p["text"] for p in paras]
    return paras[len(paras) // 2]


def test_neighbours_are_the_documents_paragraphs_around_it(homes):
    archive = homes["large"]
    for doc in {h["doc_id"] for h in archive.search("统筹", limit=50, facets=False)["hits"]}:
        paras = archive.document(doc)
        for p in paras:
            for k in (1, 2, 6):
                before, after = archive.neighbours(p, k)
                want_before = [x["id"] for x in paras if p["n"] - k <= x["n"] < p["n"]]
                want_after = [x["id"] for x in paras if p["n"] < x["n"] <= p["n"] + k]
                assert [x["id"] for x in before] == want_before
                assert [x["id"] for x in after] == want_after


def test_neighbours_do_not_grow_with_the_archive(homes):
    small, large = homes["small"], homes["large"]
    ps, pl = _a_middle_paragraph(small), _a_middle_paragraph(large)
    for a, p in ((small, ps), (large, pl)):
        a.neighbours(p, 2)  # warm: columns, searcher
    cost_small = _calls(lambda: small.neighbours(ps, 2))
    cost_large = _calls(lambda: large.neighbours(pl, 2))
    # 15 times the documents (before: 2.3 times the calls); the lookup reads one document's
    # postings and five stored rows
    assert cost_large < 1.5 * cost_small, (cost_small, cost_large)


def test_the_paragraph_page_does_not_grow_with_the_archive(homes):
    from web import create_app

    costs = []
    for name in ("small", "large"):
        a = homes[name]
        p = _a_middle_paragraph(a)
        app = create_app(a.home, {"TESTING": True})
        c = app.test_client()
        url = f"/p/{p['id']}?q=统筹"
        assert c.get(url).status_code == 200
        costs.append(_calls(lambda: c.get(url)))
    assert costs[1] < 1.3 * costs[0], costs
