"""The exact-match table (SQLite FTS5 bigrams) on real indexes: what it finds is exactly the
paragraphs containing the string, and replaced paragraphs are never found again."""
from __future__ import annotations

from archive import exact, store
from archive.query import Query
from archive.search import Archive
from archive.textnorm import normalize
from indexer.build import build


def _containing(archive: Archive, term: str) -> set[str]:
    s = archive.searcher()
    return {f["id"] for f in s.all_stored_fields() if normalize(term) in normalize(f["text"])}


def test_every_paragraph_containing_the_string_and_no_other(archive):
    # phrases jieba cuts differently, punctuation inside, one character, ASCII, a trailing character
    for term in ["腾笼换鸟", "新时代", "，", "镇", "2024", "GDP", "工作", "招大引强", "。"]:
        found = {h["id"] for h in archive.iter_matches(term, cap=10**6)}
        assert found == _containing(archive, term), term


def test_or_and_exclusion_are_set_operations(archive):
    a, b = _containing(archive, "腾笼换鸟"), _containing(archive, "数字经济")
    assert {h["id"] for h in archive.iter_matches("腾笼换鸟 OR 数字经济", cap=10**6)} == a | b
    assert {h["id"] for h in archive.iter_matches("数字经济 -腾笼换鸟", cap=10**6)} == b - a
    assert {h["id"] for h in archive.iter_matches("数字经济 腾笼换鸟", cap=10**6)} == a & b


def test_replaced_paragraphs_are_not_found_and_their_rows_are_counted(seeds_copy, tmp_path):
    home = tmp_path / "home"
    build([seeds_copy], home)
    f = sorted(seeds_copy.glob("*.txt"))[0]
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("腾笼换鸟", "笼鸟互换"), encoding="utf-8")
    before = store.open_exact(home).meta("rows")
    build([seeds_copy], home)
    a = Archive(home)
    assert {h["id"] for h in a.iter_matches("腾笼换鸟", cap=10**6)} == _containing(a, "腾笼换鸟")
    assert {h["id"] for h in a.iter_matches("笼鸟互换", cap=10**6)} == _containing(a, "笼鸟互换") != set()
    # the old rows stay in the table (keys are never reused) but map to no live paragraph
    rows = store.open_exact(home).meta("rows")
    assert rows > before and a.searcher().doc_count() < rows
    assert a.stats()["unreachable_rows"] == rows - a.searcher().doc_count()
    build([seeds_copy], home, rebuild=True)
    assert Archive(home).stats()["unreachable_rows"] == 0


def test_match_expression_terms_never_break_fts5_syntax(archive):
    for hostile in ['"', 'a"b', "a*b", "not", "(x)", "^腾", "near(a b)", "-", "a:b", "*", "'", "{x}"]:
        expr = exact.match_expression(Query(raw=hostile, groups=[[hostile]], excludes=['"']))
        archive.exact.keys(expr)          # no sqlite3.OperationalError
    assert isinstance(list(archive.iter_matches('"（注：" 平湖', cap=10)), list)


def test_an_open_archive_follows_a_rebuild_swapped_in(seeds_copy, tmp_path):
    home = tmp_path / "home"
    build([seeds_copy], home)
    a = Archive(home)                    # as a running server holds it
    assert a.search("腾笼换鸟")["total"] == 8
    for f in seeds_copy.glob("*.txt"):
        f.write_text(f.read_text(encoding="utf-8").replace("腾笼换鸟", "笼鸟互换"), encoding="utf-8")
    build([seeds_copy], home, rebuild=True)
    assert a.search("腾笼换鸟", allow_empty=True)["total"] == 0
    r = a.search("笼鸟互换")
    assert r["total"] == 8 and all("笼鸟互换" in normalize(h["text"]) for h in r["hits"])
