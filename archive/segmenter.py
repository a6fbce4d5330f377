"""The word segmenter, kept behind this one module so the engine can be swapped.

jieba 0.42.1 with the slogan and place dictionary from archive/data. Its version and a
hash of the dictionary make up ANALYSIS_VERSION, which the index records.
"""
from __future__ import annotations

import hashlib
import logging
from functools import lru_cache

import jieba

from .datafiles import data_path

ENGINE = f"jieba-{jieba.__version__}"
_DICT_FILES = ("slogans.txt",)


def dictionary_hash() -> str:
    h = hashlib.sha256()
    for name in _DICT_FILES:
        h.update(data_path(name).read_bytes())
    h.update(data_path("place_aliases.tsv").read_bytes())
    return h.hexdigest()[:12]


@lru_cache(maxsize=1)
def tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for name in _DICT_FILES:
        tk.load_userdict(str(data_path(name)))
    from .datafiles import rows
    for alias, canonical, _county in rows("place_aliases.tsv"):
        for word in (alias, canonical):
            if "(" not in word:
                tk.add_word(word, 20, "ns")
    return tk


def cut(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for every word of text, in order."""
    return [(w, s, e) for w, s, e in tokenizer().tokenize(text)]
