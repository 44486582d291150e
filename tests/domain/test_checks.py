"""Checks as data in the domain: when a check is judged, where its problem lands, the working-day
functions expressions call, and `definitions check` catching a misused check as `file:line: message`."""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.domain.located import located_problems
from tui_office.domain.calendar import load_calendar
from tui_office.domain.definition_files import check_paths, parse_definition
from tui_office.domain.definitions import EvalContext

CN = load_calendar("cn")
FORMS = Path(__file__).resolve().parents[1] / "engine_forms"
days = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))


@settings(max_examples=200, deadline=None)
@given(start=days, n=st.integers(min_value=1, max_value=60))
def test_counting_back_the_working_days_added_gives_the_number_added(start, n):
    assert CN.working_days_between(start, CN.add_working_days(start, n)) == n


@settings(max_examples=200, deadline=None)
@given(a=days, b=days)
def test_adding_the_working_days_between_two_working_days_reaches_the_second(a, b):
    a, b = CN.add_working_days(a, 0), CN.add_working_days(b, 0)  # the working day on or after each
    assert CN.add_working_days(a, CN.working_days_between(a, b)) == b
    assert CN.working_days_between(b, a) == -CN.working_days_between(a, b)


def test_working_days_between_skips_the_national_day_holiday():
    assert CN.working_days_between(date(2026, 9, 30), date(2026, 10, 8)) == 1  # 1–7 October off, 8th on


def form():
    return parse_definition((FORMS / "t_checks.toml").read_text(encoding="utf-8"), "t_checks.toml")


def problems(values: dict, today: date = date(2026, 11, 23)) -> list[str]:
    f = form()
    ctx = EvalContext(today=today, calendar=CN)
    return [p.line() for p in f.validate(f.coerce(values), ctx)]


BASE = {"subject": "S", "order_date": "2026-11-20", "items": [{"name": "a", "quantity": 1}]}


def test_a_check_waits_until_every_field_it_names_has_a_value():
    assert problems({**BASE, "start": "2026-11-25"}) == []
    assert problems({**BASE, "start": "2026-11-25", "end": "2026-11-20"}) == [
        "end: check_failed: The end is before the start."]


def test_row_problems_name_the_row_and_the_cell():
    rows = [{"name": "a", "quantity": 2}, {"name": "b", "quantity": -1, "delivery_date": "2026-11-01"}]
    assert problems({**BASE, "items": rows}) == [
        "items[2].quantity: check_failed: The quantity must be more than nothing.",
        "items[2].delivery_date: check_failed: Delivery cannot come before the order.",
    ]


def test_the_form_screen_sees_the_same_problems_through_evaluate():
    f = form()
    ctx = EvalContext(today=date(2026, 11, 23), calendar=CN)
    raw = {"subject": "S", "order_date": "2026-11-20", "start": "2026-11-25", "end": "2026-11-24",
           "items": [{"name": "a", "quantity": "0"}]}
    seen = [p.line() for p in f.evaluate(raw, ctx).problems]
    assert seen == ["end: check_failed: The end is before the start.",
                    "items[1].quantity: check_failed: The quantity must be more than nothing."]


def test_signing_on_friday_and_registering_on_monday_is_one_working_day():
    assert problems({**BASE, "signed": "2026-11-20"}) == []
    assert problems({**BASE, "signed": "2026-11-20"}, today=date(2026, 11, 24)) == [
        "signed: check_failed: A contract must be registered within one working day of signing."]


MISUSED = textwrap.dedent('''\
    id = "misused"
    title = { en = "Misused", zh = "误用" }
    prefix = "MU"
    [[fields]]
    id = "start"
    type = "date"
    [[fields]]
    id = "items"
    type = "table"
    [[fields.columns]]
    id = "qty"
    type = "integer"
    [[fields.checks]]
    check = "quantity > 0"
    message = { en = "Positive.", zh = "正数。" }
    [[fields.checks]]
    check = "qty > 0"
    column = "amount"
    message = { en = "Positive.", zh = "正数。" }
    [[checks]]
    check = "business_days(start) > 1"
    message = { en = "Soon.", zh = "尽快。" }
    [[checks]]
    check = "start >= today()"
    field = "finish"
    message = { en = "Not in the past." }
    [[steps]]
    id = "first"
    assignee = { dept_manager = true }
''')


def test_definitions_check_reports_each_misused_check_at_its_line(tmp_path):
    assert located_problems(tmp_path, MISUSED) == [
        "F:14: field 'items' row check: table 'items' has no column 'quantity' (nor is it a field or parameter)",
        "F:17: field 'items' row check 'qty > 0': table 'items' has no column 'amount'",
        "F:21: check: invalid expression 'business_days(start) > 1': Unknown function 'business_days' in"
        " 'business_days(start) > 1'; known functions: add_working_days, count, days, max, min, sum, today,"
        " working_days, working_days_between.",
        "F:24: check 'start >= today()': field 'finish' is not a field of the form",
        "F:26: check 'start >= today()': give its message in both languages, message = { en = \"…\", zh = \"…\" }",
    ]


def test_the_test_form_passes_the_definition_check():
    assert check_paths([FORMS / "t_checks.toml"]) == []


def test_one_day_is_the_smallest_step():
    assert CN.working_days_between(date(2026, 11, 23), date(2026, 11, 23) + timedelta(days=1)) == 1


def test_without_the_office_calendar_a_working_day_check_waits_instead_of_failing():
    f = form()
    values = f.coerce({**BASE, "signed": "2020-01-01"})
    assert f.validate(values) == []  # e.g. a dialog judging without the calendar
    assert [p.field for p in f.validate(values, EvalContext(today=date(2026, 11, 23), calendar=CN))] == ["signed"]
