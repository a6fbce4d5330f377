"""The engine door (archive/engine/): the version and layout check refuses what it does not
know, the raw readers give exactly what Whoosh's own readers give on a real built index, and
a build of 50+ files really runs the multiprocess writer (several segments) with the same
result as a one-process build."""

from __future__ import annotations

import numpy as np
import pytest

from archive import engine, store
from archive.columns import Columns
from archive.engine import check, raw
from archive.fields import CODED, NUMERIC
from archive.record import NONE
from indexer.build import build


def test_the_installed_whoosh_passes_the_check():
    assert check.whoosh_version() in check.SUPPORTED
    assert check.layout_problem() is None
    engine.check_engine()


def test_the_check_writes_nothing_to_the_system_temp_folder(monkeypatch, tmp_path):
    # Whoosh-Reloaded 2.7.5 (still supported) spills a RamStorage writer's pool to $TMPDIR/MAIN.tmp, one fixed name for every
    # process: concurrent checks collided on it. With the temp folder made unusable (a file where
    # the folder should be), a check that still touches it fails.
    import tempfile

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(tempfile, "tempdir", str(blocker))
    assert check.layout_problem() is None


def test_an_unknown_version_is_refused_with_a_clear_message():
    with pytest.raises(engine.EngineError, match=r"Whoosh 2\.7\.4 is not supported \(supported: .*2\.7\.5"):
        engine.check_engine("2.7.4")


def test_an_unknown_version_is_refused_when_an_index_is_opened(monkeypatch, built_seeds):
    monkeypatch.setattr(check, "_checked", None)
    monkeypatch.setattr(check, "whoosh_version", lambda: "9.9.9")
    with pytest.raises(engine.EngineError, match="9.9.9 is not supported"):
        store.open_index(built_seeds)


def test_a_changed_layout_is_refused(monkeypatch):
    """A Whoosh whose numeric column reader lays its numbers out otherwise: the raw reader's
    answer no longer matches Whoosh's and the check says so."""
    from whoosh.columns import NumericColumn

    real = raw.raw_numbers

    def shifted(r, n):  # what reading a changed layout would give
        out = real(r, n)
        return None if out is None else out + 1

    monkeypatch.setattr(raw, "raw_numbers", shifted)
    problem = check.layout_problem()
    assert problem and "numeric column" in problem
    monkeypatch.setattr(check, "_checked", None)
    monkeypatch.setattr(check, "layout_problem", lambda: problem)
    with pytest.raises(engine.EngineError, match="raw readers would answer wrongly"):
        engine.check_engine()
    assert NumericColumn.Reader  # the class the fast path checks for is still Whoosh's


@pytest.fixture(scope="module")
def built_seeds(tmp_path_factory):
    from archive.config import SEEDS_DIR

    home = tmp_path_factory.mktemp("engine-seeds")
    build([SEEDS_DIR], home)
    return home


def _whoosh_columns(ix):
    """Every column value by global docnum, through Whoosh's own readers."""
    out: dict[str, list] = {}
    with ix.searcher() as s:
        for name in (*CODED, *NUMERIC):
            vals: list = []
            for seg, _ in s.reader().leaf_readers():
                vals.extend(seg.column_reader(name))
            out[name] = vals
    return out


def test_raw_columns_equal_whooshs_own_readers_for_every_document(built_seeds):
    ix = store.open_index(built_seeds)
    theirs = _whoosh_columns(ix)
    with ix.searcher() as s:
        cols = Columns(s.reader())
    assert cols.size > 100
    for name in CODED:
        ours = [cols.values[name][c] for c in cols.codes[name].tolist()]
        assert ours == [None if v in (NONE, "") else v for v in theirs[name]], name  # NONE: no value
    for name in NUMERIC:
        assert cols.numbers[name].tolist() == [v or 0 for v in theirs[name]], name


def test_raw_postings_and_lengths_equal_whooshs_own(built_seeds):
    ix = store.open_index(built_seeds)
    with ix.searcher() as s:
        for seg, _ in s.reader().leaf_readers():
            assert all(
                raw.fast_paths(
                    seg, numeric="year", coded="township", text="words", word=next(iter(seg.lexicon("words")))
                ).values()
            )
            words = list(seg.lexicon("words"))
            assert len(words) > 100
            for w in words[:: max(1, len(words) // 200)]:
                ids, weights = raw.leaf_postings("words", seg, w)
                m = seg.postings("words", w)
                theirs = []
                while m.is_active():
                    theirs.append((m.id(), m.weight()))
                    m.next()
                assert list(zip(ids.tolist(), weights.tolist())) == theirs, w
            n = seg.doc_count_all()
            assert raw.leaf_lengths("words", seg).tolist() == [
                float(seg.doc_field_length(d, "words")) for d in range(n)
            ]


TOWNS = ["新仓", "广陈", "新埭", "当湖", "钟埭", "曹桥", "林埭", "独山港", "乍浦", "黄姑"]


def _collection(folder, n=60):
    folder.mkdir()
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        year = 2018 + i % 6
        body = "\n\n".join(
            f"第{k}条，{town}镇坚持腾笼换鸟，推进千万工程第{i}项任务，完成投资{i * 7 + k}万元。" for k in range(1, 5)
        )
        (folder / f"{year}-{town}-{i:03d}.txt").write_text(f"{town}镇{year}年工作总结\n\n{body}\n", encoding="utf-8")
    return folder


def _everything(home):
    ix = store.open_index(home)
    with ix.searcher() as s:
        segments = len(s.reader().leaf_readers())
        rows = sorted((f["id"], f["text"], f.get("year")) for _, f in s.reader().iter_docs())
    return segments, rows


def test_a_build_of_50_files_runs_the_multiprocess_writer(tmp_path, monkeypatch):
    docs = _collection(tmp_path / "docs")
    monkeypatch.setenv("ARCHIVE_INDEX_PROCS", "2")
    # One segment per worker that got a batch. On a loaded machine one worker can take every
    # batch before the other starts (a single segment): build again, up to three times, until
    # both workers ran; every attempt is a real multiprocess build checked the same way.
    for attempt in range(3):
        multi = build([docs], tmp_path / "multi", rebuild=True)
        segments, rows = _everything(tmp_path / "multi")
        if segments == 2:
            break
    monkeypatch.setenv("ARCHIVE_INDEX_PROCS", "1")
    single = build([docs], tmp_path / "single")
    assert multi.documents == single.documents == 60
    one, rows_single = _everything(tmp_path / "single")
    assert segments == 2 and one == 1  # one segment per worker: the two workers ran
    assert rows == rows_single and len(rows) == multi.paragraphs
    from archive.search import Archive

    a, b = Archive(tmp_path / "multi"), Archive(tmp_path / "single")
    for q in ("腾笼换鸟", "新仓镇", "第3条"):
        ra, rb = a.search(q, limit=100, sort="oldest"), b.search(q, limit=100, sort="oldest")
        assert ra["total"] == rb["total"] > 0
        assert [h["id"] for h in ra["hits"]] == [h["id"] for h in rb["hits"]]
        assert ra["facets"] == rb["facets"]
        # BM25 over several segments: the same score for the same paragraph (ties may order
        # differently, docnums differ)
        ra, rb = a.search(q, limit=100), b.search(q, limit=100)
        score = {h["id"]: h["score"] for h in rb["hits"]}
        assert [round(h["score"], 9) for h in ra["hits"]] == [round(h["score"], 9) for h in rb["hits"]]
        assert all(abs(h["score"] - score[h["id"]]) < 1e-9 for h in ra["hits"] if h["id"] in score)
    cols = Columns(store.open_index(tmp_path / "multi").reader())
    assert np.array_equal(
        np.sort(cols.numbers["key"][cols.live_docs]),
        np.sort(Columns(store.open_index(tmp_path / "single").reader()).numbers["key"]),
    )


def test_a_fields_lexicon_counts_what_the_analysis_of_each_stored_text_gives(archive):
    """The term list of "words" (engine.queries.terms_by_length, kept by the View) against an
    oracle: the analyzer run on every stored paragraph text, each word counted once a paragraph."""
    from collections import Counter

    from archive.analysis import words

    v = archive.view()
    with v.lock:
        texts = [f["text"] for f in v.searcher().all_stored_fields()]
    oracle = Counter(w for t in texts for w in set(words(t)))
    lex = v.lexicon("words")
    got = {w: n for length, terms in lex.items() for w, n in terms if len(w) == length}
    assert got == dict(oracle) and len(got) > 1000
    assert v.lexicon("words") is lex  # read once per generation
