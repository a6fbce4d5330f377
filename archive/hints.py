"""What to suggest when a query finds nothing: the closest spelling among the indexed words,
and the filter whose removal would give hits.

A term that matches nothing is usually a typo or a near-variant (腾笼换凤 for 腾笼换鸟, 招大引强
typed 招大应强): the indexed jieba words of the same length that differ in one character, or
one character longer or shorter, are candidates, and the one in most paragraphs wins. Only
candidates that would find paragraphs are offered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .query import QueryError, parse, positive_terms

if TYPE_CHECKING:
    from .search import Archive

MAX_WORD = 12  # longer terms are phrases, not words of the lexicon


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by one substitution, insertion or deletion (or a swap of neighbours)."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    if abs(la - lb) != 1:
        return False
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def spelling(archive: "Archive", text: str, filters: dict[str, list[str]] | None = None) -> str | None:
    """The query with its first unmatched term replaced by the closest indexed word that makes
    the whole query find paragraphs, or None."""
    try:
        q = parse(text, filters)
    except QueryError:
        return None
    lex = archive.view().lexicon("words")  # by length, read once per generation
    for t in positive_terms(q.tree):
        if len(t.parts) != 1 or not (2 <= len(t.parts[0]) <= MAX_WORD):
            continue
        word = t.parts[0]
        if archive.search(word, limit=1, facets=False)["total"]:
            continue  # this term is found; another one is the problem
        cands = [
            (w, n) for k in (len(word) - 1, len(word), len(word) + 1) for w, n in lex.get(k, []) if _one_edit(word, w)
        ]
        typed = t_raw(text, word)
        for w, _ in sorted(cands, key=lambda c: -c[1])[:5]:
            fixed = text.replace(typed, w, 1) if typed else None
            if fixed and archive.search(fixed, filters=filters, limit=1, facets=False)["total"]:
                return fixed
    return None


def t_raw(text: str, norm_word: str) -> str | None:
    """The stretch of the typed text that normalises to ``norm_word`` (the user's own form)."""
    from .textnorm import normalize

    norm = normalize(text)
    i = norm.find(norm_word)
    if i < 0 or len(norm) != len(text):
        return norm_word if norm_word in text else None
    return text[i : i + len(norm_word)]


def dropped_filters(archive: "Archive", text: str, filters: dict[str, list[str]]) -> list[dict[str, Any]]:
    """For each filter of a query with no hits: how many hits there are without it."""
    out = []
    for name, values in filters.items():
        rest = {k: v for k, v in filters.items() if k != name}
        try:
            total = archive.search(text, filters=rest, limit=1, facets=False, allow_empty=True)["total"]
        except QueryError:
            continue
        if total:
            out.append({"field": name, "values": values, "total": total})
    return sorted(out, key=lambda d: -d["total"])


def hints(archive: "Archive", text: str, filters: dict[str, list[str]]) -> dict[str, Any]:
    """What a query with no hits could become: {"suggestion": text or None, "without":
    [{"field", "values", "total"}, ...]} (the same for the page, the API and the CLI)."""
    from .fields import FILTER_FIELDS
    from .query import split_filters

    terms, _ = split_filters(text, set(FILTER_FIELDS.values()))  # ``filters`` has the typed ones too
    return {"suggestion": spelling(archive, terms, filters), "without": dropped_filters(archive, terms, filters)}
