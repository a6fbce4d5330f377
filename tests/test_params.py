"""web/params.py: request arguments to search parameters and back to URLs (exact outputs)."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest
from werkzeug.datastructures import MultiDict

from archive.config import MAX_LIMIT
from archive.model import FACETS
from archive.query import QueryError
from web.params import FILTER_ARGS, PAGE_SIZE, SearchParams, parse_args


def parse(*pairs: tuple[str, str], **kw) -> SearchParams:
    return parse_args(MultiDict(list(pairs)), **kw)


def test_every_facet_has_a_url_argument():
    assert set(FACETS) <= set(FILTER_ARGS.values())
    assert set(FILTER_ARGS.values()) - set(FACETS) == {"period"}  # a filter (batch cells), not a facet
    assert FILTER_ARGS["type"] == "doc_type"


def test_arguments_become_filters_sort_page_and_language():
    p = parse(
        ("q", " 腾笼换鸟 "),
        ("township", "新埭镇"),
        ("township", " "),
        ("township", "广陈镇"),
        ("type", "报告"),
        ("sort", "newest"),
        ("page", "3"),
        ("lang", "en"),
    )
    assert p == SearchParams(
        q="腾笼换鸟",
        filters={"township": ["新埭镇", "广陈镇"], "doc_type": ["报告"]},
        sort="newest",
        page=3,
        limit=PAGE_SIZE,
        lang="en",
    )
    assert p.offset == 2 * PAGE_SIZE
    assert parse() == SearchParams()
    assert parse(("lang", "fr")).lang == "zh"  # an unknown language falls back to Chinese


def test_urls_leave_out_defaults_and_keep_repeated_filters_in_order():
    p = parse(
        ("q", "腾笼换鸟"),
        ("township", "新埭镇"),
        ("township", "广陈镇"),
        ("type", "报告"),
        ("sort", "newest"),
        ("page", "3"),
        ("lang", "en"),
    )
    assert p.args() == [
        ("q", "腾笼换鸟"),
        ("sort", "newest"),
        ("page", "3"),
        ("lang", "en"),
        ("township", "新埭镇"),
        ("township", "广陈镇"),
        ("type", "报告"),
    ]
    assert parse_qsl(p.url_args()) == p.args()
    # removing or adding a facet value goes back to page 1
    assert parse_qsl(p.without("township", "新埭镇")) == [
        ("q", "腾笼换鸟"),
        ("sort", "newest"),
        ("lang", "en"),
        ("township", "广陈镇"),
        ("type", "报告"),
    ]
    assert parse_qsl(p.with_value("year", "2024")) == [
        ("q", "腾笼换鸟"),
        ("sort", "newest"),
        ("lang", "en"),
        ("township", "新埭镇"),
        ("township", "广陈镇"),
        ("year", "2024"),
        ("type", "报告"),
    ]
    assert p.with_value("township", "新埭镇") == p.url_args(page=None)  # already there: unchanged
    assert SearchParams().args() == [] and SearchParams(q="x").url_args(sort="oldest") == "q=x&sort=oldest"


def test_a_url_round_trips_to_the_same_parameters():
    p = parse(
        ("q", "枫桥经验 -平湖"),
        ("county", "平湖市"),
        ("year", "2023"),
        ("year", "2024"),
        ("level", "township"),
        ("sort", "place"),
        ("page", "2"),
    )
    assert parse(*parse_qsl(p.url_args())) == p


def test_the_api_limit_and_offset():
    assert parse(limit_arg=True).limit == PAGE_SIZE
    p = parse(("limit", "10"), ("offset", "30"), limit_arg=True)
    assert (p.limit, p.page, p.offset) == (10, 4, 30)
    assert parse(("limit", "10"), ("offset", "30")).limit == PAGE_SIZE  # pages take no limit argument
    assert parse(("limit", str(MAX_LIMIT)), limit_arg=True).limit == MAX_LIMIT


@pytest.mark.parametrize(
    "pairs, message",
    [
        ([("sort", "best")], "sort must be one of relevance, newest, oldest, place"),
        ([("page", "two")], "page must be a whole number"),
        ([("limit", "0")], f"limit must be between 1 and {MAX_LIMIT}"),
        ([("limit", str(MAX_LIMIT + 1))], f"limit must be between 1 and {MAX_LIMIT}"),
        ([("limit", "1.5")], "limit must be a whole number"),
        ([("offset", "-1")], "offset must not be negative"),
    ],
)
def test_bad_arguments_get_a_clear_message(pairs, message):
    with pytest.raises(QueryError) as e:
        parse(*pairs, limit_arg=True)
    assert str(e.value) == message


def test_pages_out_of_range_are_clamped_not_refused():
    assert parse(("page", "0")).page == 1 and parse(("page", "-3")).page == 1
    assert parse(("page", "501")).page == 501  # the view clamps to the last page it has


def test_the_year_range_control_is_one_year_filter():
    assert parse(("year_from", "2003"), ("year_to", "2010")).filters == {"year": ["2003-2010"]}
    assert parse(("year_from", "2003")).filters == {"year": ["2003-2999"]}


def test_a_filter_may_be_named_by_its_field_as_the_json_hits_name_it(client):
    """doc_type= (the field, as /api/search's hits name it) filters like type= (the argument) on the
    search API and on /browse, instead of being ignored and showing everything."""
    hits = client.get("/api/search?q=腾笼换鸟&limit=100").get_json()
    kind = hits["hits"][0]["doc_type"]
    by_arg = client.get(f"/api/search?q=腾笼换鸟&limit=100&type={kind}").get_json()
    by_field = client.get(f"/api/search?q=腾笼换鸟&limit=100&doc_type={kind}").get_json()
    assert by_field["total"] == by_arg["total"] == sum(1 for h in hits["hits"] if h["doc_type"] == kind)
    assert by_arg["total"] < hits["total"] or all(h["doc_type"] == kind for h in hits["hits"])
    page_arg = client.get(f"/browse?type={kind}").get_data(as_text=True)
    page_field = client.get(f"/browse?doc_type={kind}").get_data(as_text=True)
    # the same page, but for the language switch, which keeps the query string as it came
    assert page_field.replace("?doc_type=", "?type=") == page_arg
