"""Proximity ("A B"~N) and same-sentence (A /s B) search: exact outputs on tiny texts, and
the search, the CLI and the API against a brute-force scan of every seed paragraph (no false
hits, none missed)."""

from __future__ import annotations

import itertools
import json
import re

import pytest

from archive import proximity
from archive.query import QueryError, matches, parse
from archive.textnorm import normalize


@pytest.mark.parametrize(
    "query,text,want",
    [
        ('"腾笼换鸟 凤凰涅槃"~1', "腾笼换鸟•凤凰涅槃", True),
        ('"腾笼换鸟 凤凰涅槃"~0', "腾笼换鸟•凤凰涅槃", False),
        ('"腾笼换鸟 凤凰涅槃"~1', "凤凰涅槃，腾笼换鸟", True),  # either order
        ('"腾笼换鸟 凤凰涅槃"~5', "腾笼换鸟一二三四五凤凰涅槃", True),
        ('"腾笼换鸟 凤凰涅槃"~4', "腾笼换鸟一二三四五凤凰涅槃", False),
        ('"甲乙 乙丙"~0', "甲乙丙", True),  # occurrences may overlap
        ('"甲 乙 丙"~2', "甲一乙一丙", True),
        ('"甲 乙 丙"~1', "甲一乙一丙", False),
        ('"甲 乙"~100', "甲", False),
        ("腾笼换鸟 /s 亩", "腾笼换鸟腾退土地750亩。", True),
        ("腾笼换鸟 /s 亩", "腾笼换鸟。腾退土地750亩。", False),
        ("腾笼换鸟 /s 亩", "一是腾笼换鸟；二是亩均论英雄", False),
        ("腾笼换鸟 /S 亩", "亩均，腾笼换鸟！", True),
        ("(腾笼换鸟 OR 千万工程) /s 亩", "千万工程三百亩。腾笼换鸟", True),
        ("腾笼换鸟 /s 亩 /s 土地", "腾笼换鸟腾退土地750亩。", True),
        ("腾笼换鸟 /s 亩 OR 公顷", "公顷。腾笼换鸟", True),
        ('"腾笼换鸟 亩"~20 /s 土地', "腾笼换鸟，土地750亩。", True),
    ],
)
def test_conditions_exact(query, text, want):
    assert matches(parse(query).tree, normalize(text)) is want


@pytest.mark.parametrize(
    "query,key",
    [
        ('"腾笼换鸟"~3', "near_words"),
        ('"甲 乙"~5000', "near_far"),
        ("腾笼换鸟 /s -亩", "sentence_not"),
        ("/s 亩", "op_sides"),
    ],
)
def test_bad_queries_are_clear(query, key):
    with pytest.raises(QueryError) as e:
        parse(query)
    assert e.value.key == key


def test_near_exact():
    assert proximity.near([[(0, 4)], [(5, 9)]], 1) and not proximity.near([[(0, 4)], [(5, 9)]], 0)
    assert proximity.near([[(0, 1)], [(2, 3)], [(4, 5)]], 2) and not proximity.near([[(0, 1)], [(2, 3)], [(4, 5)]], 1)
    assert not proximity.near([[(0, 1)], []], 10)


def brute_near(norm: str, words: list[str], n: int) -> bool:
    """Every choice of one occurrence per word, found by testing every offset."""
    occ = [[i for i in range(len(norm)) if norm.startswith(w, i)] for w in words]
    return any(
        max(s + len(w) for s, w in zip(c, words)) - min(c) - sum(map(len, words)) <= n for c in itertools.product(*occ)
    )


def brute_sentence(norm: str, words: list[str]) -> bool:
    """Cut at every 。！？；!?; (closing quotes after it stay), then test each piece."""
    pieces = re.split(r"(?<=[。！？；!?;])(?![”’」』）)])", norm)
    return any(all(w in p for w in words) for p in pieces)


CASES = [
    ('"腾笼换鸟 凤凰涅槃"~10', lambda t: brute_near(t, ["腾笼换鸟", "凤凰涅槃"], 10)),
    ('"腾笼换鸟 亩"~10', lambda t: brute_near(t, ["腾笼换鸟", "亩"], 10)),
    ('"发展 经济"~3', lambda t: brute_near(t, ["发展", "经济"], 3)),
    ('"镇 村 亩"~6', lambda t: brute_near(t, ["镇", "村", "亩"], 6)),
    ("腾笼换鸟 /s 亩", lambda t: brute_sentence(t, ["腾笼换鸟", "亩"])),
    ("共同富裕 /s 数字", lambda t: brute_sentence(t, ["共同富裕", "数字"])),
    ("发展 /s 经济 -共同富裕", lambda t: brute_sentence(t, ["发展", "经济"]) and "共同富裕" not in t),
]


@pytest.mark.parametrize("query,oracle", CASES, ids=[c[0] for c in CASES])
def test_search_equals_a_brute_force_scan(archive, query, oracle):
    paras = [p for d in archive.stats()["docs"] for p in archive.document(d["doc_id"])]
    want = {p["id"] for p in paras if oracle(normalize(p["text"]))}
    got, offset = [], 0
    while True:
        r = archive.search(query, limit=100, offset=offset, facets=False)
        got += [h["id"] for h in r["hits"]]
        offset += 100
        if offset >= r["total"]:
            break
    assert set(got) == want and len(got) == len(want) == r["total"]
    # the plain AND of the same terms is a superset the condition narrows (guards the oracle)
    if "~" in query or "/s" in query:
        plain = re.sub(r'"([^"]*)"~\d+', r"\1", query).replace(" /s ", " ")
        assert archive.search(plain, limit=1, facets=False)["total"] >= len(want)


def test_examples_of_the_help_page_have_hits(archive, client):
    for q in ('"腾笼换鸟 凤凰涅槃"~10', "腾笼换鸟 /s 亩"):
        assert archive.search(q)["total"] > 0
        assert client.get("/api/search", query_string={"q": q}).get_json()["total"] > 0
    page = client.get("/help").get_data(as_text=True)
    assert "~10" in page and "/s" in page


def test_cli_and_api_agree(archive, client, runner, seed_home):
    q = "腾笼换鸟 /s 亩"
    api = client.get("/api/search", query_string={"q": q, "limit": 20}).get_json()
    res = runner("search", q, "--json", "--limit", "20", "--home", seed_home)
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["hits"] == api["hits"] and api["total"] == archive.search(q)["total"]
    assert {h["id"] for h in api["hits"]} == {h["id"] for h in archive.search(q, limit=20)["hits"]}
    # a condition is not the plain AND: they are kept apart in the cache of match sets
    cond = archive.search("发展 /s 经济")["total"]
    plain = archive.search("发展 经济")["total"]
    assert plain > cond > 0 and archive.search("发展 /s 经济")["total"] == cond
    assert archive.search('"发展 经济"~2')["total"] < plain


def merged(spans: set[tuple[int, int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out


def brute_sentence_hits(norm: str, words: list[str]) -> list[list[int]]:
    found, start = set(), 0
    for piece in re.split(r"(?<=[。！？；!?;])(?![”’」』）)])", norm):
        if all(w in piece for w in words):
            found |= {
                (start + i, start + i + len(w)) for w in words for i in range(len(piece)) if piece.startswith(w, i)
            }
        start += len(piece)
    return merged(found)


def brute_near_hits(norm: str, words: list[str], n: int) -> list[list[int]]:
    occ = [[(i, i + len(w)) for i in range(len(norm)) if norm.startswith(w, i)] for w in words]
    found: set[tuple[int, int]] = set()
    for c in itertools.product(*occ):
        if max(e for _, e in c) - min(s for s, _ in c) - sum(e - s for s, e in c) <= n:
            found |= set(c)
    return merged(found)


@pytest.mark.parametrize(
    "query,oracle",
    [
        ("腾笼换鸟 /s 亩", lambda t: brute_sentence_hits(t, ["腾笼换鸟", "亩"])),
        ("发展 /s 经济", lambda t: brute_sentence_hits(t, ["发展", "经济"])),
        ('"发展 经济"~3', lambda t: brute_near_hits(t, ["发展", "经济"], 3)),
        ('"镇 村"~6', lambda t: brute_near_hits(t, ["镇", "村"], 6)),
    ],
)
def test_hits_and_concordance_lines_are_only_the_occurrences_that_satisfy(archive, query, oracle):
    """Under a condition a hit is an occurrence inside a satisfying sentence or window: the
    search's highlights and the concordance's lines, against a brute-force scan."""
    from archive import kwic

    r = archive.search(query, limit=100, facets=False)
    checked, lines = 0, 0
    for h in r["hits"]:
        norm = normalize(h["text"])
        if len(norm) != len(h["text"]) or h.get("text_cut"):
            continue  # offsets compared one to one
        want = oracle(norm)
        assert h["highlights"] == want, h["id"]
        checked += 1
        lines += len(want)
    assert checked >= 2
    _, got = kwic.all_lines(archive, query, width=5)
    kept = {h["id"] for h in r["hits"] if len(normalize(h["text"])) == len(h["text"]) and not h.get("text_cut")}
    assert sum(1 for ln in got if ln["id"] in kept) == lines
