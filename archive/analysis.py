"""Whoosh analyzers: jieba words for ranking, character n-grams for exact matching.

Both honour Whoosh's tokenizer contract: tokens carry consecutive positions and the
start and end characters in the *display* text, though they are cut from the normalised
form (NFKC, simplified, lower-case), so highlights and phrase queries line up.
"""
from __future__ import annotations

from whoosh.analysis import Token, Tokenizer

from . import segmenter
from .textnorm import normalize_with_map

END = "\u0003"     # marks the end of the text in the last bigram; never occurs in text
ANALYSIS_VERSION = f"a4-{segmenter.ENGINE}-{segmenter.dictionary_hash()}"


def _token(t: Token, text: str, keeporiginal: bool) -> Token:
    t.text = text
    t.boost = 1.0
    t.stopped = False
    if keeporiginal:
        t.original = text
    return t


def _skip(word: str) -> bool:
    return not word.strip() or all(not c.isalnum() for c in word)


class JiebaTokenizer(Tokenizer):
    """Words of the normalised text, as jieba cuts them."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs):
        norm, index = normalize_with_map(value)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for word, s, e in segmenter.cut(norm):
            if _skip(word):
                continue
            _token(t, word, keeporiginal)
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + index[s]
                t.endchar = start_char + index[e - 1] + 1
            pos += 1
            yield t


class NgramTokenizer(Tokenizer):
    """Every character n-gram of the normalised text, position = character offset.

    Because the position is the offset, a phrase of consecutive bigrams matches exactly the
    paragraphs that contain the string, whatever jieba would do with it.
    """

    def __init__(self, n: int = 2) -> None:
        self.n = n

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.n == other.n  # type: ignore[attr-defined]

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs):
        norm, index = normalize_with_map(value)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        n = self.n
        # the last character also gets a gram (with an end mark), so that every character
        # begins some gram and a one-character query is a prefix query on this one field
        padded = norm + END if n == 2 and norm else norm
        for i in range(len(padded) - n + 1):
            _token(t, padded[i:i + n], keeporiginal)
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar = start_char + index[i]
                t.endchar = start_char + index[min(i + n, len(norm)) - 1] + 1
            yield t


def words_analyzer() -> JiebaTokenizer:
    return JiebaTokenizer()


def bigram_analyzer() -> NgramTokenizer:
    return NgramTokenizer(2)


def grams(term: str, n: int) -> list[str]:
    """The n-grams of an already normalised query term, in order."""
    return [term[i:i + n] for i in range(len(term) - n + 1)]
