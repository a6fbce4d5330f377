"""Two documents side by side (archive/compare.py): the paragraphs paired are exactly those
`archive similar` reports between the two documents, and the marked passages are exactly
the characters covered by 8-character windows found in the paired paragraph (a brute-force
scan); the CLI, the API and the page agree."""

from __future__ import annotations

import itertools
import json
import re
from html import unescape

import pytest

from archive import compare
from archive.query import QueryError
from archive.search import Archive
from archive.textnorm import normalize
from indexer.build import build

COMMON_1 = "在乡村振兴方面，{0}深入推进美丽乡村建设，完成农村生活污水治理提标改造三十个村，新建高标准农田五千亩，村级集体经济收入全部超过一百二十万元。"
COMMON_2 = "{0}将继续聚焦民生实事，新建养老服务中心两处，改造老旧小区十五个，让群众的获得感成色更足、幸福感更可持续、安全感更有保障。"
DOCS = {
    "甲镇2024年工作总结": [
        "2024年甲镇工作总结",
        "一年来，甲镇坚持以项目建设为抓手，全年新签约亿元以上产业项目十二个，完成固定资产投资二十八亿元，工业税收同比增长百分之十五。",
        COMMON_1.format("甲镇"),
        COMMON_2.format("甲镇"),
        "下一步，我们将以更加饱满的热情投入工作，奋力开创甲镇高质量发展新局面。",
    ],
    "乙镇2024年工作总结": [
        "2024年乙镇工作总结",
        "乙镇今年围绕招商引资主线，引进外资企业六家，实际利用外资一点二亿美元，规上工业产值突破二百亿元大关。",
        "明年乙镇将全力推进城镇有机更新，打造宜居宜业的现代化小城镇。",
        COMMON_2.format("乙镇"),
        # a paragraph that copies one sentence of 甲镇's and says something else
        "乙镇也在补短板，" + COMMON_1.format("乙镇")[:48] + "同时启动了全域土地综合整治试点工作，成效正在显现。",
        COMMON_1.format("乙镇"),
    ],
    "丙镇2024年工作总结": [
        "2024年丙镇工作总结",
        "丙镇全年接待游客三百万人次，旅游收入同比增长两成，民宿经济成为富民增收的新引擎。",
    ],
}
A, B = "甲镇2024年工作总结", "乙镇2024年工作总结"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare")
    docs = root / "docs"
    docs.mkdir()
    for name, paras in DOCS.items():
        (docs / f"{name}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    build([docs], root / "home")
    return root / "home"


@pytest.fixture(scope="module")
def archive(home):
    a = Archive(home)
    yield a
    a.close()


def brute_marks(text: str, other: str) -> set[int]:
    """Display offsets of ``text`` inside some 8-character window (spaces skipped) that
    also occurs, spaces skipped, in ``other``."""
    chars = [(i, normalize(c)) for i, c in enumerate(text) if not normalize(c).isspace()]
    target = "".join(normalize(c) for c in other if not normalize(c).isspace())
    marked: set[int] = set()
    for s in range(len(chars) - 7):
        window = chars[s : s + 8]
        if "".join(c for _, c in window) in target:
            marked.update(range(window[0][0], window[-1][0] + 1))
    return marked


def offsets(spans: list[list[int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def test_pairs_are_what_similar_reports_and_marks_equal_a_brute_force_scan(archive):
    result = compare.compare(archive, A, B)
    want = {(p["id"], r["id"]) for p in archive.document(A) for r in archive.similar(p["id"]) if r["doc_id"] == B}
    want |= {(r["id"], p["id"]) for p in archive.document(B) for r in archive.similar(p["id"]) if r["doc_id"] == A}
    assert len(want) == 3, "the fixture's three reused passages are found at index time"
    assert {(x["a"], x["b"]) for x in result["pairs"]} == want
    texts = {p["id"]: p["text"] for d in (A, B) for p in archive.document(d)}
    expected: dict[str, set[int]] = {}
    for a, b in want:
        expected.setdefault(a, set()).update(brute_marks(texts[a], texts[b]))
        expected.setdefault(b, set()).update(brute_marks(texts[b], texts[a]))
    got = {x["id"]: offsets(x["spans"]) for row in result["rows"] for x in (row["a"], row["b"]) if x and x["spans"]}
    assert got == expected
    for side, doc in (("a", A), ("b", B)):
        s = result[side]
        paras = archive.document(doc)
        assert s["paragraphs"] == len(paras) and s["chars"] == sum(len(p["text"]) for p in paras)
        assert s["shared_chars"] == sum(len(v) for k, v in expected.items() if k.startswith(doc + "-"))
        assert s["shared_paragraphs"] == len([k for k in expected if k.startswith(doc + "-")])
        assert s["shared_share"] == round(s["shared_chars"] / s["chars"], 4)
        # every paragraph once, in document order
        assert [row[side]["id"] for row in result["rows"] if row[side]] == [p["id"] for p in paras]
    # the paragraphs set side by side are pairs, in order on both sides
    aligned = [(row["a"]["n"], row["b"]["n"]) for row in result["rows"] if row["a"] and row["b"]]
    assert aligned == sorted(aligned) and [b for _, b in aligned] == sorted(b for _, b in aligned)
    assert all((f"{A}-{a}", f"{B}-{b}") in want for a, b in aligned)
    n_of = [(int(a.rsplit("-", 1)[1]), int(b.rsplit("-", 1)[1])) for a, b in want]
    longest = max(
        k
        for k in range(len(n_of) + 1)
        for c in itertools.combinations(sorted(n_of), k)
        if all(x[0] < y[0] and x[1] < y[1] for x, y in zip(c, c[1:]))
    )
    assert len(aligned) == longest == 1  # the fixture's reuse crosses: 甲3 ~ 乙5, 乙6 and 甲4 ~ 乙4


def test_unrelated_documents_share_nothing(archive):
    result = compare.compare(archive, A, "丙镇2024年工作总结")
    assert result["pairs"] == [] and result["a"]["shared_chars"] == 0
    assert all(not x["spans"] for row in result["rows"] for x in (row["a"], row["b"]) if x)


def test_shared_spans_exact():
    assert compare.shared_spans("甲乙丙丁戊己庚辛壬癸", "子丑甲乙丙丁戊己庚辛寅") == [[0, 8]]
    assert compare.shared_spans("甲乙丙丁 戊己庚辛壬", "甲乙丙丁戊己庚辛") == [[0, 9]]
    assert compare.shared_spans("甲乙丙丁戊己庚", "甲乙丙丁戊己庚") == []  # shorter than a window


def test_errors(archive):
    with pytest.raises(QueryError, match="different"):
        compare.compare(archive, A, A)
    with pytest.raises(LookupError, match="no document"):
        compare.compare(archive, A, "nope")


def test_cli_api_and_page_agree(home, archive, runner):
    from web import create_app

    client = create_app(home, {"TESTING": True}).test_client()
    core = compare.compare(archive, A, B)
    assert client.get("/api/compare", query_string={"a": A, "b": B}).get_json() == core
    res = runner("compare", A, B, "--json", "--home", home)
    assert res.exit_code == 0 and json.loads(res.output) == core
    res = runner("compare", A, B, "--home", home)
    assert res.exit_code == 0 and f"{core['a']['shared_paragraphs']} of 5 paragraphs share text" in res.output
    page = client.get("/compare", query_string={"a": A, "b": B}).get_data(as_text=True)
    marks = [unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", page)]
    want = [x["text"][s:e] for row in core["rows"] for x in (row["a"], row["b"]) if x for s, e in x["spans"]]
    assert marks == want and marks
    assert client.get("/api/compare", query_string={"a": A, "b": "nope"}).status_code == 404
    assert client.get("/api/compare", query_string={"a": A}).status_code == 400
    assert client.get("/compare", query_string={"a": A, "b": A}).status_code == 400
    assert runner("compare", A, "nope", "--home", home).exit_code != 0
    # from a paragraph's "similar elsewhere" block
    pid = core["pairs"][0]["a"]
    para = client.get(f"/p/{pid}").get_data(as_text=True)
    link = unescape(re.search(r'class="compare-link" href="([^"]+)"', para).group(1))
    assert client.get(link).status_code == 200 and f'id="c-{pid}"' in client.get(link).get_data(as_text=True)
