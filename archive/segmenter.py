"""The word segmenter, kept behind this one module so the engine can be swapped.

rjieba (the jieba-rs binding: jieba's dictionary and algorithm, about 12 times faster) when
it is installed, else jieba itself; either way with the slogan and place dictionary from
archive/data. The engine's name and a hash of the dictionary make up the analysis version
the index records, so switching engines or editing the dictionary re-analyses the index.
"""

from __future__ import annotations

import hashlib
import logging
from functools import lru_cache
from typing import Callable

from .datafiles import data_path, rows

_DICT_FILES = ("slogans.txt",)

try:  # pragma: no cover - which branch runs depends on the machine
    import rjieba as _rjieba

    ENGINE = "rjieba"
except ImportError:  # pragma: no cover
    _rjieba = None  # type: ignore[assignment]
    import jieba as _jieba

    ENGINE = f"jieba-{_jieba.__version__}"


def dictionary_words() -> list[tuple[str, int, str]]:
    """(word, frequency, tag) for every slogan and place alias, as jieba's user dictionary."""
    out = []
    for name in _DICT_FILES:
        for line in data_path(name).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if parts and not line.startswith("#"):
                out.append((parts[0], int(parts[1]) if len(parts) > 1 else 20, parts[2] if len(parts) > 2 else "n"))
    for alias, canonical, _county in rows("place_aliases.tsv"):
        for word in (alias, canonical):
            if "(" not in word:
                out.append((word, 20, "ns"))
    return out


def dictionary_hash() -> str:
    h = hashlib.sha256()
    for word, freq, tag in dictionary_words():
        h.update(f"{word} {freq} {tag}\n".encode("utf-8"))
    return h.hexdigest()[:12]


@lru_cache(maxsize=1)
def _tokenize() -> Callable[[str], list[tuple[str, int, int]]]:
    if _rjieba is not None:
        tk = _rjieba.Jieba()
        for word, freq, tag in dictionary_words():
            tk.add_word(word, freq, tag)
        return tk.tokenize
    _jieba.setLogLevel(logging.WARNING)
    jt = _jieba.Tokenizer()
    jt.initialize()
    for word, freq, tag in dictionary_words():
        jt.add_word(word, freq, tag)
    return lambda text: list(jt.tokenize(text))


def cut(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for every word of text, in order (character offsets)."""
    return _tokenize()(text)


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """The words of jieba's main dictionary (rjieba embeds the same one)."""
    from importlib.resources import files

    text = files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    return frozenset(line.split(" ", 1)[0] for line in text.splitlines() if line)


def dictionary_word(word: str) -> bool:
    """True for a word of the segmenter's dictionary: an ordinary word (马上, 金融街) that a rare
    place name written the same way cannot be told from."""
    return word in _dictionary()
