"""Repairs of OCR'd and extracted text. Each is a small pure function on strings."""

from __future__ import annotations

import re
from functools import lru_cache

from archive.datafiles import rows

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# CJK ideographs plus CJK and full-width punctuation: the characters OCR spaces hide between.
_WIDE = _CJK + r"\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014\u00b7\u2022"
_SPACE = r"[ \t\u00a0\u2000-\u200b\u3000\u202f\u205f]"

CJK_CHAR = re.compile(f"[{_CJK}]")
SENTENCE_PUNCT = re.compile(r"[。，；：！？,;:!?]")
# a sentence end, possibly inside closing quotes and brackets (a space may stray before them)
TERMINAL = re.compile(r"[。！？!?；;…][\s'\"”’」』）)]*$|[：:]$")


def is_cjk(ch: str) -> bool:
    return bool(CJK_CHAR.fullmatch(ch))


def join_vertical(lines: list[str]) -> list[tuple[int, int, str]]:
    """Merge runs of one-character lines (a name set vertically) into one line.

    Returns (first index, last index, text) for every resulting line; blank lines between
    a blank line ends a run, so two names set side by side stay two names.
    """
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(lines)
    while i < n:
        t = lines[i].strip()
        if len(t) == 1 and is_cjk(t):
            j, chars, last = i + 1, [t], i
            while j < n:
                u = lines[j].strip()
                if len(u) == 1 and is_cjk(u):
                    chars.append(u)
                    last = j
                    j += 1
                    continue
                break
            if len(chars) >= 2:
                out.append((i, last, "".join(chars)))
                i = last + 1
                continue
        out.append((i, i, lines[i]))
        i += 1
    return out


def remove_ocr_spaces(text: str, keep_phrase_gaps: bool = False) -> str:
    """Drop spaces that OCR or PDF extraction put next to CJK text; keep them in Latin text.

    ``keep_phrase_gaps`` keeps one space between two runs of two or more CJK characters,
    as headlines use to separate their phrases ("实干争先 攀高向前").
    """

    def repl(m: re.Match[str]) -> str:
        s, e = m.start(), m.end()
        left = text[s - 1] if s > 0 else ""
        right = text[e] if e < len(text) else ""
        if not left or not right:
            return ""
        left_wide = bool(re.match(f"[{_WIDE}]", left))
        right_wide = bool(re.match(f"[{_WIDE}]", right))
        if not left_wide and not right_wide:
            return " "
        if keep_phrase_gaps and is_cjk(left) and is_cjk(right):
            before = re.search(r"\S+$", text[:s])
            after = re.match(r"\S+", text[e:])
            if before and after and len(before.group()) >= 2 and len(after.group()) >= 2:
                return " "
        return ""

    return re.sub(f"{_SPACE}+", repl, text).strip()


def join_wrapped(a: str, b: str) -> str:
    """Join two hard-wrapped lines: no space between CJK, one between Latin words."""
    a, b = a.rstrip(), b.lstrip()
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


_DOUBLED_PUNCT = re.compile(r"([，。、；：“”！？《》（）])\1")


def collapse_doubled(text: str, min_span: int = 10, min_chunks: int = 3, max_chunk: int = 30) -> str:
    """Undo doubled bold text: '““加减乘除加减乘除””推推' -> '“加减乘除”推'.

    Bold type printed twice reaches OCR as every chunk written twice. A run is collapsed
    only when at least ``min_chunks`` consecutive doubled chunks cover ``min_span``
    characters, so real repeats (人人有责、人人尽责, 一步一步) survive.
    """
    # Doubled bold doubles its punctuation too ('，，', '““'): without any, skip the scan.
    if not _DOUBLED_PUNCT.search(text):
        return text
    n = len(text)
    out: list[str] = []
    i = 0
    while i < n:
        # try to read a run of doubled chunks starting at i
        j, chunks = i, []
        while j < n:
            k = _doubled_at(text, j, max_chunk)
            if not k:
                break
            chunks.append(text[j : j + k])
            j += 2 * k
        if len(chunks) >= min_chunks and j - i >= min_span:
            out.extend(chunks)
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _doubled_at(text: str, i: int, max_chunk: int) -> int:
    """Longest k such that text[i:i+k] == text[i+k:i+2k] (0 if none)."""
    limit = min(max_chunk, (len(text) - i) // 2)
    for k in range(limit, 0, -1):
        if text[i : i + k] == text[i + k : i + 2 * k] and not text[i : i + k].isspace():
            return k
    return 0


def ends_sentence(text: str) -> bool:
    """True when a line ends a sentence (so a following blank line is a real break)."""
    return bool(TERMINAL.search(text.rstrip()))


def has_sentence_punct(text: str) -> bool:
    return bool(SENTENCE_PUNCT.search(text))


_TONE_MARKS = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


@lru_cache(maxsize=1)
def _gloss_rules() -> tuple[re.Pattern[str], int]:
    table = dict(r[:2] for r in rows("pinyin_glosses.tsv"))
    gloss = re.compile(rf"(?<=[{_CJK}])[(（][ \t]*({table['syllable']})[ \t]*[)）]", re.I)
    return gloss, int(table["min_tone_marked"])


def remove_pinyin_glosses(text: str) -> str:
    """Drop pinyin glosses after characters: '高質(zhì)量發(fā)展' -> '高質量發展'.

    A gloss is one pinyin syllable in parentheses right after a CJK character
    (data/pinyin_glosses.tsv); a toneless one goes only when the text has tone-marked ones."""
    gloss, min_marked = _gloss_rules()
    found = list(gloss.finditer(text))
    if not found:
        return text
    marked = sum(1 for m in found if _TONE_MARKS.search(m.group(1)))
    if marked == 0:
        return text
    keep_toneless = marked < min_marked
    return gloss.sub(lambda m: m.group(0) if keep_toneless and not _TONE_MARKS.search(m.group(1)) else "", text)
