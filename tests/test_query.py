"""The query language, including malformed input."""
import pytest

from archive.query import QueryError, parse, year_range


def test_terms_are_anded_and_normalised():
    q = parse("騰籠換鳥 ＧＤＰ")
    assert q.groups == [["腾笼换鸟"], ["gdp"]]


def test_quotes_hold_spaces_and_minus_excludes_and_or_joins():
    q = parse('"人人有责 人人尽责" -腾退 招大引强 OR 招大育强')
    assert q.groups == [["人人有责 人人尽责"], ["招大引强", "招大育强"]]
    assert q.excludes == ["腾退"]


def test_inline_filters():
    q = parse("腾笼换鸟 township:新仓镇 township:林埭镇 year:2022-2024 speaker:金一 type:任务书")
    assert q.groups == [["腾笼换鸟"]]
    assert q.filters == {"township": ["新仓镇", "林埭镇"], "year": ["2022-2024"], "speaker": ["金一"],
                         "doc_type": ["任务书"]}
    assert year_range("2024-2022") == (2022, 2024)


def test_unknown_prefix_is_an_ordinary_term():
    assert parse("GDP:6.5%").groups == [["gdp:6.5%"]]


def test_single_character_and_excluded_quoted_phrase():
    q = parse('棒 -"腾笼 换鸟"')
    assert q.groups == [["棒"]] and q.excludes == ["腾笼 换鸟"]


@pytest.mark.parametrize("bad,message", [
    ('"腾笼换鸟', "unclosed quote"),
    ("-", "needs a term"),
    ("OR 腾笼换鸟", "OR needs a term"),
    ("腾笼换鸟 OR", "OR needs a term"),
    ("腾笼换鸟 OR OR 千万工程", "OR needs a term"),
    ("-腾退", "exclusions only"),
    ("year:二〇二三", "year:"),
    ("township:", "needs a value"),
    ('""', "empty quotes"),
    ("腾" * 10_000, "too long"),
])
def test_malformed_queries_get_a_clear_message(bad, message):
    with pytest.raises(QueryError) as exc:
        parse(bad)
    assert message in str(exc.value)


def test_empty_query_parses_as_empty():
    assert parse("   ").is_empty()
