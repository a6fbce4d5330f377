"""Ranking computed on arrays gives Whoosh's own BM25F scores, on a real multi-segment index."""

from __future__ import annotations

import numpy as np
from whoosh import query as wq

from archive.rank import Ranker
from archive.search import Archive, ranking_words
from indexer.build import build


def _whoosh_scores(searcher, words):
    r = searcher.search(wq.Or([wq.Term("words", w) for w in words]), limit=None)
    return {h.docnum: h.score for h in r}


def test_scores_equal_whooshs_bm25(archive):
    s = archive.searcher()
    docs = archive.columns().live_docs
    ranker = Ranker(s)
    for text in ["腾笼换鸟", "高质量发展", "数字经济 营商环境", "乡村振兴 共同富裕 农民", "发展"]:
        words = ranking_words(text.split())
        ours = ranker.scores(s, words, docs)
        theirs = _whoosh_scores(s, words)
        assert theirs, text
        for i, d in enumerate(docs.tolist()):
            assert abs(ours[i] - theirs.get(d, 0.0)) < 1e-6 * max(1.0, abs(ours[i])), (text, d)


def test_postings_read_from_blocks_equal_whooshs_matcher(seeds_copy, tmp_path):
    home = tmp_path / "home"
    build([seeds_copy], home)
    f = sorted(seeds_copy.glob("*.txt"))[0]
    f.write_text(f.read_text(encoding="utf-8") + "\n发展再添一段。\n", encoding="utf-8")
    build([seeds_copy], home)  # a second segment, deletions in the first
    a = Archive(home)
    s = a.searcher()
    ranker = Ranker(s)
    for word in ["发展", "腾笼换鸟", "一段", "不存在的词语"]:
        ids, tf = ranker.postings(word)
        live = a.columns().live[ids] if len(ids) else np.zeros(0, dtype=bool)
        ids, tf = ids[live], tf[live]  # postings of deleted paragraphs are never scored
        expected = []
        for seg, base in s.reader().leaf_readers():
            if ("words", word) in seg:
                m = seg.postings("words", word)
                while m.is_active():
                    expected.append((base + m.id(), m.weight()))
                    m.next()
        assert list(zip(ids.tolist(), tf.tolist())) == expected, word


def test_relevance_order_is_by_score_then_unscored_in_document_order(archive):
    """Every hit's score is Whoosh's own BM25 for the query's words (the oracle); hits with a
    score come first, best first (ties by docnum), then the exact matches jieba did not cut
    into the words (score 0), in document order (document id, then paragraph number)."""
    s = archive.searcher()
    docnum = {fields["id"]: d for d, fields in s.reader().iter_docs()}
    for q in ["数字", "乡村", "义乌"]:
        r = archive.search(q, limit=100, facets=False)
        hits = r["hits"]
        assert len(hits) == r["total"]
        theirs = _whoosh_scores(s, ranking_words([q]))
        for h in hits:
            assert abs(h["score"] - theirs.get(docnum[h["id"]], 0.0)) < 1e-4, (q, h["id"])
        scored = [h for h in hits if h["score"] > 0]
        unscored = [h for h in hits if h["score"] == 0]
        assert scored and unscored and hits == scored + unscored, q
        keys = [(-h["score"], docnum[h["id"]]) for h in scored]
        assert keys == sorted(keys), q
        places = [(h["doc_id"], h["n"]) for h in unscored]
        assert places == sorted(places), q


def test_pages_of_one_query_never_overlap_or_skip(archive):
    total = archive.search("发展")["total"]
    got: list[str] = []
    for offset in range(0, total, 7):
        got += [h["id"] for h in archive.search("发展", limit=7, offset=offset, facets=False)["hits"]]
    assert len(got) == len(set(got)) == total
