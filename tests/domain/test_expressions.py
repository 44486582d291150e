"""The safe expression language of form conditions and formulas."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_office.domain.errors import OfficeError
from tui_office.domain.expressions import (
    BUILTIN_FUNCTIONS,
    MAX_SOURCE_LENGTH,
    TODAY_KEY,
    Expression,
    ExpressionError,
    check_names,
    compile_expression,
)
from tui_office.i18n import set_language, t

ITEMS = [
    {"item": "Paper", "qty": 10, "price": Decimal("25.50")},
    {"item": "Toner", "qty": 2, "price": Decimal("480.00")},
]


def ev(source: str, env: dict | None = None, functions: dict | None = None) -> object:
    return compile_expression(source).evaluate(env or {}, functions)


def error_code(source: str, env: dict | None = None, functions: dict | None = None) -> str:
    with pytest.raises(ExpressionError) as info:
        ev(source, env, functions)
    return info.value.code


# --- the examples the definitions use ------------------------------------------------------


def test_condition_on_amount() -> None:
    expr = compile_expression("amount > 100000")
    assert expr.names == frozenset({"amount"})
    assert expr.functions == frozenset()
    assert expr.evaluate({"amount": Decimal("100000.01")}) is True
    assert expr.evaluate({"amount": Decimal("100000")}) is False
    assert expr.evaluate({"amount": 200000}) is True


def test_sum_of_line_items_is_exact_decimal() -> None:
    expr = compile_expression("sum(items.qty * items.price)")
    assert expr.names == frozenset({"items.qty", "items.price"})
    assert expr.functions == frozenset({"sum"})
    result = expr.evaluate({"items": ITEMS})
    assert result == Decimal("1215.00")
    assert isinstance(result, Decimal)


def test_working_days_is_supplied_by_the_caller() -> None:
    expr = compile_expression("working_days(start, end)")
    assert expr.functions == frozenset({"working_days"})
    calls = []

    def working_days(a: date, b: date) -> Decimal:
        calls.append((a, b))
        return Decimal("3.5")

    env = {"start": date(2026, 10, 8), "end": date(2026, 10, 10)}
    assert expr.evaluate(env, {"working_days": working_days}) == Decimal("3.5")
    assert calls == [(date(2026, 10, 8), date(2026, 10, 10))]
    with pytest.raises(ExpressionError) as info:
        expr.evaluate(env)
    assert info.value.code == "expression_function_unavailable"


def test_boolean_conditions() -> None:
    expr = compile_expression('type == "sick" and days > 3')
    assert expr.names == frozenset({"type", "days"})
    assert expr.evaluate({"type": "sick", "days": Decimal("3.5")}) is True
    assert expr.evaluate({"type": "sick", "days": 3}) is False
    assert expr.evaluate({"type": "annual", "days": 10}) is False
    cond = compile_expression("not urgent or amount >= threshold")
    assert cond.evaluate({"urgent": False, "amount": 1, "threshold": 5}) is True
    assert cond.evaluate({"urgent": True, "amount": 1, "threshold": 5}) is False
    assert cond.evaluate({"urgent": True, "amount": 5, "threshold": 5}) is True


def test_short_circuit_does_not_touch_missing_names() -> None:
    assert ev("a or missing", {"a": True}) is True
    assert ev("a and missing", {"a": False}) is False
    assert ev("1 if a else missing", {"a": True}) == 1


# --- numbers --------------------------------------------------------------------------------


def test_non_integer_literals_are_decimal() -> None:
    assert ev("0.1 + 0.2") == Decimal("0.3")
    assert isinstance(ev("1.5"), Decimal)
    assert ev("1_000.25 * 2") == Decimal("2000.50")
    assert ev("2 * 3") == 6
    assert isinstance(ev("2 * 3"), int)


def test_division_is_decimal() -> None:
    assert ev("10 / 4") == Decimal("2.5")
    assert isinstance(ev("10 / 5"), Decimal)
    assert ev("7 // 2") == 3
    assert ev("7 % 3") == 1
    assert ev("7.5 // 2") == Decimal("3")
    assert ev("-x", {"x": Decimal("2.5")}) == Decimal("-2.5")
    assert ev("+x", {"x": 3}) == 3


def test_division_by_zero() -> None:
    assert error_code("1 / 0") == "expression_division_by_zero"
    assert error_code("1 // x", {"x": Decimal(0)}) == "expression_division_by_zero"
    assert error_code("1 % 0") == "expression_division_by_zero"


def test_floats_in_values_become_decimal() -> None:
    assert ev("x + 0.2", {"x": 0.1}) == Decimal("0.3")


def test_comparisons_chained_and_membership() -> None:
    assert ev("1 < x <= 3", {"x": 3}) is True
    assert ev("1 < x <= 3", {"x": 4}) is False
    assert ev('type in ["sick", "annual"]', {"type": "sick"}) is True
    assert ev('type not in ("sick", "annual")', {"type": "sick"}) is False
    assert ev('"oo" in name', {"name": "Foo"}) is True
    assert ev("x != 2", {"x": 2}) is False
    assert ev("x == None", {"x": None}) is True


def test_conditional_expression() -> None:
    assert ev('"big" if amount > 10 else "small"', {"amount": 11}) == "big"
    assert ev('"big" if amount > 10 else "small"', {"amount": 1}) == "small"


def test_empty_values() -> None:
    assert ev("x + 1", {"x": None}) is None
    assert ev("x > 1", {"x": None}) is False
    assert ev("x < 1", {"x": None}) is False
    assert ev("sum(items.qty)", {"items": [{"qty": 1}, {"qty": None}, {}]}) == 1
    assert ev("sum(items.qty * items.price)", {"items": [{"qty": 2, "price": Decimal("1.5")}, {"qty": 3}]}) == Decimal(
        "3.0"
    )


def test_type_mismatch_is_an_expression_error() -> None:
    assert error_code('x > "a"', {"x": 1}) == "expression_type"
    assert error_code('d > "2026-01-01"', {"d": date(2026, 1, 2)}) == "expression_type"
    assert error_code('"a" * 3') == "expression_type"
    assert error_code("-s", {"s": "text"}) == "expression_type"
    assert error_code("x + 1", {"x": True}) == "expression_type"
    # equality of different kinds is simply false
    assert ev('x == "1"', {"x": 1}) is False


# --- dates ------------------------------------------------------------------------------------


def test_dates_compare_with_dates_and_strings_stay_strings() -> None:
    env = {"start": date(2026, 10, 1), "end": date(2026, 10, 7), "s": "2026-10-01"}
    assert ev("start < end", env) is True
    assert ev("end - start", env) == 6
    assert ev("start + 2", env) == date(2026, 10, 3)
    assert ev("end - 7", env) == date(2026, 9, 30)
    assert ev("s", env) == "2026-10-01"
    assert ev('s == "2026-10-01"', env) is True
    assert error_code("s < start", env) == "expression_type"


def test_days_counts_calendar_days_inclusive() -> None:
    env = {"a": date(2026, 2, 1), "b": date(2026, 2, 28)}
    assert ev("days(a, b)", env) == 28
    assert ev("days(a, a)", env) == 1
    assert ev("days(b, a)", env) == -26
    assert ev("days(a, b)", {"a": datetime(2026, 2, 1, 9), "b": date(2026, 2, 2)}) == 2
    assert ev("days(a, b)", {"a": None, "b": date(2026, 2, 2)}) is None
    assert error_code("days(a)", env) == "expression_arguments"
    assert error_code('days(a, "2026-02-03")', env) == "expression_argument"


def test_today_from_env_or_function() -> None:
    assert ev("today()", {TODAY_KEY: date(2026, 11, 23)}) == date(2026, 11, 23)
    assert ev("today()", {}, {"today": lambda: date(2027, 1, 1)}) == date(2027, 1, 1)
    assert ev("start > today()", {"start": date(2026, 11, 24), TODAY_KEY: date(2026, 11, 23)}) is True
    assert isinstance(ev("today()"), date)
    assert error_code("today(1)") == "expression_arguments"


# --- line items -------------------------------------------------------------------------------


def test_columns_and_elementwise_arithmetic() -> None:
    env = {"items": ITEMS, "rate": Decimal("0.1")}
    assert ev("items.qty", env) == [10, 2]
    assert ev("items.qty * 2", env) == [20, 4]
    assert ev("1 + items.qty", env) == [11, 3]
    assert ev("items.price * rate", env) == [Decimal("2.550"), Decimal("48.000")]
    assert ev("-items.qty", env) == [-10, -2]
    assert ev("count(items)", env) == 2
    assert ev("count(items.item)", env) == 2
    assert ev("max(items.price)", env) == Decimal("480.00")
    assert ev("min(items.qty)", env) == 2
    assert ev("sum(items.qty)", env) == 12
    assert ev("sum(items.qty * items.price) > 1000", env) is True
    assert ev("items.qty == [10, 2]", env) is True


def test_columns_of_different_lengths() -> None:
    assert error_code("a * b", {"a": [1, 2], "b": [1]}) == "expression_length_mismatch"


def test_empty_table() -> None:
    env = {"items": []}
    assert ev("sum(items.qty * items.price)", env) == 0
    assert ev("count(items)", env) == 0
    assert ev("max(items.price)", env) is None


def test_record_fields_and_bad_columns() -> None:
    assert ev("who.dept", {"who": {"dept": "Sales"}}) == "Sales"
    assert error_code("who.manager", {"who": {"dept": "Sales"}}) == "expression_unknown_name"
    assert error_code("amount.value", {"amount": 5}) == "expression_no_column"
    assert error_code("items.qty.x", {"items": ITEMS}) == "expression_no_column"


def test_functions_over_several_arguments() -> None:
    assert ev("sum(1, 2.5, x)", {"x": 3}) == Decimal("6.5")
    assert ev("max(a, b)", {"a": date(2026, 1, 1), "b": date(2026, 3, 1)}) == date(2026, 3, 1)
    assert ev("min(a, 3)", {"a": 5}) == 3
    assert ev("count(a, b, c)", {"a": 1, "b": None, "c": ""}) == 1
    assert ev("max()") is None
    assert error_code('sum("a")') == "expression_argument"
    assert error_code('max(1, "a")') == "expression_argument"


# --- names and functions found by the checker -------------------------------------------------


def test_names_and_functions_are_collected() -> None:
    expr = compile_expression("working_days(start, end) > limit and sum(items.qty) >= min(a, b)")
    assert expr.names == frozenset({"start", "end", "limit", "items.qty", "a", "b"})
    assert expr.functions == frozenset({"working_days", "sum", "min"})
    assert isinstance(expr, Expression)
    assert expr.source == "working_days(start, end) > limit and sum(items.qty) >= min(a, b)"
    assert str(expr) == expr.source


def test_check_names_reports_unknown_names() -> None:
    known = {"start", "end", "items", "items.qty", "items.price"}
    assert check_names("working_days(start, ende) + sum(items.qty * items.prise)", known) == [
        "ende",
        "items.prise",
    ]
    assert check_names(compile_expression("count(items)"), known) == []


def test_unknown_function_rejected_at_compile_time() -> None:
    with pytest.raises(ExpressionError) as info:
        compile_expression("open('/etc/passwd')")
    assert info.value.code == "expression_unknown_function"
    assert info.value.params["name"] == "open"
    # extra caller functions may be declared
    expr = compile_expression("fx(amount)", functions={"fx"})
    assert expr.evaluate({"amount": 2}, {"fx": lambda a: a * 2}) == 4
    assert "working_days" in BUILTIN_FUNCTIONS and "today" in BUILTIN_FUNCTIONS


def test_missing_name_names_the_name() -> None:
    with pytest.raises(ExpressionError) as info:
        ev("amount > 5", {})
    assert info.value.code == "expression_unknown_name"
    assert "amount" in str(info.value)
    with pytest.raises(ExpressionError) as info:
        ev("sum(items.qty)", {})
    assert "items" in str(info.value)


@pytest.mark.parametrize(
    "source",
    [
        "2 ** 10",
        "__import__('os')",
        "x.__class__",
        "x._private",
        "_secret",
        "x[0]",
        "lambda: 1",
        "[i for i in x]",
        "{1: 2}",
        "{1, 2}",
        "f'{x}'",
        "x is None",
        "~x",
        "x << 2",
        "x & y",
        "(y := 1)",
        "sum(*x)",
        "sum(x, start=1)",
        "x.y()",
        "sum(x)(1)",
        "(1).real",
        '"abc".upper()',
        "1j",
        "b'bytes'",
        "...",
        "x if y",
        "import os",
        "a = 1",
        "",
        "   ",
        "1 +",
        "\x00",
        "a; b",
    ],
)
def test_not_allowed_or_unreadable(source: str) -> None:
    with pytest.raises(ExpressionError):
        compile_expression(source)


def test_limits() -> None:
    with pytest.raises(ExpressionError) as info:
        compile_expression("1 + " * MAX_SOURCE_LENGTH + "1")
    assert info.value.code == "expression_too_long"
    with pytest.raises(ExpressionError) as info:
        compile_expression("-" * 200 + "1")
    assert info.value.code == "expression_too_deep"
    assert compile_expression("(" * 150 + "1" + ")" * 150).evaluate({}) == 1  # brackets add no depth
    with pytest.raises(ExpressionError):
        compile_expression("(" * 300 + "1" + ")" * 300)
    with pytest.raises(ExpressionError):
        compile_expression("not " * 240 + "x")


def test_multiline_source() -> None:
    assert ev("amount > 5\n and urgent", {"amount": 6, "urgent": True}) is True


def test_caller_function_failures_become_expression_errors() -> None:
    def boom(*args: object) -> object:
        raise RuntimeError("calendar broken")

    with pytest.raises(ExpressionError) as info:
        ev("working_days(a, b)", {"a": 1, "b": 2}, {"working_days": boom})
    assert info.value.code == "expression_function_failed"


def test_error_is_an_office_error_with_both_languages() -> None:
    assert issubclass(ExpressionError, OfficeError)
    try:
        with pytest.raises(ExpressionError) as info:
            ev("amount > 5", {})
        set_language("zh-CN")
        assert "amount" in str(info.value)
        assert str(info.value) != t("error.expression_unknown_name", lang="en", name="amount", source="amount > 5")
    finally:
        set_language("en")


def test_catalogues_have_the_same_keys() -> None:
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "tui_office" / "i18n"
    for area in ("expressions", "calendar"):
        en = tomllib.loads((root / "en" / f"{area}.toml").read_text(encoding="utf-8"))
        zh = tomllib.loads((root / "zh_CN" / f"{area}.toml").read_text(encoding="utf-8"))
        assert {k: set(v) for k, v in en.items()} == {k: set(v) for k, v in zh.items()}


# --- property tests: nothing but ExpressionError, whatever the input ---------------------------

ENV = {
    "amount": Decimal("1234.50"),
    "n": 7,
    "zero": 0,
    "flag": True,
    "nothing": None,
    "type": "sick",
    "start": date(2026, 10, 1),
    "end": date(2026, 10, 9),
    "stamp": datetime(2026, 10, 1, 9, 30),
    "items": ITEMS,
    "who": {"dept": "Sales"},
    "big": 10**300,
    "tiny": Decimal("1E-900000"),
    "huge": Decimal("9E+900000"),
    TODAY_KEY: date(2026, 11, 23),
}
FUNCTIONS = {"working_days": lambda a, b: Decimal(len(str(a)) + len(str(b)))}


def _run(source: str) -> None:
    try:
        expr = compile_expression(source)
    except ExpressionError:
        return
    try:
        expr.evaluate(ENV, FUNCTIONS)
    except ExpressionError:
        pass


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_arbitrary_text_raises_only_expression_error(source: str) -> None:
    _run(source)


ALPHABET = "abcdefinorstuxyz0123456789_.+-*/%<>=!()[],\"' \n\t"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120))
def test_expression_like_text_raises_only_expression_error(source: str) -> None:
    _run(source)


_atoms = st.one_of(
    st.sampled_from(sorted(k for k in ENV if not k.startswith("_"))),
    st.sampled_from(["items.qty", "items.price", "items.item", "who.dept", "who.nope", "missing", "n.x"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: str(abs(d))),
    st.sampled_from(['"sick"', "''", "True", "False", "None", "0", "0.0", "1e999", "9" * 200, "[1, 2]", "[]"]),
)


def _compose(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(
        children,
        st.sampled_from(["+", "-", "*", "/", "//", "%", "<", "<=", ">", ">=", "==", "!=", "in", "not in", "and", "or"]),
        children,
    ).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
    unary = st.tuples(st.sampled_from(["-", "+", "not "]), children).map(lambda t: f"{t[0]}({t[1]})")
    conditional = st.tuples(children, children, children).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})")
    call = st.tuples(
        st.sampled_from(["sum", "count", "min", "max", "days", "today", "working_days"]),
        st.lists(children, max_size=3),
    ).map(lambda t: f"{t[0]}({', '.join(t[1])})")
    listed = st.lists(children, max_size=3).map(lambda xs: f"[{', '.join(xs)}]")
    return st.one_of(binary, unary, conditional, call, listed)


EXPRESSIONS = st.recursive(_atoms, _compose, max_leaves=25)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRESSIONS)
def test_generated_expressions_raise_only_expression_error(source: str) -> None:
    _run(source)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "qty": st.one_of(st.none(), st.integers(-1000, 1000)),
                "price": st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=2)),
            }
        ),
        max_size=8,
    )
)
def test_line_item_total_matches_python(rows: list[dict]) -> None:
    expected = sum(
        (r["qty"] * r["price"] for r in rows if r["qty"] is not None and r["price"] is not None),
        Decimal(0),
    )
    assert ev("sum(items.qty * items.price)", {"items": rows}) == expected


def test_datetime_difference_in_days() -> None:
    env = {"a": datetime(2026, 1, 1, 9), "b": datetime(2026, 1, 2, 21)}
    assert ev("b - a", env) == Decimal("1.5")
    assert error_code("b - d", {**env, "d": date(2026, 1, 1)}) == "expression_type"


def test_a_kept_copy_of_an_expression_evaluates_the_same() -> None:
    """Parsed forms are kept between starts (pickled): literals and aggregates found when compiling
    must still be found in the copy."""
    import pickle

    from tui_office.domain.expressions import AGGREGATE

    source = "sum(form='office_supplies', field='quantity', by=item, within='30 days') + quantity * 1.5 > 40"
    expr = compile_expression(source)
    copy = pickle.loads(pickle.dumps(expr))
    answers = {AGGREGATE: lambda use, by, filters: Decimal(30)}
    env = {"item": "toner", "quantity": 7}
    assert expr.evaluate(env, answers) is True
    assert copy.evaluate(env, answers) is True
    assert copy.evaluate({"item": "toner", "quantity": 6}, answers) is False
