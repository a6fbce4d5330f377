"""The analyzers honour Whoosh's tokenizer contract: consecutive positions, display offsets."""

from archive.analysis import JiebaTokenizer, words
from archive.engine.exact import END, gram_tokens, match_expression
from archive.query import parse
from archive.textnorm import display_spans, normalize, normalize_with_map


def tokens(tk, text):
    return [(t.text, t.pos, t.startchar, t.endchar) for t in tk(text, positions=True, chars=True)]


def test_jieba_words_have_consecutive_positions_and_display_offsets():
    text = "深入推进“騰籠換鳥”工程，ＧＤＰ增长"
    out = tokens(JiebaTokenizer(), text)
    assert out == [
        ("深入", 0, 0, 2),
        ("推进", 1, 2, 4),
        ("腾笼换鸟", 2, 5, 9),
        ("工程", 3, 10, 12),
        ("gdp", 4, 13, 16),
        ("增长", 5, 16, 18),
    ]
    for word, _, s, e in out:
        assert normalize(text[s:e]) == word


def test_slogan_dictionary_keeps_slogans_whole():
    words = [w for w, *_ in tokens(JiebaTokenizer(), "坚持和发展新时代枫桥经验，深化千万工程，建设金平湖璀璨明珠")]
    assert "枫桥经验" in words and "千万工程" in words and "金平湖璀璨明珠" in words


def test_words_fed_to_the_index_are_the_tokenizers_words():
    text = "深入推进“騰籠換鳥”工程，ＧＤＰ增长"
    assert words(text) == [w for w, *_ in tokens(JiebaTokenizer(), text)]


def test_bigram_tokens_one_per_character_offset():
    assert gram_tokens("腾笼换鸟") == f"腾笼 笼换 换鸟 鸟{END}"
    assert gram_tokens("棒") == f"棒{END}"
    assert gram_tokens("") == ""
    # ASCII punctuation and spaces stay inside their bigrams (moved off the ASCII range)
    toks = gram_tokens("5% a")
    assert len(toks.split(" ")) == 4 and "%" not in toks and toks.startswith("5")


def test_match_expression_is_phrases_of_bigrams():
    assert match_expression(parse("腾笼换鸟")) == '"腾笼 笼换 换鸟"'
    assert match_expression(parse("鸟")) == '"鸟" *'
    assert (
        match_expression(parse("腾笼换鸟 OR 枫桥经验 -千万工程"))
        == '("腾笼 笼换 换鸟" OR "枫桥 桥经 经验") NOT ("千万 万工 工程")'
    )
    assert match_expression(parse("township:新仓镇")) is None


def test_offsets_survive_characters_that_nfkc_expands():
    norm, index = normalize_with_map("①腾笼")
    assert norm == "1腾笼" and index == [0, 1, 2]
    norm, index = normalize_with_map("㍻腾")  # one character becoming two
    assert len(norm) == 3 and index == [0, 0, 1]


def test_display_spans_map_back_to_the_display_text():
    text = "推广共享“腾笼换鸟•凤凰涅槃”，騰籠換鳥"
    spans = display_spans(text, [normalize("腾笼换鸟")])
    assert [text[s:e] for s, e in spans] == ["腾笼换鸟", "騰籠換鳥"]
