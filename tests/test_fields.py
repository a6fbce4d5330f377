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


def test_the_paragraph_record_has_exactly_the_declared_fields_in_order():
    assert tuple(f.name for f in dataclasses.fields(Paragraph)) == fields.PARAGRAPH_FIELDS


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


@pytest.mark.parametrize("f", [f for f in fields.FIELDS if f.facet or f.filter], ids=lambda f: f.name)
def test_every_filter_is_a_web_argument_and_a_cli_option(f):
    value = "2023" if f.name in fields.YEAR_FIELDS else "x"
    assert parse_args(MultiDict([(f.arg, value)])).filters == {f.name: [value]}
    search = main.commands["search"]
    assert f"--{f.arg}" in {o for p in search.params for o in p.opts}


def test_place_facets_run_outermost_first():
    order = [name for name, _ in fields.place_facets_top_down()]
    assert order == ["province", "city", "county", "township"]
    for name, parent in fields.place_facets_top_down():
        assert parent is None or order.index(parent) < order.index(name)
    assert not {f.name for f in fields.flat_facets()} & set(order)


def test_sorts_are_one_list():
    sort = next(p for p in main.commands["search"].params if p.name == "sort")
    assert tuple(sort.type.choices) == fields.SORTS
    assert fields.DEFAULT_SORT in fields.SORTS


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
