"""Property-based tests (hypothesis): the query parser and the repair steps never raise
anything but the clear query error, over thousands of generated inputs that mix CJK text
and punctuation, query syntax, controls, bidi marks and lone surrogates."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.engine import exact
from archive.query import QueryError, parse
from archive.textnorm import display_spans, normalize
from indexer import clean
from indexer.boilerplate import strip_boilerplate
from indexer.limits import split_text
from indexer.paragraphs import build_blocks, split_long_line
from indexer.read import Line

SPECIAL = list('"-:　，。！？；：“”‘’（）《》【】、…—·～') + [
    "\ud800",
    "\udfff",
    "\udcff",
    "\x00",
    "\x1b",
    "\n",
    "\r",
    "\t",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\ufffd",
    "\u3000",
    "\xa0",
    "\u2028",
    "Ａ",
    "ｇ",
    "騰",
    "籠",
]
CHARS = st.one_of(
    st.sampled_from(SPECIAL),
    st.sampled_from(list("腾笼换鸟千万工程枫桥经验平湖市新埭镇一二三年")),
    st.characters(codec=None, categories=None),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
)
TOKENS = st.sampled_from(
    [
        "OR",
        "-",
        '"',
        '""',
        "township:",
        "township:新埭镇",
        "year:2023",
        "year:2022-2024",
        "year:x",
        "type:",
        "doc:",
        "-腾退",
        "kind:body",
        "level:national",
        "::",
        "OR OR",
    ]
)
QUERIES = st.one_of(
    st.text(alphabet=CHARS, max_size=40),
    st.lists(st.one_of(TOKENS, st.text(alphabet=CHARS, min_size=1, max_size=6)), max_size=12).map(" ".join),
)
TEXTS = st.text(alphabet=CHARS, max_size=200)
FAST = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def no_surrogates(s: str) -> bool:
    return not any("\ud800" <= c <= "\udfff" for c in s)


@FAST
@given(QUERIES)
def test_query_parser_raises_only_query_errors(text):
    try:
        q = parse(text)
    except QueryError as exc:
        assert str(exc)  # a message for the person who typed it
        return
    for t in q.terms + q.excludes:
        assert t and no_surrogates(t)
    exact.match_expression(q)  # the FTS5 expression can be built
    exact.exclusion_expression(q)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(QUERIES)
def test_search_raises_only_query_errors(archive, text):
    """The whole path on a real index: FTS5, columns, ranking and highlights."""
    try:
        result = archive.search(text, limit=5)
    except QueryError:
        return
    assert result["total"] >= len(result["hits"])
    for h in result["hits"]:
        assert all(0 <= s < e <= len(h["text"]) for s, e in h["highlights"])


@FAST
@given(TEXTS)
def test_repair_steps_never_raise(text):
    assert isinstance(normalize(text), str)
    assert len(clean.collapse_doubled(text)) <= len(text)
    clean.remove_ocr_spaces(text)
    clean.remove_ocr_spaces(text, keep_phrase_gaps=True)
    clean.remove_pinyin_glosses(text)
    clean.ends_sentence(text)
    clean.has_sentence_punct(text)
    a, _, b = text.partition("\n")
    clean.join_wrapped(a, b)
    lines = text.split("\n")
    clean.join_vertical(lines)
    for needle in (text[:3], "腾笼", normalize(text[1:4])):
        if needle:
            assert all(0 <= s < e <= len(text) for s, e in display_spans(text, [needle]))
    pieces = split_text(text, 50)
    assert all(0 < len(p) <= 50 for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())  # only spaces at cuts dropped
    split_long_line(text)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, max_size=12))
def test_paragraphs_and_boilerplate_never_raise(lines):
    src = [Line(i + 1, t) for i, t in enumerate(lines)]
    kept, _meta, _removed = strip_boilerplate(src)
    for b in build_blocks(kept, None):
        assert b.kind in ("heading", "body", "signature", "note") and b.line_start <= b.line_end
