"""The query language, including malformed input."""

import pytest

from archive.query import And, Not, Or, QueryError, Term, parse, year_range


def test_terms_are_anded_and_normalised():
    q = parse("騰籠換鳥 ＧＤＰ")
    assert q.tree == And((Term(("腾笼换鸟",)), Term(("gdp",))))


def test_quotes_hold_spaces_and_minus_excludes_and_or_joins():
    q = parse('"人人有责 人人尽责" -腾退 招大引强 OR 招大育强')
    assert q.tree == And(
        (Term(("人人有责", "人人尽责")), Not(Term(("腾退",))), Or((Term(("招大引强",)), Term(("招大育强",)))))
    )
    assert q.excludes == ["腾退"]


def test_inline_filters():
    q = parse("腾笼换鸟 township:新仓镇 township:林埭镇 year:2022-2024 speaker:金一 type:任务书")
    assert q.tree == Term(("腾笼换鸟",))
    assert q.filters == {
        "township": ["新仓镇", "林埭镇"],
        "year": ["2022-2024"],
        "speaker": ["金一"],
        "doc_type": ["任务书"],
    }
    assert year_range("2024-2022") == (2022, 2024)


def test_unknown_prefix_is_an_ordinary_term():
    assert parse("GDP:6.5%").tree == Term(("gdp:6.5%",))


def test_single_character_and_excluded_quoted_phrase():
    q = parse('棒 -"腾笼 换鸟"')
    assert q.tree == And((Term(("棒",)), Not(Term(("腾笼", "换鸟"))))) and q.excludes == ["腾笼 换鸟"]


@pytest.mark.parametrize(
    "bad,message",
    [
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
    ],
)
def test_malformed_queries_get_a_clear_message(bad, message):
    with pytest.raises(QueryError) as exc:
        parse(bad)
    assert message in str(exc.value)


def test_empty_query_parses_as_empty():
    assert parse("   ").is_empty()


@pytest.mark.parametrize(
    "text,tree",
    [
        ("腾笼换鸟 AND 千万工程", And((Term(("腾笼换鸟",)), Term(("千万工程",))))),
        ("腾笼换鸟 and 千万工程", And((Term(("腾笼换鸟",)), Term(("千万工程",))))),
        ("腾笼换鸟 or 筑巢引凤", Or((Term(("腾笼换鸟",)), Term(("筑巢引凤",))))),
        ("腾笼换鸟 Or 筑巢引凤", Or((Term(("腾笼换鸟",)), Term(("筑巢引凤",))))),
        ("腾笼换鸟 NOT 腾退", And((Term(("腾笼换鸟",)), Not(Term(("腾退",)))))),
        ("腾笼换鸟 not 腾退", And((Term(("腾笼换鸟",)), Not(Term(("腾退",)))))),
        ("(腾笼换鸟 OR 筑巢引凤) 千万工程", And((Or((Term(("腾笼换鸟",)), Term(("筑巢引凤",)))), Term(("千万工程",))))),
        (
            "（腾笼换鸟 OR 筑巢引凤）千万工程",
            And((Or((Term(("腾笼换鸟",)), Term(("筑巢引凤",)))), Term(("千万工程",)))),
        ),
        ("腾笼换鸟 OR (千万工程 -腾退)", Or((Term(("腾笼换鸟",)), And((Term(("千万工程",)), Not(Term(("腾退",)))))))),
        # OR binds tighter than AND, as before parentheses existed
        ("甲乙 丙丁 OR 戊己", And((Term(("甲乙",)), Or((Term(("丙丁",)), Term(("戊己",))))))),
        # IME and CJK quotes are quotes
        ("“腾笼换鸟”", Term(("腾笼换鸟",))),
        ("「腾笼换鸟 凤凰涅槃」", Term(("腾笼换鸟", "凤凰涅槃"))),
        ("『腾笼换鸟』 -“腾退”", And((Term(("腾笼换鸟",)), Not(Term(("腾退",)))))),
        ("＂腾笼换鸟＂", Term(("腾笼换鸟",))),
        # an operator word inside quotes is text
        ('"and"', Term(("and",))),
    ],
)
def test_operators_in_any_case_parentheses_and_cjk_quotes(text, tree):
    assert parse(text).tree == tree


def test_filters_with_full_width_colon_and_any_case_prefix():
    q = parse("腾笼换鸟 Province：浙江 county:平湖")
    assert q.filters == {"province": ["浙江"], "county": ["平湖"]} and q.tree == Term(("腾笼换鸟",))


@pytest.mark.parametrize(
    "bad,message",
    [
        ("(腾笼换鸟", "unclosed parenthesis"),
        ("腾笼换鸟)", "unopened parenthesis"),
        ("()", "empty parentheses"),
        ("腾笼换鸟 OR -腾退", "OR cannot join an excluded term"),
        ("腾笼换鸟 OR township:新仓镇", "filters apply to the whole query"),
        ("(腾笼换鸟 township:新仓镇)", "filters apply to the whole query"),
        ("腾笼换鸟 AND", "AND needs a term"),
        ("NOT", "needs a term"),
        ("「腾笼换鸟", "unclosed quote"),
        ("腾笼换鸟」", "unopened quote"),
    ],
)
def test_malformed_operators_get_a_clear_message(bad, message):
    with pytest.raises(QueryError) as exc:
        parse(bad)
    assert message in str(exc.value) and exc.value.key


def test_messages_carry_a_translation_key():
    with pytest.raises(QueryError) as exc:
        parse("腾" * 501)
    assert exc.value.key == "too_long" and exc.value.args_ == (501, 500)
