"""Search on the seed index: exactness, ranking, filters, disjunctive facets, sorting, highlights."""

import pytest

from archive.query import QueryError
from archive.textnorm import normalize


def _containing_all(archive, *terms: str) -> set[str]:
    """Oracle: ids of the paragraphs whose normalised text contains every term."""
    return {
        f["id"]
        for f in archive.searcher().all_stored_fields()
        if all(normalize(t) in normalize(f["text"]) for t in terms)
    }


def test_traditional_and_full_width_forms_find_the_same_paragraphs(archive):
    def ids(q):
        return {h["id"] for h in archive.search(q, limit=100)["hits"]}

    assert ids("腾笼换鸟") == ids("騰籠換鳥") == _containing_all(archive, "腾笼换鸟") != set()
    # full-width Latin in an AND query: the same paragraphs as its ASCII form
    assert ids("ＧＤＰ 发展") == ids("GDP 发展") == _containing_all(archive, "gdp", "发展") != set()
    assert ids("GDP") == ids("ｇｄｐ") == _containing_all(archive, "GDP") != set()


def test_phrase_split_across_a_line_break_is_found(archive):
    # "全省县级城市数字" / "化改革标杆" are two lines (and a blank) in the 2023 report
    r = archive.search("全省县级城市数字化改革标杆")
    assert r["total"] == 1 and r["hits"][0]["doc_id"] == "pinghu-2023-gzbg"
    # "凤 凰涅槃" has an extraction space inside
    assert archive.search("凤凰涅槃")["total"] == 1


def test_single_character_query(archive):
    r = archive.search("棒", limit=100)
    assert r["total"] > 0 and all("棒" in h["text"] for h in r["hits"])


def test_and_or_and_exclusion(archive):
    both = archive.search("腾笼换鸟 低效用地", limit=100)
    assert both["total"] >= 1
    assert all("腾笼换鸟" in h["text"] and "低效用地" in h["text"] for h in both["hits"])
    either = archive.search("枫桥经验 OR 千万工程", limit=100)
    assert either["total"] == len(
        {h["id"] for h in archive.search("枫桥经验", limit=100)["hits"]}
        | {h["id"] for h in archive.search("千万工程", limit=100)["hits"]}
    )
    excl = archive.search("腾笼换鸟 -腾退", limit=100)
    assert all("腾退" not in h["text"] for h in excl["hits"])
    assert excl["total"] < archive.search("腾笼换鸟")["total"]


def test_whole_word_ranks_above_part_of_a_longer_word(tmp_path):
    """A paragraph where 义乌 is a word ranks above one where its characters only meet across
    two words (正义|乌云), which still matches exactly but scores 0; the scores are Whoosh's own
    BM25 on the words field (the oracle), so more occurrences rank higher."""
    from whoosh import query as wq

    from archive.search import Archive
    from indexer.build import build

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(
        "坚持正义乌云散去，天色转晴。\n\n义乌市场繁荣，商户增加。\n\n义乌义乌，小商品城名扬四海。\n", encoding="utf-8"
    )
    build([src], tmp_path / "home")
    a = Archive(tmp_path / "home")
    hits = a.search("义乌", limit=10)["hits"]
    assert [h["text"][:4] for h in hits] == ["义乌义乌", "义乌市场", "坚持正义"]
    s = a.searcher()
    bm25 = {
        s.stored_fields(d)["id"]: score
        for d, score in ((hit.docnum, hit.score) for hit in s.search(wq.Term("words", "义乌"), limit=None))
    }
    assert len(bm25) == 2
    for h in hits:
        assert abs(h["score"] - bm25.get(h["id"], 0.0)) < 1e-4, h["text"]
    assert hits[0]["score"] > hits[1]["score"] > 0 == hits[2]["score"]


def test_highlights_are_ranges_of_the_display_text(archive):
    for h in archive.search("騰籠換鳥", limit=100)["hits"]:
        assert h["highlights"]
        for s, e in h["highlights"]:
            assert normalize(h["text"][s:e]) == "腾笼换鸟"


def test_filters_narrow_and_facets_stay_disjunctive(archive):
    base = archive.search("腾笼换鸟")
    counts = {f["value"]: f["count"] for f in base["facets"]["township"]}
    assert sum(counts.values()) == base["total"]
    one = archive.search("腾笼换鸟", filters={"township": ["新埭镇"]})
    assert one["total"] == counts["新埭镇"]
    assert all(h["township"] == "新埭镇" for h in one["hits"])
    # the township facet still shows the other townships' counts (values of one facet are ORed)
    assert {f["value"]: f["count"] for f in one["facets"]["township"]} == counts
    two = archive.search("腾笼换鸟", filters={"township": ["新埭镇", "广陈镇"]})
    assert two["total"] == counts["新埭镇"] + counts["广陈镇"]
    # a different facet narrows (ANDed)
    narrowed = archive.search("腾笼换鸟", filters={"township": ["新埭镇", "广陈镇"], "year": ["2026"]})
    assert narrowed["total"] == sum(1 for h in two["hits"] if h["year"] == 2026)


def test_year_range_and_county_wide_filter(archive):
    r = archive.search("数字经济", filters={"year": ["2024-2026"]}, limit=100)
    assert r["total"] > 0 and all(2024 <= h["year"] <= 2026 for h in r["hits"])
    county = archive.search("数字经济", filters={"township": ["none"]}, limit=100)
    assert county["total"] > 0 and all(h["township"] is None for h in county["hits"])


def test_inline_filters_work_like_options(archive):
    a = archive.search("金平湖璀璨明珠 township:林埭镇")
    b = archive.search("金平湖璀璨明珠", filters={"township": ["林埭镇"]})
    assert a["total"] == b["total"] > 0
    assert a["hits"] == b["hits"]


def test_speaker_and_type_filters(archive):
    r = archive.search("枫桥经验 speaker:金一", limit=100)
    assert r["total"] > 0 and all(h["speaker"] == "金一" for h in r["hits"])
    r = archive.search("项目 type:任务书", limit=100)
    assert r["total"] > 0 and all(h["doc_type"] == "任务书" for h in r["hits"])


def test_sort_orders(archive):
    newest = [h["year"] for h in archive.search("数字经济", sort="newest", limit=100)["hits"]]
    assert newest == sorted(newest, reverse=True)
    oldest = [h["year"] for h in archive.search("数字经济", sort="oldest", limit=100)["hits"]]
    assert oldest == sorted(oldest)
    # by place, county-wide paragraphs (no township) after the townships of their county
    place = [
        (h["county"], h["township"] is None, h["township"] or "")
        for h in archive.search("数字经济", sort="place", limit=100)["hits"]
    ]
    assert place == sorted(place)


def test_pagination_is_consistent(archive):
    full = [h["id"] for h in archive.search("网格", sort="oldest", limit=100)["hits"]]
    pages = []
    for off in range(0, len(full), 3):
        pages += [h["id"] for h in archive.search("网格", sort="oldest", limit=3, offset=off)["hits"]]
    assert pages == full and len(full) > 3


@pytest.mark.parametrize("kw", [dict(limit=0), dict(limit=1000), dict(offset=-1), dict(offset=10**8), dict(sort="x")])
def test_out_of_range_parameters_are_refused(archive, kw):
    with pytest.raises(QueryError):
        archive.search("网格", **kw)


def test_empty_query_is_refused_unless_browsing(archive):
    with pytest.raises(QueryError):
        archive.search("")
    assert archive.search("", filters={"township": ["当湖街道"]}, allow_empty=True)["total"] > 0


def test_paragraph_neighbours_and_document(archive):
    p = archive.paragraph("pinghu-2023-xinde-2")
    assert p["speaker"] == "金一" and p["township"] == "当湖街道"
    before, after = archive.neighbours(p, 1)
    assert [x["n"] for x in before] == [1] and [x["n"] for x in after] == [3]
    doc = archive.document("pinghu-2023-xinde")
    assert [x["n"] for x in doc] == list(range(1, len(doc) + 1))
    assert archive.paragraph("no-such-id") is None


def test_source_text_never_leaves_the_archive(archive):
    assert archive.source_text("pinghu-2023-gzbg").startswith("导航菜单")
    for bad in ("../manifest", "/etc/passwd", "..", ".hidden", "a/../../x", ""):
        assert archive.source_text(bad) is None


def test_totals_are_exact_on_a_larger_index(tmp_path, replicate_seeds):
    """A scored top-N search in Whoosh skips documents that cannot reach the top; the total
    must still count every match (regression: 651 reported for 776 matches)."""
    from archive.search import Archive
    from indexer.build import build

    build([replicate_seeds(tmp_path / "src", 8)], tmp_path / "home", keep_duplicates=True)
    a = Archive(tmp_path / "home")
    texts = [normalize(f["text"]) for f in a.searcher().all_stored_fields()]
    for term in ("发展", "建设", "腾笼换鸟", "棒"):
        truth = sum(1 for t in texts if term in t)
        for kw in ({}, {"facets": False}, {"facets": False, "sort": "newest"}):
            assert a.search(term, **kw)["total"] == truth, (term, kw)


def test_exclusion_does_not_drop_paragraphs_that_only_scatter_its_characters(tmp_path):
    """'-高质量' removes paragraphs containing 高质量, not one that has 高质 and 质量 apart
    (the ranking pass runs a positions-free superset of the query)."""
    from archive.search import Archive
    from indexer.build import build

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("2024年，要提高质效，保证工程质量。\n\n坚持高质量发展，提升质量。\n", encoding="utf-8")
    build([src], tmp_path / "home")
    r = Archive(tmp_path / "home").search("质量 -高质量")
    assert r["total"] == 1
    assert [h["text"] for h in r["hits"]] == ["2024年，要提高质效，保证工程质量。"]


def test_an_archive_opens_from_a_str_path_too(seed_home):
    """A script or notebook passes the home as a string: it opens the same index as a Path."""
    from archive.search import Archive

    assert Archive(str(seed_home)).search("腾笼换鸟")["total"] == Archive(seed_home).search("腾笼换鸟")["total"] > 0
