"""The numpy columns read Whoosh's column files directly: they must agree with Whoosh's own
column readers on a multi-segment index with deletions."""

from __future__ import annotations

import numpy as np

from archive.columns import CODED, NUMERIC, Columns
from archive.search import Archive
from archive.record import NONE
from indexer.build import build


def test_columns_agree_with_whoosh_on_every_segment(seeds_copy, tmp_path):
    home = tmp_path / "home"
    build([seeds_copy], home)
    for f in sorted(seeds_copy.glob("*.txt"))[:2]:  # updates: new segment, deletions in the old
        f.write_text(f.read_text(encoding="utf-8") + "\n补记一段。\n", encoding="utf-8")
    build([seeds_copy], home)
    a = Archive(home)
    reader = a.searcher().reader()
    assert len(list(reader.leaf_readers())) > 1 and reader.has_deletions()
    cols = Columns(reader)
    for name in NUMERIC:
        assert cols.numbers[name].tolist() == [v or 0 for v in reader.column_reader(name)], name
    for name in CODED:
        ours = [cols.values[name][c] for c in cols.codes[name]]
        theirs = [None if v in (NONE, "") else v for v in reader.column_reader(name)]
        assert ours == theirs, name
    assert cols.live_docs.tolist() == sorted(reader.all_doc_ids())
    # every live paragraph is reachable through its key, no deleted one is
    keys = cols.numbers["key"]
    assert np.array_equal(cols.key_to_doc[keys[cols.live_docs]], cols.live_docs)
    dead = np.flatnonzero(~cols.live)
    assert len(dead) and (cols.key_to_doc[keys[dead]] == -1).all()


def test_facet_counts_and_orders_match_the_paragraphs(archive):
    r = archive.search("数字经济", limit=100)
    hits = [h for h in archive.iter_matches("数字经济", cap=10**6)]
    assert r["total"] == len(hits)
    by_year: dict = {}
    for h in hits:
        by_year[h["year"]] = by_year.get(h["year"], 0) + 1
    assert {i["value"]: i["count"] for i in r["facets"]["year"]} == by_year
    newest = archive.search("数字经济", sort="newest", limit=100)["hits"]
    assert [h["year"] or 0 for h in newest] == sorted((h["year"] or 0 for h in newest), reverse=True)
