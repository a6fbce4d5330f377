"""The exact-match table (SQLite FTS5 bigrams) on real indexes: what it finds is exactly the
paragraphs containing the string, and replaced paragraphs are never found again."""

from __future__ import annotations

from archive import store
from archive.engine import exact
from archive.query import And, Not, Query, Term
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
        expr = exact.match_expression(Query(raw=hostile, tree=And((Term((hostile,)), Not(Term(('"',)))))))
        archive.exact.keys(expr)  # no sqlite3.OperationalError

    # quoted phrases of punctuation find exactly the paragraphs that contain them (an oracle
    # scan of the stored texts), not merely "no error"
    def containing_all(*terms: str) -> set[str]:
        return set.intersection(*(_containing(archive, t) for t in terms))

    for raw, parts in [('"，" 平湖', ["，", "平湖"]), ('"：" 镇', ["：", "镇"]), ('"一、" 平湖', ["一、", "平湖"])]:
        found = {h["id"] for h in archive.iter_matches(raw, cap=10**6)}
        assert found == containing_all(*parts) != set(), raw


def test_a_quoted_phrase_with_brackets_and_colon_is_found_exactly(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(
        "本表数据（注：平湖市统计局）截至年底。\n\n平湖市注重统计工作：数据准确。\n\n"
        "嘉兴市数据（注：嘉兴市统计局）。\n",
        encoding="utf-8",
    )
    build([src], tmp_path / "home")
    a = Archive(tmp_path / "home")
    found = [h["text"] for h in a.iter_matches('"（注：" 平湖', cap=10)]
    assert found == ["本表数据（注：平湖市统计局）截至年底。"]
    assert [h["text"] for h in a.iter_matches('"（注：" -平湖', cap=10)] == ["嘉兴市数据（注：嘉兴市统计局）。"]


def test_an_open_archive_follows_a_rebuild_swapped_in(seeds_copy, tmp_path):
    home = tmp_path / "home"
    build([seeds_copy], home)
    a = Archive(home)  # as a running server holds it
    assert a.search("腾笼换鸟")["total"] == 8
    for f in seeds_copy.glob("*.txt"):
        f.write_text(f.read_text(encoding="utf-8").replace("腾笼换鸟", "笼鸟互换"), encoding="utf-8")
    build([seeds_copy], home, rebuild=True)
    assert a.search("腾笼换鸟", allow_empty=True)["total"] == 0
    r = a.search("笼鸟互换")
    assert r["total"] == 8 and all("笼鸟互换" in normalize(h["text"]) for h in r["hits"])
