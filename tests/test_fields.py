"""The field declaration (archive/fields.py) is the one vocabulary: every reader of it agrees
with it, read from the live objects (the dataclass, the Whoosh schema, the click command, the
query parser, the web params), not from a copied list."""

from __future__ import annotations

import dataclasses

import pytest
from werkzeug.datastructures import MultiDict

from archive import fields
from archive.model import Paragraph
from archive.query import parse
from archive.store import schema
from cli.main import main
from web.i18n import field_label, t
from web.params import parse_args


def test_the_declaration_is_the_paragraph_record():
    # FIELDS is read from Paragraph, so the two cannot disagree; what a declared attribute gives
    assert tuple(f.name for f in dataclasses.fields(Paragraph)) == fields.PARAGRAPH_FIELDS
    assert fields.BY_NAME["doc_type"] == fields.Field(
        "doc_type", "文本类型", "Document type", ("type", "doc_type"), facet=True, column="coded", browse=True
    )
    required = [
        f.name
        for f in dataclasses.fields(Paragraph)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    assert required == ["id", "doc_id", "n", "kind", "text"]


def test_every_declared_field_round_trips_through_the_stored_fields():
    from archive.record import from_fields, to_fields

    values = {"number": 2023, "ordinal": 3, "lines": [4, 9]}
    p = Paragraph(
        **{
            f.name: values.get(
                f.column, {"evidence": {"year": "catalog"}, "ocr": {"page": 1}}.get(f.name, f.name + "值")
            )
            for f in fields.FIELDS
        }
    )
    assert from_fields(to_fields(p.to_dict(), key=1)) == p.to_dict()


def test_every_declared_field_is_in_the_index_schema():
    names = set(schema().names())
    for f in fields.FIELDS:
        expected = {"line_start", "line_end"} if f.column == "lines" else {f.name}
        assert expected <= names, f.name
    # nothing in the schema that the declaration does not explain
    assert names - set(fields.PARAGRAPH_FIELDS) == {"key", "words", "line_start", "line_end"}


def test_facet_columns_are_readable_as_arrays():
    for f in fields.FACET_FIELDS:
        assert f.name in fields.CODED or f.name in fields.NUMERIC, f.name
    assert set(fields.PARENT.values()) <= set(fields.CODED)


@pytest.mark.parametrize("f", fields.FIELDS, ids=lambda f: f.name)
def test_every_field_has_two_labels(f):
    assert field_label(f.name, "zh") == f.zh and field_label(f.name, "en") == f.en
    assert t(f.name, "en") and f.zh != f.en


@pytest.mark.parametrize("f", [f for f in fields.FIELDS if f.prefixes], ids=lambda f: f.name)
def test_every_prefix_filters_its_field(f):
    value = "2023" if f.name in fields.YEAR_FIELDS else "新仓镇"
    for prefix in f.prefixes:
        assert parse(f"腾笼换鸟 {prefix}:{value}").filters == {f.name: [value]}


FILTERS = [f for f in fields.FIELDS if f.facet or f.filter]
# the commands that select paragraphs take every filter as an option
FILTERING_COMMANDS = ("search", "export", "trend", "kwic", "batch")


def _choices(command: str, option: str) -> tuple[str, ...]:
    return tuple(next(p for p in main.commands[command].params if p.name == option).type.choices)


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.name)
def test_every_filter_is_a_web_argument_and_a_cli_option(f):
    value = "2023" if f.name in fields.YEAR_FIELDS else "x"
    assert parse_args(MultiDict([(f.arg, value)])).filters == {f.name: [value]}
    for command in FILTERING_COMMANDS:
        assert f"--{f.arg}" in {o for p in main.commands[command].params for o in p.opts}, command


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.name)
def test_every_filter_reaches_the_search_batch_and_trend_apis(f, client):
    every = client.get("/api/search", query_string={"q": "腾笼换鸟", "limit": 100}).get_json()["hits"]
    # a value the seeds have (a field no seed fills yet, as a new one, filters everything out)
    value = next((h[f.name] for h in every if h[f.name] is not None), 2023 if f.name in fields.YEAR_FIELDS else "x")
    want = sorted(h["id"] for h in every if h[f.name] == value)  # the oracle: the unfiltered hits
    hits = client.get("/api/search", query_string={"q": "腾笼换鸟", "limit": 100, f.arg: value}).get_json()["hits"]
    assert sorted(h["id"] for h in hits) == want
    for url in ("/api/batch", "/api/trend"):
        r = client.get(url, query_string={"q": "腾笼换鸟", "phrases": "腾笼换鸟", f.arg: value})
        assert r.status_code == 200 and r.get_json()["filters"] == {f.name: [str(value)]}, url


def test_every_facet_is_counted_and_shown_in_the_panel(archive):
    from web.facetpanel import OTHER

    PLACE_LEVELS = fields.PLACE_FIELDS

    assert set(archive.search("腾笼换鸟")["facets"]) == set(fields.FACETS)
    # the panel shows the places, the year range, and every other facet
    assert sorted((*PLACE_LEVELS, "year", *OTHER)) == sorted(fields.FACETS)


def test_the_document_list_filters_by_the_declared_document_fields(archive):
    from archive.browse import FILTERS as BROWSE_FILTERS, PANELS, browse
    from web.browse import browse_args

    assert BROWSE_FILTERS == fields.BROWSE_FIELDS and set(PANELS) <= set(fields.BROWSE_FIELDS)
    for arg, name in fields.BROWSE_ARGS.items():
        assert fields.FILTER_ARGS[arg] == name  # the same argument as the search's filter
        value = "2023" if name in fields.YEAR_FIELDS else "x"
        assert browse_args(MultiDict([(arg, value)]))["filters"] == {name: [value]}
        assert browse(archive, filters={name: [value]})["filters"] == {name: [value]}


def test_time_axes_and_place_levels_are_the_declared_ones():
    assert _choices("trend", "by") == _choices("batch", "time_") == fields.YEAR_FIELDS
    assert _choices("trend", "diffusion") == fields.PLACE_FIELDS
    assert set(_choices("batch", "place")) == set(fields.PLACE_FIELDS)
    from archive import batch, trends
    from archive.query import QueryError

    for name in fields.PLACE_FIELDS:
        assert name in batch.PLACE_LEVELS
    with pytest.raises(QueryError, match="by must be one of year, period"):
        trends.trend(None, "腾笼换鸟", by="township")  # type: ignore[arg-type]


def test_place_facets_run_outermost_first():
    order = [name for name, _ in fields.place_facets_top_down()]
    assert order == ["province", "city", "county", "township"]
    for name, parent in fields.place_facets_top_down():
        assert parent is None or order.index(parent) < order.index(name)
    assert not {f.name for f in fields.flat_facets()} & set(order)


def test_sorts_are_one_list(tmp_path, client):
    assert _choices("search", "sort") == fields.SORTS
    assert fields.DEFAULT_SORT in fields.SORTS
    from archive.saved import SavedSearches

    saved = SavedSearches(tmp_path)
    for n, sort in enumerate(fields.SORTS):
        assert saved.save(f"s{n}", "腾笼换鸟", sort=sort)["sort"] == sort
        assert client.get("/api/search", query_string={"q": "腾笼换鸟", "sort": sort}).status_code == 200
    assert client.get("/api/search", query_string={"q": "腾笼换鸟", "sort": "x"}).status_code == 400


def test_year_fields_take_years_only():
    assert set(fields.YEAR_FIELDS) == {"year", "period"}
    from archive.query import QueryError

    for name in fields.YEAR_FIELDS:
        with pytest.raises(QueryError, match=name):
            parse(f"腾笼换鸟 {name}:新仓镇")


def test_year_value():
    assert [bool(fields.YEAR_VALUE.fullmatch(v)) for v in ("2023", "2022-2024", "23", "2022-", "二〇二三")] == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_adding_a_field_changes_the_index_format(monkeypatch):
    """The build rebuilds an index whose format differs; a new field must make it differ."""
    before = fields.layout_digest()
    monkeypatch.setattr(
        fields,
        "FIELDS",
        (*fields.FIELDS, fields.Field("topic", "主题", "Topic", ("topic",), facet=True, column="coded")),
    )
    assert fields.layout_digest() != before
    from archive import store

    assert store.FORMAT.endswith(before)


def test_the_time_and_place_defaults_are_declared_once(client):
    import inspect

    from archive import batch, trends

    def default(command: str, option: str):
        return next(p for p in main.commands[command].params if p.name == option).default

    assert (fields.DEFAULT_TIME, fields.DEFAULT_PLACE) == ("year", "township")
    assert default("trend", "by") == default("batch", "time_") == fields.DEFAULT_TIME
    assert default("trend", "diffusion") == default("batch", "place") == fields.DEFAULT_PLACE
    for fn, time, place in ((trends.trend, "by", "level"), (batch.batch, "time", "place")):
        sig = inspect.signature(fn).parameters
        assert (sig[time].default, sig[place].default) == (fields.DEFAULT_TIME, fields.DEFAULT_PLACE)
    j = client.get("/api/batch", query_string={"phrases": "腾笼换鸟"}).get_json()
    assert (j["time"], j["place"]) == (fields.DEFAULT_TIME, fields.DEFAULT_PLACE)
    # the trends page keeps a non-default option in its form, and leaves a default out
    html = client.get("/trends", query_string={"q": "腾笼换鸟", "by": "period"}).get_data(as_text=True)
    assert '<input type="hidden" name="by" value="period">' in html
    assert 'name="diffusion" value=' not in html
