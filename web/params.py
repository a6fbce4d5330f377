"""Request arguments to search parameters, shared by the pages and the JSON API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from archive.config import MAX_LIMIT, PAGE_SIZE
from archive.fields import DEFAULT_SORT, FILTER_ARGS, SORTS
from archive.query import QueryError

from .i18n import lang_of

__all__ = ["FILTER_ARGS", "PAGE_SIZE", "SearchParams", "parse_args"]


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = DEFAULT_SORT
    page: int = 1
    limit: int = PAGE_SIZE
    lang: str = "zh"
    # the facet panel's filter-within boxes (no-JS form), by argument; not part of the state
    within: dict[str, str] = field(default_factory=dict)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit

    def args(self, **changes: Any) -> list[tuple[str, str]]:
        """URL arguments for this state, with changes (None removes a key)."""
        state: dict[str, Any] = {"q": self.q, "sort": self.sort, "page": self.page, "lang": self.lang}
        state.update({arg: list(self.filters.get(f, [])) for arg, f in FILTER_ARGS.items()})
        state.update(changes)
        out: list[tuple[str, str]] = []
        for k, v in state.items():
            if (
                v in (None, "", [])
                or (k == "sort" and v == DEFAULT_SORT)
                or (k == "page" and v == 1)
                or (k == "lang" and v == "zh")
            ):
                continue
            for item in v if isinstance(v, list) else [v]:
                out.append((k, str(item)))
        return out

    def url_args(self, **changes: Any) -> str:
        return urlencode(self.args(**changes))

    def link(self, **extra: Any) -> str:
        """'?' and this state plus a page's own arguments (n=12, lines='9-19'): every link from
        a result keeps the query, filters, sort and page, so "back" returns to the same place."""
        pairs = self.args() + [(k, str(v)) for k, v in extra.items() if v not in (None, "")]
        return "?" + urlencode(pairs) if pairs else ""

    def without(self, arg: str, value: str) -> str:
        field_ = FILTER_ARGS[arg]
        return self.url_args(**{arg: [v for v in self.filters.get(field_, []) if v != value]}, page=None)

    def with_value(self, arg: str, value: str) -> str:
        field_ = FILTER_ARGS[arg]
        values = list(self.filters.get(field_, []))
        if value not in values:
            values.append(value)
        return self.url_args(**{arg: values}, page=None)


def filter_values(args: MultiDict, arg: str, field_name: str) -> list[str]:
    """A filter's values under its argument (type=) or, as the JSON hits name it, its field
    (doc_type=): a URL built from an API answer filters instead of being silently ignored."""
    names = [arg] if arg == field_name else [arg, field_name]
    return [v.strip() for name in names for v in args.getlist(name) if v.strip()]


def parse_args(args: MultiDict, *, limit_arg: bool = False) -> SearchParams:
    p = SearchParams()
    p.q = (args.get("q") or "").strip()
    for arg, f in FILTER_ARGS.items():
        values = filter_values(args, arg, f)
        if values:
            p.filters[f] = values
    p.sort = args.get("sort") or DEFAULT_SORT
    if p.sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}", "bad_sort", ", ".join(SORTS))
    # a page before the first is the first; one after the last is clamped by the view
    # (it knows the total), so a stale or edited link still shows results
    p.page = max(1, _int(args.get("page"), 1, "page"))
    lo, hi = (args.get("year_from") or "").strip(), (args.get("year_to") or "").strip()
    if lo or hi:
        # the year range control: from and to, either one open
        for name, v in (("year_from", lo), ("year_to", hi)):
            if v and not (v.isdigit() and len(v) == 4):
                raise QueryError(f"{name} must be a year such as 2019", "bad_year", v)
        p.filters["year"] = [f"{lo or '1000'}-{hi or '2999'}"]
    for arg in FILTER_ARGS:
        w = (args.get(f"within_{arg}") or "").strip()
        if w:
            p.within[arg] = w[:50]
    if limit_arg:
        p.limit = _int(args.get("limit"), PAGE_SIZE, "limit")
        if not 1 <= p.limit <= MAX_LIMIT:
            raise QueryError(f"limit must be between 1 and {MAX_LIMIT}", "limit", MAX_LIMIT)
        if "offset" in args:
            off = _int(args.get("offset"), 0, "offset")
            if off < 0:
                raise QueryError("offset must not be negative", "offset_negative")
            p.page = off // p.limit + 1
    p.lang = lang_of(args.get("lang"))
    return p


def _int(value: str | None, default: int, name: str) -> int:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise QueryError(f"{name} must be a whole number", "not_number", name) from None
