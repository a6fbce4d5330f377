"""The jieba word analysis of the Whoosh index (ranking; exact matching is archive/engine/exact.py).

The tokenizer honours Whoosh's contract: tokens carry consecutive positions and the start
and end characters in the *display* text, though they are cut from the normalised form
(NFKC, simplified, lower-case), so highlights line up with what was matched.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import Token, Tokenizer

from . import segmenter

# An index's pickled schema names WordCounts here (indexes built before archive/engine/).
from .engine.schema import WordCounts  # noqa: F401
from .textnorm import normalize, normalize_with_map

ANALYSIS_VERSION = f"a5-{segmenter.ENGINE}-{segmenter.dictionary_hash()}"


def _token(t: Token, text: str, keeporiginal: bool) -> Token:
    t.text = text
    t.boost = 1.0
    t.stopped = False
    if keeporiginal:
        t.original = text
    return t


def is_word(word: str) -> bool:
    """A word the index keeps and ranking counts: one with a letter or digit (not a space or a
    punctuation mark). The indexer's analyzer and the query's ranking words share this rule."""
    return bool(word.strip()) and any(c.isalnum() for c in word)


@lru_cache(maxsize=1 << 18)
def _skip(word: str) -> bool:
    return not is_word(word)


class JiebaTokenizer(Tokenizer):
    """Words of the normalised text, as jieba cuts them."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ):
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


def words(text: str, norm: str | None = None) -> list[str]:
    """The words JiebaTokenizer yields for ``text`` (``norm``: its normalised form, if known)."""
    return [w for w, _, _ in segmenter.cut(normalize(text) if norm is None else norm) if not _skip(w)]


def words_analyzer() -> JiebaTokenizer:
    return JiebaTokenizer()
