"""The query language: what people type, parsed into a tree of exact-substring terms.

    腾笼换鸟 千万工程            both terms (each an exact substring of the normalised paragraph)
    腾笼换鸟 AND 千万工程        the same (AND, and, And: operators in any case)
    "人人有责 人人尽责"          a phrase; a space in it matches a space, one punctuation mark
                                 or nothing (“腾笼换鸟 凤凰涅槃” finds 腾笼换鸟、凤凰涅槃)
    “…” 「…」 『…』 ＂…＂        IME and CJK quotes work as quotes
    腾笼换鸟 -腾退, NOT 腾退     exclude
    腾笼换鸟 OR 筑巢引凤         either; OR binds tighter than AND: A B OR C = A AND (B OR C)
    (腾笼换鸟 OR 筑巢引凤) NOT 腾退   parentheses group, ASCII or full-width
    "腾笼换鸟 凤凰涅槃"~10       the quoted words within 10 characters, any order (Near)
    腾笼换鸟 /s 亩               both in one sentence (SameSentence); binds tightest
    township:新仓镇 year:2022-2024 speaker:金一 type:任务书 province:浙江
                                 filters (several values of one field are ORed, different
                                 fields ANDed; short place names are resolved by the search)

Grammar (one place for operators: ``INFIX`` and ``PREFIX``; a new binary operator such as
same-sentence ``A /s B`` is one entry in ``INFIX`` plus its node type, a postfix on a phrase
such as ``"A B"~10`` goes in ``_lex``'s phrase branch)::

    query   := expr(0)
    expr(p) := unary ( INFIX-op-of-precedence>=p expr(prec+1) | <implicit AND> unary )*
    unary   := PREFIX-op unary | atom
    atom    := '(' expr(0) ')' | phrase | word

Filters (``field:value``) stand at the top level of the query, outside parentheses and OR.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator, Union

from .config import MAX_QUERY_CHARS
from . import proximity
from .datafiles import rows
from .sentences import sentence_spans
from .fields import FILTER_FIELDS, YEAR_FIELDS, YEAR_VALUE
from .textnorm import normalize


class QueryError(ValueError):
    """A query that cannot be run; the message is for the person who typed it.

    ``key`` and ``args`` name the message for translation (web/i18n.py has it in Chinese as
    ``qerr_<key>``); ``str()`` is the English text."""

    def __init__(self, message: str, key: str | None = None, *args: object) -> None:
        super().__init__(message)
        self.key, self.args_ = key, args


# --- the tree ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """An exact substring of the normalised text. A phrase typed with spaces has several
    parts: between two parts the text may have nothing, a space or one punctuation mark."""

    parts: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.parts)


@dataclass(frozen=True)
class And:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    child: "Node"


@dataclass(frozen=True)
class Near(And):
    """``"A B"~N``: an AND of the quoted words, each within ``distance`` characters of the
    others (archive/proximity.py); the exact index answers the AND, the text the distance."""

    distance: int = 0


@dataclass(frozen=True)
class SameSentence(And):
    """``A /s B``: an AND whose children all match inside one sentence (archive/sentences.py)."""


Node = Union[Term, And, Or, Not]


def _near(parts: tuple[str, ...], distance: int) -> Near:
    if distance > proximity.MAX_DISTANCE:
        raise QueryError(
            f"~{distance}: at most ~{proximity.MAX_DISTANCE} characters", "near_far", proximity.MAX_DISTANCE
        )
    if len(parts) < 2:
        raise QueryError('"…"~N needs two or more words in the quotes, as in "腾笼换鸟 凤凰涅槃"~10', "near_words")
    return Near(tuple(Term((p,)) for p in parts), distance)


def _has_not(n: Node) -> bool:
    return isinstance(n, Not) or (isinstance(n, (And, Or)) and any(_has_not(c) for c in n.children))


def _same_sentence(left: Node, right: Node) -> Node:
    """``A /s B /s C`` is one node of three; NOT beside /s would make the index's AND too narrow."""
    if _has_not(left) or _has_not(right):
        raise QueryError("/s joins terms that must be there: NOT cannot stand beside /s", "sentence_not")
    return _joined(SameSentence, left, right)


def has_conditions(node: Node | None) -> bool:
    """Whether the tree holds a proximity or same-sentence condition (checked on the text)."""
    if isinstance(node, (Near, SameSentence)):
        return True
    if isinstance(node, Not):
        return has_conditions(node.child)
    return isinstance(node, (And, Or)) and any(has_conditions(c) for c in node.children)


def _joined(kind: type, left: Node, right: Node) -> Node:
    """A binary operator's node, flattened: (A AND B) AND C is one AND of three."""
    parts: list[Node] = []
    for n in (left, right):
        parts.extend(
            n.children if isinstance(n, (And, Or)) and type(n) is kind else (n,)
        )  # a Near or /s keeps its condition
    return kind(tuple(parts))


# Operators, the only place they are defined. INFIX: the word (compared lower-cased) ->
# (precedence, builder); higher binds tighter. Terms side by side are joined by IMPLICIT.
INFIX: dict[str, tuple[int, Callable[[Node, Node], Node]]] = {
    "and": (1, lambda a, b: _joined(And, a, b)),
    "or": (2, lambda a, b: _joined(Or, a, b)),
    "/s": (3, lambda a, b: _same_sentence(a, b)),  # same sentence, binds tightest
}
IMPLICIT = "and"
PREFIX: dict[str, Callable[[Node], Node]] = {"not": Not, "-": Not}


# --- lexing --------------------------------------------------------------------------------

# An opening quote and the characters that close it: IMEs type “…” (and sometimes ”…” or
# “…“), CJK texts 「…」 and 『…』, full-width keyboards ＂…＂.
QUOTES = {'"': '"', "＂": '＂"', "“": "”“", "”": "”“", "「": "」", "『": "』"}
_OPEN, _CLOSE = "(（", ")）"
_SPECIAL = set(QUOTES) | set(_OPEN) | set(_CLOSE) | {"」", "』"}


@dataclass
class Tok:
    kind: str  # "word", "phrase", "op", "(", ")", "filter"
    text: str = ""
    field: str = ""  # for "filter"
    span: tuple[int, int] = (0, 0)  # where it stands in the text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _lex(text: str) -> list[Tok]:
    out: list[Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in _OPEN:
            out.append(Tok("("))
            i += 1
        elif c in _CLOSE:
            out.append(Tok(")"))
            i += 1
        elif c in QUOTES:
            j = i + 1
            while j < n and text[j] not in QUOTES[c]:
                j += 1
            if j >= n:
                raise QueryError(f'unclosed quote: every {c} needs a partner', "unclosed_quote", c)
            near = proximity.NEAR_SUFFIX.match(text, j + 1)  # "A B"~10: within 10 characters
            out.append(Tok("near", text[i + 1 : j], near.group(1)) if near else Tok("phrase", text[i + 1 : j]))
            i = near.end() if near else j + 1
        elif c in "」』":
            raise QueryError(f"unopened quote: {c} without its opening mark", "unopened_quote", c)
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in _SPECIAL:
                j += 1
            word = text[i:j]
            i = j
            low = word.lower()
            if low in INFIX or low in PREFIX:
                out.append(Tok("op", low))
            elif word.startswith("-") and len(word) > 1:
                out.append(Tok("op", "-"))
                out.append(Tok("word", word[1:]))
            else:
                m = re.fullmatch(r"([A-Za-z_]+)[:：](.*)", word)
                if m and m.group(1).lower() in FILTER_FIELDS:
                    out.append(Tok("filter", m.group(2), FILTER_FIELDS[m.group(1).lower()], (i - len(word), i)))
                else:
                    out.append(Tok("word", word))
    return out


# --- parsing -------------------------------------------------------------------------------


class _Parser:
    def __init__(self, toks: list[Tok]) -> None:
        self.toks, self.i = toks, 0

    def peek(self) -> Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expr(self, min_prec: int) -> Node | None:
        left = self.unary()
        while True:
            tok = self.peek()
            if tok is None or tok.kind == ")":
                return left
            if tok.kind == "op" and tok.text in INFIX:
                op, explicit = tok.text, True
            else:
                op, explicit = IMPLICIT, False
            prec, build = INFIX[op]
            if prec < min_prec:
                return left
            if explicit:
                self.take()
            right = self.expr(prec + 1)
            if left is None or right is None:
                if explicit:
                    raise QueryError(f"{op.upper()} needs a term on each side", "op_sides", op.upper())
                left = left or right
                continue
            left = build(left, right)

    def unary(self) -> Node | None:
        tok = self.peek()
        if tok is None or tok.kind == ")":
            return None
        if tok.kind == "op":
            if tok.text in PREFIX:
                self.take()
                child = self.unary()
                if child is None:
                    raise QueryError("'-' (or NOT) needs a term right after it, as in -腾退", "not_term")
                if isinstance(child, Not):  # NOT NOT x is x
                    return child.child
                return PREFIX[tok.text](child)
            return None  # an infix operator where a term should be
        self.take()
        if tok.kind == "(":
            inner = self.expr(0)
            if self.peek() is None or self.peek().kind != ")":  # type: ignore[union-attr]
                raise QueryError("unclosed parenthesis: every ( needs a )", "unclosed_paren")
            self.take()
            if inner is None:
                raise QueryError("empty parentheses ()", "empty_paren")
            return inner
        return _term(tok)


@lru_cache(maxsize=1)
def _gap_pattern() -> str:
    return "[" + "".join(re.escape(g) for g in phrase_gaps() if g) + "]?"


@lru_cache(maxsize=1)
def phrase_gaps() -> tuple[str, ...]:
    """What a space in a quoted phrase stands for: nothing, or one of the characters in
    data/phrase_gaps.tsv (as normalised text writes them)."""
    return ("",) + tuple(chr(int(r[0][2:], 16)) for r in rows("phrase_gaps.tsv"))


def _term(tok: Tok) -> Node | None:
    norm = normalize(tok.text)
    if tok.kind == "near":
        return _near(tuple(p for p in norm.split(" ") if p), int(tok.field))
    if tok.kind == "phrase":
        parts = tuple(p for p in norm.split(" ") if p)
        if not parts:
            raise QueryError('empty quotes ""', "empty_quotes")
        return Term(parts)
    norm = norm.strip()
    return Term((norm,)) if norm else None


# --- the query -----------------------------------------------------------------------------


@dataclass
class Query:
    raw: str
    tree: Node | None = None
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def terms(self) -> list[str]:
        """Every part of every positive term, for highlighting and ranking."""
        out: list[str] = []
        for t in positive_terms(self.tree):
            for p in t.parts:
                if p not in out:
                    out.append(p)
        return out

    @property
    def groups(self) -> list[list[str]]:
        """The positive part as AND-ed groups of OR-ed term texts, for code written before the
        tree (exact for queries without parentheses; truthy exactly when there is a positive term)."""
        pos, _ = top_split(self.tree)
        if pos is None:
            return []
        items = pos.children if isinstance(pos, And) else (pos,)
        return [[t.text for t in positive_terms(c)] for c in items if positive_terms(c)]

    @property
    def excludes(self) -> list[str]:
        """The excluded terms (their text), for messages and checks."""
        return [t.text for t in _leaves(self.tree, negated=True)]

    def is_empty(self) -> bool:
        return self.tree is None and not self.filters


def _leaves(node: Node | None, negated: bool = False, inside: bool = False) -> Iterator[Term]:
    if node is None:
        return
    if isinstance(node, Term):
        if inside == negated:
            yield node
    elif isinstance(node, Not):
        yield from _leaves(node.child, negated, not inside)
    else:
        for c in node.children:
            yield from _leaves(c, negated, inside)


def positive_terms(node: Node | None) -> list[Term]:
    return list(_leaves(node))


def top_split(node: Node | None) -> tuple[Node | None, list[Node]]:
    """The query's positive part and its top-level exclusions (``A B -C`` -> (A AND B, [C]))."""
    if node is None:
        return None, []
    if isinstance(node, Not):
        return None, [node.child]
    if isinstance(node, And):
        pos = [c for c in node.children if not isinstance(c, Not)]
        neg = [c.child for c in node.children if isinstance(c, Not)]
        if not neg:
            return node, []
        return (pos[0] if len(pos) == 1 else And(tuple(pos))) if pos else None, neg
    return node, []


def _check(node: Node, top: bool) -> None:
    """NOT subtracts from something: an OR cannot join an excluded term, and an AND inside
    parentheses needs a positive partner (at the top level, filters can be that partner)."""
    if isinstance(node, Or):
        if any(isinstance(c, Not) for c in node.children):
            raise QueryError("OR cannot join an excluded term", "or_not")
        for c in node.children:
            _check(c, False)
    elif isinstance(node, And):
        if not top and all(isinstance(c, Not) for c in node.children):
            raise QueryError(
                "NOT inside parentheses needs a term to subtract from, as in (腾笼换鸟 -腾退)", "not_alone"
            )
        for c in node.children:
            _check(c.child if isinstance(c, Not) else c, False)
    elif isinstance(node, Not):
        _check(node.child, False)


def _pull_filters(toks: list[Tok], q: Query) -> list[Tok]:
    """Filters leave the token list for q.filters; they must stand at the top level."""
    out, depth = [], 0
    for k, tok in enumerate(toks):
        if tok.kind == "(":
            depth += 1
        elif tok.kind == ")":
            depth = max(0, depth - 1)
        if tok.kind != "filter":
            out.append(tok)
            continue
        before = toks[k - 1] if k else None
        after = toks[k + 1] if k + 1 < len(toks) else None
        if depth or any(t is not None and t.kind == "op" and t.text != "and" for t in (before, after)):
            raise QueryError(
                "filters apply to the whole query: put them outside parentheses, OR and NOT", "filter_place"
            )
        _add_filter(q, tok.field, tok.text)
    return out


_FILTERABLE = frozenset(FILTER_FIELDS.values())


def parse(text: str | None, extra_filters: dict[str, list[str]] | None = None) -> Query:
    if text is None:
        text = ""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"query too long: {len(text):,} characters (at most {MAX_QUERY_CHARS})",
            "too_long",
            len(text),
            MAX_QUERY_CHARS,
        )
    bad = _SURROGATE.search(text)
    if bad:
        # a byte that was not UTF-8 (surrogate-escaped by Python) or a lone UTF-16 half:
        # no paragraph can contain it, and SQLite and the segmenter cannot encode it
        raise QueryError(
            f"the query is not valid text: U+{ord(bad.group()):04X} at character {bad.start() + 1} "
            "(an undecodable byte or half of a surrogate pair)",
            "not_text",
            bad.start() + 1,
        )
    q = Query(raw=text)
    toks = _pull_filters(_lex(text.strip()), q)
    p = _Parser(toks)
    q.tree = p.expr(0)
    rest = p.peek()
    if rest is not None:
        if rest.kind == ")":
            raise QueryError("unopened parenthesis: a ) without its (", "unopened_paren")
        raise QueryError(f"{rest.text.upper()} needs a term on each side", "op_sides", rest.text.upper())
    if q.tree is not None:
        _check(q.tree, True)
    for f, values in (extra_filters or {}).items():
        fieldname = FILTER_FIELDS.get(f, f)
        if fieldname not in _FILTERABLE:
            # a JSON body or an imported file can name any key; the columns know only these
            raise QueryError(
                f"unknown filter {f!r}: filters are {', '.join(sorted(FILTER_FIELDS))}", "unknown_filter", f
            )
        for v in values:
            if v not in (None, ""):
                _add_filter(q, fieldname, str(v))
    pos, neg = top_split(q.tree)
    if neg and pos is None and not q.filters:
        raise QueryError(
            "a query of exclusions only would match almost everything: add a term or a filter", "only_excludes"
        )
    return q


def _add_filter(q: Query, fieldname: str, value: str) -> None:
    value = value.strip()
    if _SURROGATE.search(value):
        raise QueryError(
            f"filter {fieldname}: the value is not valid text (an undecodable byte)", "filter_not_text", fieldname
        )
    if not value:
        raise QueryError(f"filter {fieldname}: needs a value, as in township:新仓镇", "filter_empty", fieldname)
    if fieldname in YEAR_FIELDS and not YEAR_VALUE.fullmatch(value):
        raise QueryError(
            f"{fieldname}: takes a year or a range, as in {fieldname}:2023 or {fieldname}:2022-2024 (got {value!r})",
            "bad_year",
            value,
        )
    values = q.filters.setdefault(fieldname, [])
    if value not in values:
        values.append(value)


def split_filters(text: str, fields: set[str]) -> tuple[str, dict[str, list[str]]]:
    """The text without its filters on ``fields`` (field names), and those filters: the box's
    ``腾笼换鸟 township:新埭`` becomes the terms ``腾笼换鸟`` and a chip. Text that does not lex
    is returned whole (the search reports the error)."""
    try:
        toks = _lex(text)
    except QueryError:
        return text, {}
    found: dict[str, list[str]] = {}
    out, pos = [], 0
    for tok in toks:
        if tok.kind == "filter" and tok.field in fields and tok.text.strip():
            out.append(text[pos : tok.span[0]])
            pos = tok.span[1]
            found.setdefault(tok.field, []).append(tok.text.strip())
    out.append(text[pos:])
    return " ".join("".join(out).split()), found


def year_range(value: str) -> tuple[int, int]:
    a, _, b = value.partition("-")
    lo, hi = int(a), int(b or a)
    return (lo, hi) if lo <= hi else (hi, lo)


# --- matching in Python (the definition the index must agree with) -------------------------


def term_regex(t: Term) -> re.Pattern[str]:
    return re.compile(_gap_pattern().join(re.escape(p) for p in t.parts))


def occurrences(t: Term, norm_text: str) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of a term, overlapping ones too."""
    pat, out, pos = term_regex(t), [], 0
    while (m := pat.search(norm_text, pos)) is not None:
        out.append((m.start(), m.end()))
        pos = m.start() + 1
    return out


def matches(node: Node | None, norm_text: str) -> bool:
    """Whether normalised paragraph text satisfies the tree: the brute-force definition
    (tests compare the index's answers with it)."""
    if node is None:
        return True
    if isinstance(node, Near):
        return proximity.near([occurrences(t, norm_text) for t in node.children if isinstance(t, Term)], node.distance)
    if isinstance(node, SameSentence):
        return any(all(matches(c, norm_text[s:e]) for c in node.children) for s, e in sentence_spans(norm_text))
    if isinstance(node, Term):
        return term_regex(node).search(norm_text) is not None
    if isinstance(node, Not):
        return not matches(node.child, norm_text)
    if isinstance(node, And):
        return all(matches(c, norm_text) for c in node.children)
    return any(matches(c, norm_text) for c in node.children)
