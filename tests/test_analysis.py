"""The analyzers honour Whoosh's tokenizer contract: consecutive positions, display offsets."""
from archive.analysis import JiebaTokenizer, NgramTokenizer
from archive.textnorm import display_spans, normalize, normalize_with_map


def tokens(tk, text):
    return [(t.text, t.pos, t.startchar, t.endchar) for t in tk(text, positions=True, chars=True)]


def test_jieba_words_have_consecutive_positions_and_display_offsets():
    text = "深入推进“騰籠換鳥”工程，ＧＤＰ增长"
    out = tokens(JiebaTokenizer(), text)
    assert out == [("深入", 0, 0, 2), ("推进", 1, 2, 4), ("腾笼换鸟", 2, 5, 9), ("工程", 3, 10, 12),
                   ("gdp", 4, 13, 16), ("增长", 5, 16, 18)]
    for word, _, s, e in out:
        assert normalize(text[s:e]) == word


def test_slogan_dictionary_keeps_slogans_whole():
    words = [w for w, *_ in tokens(JiebaTokenizer(), "坚持和发展新时代枫桥经验，深化千万工程，建设金平湖璀璨明珠")]
    assert "枫桥经验" in words and "千万工程" in words and "金平湖璀璨明珠" in words


def test_bigrams_are_positioned_at_their_character_offset():
    assert tokens(NgramTokenizer(2), "騰籠換鳥") == [("腾笼", 0, 0, 2), ("笼换", 1, 1, 3), ("换鸟", 2, 2, 4),
                                                 ("鸟\u0003", 3, 3, 4)]
    assert tokens(NgramTokenizer(1), "Ａ棒") == [("a", 0, 0, 1), ("棒", 1, 1, 2)]
    assert tokens(NgramTokenizer(2), "棒") == [("棒\u0003", 0, 0, 1)]


def test_offsets_survive_characters_that_nfkc_expands():
    norm, index = normalize_with_map("①腾笼")
    assert norm == "1腾笼" and index == [0, 1, 2]
    norm, index = normalize_with_map("㍻腾")      # one character becoming two
    assert len(norm) == 3 and index == [0, 0, 1]


def test_display_spans_map_back_to_the_display_text():
    text = "推广共享“腾笼换鸟•凤凰涅槃”，騰籠換鳥"
    spans = display_spans(text, [normalize("腾笼换鸟")])
    assert [text[s:e] for s, e in spans] == ["腾笼换鸟", "騰籠換鳥"]
